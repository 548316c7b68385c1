//! The one Markdown dialect: CommonMark with GFM tables, strikethrough, autolinks, footnotes
//! and task lists. Parsing (to find cells) and rendering use the same options.

use comrak::options::URLRewriter;
use comrak::{Arena, Options};
use std::sync::Arc;

/// Options for parsing and rendering notebooks. Raw HTML is escaped (shown as text)
/// unless the book opts in with `allow-html`.
pub fn options(allow_html: bool) -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.link_url_rewriter = Some(Arc::new(NotebookLinks));
    o.render.r#unsafe = allow_html;
    o.render.escape = !allow_html;
    o
}

/// Links between notebooks (`ekonomi.md#resultat`) point at the rendered pages.
struct NotebookLinks;

impl URLRewriter for NotebookLinks {
    fn to_html(&self, url: &str) -> String {
        rewrite_notebook_link(url)
    }
}

/// `a/b.md#x` → `a/b.html#x`; absolute URLs and other files are left alone.
pub fn rewrite_notebook_link(url: &str) -> String {
    if url.contains("://") || url.starts_with("mailto:") || url.starts_with('#') {
        return url.to_string();
    }
    let (path, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    match path.strip_suffix(".md") {
        Some(stem) => format!("{stem}.html{fragment}"),
        None => url.to_string(),
    }
}

/// Render a Markdown document to HTML.
pub fn to_html(markdown: &str, allow_html: bool) -> String {
    render(markdown, options(allow_html))
}

/// Render a notebook's template for the preview: paragraphs, headings, lists and quotes
/// carry `data-line="N"`, the notebook line they start on (the template's lines are
/// the notebook's), so the editor and the page can follow each other. Never in builds.
pub fn to_html_with_lines(markdown: &str, allow_html: bool) -> String {
    let mut options = options(allow_html);
    options.render.sourcepos = true;
    render(markdown, options)
}

fn render(markdown: &str, options: Options) -> String {
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, markdown, &options);
    let mut html = String::new();
    // Writing into a String cannot fail.
    let _ = comrak::format_html(root, &options, &mut html);
    if options.render.sourcepos {
        html = source_lines(&html);
    }
    accessible_tables(&html)
}

