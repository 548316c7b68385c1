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
    let frame = Frame {
        book,
        tail,
        banner: "",
    };
    let titles = titles(rendered);
    let mut files = Vec::with_capacity(rendered.len() + 4);
    files.push(("index.html".to_string(), frame.index_page(titles.first())));
    for (i, r) in rendered.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| titles.get(j));
        files.push((
            r.page.clone(),
            frame.chapter_page(r, prev, titles.get(i + 1)),
        ));
    }
    // A chapter named like the search page keeps its place (build reports the clash).
    if !rendered.iter().any(|r| search::is_reserved(&r.page)) {
        let sections: Vec<search::Section> = rendered.iter().flat_map(page_sections).collect();
        files.push((search::PAGE.to_string(), frame.search_page(titles.first())));
        files.push((search::INDEX.to_string(), search::index_js(&sections)));
        files.push((search::SCRIPT.to_string(), search::SEARCH_JS.to_string()));
    }
    files
}

/// What the search index holds for one page: its sections, with their words' stems.
pub fn page_sections(r: &RenderedNotebook) -> Vec<search::Section> {
    search::sections(&r.page, &r.title, &r.body.sections)
}

/// A page's place in the reading order: its site path and title (the previous/next links).
pub type Title = (String, String);

/// The reading order of `rendered`, for [`Frame::chapter_page`]'s links.
pub fn titles(rendered: &[RenderedNotebook]) -> Vec<Title> {
    rendered
        .iter()
        .map(|r| (r.page.clone(), r.title.clone()))
        .collect()
}

/// What every page of a site shares: the book (its title, language and contents for the
/// sidebar), the `tail` before `</body>` and the `banner` opening every article (the
/// preview's book-level error). Each page is laid out on its own, so the preview lays out
/// again only the pages whose content or neighbours changed.
pub struct Frame<'a> {
    pub book: &'a Book,
    pub tail: &'a str,
    pub banner: &'a str,
}

impl Frame<'_> {
    fn page<'p>(&'p self, title: &'p str, current: &str, body: &'p str) -> Page<'p> {
        Page {
            lang: self.book.config.book.language.as_str(),
            book_title: self.book.config.book.title.as_str(),
            title,
            description: None,
            root: relative_url(current, ""),
            nav: sidebar(&self.book.summary, current),
            body_has_h1: false,
            body,
            headings: &[],
            prev: None,
            next: None,
            tail: self.tail,
            banner: self.banner,
            provenance: None,
            raw_html: self.book.config.build.allow_html,
        }
    }

    /// The front page: the book's description and contents; `first` is the first chapter.
    pub fn index_page(&self, first: Option<&Title>) -> String {
        let body = index_body(&self.book.summary);
        let title = self.book.config.book.title.as_str();
        render::page::render(&Page {
            description: self.book.config.book.description.as_deref(),
            next: first.map(|t| link("index.html", t)),
            ..self.page(title, "index.html", &body)
        })
    }

    /// The page of `r`, between `prev` (none: the front page) and `next`.
    pub fn chapter_page(
        &self,
        r: &RenderedNotebook,
        prev: Option<&Title>,
        next: Option<&Title>,
    ) -> String {
        let prev = match prev {
            Some(t) => link(&r.page, t),
            None => PageLink {
                title: "Startsida".into(),
                href: relative_url(&r.page, "index.html"),
            },
        };
        render::page::render(&Page {
            description: r.description.as_deref(),
            body_has_h1: r.body.h1().is_some(),
            headings: &r.body.headings,
            prev: Some(prev),
            next: next.map(|t| link(&r.page, t)),
            provenance: r.provenance.as_ref(),
            ..self.page(&r.title, &r.page, &r.body.html)
        })
    }

    /// The search page (its index is [`search::index_js`] of every page's sections).
    pub fn search_page(&self, first: Option<&Title>) -> String {
        let body = search::page_body("");
        render::page::render(&Page {
            description: Some(
                "Sök i hela rapporten. Sökningen hittar också andra böjningsformer av orden.",
            ),
            prev: Some(PageLink {
                title: "Startsida".into(),
                href: "index.html".into(),
            }),
            next: first.map(|t| link("index.html", t)),
            ..self.page("Sök", search::PAGE, &body)
        })
    }
}

/// A link to the page `to`, from the page at `from`.
fn link(from: &str, to: &Title) -> PageLink {
    PageLink {
        title: to.1.clone(),
        href: relative_url(from, &to.0),
    }
}
