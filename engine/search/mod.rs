//! Offline search: a static index of every section of the book and the search code (written as
//! scripts the search page loads with `<script src>`, so it works from `file://` and under the
//! pages' Content-Security-Policy, which allows no inline script), and the search page itself.

pub mod stem;

use std::collections::BTreeSet;

use serde_json::json;

use crate::render::outline;

/// The search page's path in the site.
pub const PAGE: &str = "sok.html";
/// The index script's path in the site.
pub const INDEX: &str = "sok-index.js";
/// The search code's path in the site.
pub const SCRIPT: &str = "sok.js";
/// The search code.
pub const SEARCH_JS: &str = include_str!("search.js");

/// Whether a chapter's page would take the place of the search page or its scripts.
pub fn is_reserved(page: &str) -> bool {
    page == PAGE || page == INDEX || page == SCRIPT
}

/// A part of a page under one heading (or before the first one).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The page's site path (`handbok/data.html`).
    pub page: String,
    pub page_title: String,
    /// The heading's text and anchor; empty for the text before the first heading.
    pub heading: String,
    pub anchor: String,
    /// The section's visible text, whitespace collapsed.
    pub text: String,
    /// The stems of the heading's and the text's words, each once.
    pub stems: Vec<String>,
}

/// The index entries of one page: its sections as the renderer outlined them (see
/// [`crate::render::outline`]), each with its words' stems. A section with neither heading
/// nor text is left out.
pub fn sections(page: &str, page_title: &str, outline: &[outline::Section]) -> Vec<Section> {
    outline
        .iter()
        .filter_map(|s| {
            let heading = s.heading.as_ref().map(|h| h.text.as_str()).unwrap_or("");
            if heading.is_empty() && s.text.is_empty() {
                return None;
            }
            let stems: BTreeSet<String> = stem::words(heading)
                .chain(stem::words(&s.text))
                .map(stem::stem)
                .collect();
            Some(Section {
                page: page.to_string(),
                page_title: page_title.to_string(),
                heading: heading.to_string(),
                anchor: s.heading.as_ref().map(|h| h.id.clone()).unwrap_or_default(),
                text: s.text.clone(),
                stems: stems.into_iter().collect(),
            })
        })
        .collect()
}

/// The index script: the sections and the stemming rules the query is stemmed with.
pub fn index_js<'a>(sections: impl IntoIterator<Item = &'a Section>) -> String {
    let parts: Vec<String> = sections.into_iter().map(section_json).collect();
    index_script(parts.iter().map(String::as_str))
}

/// One section as the index script holds it (JSON): the preview keeps each page's entries
/// and joins them with [`index_script`] instead of writing the whole index on every save.
pub fn section_json(s: &Section) -> String {
    json!({
        "p": crate::paths::url_path(&s.page),
        "t": s.page_title,
        "h": s.heading,
        "a": s.anchor,
        "x": s.text,
        "s": s.stems.join(" "),
    })
    .to_string()
}

/// The index script of sections already written by [`section_json`], in order.
pub fn index_script<'a>(sections: impl IntoIterator<Item = &'a str>) -> String {
    let mut js = format!(
        "window.RAPPORTBOK_SOK = {{\"minStem\":{},\"sections\":[",
        stem::MIN_STEM
    );
    for (i, part) in sections.into_iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        js.push_str(part);
    }
    js.push_str(&format!("],\"suffix\":{}}};\n", json!(stem::SUFFIXES)));
    js
}

/// The search page's body: a labelled form (shown once the script runs), a live status line,
/// the result list, and a note for readers without JavaScript.
pub fn page_body(root: &str) -> String {
    format!(
        "<noscript><p class=\"search-noscript\">Sökningen behöver JavaScript, som är avstängt i din webbläsare. \
         Använd <a href=\"{root}index.html\">innehållsförteckningen</a> i stället.</p></noscript>\n\
         <form id=\"sok-form\" class=\"search-form\" role=\"search\" aria-label=\"Sökformulär\" action=\"{root}{PAGE}\" method=\"get\" hidden>\n\
         <label for=\"sok-fraga\">Sökord</label>\n\
         <input type=\"search\" id=\"sok-fraga\" name=\"q\" autocomplete=\"off\">\n\
         <button type=\"submit\">Sök</button>\n</form>\n\
         <p id=\"sok-status\" class=\"search-status\" role=\"status\"></p>\n\
         <ol id=\"sok-traffar\" class=\"search-results\"></ol>\n\
         <script src=\"{root}{INDEX}\"></script>\n<script src=\"{root}{SCRIPT}\"></script>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Body;

    fn outline_of(html: &str) -> Vec<outline::Section> {
        Body::from_html(html.to_string()).sections
    }

    #[test]
    fn pages_split_at_headings_with_stems() {
        let s = sections(
            "del/a.html",
            "Sidan",
            &outline_of(
                "<p>Inledning om regionen.</p>\n<h2>Vårdplatser</h2>\n<p>Antalet vårdplatserna ökade.</p>\n\
                 <h2>Budget &amp; utfall</h2>\n<p>Budgeten håller.</p>\n<h3></h3>\n",
            ),
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].heading, "");
        assert_eq!(s[0].text, "Inledning om regionen.");
        assert_eq!(s[1].heading, "Vårdplatser");
        assert_eq!(s[1].anchor, "vårdplatser");
        assert_eq!(s[1].text, "Antalet vårdplatserna ökade.");
        assert!(
            s[1].stems.contains(&"vårdplat".to_string()),
            "{:?}",
            s[1].stems
        );
        assert_eq!(s[2].heading, "Budget & utfall");
        assert!(s[2].stems.contains(&stem::stem("budget")));
        let js = index_js(&s);
        assert!(js.starts_with("window.RAPPORTBOK_SOK = {"));
        let data: serde_json::Value = serde_json::from_str(
            js.trim_start_matches("window.RAPPORTBOK_SOK = ")
                .trim_end()
                .trim_end_matches(';'),
        )
        .expect("the index is JSON");
        assert_eq!(data["minStem"], stem::MIN_STEM);
        assert_eq!(data["suffix"], json!(stem::SUFFIXES));
        assert_eq!(data["sections"].as_array().map(Vec::len), Some(3));
        assert_eq!(data["sections"][1]["h"], "Vårdplatser");
        assert!(js.contains("\"p\":\"del/a.html\""), "{js}");
        assert!(js.contains("\"a\":\"vårdplatser\""), "{js}");
    }
}