/// Block elements keep their start line as `data-line`; every other `data-sourcepos` goes, as
/// does the line of a paragraph that only holds a cell's placeholder (the cell has its own).
fn source_lines(html: &str) -> String {
    const ATTR: &str = " data-sourcepos=\"";
    const KEEP: [&str; 10] = [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "blockquote",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(ATTR) {
        let (before, after) = rest.split_at(i);
        let Some(end) = after[ATTR.len()..].find('"') else {
            break;
        };
        let pos = &after[ATTR.len()..ATTR.len() + end];
        let line = pos.split(':').next().unwrap_or("");
        let tag = before.rfind('<').map(|t| &before[t + 1..]).unwrap_or("");
        let next = &after[ATTR.len() + end + 1..];
        // A cell's paragraph is replaced by the cell (which has its own line), and a table's
        // `Tabell: …` paragraph becomes its caption: both stay plain `<p>`.
        let plain = tag == "p"
            && next.strip_prefix('>').is_some_and(|n| {
                crate::notebook::starts_with_block_placeholder(n)
                    || n.starts_with(&CAPTION_PREFIX["<p>".len()..])
            });
        out.push_str(before);
        if KEEP.contains(&tag) && !plain && line.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(" data-line=\"");
            out.push_str(line);
            out.push('"');
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

/// The paragraph that names the table below it: `Tabell: Flaggor för celler`.
const CAPTION_PREFIX: &str = "<p>Tabell: ";

/// Markdown tables made accessible: header cells get `scope="col"`, and a paragraph
/// `Tabell: …` right above a table becomes its `<caption>`.
fn accessible_tables(html: &str) -> String {
    if !html.contains("<table>") {
        return html.to_string();
    }
    let html = html
        .replace("<th>", "<th scope=\"col\">")
        .replace("<th align=", "<th scope=\"col\" align=");
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<table>\n") {
        let (before, after) = rest.split_at(i);
        let after = &after["<table>\n".len()..];
        let caption = before
            .trim_end()
            .rfind(CAPTION_PREFIX)
            .map(|p| (p, &before.trim_end()[p..]))
            .filter(|(_, para)| para.find("</p>") == Some(para.len().saturating_sub(4)))
            .map(|(p, para)| (p, &para[CAPTION_PREFIX.len()..para.len() - "</p>".len()]));
        match caption {
            Some((p, text)) => {
                out.push_str(&before[..p]);
                out.push_str(&format!("<table>\n<caption>{}</caption>\n", text.trim()));
            }
            None => {
                out.push_str(before);
                out.push_str("<table>\n");
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Render Markdown meant to stand inside a sentence: a single paragraph loses its `<p>`.
pub fn inline_to_html(markdown: &str, allow_html: bool) -> String {
    let html = to_html(markdown, allow_html);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Text as Markdown that shows it literally inside a sentence: every ASCII punctuation mark
/// backslash-escaped (no emphasis, link, image, HTML or entity can start), line breaks as
/// spaces and leading spaces as entities (no new block, no code block). The escapes also keep
/// web and mail addresses from becoming links.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut leading = true;
    for c in text.chars() {
        match c {
            ' ' | '\t' if leading => out.push_str("&#32;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        leading &= c == ' ' || c == '\t';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_renders_as_the_text_itself() {
        let hostile = "**fet** <img src=x onerror=alert(1)> [länk](javascript:alert(1)) ![x](https://evil.example/t.png) &amp; `kod`";
        for allow_html in [false, true] {
            let html = inline_to_html(&escape_text(hostile), allow_html);
            assert_eq!(
                html,
                "**fet** &lt;img src=x onerror=alert(1)&gt; [länk](javascript:alert(1)) \
                 ![x](https://evil.example/t.png) &amp;amp; `kod`",
                "allow_html: {allow_html}"
            );
        }
        for address in ["www.evil.example", "https://evil.example", "a@evil.example"] {
            assert_eq!(inline_to_html(&escape_text(address), false), address);
        }
        let blocks = to_html(&escape_text("    kod\n# Rubrik\n- punkt"), false);
        assert_eq!(blocks, "<p>    kod # Rubrik - punkt</p>\n");
    }

    #[test]
    fn the_preview_marks_blocks_with_their_notebook_line() {
        let html = to_html_with_lines(
            "# Rubrik\n\nText\nmer.\n\n- a\n- b\n\n\u{E000}B0\u{E001}\n\nTabell: Namn\n\n| A |\n|---|\n| 1 |\n",
            false,
        );
        assert!(html.contains("<h1 data-line=\"1\">Rubrik</h1>"), "{html}");
        assert!(html.contains("<p data-line=\"3\">Text"), "{html}");
        assert!(html.contains("<ul data-line=\"6\">\n<li>a</li>"), "{html}");
        assert!(html.contains("<p>\u{E000}B0\u{E001}</p>"), "{html}");
        assert!(html.contains("<caption>Namn</caption>"), "{html}");
        assert!(html.contains("<th scope=\"col\">A</th>"), "{html}");
        assert!(!html.contains("sourcepos"), "{html}");
        let (anchored, headings) = crate::render::headings::anchor(&html);
        assert!(
            anchored.contains("<h1 id=\"rubrik\" data-line=\"1\">Rubrik</h1>"),
            "{anchored}"
        );
        assert_eq!(headings[0].text, "Rubrik");
        assert!(
            !to_html("# R\n", false).contains("data-line"),
            "never in builds"
        );
    }

    /// Found by tests/properties.rs: with `allow-html`, the writer's own `data-sourcepos`
    /// followed by a non-ASCII character panicked the preview (a slice inside a character).
    #[test]
    fn the_writers_own_sourcepos_attribute_never_panics() {
        let html = to_html_with_lines("<p data-sourcepos=\"1\"é>x</p>\n\nText\n", true);
        assert!(html.contains("<p data-line=\"3\">Text</p>"), "{html}");
    }

    #[test]
    fn markdown_tables_get_scoped_headers_and_a_caption_from_the_line_above() {
        let html = to_html(
            "Text.\n\nTabell: Flaggor *för* celler\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n\n| C |\n|---|\n| 3 |\n",
            false,
        );
        assert!(html.contains("<p>Text.</p>"));
        assert!(
            html.contains("<table>\n<caption>Flaggor <em>för</em> celler</caption>\n<thead>"),
            "{html}"
        );
        assert!(!html.contains("Tabell:"));
        assert!(html.contains("<th scope=\"col\">A</th>"));
        assert!(html.contains("<th scope=\"col\" align=\"right\">B</th>"));
        assert_eq!(
            html.matches("<caption>").count(),
            1,
            "the second table has none"
        );
        assert!(html.contains("<th scope=\"col\">C</th>"));
    }

    #[test]
    fn rewrites_links_to_pages() {
        assert_eq!(rewrite_notebook_link("a/b.md#x"), "a/b.html#x");
        assert_eq!(
            rewrite_notebook_link("https://x.se/a.md"),
            "https://x.se/a.md"
        );
        assert_eq!(rewrite_notebook_link("data.csv"), "data.csv");
        let html = to_html("[Ekonomi](ekonomi.md)", false);
        assert!(html.contains("href=\"ekonomi.html\""), "{html}");
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let md = "Text <script>alert(1)</script>\n\n<div>block</div>\n";
        let escaped = to_html(md, false);
        assert!(!escaped.contains("<script>"), "{escaped}");
        assert!(escaped.contains("&lt;script&gt;"), "{escaped}");
        assert!(escaped.contains("&lt;div&gt;"), "{escaped}");
        let allowed = to_html(md, true);
        assert!(allowed.contains("<div>block</div>"), "{allowed}");
    }

    #[test]
    fn inline_drops_the_paragraph() {
        assert_eq!(
            inline_to_html("**fet** text", false),
            "<strong>fet</strong> text"
        );
    }

    #[test]
    fn gfm_extensions() {
        let html = to_html(
            "| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~bort~~ https://example.se\n",
            false,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>bort</del>"), "{html}");
        assert!(html.contains("<a href=\"https://example.se\">"), "{html}");
    }
}
