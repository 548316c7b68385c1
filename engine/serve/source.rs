//! The notebook's source with numbered lines, appended to a preview page that has errors,
//! so that each error's "visa rad" link lands on the line it names.

use crate::diag::Diagnostic;
use crate::render::html::escape;

/// The listing, every line anchored as `rad-N`; lines with an error are marked.
pub fn source_listing(source: &str, diagnostics: &[Diagnostic]) -> String {
    let mut html = String::from(
        "<details class=\"notebook-source\" id=\"kallkod\">\n<summary>Notebookens källkod (med felen markerade)</summary>\n<pre class=\"source-lines\"><code>",
    );
    for (i, line) in source.lines().enumerate() {
        let n = i + 1;
        let class = if diagnostics.iter().any(|d| d.line == n) {
            "source-line has-error"
        } else {
            "source-line"
        };
        html.push_str(&format!(
            "<span id=\"rad-{n}\" class=\"{class}\"><span class=\"line-number\" aria-hidden=\"true\">{n}</span>{}</span>\n",
            escape(line)
        ));
    }
    html.push_str("</code></pre>\n</details>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_has_an_anchor_and_errors_are_marked() {
        let d = Diagnostic::new(std::path::Path::new("a.md"), 2, 1, "fel".to_string());
        let html = source_listing("# Rubrik\nlet x = <1;\n", &[d]);
        assert!(html.contains("<span id=\"rad-1\" class=\"source-line\">"));
        assert!(html.contains("<span id=\"rad-2\" class=\"source-line has-error\">"));
        assert!(html.contains("let x = &lt;1;"));
    }
}
