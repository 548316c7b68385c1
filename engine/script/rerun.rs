//! Which items of a notebook run again after an edit (`serve`, the editor's diagnostics).
//!
//! The last run's items are matched to the new ones (the unchanged items before and after
//! the edit keep their results). An item runs again only when its code is new, a data file
//! it read changed, or its code names a variable that an item run again may have set (its
//! own code names every variable it reads or sets: functions do not see the caller's scope).
//! Where that analysis cannot see, everything below runs again:
//! - below an item run again that defines functions or imports a plugin (other items call
//!   them without naming a variable), or that was removed;
//! - from the first item that left shared values (closures capture variables as shared
//!   values: calling one changes variables the calling item does not name, and the cached
//!   values are the ones the last run's later items changed), whenever anything runs again;
//! - an item that names `global::` runs again whenever an item above it did.

use std::collections::HashSet;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use rhai::{AST, Dynamic};
use rust_decimal::Decimal;

use crate::period::Period;
use crate::table::{Column, Table};

use super::run::ItemResult;
use super::state::{Binding, words};
use crate::notebook::Item;

/// Whether runs follow names (always, but for the benchmarks that measure what it saves).
static FOLLOW_NAMES: AtomicBool = AtomicBool::new(true);

/// Run every item from the first one an edit changed (`false`), as runs did before they
/// followed names: for the `serve_latency` benchmark, which compares the two in one run.
#[doc(hidden)]
pub fn follow_names(follow: bool) {
    FOLLOW_NAMES.store(follow, Ordering::Relaxed);
}

/// Results kept between runs of one notebook, so that items an edit does not reach are not
/// run again.
#[derive(Default)]
pub struct RunCache {
    /// The run's context (data folder, params, limits, plugins) the entries were made in.
    context: u64,
    entries: Vec<Checkpoint>,
}

impl RunCache {
    /// Keep `entries`, one per item of the run that made them.
    pub(super) fn keep(&mut self, entries: Vec<Checkpoint>) {
        self.entries = entries;
    }

    /// Every data file a cached item read.
    pub fn data_reads(&self) -> impl Iterator<Item = &Path> {
        self.entries
            .iter()
            .flat_map(|c| c.reads.iter().map(|(p, _)| p.as_path()))
    }
}

/// One item's result and what later items need of it: the variables it set, as it left them
/// (the state before an item is every earlier item's bindings, the last one per name), and
/// the functions and imports it added.
pub(super) struct Checkpoint {
    /// The item's code and kind.
    pub code: u64,
    /// Where the item was when `result` was made (a cached error moves with its item).
    pub line: usize,
    pub col: usize,
    pub result: ItemResult,
    pub bindings: Vec<Binding>,
    /// The functions the item defined (closures included), if any.
    pub functions: Option<AST>,
    /// The imports the item added.
    pub imports: Vec<(String, String)>,
    /// Data files the item read, with what they looked like then.
    pub reads: Vec<(PathBuf, Option<Fingerprint>)>,
    /// The item left shared values (a closure's captured variables) in its scope.
    pub shares: bool,
}

/// What a data file looked like: its size and modification time (`None`: missing).
pub(super) type Fingerprint = (u64, Option<SystemTime>);

pub(super) fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// The key of an item's code. Positions are left out, so that a prose edit that moves
/// cells down does not re-run them (their errors are moved instead).
pub(super) fn code_key(item: &Item) -> u64 {
    let mut h = DefaultHasher::new();
    match item {
        Item::Cell(c) => (0u8, &c.code, c.indent, c.closed).hash(&mut h),
        Item::Inline(e) => (1u8, &e.source).hash(&mut h),
    }
    h.finish()
}

/// The decisions of one run, item by item.
pub(super) struct Plan {
    /// The last run's checkpoint for each new item, where the item is unchanged.
    kept: Vec<Option<Checkpoint>>,
    /// For each new item, whether its kept checkpoint read a data file that changed since.
    stale: Vec<bool>,
    /// The last run's items the edit replaced or removed, accounted for at `edited`.
    removed: Vec<Checkpoint>,
    /// The first item whose code is new (or where items were removed).
    edited: Option<usize>,
    /// Names an item run again may have set (or a removed item had set).
    dirty: HashSet<String>,
    /// Everything from here on runs again.
    all: bool,
    /// Whether an item has run again yet.
    ran: bool,
    /// The items that had no checkpoint from the last run.
    new_items: HashSet<usize>,
    /// For an edited item, the last run's item it replaced (when as many were edited).
    replaced_at: Vec<Option<Checkpoint>>,
    /// The last run's checkpoint of the item running again now.
    replaced: Option<Checkpoint>,
    /// From this item on everything runs again: the first that left shared values (later
    /// items may have changed them through a closure since they were kept), when anything
    /// runs again at all.
    all_from: Option<usize>,
}

