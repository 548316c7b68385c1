//! PREVIEW: `rapportbok serve` – the book rendered in memory, re-rendered incrementally as
//! files change, pushed to open pages over Server-Sent Events.
//!
//! A watcher thread turns file events into [`intent::Intent`]s; one rebuild task runs them
//! on the blocking pool (scripts never run on the async workers) and broadcasts the pages
//! whose HTML changed; [`http`] serves pages from memory and the event stream.

pub mod access;
mod datafile;
pub mod edit;
pub mod http;
pub mod intent;
mod language;
mod preview;
mod site;
mod source;
mod watch;
pub mod write;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use anyhow::Context;
use tokio::sync::{broadcast, mpsc};

pub use site::{Published, RELOAD_TAIL, Update, keep_layouts};

use intent::{Intent, Layout};
use site::Site;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The book's folder (holding book.toml).
    pub book: PathBuf,
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    pub params: Vec<(String, String)>,
    /// `--uppdatera`: each SQL query runs once against the server instead of reading its snapshot.
    pub refresh_sources: bool,
    /// Editing in the browser ("Redigera"). The CLI turns it on for loopback addresses, and
    /// on other addresses only with `--redigera`.
    pub edit: bool,
}

/// A server running on its own thread (tests, benchmarks).
pub struct Running {
    pub addr: SocketAddr,
}

/// Serve until the process ends. `on_bound` is called with the address once it listens.
pub fn run(
    options: Options,
    on_bound: impl FnOnce(SocketAddr) + Send + 'static,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("kunde inte starta servern")?;
    runtime.block_on(serve(options, on_bound))
}

/// Start a server on a background thread and return once it listens.
pub fn spawn(options: Options) -> anyhow::Result<Running> {
    let (tx, rx) = std::sync::mpsc::channel();
    let failed = tx.clone();
    std::thread::spawn(move || {
        if let Err(e) = run(options, move |addr| {
            let _ = tx.send(Ok(addr));
        }) {
            let _ = failed.send(Err(e));
        }
    });
    let addr = rx
        .recv()
        .context("servern avslutades innan den startade")??;
    Ok(Running { addr })
}

async fn serve(options: Options, on_bound: impl FnOnce(SocketAddr)) -> anyhow::Result<()> {
    let root = options
        .book
        .canonicalize()
        .with_context(|| format!("hittar inte bokens mapp {}", options.book.display()))?;
    let listener = tokio::net::TcpListener::bind((options.host.as_str(), options.port))
        .await
        .with_context(|| format!("kunde inte lyssna på {}:{}", options.host, options.port))?;
    let addr = listener.local_addr()?;

    let layout = layout(&root);
    let access = Arc::new(access::Access::new(addr, &options.host, options.edit));
    let tail = if options.edit {
        format!("{RELOAD_TAIL}{EDIT_TAIL}")
    } else {
        RELOAD_TAIL.to_string()
    };
    let mut site = Site::new(layout.clone(), options.params.clone(), tail);
    site.refresh_sources = options.refresh_sources;
    let started = std::time::Instant::now();
    let site_for_first = tokio::task::spawn_blocking(move || {
        site.rebuild(&[Intent::Config]);
        site
    })
    .await?;
    eprintln!(
        "Boken är renderad ({} sidor, {} ms).",
        site_for_first
            .published()
            .keys()
            .filter(|path| path.ends_with(".html"))
            .count(),
        started.elapsed().as_millis()
    );
    let pages = Arc::new(RwLock::new(site_for_first.published().clone()));
    let (updates, _) = broadcast::channel(256);
    let (intent_tx, intent_rx) = mpsc::unbounded_channel();
    let shared = http::Shared {
        pages: Arc::clone(&pages),
        updates: updates.clone(),
        access,
        book: Arc::default(),
        lang: Arc::default(),
        drafts: Arc::default(),
        intents: intent_tx.clone(),
        writes: Arc::default(),
    };
    let mut generation = None;
    follow_book(&site_for_first, &shared, &options.params, &mut generation);
    let site = Arc::new(Mutex::new(site_for_first));

    let watcher = watch::start(layout.clone(), intent_tx.clone())
        .context("kunde inte bevaka bokens filer")?;
    let watching = Watching {
        root,
        layout,
        watcher,
        tx: intent_tx,
    };
    tokio::spawn(rebuild_loop(
        intent_rx,
        watching,
        site,
        shared.clone(),
        options.params.clone(),
        generation,
    ));

    on_bound(addr);
    axum::serve(listener, http::router(shared))
        .await
        .context("servern stannade")
}

