//! The preview's state: the last good book, each page's run cache and last good render,
//! and the rebuild that turns intents into changed pages.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::intent::{Intent, Layout};
use super::source::source_listing;
use crate::book::Book;
use crate::build::{
    Inputs, RenderedNotebook, page_sections, reference_pages, render_source_incremental,
    site_pages_searched, with_reference,
};
use crate::diag::Diagnostic;
use crate::paths::page_path;
use crate::render::html::escape;
use crate::render::{Body, RenderOptions};
use crate::script::DataCache;
use crate::script::{RunCache, RunStats};
use crate::search::Section;
use crate::table::Table;

/// The live-reload script and the preview's extra styles (only in served pages).
pub const RELOAD_TAIL: &str = include_str!("reload.html");

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
}

struct Rendered {
    title: Option<String>,
    description: Option<String>,
    body: Body,
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
    /// Parsed data files, kept between runs until they change on disk.
    data_cache: Arc<DataCache>,
    published: BTreeMap<String, Published>,
    search: SearchCache,
}

/// Each page's search sections and what they were made from: a rebuild stems only the
/// pages whose title or sections changed, not the whole book.
#[derive(Default)]
struct SearchCache(HashMap<String, Indexed>);

struct Indexed {
    title: String,
    outline: Vec<crate::render::outline::Section>,
    sections: Vec<Section>,
}

impl SearchCache {
    fn sections(&mut self, r: &RenderedNotebook) -> Vec<Section> {
        if let Some(i) = self.0.get(&r.page)
            && i.title == r.title
            && i.outline == r.body.sections
        {
            return i.sections.clone();
        }
        let sections = page_sections(r);
        self.0.insert(
            r.page.clone(),
            Indexed {
                title: r.title.clone(),
                outline: r.body.sections.clone(),
                sections: sections.clone(),
            },
        );
        sections
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
                if rerun || saved.contains(rel) {
                    changed |= self.render_chapter(rel, rerun);
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
        chapter.last_good = Some(Rendered {
            title: nb.front.title.clone(),
            description: nb.front.description.clone(),
            body,
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

    /// Lay out every page and keep those whose HTML changed.
    fn publish(&mut self) -> Vec<Update> {
        let Some(book) = &self.book else {
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
        let book_banner = self
            .book_error
            .as_deref()
            .map(book_banner)
            .unwrap_or_default();
        let mut rendered = Vec::new();
        let mut stats = HashMap::new();
        for c in book.summary.chapters() {
            let Some(rel) = &c.path else { continue };
            let state = self.chapters.get(rel);
            let last = state.and_then(|s| s.last_good.as_ref());
            let mut html = String::new();
            if let Some(why) = state.and_then(|s| s.unreadable.as_deref()) {
                html.push_str(&unreadable_banner(why, last.is_some()));
            }
            // The banner is shown, not indexed: the sections are the notebook's own.
            let (title, description, headings, sections, downloads) = match last {
                Some(r) => {
                    html.push_str(&r.body.html);
                    (
                        r.title.clone().or_else(|| r.body.h1().map(str::to_string)),
                        r.description.clone(),
                        r.body.headings.clone(),
                        r.body.sections.clone(),
                        r.body.downloads.clone(),
                    )
                }
                None => (None, None, Vec::new(), Vec::new(), Vec::new()),
            };
            let page = page_path(rel);
            if let Some(s) = state {
                stats.insert(page.clone(), s.stats);
            }
            rendered.push(RenderedNotebook {
                source: rel.clone(),
                page,
                title: title.unwrap_or_else(|| c.name.clone()),
                description,
                body: Body {
                    html,
                    headings,
                    sections,
                    downloads,
                    printed: Vec::new(),
                },
                diagnostics: Vec::new(),
                elapsed: Default::default(),
                provenance: None,
            });
        }
        let book = with_reference(book, &mut rendered, &self.reference);
        let search = &mut self.search;
        search
            .0
            .retain(|page, _| rendered.iter().any(|r| r.page == *page));
        let pages = site_pages_searched(&book, &rendered, &self.tail, &book_banner, &mut |r| {
            search.sections(r)
        });
        let mut next = BTreeMap::new();
        let mut updates = Vec::new();
        for (path, html) in pages {
            let changed = self.published.get(&path).is_none_or(|p| *p.html != *html);
            let published = Published {
                html: html.into(),
                stats: stats.get(&path).copied(),
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
        for r in &rendered {
            let dir = r.page.rfind('/').map_or("", |i| &r.page[..=i]);
            for d in &r.body.downloads {
                let table = Arc::new(d.table.clone());
                for ext in ["xlsx", "csv"] {
                    next.insert(
                        format!("{dir}{}.{ext}", d.stem),
                        Published {
                            html: Arc::from(""),
                            stats: None,
                            download: Some(Arc::clone(&table)),
                        },
                    );
                }
            }
        }
        self.published = next;
        updates
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
