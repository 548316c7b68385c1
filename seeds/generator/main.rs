//! `cargo run --example generate-seeds [-- OUT_DIR [SCALE]]`: writes the example book's data
//! files (default `seeds/`, scale 1). A larger scale writes more units for benchmarks.

#[path = "mod.rs"]
mod generator;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "seeds".into()));
    let scale: u32 = match args.next() {
        Some(s) => s
            .parse()
            .map_err(|_| anyhow::anyhow!("SCALE ska vara ett positivt heltal, inte `{s}`"))?,
        None => 1,
    };
    for path in generator::write_all(&out, scale)? {
        println!("{}", out.join(path).display());
    }
    Ok(())
}
