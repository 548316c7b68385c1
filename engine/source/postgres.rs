//! PostgreSQL: the connection from `url-env`, book.toml's keys and libpq's environment
//! (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGPASSWORD`, `.pgpass`), then one query in a
//! read-only transaction with a statement timeout, params bound by the server, rows streamed
//! into typed columns.

use std::pin::pin;
use std::str::FromStr;
use std::time::Duration;

use futures_util::StreamExt;
use rust_decimal::Decimal;
use tokio_postgres::types::{FromSql, IsNull, ToSql, Type};
use tokio_postgres::{NoTls, Row, Statement};

use super::columns::{self, ColumnBuilder, Kind};
use super::config::SourceConfig;
use super::error::SourceError;
use super::param::Param;
use super::{QueryLimits, Warehouse, pgpass};
use crate::table::Table;

/// A `type = "postgres"` source.
pub struct Postgres {
    pub name: String,
    pub config: SourceConfig,
}

/// Where a query goes: the client settings, and the host and user for messages.
struct Target {
    pg: tokio_postgres::Config,
    place: String,
    user: String,
}

impl Warehouse for Postgres {
    fn fetch(
        &self,
        query: &str,
        params: &[Param],
        limits: &QueryLimits,
    ) -> Result<Table, SourceError> {
        let target = self.target()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| self.broken(e.to_string()))?;
        let connect = target
            .pg
            .get_connect_timeout()
            .copied()
            .unwrap_or(CONNECT_TIMEOUT);
        // The server stops the statement; this also stops a client waiting on a silent network.
        let budget = connect + Duration::from_millis(limits.timeout_ms) + Duration::from_secs(5);
        runtime.block_on(async {
            tokio::time::timeout(budget, self.run(&target, query, params, limits))
                .await
                .unwrap_or_else(|_| {
                    Err(SourceError::Timeout {
                        source: self.name.clone(),
                        ms: limits.timeout_ms,
                    })
                })
        })
    }
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl Postgres {
    /// Settings in libpq's order: the `url-env` URL, then book.toml's keys, then `PG*`
    /// variables, then defaults; the password from the URL, `PGPASSWORD` or `.pgpass`.
    fn target(&self) -> Result<Target, SourceError> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let c = &self.config;
        let mut pg = match &c.url_env {
            Some(var) => {
                let url = env(var).ok_or_else(|| SourceError::MissingEnv {
                    source: self.name.clone(),
                    var: var.clone(),
                })?;
                tokio_postgres::Config::from_str(&url).map_err(|_| SourceError::BadUrl {
                    source: self.name.clone(),
                    var: var.clone(),
                })?
            }
            None => tokio_postgres::Config::new(),
        };
        if pg.get_hosts().is_empty() {
            let host = c.host.clone().or_else(|| env("PGHOST"));
            pg.host(host.as_deref().unwrap_or("localhost"));
        }
        if pg.get_ports().is_empty() {
            let port = c
                .port
                .or_else(|| env("PGPORT").and_then(|p| p.parse().ok()));
            pg.port(port.unwrap_or(5432));
        }
        if pg.get_user().is_none() {
            let user = c
                .user
                .clone()
                .or_else(|| env("PGUSER"))
                .or_else(|| env("USER"))
                .or_else(|| env("LOGNAME"))
                .unwrap_or_else(|| "postgres".into());
            pg.user(user);
        }
        let user = pg.get_user().unwrap_or_default().to_string();
        if pg.get_dbname().is_none() {
            let db = c.database.clone().or_else(|| env("PGDATABASE"));
            pg.dbname(db.unwrap_or_else(|| user.clone()));
        }
        let host = match pg.get_hosts().first() {
            Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
            #[cfg(unix)]
            Some(tokio_postgres::config::Host::Unix(p)) => p.to_string_lossy().into_owned(),
            None => "localhost".into(),
        };
        let port = pg.get_ports().first().copied().unwrap_or(5432);
        if pg.get_password().is_none() {
            let db = pg.get_dbname().unwrap_or_default().to_string();
            let password = env("PGPASSWORD").or_else(|| {
                pgpass::default_file().and_then(|f| pgpass::lookup(&f, &host, port, &db, &user))
            });
            if let Some(password) = password {
                pg.password(password);
            }
        }
        if pg.get_connect_timeout().is_none() {
            let secs = env("PGCONNECT_TIMEOUT").and_then(|s| s.parse::<u64>().ok());
            pg.connect_timeout(secs.map_or(CONNECT_TIMEOUT, Duration::from_secs));
        }
        pg.application_name("rapportbok");
        let place = format!(
            "{host}:{port}, databasen {}",
            pg.get_dbname().unwrap_or_default()
        );
        Ok(Target { pg, place, user })
    }

    async fn run(
        &self,
        target: &Target,
        query: &str,
        params: &[Param],
        limits: &QueryLimits,
    ) -> Result<Table, SourceError> {
        let (mut client, connection) = target
            .pg
            .connect(NoTls)
            .await
            .map_err(|e| self.classify(&e, target, limits))?;
        let driver = tokio::spawn(connection);
        let result = async {
            let tx = client.build_transaction().read_only(true).start().await?;
            // A plain integer: nothing from the book is spliced into SQL text.
            tx.batch_execute(&format!(
                "SET LOCAL statement_timeout = {}",
                limits.timeout_ms
            ))
            .await?;
            let statement = tx.prepare(query).await?;
            Ok::<_, tokio_postgres::Error>((tx, statement))
        }
        .await;
        let (tx, statement) = result.map_err(|e| self.classify(&e, target, limits))?;
        let table = self.rows(&tx, &statement, params, limits, target).await;
        // Nothing was written (the transaction is read-only); end it either way.
        let _ = tx.rollback().await;
        drop(client);
        let _ = driver.await;
        table
    }

    async fn rows(
        &self,
        tx: &tokio_postgres::Transaction<'_>,
        statement: &Statement,
        params: &[Param],
        limits: &QueryLimits,
        target: &Target,
    ) -> Result<Table, SourceError> {
        let mut builders = Vec::with_capacity(statement.columns().len());
        let mut readers = Vec::with_capacity(statement.columns().len());
        for c in statement.columns() {
            let reader = reader_for(c.type_()).ok_or_else(|| SourceError::ColumnType {
                source: self.name.clone(),
                column: c.name().to_string(),
                type_name: c.type_().name().to_string(),
            })?;
            builders.push(ColumnBuilder::new(c.name(), reader.kind()));
            readers.push(reader);
        }
        let bound = self.bind(statement.params(), params)?;
        let stream = tx
            .query_raw(statement, bound.iter().map(|b| b as &dyn ToSql))
            .await
            .map_err(|e| self.classify(&e, target, limits))?;
        let mut stream = pin!(stream);
        let (mut rows, mut bytes) = (0usize, 0u64);
        while let Some(row) = stream.next().await {
            let row = row.map_err(|e| self.classify(&e, target, limits))?;
            if rows == limits.max_rows {
                return Err(self.too_large(
                    format!("fler än {} rader", format_count(limits.max_rows)),
                    "max-query-rows",
                ));
            }
            rows += 1;
            bytes += self.push_row(&row, &readers, &mut builders)?;
            if bytes > limits.max_bytes {
                return Err(self.too_large(
                    format!("mer än {} byte", format_count(limits.max_bytes)),
                    "max-query-bytes",
                ));
            }
        }
        columns::finish(builders).map_err(|cause| SourceError::Value {
            source: self.name.clone(),
            column: String::new(),
            cause,
        })
    }

    /// One row into the builders; returns its size as sent.
    fn push_row(
        &self,
        row: &Row,
        readers: &[Reader],
        builders: &mut [ColumnBuilder],
    ) -> Result<u64, SourceError> {
        let mut size = 0u64;
        for (i, (reader, b)) in readers.iter().zip(builders.iter_mut()).enumerate() {
            let raw: Option<Raw> = row.try_get(i).map_err(|e| self.broken(e.to_string()))?;
            let Some(Raw(raw)) = raw else {
                b.push_null();
                continue;
            };
            size += raw.len() as u64 + 4;
            reader.push(raw, b).map_err(|cause| SourceError::Value {
                source: self.name.clone(),
                column: b.name.clone(),
                cause,
            })?;
        }
        Ok(size)
    }

    /// The params as text in the server's input syntax, for the types the server inferred.
    fn bind(&self, types: &[Type], params: &[Param]) -> Result<Vec<Bound>, SourceError> {
        if types.len() != params.len() {
            return Err(SourceError::Params {
                source: self.name.clone(),
                expected: types.len(),
                got: params.len(),
            });
        }
        Ok(types
            .iter()
            .zip(params)
            .map(|(ty, p)| {
                let wants_date = [Type::DATE, Type::TIMESTAMP, Type::TIMESTAMPTZ].contains(ty);
                Bound(p.server_text(wants_date))
            })
            .collect())
    }

    fn classify(
        &self,
        e: &tokio_postgres::Error,
        target: &Target,
        limits: &QueryLimits,
    ) -> SourceError {
        let source = self.name.clone();
        if let Some(db) = e.as_db_error() {
            let code = db.code().code();
            return match code {
                // invalid_password, invalid_authorization_specification
                "28P01" | "28000" => SourceError::Auth {
                    source,
                    user: target.user.clone(),
                    cause: db.message().to_string(),
                },
                // query_canceled: the statement timeout
                "57014" => SourceError::Timeout {
                    source,
                    ms: limits.timeout_ms,
                },
                // invalid_catalog_name, too_many_connections, cannot_connect_now
                "3D000" | "53300" | "57P03" => SourceError::Unreachable {
                    source,
                    place: target.place.clone(),
                    cause: db.message().to_string(),
                },
                _ => SourceError::Sql {
                    source,
                    message: db.message().to_string(),
                    hint: db.hint().map(str::to_string),
                    position: match db.position() {
                        Some(tokio_postgres::error::ErrorPosition::Original(p)) => {
                            Some(*p as usize)
                        }
                        _ => None,
                    },
                },
            };
        }
        let what = e.to_string();
        let cause = cause_of(e);
        match what.as_str() {
            "error connecting to server" => SourceError::Unreachable {
                source,
                place: target.place.clone(),
                cause,
            },
            "timeout waiting for server" => SourceError::Unreachable {
                source,
                place: target.place.clone(),
                cause: "servern svarade inte i tid".into(),
            },
            "authentication error" => SourceError::Auth {
                source,
                user: target.user.clone(),
                cause,
            },
            "error performing TLS handshake" => SourceError::Tls { source },
            _ => SourceError::Broken { source, cause },
        }
    }

    fn broken(&self, cause: String) -> SourceError {
        SourceError::Broken {
            source: self.name.clone(),
            cause,
        }
    }

    fn too_large(&self, what: String, limit_key: &'static str) -> SourceError {
        SourceError::TooLarge {
            source: self.name.clone(),
            what,
            limit_key,
        }
    }
}

