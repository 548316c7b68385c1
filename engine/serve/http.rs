//! The HTTP side: rendered pages from memory, the event stream, and (when editing is on) the
//! editor's routes. Page paths never reach the file system; the editor's writes go through
//! [`super::write`], which confines them to the book's notebooks. Every request passes
//! [`super::access::guard`] first (Host, and token and Origin for writes).

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::Stream;
use tokio::sync::broadcast;

use super::access::{self, Access};
use super::intent::Intent;
use super::site::{Published, Update};
use super::{datafile, edit, language, preview};
use crate::book::Book;

/// The event stream's path.
pub const EVENTS_PATH: &str = "/_rapportbok/handelser";
/// The header naming how many cells the page's last run ran and reused.
pub const RUN_HEADER: &str = "x-rapportbok-korning";

/// What the handlers share.
#[derive(Clone)]
pub struct Shared {
    pub pages: Arc<RwLock<BTreeMap<String, Published>>>,
    pub updates: broadcast::Sender<Arc<Update>>,
    pub access: Arc<Access>,
    /// The book as last loaded (none while book.toml or SUMMARY.md cannot be read).
    pub book: Arc<RwLock<Option<Book>>>,
    /// The language service for that book.
    pub lang: Arc<RwLock<Option<Arc<crate::lang::Service>>>>,
    /// The editor's unsaved texts and their runs.
    pub drafts: Arc<std::sync::Mutex<crate::lang::Drafts>>,
    /// Into the rebuild loop, beside the file watcher's events.
    pub intents: tokio::sync::mpsc::UnboundedSender<Vec<Intent>>,
    /// One write at a time, so a version check and its write are not interleaved.
    pub writes: Arc<tokio::sync::Mutex<()>>,
}

pub fn router(shared: Shared) -> Router {
    let mut router = Router::new()
        .route(EVENTS_PATH, get(events))
        .route(preview::ASSETS, get(preview::asset));
    if shared.access.edit {
        router = router
            .route("/_rapportbok/redigera/{*sida}", get(edit::editor_page))
            .route("/_rapportbok/kalla/{*sida}", get(edit::source))
            .route("/_rapportbok/spara/{*sida}", post(edit::save))
            .route("/_rapportbok/ny", post(edit::new_notebook))
            .route("/_rapportbok/redigerare/{name}", get(edit::asset))
            .route("/_rapportbok/data/", get(datafile::index))
            .route("/_rapportbok/data/{*fil}", get(datafile::file))
            .route(
                "/_rapportbok/sprak/diagnoser/{*sida}",
                post(language::diagnostics),
            )
            .route(
                "/_rapportbok/sprak/komplettering/{*sida}",
                post(language::completion),
            )
            .route("/_rapportbok/sprak/info/{*sida}", post(language::hover));
    }
    let access = Arc::clone(&shared.access);
    router
        .fallback(page)
        .with_state(shared)
        .layer(axum::middleware::from_fn(preview::with_policy))
        .layer(axum::middleware::from_fn_with_state(access, access::guard))
}

/// `sida` events: the page path, a line of run counts, then the page's new HTML.
async fn events(
    State(shared): State<Shared>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = shared.updates.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(update) => {
                    let stats = update
                        .published
                        .stats
                        .map(|s| format!("korda={} ateranvanda={}", s.cells_run, s.cells_reused))
                        .unwrap_or_default();
                    let data = format!("{}\n{stats}\n{}", update.page, update.published.html);
                    return Some((Ok(Event::default().event("sida").data(data)), rx));
                }
                // A slow client missed updates: the next one still brings whole pages.
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

async fn page(State(shared): State<Shared>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "Endast läsning (GET).").into_response();
    }
    let Some(key) = page_key(uri.path()) else {
        return not_found();
    };
    let found = shared.pages.read().ok().and_then(|pages| {
        pages
            .get(&key)
            .or_else(|| (key.ends_with(".html")).then(|| pages.get("*")).flatten())
            .cloned()
    });
    let Some(published) = found else {
        return not_found();
    };
    let body = match &published.download {
        // Writing a large workbook takes a while: off the async workers, like script runs.
        Some(table) if key.ends_with(".xlsx") => {
            let table = Arc::clone(table);
            let made = tokio::task::spawn_blocking(move || crate::export::to_xlsx(&table))
                .await
                .map_err(|e| e.to_string())
                .and_then(|r| r.map_err(|e| e.to_string()));
            match made {
                Ok(bytes) => Body::from(bytes),
                Err(e) => {
                    return (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                        format!("Excel-filen kunde inte skapas: {e}"),
                    )
                        .into_response();
                }
            }
        }
        Some(table) => Body::from(crate::export::to_csv(table)),
        None => Body::from(published.html.to_string()),
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&key)),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(s) = published.stats
        && let Ok(v) = HeaderValue::from_str(&format!(
            "korda={} ateranvanda={}",
            s.cells_run, s.cells_reused
        ))
    {
        headers.insert(RUN_HEADER, v);
    }
    response
}

/// The media type of a site file, from its extension (pages, the search index, downloads).
pub fn content_type(key: &str) -> &'static str {
    match key.rsplit_once('.').map(|(_, ext)| ext) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("csv") => "text/csv; charset=utf-8",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/html; charset=utf-8",
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Sidan finns inte i boken.",
    )
        .into_response()
}

/// The page a request path names (`/del/a.html` → `del/a.html`, `/` → `index.html`), after
/// percent-decoding. Anything that is not a plain relative page path is refused.
pub fn page_key(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let mut key = decoded.trim_start_matches('/').to_string();
    if key.is_empty() || key.ends_with('/') {
        key.push_str("index.html");
    }
    let plain = key
        .split('/')
        .all(|seg| !seg.is_empty() && seg != "." && seg != ".." && !seg.contains(['\\', '\0']));
    plain.then_some(key)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_keys() {
        assert_eq!(page_key("/").as_deref(), Some("index.html"));
        assert_eq!(page_key("/del/a.html").as_deref(), Some("del/a.html"));
        assert_eq!(page_key("/%C3%A5r.html").as_deref(), Some("år.html"));
        assert_eq!(page_key("/../etc/passwd"), None);
        assert_eq!(page_key("/%2e%2e/etc/passwd"), None);
        assert_eq!(page_key("/a/..%2f..%2fetc"), None);
        assert_eq!(page_key("/a/..%5c..%5cetc"), None);
        assert_eq!(page_key("/a//b.html"), None);
        assert_eq!(page_key("/%zz"), None);
    }
}
