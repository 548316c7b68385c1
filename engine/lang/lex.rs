//! A forgiving lexer for Rhai code being typed: identifiers, strings and punctuation, with
//! comments skipped and an unterminated string at the end kept (that is where the cursor is).

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// An identifier or keyword (`let`, `t`, `jamforelse`).
    Ident(String),
    /// A string literal's content; `closed` is false for one still being typed.
    Str { text: String, closed: bool },
    /// A number literal.
    Number,
    /// Punctuation; `#{` and `::` are one token each.
    Punct(&'static str),
}

const PUNCTS: [&str; 18] = [
    "#{", "::", "(", ")", "[", "]", "{", "}", ",", ";", ".", ":", "=", "+", "-", "*", "/", "!",
];

/// Split `code` into tokens. Never fails: unknown characters are skipped.
pub fn lex(code: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '"' || c == '`' {
            let quote = c;
            let mut text = String::new();
            i += 1;
            let mut closed = false;
            while i < chars.len() {
                match chars[i] {
                    '\\' if quote == '"' => {
                        if let Some(&n) = chars.get(i + 1) {
                            text.push(n);
                        }
                        i += 2;
                    }
                    ch if ch == quote => {
                        closed = true;
                        i += 1;
                        break;
                    }
                    ch => {
                        text.push(ch);
                        i += 1;
                    }
                }
            }
            tokens.push(Token::Str { text, closed });
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '_')
            {
                i += 1;
            }
            tokens.push(Token::Number);
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if let Some(p) = PUNCTS.iter().find(|p| p.len() == 2 && **p == two) {
                tokens.push(Token::Punct(p));
                i += 2;
            } else if let Some(p) = PUNCTS.iter().find(|p| p.len() == 1 && p.starts_with(c)) {
                tokens.push(Token::Punct(p));
                i += 1;
            } else {
                i += 1;
            }
        }
    }
    tokens
}

/// The identifier ending at the end of `text` (what is being typed), possibly empty.
pub fn trailing_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_comments_and_an_open_string_at_the_end() {
        let t = lex("let t = read_csv(\"a.csv\"); // x\nt[\"Bel");
        assert_eq!(t[0], Token::Ident("let".into()));
        assert_eq!(
            t[5],
            Token::Str {
                text: "a.csv".into(),
                closed: true
            }
        );
        assert_eq!(
            t.last(),
            Some(&Token::Str {
                text: "Bel".into(),
                closed: false
            })
        );
        assert_eq!(lex("#{ per: 1 }")[0], Token::Punct("#{"));
        assert_eq!(trailing_word("x = jamf"), "jamf");
        assert_eq!(trailing_word("x = "), "");
        assert_eq!(trailing_word("år"), "år");
    }
}
