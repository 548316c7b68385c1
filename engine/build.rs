//! The pipeline: a notebook file becomes a page (parse → run → render), a book becomes a site.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::book::{Book, merge_params};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::notebook::{self, Notebook};
use crate::paths::{page_path, relative_url};
use crate::plugins::Plugins;
use crate::provenance::{HashCache, Provenance};
use crate::render::page::{Page, PageLink};
use crate::render::{self, Body, RenderOptions, html::escape};
use crate::script::{self, DataCache, RunCache, RunContext, RunOutput, RunStats};
use crate::search;
use crate::summary::{Chapter, SummaryItem};

/// Marks a folder as a site rapportbok wrote, so `build` may replace it.
pub const SITE_MARKER: &str = ".rapportbok-site";

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

/// Read, parse, run and render one notebook file.
pub fn render_notebook(
    file: &Path,
    display_path: &Path,
    inputs: &Inputs,
    options: RenderOptions,
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
    let run = script::run(&nb, &inputs.context(&nb));
    let body = render::render_body(&nb, &run, options);
    (nb, run, body)
}

/// Parse, run and render notebook text, reusing what `cache` holds from its last run
/// (`serve`: only the cells an edit touches run again).
pub fn render_source_incremental(
    source: &str,
    display_path: &Path,
    inputs: &Inputs,
    options: RenderOptions,
    cache: &mut RunCache,
) -> (Notebook, RunOutput, RunStats, Body) {
    let nb = notebook::parse(display_path, source);
    let (run, stats) = script::run_incremental(&nb, &inputs.context(&nb), cache);
    let body = render::render_body(&nb, &run, options);
    (nb, run, stats, body)
}

/// Run and render every chapter of the book, on all cores.
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
    par_map(&chapters, |chapter| {
        let rel = chapter.path.clone().unwrap_or_default();
        let started = Instant::now();
        let file = book.src_dir.join(&rel);
        let display = display_path(&file);
        let (nb, run, body) = render_notebook(&file, &display, &inputs, options);
        let provenance = Provenance::collect(
            &file,
            &rel.to_string_lossy().replace('\\', "/"),
            &inputs.context(&nb).params,
            inputs.data_dir,
            &run.data_reads,
            inputs.plugins,
            &hashes,
        );
        let title = nb
            .front
            .title
            .clone()
            .or_else(|| body.h1().map(str::to_string))
            .unwrap_or_else(|| chapter.name.clone());
        let rendered = RenderedNotebook {
            page: page_path(&rel),
            source: rel,
            title,
            description: nb.front.description.clone(),
            body,
            diagnostics: run.diagnostics,
            elapsed: started.elapsed(),
            provenance: Some(provenance),
        };
        progress(&rendered, done.fetch_add(1, Ordering::Relaxed) + 1, total);
        rendered
    })
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub out_dir: PathBuf,
}

/// Build the whole book into `out_dir`, replacing a site written there before.
pub fn build_site(
    book: &Book,
    out_dir: &Path,
    cli_params: &[(String, String)],
    progress: &(dyn Fn(&RenderedNotebook, usize, usize) + Sync),
) -> anyhow::Result<BuildReport> {
    let (files, diagnostics) = site_files(book, cli_params, progress);
    write_site(out_dir, &files)?;
    Ok(BuildReport {
        pages: files.iter().filter(|(p, _)| p.ends_with(".html")).count(),
        diagnostics,
        out_dir: out_dir.to_path_buf(),
    })
}

/// Build the whole book in memory: every file (pages, downloads, the search index) as
/// (path, bytes), and every diagnostic.
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
    let files: Vec<(String, Vec<u8>)> = pages
        .into_iter()
        .map(|(path, html)| (path, html.into_bytes()))
        .chain(downloads)
        .collect();
    let diagnostics = rendered
        .into_iter()
        .flat_map(|r| r.diagnostics)
        .chain(problems)
        .collect();
    (files, diagnostics)
}

