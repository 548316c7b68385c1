//! The preview's state: the last good book, each page's run cache and last good render,
//! and the rebuild that turns intents into changed pages.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::intent::{Intent, Layout};
use super::source::source_listing;
use crate::book::Book;
use crate::build::{
    Frame, Inputs, RenderedNotebook, Title, reference_pages, render_source_incremental,
    with_reference,
};
use crate::diag::Diagnostic;
use crate::paths::page_path;
use crate::render::html::escape;
use crate::render::{Body, RenderOptions};
use crate::script::DataCache;
use crate::script::{RunCache, RunStats};
use crate::table::Table;

/// The live-reload script and the preview's extra styles (only in served pages).
pub const RELOAD_TAIL: &str = include_str!("reload.html");

/// Whether pages that did not change keep their layout (always, but for the benchmark that
/// measures what it saves).
static KEEP_LAYOUTS: AtomicBool = AtomicBool::new(true);

/// Lay out and index every page again on every save (`false`), as the preview did before it
/// kept layouts: for the `editor` benchmark, which compares the two in one run.
#[doc(hidden)]
pub fn keep_layouts(keep: bool) {
    KEEP_LAYOUTS.store(keep, Ordering::Relaxed);
}

/// A page as served.
#[derive(Debug, Clone)]
pub struct Published {
    pub html: Arc<str>,
    /// What the last run of the page's notebook did (none for the front page).
    pub stats: Option<RunStats>,
    /// For a table's download (`.xlsx`/`.csv` beside its page): the table, written out when
    /// asked for; `html` is then empty and the entry is never sent as a page update.
    pub download: Option<Arc<Table>>,
}

/// A page that changed in a rebuild.
#[derive(Debug, Clone)]
pub struct Update {
    /// The page's path in the site (`handbok/format.html`); `*` when every page shows one error.
    pub page: String,
    pub published: Published,
}

/// One chapter's state between rebuilds.
#[derive(Default)]
struct Chapter {
    cache: RunCache,
    /// The last render of text that could be read.
    last_good: Option<Rendered>,
    /// Why the notebook could not be read, shown above the last good render.
    unreadable: Option<String>,
    /// The text `last_good` was rendered from: a save of the same text runs nothing.
    source: String,
    stats: RunStats,
    /// Changes whenever what the page shows of this chapter does (a new render, or a new
    /// reason it cannot be read): the page is laid out again only then (or when its
    /// neighbours' titles or the book change).
    version: u64,
}

struct Rendered {
    title: Option<String>,
    description: Option<String>,
    /// Shared with the search cache and the pages laid out from it, never copied per save.
    body: Arc<Body>,
    /// The tables' downloads, made once per render (as `(file stem, table)`).
    downloads: Vec<(String, Arc<Table>)>,
}

/// Everything the preview knows.
pub struct Site {
    layout: Layout,
    /// What every page ends with: the live-update script, and the "Redigera" link when
    /// editing is on.
    tail: String,
    /// Counts successful book loads (the editor follows the book when it changes).
    generation: u64,
    cli_params: Vec<(String, String)>,
    /// `serve --uppdatera`: the book's sources query once each instead of reading snapshots.
    pub refresh_sources: bool,
    /// The last book that loaded.
    book: Option<Book>,
    /// Why book.toml or SUMMARY.md cannot be loaded now.
    book_error: Option<Vec<Diagnostic>>,
    chapters: HashMap<PathBuf, Chapter>,
    /// The "Referens" pages, made once per book load (they change only with the plugins).
    reference: Vec<RenderedNotebook>,
    /// The reference pages' bodies, for the search index.
    reference_bodies: Vec<Arc<Body>>,
    /// The book as its pages show it: with the "Referens" part (made once per book load).
    framed: Option<Book>,
    /// Gives each chapter render its [`Chapter::version`].
    versions: u64,
    /// Every page as last laid out, with what it was laid out from.
    laid: Laid,
    /// Parsed data files, kept between runs until they change on disk.
    data_cache: Arc<DataCache>,
    published: BTreeMap<String, Published>,
    search: SearchCache,
}

