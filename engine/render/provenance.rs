//! Provenance on the page: the collapsed "Underlag och spårbarhet" section at the end of the
//! article, and the print margins (report title and period) for the page's `@page` box.

use super::html::escape;
use crate::provenance::{FileHash, Provenance};

/// The collapsed section listing what the page was made from. Hashes also sit in `data-`
/// attributes for tools reading the page (and for comparing against a site published before
/// the manifest); rapportbok itself compares versions by the site's manifest.
pub fn section(p: &Provenance) -> String {
    let mut html = String::from(
        "<details class=\"provenance\">\n<summary>Underlag och spårbarhet</summary>\n<dl>\n",
    );
    if let Some(nb) = &p.notebook {
        html.push_str("<dt>Notebook</dt>\n<dd>");
        html.push_str(&file(nb, "data-notebook"));
        html.push_str("</dd>\n");
    }
    if p.notebook.is_some() || !p.params.is_empty() {
        html.push_str("<dt>Parametrar</dt>\n<dd>");
        if p.params.is_empty() {
            html.push_str("inga");
        } else {
            html.push_str("<ul>\n");
            for (name, value) in &p.params {
                html.push_str(&format!(
                    "<li data-param=\"{n}\" data-value=\"{v}\"><code>{n}</code> = <code>{v}</code></li>\n",
                    n = escape(name),
                    v = escape(value)
                ));
            }
            html.push_str("</ul>");
        }
        html.push_str("</dd>\n");
    }
    if p.notebook.is_some() || !p.data.is_empty() {
        html.push_str("<dt>Datafiler</dt>\n<dd>");
        if p.data.is_empty() {
            html.push_str("inga");
        } else {
            html.push_str("<ul>\n");
            for f in &p.data {
                html.push_str(&format!("<li>{}</li>\n", file(f, "data-fil")));
            }
            html.push_str("</ul>");
        }
        html.push_str("</dd>\n");
    }
    if !p.sql.is_empty() {
        html.push_str("<dt>Databasfrågor</dt>\n<dd><ul>\n");
        for q in &p.sql {
            html.push_str(&format!(
                "<li data-sql-source=\"{s}\" data-sql-hash=\"{h}\" data-sql-rows=\"{r}\" data-sql-fetched=\"{f}\"><code>{s}</code>, fråga <span class=\"hash\">{h}</span>, {rows}, hämtad {when}</li>\n",
                s = escape(&q.source),
                h = escape(&q.hash),
                r = q.rows,
                f = escape(&q.fetched),
                rows = match q.rows {
                    1 => "1 rad".to_string(),
                    n => format!("{} rader", crate::number::format_int(i64::try_from(n).unwrap_or(i64::MAX))),
                },
                when = escape(&q.fetched.replace('T', " ").replace('Z', " UTC")),
            ));
        }
        html.push_str("</ul></dd>\n");
    }
    html.push_str("<dt>Tillägg</dt>\n<dd>");
    if p.plugins.is_empty() {
        html.push_str("inga");
    } else {
        html.push_str("<ul>\n");
        for plugin in &p.plugins {
            html.push_str(&format!(
                "<li data-tillagg=\"{n}\" data-version=\"{v}\"><code>{n}</code> {v}, <span class=\"hash\">{h}</span></li>\n",
                n = escape(&plugin.name),
                v = escape(&plugin.version),
                h = escape(&plugin.hash)
            ));
        }
        html.push_str("</ul>");
    }
    html.push_str("</dd>\n");
    html.push_str(&format!(
        "<dt>Program</dt>\n<dd data-rapportbok=\"{v}\">rapportbok {v}</dd>\n</dl>\n</details>\n",
        v = escape(&p.version)
    ));
    html
}

