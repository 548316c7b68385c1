//! What differs between two versions of a site: pages added, changed and removed, and why a
//! page changed, read from the provenance both versions carry.

use std::collections::{BTreeMap, HashSet};

use crate::render::scan::{Token, tokens};

/// Pages (`.html`) and other files (downloads, the search index, anything else) added,
/// changed and removed, each named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub files_added: Vec<String>,
    pub files_changed: Vec<String>,
    pub files_removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && self.files_added.is_empty()
            && self.files_changed.is_empty()
            && self.files_removed.is_empty()
    }
}

/// Compare the site `old` (path → bytes) with `new`.
pub fn compare<B: AsRef<[u8]>>(old: &BTreeMap<String, Vec<u8>>, new: &[(String, B)]) -> Changes {
    let mut changes = Changes::default();
    let is_page = |p: &str| p.ends_with(".html");
    let new_paths: HashSet<&str> = new.iter().map(|(p, _)| p.as_str()).collect();
    for (path, bytes) in new {
        let list = match old.get(path) {
            None if is_page(path) => &mut changes.added,
            None => &mut changes.files_added,
            Some(before) if before.as_slice() == bytes.as_ref() => continue,
            Some(_) if is_page(path) => &mut changes.changed,
            Some(_) => &mut changes.files_changed,
        };
        list.push(path.clone());
    }
    for path in old.keys().filter(|p| !new_paths.contains(p.as_str())) {
        if is_page(path) {
            changes.removed.push(path.clone());
        } else {
            changes.files_removed.push(path.clone());
        }
    }
    for list in [
        &mut changes.added,
        &mut changes.changed,
        &mut changes.removed,
        &mut changes.files_added,
        &mut changes.files_changed,
        &mut changes.files_removed,
    ] {
        list.sort();
    }
    changes
}

/// What a page's provenance section says, keyed by kind and name (`fil:utfall.csv` → hash).
fn inputs(html: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for t in tokens(html) {
        if !matches!(t, Token::Start { .. }) {
            continue;
        }
        let hash = || t.attr("data-sha256").unwrap_or_default().to_string();
        if let Some(name) = t.attr("data-notebook") {
            out.insert(format!("notebook:{name}"), hash());
        } else if let Some(name) = t.attr("data-fil") {
            out.insert(format!("fil:{name}"), hash());
        } else if let Some(name) = t.attr("data-param") {
            out.insert(
                format!("param:{name}"),
                t.attr("data-value").unwrap_or_default().to_string(),
            );
        } else if let Some(name) = t.attr("data-tillagg") {
            out.insert(
                format!("tillagg:{name}"),
                t.attr("data-version").unwrap_or_default().to_string(),
            );
        } else if let Some(version) = t.attr("data-rapportbok") {
            out.insert("rapportbok".into(), version.to_string());
        }
    }
    out
}