/// Each page's search sections and what they were made from: a rebuild stems only the
/// pages whose title or sections changed, not the whole book, and writes the index again only
/// when some page's sections changed.
#[derive(Default)]
struct SearchCache {
    pages: HashMap<String, Indexed>,
    /// The index script of the pages last indexed, in reading order.
    index: Option<(Vec<String>, Arc<str>)>,
}

struct Indexed {
    title: String,
    /// The body the sections were taken from (compared by address first: an unchanged
    /// page keeps its `Arc`).
    body: Arc<Body>,
    /// The page's entries in the index script ([`crate::search::section_json`]).
    entries: Vec<String>,
}

impl SearchCache {
    /// Index `page` (title and body); true when its sections are new.
    fn index(&mut self, page: &str, title: &str, body: &Arc<Body>) -> bool {
        if let Some(i) = self.pages.get(page)
            && i.title == title
            && (Arc::ptr_eq(&i.body, body) || i.body.sections == body.sections)
        {
            return false;
        }
        let entries = crate::search::sections(page, title, &body.sections)
            .iter()
            .map(crate::search::section_json)
            .collect();
        self.pages.insert(
            page.to_string(),
            Indexed {
                title: title.to_string(),
                body: Arc::clone(body),
                entries,
            },
        );
        true
    }

    /// The index script of `pages` (in reading order), written again only when `changed`
    /// or the pages are others than last time.
    fn script(&mut self, pages: Vec<String>, changed: bool) -> Arc<str> {
        if let Some((order, js)) = &self.index
            && !changed
            && *order == pages
        {
            return Arc::clone(js);
        }
        self.pages.retain(|page, _| pages.contains(page));
        let js: Arc<str> = crate::search::index_script(
            pages
                .iter()
                .filter_map(|p| self.pages.get(p))
                .flat_map(|i| i.entries.iter().map(String::as_str)),
        )
        .into();
        self.index = Some((pages, Arc::clone(&js)));
        js
    }
}

/// The pages as last laid out: each with what it was laid out from, so that a save lays
/// out again only the saved notebook's page, its neighbours when its title changed, and
/// every page when the book (contents, config, plugins) or the banner over it changed.
#[derive(Default)]
struct Laid {
    /// The book load and the banner the pages were laid out with.
    frame: Option<(u64, String)>,
    pages: HashMap<String, (PageKey, Arc<str>)>,
}

/// What a page was laid out from, besides the frame.
#[derive(PartialEq, Eq)]
struct PageKey {
    /// The chapter's [`Chapter::version`] (0: a page that changes only with the frame).
    content: u64,
    title: String,
    prev: Option<Title>,
    next: Option<Title>,
}

impl Laid {
    /// Forget every page when the frame is not `frame`.
    fn frame(&mut self, frame: (u64, String)) {
        if self.frame.as_ref() != Some(&frame) {
            self.pages.clear();
            self.frame = Some(frame);
        }
    }

    /// The page at `path` for `key`: as laid out before, or laid out now by `lay_out`.
    fn page(&mut self, path: &str, key: PageKey, lay_out: impl FnOnce() -> String) -> Arc<str> {
        if let Some((k, html)) = self.pages.get(path)
            && *k == key
        {
            return Arc::clone(html);
        }
        let html: Arc<str> = lay_out().into();
        self.pages
            .insert(path.to_string(), (key, Arc::clone(&html)));
        html
    }
}

impl Site {
    pub fn new(layout: Layout, cli_params: Vec<(String, String)>, tail: String) -> Site {
        Site {
            layout,
            tail,
            generation: 0,
            cli_params,
            refresh_sources: false,
            book: None,
            book_error: None,
            chapters: HashMap::new(),
            reference: Vec::new(),
            reference_bodies: Vec::new(),
            framed: None,
            versions: 0,
            laid: Laid::default(),
            data_cache: Arc::default(),
            published: BTreeMap::new(),
            search: SearchCache::default(),
        }
    }

