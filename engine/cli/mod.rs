//! The command line: one file per command; this file holds the argument definitions.

mod build;
mod check;
mod docx;
mod new;
mod pdf;
pub mod plugins;
mod publish;
mod render;
mod serve;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::book::parse_cli_param;
use crate::diag::Diagnostic;

/// rapportbok – månads- och delårsrapporter som notebooks: Markdown med Rhai-celler,
/// byggda till en tillgänglig webbplats.
#[derive(Debug, Parser)]
#[command(name = "rapportbok", version, about, long_about = None, disable_help_subcommand = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bygg hela boken till en statisk webbplats (standard: mappen site/).
    Build(build::Args),
    /// Kör och visa en enda notebook som en HTML-sida.
    Render(render::Args),
    /// Kör alla celler och rapportera fel, utan att skriva något.
    Check(check::Args),
    /// Skapa en ny bok med en exempelnotebook.
    New(new::Args),
    /// Tillägg: delade Rhai-moduler (list, doc, test, new, update).
    Plugins(plugins::Args),
    /// Förhandsvisa boken i webbläsaren; sidorna uppdateras när du sparar.
    Serve(serve::Args),
    /// Publicera boken atomiskt till intranätet, som en ny version (eller --rollback).
    Publish(publish::Args),
    /// Kontrollera att den publicerade webbplatsen blir likadan när den byggs om.
    Verify(verify::Args),
    /// Skriv ut en PDF per notebook (A4) med Chromium.
    Pdf(pdf::Args),
    /// Skriv en Word-fil (.docx) per rapport, eller en notebook som Word-fil.
    Docx(docx::Args),
}

/// Options shared by the commands that work on a book.
#[derive(Debug, clap::Args)]
pub struct BookArgs {
    /// Bokens mapp (där book.toml ligger).
    #[arg(long, value_name = "MAPP", default_value = ".")]
    pub book: PathBuf,
    /// Kör SQL-frågorna mot databasen igen och skriv nya ögonblicksbilder (annars läses de sparade).
    #[arg(long)]
    pub uppdatera: bool,
}

/// `--param namn=värde`, repeatable; overrides book.toml and front matter.
#[derive(Debug, Clone, clap::Args)]
pub struct ParamArgs {
    /// Sätt en parameter, till exempel --param period=2024-02 (går före book.toml och front matter).
    #[arg(long = "param", value_name = "NAMN=VÄRDE", value_parser = parse_cli_param)]
    pub params: Vec<(String, String)>,
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Render(args) => render::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Plugins(args) => plugins::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Publish(args) => publish::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Pdf(args) => pdf::run(args),
        Command::Docx(args) => docx::run(args),
    }
}

/// Load the book `--book` names; on failure print why and give the exit code to return.
pub(crate) fn load_book(args: &BookArgs) -> Result<crate::book::Book, ExitCode> {
    let mut book = crate::book::Book::load(&args.book).map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(FATAL)
    })?;
    if args.uppdatera {
        book.refresh_sources();
    }
    Ok(book)
}

/// Say which book is being built (`build`, `publish`, `pdf`).
pub(crate) fn announce_build(book: &crate::book::Book) {
    eprintln!(
        "Bygger ”{}” ({} notebooks) …",
        book.config.book.title,
        book.summary.chapters().len()
    );
}

/// Build the whole book in memory (`publish`, `pdf`), one progress line per notebook.
pub(crate) fn build_in_memory(
    book: &crate::book::Book,
    params: &[(String, String)],
) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    announce_build(book);
    let warnings = std::sync::Mutex::new(Vec::new());
    let progress = |r: &crate::build::RenderedNotebook, done: usize, total: usize| {
        eprintln!("  [{done}/{total}] {}", r.source.display());
        if let (Some(w), Ok(mut all)) = (printed_warning(r), warnings.lock()) {
            all.push(w);
        }
    };
    let built = crate::build::site_files(book, params, &progress);
    let mut warnings = warnings.into_inner().unwrap_or_default();
    warnings.sort();
    for w in warnings {
        eprintln!("{w}");
    }
    built
}

/// A warning for a page that shows `print` output (left in while writing, probably).
pub(crate) fn printed_warning(r: &crate::build::RenderedNotebook) -> Option<String> {
    let lines = &r.body.printed;
    if lines.is_empty() {
        return None;
    }
    let listed: Vec<String> = lines.iter().map(usize::to_string).collect();
    Some(format!(
        "varning: {}: sidan visar utskrift från print() ({} {}); ta bort print() om \
         utskriften inte ska publiceras",
        r.source.display(),
        if lines.len() == 1 {
            "cellen på rad"
        } else {
            "cellerna på raderna"
        },
        listed.join(", ")
    ))
}

/// Write scaffold files (`rapportbok new`, `plugins new`) below `dir`, creating folders.
pub(crate) fn write_files<P, T>(
    dir: &std::path::Path,
    files: impl IntoIterator<Item = (P, T)>,
) -> Result<(), String>
where
    P: AsRef<std::path::Path>,
    T: AsRef<[u8]>,
{
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("kunde inte skapa {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| format!("kunde inte skriva {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Print diagnostics to stderr, one per line, as `path:line:col: message`.
pub(crate) fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// Exit code 1: the work was done but something in the notebooks failed.
pub(crate) const FAILED_CELLS: u8 = 1;
/// Exit code 2: the work could not be done (bad book.toml, missing files, I/O).
pub(crate) const FATAL: u8 = 2;

pub(crate) fn summary_line(diags: &[Diagnostic]) -> String {
    match diags.len() {
        0 => "inga fel".into(),
        1 => "1 fel".into(),
        n => format!("{n} fel"),
    }
}
