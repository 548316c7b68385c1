//! The accessibility check `publish` runs over every built page (WCAG 2.1 AA basics that can
//! be read from the HTML): language, headings, tables, text alternatives, links, skip link.
//! The full axe-core run in a browser lives in the test suite; this one guards every publish.

use std::collections::HashSet;
use std::fmt;

use crate::render::scan::{Token, decode, tokens};

/// Link texts that say nothing out of context (WCAG 2.4.4).
const VAGUE_LINKS: &[&str] = &[
    "klicka här",
    "här",
    "läs mer",
    "mer",
    "länk",
    "click here",
    "here",
    "read more",
    "more",
];

/// One accessibility problem on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The page's path in the site.
    pub page: String,
    /// Line in the built HTML (0: the page as a whole).
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.page, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.page, self.message)
        }
    }
}

/// Check every HTML page of a site (other files, such as downloads, are skipped).
pub fn check_site(files: &[(String, Vec<u8>)]) -> Vec<Problem> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .flat_map(|(path, bytes)| match std::str::from_utf8(bytes) {
            Ok(html) => check_page(path, html),
            Err(_) => vec![Problem {
                page: path.clone(),
                line: 0,
                message: "sidan är inte giltig UTF-8".into(),
            }],
        })
        .collect()
}

/// An element being read: where it started and what was found inside it so far.
struct Open {
    line: usize,
    /// Text alternative collected inside (link text, svg title).
    text: String,
    /// `<table>`: whether a caption was seen.
    found: bool,
    label: bool,
}

