//! Watching the book's folders: debounced file events become intents on a channel.

use std::path::Path;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::mpsc::UnboundedSender;

use super::intent::{Intent, Layout};

/// How long the debouncer waits for a burst of events (an editor's write, rename, chmod) to end.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Start watching. Folders are watched, not files: a save by write-then-rename replaces the
/// file, which would lose a watch on the file itself; after debouncing it arrives as a create.
pub fn start(layout: Layout, tx: UnboundedSender<Vec<Intent>>) -> notify::Result<Watcher> {
    let classify = layout.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        match result {
            Ok(events) => {
                let mut intents: Vec<Intent> = events
                    .iter()
                    .filter(|e| !e.kind.is_access())
                    .flat_map(|e| e.paths.iter())
                    .filter_map(|p| classify.classify(p))
                    .collect();
                intents.sort();
                intents.dedup();
                if !intents.is_empty() {
                    // The receiver is gone only when the server is shutting down.
                    let _ = tx.send(intents);
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("bevakningen av filer: {e}");
                }
            }
        }
    })?;
    debouncer.watch(&layout.root, RecursiveMode::NonRecursive)?;
    debouncer.watch(&layout.src_dir, RecursiveMode::Recursive)?;
    for dir in &layout.plugin_dirs {
        watch_if_dir(&mut debouncer, dir, &layout.root)?;
    }
    watch_if_dir(&mut debouncer, &layout.data_dir, &layout.root)?;
    Ok(debouncer)
}

/// Watch a folder recursively, unless it is the book's root (watched without its subfolders,
/// which may hold a build folder or `target/`) or does not exist.
fn watch_if_dir(debouncer: &mut Watcher, dir: &Path, root: &Path) -> notify::Result<()> {
    if dir.is_dir() && dir != root {
        debouncer.watch(dir, RecursiveMode::Recursive)?;
    }
    Ok(())
}
