//! RENDER: a notebook's template and its run results as page HTML.

pub mod csp;
pub mod headings;
pub mod html;
pub mod outline;
pub mod page;
pub mod provenance;
pub mod scan;
mod theme;

use crate::diag::Diagnostic;
use crate::export::{Download, Namer, links_html};
use crate::markdown;
use crate::notebook::{Cell, InlineExpr, Item, Notebook, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};
use crate::script::output::inline_html;
use crate::script::{ItemResult, Output, RunOutput, ScriptError};
use crate::table::{Column, Table};
use headings::Heading;
use html::escape;
use outline::{Assembled, Section};

pub use theme::THEME_CSS;

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Raw HTML from the writer passes through (book.toml `allow-html`).
    pub allow_html: bool,
    /// Preview mode (`serve`): inline values show their expression on hover.
    pub preview: bool,
}

/// A notebook's body, ready for a page, and what it holds as data beside the HTML.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The body's sections with their plain text (what search indexes), from the renderer.
    pub sections: Vec<Section>,
    /// The tables the page shows, to be written beside it as downloads (linked under each).
    pub downloads: Vec<Download>,
    /// Lines of the cells whose `print` output the page shows (`check` and `publish` warn).
    pub printed: Vec<usize>,
    /// Problems only rendering finds (a value placed where Markdown shows no text), also
    /// shown in the page's problem box; the build counts them with the run's.
    pub problems: Vec<Diagnostic>,
}

