//! The pipeline: a notebook file becomes a page (parse → run → render), a book becomes a site
//! (every notebook on the [`pool`], then [`pages`] with [`nav`], downloads, and [`write`]).

pub mod nav;
pub mod pages;
pub mod pool;
pub mod write;

pub use nav::sidebar;
pub use pages::{Frame, Title, count_pages, page_sections, site_pages, titles};
pub use write::{SITE_MARKER, Written, write_site};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::book::{Book, merge_params};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::notebook::{self, Notebook};
use crate::paths::page_path;
use crate::plugins::Plugins;
use crate::provenance::manifest::{self, Manifest};
use crate::provenance::{HashCache, Provenance};
use crate::render::{self, Body, RenderOptions, html::escape};
use crate::script::{self, DataCache, RunCache, RunContext, RunOutput, RunStats};
use crate::search;
use crate::summary::{Chapter, SummaryItem};
use pool::Panicked;

/// One notebook, run and rendered (without the page around it).
#[derive(Debug, Clone)]
pub struct RenderedNotebook {
    /// Path relative to the book's source folder.
    pub source: PathBuf,
    /// The page's path in the site, `/`-separated (`handbok/format.html`).
    pub page: String,
    pub title: String,
    pub description: Option<String>,
    pub body: Body,
    pub diagnostics: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// What the page was made from (none in the preview).
    pub provenance: Option<Provenance>,
}

/// What every notebook of a run is run with, besides its own text.
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub data_dir: &'a Path,
    pub plugins: &'a Arc<Plugins>,
    /// `--param` values, which win over book.toml and front matter.
    pub cli_params: &'a [(String, String)],
    pub data_cache: &'a Arc<DataCache>,
    /// The book's SQL sources, shared by every notebook of the run.
    pub sources: &'a Arc<crate::source::Sources>,
}

impl Inputs<'_> {
    /// The run context for `nb`: its params merged over the book's.
    fn context(&self, nb: &Notebook) -> RunContext {
        RunContext {
            data_dir: self.data_dir.to_path_buf(),
            params: merge_params([&self.config.params, &nb.front.params], self.cli_params),
            limits: self.config.limits.clone(),
            plugins: Arc::clone(self.plugins),
            data_cache: Arc::clone(self.data_cache),
            sources: Arc::clone(self.sources),
        }
    }
}

/// Read, parse, run and render one notebook file; its tables' downloads are named after
/// the notebook.
pub fn render_notebook(
    file: &Path,
    display_path: &Path,
    inputs: &Inputs,
    options: RenderOptions,
) -> (Notebook, RunOutput, Body) {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    render_notebook_named(file, display_path, inputs, options, &stem)
}

/// [`render_notebook`] with the downloads named after `page_stem` (the page being written).
pub fn render_notebook_named(
    file: &Path,
    display_path: &Path,
    inputs: &Inputs,
    options: RenderOptions,
    page_stem: &str,
) -> (Notebook, RunOutput, Body) {
    let nb = match std::fs::read_to_string(file) {
        Ok(source) => notebook::parse(display_path, &source),
        Err(e) => {
            let mut nb = notebook::parse(display_path, "");
            nb.diagnostics.push(Diagnostic::file(
                display_path,
                format!("kunde inte läsa notebooken: {e}"),
            ));
            nb
        }
    };
    let mut run = script::run(&nb, &inputs.context(&nb));
    let body = render::render_body_named(&nb, &run, options, page_stem);
    run.diagnostics.extend(body.problems.iter().cloned());
    (nb, run, body)
}

/// Parse, run and render notebook text, reusing what `cache` holds from its last run
/// (`serve`: only the cells an edit touches run again). A panic while doing so becomes the
/// notebook's error (and the cache starts afresh), so the preview shows it.
pub fn render_source_incremental(
    source: &str,
    display_path: &Path,
    inputs: &Inputs,
    options: RenderOptions,
    cache: &mut RunCache,
) -> (Notebook, RunOutput, RunStats, Body) {
    let done = pool::guard(|| {
        let nb = notebook::parse(display_path, source);
        let (mut run, stats) = script::run_incremental(&nb, &inputs.context(&nb), cache);
        let body = render::render_body(&nb, &run, options);
        run.diagnostics.extend(body.problems.iter().cloned());
        (nb, run, stats, body)
    });
    done.unwrap_or_else(|panicked| {
        *cache = RunCache::default();
        let diagnostic = internal_error(display_path, &panicked);
        let nb = notebook::parse(display_path, "");
        let body = failed_body(&diagnostic);
        let run = RunOutput {
            items: Vec::new(),
            diagnostics: vec![diagnostic],
            data_reads: Vec::new(),
        };
        (nb, run, RunStats::default(), body)
    })
}

/// Test hook: the notebook whose path in the book (`del/kapitel.md`) this names panics
/// while it is built, as a bug in rapportbok would. The tests use it to show that such a
/// failure becomes that notebook's error and nothing else is lost.
pub const PANIC_ENV: &str = "RAPPORTBOK_TEST_PANIC";

