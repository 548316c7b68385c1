//! Script errors in the writer's terms: a Swedish message at a notebook line and column.
//!
//! This is the one place where Rhai's positions become notebook positions: cells are
//! compiled padded with newlines (see `run.rs`), so Rhai's line is the notebook's line
//! and only a cell's indentation needs adding to the column.

use rhai::{EvalAltResult, ParseError, ParseErrorType, Position};

use crate::config::Limits;

/// A failed cell or inline expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    /// Notebook line and column; 0 when unknown.
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The name the script used that does not exist, when that is the error.
    pub unknown: Option<Unknown>,
    /// Set when this error only follows from an earlier one ("följdfel"): a name this item
    /// uses would have been defined by an item above that failed.
    pub root: Option<Box<Root>>,
}

/// A name a script used that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unknown {
    Variable(String),
    /// A function, with the types of the arguments it was called with (as Rhai names them).
    Function(String, Vec<String>),
}

impl Unknown {
    pub fn name(&self) -> &str {
        match self {
            Unknown::Variable(n) | Unknown::Function(n, _) => n,
        }
    }
}

/// The first error that a consequence follows from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The name the root's item would have defined and this item uses.
    pub name: String,
}

impl ScriptError {
    pub fn new(line: usize, col: usize, message: impl Into<String>) -> Self {
        ScriptError {
            line,
            col,
            message: message.into(),
            hint: None,
            unknown: None,
            root: None,
        }
    }

