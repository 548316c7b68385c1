//! `rapportbok docx`: one Word document per report (a part of SUMMARY.md), or one notebook
//! as a document (`rapportbok docx NOTEBOOK.md -o FIL.docx`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use super::{
    BookArgs, FAILED_CELLS, FATAL, ParamArgs, announce_build, load_book, print_diagnostics,
    summary_line,
};
use crate::book::{Book, merge_params};
use crate::build::{Inputs, display_path};
use crate::config::Config;
use crate::docx::report::{Chapter, run_chapters, run_one};
use crate::docx::{Document, Template, reports};
use crate::plugins::{self, LockMode};
use crate::provenance::{HashCache, Provenance};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// En enda notebook att skriva som Word-fil (utan den: en fil per rapport i boken).
    #[arg(value_name = "NOTEBOOK.md")]
    pub notebook: Option<PathBuf>,
    #[command(flatten)]
    pub book: BookArgs,
    /// Mappen Word-filerna skrivs till (standard: docx/); med en notebook: filen (FIL.docx).
    #[arg(short = 'o', long = "out", value_name = "MAPP|FIL.docx")]
    pub out: Option<PathBuf>,
    /// Skriv dokumenten även när celler har fel (felrutorna syns i dokumenten).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub params: ParamArgs,
}

pub fn run(args: Args) -> ExitCode {
    match &args.notebook {
        Some(nb) => one_notebook(nb, &args),
        None => whole_book(&args),
    }
}

/// Every report of the book, one .docx each.
fn whole_book(args: &Args) -> ExitCode {
    let book = match load_book(&args.book) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let template = match load_template(&book.root, &book.config) {
        Ok(t) => t,
        Err(e) => return fatal(&e),
    };
    let out_dir = args.out.clone().unwrap_or_else(|| PathBuf::from("docx"));
    let reports = reports(&book);
    announce_build(&book);
    let paths: Vec<PathBuf> = reports.iter().flat_map(|r| r.chapters.clone()).collect();
    let mut chapters = run_chapters(&book, &paths, &args.params.params).into_iter();
    let grouped: Vec<Vec<Chapter>> = reports
        .iter()
        .map(|r| chapters.by_ref().take(r.chapters.len()).collect())
        .collect();
    let diagnostics: Vec<_> = grouped
        .iter()
        .flatten()
        .flat_map(|c| c.run.diagnostics.iter().cloned())
        .collect();
    print_diagnostics(&diagnostics);
    if !diagnostics.is_empty() && !args.force {
        eprintln!(
            "Skriver inga Word-filer: {} i notebooks. Rätta felen, eller skriv ändå med --force (felrutorna syns då i dokumenten).",
            summary_line(&diagnostics)
        );
        return ExitCode::from(FAILED_CELLS);
    }
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        return fatal(&format!("kunde inte skapa {}: {e}", out_dir.display()));
    }
    for (report, chapters) in reports.iter().zip(&grouped) {
        let doc = Document {
            report_title: Some(&report.title),
            chapters,
            allow_html: book.config.build.allow_html,
            author: author(&book.config),
            template: template.as_ref(),
        };
        let path = out_dir.join(format!("{}.docx", report.stem));
        if let Err(e) = write_document(&doc, &path) {
            return fatal(&e);
        }
        eprintln!(
            "  {} ({} kapitel, {})",
            path.display(),
            chapters.len(),
            size_text(&path)
        );
    }
    eprintln!(
        "Klart: {} Word-filer i {}, {}.",
        reports.len(),
        out_dir.display(),
        summary_line(&diagnostics)
    );
    if diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED_CELLS)
    }
}

