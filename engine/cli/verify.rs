//! `rapportbok verify`: rebuild from the current files and say whether the published pages
//! would come out the same; names the pages that differ and why (from their provenance).

use std::path::PathBuf;
use std::process::ExitCode;

use super::publish::print_changes;
use super::{BookArgs, FAILED_CELLS, FATAL, ParamArgs, load_book, print_diagnostics, summary_line};
use crate::build::{count_pages, site_files};
use crate::publish::{compare, read_site};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub book: BookArgs,
    /// Den publicerade mappen (samma som för publish --to), eller en mapp från build --out.
    #[arg(long, value_name = "MAPP")]
    pub to: PathBuf,
    #[command(flatten)]
    pub params: ParamArgs,
}

pub fn run(args: Args) -> ExitCode {
    let book = match load_book(&args.book) {
        Ok(b) => b,
        Err(code) => return code,
    };
    if !args.to.is_dir() {
        eprintln!(
            "fel: {} finns inte; ange mappen som publicerats med --to",
            args.to.display()
        );
        return ExitCode::from(FATAL);
    }
    let published = match read_site(&args.to) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("fel: {e:#}");
            return ExitCode::from(FATAL);
        }
    };
    eprintln!(
        "Bygger om ”{}” och jämför med {} …",
        book.config.book.title,
        args.to.display()
    );
    let (files, diagnostics) = site_files(&book, &args.params.params, &|_, _, _| {});
    print_diagnostics(&diagnostics);
    let changes = compare(&published, &files);
    if changes.is_empty() {
        eprintln!(
            "Samma: alla {} publicerade sidor blir likadana när de byggs om från nuvarande filer.",
            count_pages(&files)
        );
        return if diagnostics.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(FAILED_CELLS)
        };
    }
    print_changes(&changes, &published, &files);
    eprintln!(
        "Skiljer sig: den publicerade webbplatsen motsvarar inte nuvarande filer{}.",
        if diagnostics.is_empty() {
            String::new()
        } else {
            format!(" (och ombygget har {})", summary_line(&diagnostics))
        }
    );
    ExitCode::from(FAILED_CELLS)
}