    fn at(pos: Position, message: String) -> Self {
        ScriptError::new(
            pos.line().unwrap_or(0),
            pos.position().unwrap_or(0),
            message,
        )
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn unknown(mut self, unknown: Unknown) -> Self {
        self.unknown = Some(unknown);
        self
    }
}

/// The hint for a variable that does not exist where it is used.
pub(crate) const LET_HINT: &str =
    "variabler måste skapas med `let` i en cell ovanför innan de används";

/// A syntax error.
pub fn from_parse(err: &ParseError) -> ScriptError {
    let ParseError(kind, pos) = err;
    let message = parse_message(kind);
    let e = ScriptError::at(*pos, message);
    match kind.as_ref() {
        ParseErrorType::VariableUndefined(name) => e
            .hint(LET_HINT)
            .unknown(Unknown::Variable(name.to_string())),
        _ => e,
    }
}

fn parse_message(kind: &ParseErrorType) -> String {
    use ParseErrorType as P;
    match kind {
        P::UnexpectedEOF => {
            "koden tar slut för tidigt (saknas en parentes eller ett semikolon?)".into()
        }
        P::MissingToken(token, what) => format!("`{token}` saknas {}", swedish_what(what)),
        P::MissingSymbol(s) => format!("`{s}` saknas"),
        P::UnknownOperator(op) => format!("okänd operator `{op}`"),
        P::VariableUndefined(name) => format!("okänd variabel `{name}`"),
        P::VariableExpected => "ett variabelnamn väntades här".into(),
        P::ExprExpected(what) => format!("ett uttryck väntades ({what})"),
        P::AssignmentToConstant(name) if name.is_empty() => "en konstant kan inte ändras".into(),
        P::AssignmentToConstant(name) => format!("`{name}` är en konstant och kan inte ändras"),
        P::Reserved(word) => format!("`{word}` är ett reserverat ord"),
        P::FnMissingBody(name) => format!("funktionen `{name}` saknar kropp `{{ … }}`"),
        P::FnDuplicatedDefinition(name, n) => {
            format!("funktionen `{name}` med {n} parametrar är redan definierad")
        }
        P::BadInput(lex) => match lex {
            rhai::LexError::UnterminatedString => "en sträng saknar avslutande citattecken".into(),
            rhai::LexError::MalformedNumber(n) => {
                format!("felaktigt tal `{n}` (använd punkt som decimaltecken i koden: 12.5)")
            }
            rhai::LexError::UnexpectedInput(s) => format!("oväntat tecken `{s}`"),
            rhai::LexError::ImproperSymbol(s, _) if s == "eval" => {
                "`eval` är avstängt i rapportbok".into()
            }
            other => format!("ogiltig kod: {other}"),
        },
        P::ExprTooDeep => "uttrycket är för djupt nästlat".into(),
        other => format!("syntaxfel: {other}"),
    }
}

fn swedish_what(what: &str) -> String {
    // Rhai's descriptions read like "to end this statement"; keep them, quoted, after a Swedish lead.
    if what.is_empty() {
        String::new()
    } else {
        format!("({what})")
    }
}

/// A runtime error, unwrapped to the innermost place the notebook can point at.
pub fn from_eval(err: &EvalAltResult, limits: &Limits) -> ScriptError {
    use EvalAltResult as E;
    match err {
        // An error inside a function defined in the notebook: point inside it.
        E::ErrorInFunctionCall(name, source, inner, pos) => {
            if source.is_empty() && !inner.position().is_none() {
                let mut e = from_eval(inner, limits);
                e.message = format!("i funktionen `{}`: {}", short_fn_name(name), e.message);
                e
            } else if matches!(**inner, E::ErrorFunctionNotFound(..)) && source.is_empty() {
                // A built-in called inside a notebook `fn` with the wrong arguments.
                from_eval(inner, limits)
            } else {
                let inner = from_eval(inner, limits);
                let place = if source.is_empty() {
                    String::new()
                } else {
                    format!(" ({source}, rad {})", inner.line)
                };
                ScriptError::at(
                    *pos,
                    format!(
                        "i funktionen `{}`{place}: {}",
                        short_fn_name(name),
                        inner.message
                    ),
                )
            }
        }
        E::ErrorInModule(name, inner, pos) => {
            let inner = from_eval(inner, limits);
            ScriptError::at(
                *pos,
                format!(
                    "fel i modulen `{name}` rad {}: {}",
                    inner.line, inner.message
                ),
            )
        }
        E::ErrorParsing(kind, pos) => ScriptError::at(*pos, parse_message(kind)),
        E::ErrorVariableNotFound(name, pos) => {
            ScriptError::at(*pos, format!("okänd variabel `{name}`"))
                .hint(LET_HINT)
                .unknown(Unknown::Variable(name.to_string()))
        }
        E::ErrorFunctionNotFound(sig, pos) => function_not_found(sig, *pos),
        E::ErrorPropertyNotFound(name, pos) => {
            ScriptError::at(*pos, format!("egenskapen `{name}` finns inte"))
        }
        E::ErrorIndexNotFound(key, pos) => {
            ScriptError::at(*pos, format!("nyckeln `{key}` finns inte"))
        }
        E::ErrorModuleNotFound(name, pos) => {
            ScriptError::at(*pos, format!("modulen `{name}` finns inte"))
        }
        E::ErrorMismatchDataType(expected, actual, pos) => ScriptError::at(
            *pos,
            format!(
                "fel typ: väntade {}, fick {}",
                type_word(expected),
                type_word(actual)
            ),
        ),
        E::ErrorMismatchOutputType(expected, actual, pos) => ScriptError::at(
            *pos,
            format!(
                "fel typ: väntade {}, fick {}",
                type_word(expected),
                type_word(actual)
            ),
        ),
        E::ErrorIndexingType(ty, pos) => {
            ScriptError::at(*pos, format!("{} kan inte indexeras", type_word(ty)))
        }
        E::ErrorArrayBounds(len, idx, pos) => ScriptError::at(
            *pos,
            format!(
                "index {idx} finns inte i listan (den har {len} element, index 0–{})",
                len.saturating_sub(1)
            ),
        ),
        E::ErrorStringBounds(len, idx, pos) => ScriptError::at(
            *pos,
            format!("tecken {idx} finns inte (strängen har {len} tecken)"),
        ),
        E::ErrorFor(pos) => ScriptError::at(
            *pos,
            "`for` kan bara gå igenom listor, intervall och strängar".into(),
        ),
        E::ErrorAssignmentToConstant(name, pos) => {
            let e = ScriptError::at(*pos, format!("`{name}` är en konstant och kan inte ändras"));
            if name == "params" {
                e.hint("parametrar ändras i book.toml, i front matter eller med --param")
            } else {
                e
            }
        }
        E::ErrorNonPureMethodCallOnConstant(name, pos) => ScriptError::at(
            *pos,
            format!("`{name}` kan inte anropas på en konstant (den skulle ändra den)"),
        ),
        E::ErrorArithmetic(msg, pos) => ScriptError::at(*pos, arithmetic_message(msg)),
        E::ErrorTooManyOperations(pos) => ScriptError::at(
            *pos,
            format!(
                "cellen gjorde fler än {} operationer och avbröts",
                crate::number::format_int(limits.max_operations as i64)
            ),
        )
        .hint("en oändlig loop? Gränsen ändras med max-operations under [limits] i book.toml"),
        // The budget's own message (memory); "timeout" is the clock.
        E::ErrorTerminated(token, pos) if token.is_string() && token.to_string() != "timeout" => {
            ScriptError::at(*pos, token.to_string())
        }
        E::ErrorTerminated(_, pos) => ScriptError::at(
            *pos,
            format!(
                "cellen körde längre än {} och avbröts",
                seconds(limits.timeout_ms)
            ),
        )
        .hint("en oändlig loop? Gränsen ändras med timeout-ms under [limits] i book.toml"),
        E::ErrorStackOverflow(pos) => ScriptError::at(
            *pos,
            format!(
                "för djupa funktionsanrop (mer än {} nivåer)",
                limits.max_call_levels
            ),
        )
        .hint("en funktion som anropar sig själv utan slut?"),
        E::ErrorDataTooLarge(what, pos) => ScriptError::at(
            *pos,
            format!("för stor data: {what} över gränsen i [limits]"),
        ),
        E::ErrorTooManyModules(pos) => {
            ScriptError::at(*pos, "för många moduler importerade".into())
        }
        E::ErrorRuntime(value, pos) => ScriptError::at(*pos, value.to_string()),
        E::ErrorDotExpr(msg, pos) => ScriptError::at(*pos, format!("fel vid `.`: {msg}")),
        other => ScriptError::at(other.position(), other.to_string()),
    }
}

fn function_not_found(sig: &str, pos: Position) -> ScriptError {
    // Rhai writes `name (type, type)`, a union as `&str | ImmutableString | String`.
    let (name, args) = sig.split_once(" (").unwrap_or((sig, ""));
    let args: Vec<String> = args
        .strip_suffix(')')
        .unwrap_or(args)
        .split(", ")
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect();
    let unknown = Unknown::Function(name.to_string(), args);
    let (message, hint) = super::explain::missing_function(&unknown, &[]);
    ScriptError::at(pos, message).hint(hint).unknown(unknown)
}

fn arithmetic_message(msg: &str) -> String {
    let lower = msg.to_lowercase();
    if lower.contains("division by zero") {
        "division med noll".into()
    } else if lower.contains("overflow") {
        format!("talet blev för stort ({msg})")
    } else {
        format!("räknefel: {msg}")
    }
}

fn seconds(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        format!("{} ms", ms)
    }
}

