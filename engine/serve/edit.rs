//! The editor's HTTP side: the split-view page, a notebook's source, saving it, and a new
//! notebook. Every write goes through [`super::write`] and then into the same intent
//! channel as the file watcher's events, so a save from the browser and one from another
//! editor re-run the page the same way.

use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::http::{Shared, page_key};
use super::intent::Intent;
use super::write::{self, Refusal};
use crate::book::{Book, SUMMARY_FILE};
use crate::paths::page_path;
use crate::render::html::escape;

/// Where the editor's routes live.
pub const EDIT_PREFIX: &str = "/_rapportbok/redigera/";

/// The vendored CodeMirror bundle (see `editor/vendor/regenerate.sh`) and the editor's own
/// script and styles, compiled into the binary: the editor works offline.
pub const CODEMIRROR_JS: &str = include_str!("editor/vendor/codemirror.js");
pub const EDITOR_JS: &str = include_str!("editor/editor.js");
pub const EDITOR_CSS: &str = include_str!("editor/editor.css");
const EDITOR_HTML: &str = include_str!("editor/editor.html");

/// A JSON response.
pub fn json_response(status: StatusCode, value: serde_json::Value) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        value.to_string(),
    )
        .into_response()
}

/// A plain-text error a person reads.
pub fn text_response(status: StatusCode, text: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text.into(),
    )
        .into_response()
}

/// A request the editor cannot serve: its status and a Swedish message saying why.
#[derive(Debug)]
pub struct Failure(pub StatusCode, pub String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        text_response(self.0, self.1)
    }
}

/// A request body as JSON of type `T`, or a 400 saying why not.
pub fn parse_body<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, Failure> {
    serde_json::from_slice(body).map_err(|e| {
        Failure(
            StatusCode::BAD_REQUEST,
            format!("Förfrågan kunde inte läsas: {e}"),
        )
    })
}

/// The book as last loaded, or a 503 while it cannot be read.
pub fn book_of(shared: &Shared) -> Result<Book, Failure> {
    shared
        .book
        .read()
        .ok()
        .and_then(|b| b.clone())
        .ok_or_else(|| {
            Failure(
                StatusCode::SERVICE_UNAVAILABLE,
                "Boken kan inte läsas in just nu; rätta book.toml eller SUMMARY.md först.".into(),
            )
        })
}

/// The chapter a page path belongs to: (its title, its notebook relative to the source folder).
pub fn chapter_of(book: &Book, page: &str) -> Option<(String, PathBuf)> {
    let key = page_key(page)?;
    book.summary.chapters().into_iter().find_map(|c| {
        let rel = c.path.as_ref()?;
        (page_path(rel) == key).then(|| (c.name.clone(), rel.clone()))
    })
}

/// `GET /_rapportbok/redigera/{page}`: the notebook beside its live page; for a page with no
/// notebook (the front page, Referens), the list of notebooks and a form for a new one.
pub async fn editor_page(State(shared): State<Shared>, UrlPath(page): UrlPath<String>) -> Response {
    let book = match book_of(&shared) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let Some((title, rel)) = chapter_of(&book, &page) else {
        return chooser(&book, &shared);
    };
    let file = book.src_dir.join(&rel);
    let text = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) => {
            return text_response(
                StatusCode::NOT_FOUND,
                format!("Notebooken {} kunde inte läsas: {e}", rel.display()),
            );
        }
    };
    let start = json!({
        "sida": page_path(&rel),
        "fil": display(&book, &rel),
        "text": String::from_utf8_lossy(&text),
        "version": write::version(&text),
    });
    // `</` cannot end the JSON's script element early.
    let start = start.to_string().replace("</", "<\\/");
    let html = EDITOR_HTML
        .replace("{{titel}}", &escape(&title))
        .replace("{{bok}}", &escape(&book.config.book.title))
        .replace("{{fil}}", &escape(&display(&book, &rel)))
        .replace("{{sida}}", &escape(&page_path(&rel)))
        .replace("{{nyckel}}", &shared.access.token)
        .replace("{{start}}", &start);
    html_response(html)
}