impl Body {
    /// A body of finished HTML that shows no tables (generated pages, error pages): its
    /// headings anchored and its sections taken.
    pub fn from_html(html: String) -> Body {
        let o = outline::outline(Assembled::from(html));
        Body {
            html: o.html,
            headings: o.headings,
            sections: o.sections,
            downloads: Vec::new(),
            printed: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The text of the first `<h1>`, if the notebook has one.
    pub fn h1(&self) -> Option<&str> {
        self.headings
            .iter()
            .find(|h| h.level == 1)
            .map(|h| h.text.as_str())
    }
}

/// Render a notebook with its results; its tables' downloads are named after the notebook.
pub fn render_body(notebook: &Notebook, run: &RunOutput, options: RenderOptions) -> Body {
    let stem = notebook
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    render_body_named(notebook, run, options, &stem)
}

/// [`render_body`] with the tables' downloads named after `page_stem` (`render -o x.html`
/// names them after the page it writes).
pub fn render_body_named(
    notebook: &Notebook,
    run: &RunOutput,
    options: RenderOptions,
    page_stem: &str,
) -> Body {
    let html = if options.preview {
        markdown::to_html_with_lines(&notebook.template, options.allow_html)
    } else {
        markdown::to_html(&notebook.template, options.allow_html)
    };
    let mut out = Assembled::with_capacity(html.len() * 2);
    // Problems that belong to no cell (front matter, flags, braces) go first, with the values
    // the prose placed where Markdown shows nothing.
    let unshown = unshown_values(&html, notebook);
    let general: Vec<&Diagnostic> = notebook.diagnostics.iter().chain(&unshown).collect();
    if !general.is_empty() {
        out.push_str(&problems_box(&general));
    }
    let mut tables = Tables {
        namer: Namer::new(page_stem),
        downloads: Vec::new(),
    };
    let html = link_targets(&html, notebook, run);
    fill_placeholders(&html, notebook, run, options, &mut tables, &mut out);
    let outline = outline::outline(out);
    let printed = notebook
        .items
        .iter()
        .zip(&run.items)
        .filter_map(|(item, r)| match item {
            Item::Cell(c) if !r.printed.is_empty() && r.value.is_ok() && !c.flags.hide => {
                Some(c.fence_line)
            }
            _ => None,
        })
        .collect();
    Body {
        html: outline.html,
        headings: outline.headings,
        sections: outline.sections,
        downloads: tables.downloads,
        printed,
        problems: unshown,
    }
}

/// The tables a page's cells show, collected while rendering.
struct Tables {
    namer: Namer,
    downloads: Vec<Download>,
}

impl Tables {
    /// If `value` is a table (or a lone column, or a chart: its data table), name its
    /// downloads and return their links (shown under it, but no text of the page).
    fn links(&mut self, value: &rhai::Dynamic) -> Option<String> {
        let table = if let Some(t) = value.read_lock::<Table>() {
            t.clone()
        } else if let Some(chart) = value.read_lock::<crate::chart::Chart>() {
            chart.data_table()
        } else {
            Table::new(vec![value.read_lock::<Column>()?.clone()]).ok()?
        };
        let stem = self.namer.name(table.title.as_deref());
        let links = links_html(&stem, table.title.as_deref());
        self.downloads.push(Download { stem, table });
        Some(links)
    }
}

fn fill_placeholders(
    html: &str,
    notebook: &Notebook,
    run: &RunOutput,
    options: RenderOptions,
    tables: &mut Tables,
    out: &mut Assembled,
) {
    let mut rest = html;
    // Whether the text so far ends inside a tag (replacements never open or close one).
    let mut in_tag = false;
    while let Some(open) = rest.find(PLACEHOLDER_OPEN) {
        in_tag = ends_inside_tag(&rest[..open]).unwrap_or(in_tag);
        let after_open = open + PLACEHOLDER_OPEN.len_utf8();
        let Some(close_rel) = rest[after_open..].find(PLACEHOLDER_CLOSE) else {
            break;
        };
        let tag = &rest[after_open..after_open + close_rel];
        let end = after_open + close_rel + PLACEHOLDER_CLOSE.len_utf8();
        // Private-use characters the prose itself held come back as they were.
        let escaped = match tag {
            "E0" => Some(PLACEHOLDER_OPEN),
            "E1" => Some(PLACEHOLDER_CLOSE),
            _ => None,
        };
        if let Some(c) = escaped {
            out.push_str(&rest[..open]);
            out.push_str(c.encode_utf8(&mut [0; 4]));
            rest = &rest[end..];
            continue;
        }
        let block = tag.starts_with('B');
        let index = tag
            .strip_prefix(['B', 'I'])
            .and_then(|n| n.parse::<usize>().ok());
        let (item, result) =
            match index.and_then(|i| Some((notebook.items.get(i)?, run.items.get(i)?))) {
                Some(pair) => pair,
                None => {
                    out.push_str(&rest[..end]);
                    rest = &rest[end..];
                    continue;
                }
            };
        let replacement = match item {
            Item::Cell(cell) => cell_html(cell, result, options, tables),
            // Inside a tag (an image's alt text, a link's title) the value is text.
            Item::Inline(_) if in_tag => Assembled::from(escape(&match &result.value {
                Ok(value) => html::text_content(&inline_html(value, false)),
                Err(e) => format!("Fel: {}", e.message),
            })),
            Item::Inline(expr) => Assembled::from(inline_value_html(expr, result, options)),
        };
        // A block placeholder stands alone in its paragraph: replace the paragraph.
        let before = &rest[..open];
        if block && before.ends_with("<p>") && rest[end..].starts_with("</p>") {
            out.push_str(&before[..before.len() - 3]);
            out.append(replacement);
            rest = rest[end + 4..]
                .strip_prefix('\n')
                .unwrap_or(&rest[end + 4..]);
        } else {
            out.push_str(before);
            out.append(replacement);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
}

/// Does `html` end inside a tag? In the page HTML a raw `<` only opens a tag (text has
/// `&lt;`), so the last `<` after the last `>` means yes; `None` when it has neither.
fn ends_inside_tag(html: &str) -> Option<bool> {
    match (html.rfind('<'), html.rfind('>')) {
        (Some(lt), Some(gt)) => Some(lt > gt),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    }
}

/// The items the page would silently leave out: their placeholder is nowhere in `html`
/// (Markdown shows no text for it, e.g. a link's target inside an image's alt text), so the
/// writer is told where instead. Hidden cells are meant to show nothing.
fn unshown_values(html: &str, notebook: &Notebook) -> Vec<Diagnostic> {
    let mut present = std::collections::HashSet::new();
    let (mut a, mut b) = ([0; 4], [0; 4]);
    let raw = (
        &*PLACEHOLDER_OPEN.encode_utf8(&mut a),
        &*PLACEHOLDER_CLOSE.encode_utf8(&mut b),
    );
    for (open, close) in [raw, (ENCODED_OPEN, ENCODED_CLOSE)] {
        let mut rest = html;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len()..];
            let Some(end) = after.find(close) else {
                break;
            };
            let index = after[..end]
                .strip_prefix(['I', 'B'])
                .and_then(|n| n.parse::<usize>().ok());
            present.extend(index);
            rest = &after[end..];
        }
    }
    notebook
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| !present.contains(i))
        .filter_map(|(_, item)| {
            let (line, col, what) = match item {
                Item::Cell(c) if c.flags.hide => return None,
                Item::Cell(c) => (c.fence_line, 1, "cellens resultat".to_string()),
                Item::Inline(e) => (e.line, e.col, format!("värdet `{{{{{}}}}}`", e.source)),
            };
            Some(
                Diagnostic::new(
                    &notebook.path,
                    line,
                    col,
                    format!(
                        "{what} visas inte på sidan: det står där Markdown inte visar någon text, \
                         till exempel som mål för en länk inne i en bilds alternativtext"
                    ),
                )
                .with_hint(
                    "flytta det till löptexten, eller skriv bildens alternativtext utan länk",
                ),
            )
        })
        .collect()
}

/// The placeholder characters as a link target carries them (percent-encoded).
const ENCODED_OPEN: &str = "%EE%80%80";
const ENCODED_CLOSE: &str = "%EE%80%81";

/// Inline values written as a link or image target (`[rapporten]({{ adress }})`): the target
/// becomes the value's text, percent-encoded. Only relative links and `http`, `https` and
/// `mailto` are kept; any other scheme (`javascript:`) becomes `#`.
fn link_targets(html: &str, notebook: &Notebook, run: &RunOutput) -> String {
    if !html.contains(ENCODED_OPEN) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find(ENCODED_OPEN) {
        let after = &rest[open + ENCODED_OPEN.len()..];
        let Some(close) = after.find(ENCODED_CLOSE) else {
            break;
        };
        let item = after[..close]
            .strip_prefix('I')
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|i| Some((notebook.items.get(i)?, run.items.get(i)?)));
        let end = open + ENCODED_OPEN.len() + close + ENCODED_CLOSE.len();
        out.push_str(&rest[..open]);
        match item {
            Some((Item::Inline(_), result)) => {
                let text = match &result.value {
                    Ok(v) => html::text_content(&inline_html(v, false)),
                    Err(_) => String::new(),
                };
                out.push_str(&safe_url(text.trim()));
            }
            _ => out.push_str(&rest[open..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A link target from a value: `#` for a scheme other than http, https and mailto,
/// notebook links as page links, and percent-encoded for an attribute.
fn safe_url(text: &str) -> String {
    let scheme = text.find(':').map(|i| &text[..i]).filter(|s| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
    });
    if scheme
        .is_some_and(|s| !matches!(s.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"))
    {
        return "#".to_string();
    }
    let url = markdown::rewrite_notebook_link(text);
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        match b {
            b'&' => out.push_str("&amp;"),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(b as char),
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'(' | b')' | b';' | b'/' | b'?' | b':'
            | b'@' | b'=' | b'+' | b'$' | b',' | b'%' | b'#' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn cell_html(
    cell: &Cell,
    result: &ItemResult,
    options: RenderOptions,
    tables: &mut Tables,
) -> Assembled {
    let mut html = Assembled::default();
    if cell.flags.echo {
        html.push_str(&format!(
            "<pre class=\"cell-code\"><code class=\"language-rhai\">{}</code></pre>\n",
            escape(&cell.code)
        ));
    }
    match &result.value {
        Ok(value) if !cell.flags.hide => {
            if !result.printed.is_empty() {
                html.push_str(&format!(
                    "<pre class=\"cell-print\">{}</pre>\n",
                    escape(&result.printed.join("\n"))
                ));
            }
            html.push_str(&Output::from_value(value).to_html(options.allow_html));
            if let Some(links) = tables.links(value) {
                html.push_hidden(&links);
            }
        }
        Ok(_) => {}
        Err(e) => html.push_str(&error_box(e, options)),
    }
    if html.is_empty() {
        return html;
    }
    let mut wrapped = Assembled::from(format!(
        "<div class=\"cell\" data-line=\"{}\">\n",
        cell.fence_line
    ));
    wrapped.append(html);
    wrapped.push_str("</div>\n");
    wrapped
}

fn inline_value_html(expr: &InlineExpr, result: &ItemResult, options: RenderOptions) -> String {
    match &result.value {
        Ok(value) => {
            let html = inline_html(value, options.allow_html);
            if options.preview {
                format!(
                    "<span class=\"inline-value\" title=\"{{{{{}}}}} (rad {})\" data-line=\"{}\">{html}</span>",
                    escape(&expr.source),
                    expr.line,
                    expr.line
                )
            } else {
                html
            }
        }
        Err(e) => match &e.root {
            Some(root) => format!(
                "<span class=\"inline-error consequence\" data-line=\"{}\"><strong>Följdfel:</strong> {} (se felet på rad {})</span>",
                e.line,
                escape(&consequence_text(root)),
                root.line
            ),
            None => format!(
                "<span class=\"inline-error\" data-line=\"{}\"><strong>Fel:</strong> {} (rad {}, kolumn {})</span>",
                e.line,
                escape(&e.message),
                e.line,
                e.col
            ),
        },
    }
}

/// What a consequence says: which name is missing because of which error.
fn consequence_text(root: &crate::script::Root) -> String {
    format!(
        "`{}` saknas eftersom en cell ovanför stoppades av felet på rad {}: {}",
        root.name, root.line, root.message
    )
}

/// The quieter box for a cell that failed only because an earlier one did: it points to
/// the first error instead of repeating it as an error of its own.
fn consequence_box(e: &ScriptError, root: &crate::script::Root, options: RenderOptions) -> String {
    let link = if options.preview && root.line > 0 {
        format!(
            " <a class=\"error-line\" href=\"#rad-{}\">visa rad {}</a>",
            root.line, root.line
        )
    } else {
        String::new()
    };
    format!(
        "<div class=\"cell-error consequence\" data-line=\"{}\"><p><strong>Följdfel:</strong> {}{link}</p><p class=\"hint\">Rätta felet på rad {} först; då körs också den här cellen.</p></div>\n",
        e.line,
        escape(&consequence_text(root)),
        root.line
    )
}

/// The box that stands in for a failed cell.
pub fn error_box(e: &ScriptError, options: RenderOptions) -> String {
    if let Some(root) = &e.root {
        return consequence_box(e, root, options);
    }
    let place = match (e.line, e.col) {
        (0, _) => String::new(),
        (l, 0) => format!(" på rad {l}"),
        (l, c) => format!(" på rad {l}, kolumn {c}"),
    };
    let link = if options.preview && e.line > 0 {
        format!(
            " <a class=\"error-line\" href=\"#rad-{}\">visa rad</a>",
            e.line
        )
    } else {
        String::new()
    };
    let hint = e
        .hint
        .as_deref()
        .map(|h| format!("<p class=\"hint\">Tips: {}</p>", escape(h)))
        .unwrap_or_default();
    format!(
        "<div class=\"cell-error\" data-line=\"{}\"><p><strong>Fel i cellen{place}:</strong> {}{link}</p>{hint}</div>\n",
        e.line,
        escape(&e.message)
    )
}

fn problems_box(diags: &[&Diagnostic]) -> String {
    let items: String = diags
        .iter()
        .map(|d| {
            let place = if d.line > 0 {
                format!("Rad {}: ", d.line)
            } else {
                String::new()
            };
            let hint = d
                .hint
                .as_deref()
                .map(|h| format!(" <span class=\"hint\">Tips: {}</span>", escape(h)))
                .unwrap_or_default();
            format!("<li>{place}{}{hint}</li>", escape(&d.message))
        })
        .collect();
    format!(
        "<div class=\"cell-error notebook-problems\"><p><strong>Problem i notebooken:</strong></p><ul>{items}</ul></div>\n"
    )
}
