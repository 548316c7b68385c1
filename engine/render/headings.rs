//! Heading anchors and the page's table of contents, taken from the finished page body,
//! so headings written by cells are included like any other.

use std::ops::Range;

use super::html::{escape, text_content};

/// A heading on a page, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Give every `<hN>` an `id` (unique on the page) and collect the headings.
pub fn anchor(html: &str) -> (String, Vec<Heading>) {
    let (out, anchored) = anchor_spans(html);
    (out, anchored.into_iter().map(|(h, _)| h).collect())
}

/// [`anchor`], with where each heading (from `<hN` to `</hN>`) stands in `html`, the input:
/// the outline cuts its sections there.
pub fn anchor_spans(html: &str) -> (String, Vec<(Heading, Range<usize>)>) {
    let mut out = String::with_capacity(html.len() + 256);
    let mut headings = Vec::new();
    let mut offset = 0;
    let mut used = std::collections::HashSet::new();
    let mut rest = html;
    while let Some((start, level, open_len)) = find_heading(rest) {
        // `<hN>`, or `<hN data-line="12">` in the preview: the line is kept, after the id.
        let attrs = &rest[start + 3..start + open_len - 1];
        let close_tag = format!("</h{level}>");
        let inner_start = start + open_len;
        let Some(inner_len) = rest[inner_start..].find(&close_tag) else {
            break;
        };
        let inner = &rest[inner_start..inner_start + inner_len];
        let text = text_content(inner).trim().to_string();
        let id = unique(slug(&text), &mut used);
        out.push_str(&rest[..start]);
        out.push_str(&format!(
            "<h{level} id=\"{}\"{attrs}>{inner}{close_tag}",
            escape(&id)
        ));
        let end = inner_start + inner_len + close_tag.len();
        headings.push((Heading { level, id, text }, offset + start..offset + end));
        rest = &rest[end..];
        offset += end;
    }
    out.push_str(rest);
    (out, headings)
}

/// The next heading's start, level and opening tag's length.
fn find_heading(html: &str) -> Option<(usize, u8, usize)> {
    const LINE: &str = " data-line=\"";
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = html[from..].find("<h") {
        let at = from + i;
        if let Some(d @ b'1'..=b'6') = bytes.get(at + 2) {
            if bytes.get(at + 3) == Some(&b'>') {
                return Some((at, d - b'0', 4));
            }
            let attr = &html[at + 3..];
            if let Some(digits) = attr.strip_prefix(LINE) {
                let n = digits.bytes().take_while(u8::is_ascii_digit).count();
                if n > 0 && digits[n..].starts_with("\">") {
                    return Some((at, d - b'0', 3 + LINE.len() + n + 2));
                }
            }
        }
        from = at + 2;
    }
    None
}

/// GitHub-style anchor: lower case, letters (å, ä, ö too) and digits kept, spaces to `-`.
pub fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            s.extend(ch.to_lowercase());
        } else if (ch == ' ' || ch == '-' || ch == '_' || ch == '\u{a0}') && !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "avsnitt".into() } else { s }
}

fn unique(base: String, used: &mut std::collections::HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_headings_uniquely() {
        let (html, hs) = anchor(
            "<h1>Månadsrapport</h1><p>x</p><h2>Ekonomi &amp; <em>budget</em></h2><h2>Ekonomi &amp; budget</h2>",
        );
        assert!(html.contains("<h1 id=\"månadsrapport\">"), "{html}");
        assert!(
            html.contains("<h2 id=\"ekonomi-budget\">Ekonomi &amp; <em>budget</em></h2>"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"ekonomi-budget-1\">"), "{html}");
        assert_eq!(hs.len(), 3);
        assert_eq!(hs[1].text, "Ekonomi & budget");
    }

    #[test]
    fn spans_name_each_heading_in_the_input() {
        let input = "<p>a</p><h2>Ett</h2><p>b</p><h3 data-line=\"4\">Två</h3>";
        let (_, hs) = anchor_spans(input);
        assert_eq!(&input[hs[0].1.clone()], "<h2>Ett</h2>");
        assert_eq!(&input[hs[1].1.clone()], "<h3 data-line=\"4\">Två</h3>");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Vårdgaranti 0-3-90-90"), "vårdgaranti-0-3-90-90");
        assert_eq!(slug("  Resultat (mkr)! "), "resultat-mkr");
        assert_eq!(slug("???"), "avsnitt");
    }
}
