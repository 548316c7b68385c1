//! Watching the book's folders: file events become intents on a channel, at once when a
//! save is complete and after a short quiet period when the events give no such sign.
//!
//! A save is complete when a file is renamed onto its name (an atomic save: the rename is
//! the commit point) or when a file opened for writing is closed. Everything else (data
//! written, a file created or removed, metadata) waits until the path has been quiet for
//! [`QUIET`]: a half-written file is never read, and an editor that renames the old file
//! away before writing the new one gives one rebuild, not a "missing file" page first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::mpsc::UnboundedSender;

use super::intent::{Intent, Layout};

/// How long a path must be quiet after an event that does not complete a save.
pub const QUIET: Duration = Duration::from_millis(20);

/// The running watcher; dropping it stops watching (its thread sends what is still waiting
/// and ends).
pub struct Watcher {
    _inner: RecommendedWatcher,
}

/// Start watching. Folders are watched, not files: a save by write-then-rename replaces the
/// file, which would lose a watch on the file itself.
pub fn start(layout: Layout, tx: UnboundedSender<Vec<Intent>>) -> notify::Result<Watcher> {
    let (raw_tx, raw_rx) = std::sync::mpsc::channel();
    let mut inner = notify::recommended_watcher(raw_tx)?;
    inner.watch(&layout.root, RecursiveMode::NonRecursive)?;
    inner.watch(&layout.src_dir, RecursiveMode::Recursive)?;
    for dir in &layout.plugin_dirs {
        watch_if_dir(&mut inner, dir, &layout.root)?;
    }
    watch_if_dir(&mut inner, &layout.data_dir, &layout.root)?;
    std::thread::Builder::new()
        .name("rapportbok-bevakning".into())
        .spawn(move || forward(&raw_rx, Pending::new(layout), &tx))
        .map_err(notify::Error::io)?;
    Ok(Watcher { _inner: inner })
}

/// Watch a folder recursively, unless it is the book's root (watched without its subfolders,
/// which may hold a build folder or `target/`) or does not exist.
fn watch_if_dir(watcher: &mut RecommendedWatcher, dir: &Path, root: &Path) -> notify::Result<()> {
    if dir.is_dir() && dir != root {
        watcher.watch(dir, RecursiveMode::Recursive)?;
    }
    Ok(())
}

