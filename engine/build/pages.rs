//! The site's pages: every rendered notebook inside the page layout with its navigation,
//! the front page, and the search page with its index.

use super::RenderedNotebook;
use super::nav::{index_body, sidebar};
use crate::book::Book;
use crate::paths::relative_url;
use crate::render;
use crate::render::page::{Page, PageLink};
use crate::search;

/// How many pages a site's files hold (its HTML files: the front page, every chapter and
/// reference page, the search page), so every command counts them the same way.
pub fn count_pages<T>(files: &[(String, T)]) -> usize {
    files.iter().filter(|(p, _)| p.ends_with(".html")).count()
}

/// Every page of the site (`index.html` first) as (path, HTML), then the search page and its
/// scripts (`sok-index.js`, `sok.js`). `tail` goes before `</body>`.
pub fn site_pages(book: &Book, rendered: &[RenderedNotebook], tail: &str) -> Vec<(String, String)> {
    site_pages_searched(book, rendered, tail, "", &mut page_sections)
}

/// What the search index holds for one page: its sections, with their words' stems.
pub fn page_sections(r: &RenderedNotebook) -> Vec<search::Section> {
    search::sections(&r.page, &r.title, &r.body.sections)
}

/// [`site_pages`] with each page's search sections from `sections` (the preview keeps
/// those of unchanged pages instead of stemming every page again on every save) and
/// `banner` opening every page's article (the preview's book-level error).
pub fn site_pages_searched(
    book: &Book,
    rendered: &[RenderedNotebook],
    tail: &str,
    banner: &str,
    sections: &mut dyn FnMut(&RenderedNotebook) -> Vec<search::Section>,
) -> Vec<(String, String)> {
    let mut files = Vec::with_capacity(rendered.len() + 1);
    let title = book.config.book.title.as_str();
    let lang = book.config.book.language.as_str();
    let titles: Vec<(String, String)> = rendered
        .iter()
        .map(|r| (r.page.clone(), r.title.clone()))
        .collect();

    let index_body = index_body(&book.summary);
    let index = Page {
        lang,
        book_title: title,
        title,
        description: book.config.book.description.as_deref(),
        root: String::new(),
        nav: sidebar(&book.summary, "index.html"),
        body_has_h1: false,
        body: &index_body,
        headings: &[],
        prev: None,
        next: titles.first().map(|(p, t)| PageLink {
            title: t.clone(),
            href: relative_url("index.html", p),
        }),
        tail,
        banner,
        provenance: None,
        raw_html: book.config.build.allow_html,
    };
    files.push(("index.html".to_string(), render::page::render(&index)));

    for (i, r) in rendered.iter().enumerate() {
        let link = |j: usize| {
            titles.get(j).map(|(p, t)| PageLink {
                title: t.clone(),
                href: relative_url(&r.page, p),
            })
        };
        let prev = if i == 0 {
            Some(PageLink {
                title: "Startsida".into(),
                href: relative_url(&r.page, "index.html"),
            })
        } else {
            link(i - 1)
        };
        let page = Page {
            lang,
            book_title: title,
            title: &r.title,
            description: r.description.as_deref(),
            root: relative_url(&r.page, ""),
            nav: sidebar(&book.summary, &r.page),
            body_has_h1: r.body.h1().is_some(),
            body: &r.body.html,
            headings: &r.body.headings,
            prev,
            next: link(i + 1),
            tail,
            banner,
            provenance: r.provenance.as_ref(),
            raw_html: book.config.build.allow_html,
        };
        files.push((r.page.clone(), render::page::render(&page)));
    }
    // A chapter named like the search page keeps its place (build reports the clash).
    if !rendered.iter().any(|r| search::is_reserved(&r.page)) {
        files.extend(search_files(
            book, rendered, &titles, tail, banner, sections,
        ));
    }
    files
}

/// The search page and its index of every section of `rendered`.
fn search_files(
    book: &Book,
    rendered: &[RenderedNotebook],
    titles: &[(String, String)],
    tail: &str,
    banner: &str,
    page_sections: &mut dyn FnMut(&RenderedNotebook) -> Vec<search::Section>,
) -> [(String, String); 3] {
    let sections: Vec<search::Section> = rendered.iter().flat_map(page_sections).collect();
    let body = search::page_body("");
    let page = Page {
        lang: book.config.book.language.as_str(),
        book_title: book.config.book.title.as_str(),
        title: "Sök",
        description: Some(
            "Sök i hela rapporten. Sökningen hittar också andra böjningsformer av orden.",
        ),
        root: String::new(),
        nav: sidebar(&book.summary, search::PAGE),
        body_has_h1: false,
        body: &body,
        headings: &[],
        provenance: None,
        prev: Some(PageLink {
            title: "Startsida".into(),
            href: "index.html".into(),
        }),
        next: titles.first().map(|(p, t)| PageLink {
            title: t.clone(),
            href: relative_url("index.html", p),
        }),
        tail,
        banner,
        raw_html: book.config.build.allow_html,
    };
    [
        (search::PAGE.to_string(), render::page::render(&page)),
        (search::INDEX.to_string(), search::index_js(&sections)),
        (search::SCRIPT.to_string(), search::SEARCH_JS.to_string()),
    ]
}
