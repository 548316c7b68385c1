//! Finding `{{ expr }}` in prose, skipping code spans, strings inside the expression and `\{{`.

/// An inline expression found in prose (byte offsets into the scanned text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Offset of the opening `{{`.
    pub start: usize,
    /// Offset just past the closing `}}`.
    pub end: usize,
}

impl Found {
    /// The expression text between the braces.
    pub fn expr_range(&self) -> std::ops::Range<usize> {
        self.start + 2..self.end - 2
    }
}

/// What scanning a stretch of prose turned up.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub found: Vec<Found>,
    /// Offsets of `{{` that never close before the paragraph ends.
    pub unclosed: Vec<usize>,
    /// Character references outside code that Markdown turns into a placeholder character
    /// (`&#xE000;`): byte range, and whether it is the closing one. The template escapes
    /// them, so prose cannot write a placeholder that shows another item's value.
    pub references: Vec<(std::ops::Range<usize>, bool)>,
}

/// Scan `text[range]` for inline expressions.
pub fn scan(text: &str, range: std::ops::Range<usize>) -> Scan {
    let bytes = text.as_bytes();
    let mut out = Scan::default();
    let mut i = range.start;
    while i < range.end {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => i = skip_code_span(bytes, i, range.end),
            b'&' => match placeholder_reference(&bytes[i..range.end]) {
                Some((len, closing)) => {
                    out.references.push((i..i + len, closing));
                    i += len;
                }
                None => i += 1,
            },
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                match expression_end(bytes, i + 2, range.end) {
                    Some(close) => {
                        out.found.push(Found {
                            start: i,
                            end: close + 2,
                        });
                        i = close + 2;
                    }
                    None => {
                        out.unclosed.push(i);
                        i += 2;
                    }
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// A numeric character reference at the start of `bytes` that stands for U+E000 or U+E001
/// (`&#xE000;`, `&#57345;`): its length and whether it is the closing character.
fn placeholder_reference(bytes: &[u8]) -> Option<(usize, bool)> {
    let body = bytes.strip_prefix(b"&#")?;
    let (hex, digits) = match body.first() {
        Some(b'x' | b'X') => (true, &body[1..]),
        _ => (false, body),
    };
    let len = digits
        .iter()
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if !(1..=if hex { 6 } else { 7 }).contains(&len) || digits.get(len) != Some(&b';') {
        return None;
    }
    let text = std::str::from_utf8(&digits[..len]).ok()?;
    let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).ok()?;
    let closing = match char::from_u32(value)? {
        super::PLACEHOLDER_OPEN => false,
        super::PLACEHOLDER_CLOSE => true,
        _ => return None,
    };
    Some((2 + usize::from(hex) + len + 1, closing))
}

/// From a backtick run at `i`, the offset after its matching closing run, or after the
/// opening run when there is none (then the backticks are literal text).
fn skip_code_span(bytes: &[u8], i: usize, end: usize) -> usize {
    let run = count_run(bytes, i, b'`', end);
    let mut j = i + run;
    while j < end {
        if bytes[j] == b'`' {
            let closing = count_run(bytes, j, b'`', end);
            if closing == run {
                return j + closing;
            }
            j += closing;
        } else if bytes[j] == b'\n' && is_blank_line_after(bytes, j + 1, end) {
            break;
        } else {
            j += 1;
        }
    }
    i + run
}

fn count_run(bytes: &[u8], i: usize, ch: u8, end: usize) -> usize {
    bytes[i..end].iter().take_while(|&&b| b == ch).count()
}

fn is_blank_line_after(bytes: &[u8], from: usize, end: usize) -> bool {
    bytes[from..end]
        .iter()
        .take_while(|&&b| b != b'\n')
        .all(|b| b.is_ascii_whitespace())
}

/// The offset of the `}}` that closes an expression starting at `i`, if any, before the
/// paragraph ends. Braces nest (map literals) and strings may hold braces.
fn expression_end(bytes: &[u8], mut i: usize, end: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i < end {
        match bytes[i] {
            quote @ (b'"' | b'`' | b'\'') => {
                i += 1;
                while i < end && bytes[i] != quote {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if bytes[i] == b'\n' && quote != b'`' {
                        break;
                    }
                    i += 1;
                }
            }
            b'{' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b'}' if bytes.get(i + 1) == Some(&b'}') => return Some(i),
            b'\n' if is_blank_line_after(bytes, i + 1, end) => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exprs(text: &str) -> Vec<&str> {
        scan(text, 0..text.len())
            .found
            .iter()
            .map(|f| &text[f.expr_range()])
            .collect()
    }

    #[test]
    fn finds_expressions() {
        assert_eq!(
            exprs("Resultat {{ a + b }} mkr och {{c}}."),
            [" a + b ", "c"]
        );
    }

    #[test]
    fn skips_code_spans_and_escapes() {
        assert_eq!(exprs("Skriv `{{ x }}` så visas x: {{ x }}"), [" x "]);
        assert_eq!(exprs("``kod med ` och {{ y }}`` men {{ z }}"), [" z "]);
        assert_eq!(exprs(r"Ett \{{ bokstavligt }} och {{ w }}"), [" w "]);
    }

    #[test]
    fn braces_and_strings_inside() {
        assert_eq!(exprs("{{ #{a: 1}.a }}"), [" #{a: 1}.a "]);
        assert_eq!(exprs("{{#{a:1}}}"), ["#{a:1}"]);
        assert_eq!(exprs(r#"{{ "}}" + x }}"#), [r#" "}}" + x "#]);
    }

    #[test]
    fn unclosed_stops_at_paragraph_end() {
        let text = "Början {{ x + \n\nNästa stycke }}";
        let s = scan(text, 0..text.len());
        assert!(s.found.is_empty());
        // "Början " is 8 bytes (ö takes two).
        assert_eq!(s.unclosed, [8]);
    }

    #[test]
    fn may_span_lines_within_a_paragraph() {
        assert_eq!(exprs("{{ a +\n b }}"), [" a +\n b "]);
    }

    #[test]
    fn references_to_placeholder_characters_outside_code() {
        let text = "a &#xE000; b &#57345; `&#xE000;` &#xe001x; &#x41; &#0057344;";
        let refs: Vec<_> = scan(text, 0..text.len())
            .references
            .iter()
            .map(|(r, closing)| (&text[r.clone()], *closing))
            .collect();
        assert_eq!(
            refs,
            [
                ("&#xE000;", false),
                ("&#57345;", true),
                ("&#0057344;", false)
            ]
        );
    }

    #[test]
    fn unmatched_backtick_is_literal() {
        assert_eq!(exprs("en ` ensam och {{ v }}"), [" v "]);
    }
}
