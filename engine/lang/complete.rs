//! Completion: what may be written at the cursor, from the place it is in (code, a string
//! argument, an options map) and what the book and the cells above define.

use super::lex::{Token, lex, trailing_word};
use super::names::Names;
use super::{Completion, Completions, Position, Service, before_col, line_of};
use crate::notebook::{Item, parse};

/// Rhai's keywords, offered in code like any name.
const KEYWORDS: [&str; 16] = [
    "let", "const", "fn", "if", "else", "for", "in", "while", "loop", "return", "import", "as",
    "true", "false", "break", "continue",
];

/// The built-ins that read a data file named by their first argument.
const READERS: [&str; 3] = ["read_csv", "read_xlsx", "read_text"];

/// The code of the item the cursor is in, from the item's start to the cursor, and the
/// notebook line the item starts on; `None` in prose.
pub fn code_before(text: &str, at: Position) -> Option<(String, usize)> {
    let nb = parse(std::path::Path::new("notebook.md"), text);
    for item in &nb.items {
        match item {
            Item::Cell(c) => {
                let lines = c.code.lines().count().max(1);
                if at.line >= c.line && at.line < c.line + lines {
                    let mut code = String::new();
                    for l in c.line..at.line {
                        code.push_str(line_of(text, l));
                        code.push('\n');
                    }
                    code.push_str(before_col(line_of(text, at.line), at.col));
                    return Some((code, c.line));
                }
            }
            Item::Inline(e) => {
                let len = e.source.chars().count();
                if e.line == at.line && at.col >= e.col && at.col <= e.col + len {
                    let code: String = e.source.chars().take(at.col - e.col).collect();
                    return Some((code, e.line));
                }
            }
        }
    }
    // `{{ jam` being typed: not yet an inline expression, as it has no `}}`.
    let line = before_col(line_of(text, at.line), at.col);
    let open = line.rfind("{{")?;
    (!line[open..].contains("}}") && !line[..open].ends_with('\\'))
        .then(|| (line[open + 2..].to_string(), at.line))
}

/// What the cells above `line` (and the code before the cursor) define.
pub fn names_above(text: &str, line: usize, current: &str) -> Names {
    let nb = parse(std::path::Path::new("notebook.md"), text);
    let mut names = Names::default();
    for item in &nb.items {
        if let Item::Cell(c) = item
            && c.line < line
        {
            names.scan(&c.code);
        }
    }
    names.scan(current);
    names
}