fn html_response(html: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

fn display(book: &Book, rel: &std::path::Path) -> String {
    let full = book.src_dir.join(rel);
    full.strip_prefix(&book.root)
        .unwrap_or(&full)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The page for choosing a notebook to edit, or starting a new one.
fn chooser(book: &Book, shared: &Shared) -> Response {
    let items: String = book
        .summary
        .chapters()
        .iter()
        .filter_map(|c| {
            let rel = c.path.as_ref()?;
            Some(format!(
                "<li><a href=\"{EDIT_PREFIX}{}\">{}</a> <span class=\"fil\">{}</span></li>\n",
                escape(&page_path(rel)),
                escape(&c.name),
                escape(&display(book, rel))
            ))
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"rapportbok-token\" content=\"{token}\">\n\
         <title>Redigera – {bok}</title>\n<link rel=\"stylesheet\" href=\"/_rapportbok/redigerare/editor.css\">\n</head>\n<body class=\"chooser\">\n\
         <main>\n<h1>Redigera {bok}</h1>\n\
         <p><a href=\"/\">Till förhandsvisningen</a> · <a href=\"/_rapportbok/data/\">Datafiler</a></p>\n\
         <h2>Ny notebook</h2>\n<form id=\"ny\">\n<label for=\"titel\">Rubrik</label>\n\
         <input id=\"titel\" name=\"titel\" required autocomplete=\"off\">\n\
         <button type=\"submit\">Skapa notebook</button>\n</form>\n\
         <p id=\"status\" role=\"status\"></p>\n\
         <h2>Notebooks i boken</h2>\n<ul>\n{items}</ul>\n</main>\n\
         <script type=\"module\" src=\"/_rapportbok/redigerare/ny.js\"></script>\n</body>\n</html>\n",
        token = shared.access.token,
        bok = escape(&book.config.book.title),
    );
    html_response(html)
}

/// `GET /_rapportbok/kalla/{page}`: the notebook's text and version, as JSON.
pub async fn source(State(shared): State<Shared>, UrlPath(page): UrlPath<String>) -> Response {
    let book = match book_of(&shared) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let Some((_, rel)) = chapter_of(&book, &page) else {
        return text_response(StatusCode::NOT_FOUND, "Sidan har ingen notebook i boken.");
    };
    match std::fs::read(book.src_dir.join(&rel)) {
        Ok(bytes) => json_response(
            StatusCode::OK,
            json!({
                "fil": display(&book, &rel),
                "text": String::from_utf8_lossy(&bytes),
                "version": write::version(&bytes),
            }),
        ),
        Err(e) => text_response(StatusCode::NOT_FOUND, format!("Kunde inte läsa: {e}")),
    }
}

#[derive(Deserialize)]
struct SaveRequest {
    text: String,
    /// The version the writer's text started from.
    version: String,
}

/// `POST /_rapportbok/spara/{page}` `{text, version}`: 200 `{version}`; 409 with the disk's
/// text and version when the file changed since; 403 outside the book.
pub async fn save(
    State(shared): State<Shared>,
    UrlPath(page): UrlPath<String>,
    body: Bytes,
) -> Response {
    let req: SaveRequest = match parse_body(&body) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let book = match book_of(&shared) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let Some((_, rel)) = chapter_of(&book, &page) else {
        return text_response(
            StatusCode::FORBIDDEN,
            "Nekad: bara notebooks som finns i bokens SUMMARY.md kan sparas härifrån.",
        );
    };
    let _one_at_a_time = shared.writes.lock().await;
    let saved = write::confine(&book.src_dir, &rel)
        .and_then(|path| write::save(&path, &req.text, &req.version).map(|v| (path, v)));
    match saved {
        Ok((path, version)) => {
            // The watcher will see the rename too; the rebuild it causes finds nothing changed.
            let _ = shared.intents.send(vec![Intent::Notebook(path)]);
            json_response(StatusCode::OK, json!({ "version": version }))
        }
        Err(refusal) => refusal_response(refusal),
    }
}

fn refusal_response(refusal: Refusal) -> Response {
    match refusal {
        Refusal::Forbidden(why) => text_response(StatusCode::FORBIDDEN, format!("Nekad: {why}.")),
        Refusal::Conflict { text, version } => json_response(
            StatusCode::CONFLICT,
            json!({
                "meddelande": "Filen har ändrats på disken sedan du öppnade den.",
                "text": text,
                "version": version,
            }),
        ),
        Refusal::Io(why) => text_response(StatusCode::INTERNAL_SERVER_ERROR, why),
    }
}

#[derive(Deserialize)]
struct NewRequest {
    titel: String,
}

/// `POST /_rapportbok/ny` `{titel}`: a new notebook in the source folder, listed last in
/// SUMMARY.md; 200 `{sida}` (its page) or 409 when a file of that name exists.
pub async fn new_notebook(State(shared): State<Shared>, body: Bytes) -> Response {
    let req: NewRequest = match parse_body(&body) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let book = match book_of(&shared) {
        Ok(x) => x,
        Err(f) => return f.into_response(),
    };
    let title = req.titel.trim();
    let Some(name) = write::file_name_for(title) else {
        return text_response(
            StatusCode::BAD_REQUEST,
            "Rubriken behöver minst en bokstav eller siffra.",
        );
    };
    let rel = PathBuf::from(&name);
    let _one_at_a_time = shared.writes.lock().await;
    let result = (|| {
        let file = write::confine(&book.src_dir, &rel)?;
        let summary = write::confine(&book.src_dir, std::path::Path::new(SUMMARY_FILE))?;
        if file.exists() {
            return Err(Refusal::Forbidden(format!(
                "{name} finns redan; välj en annan rubrik"
            )));
        }
        let old = std::fs::read_to_string(&summary)
            .map_err(|e| Refusal::Io(format!("kunde inte läsa SUMMARY.md: {e}")))?;
        write::save(&file, &write::new_notebook(title), "")?;
        write::save(
            &summary,
            &write::summary_with(&old, title, &name),
            &write::version(old.as_bytes()),
        )?;
        Ok(file)
    })();
    match result {
        Ok(_) => {
            let _ = shared.intents.send(vec![Intent::Config]);
            json_response(StatusCode::OK, json!({ "sida": page_path(&rel) }))
        }
        Err(Refusal::Forbidden(why)) if why.contains("finns redan") => {
            text_response(StatusCode::CONFLICT, format!("{why}."))
        }
        Err(r) => refusal_response(r),
    }
}

/// The editor's static files.
pub async fn asset(UrlPath(name): UrlPath<String>) -> Response {
    let (body, kind) = match name.as_str() {
        "codemirror.js" => (CODEMIRROR_JS, "text/javascript; charset=utf-8"),
        "editor.js" => (EDITOR_JS, "text/javascript; charset=utf-8"),
        "ny.js" => (NEW_JS, "text/javascript; charset=utf-8"),
        "editor.css" => (EDITOR_CSS, "text/css; charset=utf-8"),
        "LICENSES.txt" => (LICENSES, "text/plain; charset=utf-8"),
        _ => return text_response(StatusCode::NOT_FOUND, "Filen finns inte."),
    };
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

const NEW_JS: &str = include_str!("editor/ny.js");
const LICENSES: &str = include_str!("editor/vendor/LICENSES.txt");
