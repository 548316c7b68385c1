//! The provenance manifest: every page's provenance as one small JSON file beside the pages,
//! so `publish` and `verify` compare two versions of a site without reading pages back.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Provenance;

/// The manifest's path in the site.
pub const FILE: &str = "rapportbok-underlag.json";

/// The manifest format this rapportbok writes; a reader refuses a newer one.
const FORMAT: u32 = 1;

/// What a site's pages were made from, by the page's site path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub pages: BTreeMap<String, Provenance>,
}

impl Manifest {
    /// The manifest of these pages (path, provenance); pages without provenance are left out.
    pub fn of<'a>(pages: impl IntoIterator<Item = (&'a str, &'a Provenance)>) -> Manifest {
        Manifest {
            format: FORMAT,
            pages: pages
                .into_iter()
                .map(|(page, p)| (page.to_string(), p.clone()))
                .collect(),
        }
    }

    /// The file's text: indented JSON, pages in path order, so versions diff line by line.
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self).map(|mut json| {
            json.push('\n');
            json
        })
    }

    /// Read a manifest; the error says, in Swedish, what is wrong with the file.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, String> {
        let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| {
            format!(
                "{FILE} kan inte läsas (rad {}, kolumn {}): {e}",
                e.line(),
                e.column()
            )
        })?;
        if manifest.format > FORMAT {
            return Err(format!(
                "{FILE} har format {}, men den här rapportbok läser format {FORMAT}; \
                 uppdatera rapportbok",
                manifest.format
            ));
        }
        Ok(manifest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::{FileHash, PluginUse};

    fn page() -> Provenance {
        Provenance {
            notebook: Some(FileHash {
                name: "ekonomi.md".into(),
                sha256: Some("ab12".into()),
            }),
            params: vec![("period".into(), "2024-02".into())],
            data: vec![FileHash {
                name: "borta.csv".into(),
                sha256: None,
            }],
            plugins: vec![PluginUse {
                name: "hsf".into(),
                version: "1.0.0".into(),
                hash: "sha256:ee".into(),
            }],
            version: "0.1.0".into(),
            sql: Vec::new(),
        }
    }

    #[test]
    fn pages_round_trip_through_the_file() {
        let p = page();
        let m = Manifest::of([("b.html", &p), ("a/c.html", &Provenance::default())]);
        let json = m.to_json().expect("json");
        assert!(json.ends_with("}\n"));
        assert!(
            json.find("\"a/c.html\"") < json.find("\"b.html\""),
            "in path order: {json}"
        );
        assert!(json.contains("\"sha256\": null"), "{json}");
        assert_eq!(Manifest::parse(json.as_bytes()), Ok(m));
    }

    #[test]
    fn a_broken_or_newer_file_is_an_error_that_says_so() {
        let e = Manifest::parse(b"{\"format\": 1,\n \"pages\": [").expect_err("broken");
        assert!(
            e.starts_with("rapportbok-underlag.json kan inte läsas (rad 2, kolumn"),
            "{e}"
        );
        let e = Manifest::parse(b"{\"format\": 9, \"pages\": {}}").expect_err("newer");
        assert!(e.contains("har format 9"), "{e}");
        assert!(e.contains("uppdatera rapportbok"), "{e}");
    }
}