impl Plan {
    /// Match `cache`'s entries (made in `context`) to `items`; the cache is left empty, to
    /// be filled with this run's checkpoints.
    pub fn new(cache: &mut RunCache, context: u64, items: &[Item]) -> Plan {
        let mut old = std::mem::take(&mut cache.entries);
        if cache.context != context {
            old.clear();
            cache.context = context;
        }
        let keys: Vec<u64> = items.iter().map(code_key).collect();
        let common = old.len().min(keys.len());
        let before = (0..common).take_while(|&i| old[i].code == keys[i]).count();
        let after = (0..common - before)
            .take_while(|&k| old[old.len() - 1 - k].code == keys[keys.len() - 1 - k])
            .count();
        let tail: Vec<Checkpoint> = old.split_off(old.len() - after);
        let mut removed: Vec<Checkpoint> = old.split_off(before);
        let new_middle = keys.len() - before - after;
        // As many items edited as were there: each edited item is compared with the one it
        // replaced (what it sets now against what that set).
        let replaced: Vec<Option<Checkpoint>> = if removed.len() == new_middle {
            std::mem::take(&mut removed).into_iter().map(Some).collect()
        } else {
            (0..new_middle).map(|_| None).collect()
        };
        let mut kept: Vec<Option<Checkpoint>> = old.into_iter().map(Some).collect();
        kept.extend((0..new_middle).map(|_| None));
        kept.extend(tail.into_iter().map(Some));
        let edited = (new_middle > 0 || !removed.is_empty()).then_some(before);
        let mut replaced_at: Vec<Option<Checkpoint>> = (0..before).map(|_| None).collect();
        replaced_at.extend(replaced);
        // Which kept items read a data file that changed since (each file looked at once).
        let stale: Vec<bool> = kept
            .iter()
            .map(|k| {
                k.as_ref()
                    .is_some_and(|cp| cp.reads.iter().any(|(p, f)| fingerprint(p) != *f))
            })
            .collect();
        // The first item that runs again, if any: an edited one, or one whose data changed.
        let read_changed = stale.iter().position(|&s| s);
        let first_change = match (read_changed, edited) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let all_from = if FOLLOW_NAMES.load(Ordering::Relaxed) {
            first_change.and_then(|_| {
                kept.iter()
                    .position(|k| k.as_ref().is_some_and(|cp| cp.shares))
            })
        } else {
            first_change
        };
        Plan {
            kept,
            stale,
            removed,
            edited,
            dirty: HashSet::new(),
            all: false,
            ran: false,
            new_items: HashSet::new(),
            replaced_at,
            replaced: None,
            all_from,
        }
    }

    /// The last run's checkpoint for item `index` when it can be kept; `None`: run it.
    pub fn reuse(&mut self, index: usize, item: &Item) -> Option<Checkpoint> {
        if self.edited == Some(index) {
            for cp in std::mem::take(&mut self.removed) {
                self.forget(&cp);
            }
        }
        if self.all_from.is_some_and(|s| index >= s) {
            self.all = true;
        }
        let Some(cp) = self.kept.get_mut(index).and_then(Option::take) else {
            self.new_items.insert(index);
            self.replaced = self.replaced_at.get_mut(index).and_then(Option::take);
            return None;
        };
        let code = item.source();
        let opaque = self.ran && code.contains("global::");
        let runs = self.all
            || opaque
            || self.stale.get(index).copied().unwrap_or(false)
            || words(code).any(|w| self.dirty.contains(w));
        if !runs {
            return Some(cp);
        }
        // It runs again: what it sets now is compared with what it set last time.
        self.replaced = Some(cp);
        None
    }

    /// Item `index` ran (after [`Plan::reuse`] said so): `cp` is what it did now. A name it
    /// set to exactly what its last run set is not dirty.
    pub fn ran(&mut self, cp: &Checkpoint, index: usize) {
        self.ran = true;
        // An item without a checkpoint from the last run is new (or edited): its functions
        // and imports may be others than before.
        let new_code = self.new_items.contains(&index);
        let replaced = self.replaced.take();
        if let Some(old) = &replaced
            && (old.shares || (new_code && (old.functions.is_some() || !old.imports.is_empty())))
        {
            self.all = true;
        }
        let before = replaced.as_ref().map_or(&[][..], |b| b.bindings.as_slice());
        for (name, constant, value) in &cp.bindings {
            let unchanged = before
                .iter()
                .any(|(n, c, v)| n == name && c == constant && same(v, value));
            if !unchanged {
                self.dirty.insert(name.clone());
            }
        }
        for (name, _, _) in before {
            if !cp.bindings.iter().any(|(n, _, _)| n == name) {
                self.dirty.insert(name.clone());
            }
        }
        if cp.shares || (new_code && (cp.functions.is_some() || !cp.imports.is_empty())) {
            self.all = true;
        }
    }

