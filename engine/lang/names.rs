//! What the cells above the cursor define: variables, constants, `fn`s, imports, and the
//! tables read straight from data files (`let t = read_csv("huvudbok.csv")`).

use super::lex::{Token, lex};

/// Definitions found in code, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// `let`/`const` names, each once, last definition kept.
    pub variables: Vec<String>,
    /// `fn name(params)`: name and parameter list.
    pub functions: Vec<(String, String)>,
    /// `import "plugin" as alias;`: (plugin, alias).
    pub imports: Vec<(String, String)>,
    /// `let t = read_csv("file")` / `read_xlsx("file", …)`: (variable, data file).
    pub tables: Vec<(String, String)>,
}

impl Names {
    /// Add what `code` defines.
    pub fn scan(&mut self, code: &str) {
        let tokens = lex(code);
        for (i, tok) in tokens.iter().enumerate() {
            let next = |k: usize| tokens.get(i + k);
            match tok {
                Token::Ident(kw) if kw == "let" || kw == "const" => {
                    if let Some(Token::Ident(name)) = next(1) {
                        self.variables.retain(|v| v != name);
                        self.variables.push(name.clone());
                        self.tables.retain(|(v, _)| v != name);
                        if let (
                            Some(Token::Punct("=")),
                            Some(Token::Ident(f)),
                            Some(Token::Punct("(")),
                            Some(Token::Str { text, closed: true }),
                        ) = (next(2), next(3), next(4), next(5))
                            && (f == "read_csv" || f == "read_xlsx")
                        {
                            self.tables.push((name.clone(), text.clone()));
                        }
                    }
                }
                Token::Ident(kw) if kw == "fn" => {
                    if let (Some(Token::Ident(name)), Some(Token::Punct("("))) = (next(1), next(2))
                    {
                        let params: Vec<&str> = tokens[i + 3..]
                            .iter()
                            .take_while(|t| **t != Token::Punct(")"))
                            .filter_map(|t| match t {
                                Token::Ident(p) => Some(p.as_str()),
                                _ => None,
                            })
                            .collect();
                        self.functions.retain(|(f, _)| f != name);
                        self.functions.push((name.clone(), params.join(", ")));
                    }
                }
                Token::Ident(kw) if kw == "import" => {
                    if let (
                        Some(Token::Str { text, .. }),
                        Some(Token::Ident(as_)),
                        Some(Token::Ident(alias)),
                    ) = (next(1), next(2), next(3))
                        && as_ == "as"
                    {
                        let plugin = text.split('/').next().unwrap_or(text).to_string();
                        self.imports.push((plugin, alias.clone()));
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lets_fns_imports_and_tables_from_files() {
        let mut n = Names::default();
        n.scan(
            "import \"hsf-indikatorer\" as hsf;\nlet t = read_csv(\"huvudbok.csv\");\nconst MAL = 5;\nfn andel(a, b) { a / b }\nlet x = t.len();\nlet t2 = t;",
        );
        assert_eq!(n.variables, ["t", "MAL", "x", "t2"]);
        assert_eq!(n.functions, [("andel".to_string(), "a, b".to_string())]);
        assert_eq!(
            n.imports,
            [("hsf-indikatorer".to_string(), "hsf".to_string())]
        );
        assert_eq!(n.tables, [("t".to_string(), "huvudbok.csv".to_string())]);
    }
}