    pub fn published(&self) -> &BTreeMap<String, Published> {
        &self.published
    }

    /// The book as last loaded.
    pub fn book(&self) -> Option<&Book> {
        self.book.as_ref()
    }

    /// How many times the book has been loaded.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The parsed data files the preview keeps (shared with the editor's runs).
    pub fn data_cache(&self) -> Arc<DataCache> {
        Arc::clone(&self.data_cache)
    }

    /// Act on `intents` and return the pages whose HTML changed. Never fails: problems
    /// become messages in the pages.
    pub fn rebuild(&mut self, intents: &[Intent]) -> Vec<Update> {
        // A config or plugin change means loading the book again (resolving and compiling
        // its plugins) and re-rendering every page; the run cache keeps what is unchanged.
        let reload = self.book.is_none()
            || intents
                .iter()
                .any(|i| matches!(i, Intent::Config | Intent::Plugin));
        // Notebooks saved (re-run unless their text is what the page shows), and notebooks
        // that read a data file that changed (re-run).
        let mut saved: Vec<PathBuf> = Vec::new();
        let mut read_changed: Vec<PathBuf> = Vec::new();
        for intent in intents {
            match intent {
                Intent::Config | Intent::Plugin => {}
                Intent::Notebook(path) => {
                    if let Some(book) = &self.book
                        && let Ok(rel) = path.strip_prefix(&book.src_dir)
                    {
                        saved.push(rel.to_path_buf());
                    }
                }
                Intent::Data(path) => {
                    let canonical = path.canonicalize().ok();
                    for (rel, chapter) in &self.chapters {
                        if chapter
                            .cache
                            .data_reads()
                            .any(|p| p == path || Some(p) == canonical.as_deref())
                        {
                            read_changed.push(rel.clone());
                        }
                    }
                }
            }
        }
        if !reload && saved.is_empty() && read_changed.is_empty() {
            // A file no page depends on (a README, an editor's temporary file).
            return Vec::new();
        }
        if reload {
            self.reload_book();
        }
        let mut changed = reload;
        if let Some(book) = &self.book {
            let chapters: Vec<PathBuf> = book
                .summary
                .chapters()
                .iter()
                .filter_map(|c| c.path.clone())
                .collect();
            if reload {
                read_changed = chapters.clone();
            }
            self.chapters.retain(|rel, _| chapters.contains(rel));
            for rel in &chapters {
                let rerun = read_changed.contains(rel);
                if (rerun || saved.contains(rel)) && self.render_chapter(rel, rerun) {
                    changed = true;
                    self.versions += 1;
                    if let Some(chapter) = self.chapters.get_mut(rel) {
                        chapter.version = self.versions;
                    }
                }
            }
        }
        if !changed {
            // The same text saved again (the file watcher's event for a save the editor
            // already sent): every page is as it was.
            return Vec::new();
        }
        self.publish()
    }

    fn reload_book(&mut self) {
        match Book::load(&self.layout.root) {
            Ok(mut book) => {
                if self.refresh_sources {
                    book.refresh_sources();
                }
                self.reference = reference_pages(&book);
                self.reference_bodies = self
                    .reference
                    .iter()
                    .map(|r| Arc::new(r.body.clone()))
                    .collect();
                self.framed = Some(with_reference(&book, &mut Vec::new(), &self.reference));
                self.book = Some(book);
                self.book_error = None;
                self.generation += 1;
            }
            Err(diags) => {
                for d in &diags.0 {
                    eprintln!("{d}");
                }
                self.book_error = Some(diags.0);
            }
        }
    }