/// The innermost cause of a client error, in Swedish where it is a common one.
fn cause_of(e: &tokio_postgres::Error) -> String {
    let mut inner: &dyn std::error::Error = e;
    while let Some(next) = inner.source() {
        inner = next;
    }
    if let Some(io) = inner.downcast_ref::<std::io::Error>() {
        use std::io::ErrorKind as K;
        match io.kind() {
            K::ConnectionRefused => return "anslutningen nekades".into(),
            K::TimedOut => return "servern svarade inte i tid".into(),
            K::NotFound => return "adressen finns inte".into(),
            K::ConnectionReset | K::ConnectionAborted => return "anslutningen stängdes".into(),
            _ => {}
        }
    }
    match inner.to_string().as_str() {
        "password missing" => "inget lösenord angivet".into(),
        "connection closed" => "anslutningen stängdes".into(),
        other => other.to_string(),
    }
}

fn format_count<T: TryInto<i64>>(n: T) -> String {
    crate::number::format_int(n.try_into().unwrap_or(i64::MAX))
}

/// A parameter as text; the server parses it for the type it inferred for `$n`.
#[derive(Debug)]
struct Bound(Option<String>);

impl ToSql for Bound {
    fn to_sql(
        &self,
        _ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match &self.0 {
            None => Ok(IsNull::Yes),
            Some(text) => {
                out.extend_from_slice(text.as_bytes());
                Ok(IsNull::No)
            }
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    fn encode_format(&self, _ty: &Type) -> tokio_postgres::types::Format {
        tokio_postgres::types::Format::Text
    }

    tokio_postgres::types::to_sql_checked!();
}

/// A value's bytes as the server sent them (binary format), decoded by [`Reader`].
struct Raw<'a>(&'a [u8]);

impl<'a> FromSql<'a> for Raw<'a> {
    fn from_sql(
        _ty: &Type,
        raw: &'a [u8],
    ) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Raw(raw))
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }
}

