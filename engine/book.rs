//! The book: `book.toml`, `SUMMARY.md`, the notebooks folder and the data folder.
//! Everything a build reads from outside comes through here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rhai::{Dynamic, Map};
use rust_decimal::Decimal;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::paths::{PathError, page_path, resolve_inside};
use crate::plugins::{self, LockMode, Plugins};
use crate::summary::{self, Summary};

pub const CONFIG_FILE: &str = "book.toml";
pub const SUMMARY_FILE: &str = "SUMMARY.md";
/// The book's start page in the site, which no chapter may become.
pub const START_PAGE: &str = "index.html";

/// A loaded book.
#[derive(Debug, Clone)]
pub struct Book {
    /// The folder holding `book.toml`.
    pub root: PathBuf,
    pub config: Config,
    /// The folder holding `SUMMARY.md` and the notebooks.
    pub src_dir: PathBuf,
    pub data_dir: PathBuf,
    pub summary: Summary,
    /// The plugins book.toml requires, resolved (and locked) at load.
    pub plugins: Arc<Plugins>,
    /// The SQL sources book.toml declares, with their snapshots (see [`Book::refresh_sources`]).
    pub sources: Arc<crate::source::Sources>,
}

impl Book {
    /// Load the book in `root`. Every problem (bad config, bad or missing SUMMARY.md,
    /// chapters whose files are missing) is reported, not just the first.
    pub fn load(root: &Path) -> Result<Book, Diagnostics> {
        let config_path = root.join(CONFIG_FILE);
        if !config_path.is_file() {
            return Err(Diagnostic::file(&config_path, "hittar ingen book.toml här")
                .with_hint(
                    "ange bokens mapp med --book, eller skapa en ny bok med `rapportbok new MAPP`",
                )
                .into());
        }
        let config = Config::load(&config_path)?;
        let src_dir = root.join(&config.book.src);
        let data_dir = config.data_dir(root);
        if !data_dir.is_dir() {
            return Err(Diagnostic::file(
                &config_path,
                format!("datamappen {} finns inte", data_dir.display()),
            )
            .with_hint("ange en befintlig mapp under [data] dir")
            .into());
        }
        let summary_path = src_dir.join(SUMMARY_FILE);
        if let (Ok(real_src), Ok(real_root)) = (src_dir.canonicalize(), root.canonicalize())
            && !real_src.starts_with(&real_root)
        {
            return Err(Diagnostic::file(
                &config_path,
                format!(
                    "notebookmappen {} ligger utanför bokens mapp {}",
                    src_dir.display(),
                    root.display()
                ),
            )
            .with_hint("lägg notebooks i en mapp i boken och ange den under [book] src")
            .into());
        }
        if let Err(PathError::Escapes) = resolve_inside(&src_dir, SUMMARY_FILE) {
            return Err(Diagnostic::file(
                &summary_path,
                "innehållsförteckningen leder ut ur notebookmappen (via en länk)",
            )
            .with_hint("ersätt länken med själva filen")
            .into());
        }
        let text = std::fs::read_to_string(&summary_path).map_err(|e| {
            Diagnostic::file(
                &summary_path,
                format!("kunde inte läsa innehållsförteckningen: {e}"),
            )
        })?;
        let summary = summary::parse(&text, &summary_path)?;
        let problems = check_chapters(&src_dir, &summary, &summary_path);
        if !problems.is_empty() {
            return Err(Diagnostics(problems));
        }
        let plugins = Arc::new(plugins::load_for_book(root, &config, LockMode::Follow)?);
        let sources = Arc::new(crate::source::Sources::new(
            &config.sources,
            &data_dir,
            false,
        ));
        Ok(Book {
            root: root.to_path_buf(),
            sources,
            config,
            src_dir,
            data_dir,
            summary,
            plugins,
        })
    }

    /// The folder of the nearest `book.toml` at or above `file`'s folder.
    pub fn find_root(file: &Path) -> Option<PathBuf> {
        let start = file.parent()?;
        let start = if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        };
        let start = start.canonicalize().ok()?;
        start
            .ancestors()
            .find(|dir| dir.join(CONFIG_FILE).is_file())
            .map(Path::to_path_buf)
    }

    /// `--uppdatera`: run every query again (once per run) instead of reading its snapshot.
    pub fn refresh_sources(&mut self) {
        self.sources = Arc::new(crate::source::Sources::new(
            &self.config.sources,
            &self.data_dir,
            true,
        ));
    }

    pub fn build_dir(&self) -> PathBuf {
        self.root.join(&self.config.build.build_dir)
    }
}

