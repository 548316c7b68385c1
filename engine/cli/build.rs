//! `rapportbok build`: the whole book to a static site.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::{
    BookArgs, FAILED_CELLS, FATAL, ParamArgs, announce_build, load_book, print_diagnostics,
    summary_line,
};
use crate::build::{RenderedNotebook, build_site};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub book: BookArgs,
    /// Mappen webbplatsen skrivs till (standard: build-dir i book.toml, annars site/).
    #[arg(long, value_name = "MAPP")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub params: ParamArgs,
}

pub fn run(args: Args) -> ExitCode {
    let started = Instant::now();
    let book = match load_book(&args.book) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let out = args.out.unwrap_or_else(|| book.build_dir());
    announce_build(&book);
    let progress = |r: &RenderedNotebook, done: usize, total: usize| {
        let status = if r.diagnostics.is_empty() {
            String::new()
        } else {
            format!(", {}", summary_line(&r.diagnostics))
        };
        eprintln!(
            "  [{done}/{total}] {} ({} ms{status})",
            r.source.display(),
            r.elapsed.as_millis()
        );
    };
    match build_site(&book, &out, &args.params.params, &progress) {
        Ok(report) => {
            print_diagnostics(&report.diagnostics);
            for path in &report.kept {
                eprintln!(
                    "varning: {} i {} är inte skriven av rapportbok och behålls; ta bort den där om den inte ska ligga på webbplatsen",
                    path,
                    report.out_dir.display()
                );
            }
            eprintln!(
                "Klart: {} sidor i {} på {:.2} s, {}.",
                report.pages,
                report.out_dir.display(),
                started.elapsed().as_secs_f64(),
                summary_line(&report.diagnostics)
            );
            if report.diagnostics.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(FAILED_CELLS)
            }
        }
        Err(e) => {
            eprintln!("fel: {e:#}");
            ExitCode::from(FATAL)
        }
    }
}
