//! A page's outline as data, made by the renderer beside the body HTML: its headings (with
//! anchors) and sections (heading and plain text, without what is no reading text such as
//! the download links). Search reads this instead of cutting the page's HTML.

use std::ops::Range;

use super::headings::{Heading, anchor_spans};
use super::html::text_content;

/// A part of a page under one heading, or before the first one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `None` for the text before the first heading.
    pub heading: Option<Heading>,
    /// The section's visible text, whitespace collapsed: without its heading and without the
    /// download links under its tables.
    pub text: String,
}

/// A body as the renderer assembles it: its HTML, and where in it stands markup that is no
/// reading text (recorded as it is written, never found again by matching).
#[derive(Debug, Default)]
pub struct Assembled {
    html: String,
    hidden: Vec<Range<usize>>,
}

impl Assembled {
    pub fn with_capacity(capacity: usize) -> Assembled {
        Assembled {
            html: String::with_capacity(capacity),
            hidden: Vec::new(),
        }
    }

    /// Append HTML whose text is part of the page's text.
    pub fn push_str(&mut self, html: &str) {
        self.html.push_str(html);
    }

    /// Append HTML that is shown but is no reading text (download links).
    pub fn push_hidden(&mut self, html: &str) {
        let start = self.html.len();
        self.html.push_str(html);
        self.hidden.push(start..self.html.len());
    }

    /// Append another assembled piece, keeping what in it is hidden.
    pub fn append(&mut self, other: Assembled) {
        let offset = self.html.len();
        self.html.push_str(&other.html);
        self.hidden.extend(
            other
                .hidden
                .into_iter()
                .map(|r| r.start + offset..r.end + offset),
        );
    }

    pub fn is_empty(&self) -> bool {
        self.html.is_empty()
    }
}

impl From<String> for Assembled {
    fn from(html: String) -> Assembled {
        Assembled {
            html,
            hidden: Vec::new(),
        }
    }
}

/// The finished body: HTML with anchored headings, the headings, and the sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub html: String,
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
}

/// Anchor the body's headings and cut its sections at them. The text before the first
/// heading is a section only when it has any; every heading starts one.
pub fn outline(body: Assembled) -> Outline {
    let (html, anchored) = anchor_spans(&body.html);
    let mut sections = Vec::with_capacity(anchored.len() + 1);
    let first = anchored
        .first()
        .map_or(body.html.len(), |(_, span)| span.start);
    let lead = visible_text(&body.html, 0..first, &body.hidden);
    if !lead.is_empty() {
        sections.push(Section {
            heading: None,
            text: lead,
        });
    }
    for (k, (heading, span)) in anchored.iter().enumerate() {
        let end = anchored
            .get(k + 1)
            .map_or(body.html.len(), |(_, next)| next.start);
        sections.push(Section {
            heading: Some(heading.clone()),
            text: visible_text(&body.html, span.end..end, &body.hidden),
        });
    }
    Outline {
        html,
        headings: anchored.into_iter().map(|(h, _)| h).collect(),
        sections,
    }
}

/// The text of `html[range]` without the `hidden` parts, whitespace collapsed.
fn visible_text(html: &str, range: Range<usize>, hidden: &[Range<usize>]) -> String {
    let mut kept = String::with_capacity(range.len());
    let mut at = range.start;
    for h in hidden
        .iter()
        .filter(|h| h.end > range.start && h.start < range.end)
    {
        if h.start > at {
            kept.push_str(&html[at..h.start]);
        }
        at = at.max(h.end);
    }
    if at < range.end {
        kept.push_str(&html[at..range.end]);
    }
    collapse(&text_content(&kept))
}

/// Runs of whitespace as one space, none at the ends.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assembled(parts: &[(&str, bool)]) -> Assembled {
        let mut a = Assembled::default();
        for (html, hidden) in parts {
            if *hidden {
                a.push_hidden(html);
            } else {
                a.push_str(html);
            }
        }
        a
    }

    #[test]
    fn sections_follow_the_anchored_headings_without_hidden_parts() {
        let o = outline(assembled(&[
            (
                "<p>Inledning om regionen.</p>\n<h2>Vårdplatser</h2>\n<p>Antalet ",
                false,
            ),
            ("<p class=\"x\">Ladda ner</p>", true),
            ("ökade.</p>\n<h2>Budget &amp; <em>utfall</em></h2>\n", false),
        ]));
        assert_eq!(o.sections.len(), 3, "{:?}", o.sections);
        assert_eq!(o.sections[0].heading, None);
        assert_eq!(o.sections[0].text, "Inledning om regionen.");
        let h = o.sections[1].heading.as_ref().expect("heading");
        assert_eq!((h.level, h.id.as_str()), (2, "vårdplatser"));
        assert_eq!(o.sections[1].text, "Antalet ökade.");
        let h = o.sections[2].heading.as_ref().expect("heading");
        assert_eq!(h.text, "Budget & utfall");
        assert_eq!(o.sections[2].text, "");
        assert_eq!(o.headings.len(), 2);
        assert!(o.html.contains("<h2 id=\"vårdplatser\">Vårdplatser</h2>"));
        assert!(o.html.contains("Ladda ner"), "hidden parts are still shown");
    }

    #[test]
    fn an_empty_lead_is_no_section_and_appended_pieces_keep_their_hidden_parts() {
        let mut a = assembled(&[("<h1>Titel</h1>\n", false)]);
        let mut cell = assembled(&[("<div>Tabell", false), ("<p>länkar</p>", true)]);
        cell.push_str("</div>");
        a.append(cell);
        let o = outline(a);
        assert_eq!(o.sections.len(), 1);
        assert_eq!(o.sections[0].text, "Tabell");
    }
}
