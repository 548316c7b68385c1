//! PREVIEW: `rapportbok serve` – the book rendered in memory, re-rendered incrementally as
//! files change, pushed to open pages over Server-Sent Events.
//!
//! A watcher thread turns file events into [`intent::Intent`]s; one rebuild task runs them
//! on the blocking pool (scripts never run on the async workers) and broadcasts the pages
//! whose HTML changed; [`http`] serves pages from memory and the event stream.

pub mod http;
pub mod intent;
mod site;
mod source;
mod watch;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use anyhow::Context;
use tokio::sync::{broadcast, mpsc};

pub use site::{Published, RELOAD_TAIL, Update};

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
    let mut site = Site::new(layout.clone(), options.params.clone());
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
    let site = Arc::new(Mutex::new(site_for_first));
    let (updates, _) = broadcast::channel(256);
    let shared = http::Shared {
        pages: Arc::clone(&pages),
        updates: updates.clone(),
    };

    let (intent_tx, intent_rx) = mpsc::unbounded_channel();
    let _watcher = watch::start(layout, intent_tx).context("kunde inte bevaka bokens filer")?;
    tokio::spawn(rebuild_loop(intent_rx, site, pages, updates));

    on_bound(addr);
    axum::serve(listener, http::router(shared))
        .await
        .context("servern stannade")
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
    site: Arc<Mutex<Site>>,
    pages: Arc<RwLock<std::collections::BTreeMap<String, Published>>>,
    updates: broadcast::Sender<Arc<Update>>,
) {
    while let Some(mut intents) = rx.recv().await {
        while let Ok(more) = rx.try_recv() {
            intents.extend(more);
        }
        intents.sort();
        intents.dedup();
        let site = Arc::clone(&site);
        let done = tokio::task::spawn_blocking(move || {
            let mut site = site.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let changed = site.rebuild(&intents);
            (changed, site.published().clone())
        })
        .await;
        match done {
            Ok((changed, published)) => {
                if let Ok(mut p) = pages.write() {
                    *p = published;
                }
                for update in changed {
                    // No open page is not an error.
                    let _ = updates.send(Arc::new(update));
                }
            }
            Err(e) => eprintln!("fel vid omritning (servern fortsätter): {e}"),
        }
    }
}
