//! `rapportbok new`: a new book from a template (`--mall manadsrapport|delarsrapport|tom`)
//! that builds at once, with a table and a chart, and a plugin folder for `plugins new`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{FATAL, write_files};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Mappen där den nya boken skapas (får inte innehålla filer).
    #[arg(value_name = "MAPP")]
    pub dir: PathBuf,
    /// Mallen boken utgår från: manadsrapport (standard), delarsrapport eller tom.
    #[arg(long = "mall", value_name = "MALL", default_value = "manadsrapport")]
    pub template: Template,
}

/// The books `new` can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Template {
    /// A monthly report: prose, a ledger, a resultaträkning, a table per unit and a chart.
    Manadsrapport,
    /// An interim report: summary, resultaträkning with forecast, forecast per unit, charts.
    Delarsrapport,
    /// One notebook with a small table and chart, no data.
    Tom,
}

/// A small ledger in the long layout (period, enhet, post, typ, varde), shared by the
/// report templates.
const LEDGER: (&str, &str) = (
    "data/huvudbok.csv",
    include_str!("template/data/huvudbok.csv"),
);
const GITIGNORE: (&str, &str) = (".gitignore", "site/\n");
/// `[plugins] paths` points here, so `plugins new` works in a new book.
const PLUGINS: (&str, &str) = (
    "plugins/LÄSMIG.md",
    "# Tillägg\n\nBokens egna tillägg: `rapportbok plugins new NAMN` skapar ett här.\n",
);

const MANADSRAPPORT: &[(&str, &str)] = &[
    (
        "book.toml",
        include_str!("template/manadsrapport/book.toml"),
    ),
    (
        "notebooks/SUMMARY.md",
        include_str!("template/manadsrapport/notebooks/SUMMARY.md"),
    ),
    (
        "notebooks/manadsrapport.md",
        include_str!("template/manadsrapport/notebooks/manadsrapport.md"),
    ),
    (
        "notebooks/ekonomi.md",
        include_str!("template/manadsrapport/notebooks/ekonomi.md"),
    ),
    (
        "data/kommentar.txt",
        include_str!("template/manadsrapport/data/kommentar.txt"),
    ),
    LEDGER,
    PLUGINS,
    GITIGNORE,
];

const DELARSRAPPORT: &[(&str, &str)] = &[
    (
        "book.toml",
        include_str!("template/delarsrapport/book.toml"),
    ),
    (
        "notebooks/SUMMARY.md",
        include_str!("template/delarsrapport/notebooks/SUMMARY.md"),
    ),
    (
        "notebooks/sammanfattning.md",
        include_str!("template/delarsrapport/notebooks/sammanfattning.md"),
    ),
    (
        "notebooks/ekonomi.md",
        include_str!("template/delarsrapport/notebooks/ekonomi.md"),
    ),
    LEDGER,
    PLUGINS,
    GITIGNORE,
];

const TOM: &[(&str, &str)] = &[
    ("book.toml", include_str!("template/tom/book.toml")),
    (
        "notebooks/SUMMARY.md",
        include_str!("template/tom/notebooks/SUMMARY.md"),
    ),
    (
        "notebooks/rapport.md",
        include_str!("template/tom/notebooks/rapport.md"),
    ),
    (
        "data/LÄSMIG.txt",
        include_str!("template/tom/data/LÄSMIG.txt"),
    ),
    PLUGINS,
    GITIGNORE,
];

impl Template {
    /// The files of a new book, relative to its folder.
    pub fn files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Template::Manadsrapport => MANADSRAPPORT,
            Template::Delarsrapport => DELARSRAPPORT,
            Template::Tom => TOM,
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    match create(&args.dir, args.template) {
        Ok(()) => {
            println!("Skapade en ny bok i {}.", args.dir.display());
            println!(
                "Förhandsvisa den med: rapportbok serve --book {}",
                args.dir.display()
            );
            println!(
                "Bygg den med:        rapportbok build --book {}",
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

/// Write `template` into `dir`, which must be missing or empty.
pub fn create(dir: &Path, template: Template) -> Result<(), String> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("kunde inte läsa mappen: {e}"))?;
        if entries.next().is_some() {
            return Err(
                "mappen finns redan och innehåller filer; välj en ny eller tom mapp".into(),
            );
        }
    }
    write_files(dir, template.files().iter().copied())
}