/// One notebook as one document, with the settings of the book it lies in (if any).
fn one_notebook(nb: &Path, args: &Args) -> ExitCode {
    if !nb.is_file() {
        eprintln!("{}: filen finns inte", nb.display());
        return ExitCode::from(FATAL);
    }
    let root = Book::find_root(nb);
    let (config, data_dir, plugins) = match &root {
        Some(root) => {
            let config = match Config::load(&root.join(crate::book::CONFIG_FILE)) {
                Ok(c) => c,
                Err(e) => return fatal(&e.to_string()),
            };
            let plugins = match plugins::load_for_book(root, &config, LockMode::Follow) {
                Ok(p) => Arc::new(p),
                Err(e) => return fatal(&e.to_string()),
            };
            (config.clone(), config.data_dir(root), plugins)
        }
        None => (
            Config::default(),
            nb.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
            Arc::default(),
        ),
    };
    let template = match &root {
        Some(root) => match load_template(root, &config) {
            Ok(t) => t,
            Err(e) => return fatal(&e),
        },
        None => None,
    };
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
    let mut chapter = run_one(nb, &display_path(nb), &inputs, "");
    // Named as in the book (relative to its source folder), else as given.
    let name = root
        .as_ref()
        .and_then(|r| {
            let src = r.join(&config.book.src).canonicalize().ok()?;
            let file = nb.canonicalize().ok()?;
            Some(file.strip_prefix(src).ok()?.to_path_buf())
        })
        .unwrap_or_else(|| display_path(nb));
    chapter.provenance = Some(Provenance::collect(
        nb,
        &name.to_string_lossy().replace('\\', "/"),
        &merge_params(
            [&config.params, &chapter.notebook.front.params],
            &args.params.params,
        ),
        &data_dir,
        &chapter.run.data_reads,
        &plugins,
        &HashCache::default(),
    ));
    let diagnostics = chapter.run.diagnostics.clone();
    print_diagnostics(&diagnostics);
    if !diagnostics.is_empty() && !args.force {
        eprintln!(
            "Skriver ingen Word-fil: {} i notebooken. Rätta felen, eller skriv ändå med --force (felrutorna syns då i dokumentet).",
            summary_line(&diagnostics)
        );
        return ExitCode::from(FAILED_CELLS);
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| nb.with_extension("docx"));
    let chapters = [chapter];
    let doc = Document {
        report_title: None,
        chapters: &chapters,
        allow_html: config.build.allow_html,
        author: author(&config),
        template: template.as_ref(),
    };
    if let Err(e) = write_document(&doc, &out) {
        return fatal(&e);
    }
    eprintln!(
        "Skrev {} ({}), {}.",
        out.display(),
        size_text(&out),
        summary_line(&diagnostics)
    );
    if diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED_CELLS)
    }
}

/// The template book.toml names, read once for every document.
fn load_template(root: &Path, config: &Config) -> Result<Option<Template>, String> {
    match &config.docx.mall {
        Some(mall) => Template::load(&root.join(mall))
            .map(Some)
            .map_err(|e| format!("{e}\n  (mallen anges i book.toml under [docx] mall = \"…\")")),
        None => Ok(None),
    }
}

fn author(config: &Config) -> String {
    if config.book.authors.is_empty() {
        "rapportbok".into()
    } else {
        config.book.authors.join(", ")
    }
}

/// Write the document beside its place and move it in, so a reader never sees half a file.
fn write_document(doc: &Document, path: &Path) -> Result<(), String> {
    let bytes = doc
        .to_docx()
        .map_err(|e| format!("{}: kunde inte skapa Word-filen: {e}", path.display()))?;
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("kunde inte skapa {}: {e}", dir.display()))?;
    }
    let tmp = path.with_extension("docx.rapportbok-ny");
    std::fs::write(&tmp, &bytes)
        .map_err(|e| format!("kunde inte skriva {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("kunde inte skriva {}: {e}", path.display()))
}

fn size_text(path: &Path) -> String {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    format!("{} kB", bytes.div_ceil(1024))
}

fn fatal(message: &str) -> ExitCode {
    eprintln!("fel: {message}");
    ExitCode::from(FATAL)
}
