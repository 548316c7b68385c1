//! `book.toml`: the book's settings, read strictly (an unknown key is an error, not a silent default).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, line_col};

/// The whole of `book.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Config {
    pub book: BookConfig,
    pub build: BuildConfig,
    pub data: DataConfig,
    /// Report parameters (`period = "2024-02"`), visible to scripts as `params`.
    pub params: BTreeMap<String, toml::Value>,
    pub limits: Limits,
    pub plugins: PluginsConfig,
    /// SQL sources (`[sources.lager]`), which cells query with `sql()`.
    pub sources: BTreeMap<String, crate::source::SourceConfig>,
    pub docx: DocxConfig,
}

/// `[docx]`: how `rapportbok docx` makes Word documents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DocxConfig {
    /// A Word file (.docx) whose styles, fonts, colours, margins, header and footer the
    /// documents take (as pandoc's reference document); relative to the book.
    pub mall: Option<PathBuf>,
}

/// `[plugins]`: where plugins are looked up and which ones the book uses.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct PluginsConfig {
    /// Folders searched in order, relative to the book or absolute (a shared drive).
    /// Each is a plugin folder or a folder of plugin folders.
    pub paths: Vec<PathBuf>,
    /// The plugins the book uses, each with a version requirement (`"1.0"`, `"^1.2"`, `"=1.2.3"`).
    pub require: BTreeMap<String, semver::VersionReq>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct BookConfig {
    pub title: String,
    pub description: Option<String>,
    pub authors: Vec<String>,
    /// The language of the pages (`<html lang>`); Swedish by default.
    pub language: String,
    /// The folder holding `SUMMARY.md` and the notebooks.
    pub src: PathBuf,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            title: "Rapport".into(),
            description: None,
            authors: Vec::new(),
            language: "sv".into(),
            src: PathBuf::from("notebooks"),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct BuildConfig {
    /// Where `build` writes the site.
    pub build_dir: PathBuf,
    /// Let raw HTML in notebooks and in strings from cells through unescaped.
    /// Off by default: text from data is always escaped regardless.
    pub allow_html: bool,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            build_dir: PathBuf::from("site"),
            allow_html: false,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct DataConfig {
    /// Where data files are looked up; relative to the book. Defaults to the book's folder.
    pub dir: Option<PathBuf>,
}

/// The sandbox's limits for one cell. Every limit has a default in code; the Handbok's
/// "Gränser och säkerhet" lists them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct Limits {
    /// Wall-clock time one cell or inline expression may run, in milliseconds. Built-ins
    /// (sorting, grouping, joins, reading data) observe it too.
    pub timeout_ms: u64,
    pub max_operations: u64,
    /// How deep functions may call functions; at most [`MAX_CALL_LEVELS`].
    #[serde(deserialize_with = "call_levels")]
    pub max_call_levels: usize,
    /// How deeply expressions may nest; at most [`MAX_EXPR_DEPTH`].
    #[serde(deserialize_with = "expr_depth")]
    pub max_expr_depth: usize,
    pub max_string_size: usize,
    pub max_array_size: usize,
    pub max_map_size: usize,
    /// How long one `sql()` query may run on the server (its statement timeout), in ms.
    pub query_timeout_ms: u64,
    /// The most rows one `sql()` query may return.
    pub max_query_rows: usize,
    /// The most bytes (as sent by the server) one `sql()` query may return.
    pub max_query_bytes: u64,
    /// How much the process's memory may grow while one cell runs, in MB.
    pub max_memory_mb: u64,
    /// Rows a table built by a built-in (a join, a pivot, a data file) may have.
    pub max_rows: usize,
    /// Cells (rows × columns) such a table may have.
    pub max_cells: usize,
    /// The largest data file (CSV, Excel, text) a cell may read, in MB; checked before reading.
    pub max_data_file_mb: u64,
}

/// The deepest function calls a book may allow: the script thread's stack is sized for it.
pub const MAX_CALL_LEVELS: usize = 1000;
/// The deepest expression nesting a book may allow.
pub const MAX_EXPR_DEPTH: usize = 1000;

fn call_levels<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    at_most(d, MAX_CALL_LEVELS, "max-call-levels")
}

fn expr_depth<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    at_most(d, MAX_EXPR_DEPTH, "max-expr-depth")
}

fn at_most<'de, D: serde::Deserializer<'de>>(
    d: D,
    max: usize,
    key: &str,
) -> Result<usize, D::Error> {
    let n = usize::deserialize(d)?;
    if n > max {
        return Err(serde::de::Error::custom(format!(
            "{key} får vara högst {max} (djupare anrop ryms inte i skriptmotorns stack), inte {n}"
        )));
    }
    Ok(n)
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout_ms: 10_000,
            max_operations: 100_000_000,
            max_call_levels: 64,
            max_expr_depth: 128,
            max_string_size: 16 * 1024 * 1024,
            max_array_size: 2_000_000,
            max_map_size: 200_000,
            query_timeout_ms: 60_000,
            max_query_rows: 2_000_000,
            max_query_bytes: 512 * 1024 * 1024,
            max_memory_mb: 1024,
            max_rows: 5_000_000,
            max_cells: 50_000_000,
            max_data_file_mb: 256,
        }
    }
}