/// Turn raw events into intents until the watcher is dropped. Events that arrive together
/// go out together, so a checkout that touches ten notebooks is one rebuild.
fn forward(
    rx: &Receiver<notify::Result<Event>>,
    mut pending: Pending,
    tx: &UnboundedSender<Vec<Intent>>,
) {
    loop {
        let received = match pending.next_due() {
            Some(due) => rx.recv_timeout(due.saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let mut ready = Vec::new();
        let mut handle = |result: notify::Result<Event>, ready: &mut Vec<Intent>| match result {
            Ok(event) => ready.extend(pending.take(&event, Instant::now())),
            Err(e) => eprintln!("bevakningen av filer: {e}"),
        };
        match received {
            Ok(first) => {
                handle(first, &mut ready);
                while let Ok(more) = rx.try_recv() {
                    handle(more, &mut ready);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                // Watching stopped (book.toml moved the folders): what waited still counts.
                let _ = send(tx, pending.due(Instant::now() + QUIET));
                return;
            }
        }
        ready.extend(pending.due(Instant::now()));
        if !send(tx, ready) {
            return;
        }
    }
}

/// Send `intents` (sorted, once each) unless there are none; false when the server is gone.
fn send(tx: &UnboundedSender<Vec<Intent>>, mut intents: Vec<Intent>) -> bool {
    intents.sort();
    intents.dedup();
    intents.is_empty() || tx.send(intents).is_ok()
}

/// Paths whose change has been seen but not yet sent, each with when it may go.
pub struct Pending {
    layout: Layout,
    waiting: HashMap<PathBuf, (Intent, Instant)>,
}

impl Pending {
    pub fn new(layout: Layout) -> Pending {
        Pending {
            layout,
            waiting: HashMap::new(),
        }
    }

    /// The intents `event` makes ready now; other changes wait for quiet.
    pub fn take(&mut self, event: &Event, now: Instant) -> Vec<Intent> {
        if event.need_rescan() {
            // The system dropped events: load the whole book again.
            return vec![Intent::Config];
        }
        let mut ready = Vec::new();
        let paths = &event.paths;
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                paths.iter().for_each(|p| self.complete(p, &mut ready));
            }
            // Reading (the preview's own runs read every notebook) is not a change.
            EventKind::Access(_) => {}
            EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
                paths.iter().for_each(|p| self.complete(p, &mut ready));
            }
            // Linux also reports a rename as one event with both paths, after the `From`
            // and `To` events already taken: sending it again would be a second rebuild.
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {}
            EventKind::Modify(ModifyKind::Name(RenameMode::Any | RenameMode::Other)) => {
                for p in paths {
                    if p.exists() {
                        self.complete(p, &mut ready);
                    } else {
                        self.wait(p, now);
                    }
                }
            }
            _ => paths.iter().for_each(|p| self.wait(p, now)),
        }
        ready
    }

    /// The intents whose quiet period has ended by `now`.
    pub fn due(&mut self, now: Instant) -> Vec<Intent> {
        let mut ready = Vec::new();
        self.waiting.retain(|_, (intent, at)| {
            let keep = *at > now;
            if !keep {
                ready.push(intent.clone());
            }
            keep
        });
        ready
    }

    /// When the next waiting intent is due.
    pub fn next_due(&self) -> Option<Instant> {
        self.waiting.values().map(|(_, at)| *at).min()
    }

    fn complete(&mut self, path: &Path, ready: &mut Vec<Intent>) {
        if let Some(intent) = self.layout.classify(path) {
            self.waiting.remove(path);
            ready.push(intent);
        }
    }

    fn wait(&mut self, path: &Path, now: Instant) {
        if let Some(intent) = self.layout.classify(path) {
            self.waiting
                .insert(path.to_path_buf(), (intent, now + QUIET));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind};

    fn pending() -> Pending {
        let root = PathBuf::from("/bok");
        Pending::new(Layout {
            src_dir: root.join("notebooks"),
            data_dir: root.join("data"),
            plugin_dirs: vec![root.join("plugins")],
            build_dir: root.join("site"),
            root,
        })
    }

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths
            .iter()
            .fold(Event::new(kind), |e, p| e.add_path(PathBuf::from(p)))
    }

    const NB: &str = "/bok/notebooks/a.md";
    const TMP: &str = "/bok/notebooks/.a.md.tmp";

    fn notebook() -> Vec<Intent> {
        vec![Intent::Notebook(PathBuf::from(NB))]
    }

    #[test]
    fn an_atomic_save_is_sent_at_the_rename_once() {
        let mut p = pending();
        let t = Instant::now();
        let written = [
            event(EventKind::Create(CreateKind::File), &[TMP]),
            event(EventKind::Modify(ModifyKind::Data(DataChange::Any)), &[TMP]),
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &[TMP],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::From)),
                &[TMP],
            ),
        ];
        for e in &written {
            assert!(p.take(e, t).is_empty(), "{e:?}");
        }
        let to = event(EventKind::Modify(ModifyKind::Name(RenameMode::To)), &[NB]);
        assert_eq!(p.take(&to, t), notebook(), "the rename is the commit point");
        let both = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &[TMP, NB],
        );
        assert!(p.take(&both, t).is_empty(), "the same rename, told again");
        assert_eq!(p.next_due(), None, "nothing left to send later");
        assert!(p.due(t + QUIET * 10).is_empty());
    }

    #[test]
    fn a_write_in_place_is_sent_when_the_file_is_closed() {
        let mut p = pending();
        let t = Instant::now();
        let data = event(EventKind::Modify(ModifyKind::Data(DataChange::Any)), &[NB]);
        assert!(p.take(&data, t).is_empty(), "half written: wait");
        assert!(p.take(&data, t).is_empty());
        let closed = event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &[NB],
        );
        assert_eq!(p.take(&closed, t), notebook());
        assert!(p.due(t + QUIET * 10).is_empty(), "sent once, not again");
    }

    #[test]
    fn changes_without_a_completion_wait_until_the_path_is_quiet() {
        let mut p = pending();
        let t = Instant::now();
        let data = event(EventKind::Modify(ModifyKind::Data(DataChange::Any)), &[NB]);
        assert!(p.take(&data, t).is_empty());
        assert!(p.take(&data, t + QUIET / 2).is_empty());
        assert_eq!(
            p.next_due(),
            Some(t + QUIET / 2 + QUIET),
            "each event restarts it"
        );
        assert!(p.due(t + QUIET).is_empty());
        assert_eq!(p.due(t + QUIET * 2), notebook());
        assert_eq!(p.next_due(), None);
    }

    #[test]
    fn an_old_file_renamed_away_before_the_new_one_is_written_is_one_change() {
        let mut p = pending();
        let t = Instant::now();
        let away = event(EventKind::Modify(ModifyKind::Name(RenameMode::From)), &[NB]);
        assert!(
            p.take(&away, t).is_empty(),
            "the notebook is missing for now"
        );
        let backup = event(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            &["/bok/notebooks/a.md~"],
        );
        assert!(p.take(&backup, t).is_empty());
        let created = event(EventKind::Create(CreateKind::File), &[NB]);
        assert!(p.take(&created, t).is_empty());
        let closed = event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &[NB],
        );
        assert_eq!(p.take(&closed, t), notebook());
        assert!(p.due(t + QUIET * 10).is_empty());
        let removed = event(EventKind::Remove(RemoveKind::File), &[NB]);
        assert!(p.take(&removed, t).is_empty());
        assert_eq!(
            p.due(t + QUIET),
            notebook(),
            "a removal is sent after quiet"
        );
    }

    #[test]
    fn reads_and_unrelated_files_are_no_change_and_lost_events_reload_the_book() {
        let mut p = pending();
        let t = Instant::now();
        let read = event(
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            &[NB],
        );
        assert!(p.take(&read, t).is_empty());
        let other = event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &["/bok/README.txt"],
        );
        assert!(p.take(&other, t).is_empty());
        assert_eq!(p.next_due(), None);
        let overflow = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert_eq!(p.take(&overflow, t), vec![Intent::Config]);
    }
}