/// One file with its hash; `attr` names it for `verify`.
fn file(f: &FileHash, attr: &str) -> String {
    let name = escape(&f.name);
    match &f.sha256 {
        Some(hash) => format!(
            "<span {attr}=\"{name}\" data-sha256=\"{hash}\"><code>{name}</code>, SHA-256 <span class=\"hash\">{hash}</span></span>"
        ),
        None => format!(
            "<span {attr}=\"{name}\" data-sha256=\"\"><code>{name}</code>, kunde inte läsas</span>"
        ),
    }
}

/// The print margins: the report title top left and the period top right, as the text of a
/// `<style media="print">` for the page's head (margin boxes take only CSS strings, so the
/// text is set per page).
pub fn print_css(book_title: &str, period: Option<&str>) -> String {
    let mut css = format!(
        "\n@page {{ @top-left {{ content: \"{}\"; }}",
        css_string(book_title)
    );
    if let Some(period) = period {
        css.push_str(&format!(
            " @top-right {{ content: \"{}\"; }}",
            css_string(period)
        ));
    }
    css.push_str(" }\n");
    css
}

/// Text as the inside of a double-quoted CSS string that is also safe inside `<style>`.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\3C "),
            '>' => out.push_str("\\3E "),
            '&' => out.push_str("\\26 "),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::PluginUse;

    fn sample() -> Provenance {
        Provenance {
            notebook: Some(FileHash {
                name: "ekonomi.md".into(),
                sha256: Some("ab12".into()),
            }),
            params: vec![("period".into(), "2024-02".into())],
            data: vec![
                FileHash {
                    name: "huvudbok.csv".into(),
                    sha256: Some("cd34".into()),
                },
                FileHash {
                    name: "borta & <x>.csv".into(),
                    sha256: None,
                },
            ],
            plugins: vec![PluginUse {
                name: "hsf".into(),
                version: "1.0.0".into(),
                hash: "sha256:ee".into(),
            }],
            version: "0.1.0".into(),
            sql: vec![crate::provenance::SqlUse {
                source: "lager".into(),
                hash: "1a2b3c4d5e6f7a8b".into(),
                rows: 1200,
                fetched: "2026-12-04T14:03:11Z".into(),
            }],
        }
    }

    #[test]
    fn section_lists_every_input_with_hashes() {
        let html = section(&sample());
        assert!(html.starts_with("<details class=\"provenance\">"));
        assert!(html.contains("<summary>Underlag och spårbarhet</summary>"));
        assert!(html.contains("data-notebook=\"ekonomi.md\" data-sha256=\"ab12\""));
        assert!(html.contains("<code>period</code> = <code>2024-02</code>"));
        assert!(html.contains("data-fil=\"huvudbok.csv\" data-sha256=\"cd34\""));
        assert!(html.contains("<code>borta &amp; &lt;x&gt;.csv</code>, kunde inte läsas"));
        assert!(html.contains("<code>hsf</code> 1.0.0, <span class=\"hash\">sha256:ee</span>"));
        assert!(html.contains("rapportbok 0.1.0"));
        assert!(html.contains("<code>lager</code>, fråga <span class=\"hash\">1a2b3c4d5e6f7a8b</span>, 1\u{a0}200 rader, hämtad 2026-12-04 14:03:11 UTC"), "{html}");
        assert!(!html.contains("<details open"));
    }

    #[test]
    fn generated_pages_show_plugins_and_version_only() {
        let p = Provenance {
            version: "0.1.0".into(),
            ..Provenance::default()
        };
        let html = section(&p);
        assert!(!html.contains("Datafiler"));
        assert!(!html.contains("Parametrar"));
        assert!(html.contains("<dt>Tillägg</dt>\n<dd>inga</dd>"));
    }

    #[test]
    fn print_style_escapes_the_title_for_css_and_html() {
        let css = print_css("Region \"Norr\" </style>", Some("februari 2024"));
        assert!(css.contains("@top-left { content: \"Region \\\"Norr\\\" \\3C /style\\3E \"; }"));
        assert!(css.contains("@top-right { content: \"februari 2024\"; }"));
        assert!(!css.contains("</style>"), "{css}");
        assert!(!print_css("Bok", None).contains("top-right"));
    }
}