pub fn complete(service: &Service, text: &str, at: Position) -> Completions {
    let empty = Completions {
        from: at,
        items: Vec::new(),
    };
    let Some((code, start)) = code_before(text, at) else {
        return empty;
    };
    let names = names_above(text, start, &code);
    let tokens = lex(&code);

    // Inside a string: a data file, or a column.
    if let Some(Token::Str {
        text: prefix,
        closed: false,
    }) = tokens.last()
    {
        let from = Position {
            line: at.line,
            col: at.col - prefix.chars().count(),
        };
        let n = tokens.len();
        let before = |k: usize| n.checked_sub(k).and_then(|i| tokens.get(i));
        let items = match (before(2), before(3)) {
            (Some(Token::Punct("(")), Some(Token::Ident(f))) if READERS.contains(&f.as_str()) => {
                files(service, prefix)
            }
            (Some(Token::Punct("[")), Some(Token::Ident(var))) => {
                columns(service, &names, Some(var), prefix)
            }
            _ => columns(service, &names, statement_table(&tokens, &names), prefix),
        };
        return Completions { from, items };
    }

    let word = trailing_word(&code);
    let from = Position {
        line: at.line,
        col: at.col - word.chars().count(),
    };
    // Tokens before the word being typed.
    let mut head = tokens.as_slice();
    if !word.is_empty()
        && let Some((Token::Ident(_), rest)) = head.split_last()
    {
        head = rest;
    }
    // `alias::` of an imported plugin.
    if let [.., Token::Ident(alias), Token::Punct("::")] = head {
        let items = names
            .imports
            .iter()
            .filter(|(_, a)| a == alias)
            .filter_map(|(p, _)| service.catalog.plugins.get(p))
            .flatten()
            .filter(|f| matches(&f.name, word))
            .map(|f| function_item(&f.name, f))
            .collect();
        return Completions { from, items };
    }
    // A key of an options map: `f(t, #{ per: "enhet", |`.
    if let Some(f) = options_owner(head) {
        let function = service.catalog.lookup(&f, &names.imports);
        if let Some(function) = function.filter(|f| !f.options.is_empty()) {
            let items = function
                .options
                .iter()
                .filter(|k| matches(k.name, word))
                .map(|k| Completion {
                    label: k.name.to_string(),
                    kind: "property",
                    detail: format!("val till {f}"),
                    info: k.about.to_string(),
                })
                .collect();
            return Completions { from, items };
        }
    }
    let method = matches!(head.last(), Some(Token::Punct(".")));
    let mut items: Vec<Completion> = Vec::new();
    if !method {
        for v in names.variables.iter().rev() {
            if matches(v, word) {
                let detail = match names.tables.iter().find(|(t, _)| t == v) {
                    Some((_, file)) => format!("tabell från {file}"),
                    None => "variabel i en cell ovanför".into(),
                };
                items.push(Completion {
                    label: v.clone(),
                    kind: "variable",
                    detail,
                    info: String::new(),
                });
            }
        }
        if matches("params", word) {
            items.push(Completion {
                label: "params".into(),
                kind: "variable",
                detail: "bokens och notebookens parametrar".into(),
                info: String::new(),
            });
        }
        for (f, params) in &names.functions {
            if matches(f, word) {
                items.push(Completion {
                    label: f.clone(),
                    kind: "function",
                    detail: format!("{f}({params})"),
                    info: "definierad i en cell ovanför".into(),
                });
            }
        }
        for (plugin, alias) in &names.imports {
            if let Some(fs) = service.catalog.plugins.get(plugin) {
                for f in fs {
                    let label = format!("{alias}::{}", f.name);
                    if matches(&label, word) || matches(&f.name, word) {
                        items.push(function_item(&label, f));
                    }
                }
            }
        }
    }
    for (name, f) in &service.catalog.builtins {
        if matches(name, word) {
            items.push(function_item(name, f));
        }
    }
    if !method {
        for k in KEYWORDS {
            if matches(k, word) && !word.is_empty() {
                items.push(Completion {
                    label: k.into(),
                    kind: "keyword",
                    detail: "nyckelord".into(),
                    info: String::new(),
                });
            }
        }
    }
    Completions { from, items }
}

fn matches(name: &str, word: &str) -> bool {
    name.to_lowercase().starts_with(&word.to_lowercase())
}

fn function_item(label: &str, f: &super::Function) -> Completion {
    Completion {
        label: label.to_string(),
        kind: "function",
        detail: f
            .overloads
            .first()
            .map(|(s, _)| s.clone())
            .unwrap_or_default(),
        info: f.reference(),
    }
}

fn files(service: &Service, prefix: &str) -> Vec<Completion> {
    super::datafiles::list(service.data_dir())
        .into_iter()
        .filter(|f| matches(f, prefix))
        .map(|f| Completion {
            label: f,
            kind: "file",
            detail: "datafil".into(),
            info: String::new(),
        })
        .collect()
}

/// Columns of the table in `var` when it was read from a file, else of every table the
/// cells above read.
fn columns(
    service: &Service,
    names: &Names,
    var: Option<&String>,
    prefix: &str,
) -> Vec<Completion> {
    let known: Vec<&(String, String)> = match var {
        Some(v) if names.tables.iter().any(|(t, _)| t == v) => {
            names.tables.iter().filter(|(t, _)| t == v).collect()
        }
        _ => names.tables.iter().collect(),
    };
    let mut items: Vec<Completion> = Vec::new();
    for (_, file) in known {
        for (col, ty) in service.columns_of(file) {
            if matches(&col, prefix) && !items.iter().any(|c| c.label == col) {
                items.push(Completion {
                    label: col,
                    kind: "column",
                    detail: format!("{ty}, kolumn i {file}"),
                    info: String::new(),
                });
            }
        }
    }
    items
}

/// The first table variable named in the statement being typed (`bar_chart(t, #{x: "`).
fn statement_table<'a>(tokens: &'a [Token], names: &Names) -> Option<&'a String> {
    let start = tokens
        .iter()
        .rposition(|t| *t == Token::Punct(";"))
        .map_or(0, |i| i + 1);
    tokens[start..].iter().find_map(|t| match t {
        Token::Ident(v) if names.tables.iter().any(|(n, _)| n == v) => Some(v),
        _ => None,
    })
}

