//! `SUMMARY.md`: the book's table of contents, in mdBook's format.
//!
//! ```text
//! # Summary
//! [Inledning](inledning.md)
//! # Handbok
//! - [Notebookformatet](handbok/format.md)
//!   - [Celler](handbok/celler.md)
//! ---
//! [Bilaga](bilaga.md)
//! ```

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub title: Option<String>,
    pub items: Vec<SummaryItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SummaryItem {
    Chapter(Chapter),
    /// A `# Part` heading that groups the chapters after it.
    PartTitle(String),
    Separator,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    pub name: String,
    /// Relative to the book's source folder; `None` for a draft chapter (`[Namn]()`).
    pub path: Option<PathBuf>,
    /// The line in SUMMARY.md, for diagnostics.
    pub line: usize,
    pub children: Vec<Chapter>,
}

impl Summary {
    /// Every chapter with a file, in reading order (depth first).
    pub fn chapters(&self) -> Vec<&Chapter> {
        fn walk<'a>(c: &'a Chapter, out: &mut Vec<&'a Chapter>) {
            if c.path.is_some() {
                out.push(c);
            }
            for child in &c.children {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for item in &self.items {
            if let SummaryItem::Chapter(c) = item {
                walk(c, &mut out);
            }
        }
        out
    }
}

/// Parse SUMMARY.md. Every line that is not part of the format is an error with its line.
pub fn parse(text: &str, path: &Path) -> Result<Summary, Diagnostics> {
    let mut summary = Summary::default();
    let mut errors = Vec::new();
    // List items collected until a non-list line, then built into a tree.
    let mut pending: Vec<(usize, Chapter)> = Vec::new();
    let mut in_comment = false;

    let flush = |pending: &mut Vec<(usize, Chapter)>, items: &mut Vec<SummaryItem>| {
        let mut iter = std::mem::take(pending).into_iter().peekable();
        while let Some(chapter) = build_tree(&mut iter, 0) {
            items.push(SummaryItem::Chapter(chapter));
        }
    };

    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            match parse_link(item.trim(), path, line_no) {
                Ok(chapter) => pending.push((indent, chapter)),
                Err(e) => errors.push(e),
            }
            continue;
        }
        flush(&mut pending, &mut summary.items);
        if let Some(heading) = trimmed.strip_prefix('#') {
            let heading = heading.trim_start_matches('#').trim().to_string();
            if summary.title.is_none() && summary.items.is_empty() {
                summary.title = Some(heading);
            } else {
                summary.items.push(SummaryItem::PartTitle(heading));
            }
        } else if trimmed.chars().all(|c| c == '-') && trimmed.len() >= 3 {
            summary.items.push(SummaryItem::Separator);
        } else if trimmed.starts_with('[') {
            match parse_link(trimmed, path, line_no) {
                Ok(chapter) => summary.items.push(SummaryItem::Chapter(chapter)),
                Err(e) => errors.push(e),
            }
        } else {
            errors.push(
                Diagnostic::new(
                    path,
                    line_no,
                    indent + 1,
                    format!("oväntad rad i SUMMARY.md: {trimmed}"),
                )
                .with_hint("varje kapitel skrivs som `- [Namn](fil.md)`, delar som `# Rubrik`"),
            );
        }
    }
    flush(&mut pending, &mut summary.items);

    if errors.is_empty() {
        Ok(summary)
    } else {
        Err(Diagnostics(errors))
    }
}

/// Build one chapter and its deeper-indented followers into a tree.
fn build_tree(
    iter: &mut std::iter::Peekable<impl Iterator<Item = (usize, Chapter)>>,
    min_indent: usize,
) -> Option<Chapter> {
    let (indent, mut chapter) = match iter.peek() {
        Some((indent, _)) if *indent >= min_indent => iter.next()?,
        _ => return None,
    };
    while matches!(iter.peek(), Some((child_indent, _)) if *child_indent > indent) {
        match build_tree(iter, indent + 1) {
            Some(child) => chapter.children.push(child),
            None => break,
        }
    }
    Some(chapter)
}

/// `[Name](path.md)`; an empty target is a draft chapter.
fn parse_link(text: &str, path: &Path, line: usize) -> Result<Chapter, Diagnostic> {
    let bad = || {
        Diagnostic::new(path, line, 1, format!("kunde inte läsa länken `{text}`"))
            .with_hint("skriv kapitel som `[Namn](fil.md)`")
    };
    let rest = text.strip_prefix('[').ok_or_else(bad)?;
    let close = rest.rfind("](").ok_or_else(bad)?;
    let name = rest[..close].trim().to_string();
    let target = rest[close + 2..].strip_suffix(')').ok_or_else(bad)?.trim();
    if name.is_empty() {
        return Err(bad());
    }
    let path = if target.is_empty() {
        None
    } else {
        let target = target.replace("%20", " ");
        let target = Path::new(&target);
        if target.is_absolute()
            || target
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(Diagnostic::new(
                path,
                line,
                1,
                format!(
                    "kapitlets sökväg måste ligga i bokens mapp: {}",
                    target.display()
                ),
            ));
        }
        Some(target.to_path_buf())
    };
    Ok(Chapter {
        name,
        path,
        line,
        children: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUMMARY: &str = "# Summary\n\n[Inledning](intro.md)\n\n# Handbok\n\n- [Format](h/format.md)\n  - [Celler](h/celler.md)\n    - [Flaggor](h/flaggor.md)\n  - [Utkast]()\n- [Data](h/data.md)\n\n---\n\n[Bilaga](bilaga.md)\n";

    #[test]
    fn parses_structure_and_order() {
        let s = parse(SUMMARY, Path::new("SUMMARY.md")).expect("valid summary");
        assert_eq!(s.title.as_deref(), Some("Summary"));
        assert_eq!(s.items.len(), 6);
        assert_eq!(s.items[1], SummaryItem::PartTitle("Handbok".into()));
        let SummaryItem::Chapter(format) = &s.items[2] else {
            panic!("chapter expected")
        };
        assert_eq!(format.children.len(), 2);
        assert_eq!(format.children[0].children[0].name, "Flaggor");
        assert_eq!(format.children[1].path, None);
        assert_eq!(s.items[4], SummaryItem::Separator);
        let names: Vec<_> = s.chapters().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Inledning", "Format", "Celler", "Flaggor", "Data", "Bilaga"]
        );
    }

    #[test]
    fn bad_lines_name_their_line() {
        let err = parse(
            "# S\n- [A](a.md)\nbara text\n- [B(b.md)\n",
            Path::new("SUMMARY.md"),
        )
        .expect_err("bad");
        assert_eq!(err.0.len(), 2);
        assert_eq!(err.0[0].line, 3);
        assert_eq!(err.0[1].line, 4);
    }

    #[test]
    fn parent_paths_are_refused() {
        let err = parse("- [A](../a.md)\n", Path::new("SUMMARY.md")).expect_err("outside");
        assert!(err.0[0].message.contains("bokens mapp"));
    }
}
