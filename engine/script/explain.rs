//! Errors that teach: an unknown name explained from what the notebook and the built-ins
//! do define (a `fn` that cannot see cell variables, the nearest function with its
//! signature, how many arguments a function takes), and the names a cell defines.

use std::sync::OnceLock;

use rhai::AST;

use super::error::{LET_HINT, ScriptError, Unknown, type_word};
use super::state::State;

/// A function scripts can call, as the reference writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signature {
    name: String,
    /// `x: decimaltal`, or just the type when the parameter has no name.
    params: Vec<String>,
}

impl Signature {
    fn shown(&self) -> String {
        format!("{}({})", self.name, self.params.join(", "))
    }
}

/// Every built-in function's signature (read once from the reference metadata).
fn builtins() -> &'static [Signature] {
    static BUILTINS: OnceLock<Vec<Signature>> = OnceLock::new();
    BUILTINS.get_or_init(|| {
        let engine = super::builtin_engine();
        let mut out: Vec<Signature> = Vec::new();
        for f in crate::plugins::doc::registered(&engine) {
            if f.name.contains('$') {
                continue; // getters and indexers
            }
            let sig = Signature {
                name: f.name,
                params: f.params,
            };
            if !out.contains(&sig) {
                out.push(sig);
            }
        }
        out.sort_by(|a, b| {
            a.name
                .cmp(&b.name)
                .then(a.params.len().cmp(&b.params.len()))
        });
        out
    })
}

/// The notebook's own functions so far.
fn script_functions(functions: &AST) -> Vec<Signature> {
    functions
        .iter_functions()
        .map(|f| Signature {
            name: f.name.to_string(),
            params: f.params.iter().map(|p| p.to_string()).collect(),
        })
        .collect()
}

/// Edit distance between two names (in characters).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The known name nearest to `name`, if one is near enough to be a typo.
fn nearest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    names
        .filter(|n| *n != name)
        .map(|n| (distance(name, n), n))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, n)| n)
}

fn words(args: &[String]) -> String {
    args.iter()
        .map(|a| type_word(a))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Message and hint for a call of a function that does not exist in this form: how many
/// arguments it takes, what types, or the nearest known name with its signature.
pub fn missing_function(unknown: &Unknown, script: &[Signature]) -> (String, String) {
    let Unknown::Function(name, args) = unknown else {
        return (
            format!("okänd funktion `{}`", unknown.name()),
            String::new(),
        );
    };
    let all = || script.iter().chain(builtins());
    let same: Vec<&Signature> = all().filter(|s| s.name == *name).collect();
    let listed = |sigs: &[&Signature]| {
        sigs.iter()
            .map(|s| format!("`{}`", s.shown()))
            .collect::<Vec<_>>()
            .join(" eller ")
    };
    if !same.is_empty() {
        let mut counts: Vec<usize> = same.iter().map(|s| s.params.len()).collect();
        counts.sort_unstable();
        counts.dedup();
        if !counts.contains(&args.len()) {
            let takes = counts
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" eller ");
            return (
                format!("`{name}` tar {takes} argument, men fick {}", args.len()),
                format!("så här anropas den: {}", listed(&same)),
            );
        }
        let fitting: Vec<&Signature> = same
            .iter()
            .copied()
            .filter(|s| s.params.len() == args.len())
            .collect();
        let given = words(args);
        let wants_decimal = fitting
            .iter()
            .any(|s| s.params.iter().any(|p| p.contains("decimaltal")));
        let tip = if given.contains("heltal") && wants_decimal {
            ". Ett heltal blir ett decimaltal med `decimal(x)`"
        } else {
            ""
        };
        return (
            format!("`{name}` kan inte ta argument av typ ({given})"),
            format!("så här anropas den: {}{tip}", listed(&fitting)),
        );
    }
    let message = if args.is_empty() {
        format!("okänd funktion `{name}()`")
    } else {
        format!(
            "okänd funktion `{name}` för argument av typ ({})",
            words(args)
        )
    };
    let hint = match nearest(name, all().map(|s| s.name.as_str())) {
        Some(near) => {
            let sigs: Vec<&Signature> = all().filter(|s| s.name == near).collect();
            format!("menade du {}?", listed(&sigs))
        }
        None => "kontrollera stavningen; Referens › Inbyggda funktioner listar alla \
                 inbyggda funktioner"
            .to_string(),
    };
    (message, hint)
}

/// What a declaration at a cell's top level defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    Variable,
    Function,
}

