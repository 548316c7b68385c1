//! `plugin.toml`: a plugin's manifest, read strictly (an unknown key is an error).

use std::collections::BTreeMap;
use std::path::Path;

use semver::{Version, VersionReq};
use serde::Deserialize;

use crate::config::toml_diagnostic;
use crate::diag::Diagnostic;

pub const MANIFEST_FILE: &str = "plugin.toml";

/// The whole of `plugin.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Manifest {
    /// The name books use in `[plugins.require]` and notebooks in `import "name"`.
    pub name: String,
    pub version: Version,
    #[serde(default)]
    pub description: String,
    /// The förvaltning that owns and maintains the plugin.
    pub owner: String,
    /// The rapportbok versions the plugin works with.
    #[serde(default = "any_version")]
    pub rapportbok: VersionReq,
    /// Other plugins this one imports, with version requirements.
    #[serde(default)]
    pub dependencies: BTreeMap<String, VersionReq>,
}

fn any_version() -> VersionReq {
    VersionReq::STAR
}

impl Manifest {
    /// Parse manifest text; errors name the file, line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest, Diagnostic> {
        let manifest: Manifest =
            toml::from_str(text).map_err(|e| toml_diagnostic(&e, text, path))?;
        if !valid_name(&manifest.name) {
            return Err(Diagnostic::new(
                path,
                line_of(text, "name"),
                0,
                format!(
                    "ogiltigt namn `{}`: använd små bokstäver a–z, siffror och bindestreck",
                    manifest.name
                ),
            ));
        }
        Ok(manifest)
    }

    /// Read and parse `plugin.toml` in `dir`.
    pub fn load(dir: &Path) -> Result<Manifest, Diagnostic> {
        let path = dir.join(MANIFEST_FILE);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Diagnostic::file(&path, format!("kunde inte läsa filen: {e}")))?;
        Manifest::parse(&text, &path)
    }
}

/// Plugin names are what notebooks write in `import "…"`: keep them plain.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The first line (1-based) of `text` where `key` is set (`key =`, `"key" =`, also inside an
/// inline table); 0 if none.
pub fn line_of(text: &str, key: &str) -> usize {
    let sets_key = |line: &str| {
        line.match_indices(key).any(|(at, _)| {
            let before = line[..at].trim_end_matches('"').chars().next_back();
            let after = line[at + key.len()..].trim_start_matches('"').trim_start();
            before.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
                && after.starts_with('=')
                && !after.starts_with("==")
        })
    };
    text.lines().position(sets_key).map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "name = \"hsf-indikatorer\"\nversion = \"1.2.0\"\nowner = \"Hälso- och sjukvårdsförvaltningen\"\ndescription = \"x\"\nrapportbok = \">=0.1\"\n[dependencies]\nvardgaranti-text = \"^1.0\"\n";

    #[test]
    fn reads_every_field() {
        let m = Manifest::parse(GOOD, Path::new("plugin.toml")).expect("valid");
        assert_eq!(m.name, "hsf-indikatorer");
        assert_eq!(m.version, Version::new(1, 2, 0));
        assert!(m.rapportbok.matches(&Version::new(0, 1, 0)));
        assert!(
            m.dependencies["vardgaranti-text"].matches(&Version::new(1, 4, 0)),
            "{:?}",
            m.dependencies
        );
    }

    #[test]
    fn unknown_key_and_bad_version_are_errors() {
        let text = GOOD.replace("description", "beskrivning");
        let e = Manifest::parse(&text, Path::new("plugin.toml")).expect_err("unknown key");
        assert_eq!(e.line, 4);
        assert!(
            e.message.contains("okänd nyckel `beskrivning`"),
            "{}",
            e.message
        );
        let text = GOOD.replace("1.2.0", "1.2");
        let e = Manifest::parse(&text, Path::new("plugin.toml")).expect_err("bad semver");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn finds_the_line_of_a_key() {
        let text = "[plugins]\nrequire = { kraver-alfa = \"1\", alfa = \"2\" }\nalfa-2 = 1\n";
        assert_eq!(line_of(text, "alfa"), 2);
        assert_eq!(line_of(text, "alfa-2"), 3);
        assert_eq!(line_of(text, "gamma"), 0);
        assert_eq!(line_of("\"x\" = 1", "x"), 1);
    }

    #[test]
    fn names_are_plain() {
        assert!(valid_name("hsf-indikatorer"));
        assert!(!valid_name("../x"));
        assert!(!valid_name("Hsf"));
        assert!(!valid_name(""));
        let e = Manifest::parse(&GOOD.replace("hsf-indikatorer", "a/b"), Path::new("p.toml"))
            .expect_err("bad name");
        assert_eq!(e.line, 1);
    }
}
