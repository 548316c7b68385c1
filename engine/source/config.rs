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

impl SourceConfig {
    /// The byte range of a `password` key's value, which book.toml must not hold.
    pub fn password_span(&self) -> Option<std::ops::Range<usize>> {
        self.password.as_ref().map(toml::Spanned::span)
    }
}
