//! `rapportbok render`: one notebook to one self-contained HTML page.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::{FAILED_CELLS, FATAL, ParamArgs, print_diagnostics, summary_line};
use crate::book::Book;
use crate::build::{Inputs, display_path, render_notebook_named};
use crate::config::Config;
use crate::plugins::{self, LockMode};
use crate::render::RenderOptions;
use crate::render::page::{self, Page};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Notebooken som ska köras (en .md-fil).
    #[arg(value_name = "NOTEBOOK.md")]
    pub notebook: PathBuf,
    /// Filen sidan skrivs till (standard: samma namn som notebooken, med .html).
    #[arg(short = 'o', long = "out", value_name = "FIL.html")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub params: ParamArgs,
}

pub fn run(args: Args) -> ExitCode {
    if !args.notebook.is_file() {
        eprintln!("{}: filen finns inte", args.notebook.display());
        return ExitCode::from(FATAL);
    }
    // The nearest book.toml gives settings and the data folder; without one, the
    // notebook's own folder is the data folder.
    let (config, data_dir, plugins) = match Book::find_root(&args.notebook) {
        Some(root) => match Config::load(&root.join(crate::book::CONFIG_FILE)) {
            Ok(config) => {
                let data = config.data_dir(&root);
                let plugins = match plugins::load_for_book(&root, &config, LockMode::Follow) {
                    Ok(p) => Arc::new(p),
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::from(FATAL);
                    }
                };
                (config, data, plugins)
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(FATAL);
            }
        },
        None => (
            Config::default(),
            args.notebook
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
            Arc::default(),
        ),
    };
    let options = RenderOptions {
        allow_html: config.build.allow_html,
        preview: false,
    };
    let display = display_path(&args.notebook);
    // The data files the notebook read; left to the operating system when the process ends.
    let data_cache = Arc::default();
    let inputs = Inputs {
        config: &config,
        data_dir: &data_dir,
        plugins: &plugins,
        cli_params: &args.params.params,
        data_cache: &data_cache,
        sources: &Arc::new(crate::source::Sources::new(
            &config.sources,
            &data_dir,
            false,
        )),
    };
    let out = args
        .out
        .unwrap_or_else(|| args.notebook.with_extension("html"));
    // The downloads are named after the page written, beside which they go.
    let page_stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let (nb, run, body) =
        render_notebook_named(&args.notebook, &display, &inputs, options, &page_stem);
    let stem = args
        .notebook
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let title = nb
        .front
        .title
        .clone()
        .or_else(|| body.h1().map(str::to_string))
        .unwrap_or(stem);
    let html = page::render(&Page {
        lang: &config.book.language,
        book_title: &config.book.title,
        title: &title,
        description: nb.front.description.as_deref(),
        root: String::new(),
        nav: String::new(),
        body_has_h1: body.h1().is_some(),
        body: &body.html,
        headings: &body.headings,
        prev: None,
        next: None,
        tail: "",
        banner: "",
        provenance: None,
        raw_html: config.build.allow_html,
    });
    if let Err(e) = std::fs::write(&out, html) {
        eprintln!("{}: kunde inte skriva sidan: {e}", out.display());
        return ExitCode::from(FATAL);
    }
    // The tables' downloads go beside the page, where its links point.
    let out_dir = out.parent().unwrap_or(Path::new(""));
    for download in &body.downloads {
        let written = download.files("").and_then(|files| {
            files.into_iter().try_for_each(|(name, bytes)| {
                let target = out_dir.join(&name);
                std::fs::write(&target, bytes)
                    .map_err(|e| format!("{}: kunde inte skriva filen: {e}", target.display()))
            })
        });
        if let Err(e) = written {
            eprintln!("{e}");
            return ExitCode::from(FATAL);
        }
    }
    print_diagnostics(&run.diagnostics);
    eprintln!(
        "Skrev {} ({}).",
        out.display(),
        summary_line(&run.diagnostics)
    );
    // Everything is written and the process ends next: freeing a large table value by value
    // (a million shared texts) would only delay the exit. The cache holds nothing else.
    std::mem::forget(data_cache);
    if run.diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED_CELLS)
    }
}
