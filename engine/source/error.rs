//! What can go wrong with a source, in Swedish, naming the source and never a secret.

use std::fmt;

/// A failed `sql()` call. Messages name the source and say what to do; none holds a password
/// or a connection URL (only host, port, database and user, which are not secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// `sql("NAME", …)` where book.toml has no `[sources.NAME]`.
    Unknown { name: String, known: Vec<String> },
    /// `url-env` names a variable that is not set.
    MissingEnv { source: String, var: String },
    /// The variable `url-env` names holds no valid connection string (its value is not shown).
    BadUrl { source: String, var: String },
    /// No snapshot and the server cannot be reached.
    Unreachable {
        source: String,
        place: String,
        cause: String,
    },
    /// The server refused the login.
    Auth {
        source: String,
        user: String,
        cause: String,
    },
    /// The server rejected the query; `position` is a 1-based character index into it.
    Sql {
        source: String,
        message: String,
        hint: Option<String>,
        position: Option<usize>,
    },
    /// The query ran past `query-timeout-ms`.
    Timeout { source: String, ms: u64 },
    /// The server requires TLS, which rapportbok does not speak yet.
    Tls { source: String },
    /// More rows or bytes than `[limits]` allows.
    TooLarge {
        source: String,
        what: String,
        limit_key: &'static str,
    },
    /// A column of a type rapportbok cannot read.
    ColumnType {
        source: String,
        column: String,
        type_name: String,
    },
    /// A value that does not fit (a numeric beyond 28 digits, NaN, an infinite date).
    Value {
        source: String,
        column: String,
        cause: String,
    },
    /// The query's `$n` and the params given do not match.
    Params {
        source: String,
        expected: usize,
        got: usize,
    },
    /// A parameter value sql() cannot bind.
    Param {
        source: String,
        index: usize,
        cause: String,
    },
    /// A snapshot file that cannot be read or written, or was edited by hand.
    Snapshot { file: String, cause: String },
    /// Unsaved text in the editor asks a new question: it runs when the notebook is saved.
    NotRunYet { source: String },
    /// The connection broke off during the query.
    Broken { source: String, cause: String },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SourceError as E;
        match self {
            E::Unknown { name, known } if known.is_empty() => write!(
                f,
                "källan `{name}` finns inte: book.toml har inga [sources]; lägg till [sources.{name}] med type = \"postgres\""
            ),
            E::Unknown { name, known } => write!(
                f,
                "källan `{name}` finns inte i book.toml; källor där: {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            E::MissingEnv { source, var } => write!(
                f,
                "källan `{source}`: miljövariabeln {var} är inte satt och ingen ögonblicksbild finns för frågan; sätt {var} till anslutningen (postgresql://användare@värd/databas) eller bygg där en ögonblicksbild finns"
            ),
            E::BadUrl { source, var } => write!(
                f,
                "källan `{source}`: miljövariabeln {var} innehåller ingen giltig anslutning; skriv den som postgresql://användare@värd:5432/databas"
            ),
            E::Unreachable {
                source,
                place,
                cause,
            } => write!(
                f,
                "källan `{source}`: databasen på {place} går inte att nå ({cause}) och ingen ögonblicksbild finns för frågan; kontrollera att servern är igång och adressen rätt"
            ),
            E::Auth {
                source,
                user,
                cause,
            } => write!(
                f,
                "källan `{source}`: inloggningen som `{user}` misslyckades ({cause}); kontrollera lösenordet i url-env-variabeln, PGPASSWORD eller .pgpass (som bara får vara läsbar för dig, chmod 600)"
            ),
            E::Sql {
                source,
                message,
                hint,
                ..
            } => {
                write!(f, "källan `{source}` svarade med ett SQL-fel: {message}")?;
                if let Some(hint) = hint {
                    write!(f, " (serverns tips: {hint})")?;
                }
                Ok(())
            }
            E::Timeout { source, ms } => write!(
                f,
                "källan `{source}`: frågan avbröts efter {} ms; summera i frågan (group by) eller höj query-timeout-ms under [limits] i book.toml",
                crate::number::format_int(i64::try_from(*ms).unwrap_or(i64::MAX))
            ),
            E::Tls { source } => write!(
                f,
                "källan `{source}`: servern kräver krypterad anslutning (TLS), som rapportbok ännu inte har stöd för"
            ),
            E::TooLarge {
                source,
                what,
                limit_key,
            } => write!(
                f,
                "källan `{source}`: frågan gav {what}; summera i frågan (group by) eller höj {limit_key} under [limits] i book.toml"
            ),
            E::ColumnType {
                source,
                column,
                type_name,
            } => write!(
                f,
                "källan `{source}`: kolumnen `{column}` har typen {type_name}, som sql() inte läser; gör om den i frågan, till exempel `{column}::text`, `{column}::numeric` eller `{column}::date`"
            ),
            E::Value {
                source,
                column,
                cause,
            } => write!(
                f,
                "källan `{source}`: ett värde i kolumnen `{column}` {cause}"
            ),
            E::Params {
                source,
                expected,
                got,
            } => write!(
                f,
                "källan `{source}`: frågan har {expected} parametrar ($1 …) men sql() fick {got}; ge dem som en lista: sql(\"{source}\", \"… $1\", [params.period])"
            ),
            E::Param {
                source,
                index,
                cause,
            } => write!(f, "källan `{source}`: parameter ${index} {cause}"),
            E::Snapshot { file, cause } => write!(f, "ögonblicksbilden {file}: {cause}"),
            E::NotRunYet { source } => write!(
                f,
                "källan `{source}`: frågan är ny eller ändrad och körs mot databasen när du sparar"
            ),
            E::Broken { source, cause } => write!(
                f,
                "källan `{source}`: anslutningen bröts under frågan ({cause})"
            ),
        }
    }
}

impl std::error::Error for SourceError {}