/// The Excel and CSV files of every table shown in `rendered`, beside their pages, and a
/// problem for each table whose files could not be made.
pub fn site_downloads(rendered: &[RenderedNotebook]) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for r in rendered {
        for download in &r.body.downloads {
            match download.files(&r.page) {
                Ok(made) => files.extend(made),
                Err(e) => problems.push(Diagnostic::file(
                    &r.source,
                    format!("kunde inte skapa nedladdningen: {e}"),
                )),
            }
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
            let (html, headings) =
                render::headings::anchor(&crate::markdown::to_html(&page.markdown, false));
            RenderedNotebook {
                page: page_path(&source),
                source,
                title: page.title,
                description: None,
                body: Body {
                    html,
                    headings,
                    downloads: Vec::new(),
                },
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

/// Every page of the site (`index.html` first) as (path, HTML), then the search page and its
/// index script (`sok-index.js`). `tail` goes before `</body>`.
pub fn site_pages(book: &Book, rendered: &[RenderedNotebook], tail: &str) -> Vec<(String, String)> {
    site_pages_searched(book, rendered, tail, "", &mut page_sections)
}

/// What the search index holds for one page: its sections, with their words' stems.
pub fn page_sections(r: &RenderedNotebook) -> Vec<search::Section> {
    search::sections(&r.page, &r.title, &r.body.html, &r.body.headings)
}

/// [`site_pages`] with each page's search sections from `sections` (the preview keeps
/// those of unchanged pages instead of stemming every page again on every save) and
/// `banner` opening every page's article (the preview's book-level error).
pub fn site_pages_searched(
    book: &Book,
    rendered: &[RenderedNotebook],
    tail: &str,
    banner: &str,
    sections: &mut dyn FnMut(&RenderedNotebook) -> Vec<search::Section>,
) -> Vec<(String, String)> {
    let mut files = Vec::with_capacity(rendered.len() + 1);
    let title = book.config.book.title.as_str();
    let lang = book.config.book.language.as_str();
    let titles: Vec<(String, String)> = rendered
        .iter()
        .map(|r| (r.page.clone(), r.title.clone()))
        .collect();

    let index_body = index_body(book);
    let index = Page {
        lang,
        book_title: title,
        title,
        description: book.config.book.description.as_deref(),
        root: String::new(),
        nav: sidebar(book, "index.html"),
        body_has_h1: false,
        body: &index_body,
        headings: &[],
        prev: None,
        next: titles.first().map(|(p, t)| PageLink {
            title: t.clone(),
            href: p.clone(),
        }),
        tail,
        banner,
        provenance: None,
    };
    files.push(("index.html".to_string(), render::page::render(&index)));

    for (i, r) in rendered.iter().enumerate() {
        let link = |j: usize| {
            titles.get(j).map(|(p, t)| PageLink {
                title: t.clone(),
                href: relative_url(&r.page, p),
            })
        };
        let prev = if i == 0 {
            Some(PageLink {
                title: "Startsida".into(),
                href: relative_url(&r.page, "index.html"),
            })
        } else {
            link(i - 1)
        };
        let page = Page {
            lang,
            book_title: title,
            title: &r.title,
            description: r.description.as_deref(),
            root: relative_url(&r.page, ""),
            nav: sidebar(book, &r.page),
            body_has_h1: r.body.h1().is_some(),
            body: &r.body.html,
            headings: &r.body.headings,
            prev,
            next: link(i + 1),
            tail,
            banner,
            provenance: r.provenance.as_ref(),
        };
        files.push((r.page.clone(), render::page::render(&page)));
    }
    // A chapter named like the search page keeps its place (build reports the clash).
    if !rendered.iter().any(|r| search::is_reserved(&r.page)) {
        files.extend(search_files(
            book, rendered, &titles, tail, banner, sections,
        ));
    }
    files
}

/// The search page and its index of every section of `rendered`.
fn search_files(
    book: &Book,
    rendered: &[RenderedNotebook],
    titles: &[(String, String)],
    tail: &str,
    banner: &str,
    page_sections: &mut dyn FnMut(&RenderedNotebook) -> Vec<search::Section>,
) -> [(String, String); 2] {
    let sections: Vec<search::Section> = rendered.iter().flat_map(page_sections).collect();
    let body = search::page_body("");
    let page = Page {
        lang: book.config.book.language.as_str(),
        book_title: book.config.book.title.as_str(),
        title: "Sök",
        description: Some(
            "Sök i hela rapporten. Sökningen hittar också andra böjningsformer av orden.",
        ),
        root: String::new(),
        nav: sidebar(book, search::PAGE),
        body_has_h1: false,
        body: &body,
        headings: &[],
        provenance: None,
        prev: Some(PageLink {
            title: "Startsida".into(),
            href: "index.html".into(),
        }),
        next: titles.first().map(|(p, t)| PageLink {
            title: t.clone(),
            href: p.clone(),
        }),
        tail,
        banner,
    };
    [
        (search::PAGE.to_string(), render::page::render(&page)),
        (search::INDEX.to_string(), search::index_js(&sections)),
    ]
}

/// The book's front page: its description and the whole table of contents.
fn index_body(book: &Book) -> String {
    let mut html = String::from(
        "<section class=\"contents\" aria-labelledby=\"innehall-rubrik\">\n<h2 id=\"innehall-rubrik\">Innehåll</h2>\n",
    );
    html.push_str(&summary_lists(book, "index.html", false));
    html.push_str("</section>\n");
    html
}

/// The sidebar for the page at `current`.
pub fn sidebar(book: &Book, current: &str) -> String {
    format!(
        "<nav class=\"sidebar\" aria-label=\"Rapportens delar\">\n{}</nav>\n",
        summary_lists(book, current, true)
    )
}

/// The SUMMARY structure as lists of links relative to `current`. Part titles and
/// separators split the lists (a list holds only list items).
fn summary_lists(book: &Book, current: &str, mark_current: bool) -> String {
    fn chapter(c: &Chapter, current: &str, mark: bool, out: &mut String) {
        out.push_str("<li>");
        match &c.path {
            Some(p) => {
                let page = page_path(p);
                let aria = if mark && page == current {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                out.push_str(&format!(
                    "<a href=\"{}\"{aria}>{}</a>",
                    escape(&relative_url(current, &page)),
                    escape(&c.name)
                ));
            }
            None => out.push_str(&format!(
                "<span class=\"draft\">{} (kommer)</span>",
                escape(&c.name)
            )),
        }
        if !c.children.is_empty() {
            out.push_str("<ol>");
            for child in &c.children {
                chapter(child, current, mark, out);
            }
            out.push_str("</ol>");
        }
        out.push_str("</li>\n");
    }
    let mut out = String::new();
    let mut open = false;
    for item in &book.summary.items {
        match item {
            SummaryItem::Chapter(c) => {
                if !open {
                    out.push_str("<ol>\n");
                    open = true;
                }
                chapter(c, current, mark_current, &mut out);
            }
            SummaryItem::PartTitle(t) => {
                if open {
                    out.push_str("</ol>\n");
                    open = false;
                }
                out.push_str(&format!("<p class=\"part-title\">{}</p>\n", escape(t)));
            }
            SummaryItem::Separator => {
                if open {
                    out.push_str("</ol>\n");
                    open = false;
                }
                out.push_str("<hr>\n");
            }
        }
    }
    if open {
        out.push_str("</ol>\n");
    }
    out
}

/// Write the files into `out_dir` by building beside it and swapping, so the folder never
/// holds a half-written site. A non-empty folder rapportbok did not write is left alone.
pub fn write_site<T: AsRef<[u8]>>(out_dir: &Path, files: &[(String, T)]) -> anyhow::Result<()> {
    if out_dir.exists()
        && !out_dir.join(SITE_MARKER).exists()
        && std::fs::read_dir(out_dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "mappen {} finns redan och innehåller filer som rapportbok inte skrivit; välj en annan mapp med --out eller töm den",
            out_dir.display()
        );
    }
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "site".into());
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("kunde inte skapa {}", parent.display()))?;
    let staging = parent.join(format!(".{name}.rapportbok-ny"));
    let old = parent.join(format!(".{name}.rapportbok-gammal"));
    for leftover in [&staging, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)
                .with_context(|| format!("kunde inte ta bort {}", leftover.display()))?;
        }
    }
    for (path, bytes) in files {
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("kunde inte skapa {}", dir.display()))?;
        }
        std::fs::write(&target, bytes)
            .with_context(|| format!("kunde inte skriva {}", target.display()))?;
    }
    std::fs::write(
        staging.join(SITE_MARKER),
        "Skriven av rapportbok. Mappen ersätts vid nästa bygge.\n",
    )
    .with_context(|| format!("kunde inte skriva i {}", staging.display()))?;
    if out_dir.exists() {
        std::fs::rename(out_dir, &old)
            .with_context(|| format!("kunde inte flytta undan {}", out_dir.display()))?;
    }
    std::fs::rename(&staging, out_dir).with_context(|| {
        format!(
            "kunde inte flytta in den nya webbplatsen i {}",
            out_dir.display()
        )
    })?;
    if old.exists() {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("kunde inte ta bort {}", old.display()))?;
    }
    Ok(())
}

/// A path as the user would type it (no leading `./`).
pub fn display_path(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Map `f` over `items` on every available core, keeping the order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