    /// The item of `cp` (from the last run) was removed: what it set no longer holds, and
    /// its functions and imports are gone.
    fn forget(&mut self, cp: &Checkpoint) {
        self.ran = true;
        self.dirty
            .extend(cp.bindings.iter().map(|(name, _, _)| name.clone()));
        if cp.shares || cp.functions.is_some() || !cp.imports.is_empty() {
            self.all = true;
        }
    }
}

/// Whether `a` and `b` are certainly the same value, shown the same way: plain values
/// (units, booleans, integers, decimals with their scale, characters, strings, periods),
/// arrays and maps of them, with the same tag (data text is tagged), and tables that share
/// their data. Anything else may differ.
fn same(a: &Dynamic, b: &Dynamic) -> bool {
    if a.tag() != b.tag() || a.is_shared() || b.is_shared() || a.type_id() != b.type_id() {
        return false;
    }
    if a.is_unit() {
        return true;
    }
    if let (Ok(x), Ok(y)) = (a.as_bool(), b.as_bool()) {
        return x == y;
    }
    if let (Ok(x), Ok(y)) = (a.as_int(), b.as_int()) {
        return x == y;
    }
    if let (Ok(x), Ok(y)) = (a.as_char(), b.as_char()) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (a.read_lock::<Decimal>(), b.read_lock::<Decimal>()) {
        return *x == *y && x.scale() == y.scale();
    }
    if let (Some(x), Some(y)) = (
        a.read_lock::<rhai::ImmutableString>(),
        b.read_lock::<rhai::ImmutableString>(),
    ) {
        return *x == *y;
    }
    if let (Some(x), Some(y)) = (a.read_lock::<rhai::Array>(), b.read_lock::<rhai::Array>()) {
        return x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(p, q));
    }
    if let (Some(x), Some(y)) = (a.read_lock::<rhai::Map>(), b.read_lock::<rhai::Map>()) {
        return x.len() == y.len()
            && x.iter()
                .zip(y.iter())
                .all(|((k, p), (l, q))| k == l && same(p, q));
    }
    if let (Some(x), Some(y)) = (a.read_lock::<Period>(), b.read_lock::<Period>()) {
        return *x == *y;
    }
    if let (Some(x), Some(y)) = (a.read_lock::<Table>(), b.read_lock::<Table>()) {
        return same_table(&x, &y);
    }
    false
}

/// Whether two tables are the same by sharing their column data (a data file read again
/// from the data cache), with the same names, formats and everything else. Every field is
/// named, so that a field added to `Table` or `Column` must be added here.
fn same_table(a: &Table, b: &Table) -> bool {
    let Table {
        columns,
        kinds,
        title,
        marks,
        round_to_total,
        varav_column,
        row_formats,
    } = a;
    columns.len() == b.columns.len()
        && columns.iter().zip(&b.columns).all(|(c, d)| {
            let Column {
                name,
                values,
                format,
                ratio,
                text_because,
            } = c;
            Arc::ptr_eq(values, &d.values)
                && *name == d.name
                && *format == d.format
                && *ratio == d.ratio
                && *text_because == d.text_because
        })
        && (Arc::ptr_eq(kinds, &b.kinds) || kinds == &b.kinds)
        && *title == b.title
        && *marks == b.marks
        && *round_to_total == b.round_to_total
        && *varav_column == b.varav_column
        && (Arc::ptr_eq(row_formats, &b.row_formats) || row_formats == &b.row_formats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_the_same_only_when_they_show_the_same() {
        let d = |s: &str| Dynamic::from(s.parse::<Decimal>().expect("decimal"));
        assert!(same(&d("1.5"), &d("1.5")));
        assert!(!same(&d("1.5"), &d("1.50")), "the scale shows");
        assert!(same(&Dynamic::from(3i64), &Dynamic::from(3i64)));
        assert!(!same(&Dynamic::from(3i64), &d("3")));
        let mut tagged = Dynamic::from("Öst");
        tagged.set_tag(1);
        assert!(same(&Dynamic::from("Öst"), &Dynamic::from("Öst")));
        assert!(!same(&tagged, &Dynamic::from("Öst")), "data text is tagged");
        let list = |v: Vec<Dynamic>| Dynamic::from_array(v);
        assert!(same(
            &list(vec![d("1"), Dynamic::from("a")]),
            &list(vec![d("1"), Dynamic::from("a")])
        ));
        assert!(!same(&list(vec![d("1")]), &list(vec![d("2")])));
        let table = Table::default();
        let mut titled = table.clone();
        assert!(same(
            &Dynamic::from(table.clone()),
            &Dynamic::from(titled.clone())
        ));
        titled.title = Some("Resultat".into());
        assert!(!same(&Dynamic::from(table), &Dynamic::from(titled)));
        let shared = Dynamic::from(1i64).into_shared();
        assert!(!same(&shared, &shared.clone()), "a shared value may change");
    }
}