/// Why page `old` became `new`, in Swedish, from their provenance: changed data files,
/// notebook, parameters, plugin versions, rapportbok version.
pub fn reasons(old: &str, new: &str) -> Vec<String> {
    let (before, after) = (inputs(old), inputs(new));
    let mut out = Vec::new();
    let short = |h: &str| {
        if h.is_empty() {
            "saknades".to_string()
        } else {
            h.chars().take(12).collect()
        }
    };
    for (key, now) in &after {
        let (kind, name) = key.split_once(':').unwrap_or((key.as_str(), ""));
        match before.get(key) {
            Some(was) if was == now => {}
            Some(was) => out.push(match kind {
                "fil" if now.is_empty() => format!("datafilen {name} kan inte längre läsas"),
                "fil" => format!(
                    "datafilen {name} har ändrats (SHA-256 {} → {})",
                    short(was),
                    short(now)
                ),
                "notebook" => format!("notebooken {name} har ändrats"),
                "param" => format!("parametern {name} är {now} (var {was})"),
                "tillagg" => format!("tillägget {name} är version {now} (var {was})"),
                _ => format!("rapportbok är version {now} (var {was})"),
            }),
            None => out.push(match kind {
                "fil" => format!("sidan läser nu datafilen {name}"),
                "notebook" => format!("sidan görs nu av notebooken {name}"),
                "param" => format!("parametern {name} = {now} är ny"),
                "tillagg" => format!("tillägget {name} {now} är nytt"),
                _ => format!("rapportbok {now}"),
            }),
        }
    }
    for key in before.keys().filter(|k| !after.contains_key(*k)) {
        let (kind, name) = key.split_once(':').unwrap_or((key.as_str(), ""));
        out.push(match kind {
            "fil" => format!("sidan läser inte längre datafilen {name}"),
            "param" => format!("parametern {name} finns inte längre"),
            "tillagg" => format!("tillägget {name} används inte längre"),
            _ => format!("{key} finns inte längre"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn names_added_changed_and_removed_pages() {
        let old = site(&[
            ("a.html", "A"),
            ("b.html", "B"),
            ("c.html", "C"),
            ("t.csv", "1"),
        ]);
        let new = vec![
            ("a.html".to_string(), "A".to_string()),
            ("b.html".to_string(), "B2".to_string()),
            ("d.html".to_string(), "D".to_string()),
            ("t.csv".to_string(), "2".to_string()),
        ];
        let c = compare(&old, &new);
        assert_eq!(c.added, vec!["d.html"]);
        assert_eq!(c.changed, vec!["b.html"]);
        assert_eq!(c.removed, vec!["c.html"]);
        assert_eq!(c.files_changed, vec!["t.csv"]);
        assert!(c.files_added.is_empty() && c.files_removed.is_empty());
        assert!(!c.is_empty());
        let same: Vec<(String, Vec<u8>)> = old.clone().into_iter().collect();
        assert!(compare(&old, &same).is_empty());
        // Every other file is named, dotfiles too.
        let mut edited = old.clone();
        edited.insert(".htaccess".into(), b"x".to_vec());
        edited.insert("evil.js".into(), b"x".to_vec());
        let c = compare(&edited, &same);
        assert_eq!(c.files_removed, vec![".htaccess", "evil.js"]);
    }

    fn provenance(file_hash: &str, period: &str, extra: &str) -> String {
        format!(
            "<details class=\"provenance\"><span data-notebook=\"e.md\" data-sha256=\"n1\"></span>\
             <li data-param=\"period\" data-value=\"{period}\"></li>\
             <span data-fil=\"utfall.csv\" data-sha256=\"{file_hash}\"></span>{extra}\
             <dd data-rapportbok=\"0.1.0\"></dd></details>"
        )
    }

    #[test]
    fn reasons_name_the_changed_data_file_and_parameter() {
        let old = provenance("aaaaaaaaaaaaaaaa", "2024-01", "");
        let new = provenance(
            "bbbbbbbbbbbbbbbb",
            "2024-02",
            "<span data-fil=\"ny.csv\" data-sha256=\"cc\"></span>",
        );
        let r = reasons(&old, &new);
        assert_eq!(
            r,
            vec![
                "sidan läser nu datafilen ny.csv".to_string(),
                "datafilen utfall.csv har ändrats (SHA-256 aaaaaaaaaaaa → bbbbbbbbbbbb)"
                    .to_string(),
                "parametern period är 2024-02 (var 2024-01)".to_string(),
            ]
        );
        assert!(reasons(&old, &old).is_empty());
        assert_eq!(
            reasons(&new, &old),
            vec![
                "datafilen utfall.csv har ändrats (SHA-256 bbbbbbbbbbbb → aaaaaaaaaaaa)"
                    .to_string(),
                "parametern period är 2024-01 (var 2024-02)".to_string(),
                "sidan läser inte längre datafilen ny.csv".to_string(),
            ]
        );
    }
}
