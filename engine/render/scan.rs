//! A small HTML tokenizer for the pages rapportbok writes: start and end tags with their
//! attributes, and text. Comments, doctypes, and `<style>`/`<script>` contents are skipped.

/// One piece of a page, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Start {
        /// Lowercase tag name.
        name: String,
        /// (lowercase name, value with `&amp;`-style entities left as written).
        attrs: Vec<(String, String)>,
        line: usize,
    },
    End {
        name: String,
    },
    Text(String),
}

impl Token {
    /// The value of attribute `name` on a start tag.
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Token::Start { attrs, .. } => attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

/// Split `html` into tokens.
pub fn tokens(html: &str) -> Vec<Token> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    // Lines are counted as the scan moves on, not from the start for every tag.
    let (mut line, mut counted) = (1usize, 0usize);
    let mut line_at = |pos: usize| {
        line += bytes[counted..pos].iter().filter(|b| **b == b'\n').count();
        counted = pos;
        line
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        // Not a tag: `<` followed by something that cannot start one is text.
        let next = rest.as_bytes().get(1).copied().unwrap_or(b' ');
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            i += 1;
            continue;
        }
        if i > text_start {
            out.push(Token::Text(html[text_start..i].to_string()));
        }
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            text_start = i;
            continue;
        }
        if next == b'!' || next == b'?' {
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            text_start = i;
            continue;
        }
        let (token, len) = tag(rest, line_at(i));
        i += len;
        text_start = i;
        // Raw text elements: skip to their end tag.
        if let Token::Start { name, .. } = &token {
            if name == "style" || name == "script" {
                let close = format!("</{name}");
                let end = bytes[i..]
                    .windows(close.len())
                    .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                    .unwrap_or(bytes.len() - i);
                i += end;
                text_start = i;
            }
        }
        out.push(token);
    }
    if text_start < bytes.len() {
        out.push(Token::Text(html[text_start..].to_string()));
    }
    out
}

/// One tag at the start of `s` (which begins with `<`): the token and its length in bytes.
fn tag(s: &str, line: usize) -> (Token, usize) {
    let b = s.as_bytes();
    let closing = b.get(1) == Some(&b'/');
    let mut i = if closing { 2 } else { 1 };
    let name_start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        let a_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let a_name = s[a_start..i].to_ascii_lowercase();
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let v_start = i + 1;
                    let end = s[v_start..]
                        .find(q as char)
                        .map_or(s.len(), |e| v_start + e);
                    value = s[v_start..end].to_string();
                    i = (end + 1).min(s.len());
                }
                _ => {
                    let v_start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = s[v_start..i].to_string();
                }
            }
        }
        if a_name.is_empty() {
            i += 1;
        } else {
            attrs.push((a_name, value));
        }
    }
    let token = if closing {
        Token::End { name }
    } else {
        Token::Start { name, attrs, line }
    };
    (token, i)
}

/// Text with tags' entities decoded enough to judge it (`&amp;`, `&nbsp;`, numeric).
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_tags_attributes_and_text() {
        let t = tokens(
            "<!DOCTYPE html>\n<html lang=\"sv\"><!-- x <a> --><p class='a b' hidden>Hej &amp; <b>då</b></p>",
        );
        assert_eq!(
            t[0],
            Token::Text("\n".into()),
            "the doctype is skipped, the newline kept"
        );
        assert_eq!(t[1].attr("lang"), Some("sv"));
        assert_eq!(t[2].attr("class"), Some("a b"));
        assert_eq!(t[2].attr("hidden"), Some(""));
        assert_eq!(t[3], Token::Text("Hej &amp; ".into()));
        assert!(matches!(&t[4], Token::Start { name, .. } if name == "b"));
        assert_eq!(t[6], Token::End { name: "b".into() });
        assert_eq!(t[7], Token::End { name: "p".into() });
        assert_eq!(t.len(), 8);
    }

    #[test]
    fn skips_style_and_script_contents_and_counts_lines() {
        let t = tokens("<style>\na > b { x: \"<h1>\" }</style>\n<h2 id=x>T</h2>");
        let starts: Vec<_> = t
            .iter()
            .filter_map(|t| match t {
                Token::Start { name, line, .. } => Some((name.as_str(), *line)),
                _ => None,
            })
            .collect();
        assert_eq!(starts, vec![("style", 1), ("h2", 3)]);
        assert_eq!(t[3].attr("id"), Some("x"));
    }

    #[test]
    fn a_lone_less_than_is_text() {
        let t = tokens("<p>1 < 2</p>");
        assert_eq!(t[1], Token::Text("1 < 2".into()));
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode("a&amp;b&nbsp;&#8722;&#x41;&bogus; &"),
            "a&b\u{a0}\u{2212}A&bogus; &"
        );
    }
}