    /// Run and render one chapter; false when it is as it was (`rerun` false and the same
    /// text as last time, or the same reason it cannot be read).
    fn render_chapter(&mut self, rel: &Path, rerun: bool) -> bool {
        let Some(book) = &self.book else { return false };
        let started = Instant::now();
        let file = book.src_dir.join(rel);
        let display = display_for(&file, &self.layout.root);
        let chapter = self.chapters.entry(rel.to_path_buf()).or_default();
        let source = match std::fs::read(&file).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                return unreadable(
                    chapter,
                    format!("{} är inte sparad som UTF-8", display.display()),
                );
            }
            Err(e) => {
                return unreadable(
                    chapter,
                    format!("kunde inte läsa {}: {e}", display.display()),
                );
            }
        };
        if !rerun
            && chapter.unreadable.is_none()
            && chapter.last_good.is_some()
            && chapter.source == source
        {
            return false;
        }
        let options = RenderOptions {
            allow_html: book.config.build.allow_html,
            preview: true,
        };
        let inputs = Inputs {
            config: &book.config,
            data_dir: &book.data_dir,
            plugins: &book.plugins,
            cli_params: &self.cli_params,
            data_cache: &self.data_cache,
            sources: &book.sources,
        };
        let (nb, run, stats, mut body) =
            render_source_incremental(&source, &display, &inputs, options, &mut chapter.cache);
        if run.diagnostics.iter().any(|d| d.line > 0) {
            body.html
                .push_str(&source_listing(&source, &run.diagnostics));
        }
        chapter.unreadable = None;
        chapter.stats = stats;
        chapter.source = source;
        let downloads = body
            .downloads
            .iter()
            .map(|d| (d.stem.clone(), Arc::new(d.table.clone())))
            .collect();
        chapter.last_good = Some(Rendered {
            title: nb.front.title.clone(),
            description: nb.front.description.clone(),
            body: Arc::new(body),
            downloads,
        });
        eprintln!(
            "  {}: {} kördes, {} återanvändes ({} ms{})",
            rel.display(),
            cells(stats.cells_run),
            cells(stats.cells_reused),
            started.elapsed().as_millis(),
            match run.diagnostics.len() {
                0 => String::new(),
                n => format!(", {n} fel"),
            }
        );
        true
    }

    /// The pages as they are now, and those whose HTML changed. Only pages whose content,
    /// neighbours or frame changed are laid out again (see [`Laid`]).
    fn publish(&mut self) -> Vec<Update> {
        let Some(book) = &self.framed else {
            let html: Arc<str> =
                error_page(self.book_error.as_deref().unwrap_or(&[]), &self.tail).into();
            let published = Published {
                html,
                stats: None,
                download: None,
            };
            let changed = self
                .published
                .get("*")
                .is_none_or(|p| p.html != published.html);
            self.published.clear();
            self.published.insert("*".into(), published.clone());
            return if changed {
                vec![Update {
                    page: "*".into(),
                    published,
                }]
            } else {
                Vec::new()
            };
        };
        let banner = self
            .book_error
            .as_deref()
            .map(book_banner)
            .unwrap_or_default();
        let frame = Frame {
            book,
            tail: &self.tail,
            banner: &banner,
        };
        self.laid.frame((self.generation, banner.clone()));
        if !KEEP_LAYOUTS.load(Ordering::Relaxed) {
            self.laid.pages.clear();
            self.search = SearchCache::default();
        }

        // Each chapter's page as the reader sees it, then the reference pages, in order.
        let chapters: Vec<View> = self
            .book
            .iter()
            .flat_map(|b| b.summary.chapters())
            .filter_map(|c| {
                let rel = c.path.as_ref()?;
                Some(View::of(rel, &c.name, self.chapters.get(rel)))
            })
            .collect();
        let titles: Vec<Title> = chapters
            .iter()
            .map(|p| (p.page.clone(), p.title.clone()))
            .chain(
                self.reference
                    .iter()
                    .map(|r| (r.page.clone(), r.title.clone())),
            )
            .collect();
        let mut pages: Vec<(String, Arc<str>, Option<RunStats>)> =
            Vec::with_capacity(titles.len() + 3);
        let first = titles.first();
        let index = self
            .laid
            .page("index.html", frame_key(first), || frame.index_page(first));
        pages.push(("index.html".into(), index, None));
        let mut sections_changed = false;
        let search = &mut self.search;
        for (i, p) in chapters.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| titles.get(j));
            let next = titles.get(i + 1);
            let key = PageKey {
                content: p.version,
                title: p.title.clone(),
                prev: prev.cloned(),
                next: next.cloned(),
            };
            let html = self.laid.page(&p.page, key, || {
                frame.chapter_page(&p.rendered(), prev, next)
            });
            sections_changed |= search.index(&p.page, &p.title, &p.body);
            pages.push((p.page.clone(), html, p.stats));
        }
        for (i, r) in self.reference.iter().enumerate() {
            let at = chapters.len() + i;
            let prev = at.checked_sub(1).and_then(|j| titles.get(j));
            let next = titles.get(at + 1);
            let key = PageKey {
                content: 0,
                title: r.title.clone(),
                prev: prev.cloned(),
                next: next.cloned(),
            };
            let html = self
                .laid
                .page(&r.page, key, || frame.chapter_page(r, prev, next));
            pages.push((r.page.clone(), html, None));
        }
        // A chapter named like the search page keeps its place.
        if !titles
            .iter()
            .any(|(page, _)| crate::search::is_reserved(page))
        {
            for (r, body) in self.reference.iter().zip(&self.reference_bodies) {
                sections_changed |= search.index(&r.page, &r.title, body);
            }
            let html = self.laid.page(crate::search::PAGE, frame_key(first), || {
                frame.search_page(first)
            });
            pages.push((crate::search::PAGE.into(), html, None));
            let order = titles.iter().map(|(page, _)| page.clone()).collect();
            let js = search.script(order, sections_changed);
            pages.push((crate::search::INDEX.into(), js, None));
            pages.push((
                crate::search::SCRIPT.into(),
                Arc::from(crate::search::SEARCH_JS),
                None,
            ));
        }

        let mut next = BTreeMap::new();
        let mut updates = Vec::new();
        for (path, html, stats) in pages {
            let changed = self.published.get(&path).is_none_or(|p| p.html != html);
            let published = Published {
                html,
                stats,
                download: None,
            };
            if changed {
                updates.push(Update {
                    page: path.clone(),
                    published: published.clone(),
                });
            }
            next.insert(path, published);
        }
        for p in &chapters {
            let dir = p.page.rfind('/').map_or("", |i| &p.page[..=i]);
            for (stem, table) in p.downloads() {
                for ext in ["xlsx", "csv"] {
                    next.insert(
                        format!("{dir}{stem}.{ext}"),
                        Published {
                            html: Arc::from(""),
                            stats: None,
                            download: Some(Arc::clone(table)),
                        },
                    );
                }
            }
        }
        self.published = next;
        updates
    }
}

