//! `rapportbok pdf`: build the book, then print one PDF per notebook through headless
//! Chromium, with the theme's A4 print style (title, period and page numbers in the margins).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{
    BookArgs, FAILED_CELLS, FATAL, ParamArgs, build_in_memory, load_book, print_diagnostics,
    summary_line,
};
use crate::build::write_site;
use crate::paths::page_path;
use crate::publish::pdf::{find_chromium, page_count, print_page, without_sandbox};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub book: BookArgs,
    /// Mappen PDF-filerna skrivs till, en fil per notebook.
    #[arg(long, value_name = "MAPP", default_value = "pdf")]
    pub out: PathBuf,
    /// Kör Chromium utan dess sandlåda (behövs i en del containrar). Som root görs det alltid,
    /// eftersom Chromium annars inte startar.
    #[arg(long)]
    pub no_sandbox: bool,
    #[command(flatten)]
    pub params: ParamArgs,
}

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn run(args: Args) -> ExitCode {
    let chromium = match find_chromium() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("fel: {e:#}");
            return ExitCode::from(FATAL);
        }
    };
    let book = match load_book(&args.book) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let no_sandbox = without_sandbox(args.no_sandbox);
    let (files, diagnostics) = build_in_memory(&book, &args.params.params);
    print_diagnostics(&diagnostics);

    let scratch =
        Scratch(std::env::temp_dir().join(format!("rapportbok-pdf-{}", std::process::id())));
    let site = scratch.0.join("sajt");
    if let Err(e) = std::fs::create_dir_all(&scratch.0)
        .map_err(anyhow::Error::from)
        .and_then(|()| write_site(&site, &files).map(|_| ()))
    {
        eprintln!(
            "fel: kunde inte förbereda utskriften i {}: {e:#}",
            scratch.0.display()
        );
        return ExitCode::from(FATAL);
    }
    let pages: Vec<String> = book
        .summary
        .chapters()
        .iter()
        .filter_map(|c| c.path.as_ref().map(|p| page_path(p)))
        .collect();
    eprintln!(
        "Skriver ut {} PDF-filer med {} …",
        pages.len(),
        chromium.display()
    );
    for (i, page) in pages.iter().enumerate() {
        let pdf = args.out.join(pdf_name(page));
        let profile = scratch.0.join(format!("profil-{i}"));
        if let Err(e) = print_page(&chromium, &site.join(page), &pdf, &profile, no_sandbox) {
            eprintln!("fel: {e:#}");
            return ExitCode::from(FATAL);
        }
        let pages_in_pdf = std::fs::read(&pdf).map(|b| page_count(&b)).unwrap_or(0);
        let unit = if pages_in_pdf == 1 { "sida" } else { "sidor" };
        eprintln!("  {} ({pages_in_pdf} {unit})", pdf.display());
    }
    eprintln!(
        "Klart: {} PDF-filer i {}, {}.",
        pages.len(),
        args.out.display(),
        summary_line(&diagnostics)
    );
    if diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED_CELLS)
    }
}

/// `handbok/data.html` → `handbok/data.pdf`.
fn pdf_name(page: &str) -> PathBuf {
    Path::new(page).with_extension("pdf")
}
