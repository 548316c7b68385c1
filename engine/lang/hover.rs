//! Hover: the reference entry of the function under the cursor.

use super::complete::{code_before, names_above};
use super::{Hover, Position, Service, line_of};

/// The word (`name` or `alias::name`) around column `col` of `line`, with its columns.
pub fn word_at(line: &str, col: usize) -> Option<(String, usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let at = col.saturating_sub(1).min(chars.len());
    let mut start = at;
    while start > 0 && is_word(chars[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < chars.len() && is_word(chars[end]) {
        end += 1;
    }
    let word: String = chars[start..end].iter().collect();
    let word = word.trim_matches(':').to_string();
    (!word.is_empty()).then_some((word, start + 1, end + 1))
}

pub fn function(service: &Service, text: &str, at: Position) -> Option<Hover> {
    let (_, start) = code_before(text, at)?;
    let (word, from, to) = word_at(line_of(text, at.line), at.col)?;
    let names = names_above(text, start, "");
    let f = service.catalog.lookup(&word, &names.imports)?;
    Some(Hover {
        from: Position {
            line: at.line,
            col: from,
        },
        to: Position {
            line: at.line,
            col: to,
        },
        text: f.reference(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_plugin_paths() {
        assert_eq!(
            word_at("let x = hsf::mal(t);", 14),
            Some(("hsf::mal".into(), 9, 17))
        );
        assert_eq!(
            word_at("jamforelse(t)", 1),
            Some(("jamforelse".into(), 1, 11))
        );
        assert_eq!(word_at("a + b", 2), Some(("a".into(), 1, 2)));
        assert_eq!(word_at("   ", 2), None);
    }
}
