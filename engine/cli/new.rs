//! `rapportbok new`: a new book with a notebook that shows the format and builds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{FATAL, write_files};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Mappen där den nya boken skapas (får inte innehålla filer).
    #[arg(value_name = "MAPP")]
    pub dir: PathBuf,
}

/// The files of a new book, relative to its folder.
const FILES: &[(&str, &str)] = &[
    ("book.toml", include_str!("template/book.toml")),
    (
        "notebooks/SUMMARY.md",
        include_str!("template/notebooks/SUMMARY.md"),
    ),
    (
        "notebooks/manadsrapport.md",
        include_str!("template/notebooks/manadsrapport.md"),
    ),
    (
        "data/kommentar.txt",
        include_str!("template/data/kommentar.txt"),
    ),
    (".gitignore", "site/\n"),
];

pub fn run(args: Args) -> ExitCode {
    match create(&args.dir) {
        Ok(()) => {
            eprintln!("Skapade en ny bok i {}.", args.dir.display());
            eprintln!(
                "Bygg den med: rapportbok build --book {}",
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", args.dir.display());
            ExitCode::from(FATAL)
        }
    }
}

/// Write the template book into `dir`, which must be missing or empty.
pub fn create(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("kunde inte läsa mappen: {e}"))?;
        if entries.next().is_some() {
            return Err(
                "mappen finns redan och innehåller filer; välj en ny eller tom mapp".into(),
            );
        }
    }
    write_files(dir, FILES.iter().copied())
}
