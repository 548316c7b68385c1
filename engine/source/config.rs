//! `[sources.NAME]` in book.toml: which warehouse a source is and how to reach it (never a secret).

use serde::Deserialize;

/// One source. The connection comes from the environment variable `url-env` names, from the
/// keys below, or from libpq's conventions (`PGHOST`, `PGUSER`, `PGPASSWORD`, `.pgpass`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct SourceConfig {
    /// Which warehouse: each kind is one implementation of [`super::Warehouse`].
    #[serde(rename = "type")]
    pub kind: SourceKind,
    /// The environment variable holding a connection URL (`postgresql://user@host/db`).
    #[serde(default)]
    pub url_env: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub database: Option<String>,
    #[serde(default)]
    pub user: Option<String>,
    /// Never allowed: read only so that it can be refused with its position.
    #[serde(default)]
    pub password: Option<toml::Spanned<toml::Value>>,
}

/// The warehouses rapportbok can read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// PostgreSQL over its wire protocol (tokio-postgres, pure Rust).
    Postgres,
}

/// A source name is part of its snapshots' file names: ASCII letters, digits, `-` and `_`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl SourceConfig {
    /// The byte range of a `password` key's value, which book.toml must not hold.
    pub fn password_span(&self) -> Option<std::ops::Range<usize>> {
        self.password.as_ref().map(toml::Spanned::span)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;

    use super::SourceKind;

    #[test]
    fn sources_are_read_strictly() {
        let text = "[sources.lager]\ntype = \"postgres\"\nurl-env = \"RB_LAGER_URL\"\n";
        let c = Config::parse(text, Path::new("book.toml")).expect("valid");
        assert_eq!(c.sources["lager"].kind, SourceKind::Postgres);
        assert_eq!(c.sources["lager"].url_env.as_deref(), Some("RB_LAGER_URL"));

        let e = Config::parse(
            "[sources.lager]\ntype = \"mysql\"\n",
            Path::new("book.toml"),
        )
        .expect_err("unknown type");
        assert_eq!(e.line, 2);
        assert!(
            e.message
                .contains("okänt värde `mysql`; giltiga värden: `postgres`"),
            "{}",
            e.message
        );

        let e = Config::parse("[sources.lager]\nurl-env = \"X\"\n", Path::new("book.toml"))
            .expect_err("no type");
        assert!(e.message.contains("nyckeln `type` saknas"), "{}", e.message);

        let e = Config::parse(
            "[sources.lager]\ntype = \"postgres\"\nurl = \"postgresql://a:b@c/d\"\n",
            Path::new("book.toml"),
        )
        .expect_err("unknown key");
        assert!(e.message.contains("okänd nyckel `url`"), "{}", e.message);
        assert!(!e.message.contains("a:b@c"), "{}", e.message);

        let e = Config::parse(
            "[sources.\"../x\"]\ntype = \"postgres\"\n",
            Path::new("book.toml"),
        )
        .expect_err("bad name");
        assert!(e.message.contains("källnamnet `../x`"), "{}", e.message);
    }

    #[test]
    fn a_password_is_refused_at_its_place_without_showing_it() {
        let text = "[sources.lager]\ntype = \"postgres\"\npassword = \"hemligt\"\n";
        let e = Config::parse(text, Path::new("book.toml")).expect_err("password");
        assert_eq!((e.line, e.col), (3, 12));
        assert!(
            e.message.contains("har ett lösenord i book.toml"),
            "{}",
            e.message
        );
        assert!(!e.to_string().contains("hemligt"));
    }
}