/// How one column's values are decoded.
#[derive(Debug, Clone, Copy)]
enum Reader {
    Text,
    /// `char(n)`: padded with spaces, which are not part of the value.
    PaddedText,
    Bool,
    Int2,
    Int4,
    Int8,
    Numeric,
    Float4,
    Float8,
    Money,
    Date,
}

fn reader_for(ty: &Type) -> Option<Reader> {
    Some(match *ty {
        Type::TEXT | Type::VARCHAR | Type::NAME | Type::UNKNOWN => Reader::Text,
        Type::BPCHAR => Reader::PaddedText,
        Type::BOOL => Reader::Bool,
        Type::INT2 => Reader::Int2,
        Type::INT4 => Reader::Int4,
        Type::INT8 => Reader::Int8,
        Type::NUMERIC => Reader::Numeric,
        Type::FLOAT4 => Reader::Float4,
        Type::FLOAT8 => Reader::Float8,
        Type::MONEY => Reader::Money,
        Type::DATE => Reader::Date,
        _ => return None,
    })
}

type Decoded = Result<(), Box<dyn std::error::Error + Sync + Send>>;

impl Reader {
    fn kind(self) -> Kind {
        match self {
            Reader::Text | Reader::PaddedText | Reader::Bool => Kind::Text,
            Reader::Int2 | Reader::Int4 | Reader::Int8 => Kind::Int,
            Reader::Numeric | Reader::Float4 | Reader::Float8 | Reader::Money => Kind::Decimal,
            Reader::Date => Kind::Date,
        }
    }

