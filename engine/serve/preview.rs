//! What the preview adds to the book's pages: its own scripts and styles (live reload, the
//! "Redigera" link), served as files under `/_rapportbok/forhandsvisning/`, and the
//! Content-Security-Policy header on every response.

use axum::extract::{Path as UrlPath, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Where the preview's files are served.
pub const ASSETS: &str = "/_rapportbok/forhandsvisning/{name}";

/// The policy of everything the server answers. Pages carry their own, stricter policy too
/// (inline styles only by hash; the browser enforces both). Scripts only from the server
/// (no inline script, no `eval`); connections only back to it (the live-update stream, the
/// editor's saves and language service); frames only of its own pages (the editor's preview)
/// and only inside them. Inline styles are allowed here for the editor, whose CodeMirror
/// writes its own.
pub const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; \
     form-action 'self'; base-uri 'none'; object-src 'none'";

/// Add [`POLICY`] to a response that has none.
pub async fn with_policy(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(POLICY));
    response
}

/// One of the preview's files.
pub async fn asset(UrlPath(name): UrlPath<String>) -> Response {
    let (body, kind) = match name.as_str() {
        "live.js" => (LIVE_JS, JS),
        "live.css" => (LIVE_CSS, CSS),
        "edit_link.js" => (EDIT_LINK_JS, JS),
        "edit_link.css" => (EDIT_LINK_CSS, CSS),
        _ => {
            return (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "Filen finns inte.",
            )
                .into_response();
        }
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const LIVE_JS: &str = include_str!("preview/live.js");
const LIVE_CSS: &str = include_str!("preview/live.css");
const EDIT_LINK_JS: &str = include_str!("preview/edit_link.js");
const EDIT_LINK_CSS: &str = include_str!("preview/edit_link.css");