/// Run and render every chapter of the book on the worker pool, in SUMMARY order. A panic
/// while building one notebook becomes that notebook's error; the others are unaffected.
pub fn render_book(
    book: &Book,
    cli_params: &[(String, String)],
    options: RenderOptions,
    progress: &(dyn Fn(&RenderedNotebook, usize, usize) + Sync),
) -> Vec<RenderedNotebook> {
    let chapters = book.summary.chapters();
    let total = chapters.len();
    let done = AtomicUsize::new(0);
    // One cache for the whole build: an export read by several notebooks is parsed once.
    let data_cache = Arc::new(DataCache::default());
    let hashes = HashCache::default();
    let inputs = Inputs {
        config: &book.config,
        data_dir: &book.data_dir,
        plugins: &book.plugins,
        cli_params,
        data_cache: &data_cache,
        sources: &book.sources,
    };
    let panic_in = std::env::var(PANIC_ENV).ok();
    let results = pool::map(&chapters, |chapter| {
        let rel = chapter.path.clone().unwrap_or_default();
        let started = Instant::now();
        let rendered = pool::guard(|| {
            if panic_in.as_deref() == Some(&*rel.to_string_lossy()) {
                panic!("{PANIC_ENV}: {}", rel.display());
            }
            render_chapter(book, chapter, &inputs, options, &hashes)
        })
        .unwrap_or_else(|panicked| failed_chapter(book, chapter, &panicked));
        let rendered = RenderedNotebook {
            elapsed: started.elapsed(),
            ..rendered
        };
        progress(&rendered, done.fetch_add(1, Ordering::Relaxed) + 1, total);
        rendered
    });
    chapters
        .iter()
        .zip(results)
        .map(|(chapter, r)| r.unwrap_or_else(|panicked| failed_chapter(book, chapter, &panicked)))
        .collect()
}

/// One chapter of `book`, run and rendered, with its provenance.
fn render_chapter(
    book: &Book,
    chapter: &Chapter,
    inputs: &Inputs,
    options: RenderOptions,
    hashes: &HashCache,
) -> RenderedNotebook {
    let rel = chapter.path.clone().unwrap_or_default();
    let file = book.src_dir.join(&rel);
    let display = display_path(&file);
    let (nb, run, body) = render_notebook(&file, &display, inputs, options);
    let provenance = Provenance::collect(
        &file,
        &rel.to_string_lossy().replace('\\', "/"),
        &inputs.context(&nb).params,
        inputs.data_dir,
        &run.data_reads,
        inputs.plugins,
        hashes,
    );
    let title = nb
        .front
        .title
        .clone()
        .or_else(|| body.h1().map(str::to_string))
        .unwrap_or_else(|| chapter.name.clone());
    RenderedNotebook {
        page: page_path(&rel),
        source: rel,
        title,
        description: nb.front.description.clone(),
        body,
        diagnostics: run.diagnostics,
        elapsed: Duration::ZERO,
        provenance: Some(provenance),
    }
}

/// The page of a chapter whose build panicked: an error box saying so, and the error.
fn failed_chapter(book: &Book, chapter: &Chapter, panicked: &Panicked) -> RenderedNotebook {
    let rel = chapter.path.clone().unwrap_or_default();
    let diagnostic = internal_error(&display_path(&book.src_dir.join(&rel)), panicked);
    RenderedNotebook {
        page: page_path(&rel),
        source: rel,
        title: chapter.name.clone(),
        description: None,
        body: failed_body(&diagnostic),
        diagnostics: vec![diagnostic],
        elapsed: Duration::ZERO,
        provenance: None,
    }
}

/// The error for a notebook whose build stopped on a bug in rapportbok.
pub(crate) fn internal_error(file: &Path, panicked: &Panicked) -> Diagnostic {
    Diagnostic::file(
        file,
        format!(
            "internt fel i rapportbok när notebooken byggdes: {}",
            panicked.0
        ),
    )
    .with_hint(
        "sidan visar felet i stället för sitt innehåll; de andra sidorna byggdes. \
         Skicka notebooken och felet till den som underhåller rapportbok",
    )
}

/// A page body that is only the error box for `diagnostic`.
fn failed_body(diagnostic: &Diagnostic) -> Body {
    let hint = diagnostic
        .hint
        .as_deref()
        .map(|h| format!("<p class=\"hint\">Tips: {}</p>", escape(h)))
        .unwrap_or_default();
    Body::from_html(format!(
        "<div class=\"cell-error notebook-problems\"><p><strong>Sidan kunde inte byggas:</strong> {}</p>{hint}</div>\n",
        escape(&diagnostic.message)
    ))
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub out_dir: PathBuf,
    /// Files in `out_dir` that rapportbok did not write, kept in the new site.
    pub kept: Vec<String>,
}

/// Build the whole book into `out_dir`, replacing a site written there before.
pub fn build_site(
    book: &Book,
    out_dir: &Path,
    cli_params: &[(String, String)],
    progress: &(dyn Fn(&RenderedNotebook, usize, usize) + Sync),
) -> anyhow::Result<BuildReport> {
    let (files, diagnostics) = site_files(book, cli_params, progress);
    let written = write_site(out_dir, &files)?;
    Ok(BuildReport {
        pages: count_pages(&files),
        diagnostics,
        out_dir: out_dir.to_path_buf(),
        kept: written.kept,
    })
}

