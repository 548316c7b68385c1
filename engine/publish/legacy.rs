//! Provenance of a site published before sites carried a manifest, read from the `data-`
//! attributes its pages show. Only for comparing against such a site (the first publish or
//! verify after an upgrade); everything newer reads the manifest.

use crate::provenance::{FileHash, PluginUse, Provenance};
use crate::render::scan::{Token, decode, tokens};

/// What an old page's provenance section says; `None` when it has none.
pub fn provenance(html: &str) -> Option<Provenance> {
    let mut p = Provenance::default();
    let mut seen = false;
    for t in tokens(html) {
        if !matches!(t, Token::Start { .. }) {
            continue;
        }
        let attr = |name: &str| t.attr(name).map(decode);
        let file = |name: String| {
            let hash = attr("data-sha256").unwrap_or_default();
            FileHash {
                name,
                sha256: (!hash.is_empty()).then_some(hash),
            }
        };
        if let Some(name) = attr("data-notebook") {
            p.notebook = Some(file(name));
        } else if let Some(name) = attr("data-fil") {
            p.data.push(file(name));
        } else if let Some(name) = attr("data-param") {
            p.params
                .push((name, attr("data-value").unwrap_or_default()));
        } else if let Some(name) = attr("data-tillagg") {
            p.plugins.push(PluginUse {
                name,
                version: attr("data-version").unwrap_or_default(),
                hash: String::new(),
            });
        } else if let Some(version) = attr("data-rapportbok") {
            p.version = version;
            seen = true;
        }
    }
    seen.then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_an_old_page_shows() {
        let html = "<p>Text</p><details class=\"provenance\"><span data-notebook=\"e.md\" data-sha256=\"n1\"></span>\
             <li data-param=\"period\" data-value=\"2024-02\"></li>\
             <span data-fil=\"a &amp; b.csv\" data-sha256=\"\"></span>\
             <li data-tillagg=\"hsf\" data-version=\"1.0.0\"></li>\
             <dd data-rapportbok=\"0.1.0\"></dd></details>";
        let p = provenance(html).expect("provenance");
        assert_eq!(
            p.notebook,
            Some(FileHash {
                name: "e.md".into(),
                sha256: Some("n1".into())
            })
        );
        assert_eq!(
            p.data,
            vec![FileHash {
                name: "a & b.csv".into(),
                sha256: None
            }]
        );
        assert_eq!(p.params, vec![("period".into(), "2024-02".into())]);
        assert_eq!(p.plugins[0].version, "1.0.0");
        assert_eq!(p.version, "0.1.0");
        assert_eq!(provenance("<html><p>Startsida</p></html>"), None);
    }
}