/// When the cursor is at a key of an options map `#{ … }` passed to a call, the called
/// function's name (`ekonomi::x` for a plugin's).
fn options_owner(tokens: &[Token]) -> Option<String> {
    if !matches!(tokens.last(), Some(Token::Punct("#{" | ","))) {
        return None;
    }
    let mut depth = 0usize;
    let mut in_map = false;
    for (i, t) in tokens.iter().enumerate().rev() {
        match t {
            Token::Punct(")" | "]" | "}") => depth += 1,
            Token::Punct("(" | "[" | "{" | "#{") if depth > 0 => depth -= 1,
            Token::Punct("#{") if !in_map => in_map = true,
            Token::Punct("(") if in_map => {
                let name = match (
                    i.checked_sub(1).map(|k| &tokens[k]),
                    i.checked_sub(3).map(|k| &tokens[k]),
                ) {
                    (Some(Token::Ident(f)), Some(Token::Ident(alias)))
                        if i >= 2 && tokens[i - 2] == Token::Punct("::") =>
                    {
                        format!("{alias}::{f}")
                    }
                    (Some(Token::Ident(f)), _) => f.clone(),
                    _ => return None,
                };
                return Some(name);
            }
            Token::Punct("(" | "[" | "{") => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A language service for an empty book.
    fn service() -> (tempfile::TempDir, Service) {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("notebooks")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("data")).expect("mkdir");
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"T\"\n").expect("toml");
        std::fs::write(dir.path().join("notebooks/SUMMARY.md"), "# Innehåll\n").expect("summary");
        let book = crate::book::Book::load(dir.path()).expect("book");
        let service = Service::new(book, Default::default(), Vec::new());
        (dir, service)
    }

    #[test]
    fn a_built_ins_option_keys_offered_are_exactly_the_keys_it_accepts() {
        let (_dir, service) = service();
        let call = "resultatrakning(t, \"2024-02\", #{";
        let text = format!("# R\n\n```rhai\n{call}\n```\n");
        let at = Position {
            line: 4,
            col: call.chars().count() + 1,
        };
        let offered = service.complete(&text, at).items;
        let keys: Vec<&str> = offered.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            keys,
            [
                "konton",
                "kolumner",
                "rader",
                "visa",
                "procent_rader",
                "format"
            ]
        );
        assert!(
            offered
                .iter()
                .all(|c| c.kind == "property" && !c.info.is_empty())
        );
        // The same list is what a call is checked against: an unknown key names them all.
        let engine = crate::script::builtin_engine();
        let mut scope = rhai::Scope::new();
        scope.push(
            "t",
            crate::domain::testdata::ledger(&[("2024-02", "A", "Löner", "utfall", -1)]),
        );
        let err = engine
            .eval_with_scope::<rhai::Dynamic>(&mut scope, &format!("{call} konto: 1 }})"))
            .expect_err("an unknown key");
        let listed: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        assert!(
            err.to_string().contains(&format!(
                "okänt val `konto`; giltiga val är {}",
                listed.join(", ")
            )),
            "{err}"
        );
        // A key being typed narrows the list.
        let typed = format!("{call} pro");
        let text = format!("# R\n\n```rhai\n{typed}\n```\n");
        let at = Position {
            line: 4,
            col: typed.chars().count() + 1,
        };
        let offered = service.complete(&text, at).items;
        assert_eq!(offered.len(), 1);
        assert_eq!(offered[0].label, "procent_rader");
    }

    #[test]
    fn the_item_under_the_cursor() {
        let text = "# R\n\n```rhai\nlet a = 1;\nlet b = jam\n```\n\nText {{ a + b }} och {{ fm";
        assert_eq!(
            code_before(text, Position { line: 5, col: 12 }),
            Some(("let a = 1;\nlet b = jam".into(), 4))
        );
        assert_eq!(code_before(text, Position { line: 1, col: 3 }), None);
        assert_eq!(
            code_before(text, Position { line: 8, col: 12 }),
            Some((" a +".into(), 8))
        );
        assert_eq!(
            code_before(text, Position { line: 8, col: 27 }),
            Some((" fm".into(), 8))
        );
    }

    #[test]
    fn options_belong_to_the_call_the_map_is_passed_to() {
        assert_eq!(
            options_owner(&lex("jamforelse(t, \"2024-02\", #{")),
            Some("jamforelse".into())
        );
        assert_eq!(
            options_owner(&lex("bar_chart(t, #{ x: \"a\", y: f(1, 2),")),
            Some("bar_chart".into())
        );
        assert_eq!(options_owner(&lex("let m = #{")), None);
        assert_eq!(options_owner(&lex("f(a,")), None);
        assert_eq!(
            options_owner(&lex("hsf::mal(t, #{")),
            Some("hsf::mal".into())
        );
    }
}
