//! Navigation HTML: the sidebar on every page and the front page's table of contents, both
//! from the SUMMARY structure with links relative to the page they sit on.

use crate::paths::{page_path, relative_url};
use crate::render::html::escape;
use crate::summary::{Chapter, Summary, SummaryItem};

/// The book's front page: its description and the whole table of contents.
pub fn index_body(summary: &Summary) -> String {
    let mut html = String::from(
        "<section class=\"contents\" aria-labelledby=\"innehall-rubrik\">\n<h2 id=\"innehall-rubrik\">Innehåll</h2>\n",
    );
    html.push_str(&summary_lists(summary, "index.html", false));
    html.push_str("</section>\n");
    html
}

/// The sidebar for the page at `current`.
pub fn sidebar(summary: &Summary, current: &str) -> String {
    format!(
        "<nav class=\"sidebar\" aria-label=\"Rapportens delar\">\n{}</nav>\n",
        summary_lists(summary, current, true)
    )
}

/// The SUMMARY structure as lists of links relative to `current`. Part titles and
/// separators split the lists (a list holds only list items).
fn summary_lists(summary: &Summary, current: &str, mark_current: bool) -> String {
    fn chapter(c: &Chapter, current: &str, mark: bool, out: &mut String) {
        out.push_str("<li>");
        match &c.path {
            Some(p) => {
                let page = page_path(p);
                let aria = if mark && page == current {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                out.push_str(&format!(
                    "<a href=\"{}\"{aria}>{}</a>",
                    escape(&relative_url(current, &page)),
                    escape(&c.name)
                ));
            }
            None => out.push_str(&format!(
                "<span class=\"draft\">{} (kommer)</span>",
                escape(&c.name)
            )),
        }
        if !c.children.is_empty() {
            out.push_str("<ol>");
            for child in &c.children {
                chapter(child, current, mark, out);
            }
            out.push_str("</ol>");
        }
        out.push_str("</li>\n");
    }
    let mut out = String::new();
    let mut open = false;
    for item in &summary.items {
        match item {
            SummaryItem::Chapter(c) => {
                if !open {
                    out.push_str("<ol>\n");
                    open = true;
                }
                chapter(c, current, mark_current, &mut out);
            }
            SummaryItem::PartTitle(t) => {
                if open {
                    out.push_str("</ol>\n");
                    open = false;
                }
                out.push_str(&format!("<p class=\"part-title\">{}</p>\n", escape(t)));
            }
            SummaryItem::Separator => {
                if open {
                    out.push_str("</ol>\n");
                    open = false;
                }
                out.push_str("<hr>\n");
            }
        }
    }
    if open {
        out.push_str("</ol>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn summary(text: &str) -> Summary {
        crate::summary::parse(text, Path::new("SUMMARY.md")).expect("summary")
    }

    #[test]
    fn the_sidebar_links_relative_to_the_page_and_marks_it() {
        let s = summary(
            "# Innehåll\n\n[Start](intro.md)\n\n# Ekonomi & mål\n\n- [Resultat](ekonomi/resultat.md)\n  - [Detaljer](ekonomi/detaljer.md)\n- [Utkast]()\n\n---\n\n- [Bilaga](bilaga.md)\n",
        );
        let nav = sidebar(&s, "ekonomi/resultat.html");
        assert!(nav.starts_with("<nav class=\"sidebar\" aria-label=\"Rapportens delar\">"));
        assert!(nav.contains("<a href=\"../intro.html\">Start</a>"), "{nav}");
        assert!(
            nav.contains("<a href=\"resultat.html\" aria-current=\"page\">Resultat</a><ol><li><a href=\"detaljer.html\">Detaljer</a>"),
            "{nav}"
        );
        assert!(
            nav.contains("<p class=\"part-title\">Ekonomi &amp; mål</p>"),
            "{nav}"
        );
        assert!(
            nav.contains("<span class=\"draft\">Utkast (kommer)</span>"),
            "{nav}"
        );
        assert!(
            nav.contains("<hr>\n<ol>\n<li><a href=\"../bilaga.html\">Bilaga</a>"),
            "{nav}"
        );
        // A list holds only list items: every <ol> is closed before a part title or rule.
        assert_eq!(nav.matches("<ol>").count(), nav.matches("</ol>").count());
    }

    #[test]
    fn the_front_page_lists_everything_without_marking() {
        let s = summary("# Innehåll\n\n- [A](a.md)\n- [B](del/b.md)\n");
        let body = index_body(&s);
        assert!(
            body.contains("<h2 id=\"innehall-rubrik\">Innehåll</h2>"),
            "{body}"
        );
        assert!(body.contains("<a href=\"a.html\">A</a>"), "{body}");
        assert!(body.contains("<a href=\"del/b.html\">B</a>"), "{body}");
        assert!(!body.contains("aria-current"), "{body}");
    }
}