impl Config {
    /// The folder data files are read from, for a book in `root` (the book's own folder
    /// unless `[data] dir` says otherwise).
    pub fn data_dir(&self, root: &Path) -> PathBuf {
        self.data
            .dir
            .as_ref()
            .map_or_else(|| root.to_path_buf(), |d| root.join(d))
    }

    /// Parse `book.toml` text; errors name the file, line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|e| toml_diagnostic(&e, text, path))?;
        for (name, source) in &config.sources {
            if !crate::source::config::valid_name(name) {
                return Err(Diagnostic::file(
                    path,
                    format!(
                        "källnamnet `{name}` under [sources] får bara innehålla bokstäver a–z, siffror, - och _"
                    ),
                ));
            }
            if let Some(span) = source.password_span() {
                let (line, col) = line_col(text, span.start);
                return Err(Diagnostic::new(
                    path,
                    line,
                    col,
                    format!("källan `{name}` har ett lösenord i book.toml, där det kan spridas"),
                )
                .with_hint("ta bort det och lägg lösenordet i miljövariabeln som url-env anger, i PGPASSWORD eller i .pgpass"));
            }
        }
        Ok(config)
    }

    /// Read and parse a `book.toml`.
    pub fn load(path: &Path) -> Result<Config, Diagnostic> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::file(path, format!("kunde inte läsa filen: {e}")))?;
        Config::parse(&text, path)
    }
}

/// A TOML error as a diagnostic at the position the parser points to.
pub fn toml_diagnostic(e: &toml::de::Error, text: &str, path: &Path) -> Diagnostic {
    let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
    Diagnostic::new(path, line, col, translate_toml_message(e.message()))
}

fn translate_toml_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        // "unknown field `titel`, expected one of `title`, `src`"
        let (field, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches(" one of").trim();
        if expected.is_empty() {
            return format!("okänd nyckel {field}");
        }
        return format!("okänd nyckel {field}; giltiga nycklar här: {expected}");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches(" one of").trim();
        return format!("okänt värde {value}; giltiga värden: {expected}");
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("nyckeln {rest} saknas");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!("fel typ av värde: {rest}");
    }
    if message.contains("får vara högst") {
        return message.to_string();
    }
    format!("ogiltig TOML: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_empty() {
        let c = Config::parse("", Path::new("book.toml")).expect("empty is valid");
        assert_eq!(c.book.language, "sv");
        assert_eq!(c.build.build_dir, PathBuf::from("site"));
        assert_eq!(c.limits.timeout_ms, 10_000);
        assert!(!c.build.allow_html);
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let text = "[book]\ntitle = \"X\"\ntitel = \"Y\"\n";
        let err = Config::parse(text, Path::new("book.toml")).expect_err("typo must fail");
        assert_eq!((err.line, err.col), (3, 1));
        assert!(
            err.message.contains("okänd nyckel `titel`"),
            "{}",
            err.message
        );
        assert!(err.message.contains("`title`"), "{}", err.message);
    }

    #[test]
    fn unknown_table_is_an_error() {
        let err = Config::parse("[limit]\ntimeout-ms = 5\n", Path::new("b.toml"))
            .expect_err("unknown table");
        assert_eq!(err.line, 1);
        assert!(
            err.message.contains("okänd nyckel `limit`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn plugins_are_read_strictly() {
        let text = "[plugins]\npaths = [\"plugins\", \"/gemensam/tillagg\"]\nrequire = { hsf-indikatorer = \"^1.0\" }\n";
        let c = Config::parse(text, Path::new("book.toml")).expect("valid");
        assert_eq!(c.plugins.paths.len(), 2);
        assert!(c.plugins.require["hsf-indikatorer"].matches(&semver::Version::new(1, 3, 0)));
        let err = Config::parse("[plugins]\nsokvagar = []\n", Path::new("book.toml"))
            .expect_err("unknown key");
        assert!(err.message.contains("`paths`"), "{}", err.message);
        let err = Config::parse(
            "[plugins]\nrequire = { a = \"inte en version\" }\n",
            Path::new("book.toml"),
        )
        .expect_err("bad requirement");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn limits_and_params_are_read() {
        let text = "[limits]\ntimeout-ms = 250\n[params]\nperiod = \"2024-02\"\n";
        let c = Config::parse(text, Path::new("book.toml")).expect("valid");
        assert_eq!(c.limits.timeout_ms, 250);
        assert_eq!(c.limits.max_call_levels, 64);
        assert_eq!(c.params["period"].as_str(), Some("2024-02"));
    }

    #[test]
    fn call_levels_and_expression_depth_are_capped() {
        let c = Config::parse("[limits]\nmax-call-levels = 1000\n", Path::new("book.toml"))
            .expect("the cap itself is allowed");
        assert_eq!(c.limits.max_call_levels, MAX_CALL_LEVELS);
        let err = Config::parse(
            "[limits]\nmax-call-levels = 100000\n",
            Path::new("book.toml"),
        )
        .expect_err("deeper than the stack holds");
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("max-call-levels får vara högst 1000"),
            "{}",
            err.message
        );
        let err = Config::parse("[limits]\nmax-expr-depth = 5000\n", Path::new("book.toml"))
            .expect_err("deeper than the stack holds");
        assert!(err.message.contains("max-expr-depth"), "{}", err.message);
    }
}
