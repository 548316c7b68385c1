//! Benchmark: what publishing adds to a build. A generated book of 50 notebooks, each reading
//! a 2,000-row export into a titled table; times the in-memory build, the accessibility check
//! over every page, a publish (write, fsync, link swap), and a verify-style compare. Also the
//! SHA-256 throughput that provenance pays per data file (once per file per build).

use std::path::Path;
use std::time::Instant;

mod common;
use common::median;

use rapportbok::book::Book;
use rapportbok::build::site_files;
use rapportbok::provenance::sha256_hex;
use rapportbok::publish::{Target, check_site, compare, read_site};

const NOTEBOOKS: usize = 50;
const ROWS: usize = 2_000;
const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    generate(dir.path());
    let book = Book::load(dir.path()).expect("generated book loads");
    let mut build = Vec::new();
    let mut check = Vec::new();
    let mut publish = Vec::new();
    let mut verify = Vec::new();
    for run in 0..RUNS {
        let t = Instant::now();
        let (mut files, diags) = site_files(&book, &[], &|_, _, _| {});
        build.push(ms(t));
        assert!(diags.is_empty(), "{diags:?}");

        let t = Instant::now();
        let problems = check_site(&files);
        check.push(ms(t));
        assert!(problems.is_empty(), "{problems:?}");

        // Each run publishes a different site, so every run writes a new version.
        files[0]
            .1
            .extend_from_slice(format!("<!-- {run} -->").as_bytes());
        let target = Target::new(&dir.path().join("www")).expect("target");
        let t = Instant::now();
        target.publish(&files).expect("publish");
        target.prune(3).expect("prune");
        publish.push(ms(t));

        let t = Instant::now();
        let published = read_site(&target.link).expect("read");
        let changes = compare(&published, &files);
        verify.push(ms(t));
        assert!(changes.is_empty());
    }
    let pages = NOTEBOOKS + 2;
    println!(
        "publish bench: {NOTEBOOKS} notebooks × {ROWS}-row export, {pages} pages, median of {RUNS}"
    );
    println!("  build in memory:      {:>8.1} ms", median(build));
    println!("  accessibility check:  {:>8.1} ms", median(check));
    println!("  publish (fsync, swap):{:>8.1} ms", median(publish));
    println!("  read + compare:       {:>8.1} ms", median(verify));

    let data = vec![b'7'; 41 * 1024 * 1024];
    let t = Instant::now();
    let hash = sha256_hex(&data);
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(hash.len(), 64);
    println!(
        "  SHA-256 of a 41 MiB export: {:.1} ms ({:.0} MiB/s)",
        secs * 1000.0,
        41.0 / secs
    );
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn generate(root: &Path) {
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        "book.toml",
        "[book]\ntitle = \"Bänk\"\nsrc = \"nb\"\n\n[data]\ndir = \"data\"\n\n[params]\nperiod = \"2024-02\"\n",
    );
    let mut summary = String::from("# Innehåll\n\n");
    for i in 0..NOTEBOOKS {
        summary.push_str(&format!("- [Kapitel {i}](k{i}.md)\n"));
        write(
            &format!("nb/k{i}.md"),
            &format!(
                "# Kapitel {i}\n\nUtfallet för enhet {i}.\n\n## Tabell\n\n```rhai\nlet t = read_csv(\"enhet{i}.csv\");\nt.group_by(\"Konto\", \"Utfall\").title(\"Utfall per konto, enhet {i}\")\n```\n\nSumma {{{{ t.len() }}}} rader.\n"
            ),
        );
        let mut csv = String::from("Konto;Utfall\n");
        for r in 0..ROWS {
            csv.push_str(&format!("{};{},{}\n", 4000 + r % 40, r * 7 % 1000, r % 100));
        }
        write(&format!("data/enhet{i}.csv"), &csv);
    }
    write("nb/SUMMARY.md", &summary);
}