/// Check one page.
pub fn check_page(page: &str, html: &str) -> Vec<Problem> {
    let toks = tokens(html);
    let mut problems = Vec::new();
    let mut problem = |line: usize, message: String| {
        problems.push(Problem {
            page: page.to_string(),
            line,
            message,
        })
    };
    let ids: HashSet<&str> = toks.iter().filter_map(|t| t.attr("id")).collect();

    let mut lang_seen = false;
    let mut h1s = 0;
    let mut last_level = 0u8;
    let mut first_link_checked = false;
    let mut in_body = false;
    let mut tables: Vec<Open> = Vec::new();
    let mut links: Vec<Open> = Vec::new();
    let mut svgs: Vec<Open> = Vec::new();
    let mut in_svg_title = 0usize;

    for t in &toks {
        match t {
            Token::Start { name, line, .. } => {
                let line = *line;
                match name.as_str() {
                    "html" => {
                        lang_seen = t.attr("lang").is_some_and(|l| !l.trim().is_empty());
                    }
                    "body" => in_body = true,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        let level = name.as_bytes()[1] - b'0';
                        if level == 1 {
                            h1s += 1;
                        }
                        if last_level == 0 && level != 1 {
                            problem(
                                line,
                                format!("sidans första rubrik är <h{level}>, inte <h1>"),
                            );
                        } else if last_level > 0 && level > last_level + 1 {
                            problem(
                                line,
                                format!(
                                    "rubriknivån hoppar från <h{last_level}> till <h{level}>; använd <h{}>",
                                    last_level + 1
                                ),
                            );
                        }
                        last_level = level;
                    }
                    "table" => tables.push(Open {
                        line,
                        text: String::new(),
                        found: false,
                        label: false,
                    }),
                    "caption" => {
                        if let Some(table) = tables.last_mut() {
                            table.found = true;
                        }
                    }
                    "th" => {
                        let scoped = t
                            .attr("scope")
                            .is_some_and(|s| matches!(s, "col" | "row" | "colgroup" | "rowgroup"));
                        if !scoped {
                            problem(
                                line,
                                "rubrikcellen <th> saknar scope=\"col\" eller scope=\"row\"".into(),
                            );
                        }
                    }
                    "img" => {
                        let named = t.attr("alt").is_some()
                            || t.attr("aria-label").is_some_and(|l| !l.trim().is_empty());
                        if !named {
                            problem(line, "bilden saknar textalternativ (alt)".into());
                        }
                        if let Some(link) = links.last_mut() {
                            link.text.push_str(t.attr("alt").unwrap_or_default());
                        }
                    }
                    "svg" => {
                        let hidden = t.attr("aria-hidden") == Some("true");
                        let labelled = t.attr("aria-label").is_some_and(|l| !l.trim().is_empty())
                            || t.attr("aria-labelledby")
                                .is_some_and(|l| l.split_whitespace().all(|id| ids.contains(id)));
                        svgs.push(Open {
                            line,
                            text: String::new(),
                            found: hidden,
                            label: labelled,
                        });
                    }
                    "title" if !svgs.is_empty() => in_svg_title += 1,
                    "a" if t.attr("href").is_some() => {
                        if in_body && !first_link_checked {
                            first_link_checked = true;
                            skip_link(t, &ids, line, &mut problem);
                        }
                        links.push(Open {
                            line,
                            text: String::new(),
                            found: false,
                            label: t.attr("aria-label").is_some_and(|l| !l.trim().is_empty()),
                        });
                    }
                    _ => {}
                }
            }
            Token::Text(text) => {
                if let Some(link) = links.last_mut() {
                    link.text.push_str(text);
                }
                if in_svg_title > 0 {
                    if let Some(svg) = svgs.last_mut() {
                        svg.text.push_str(text);
                    }
                }
            }
            Token::End { name } => match name.as_str() {
                "table" => {
                    if let Some(table) = tables.pop() {
                        if !table.found {
                            problem(
                                table.line,
                                "tabellen saknar rubrik (<caption>) som säger vad den visar".into(),
                            );
                        }
                    }
                }
                "title" if in_svg_title > 0 => in_svg_title -= 1,
                "svg" => {
                    if let Some(svg) = svgs.pop() {
                        let titled = !decode(&svg.text).trim().is_empty();
                        if !(svg.found || svg.label || titled) {
                            problem(
                                svg.line,
                                "diagrammet/bilden (<svg>) saknar textalternativ: en <title> eller aria-label"
                                    .into(),
                            );
                        }
                        if let Some(link) = links.last_mut() {
                            link.text.push_str(&svg.text);
                        }
                    }
                }
                "a" => {
                    if let Some(link) = links.pop() {
                        link_text(&link, &mut problem);
                    }
                }
                _ => {}
            },
        }
    }
    if !lang_seen {
        problem(0, "sidan saknar språk: <html lang=\"sv\">".into());
    }
    if h1s != 1 {
        problem(
            0,
            format!("sidan ska ha exakt en huvudrubrik <h1>, men har {h1s}"),
        );
    }
    if !first_link_checked {
        problem(
            0,
            "sidan saknar länk för att hoppa till innehållet (skip link)".into(),
        );
    }
    problems
}

/// The first link of the body must jump to the main content on the same page.
fn skip_link(t: &Token, ids: &HashSet<&str>, line: usize, problem: &mut impl FnMut(usize, String)) {
    let href = t.attr("href").unwrap_or_default();
    match href.strip_prefix('#') {
        Some(id) if ids.contains(id) => {}
        Some(id) => problem(
            line,
            format!("länken för att hoppa till innehållet pekar på #{id}, som inte finns på sidan"),
        ),
        None => problem(
            line,
            "sidans första länk ska hoppa till innehållet (skip link, href=\"#…\")".into(),
        ),
    }
}