/// Build the whole book in memory: every file (pages, downloads, the search index, the
/// provenance manifest) as (path, bytes), and every diagnostic.
/// `build` writes them; `publish`, `verify` and `pdf` check, compare or print them.
pub fn site_files(
    book: &Book,
    cli_params: &[(String, String)],
    progress: &(dyn Fn(&RenderedNotebook, usize, usize) + Sync),
) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let options = RenderOptions {
        allow_html: book.config.build.allow_html,
        preview: false,
    };
    let mut rendered = render_book(book, cli_params, options, progress);
    let book = &with_reference(book, &mut rendered, &reference_pages(book));
    let pages = site_pages(book, &rendered, "");
    let (downloads, mut problems) = site_downloads(&rendered);
    if let Some(r) = rendered.iter().find(|r| search::is_reserved(&r.page)) {
        problems.push(
            Diagnostic::file(
                &r.source,
                format!(
                    "notebooken blir sidan {}, som är bokens söksida; webbplatsen får därför ingen sökning",
                    r.page
                ),
            )
            .with_hint("byt namn på notebooken (och raden i SUMMARY.md)"),
        );
    }
    let mut files: Vec<(String, Vec<u8>)> = pages
        .into_iter()
        .map(|(path, html)| (path, html.into_bytes()))
        .chain(downloads)
        .collect();
    match site_manifest(&rendered) {
        Ok(json) => files.push((manifest::FILE.to_string(), json.into_bytes())),
        Err(e) => problems.push(Diagnostic::file(
            Path::new(manifest::FILE),
            format!("internt fel i rapportbok när sidornas underlag skrevs: {e}"),
        )),
    }
    let diagnostics = rendered
        .into_iter()
        .flat_map(|r| r.diagnostics)
        .chain(problems)
        .collect();
    (files, diagnostics)
}

/// The provenance manifest of `rendered`: what each page was made from, as data for
/// `publish` and `verify` (see [`crate::provenance::manifest`]).
pub fn site_manifest(rendered: &[RenderedNotebook]) -> serde_json::Result<String> {
    Manifest::of(
        rendered
            .iter()
            .filter_map(|r| Some((r.page.as_str(), r.provenance.as_ref()?))),
    )
    .to_json()
}

/// The Excel and CSV files of every table shown in `rendered`, beside their pages, and a
/// problem for each table whose files could not be made.
/// The files are made on the worker pool (an xlsx file costs far more than its table),
/// in page order.
pub fn site_downloads(rendered: &[RenderedNotebook]) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let work: Vec<(&RenderedNotebook, &crate::export::Download)> = rendered
        .iter()
        .flat_map(|r| r.body.downloads.iter().map(move |d| (r, d)))
        .collect();
    let made = pool::map(&work, |(r, download)| download.files(&r.page));
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for ((r, _), result) in work.iter().zip(made) {
        match result {
            Ok(Ok(made)) => files.extend(made),
            Ok(Err(e)) => problems.push(Diagnostic::file(
                &r.source,
                format!("kunde inte skapa nedladdningen: {e}"),
            )),
            Err(panicked) => problems.push(Diagnostic::file(
                &r.source,
                format!(
                    "internt fel i rapportbok när nedladdningen skapades: {}",
                    panicked.0
                ),
            )),
        }
    }
    (files, problems)
}

/// The "Referens" pages: the built-in functions and each plugin, from doc comments.
pub fn reference_pages(book: &Book) -> Vec<RenderedNotebook> {
    crate::plugins::doc::reference_pages(&book.plugins)
        .into_iter()
        .map(|page| {
            let source = PathBuf::from(format!("referens/{}.md", page.slug));
            RenderedNotebook {
                page: page_path(&source),
                source,
                title: page.title,
                description: None,
                body: Body::from_html(crate::markdown::to_html(&page.markdown, false)),
                diagnostics: Vec::new(),
                elapsed: Duration::ZERO,
                provenance: Some(Provenance::generated(&book.plugins)),
            }
        })
        .collect()
}

/// The book with a "Referens" part at the end of its contents, and `reference` (from
/// [`reference_pages`]) appended to `rendered`. Build and preview both go through here.
pub fn with_reference(
    book: &Book,
    rendered: &mut Vec<RenderedNotebook>,
    reference: &[RenderedNotebook],
) -> Book {
    let mut book = book.clone();
    book.summary
        .items
        .push(SummaryItem::PartTitle("Referens".into()));
    for page in reference {
        book.summary.items.push(SummaryItem::Chapter(Chapter {
            name: page.title.clone(),
            path: Some(page.source.clone()),
            line: 0,
            children: Vec::new(),
        }));
        rendered.push(page.clone());
    }
    book
}

/// A path as the user would type it (no leading `./`).
pub fn display_path(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests;