/// Every chapter's notebook must be a file inside `src_dir` (no absolute paths, no `..`,
/// no link that leads out), and each must become its own page, not the start page's.
fn check_chapters(src_dir: &Path, summary: &Summary, summary_path: &Path) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut pages: HashMap<String, usize> = HashMap::new();
    for c in summary.chapters() {
        let Some(rel) = c.path.as_ref() else { continue };
        let at = |message: String| Diagnostic::new(summary_path, c.line, 0, message);
        let shown = rel.display();
        match resolve_inside(src_dir, &rel.to_string_lossy()) {
            Ok(real) if real.is_file() => {}
            Ok(_) | Err(PathError::NotFound) | Err(PathError::Empty) => problems.push(at(format!(
                "kapitlet `{}` pekar på {shown} som inte finns",
                c.name
            ))),
            Err(PathError::Absolute) | Err(PathError::ParentDir) | Err(PathError::Escapes) => {
                problems.push(
                    at(format!(
                        "kapitlet `{}` pekar på {shown}, som ligger utanför notebookmappen {}",
                        c.name,
                        src_dir.display()
                    ))
                    .with_hint(
                        "en bok läser bara notebooks i sin egen notebookmapp; kopiera in filen i stället för att länka till den",
                    ),
                );
                continue;
            }
        }
        let page = page_path(rel);
        if page == START_PAGE {
            problems.push(
                at(format!(
                    "kapitlet `{}` blir sidan {START_PAGE}, som är bokens startsida",
                    c.name
                ))
                .with_hint(format!(
                    "byt namn på {shown}, till exempel till inledning.md, och ändra raden i SUMMARY.md"
                )),
            );
        } else if let Some(first) = pages.get(&page) {
            problems.push(
                at(format!(
                    "kapitlet `{}` blir sidan {page}, som kapitlet på rad {first} redan blir",
                    c.name
                ))
                .with_hint("varje notebook kan stå en gång i SUMMARY.md"),
            );
        } else {
            pages.insert(page, c.line);
        }
    }
    problems
}

/// Parameters as scripts see them, merged in order of precedence (later wins).
pub fn merge_params<'a>(
    layers: impl IntoIterator<Item = &'a std::collections::BTreeMap<String, toml::Value>>,
    cli: &[(String, String)],
) -> Map {
    let mut map = Map::new();
    for layer in layers {
        for (k, v) in layer {
            map.insert(k.as_str().into(), toml_to_dynamic(v));
        }
    }
    for (k, v) in cli {
        map.insert(k.as_str().into(), Dynamic::from(v.clone()));
    }
    map
}

/// A TOML value as a script value; floats become exact decimals from their written form.
pub fn toml_to_dynamic(value: &toml::Value) -> Dynamic {
    match value {
        toml::Value::String(s) => Dynamic::from(s.clone()),
        toml::Value::Integer(i) => Dynamic::from_int(*i),
        toml::Value::Float(f) => f
            .to_string()
            .parse::<Decimal>()
            .map(Dynamic::from_decimal)
            .unwrap_or_else(|_| Dynamic::from(f.to_string())),
        toml::Value::Boolean(b) => Dynamic::from_bool(*b),
        toml::Value::Datetime(d) => Dynamic::from(d.to_string()),
        toml::Value::Array(a) => Dynamic::from_array(a.iter().map(toml_to_dynamic).collect()),
        toml::Value::Table(t) => Dynamic::from_map(
            t.iter()
                .map(|(k, v)| (k.as_str().into(), toml_to_dynamic(v)))
                .collect(),
        ),
    }
}

/// Parse `key=value` from the command line.
pub fn parse_cli_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!(
            "parametern `{text}` ska skrivas som namn=värde, till exempel period=2024-02"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn params_precedence() {
        let book: BTreeMap<String, toml::Value> =
            toml::from_str("period = \"2023-12\"\nenhet = \"HSF\"\ngrans = 0.1\n").expect("toml");
        let front: BTreeMap<String, toml::Value> =
            toml::from_str("period = \"2024-01\"\n").expect("toml");
        let cli = vec![("enhet".to_string(), "HSN".to_string())];
        let p = merge_params([&book, &front], &cli);
        assert_eq!(
            p["period"].clone().into_string().expect("string"),
            "2024-01"
        );
        assert_eq!(p["enhet"].clone().into_string().expect("string"), "HSN");
        assert_eq!(
            p["grans"].as_decimal().expect("decimal"),
            Decimal::new(1, 1)
        );
    }

    #[test]
    fn cli_param_syntax() {
        assert_eq!(
            parse_cli_param("period=2024-02"),
            Ok(("period".into(), "2024-02".into()))
        );
        assert!(parse_cli_param("period").is_err());
        assert!(parse_cli_param("=x").is_err());
    }
}