/// The names a cell defines at its top level (`let`, `const`, `fn`), with the line (0-based
/// within the code) of each. Strings and comments are skipped; names inside blocks are not
/// the cell's.
pub fn declarations(code: &str) -> Vec<(String, usize, Declared)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut line = 0usize;
    let mut i = 0;
    let mut pending: Option<Declared> = None;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
            continue;
        }
        if c == '"' || c == '`' || c == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != c {
                line += usize::from(chars[i] == '\n');
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            continue;
        }
        if c == '{' || c == '(' || c == '[' {
            depth += 1;
        } else if c == '}' || c == ')' || c == ']' {
            depth = depth.saturating_sub(1);
        }
        if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let before = start.checked_sub(1).map(|p| chars[p]);
            if let Some(kind) = pending.take() {
                out.push((word, line, kind));
            } else if depth == 0 && before != Some('.') {
                pending = match word.as_str() {
                    "let" | "const" => Some(Declared::Variable),
                    "fn" => Some(Declared::Function),
                    _ => None,
                };
            }
            continue;
        }
        if !c.is_whitespace() {
            pending = None;
        }
        i += 1;
    }
    out
}

/// An error explained from what the notebook defines: `code` is the item's source, whose
/// first line is notebook line `first_line`; `state` holds what the items above defined.
pub fn in_context(mut e: ScriptError, state: &State, code: &str, first_line: usize) -> ScriptError {
    match e.unknown.clone() {
        Some(Unknown::Variable(name)) => {
            let Some(function) = enclosing_fn(code, e.line.saturating_sub(first_line)) else {
                // A typo of a variable that exists?
                if let Some(near) = nearest(&name, state.names()) {
                    e.hint = Some(format!("menade du `{near}`?"));
                }
                return e;
            };
            let known_here = state.knows(&name)
                || declarations(code)
                    .iter()
                    .any(|(n, _, k)| *n == name && *k == Declared::Variable);
            if known_here {
                e.message = format!(
                    "funktionen `{function}` kan inte se variabeln `{name}`: en `fn` ser inte \
                     variablerna i cellerna, bara sina argument"
                );
                e.hint = Some(format!(
                    "skicka värdet som argument: `fn {function}(…, {name}) {{ … }}` och \
                     `{function}(…, {name})`; eller skriv funktionen som en closure, \
                     `let {function} = |x| … {name} …;`, som ser variablerna där den skapas"
                ));
            } else if e.hint.as_deref() == Some(LET_HINT) {
                e.hint = Some(format!(
                    "`{name}` finns inte i funktionen `{function}`: skapa den med `let` i \
                     funktionen eller skicka den som argument"
                ));
            }
            e
        }
        Some(unknown @ Unknown::Function(..)) => {
            let script = script_functions(&state.functions);
            let (message, hint) = missing_function(&unknown, &script);
            e.message = match e.message.split_once(": ") {
                // Keep "i funktionen `f`: " in front when the call was inside one.
                Some((lead, _)) if lead.starts_with("i funktionen") => {
                    format!("{lead}: {message}")
                }
                _ => message,
            };
            e.hint = Some(hint);
            e
        }
        None => e,
    }
}

/// The `fn` whose body holds `line` (0-based within `code`), if any.
fn enclosing_fn(code: &str, line: usize) -> Option<String> {
    let fns: Vec<(String, usize)> = declarations(code)
        .into_iter()
        .filter(|(_, l, k)| *k == Declared::Function && *l <= line)
        .map(|(n, l, _)| (n, l))
        .collect();
    let (name, start) = fns.last()?.clone();
    // The body ends where the braces opened after the `fn` line close again.
    let mut depth = 0i64;
    let mut opened = false;
    for (i, text) in code.lines().enumerate().skip(start) {
        for c in text.chars() {
            match c {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        if i >= line {
            return Some(name);
        }
        if opened && depth <= 0 {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_at_the_top_level() {
        let code = "let a = 1;\nconst B = \"let x\";\nfn f(y) {\n  let inner = 2;\n}\n// let c\nlet årsbudget = t.let_me;";
        let names: Vec<(String, usize, Declared)> = declarations(code);
        assert_eq!(
            names,
            vec![
                ("a".to_string(), 0, Declared::Variable),
                ("B".to_string(), 1, Declared::Variable),
                ("f".to_string(), 2, Declared::Function),
                ("årsbudget".to_string(), 6, Declared::Variable),
            ]
        );
    }

    #[test]
    fn nearest_names() {
        assert_eq!(distance("omr_varde", "omr_värde"), 1);
        let names = ["okning_minskning", "procentenheter", "fmt"];
        assert_eq!(
            nearest("okning_minskn", names.iter().copied()),
            Some("okning_minskning")
        );
        assert_eq!(nearest("helt_annat", names.iter().copied()), None);
    }

    #[test]
    fn the_fn_around_a_line() {
        let code = "let omr = 1;\nfn f(x) {\n  x + omr\n}\nf(2)";
        assert_eq!(enclosing_fn(code, 2), Some("f".to_string()));
        assert_eq!(enclosing_fn(code, 4), None);
        assert_eq!(enclosing_fn(code, 0), None);
    }
}
