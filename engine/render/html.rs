//! HTML text helpers: escaping, and reading text back out of rendered HTML.

use super::scan::{Token, decode, tokens};

/// Escape text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// Append `text` escaped to `out` (no string of its own: for per-cell rendering).
pub fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
}

/// The visible text of an HTML fragment: tags, comments and `<style>`/`<script>` contents
/// dropped, entities decoded. The one place rapportbok reads text back out of HTML (headings,
/// search sections, Word documents, the editor's hover), on the tokenizer of [`super::scan`].
pub fn text_content(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for token in tokens(html) {
        if let Token::Text(text) = token {
            // Each piece on its own: an entity never spans a tag.
            out.push_str(&decode(&text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_reads_back() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(
            text_content("Resultat <em>&amp;</em> &lt;mål&gt;"),
            "Resultat & <mål>"
        );
        assert_eq!(
            text_content(
                "<style>p { color: red }</style><p>A&nbsp;&#8722;1 &amp;lt;</p><!-- x -->"
            ),
            "A\u{a0}\u{2212}1 &lt;"
        );
    }
}