/// The key of a page that changes only with the frame and the first chapter.
fn frame_key(first: Option<&Title>) -> PageKey {
    PageKey {
        content: 0,
        title: String::new(),
        prev: None,
        next: first.cloned(),
    }
}

/// A chapter's page as the reader sees it now: its last good render (with the reason it
/// cannot be read now above it), or only its name from SUMMARY.md.
struct View<'a> {
    rel: &'a Path,
    page: String,
    title: String,
    version: u64,
    stats: Option<RunStats>,
    unreadable: Option<&'a str>,
    last: Option<&'a Rendered>,
    body: Arc<Body>,
}

impl<'a> View<'a> {
    fn of(rel: &'a Path, name: &str, chapter: Option<&'a Chapter>) -> View<'a> {
        let last = chapter.and_then(|c| c.last_good.as_ref());
        let title = last
            .and_then(|r| r.title.clone().or_else(|| r.body.h1().map(str::to_string)))
            .unwrap_or_else(|| name.to_string());
        View {
            rel,
            page: page_path(rel),
            title,
            version: chapter.map_or(0, |c| c.version),
            stats: chapter.map(|c| c.stats),
            unreadable: chapter.and_then(|c| c.unreadable.as_deref()),
            last,
            body: last.map_or_else(Arc::default, |r| Arc::clone(&r.body)),
        }
    }

    /// The chapter as a rendered notebook, to lay its page out (the banner is shown, not
    /// indexed: the sections are the notebook's own).
    fn rendered(&self) -> RenderedNotebook {
        let mut html = String::new();
        if let Some(why) = self.unreadable {
            html.push_str(&unreadable_banner(why, self.last.is_some()));
        }
        html.push_str(&self.body.html);
        RenderedNotebook {
            source: self.rel.to_path_buf(),
            page: self.page.clone(),
            title: self.title.clone(),
            description: self.last.and_then(|r| r.description.clone()),
            body: Body {
                html,
                headings: self.body.headings.clone(),
                sections: Vec::new(),
                downloads: Vec::new(),
                printed: Vec::new(),
                problems: Vec::new(),
            },
            diagnostics: Vec::new(),
            elapsed: Default::default(),
            provenance: None,
        }
    }

    fn downloads(&self) -> impl Iterator<Item = &'a (String, Arc<Table>)> + use<'a> {
        self.last.into_iter().flat_map(|r| r.downloads.iter())
    }
}

