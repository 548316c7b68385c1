//! Where in the notebook an SQL error is: the server counts characters into the query text;
//! when the query is a string literal in the `sql(…)` call, that character has a line and
//! column in the cell.

/// The notebook line and column (1-based) of character `pos` (1-based) of the query, for a
/// call `sql(NAME, QUERY …)` whose `sql` starts at `line`/`col` of `code` (the item's text,
/// padded so that its lines are the notebook's). `None` when the query is not a literal.
pub fn locate(code: &str, line: usize, col: usize, pos: usize) -> Option<(usize, usize)> {
    let start = offset(code, line, col)?;
    let mut s = Scanner {
        text: code,
        at: start,
    };
    s.expect_word("sql")?;
    s.skip_space();
    s.expect('(')?;
    s.skip_space();
    s.literal(usize::MAX)?;
    s.skip_space();
    s.expect(',')?;
    s.skip_space();
    let at = s.literal(pos)?;
    Some(line_col(code, at))
}

/// The byte offset of a 1-based line and (character) column.
fn offset(text: &str, line: usize, col: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[line_start..];
    let in_line = rest
        .char_indices()
        .nth(col.checked_sub(1)?)
        .map(|(i, _)| i)?;
    Some(line_start + in_line)
}

fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count()
        + 1;
    (line, col)
}

struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    fn expect(&mut self, want: char) -> Option<()> {
        (self.bump()? == want).then_some(())
    }

    fn expect_word(&mut self, word: &str) -> Option<()> {
        self.text[self.at..].starts_with(word).then(|| {
            self.at += word.len();
        })
    }

    /// Whitespace and comments.
    fn skip_space(&mut self) {
        loop {
            let rest = &self.text[self.at..];
            if rest.starts_with("//") {
                self.at += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                self.at += rest.find("*/").map_or(rest.len(), |i| i + 2);
            } else if self.peek().is_some_and(char::is_whitespace) {
                self.bump();
            } else {
                return;
            }
        }
    }

    /// Read a string literal; returns the byte offset of its `want`th (1-based) character,
    /// or of its end when it is shorter (`usize::MAX` just skips it).
    fn literal(&mut self, want: usize) -> Option<usize> {
        let quote = self.bump()?;
        if quote != '"' && quote != '`' {
            return None;
        }
        if quote == '`' {
            // An interpolated string's characters do not match the source.
            let rest = &self.text[self.at..];
            let end = rest.find('`')?;
            if rest[..end].contains("${") {
                return None;
            }
        }
        let mut n = 0;
        loop {
            let here = self.at;
            let c = self.bump()?;
            if c == quote {
                return Some(here);
            }
            if quote == '"' && c == '\\' {
                // One escape is one character of the value (a line continuation is none).
                match self.bump()? {
                    '\n' => {
                        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
                            self.bump();
                        }
                        continue;
                    }
                    'x' => self.skip_hex(2)?,
                    'u' => self.skip_hex(4)?,
                    'U' => self.skip_hex(8)?,
                    _ => {}
                }
            }
            n += 1;
            if n == want {
                return Some(here);
            }
        }
    }

    fn skip_hex(&mut self, n: usize) -> Option<()> {
        for _ in 0..n {
            self.bump()?.is_ascii_hexdigit().then_some(())?;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_in_a_one_line_literal() {
        let code = "\n\nlet t = sql(\"lager\", \"select perod from huvudbok\");";
        // `sql` at line 3, column 9; "perod" is character 8 of the query.
        assert_eq!(locate(code, 3, 9, 8), Some((3, 30)));
    }

    #[test]
    fn a_position_in_a_multi_line_literal() {
        let code = "let t = sql(\"lager\", `select period,\n  summ(belopp)\nfrom huvudbok`);";
        let query = "select period,\n  summ(belopp)\nfrom huvudbok";
        let pos = query.find("summ").expect("in query") + 1;
        assert_eq!(locate(code, 1, 9, pos), Some((2, 3)));
    }

    #[test]
    fn escapes_count_as_one_character() {
        let code = "sql(\"lager\", \"select \\\"å\\\", x from t\")";
        // select "å", x → `x` is character 13 of the value.
        assert_eq!(locate(code, 1, 1, 13), Some((1, 29)));
    }

    #[test]
    fn a_query_in_a_variable_cannot_be_located() {
        assert_eq!(locate("sql(\"lager\", q)", 1, 1, 3), None);
        assert_eq!(locate("sql(\"lager\", `x ${y}`)", 1, 1, 1), None);
    }
}
