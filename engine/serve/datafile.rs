//! The data-file view: the files a notebook can read, and each one's first 200 rows with
//! its column names and types, so the writer sees what they can refer to.

use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::edit::{book_of, text_response};
use super::http::Shared;
use crate::lang::datafiles;
use crate::render::html::escape;

/// Rows shown of a data file.
pub const ROWS: usize = 200;

/// `GET /_rapportbok/data/`: the list of data files.
pub async fn index(State(shared): State<Shared>) -> Response {
    view(&shared, String::new()).await
}

/// `GET /_rapportbok/data/{file}`: one file's head.
pub async fn file(State(shared): State<Shared>, UrlPath(file): UrlPath<String>) -> Response {
    view(&shared, file).await
}

async fn view(shared: &Shared, file: String) -> Response {
    let book = match book_of(shared) {
        Ok(b) => b,
        Err(f) => return f.into_response(),
    };
    let (title, body) = if file.is_empty() {
        let items: String = datafiles::list(&book.data_dir)
            .iter()
            .map(|f| {
                format!(
                    "<li><a href=\"/_rapportbok/data/{0}\"><code>{0}</code></a></li>\n",
                    escape(f)
                )
            })
            .collect();
        (
            "Datafiler".to_string(),
            format!(
                "<p>Filerna i bokens datamapp. En cell läser dem med <code>read_csv(\"namn.csv\")</code> \
                 eller <code>read_xlsx(\"namn.xlsx\", \"Blad1\")</code>.</p>\n<ul>\n{items}</ul>\n"
            ),
        )
    } else {
        match datafiles::preview(&book.data_dir, &file, ROWS) {
            Ok(p) => (format!("Datafil {file}"), table_html(&file, &p)),
            Err(e) => {
                return text_response(
                    StatusCode::NOT_FOUND,
                    format!("Datafilen kan inte visas: {e}"),
                );
            }
        }
    };
    let html = crate::render::page::render(&crate::render::page::Page {
        lang: "sv",
        book_title: &book.config.book.title,
        title: &title,
        body: &format!(
            "<p><a href=\"/_rapportbok/data/\">Alla datafiler</a> · <a href=\"/_rapportbok/redigera/index.html\">Redigera</a></p>\n{body}"
        ),
        root: "/".into(),
        ..Default::default()
    });
    (
        [(axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

fn table_html(file: &str, p: &datafiles::Preview) -> String {
    let mut html = String::from(
        "<h2>Kolumner</h2>\n<table>\n<caption>Kolumner och typer</caption>\n<thead><tr><th scope=\"col\">Kolumn</th><th scope=\"col\">Typ</th></tr></thead>\n<tbody>\n",
    );
    for (name, ty) in &p.columns {
        html.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td></tr>\n",
            escape(name),
            escape(ty)
        ));
    }
    html.push_str("</tbody>\n</table>\n");
    let shown = if p.truncated {
        format!("De första {} raderna", p.rows.len())
    } else {
        format!("Alla {} rader", p.rows.len())
    };
    html.push_str(&format!(
        "<h2>Rader</h2>\n<p>{shown}. Typerna är bedömda från raderna som visas.</p>\n<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Rader i {f}\">\n<table>\n<caption>{shown} i {f}</caption>\n<thead><tr>",
        f = escape(file)
    ));
    for (name, _) in &p.columns {
        html.push_str(&format!("<th scope=\"col\">{}</th>", escape(name)));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &p.rows {
        html.push_str("<tr>");
        for cell in row {
            html.push_str(&format!("<td>{}</td>", escape(cell)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}