    fn push(self, raw: &[u8], b: &mut ColumnBuilder) -> Result<(), String> {
        let decoded: Decoded = (|| {
            match self {
                Reader::Text => b.push_text(<&str>::from_sql(&Type::TEXT, raw)?),
                Reader::PaddedText => {
                    b.push_text(<&str>::from_sql(&Type::BPCHAR, raw)?.trim_end_matches(' '))
                }
                Reader::Bool => b.push_text(if bool::from_sql(&Type::BOOL, raw)? {
                    "ja"
                } else {
                    "nej"
                }),
                Reader::Int2 => b.push_int(i64::from(i16::from_sql(&Type::INT2, raw)?)),
                Reader::Int4 => b.push_int(i64::from(i32::from_sql(&Type::INT4, raw)?)),
                Reader::Int8 => b.push_int(i64::from_sql(&Type::INT8, raw)?),
                Reader::Numeric => b.push_decimal(Decimal::from_sql(&Type::NUMERIC, raw).map_err(
                    |_| "är inget exakt decimaltal inom 28 siffror (NaN, oändligt eller för stort)",
                )?),
                Reader::Float4 => {
                    b.push_decimal(float(f64::from(f32::from_sql(&Type::FLOAT4, raw)?))?)
                }
                Reader::Float8 => b.push_decimal(float(f64::from_sql(&Type::FLOAT8, raw)?)?),
                Reader::Money => b.push_decimal(Decimal::new(i64::from_sql(&Type::INT8, raw)?, 2)),
                Reader::Date => {
                    let days = i32::from_sql(&Type::INT4, raw)?;
                    b.push_date(
                        columns::date_from_pg_days(days)
                            .ok_or("är inget datum mellan år 1000 och 9999")?,
                    );
                }
            }
            Ok(())
        })();
        decoded.map_err(|e| e.to_string())
    }
}

/// A float as the decimal its shortest form writes (`0.1`, not `0.1000000000000000055…`).
fn float(x: f64) -> Result<Decimal, &'static str> {
    if !x.is_finite() {
        return Err("är inget ändligt tal (NaN eller oändligt)");
    }
    Decimal::from_str(&x.to_string())
        .or_else(|_| Decimal::from_scientific(&format!("{x:e}")))
        .map_err(|_| "är för stort för ett exakt decimaltal")
}