/// A type as report writers read it (`text`, `heltal`, `tabell` …), from the names Rhai
/// reports at run time and the Rust names its function metadata carries. The one table of
/// type words: errors, the reference pages and the editor all use it.
pub fn type_word(name: &str) -> String {
    // `&str | ImmutableString | String`: one word for the union.
    if name.contains(" | ") {
        let mut words: Vec<String> = name.split(" | ").map(type_word).collect();
        words.dedup();
        return words.join(" eller ");
    }
    let t = name.trim();
    // `core::result::Result<alloc::string::String, Box<rhai::EvalAltResult>>`: the Ok type.
    let t = match t.find("Result<") {
        Some(i) => t[i + "Result<".len()..]
            .split(',')
            .next()
            .unwrap_or(t)
            .trim(),
        None => t,
    };
    let t = t.trim_start_matches('&').trim_start_matches("mut ").trim();
    let simple = t.rsplit("::").next().unwrap_or(t);
    match simple {
        "" => String::new(),
        "i64" | "i32" | "INT" | "int" => "heltal".into(),
        "Decimal" | "decimal" => "decimaltal".into(),
        "str" | "string" | "ImmutableString" | "String" => "text".into(),
        "bool" => "sant/falskt".into(),
        "()" => "ingenting".into(),
        "Dynamic" | "?" => "värde".into(),
        "array" | "Array" | "Vec<Dynamic>" => "lista".into(),
        "map" | "Map" => "map (#{…})".into(),
        "char" => "tecken".into(),
        "Fn" | "FnPtr" => "funktion".into(),
        "Table" | "Tabell" => "tabell".into(),
        "Column" | "Kolumn" => "kolumn".into(),
        "Period" => "period".into(),
        "Date" | "Datum" => "datum".into(),
        "Chart" | "Diagram" => "diagram".into(),
        other => other.to_lowercase(),
    }
}

fn short_fn_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name)
}
