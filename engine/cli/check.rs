//! `rapportbok check`: run every cell, write nothing, report every error.

use std::process::ExitCode;
use std::time::Instant;

use super::{BookArgs, FAILED_CELLS, ParamArgs, load_book, print_diagnostics, summary_line};
use crate::build::render_book;
use crate::render::RenderOptions;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub book: BookArgs,
    #[command(flatten)]
    pub params: ParamArgs,
}

pub fn run(args: Args) -> ExitCode {
    let started = Instant::now();
    let book = match load_book(&args.book) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let rendered = render_book(
        &book,
        &args.params.params,
        RenderOptions::default(),
        &|_, _, _| {},
    );
    let diags: Vec<_> = rendered
        .iter()
        .flat_map(|r| r.diagnostics.iter().cloned())
        .collect();
    print_diagnostics(&diags);
    for warning in rendered.iter().filter_map(super::printed_warning) {
        eprintln!("{warning}");
    }
    eprintln!(
        "Kontrollerade {} notebooks på {:.2} s: {}.",
        rendered.len(),
        started.elapsed().as_secs_f64(),
        summary_line(&diags)
    );
    if diags.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED_CELLS)
    }
}
