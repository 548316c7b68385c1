//! What a changed file means for the preview: a notebook, data, a plugin or the config.

use std::path::{Path, PathBuf};

use crate::book::{CONFIG_FILE, SUMMARY_FILE};
use crate::plugins::LOCK_FILE;

/// What a file event asks the preview to do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Intent {
    /// book.toml or SUMMARY.md changed: reload the book, re-render every page.
    Config,
    /// A notebook (absolute path) changed: re-run that page.
    Notebook(PathBuf),
    /// A data file (absolute path) changed: re-run the pages that read it.
    Data(PathBuf),
    /// A plugin changed: every page runs again (plugins are part of every cache key).
    Plugin,
}

/// The folders a book's files live in (absolute, canonical).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub root: PathBuf,
    pub src_dir: PathBuf,
    pub data_dir: PathBuf,
    /// The book's plugin search paths (`[plugins] paths`).
    pub plugin_dirs: Vec<PathBuf>,
    /// Where `build` writes; never a source of changes.
    pub build_dir: PathBuf,
}

impl Layout {
    /// What a change to `path` means, if anything.
    pub fn classify(&self, path: &Path) -> Option<Intent> {
        let name = path.file_name()?.to_string_lossy();
        // Editors' swap, backup and temporary files.
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
            return None;
        }
        if path.starts_with(&self.build_dir) || path.components().any(|c| c.as_os_str() == "target")
        {
            return None;
        }
        // The lock too: `rapportbok plugins update` rewrites it, and the book must be
        // loaded again to use the plugins it now names.
        if path == self.root.join(CONFIG_FILE)
            || path == self.root.join(LOCK_FILE)
            || path == self.src_dir.join(SUMMARY_FILE)
        {
            return Some(Intent::Config);
        }
        if path.starts_with(&self.src_dir) && path.extension().is_some_and(|e| e == "md") {
            return Some(Intent::Notebook(path.to_path_buf()));
        }
        if self.plugin_dirs.iter().any(|d| path.starts_with(d)) {
            return Some(Intent::Plugin);
        }
        if path.starts_with(&self.data_dir) && !path.starts_with(&self.src_dir) {
            return Some(Intent::Data(path.to_path_buf()));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        let root = PathBuf::from("/bok");
        Layout {
            src_dir: root.join("notebooks"),
            data_dir: root.join("data"),
            plugin_dirs: vec![root.join("plugins"), PathBuf::from("/gemensam/tillagg")],
            build_dir: root.join("site"),
            root,
        }
    }

    #[test]
    fn classifies_each_kind_of_file() {
        let l = layout();
        assert_eq!(
            l.classify(Path::new("/bok/book.toml")),
            Some(Intent::Config)
        );
        assert_eq!(
            l.classify(Path::new("/bok/notebooks/SUMMARY.md")),
            Some(Intent::Config)
        );
        assert_eq!(
            l.classify(Path::new("/bok/rapportbok.lock")),
            Some(Intent::Config),
            "`plugins update` rewrites the lock"
        );
        assert_eq!(
            l.classify(Path::new("/bok/notebooks/del/a.md")),
            Some(Intent::Notebook(PathBuf::from("/bok/notebooks/del/a.md")))
        );
        assert_eq!(
            l.classify(Path::new("/bok/data/ledger.csv")),
            Some(Intent::Data(PathBuf::from("/bok/data/ledger.csv")))
        );
        assert_eq!(
            l.classify(Path::new("/bok/plugins/x.rhai")),
            Some(Intent::Plugin)
        );
        assert_eq!(
            l.classify(Path::new("/gemensam/tillagg/hsf/mal.rhai")),
            Some(Intent::Plugin),
            "every search path in [plugins] paths, not only plugins/"
        );
        assert_eq!(l.classify(Path::new("/bok/site/index.html")), None);
        assert_eq!(l.classify(Path::new("/bok/notebooks/.a.md.swp")), None);
        assert_eq!(l.classify(Path::new("/bok/notebooks/a.md~")), None);
        assert_eq!(l.classify(Path::new("/bok/other.txt")), None);
    }
}
