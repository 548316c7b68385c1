//! The language service over HTTP for the browser editor: diagnostics, completion and
//! hover for the text being written (see [`crate::lang`]). Runs go to the blocking pool.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::edit::{Failure, book_of, chapter_of, json_response, parse_body, text_response};
use super::http::Shared;
use crate::lang::{Position, Service};

#[derive(Deserialize)]
struct Request {
    text: String,
    #[serde(default)]
    rad: usize,
    #[serde(default)]
    kolumn: usize,
}

impl Request {
    fn at(&self) -> Position {
        Position {
            line: self.rad.max(1),
            col: self.kolumn.max(1),
        }
    }
}

/// The language service for the book as last loaded.
fn service(shared: &Shared) -> Result<Arc<Service>, Failure> {
    shared
        .lang
        .read()
        .ok()
        .and_then(|s| s.clone())
        .ok_or_else(|| {
            Failure(
                StatusCode::SERVICE_UNAVAILABLE,
                "Boken kan inte läsas in just nu.".into(),
            )
        })
}

/// `POST /_rapportbok/sprak/diagnoser/{page}` `{text}` → `[{line, col, message, hint, consequence}]`.
pub async fn diagnostics(
    State(shared): State<Shared>,
    UrlPath(page): UrlPath<String>,
    body: Bytes,
) -> Response {
    let req: Request = match parse_body(&body) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let (service, rel) = match service(&shared).and_then(|s| {
        let book = book_of(&shared)?;
        let (_, rel) = chapter_of(&book, &page)
            .ok_or_else(|| Failure(StatusCode::NOT_FOUND, "Sidan har ingen notebook.".into()))?;
        Ok::<_, Failure>((s, rel))
    }) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let drafts = Arc::clone(&shared.drafts);
    let problems = tokio::task::spawn_blocking(move || {
        let mut drafts = drafts.lock().unwrap_or_else(|p| p.into_inner());
        drafts.diagnose(&service, &rel, &req.text)
    })
    .await;
    match problems {
        Ok(p) => json_response(StatusCode::OK, json!(p)),
        Err(e) => text_response(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// `POST /_rapportbok/sprak/komplettering/{page}` `{text, rad, kolumn}` → `{from, items}`.
pub async fn completion(State(shared): State<Shared>, body: Bytes) -> Response {
    let req: Request = match parse_body(&body) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let service = match service(&shared) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    // Reading a data file's head for its columns touches the disk: not on the async workers.
    match tokio::task::spawn_blocking(move || service.complete(&req.text, req.at())).await {
        Ok(c) => json_response(StatusCode::OK, json!(c)),
        Err(e) => text_response(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// `POST /_rapportbok/sprak/info/{page}` `{text, rad, kolumn}` → `{from, to, text}` or `null`:
/// a function's reference entry, or an inline expression's current value.
pub async fn hover(
    State(shared): State<Shared>,
    UrlPath(page): UrlPath<String>,
    body: Bytes,
) -> Response {
    let req: Request = match parse_body(&body) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let service = match service(&shared) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    if let Some(h) = service.hover_function(&req.text, req.at()) {
        return json_response(StatusCode::OK, json!(h));
    }
    let Some((_, rel)) = book_of(&shared).ok().and_then(|b| chapter_of(&b, &page)) else {
        return json_response(StatusCode::OK, serde_json::Value::Null);
    };
    let drafts = Arc::clone(&shared.drafts);
    let found = tokio::task::spawn_blocking(move || {
        let mut drafts = drafts.lock().unwrap_or_else(|p| p.into_inner());
        drafts.inline_value(&service, &rel, &req.text, req.at())
    })
    .await
    .ok()
    .flatten();
    json_response(StatusCode::OK, json!(found))
}