/// Mark `chapter` unreadable for `why`; true unless it already was, for the same reason.
fn unreadable(chapter: &mut Chapter, why: String) -> bool {
    let changed = chapter.unreadable.as_deref() != Some(why.as_str());
    chapter.unreadable = Some(why);
    changed
}

fn cells(n: usize) -> String {
    if n == 1 {
        "1 cell".into()
    } else {
        format!("{n} celler")
    }
}

/// The notebook's path as the writer knows it: relative to the book.
fn display_for(file: &Path, root: &Path) -> PathBuf {
    file.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf())
}

fn diagnostics_list(diags: &[Diagnostic]) -> String {
    let items: String = diags
        .iter()
        .map(|d| {
            let hint = d
                .hint
                .as_deref()
                .map(|h| format!(" <span class=\"hint\">Tips: {}</span>", escape(h)))
                .unwrap_or_default();
            format!("<li>{}{hint}</li>", escape(&d.to_string()))
        })
        .collect();
    format!("<ul>{items}</ul>")
}

/// Shown on every page while book.toml or SUMMARY.md has an error.
fn book_banner(diags: &[Diagnostic]) -> String {
    format!(
        "<div class=\"cell-error preview-banner\" role=\"alert\"><p><strong>Boken kan inte läsas in:</strong> \
         sidorna visar den senaste versionen som gick att läsa in.</p>{}</div>\n",
        diagnostics_list(diags)
    )
}

fn unreadable_banner(why: &str, has_last: bool) -> String {
    let shown = if has_last {
        " Nedan visas den senaste versionen som gick att läsa."
    } else {
        ""
    };
    format!(
        "<div class=\"cell-error preview-banner\" role=\"alert\"><p><strong>Notebooken kan inte läsas:</strong> {}.{shown}</p></div>\n",
        escape(why)
    )
}

/// The whole page while the book has never loaded.
fn error_page(diags: &[Diagnostic], tail: &str) -> String {
    let body = format!(
        "<div class=\"cell-error preview-banner\" role=\"alert\"><p><strong>Boken kan inte läsas in.</strong> \
         Rätta felet och spara, så visas boken här.</p>{}</div>\n",
        diagnostics_list(diags)
    );
    crate::render::page::render(&crate::render::page::Page {
        lang: "sv",
        book_title: "Rapportbok",
        title: "Fel i boken",
        body: &body,
        tail,
        ..Default::default()
    })
}
