//! What differs between two versions of a site: pages added, changed and removed, and why a
//! page changed, from the provenance manifest both versions carry.

use std::collections::{BTreeMap, HashSet};

use crate::provenance::manifest::{self, Manifest};
use crate::provenance::{FileHash, Provenance};

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

/// Every page's provenance in a site given as (path, bytes): from its manifest
/// ([`crate::provenance::manifest`]); a site published before sites carried one has it read
/// from its pages ([`super::legacy`]). The error says what in the manifest cannot be read.
pub fn recorded<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<BTreeMap<String, Provenance>, String> {
    let files: Vec<(&str, &[u8])> = files.into_iter().collect();
    if let Some((_, bytes)) = files.iter().find(|(path, _)| *path == manifest::FILE) {
        return Manifest::parse(bytes).map(|m| m.pages);
    }
    Ok(files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, bytes)| {
            let p = super::legacy::provenance(&String::from_utf8_lossy(bytes))?;
            Some((path.to_string(), p))
        })
        .collect())
}

/// What a page was made from, keyed by kind and name (`fil:utfall.csv` → hash; an empty
/// hash for a file that could not be read).
fn inputs(p: Option<&Provenance>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(p) = p else { return out };
    let hash = |f: &FileHash| f.sha256.clone().unwrap_or_default();
    if let Some(nb) = &p.notebook {
        out.insert(format!("notebook:{}", nb.name), hash(nb));
    }
    for f in &p.data {
        out.insert(format!("fil:{}", f.name), hash(f));
    }
    for (name, value) in &p.params {
        out.insert(format!("param:{name}"), value.clone());
    }
    for plugin in &p.plugins {
        out.insert(format!("tillagg:{}", plugin.name), plugin.version.clone());
    }
    if !p.version.is_empty() {
        out.insert("rapportbok".into(), p.version.clone());
    }
    out
}

/// Why a page made from `old` became one made from `new`, in Swedish: changed data files,
/// notebook, parameters, plugin versions, rapportbok version. `None`: the page had (or has)
/// no provenance.
pub fn reasons(old: Option<&Provenance>, new: Option<&Provenance>) -> Vec<String> {
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

    fn provenance(file_hash: &str, period: &str, extra: &[&str]) -> Provenance {
        let file = |name: &str, hash: &str| FileHash {
            name: name.into(),
            sha256: Some(hash.into()),
        };
        let mut data = vec![file("utfall.csv", file_hash)];
        data.extend(extra.iter().map(|name| file(name, "cc")));
        Provenance {
            notebook: Some(file("e.md", "n1")),
            params: vec![("period".into(), period.into())],
            data,
            plugins: Vec::new(),
            version: "0.1.0".into(),
            sql: Vec::new(),
        }
    }

    #[test]
    fn reasons_name_the_changed_data_file_and_parameter() {
        let old = provenance("aaaaaaaaaaaaaaaa", "2024-01", &[]);
        let new = provenance("bbbbbbbbbbbbbbbb", "2024-02", &["ny.csv"]);
        let r = reasons(Some(&old), Some(&new));
        assert_eq!(
            r,
            vec![
                "sidan läser nu datafilen ny.csv".to_string(),
                "datafilen utfall.csv har ändrats (SHA-256 aaaaaaaaaaaa → bbbbbbbbbbbb)"
                    .to_string(),
                "parametern period är 2024-02 (var 2024-01)".to_string(),
            ]
        );
        assert!(reasons(Some(&old), Some(&old)).is_empty());
        assert_eq!(
            reasons(Some(&new), Some(&old)),
            vec![
                "datafilen utfall.csv har ändrats (SHA-256 bbbbbbbbbbbb → aaaaaaaaaaaa)"
                    .to_string(),
                "parametern period är 2024-01 (var 2024-02)".to_string(),
                "sidan läser inte längre datafilen ny.csv".to_string(),
            ]
        );
    }

    #[test]
    fn the_manifest_is_read_and_an_old_site_falls_back_to_its_pages() {
        let old = provenance("aaaaaaaaaaaaaaaa", "2024-01", &[]);
        let new = provenance("bbbbbbbbbbbbbbbb", "2024-02", &["ny.csv"]);
        let json = Manifest::of([("e.html", &new)]).to_json().expect("json");
        // The manifest wins over anything a page shows.
        let page = crate::render::provenance::section(&old);
        let site = [
            ("e.html", page.as_bytes()),
            (manifest::FILE, json.as_bytes()),
        ];
        let pages = recorded(site).expect("manifest");
        assert_eq!(pages.get("e.html"), Some(&new));
        // A site from before the manifest: its pages say the same, and so do the reasons.
        let pages = recorded([
            ("e.html", page.as_bytes()),
            ("index.html", &b"<p>x</p>"[..]),
        ])
        .expect("pages");
        assert_eq!(pages.len(), 1, "only pages with provenance: {pages:?}");
        assert_eq!(
            reasons(pages.get("e.html"), Some(&new)),
            reasons(Some(&old), Some(&new))
        );
        // A broken manifest is an error, not an empty site.
        let e = recorded([(manifest::FILE, &b"{"[..])]).expect_err("broken");
        assert!(e.contains("rapportbok-underlag.json kan inte läsas"), "{e}");
    }
}