/// A link's text must be there and make sense on its own.
fn link_text(link: &Open, problem: &mut impl FnMut(usize, String)) {
    if link.label {
        return;
    }
    let text = decode(&link.text);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        problem(link.line, "länken saknar text".into());
        return;
    }
    let bare = text
        .trim_end_matches(['.', '!', ':', '…', '›', '»', '→'])
        .trim()
        .to_lowercase();
    if VAGUE_LINKS.contains(&bare.as_str()) {
        problem(
            link.line,
            format!("länktexten ”{text}” säger inte vart länken går; skriv vad man kommer till"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"sv\">\n<head><title>T</title><style>h3{{}}</style></head>\n<body>\n\
             <a class=\"skip-link\" href=\"#innehall\">Hoppa till innehållet</a>\n\
             <main id=\"innehall\">\n<h1>Rubrik</h1>\n{body}</main>\n</body>\n</html>\n"
        )
    }

    fn messages(html: &str) -> Vec<String> {
        check_page("sida.html", html)
            .into_iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn a_good_page_passes() {
        let html = page(
            "<h2>A</h2><h3>B</h3><h2>C</h2>\n\
             <table><caption>Utfall</caption><thead><tr><th scope=\"col\">Konto</th></tr></thead>\
             <tbody><tr><th scope=\"row\">1</th></tr></tbody></table>\n\
             <figure><svg role=\"img\"><title>Kostnad per månad</title></svg></figure>\n\
             <svg aria-hidden=\"true\"></svg><img src=\"a.png\" alt=\"\">\n\
             <a href=\"b.html\">Ekonomi i februari</a> <a href=\"c.html\" aria-label=\"Mer om väntetider\">Mer</a>",
        );
        assert_eq!(messages(&html), Vec::<String>::new());
    }

    #[test]
    fn names_missing_language_h1_and_skip_link() {
        let m = messages("<html><body><p><a href=\"x.html\">Start</a></p></body></html>");
        assert!(m.contains(&"sida.html: sidan saknar språk: <html lang=\"sv\">".to_string()));
        assert!(
            m.iter()
                .any(|m| m.contains("exakt en huvudrubrik <h1>, men har 0"))
        );
        assert!(
            m.iter()
                .any(|m| m.contains("sidans första länk ska hoppa till innehållet"))
        );
    }

    #[test]
    fn skipped_heading_levels_and_two_h1_are_reported_with_lines() {
        let m = messages(&page("<h3>Hopp</h3>\n<h1>Igen</h1>"));
        assert!(
            m.contains(
                &"sida.html:8: rubriknivån hoppar från <h1> till <h3>; använd <h2>".to_string()
            ),
            "{m:?}"
        );
        assert!(m.iter().any(|m| m.contains("men har 2")));
    }

    #[test]
    fn tables_need_a_caption_and_scoped_headers() {
        let m = messages(&page(
            "<table><thead><tr><th>Konto</th></tr></thead></table>",
        ));
        assert!(
            m.iter()
                .any(|m| m.contains("tabellen saknar rubrik (<caption>)"))
        );
        assert!(m.iter().any(|m| m.contains("<th> saknar scope")));
    }

    #[test]
    fn images_and_charts_need_text_alternatives() {
        let m = messages(&page(
            "<img src=\"a.png\">\n<svg><g></g></svg>\n<svg><title> </title></svg>",
        ));
        assert!(m.iter().any(|m| m.contains("bilden saknar textalternativ")));
        assert_eq!(m.iter().filter(|m| m.contains("(<svg>) saknar")).count(), 2);
    }

    #[test]
    fn vague_and_empty_link_texts_are_reported() {
        let m = messages(&page(
            "<a href=\"x.html\">Klicka här</a> <a href=\"y.html\">läs mer…</a> <a href=\"z.html\"> </a> <a href=\"w.html\">Här finns budgeten</a>",
        ));
        assert!(m.iter().any(|m| m.contains("”Klicka här” säger inte")));
        assert!(m.iter().any(|m| m.contains("”läs mer…” säger inte")));
        assert!(m.iter().any(|m| m.contains("länken saknar text")));
        assert_eq!(m.len(), 3, "{m:?}");
    }

    #[test]
    fn a_skip_link_to_a_missing_target_is_reported() {
        let html = page("").replace("id=\"innehall\"", "id=\"annat\"");
        let m = messages(&html);
        assert!(
            m.iter()
                .any(|m| m.contains("pekar på #innehall, som inte finns"))
        );
    }
}