/// The "Redigera" link of every preview page (not inside the editor's own preview frame).
const EDIT_TAIL: &str = include_str!("edit_link.html");

/// The watcher and what it watches; restarted when book.toml moves the folders.
struct Watching {
    root: PathBuf,
    layout: Layout,
    watcher: watch::Watcher,
    tx: mpsc::UnboundedSender<Vec<Intent>>,
}

impl Watching {
    /// After book.toml changed: watch the folders it names now (`src`, `[data] dir`,
    /// `[plugins] paths`, the build folder to ignore), if they moved.
    fn follow_config(&mut self) {
        let now = layout(&self.root);
        if now == self.layout {
            return;
        }
        match watch::start(now.clone(), self.tx.clone()) {
            Ok(w) => {
                self.watcher = w;
                self.layout = now;
            }
            Err(e) => eprintln!("kunde inte bevaka bokens nya mappar: {e}"),
        }
    }
}

/// Give the editor the book as it was loaded last, and a language service for it, when
/// the site loaded the book again.
fn follow_book(
    site: &Site,
    shared: &http::Shared,
    params: &[(String, String)],
    generation: &mut Option<u64>,
) {
    if *generation == Some(site.generation()) {
        return;
    }
    *generation = Some(site.generation());
    let book = site.book().cloned();
    let service = book.clone().map(|b| {
        Arc::new(crate::lang::Service::new(
            b,
            site.data_cache(),
            params.to_vec(),
        ))
    });
    if let Ok(mut slot) = shared.book.write() {
        *slot = book;
    }
    if let Ok(mut slot) = shared.lang.write() {
        *slot = service;
    }
}

/// Where a book's files are, with the folders from book.toml when it can be read.
fn layout(root: &std::path::Path) -> Layout {
    let config =
        crate::config::Config::load(&root.join(crate::book::CONFIG_FILE)).unwrap_or_default();
    let canon = |p: PathBuf| p.canonicalize().unwrap_or(p);
    Layout {
        src_dir: canon(root.join(&config.book.src)),
        data_dir: canon(config.data_dir(root)),
        plugin_dirs: crate::plugins::search_paths(root, &config)
            .into_iter()
            .map(canon)
            .collect(),
        build_dir: canon(root.join(&config.build.build_dir)),
        root: root.to_path_buf(),
    }
}

/// One rebuild at a time; intents that arrive meanwhile are taken together in the next.
async fn rebuild_loop(
    mut rx: mpsc::UnboundedReceiver<Vec<Intent>>,
    mut watching: Watching,
    site: Arc<Mutex<Site>>,
    shared: http::Shared,
    params: Vec<(String, String)>,
    mut generation: Option<u64>,
) {
    while let Some(mut intents) = rx.recv().await {
        while let Ok(more) = rx.try_recv() {
            intents.extend(more);
        }
        intents.sort();
        intents.dedup();
        let config = intents.contains(&Intent::Config);
        let site = Arc::clone(&site);
        let done = tokio::task::spawn_blocking(move || {
            let mut locked = site.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let changed = locked.rebuild(&intents);
            (changed, locked.published().clone(), Arc::clone(&site))
        })
        .await;
        match done {
            Ok((changed, published, site)) => {
                if let Ok(mut p) = shared.pages.write() {
                    *p = published;
                }
                // Only pages go to open pages: one event per changed page, not one more for
                // the search index that changed with it.
                for update in changed
                    .into_iter()
                    .filter(|u| u.page.ends_with(".html") || u.page == "*")
                {
                    // No open page is not an error.
                    let _ = shared.updates.send(Arc::new(update));
                }
                if let Ok(locked) = site.lock() {
                    follow_book(&locked, &shared, &params, &mut generation);
                }
            }
            Err(e) => eprintln!("fel vid omritning (servern fortsätter): {e}"),
        }
        if config {
            watching.follow_config();
        }
    }
}
