//! The page layout: skip link, header, sidebar, table of contents, body, previous/next.
//! Self-contained: the stylesheet is inline and nothing is fetched from anywhere; the page's
//! Content-Security-Policy ([`super::csp`]) says so to the browser.

use std::sync::LazyLock;

use super::THEME_CSS;
use super::csp;
use super::headings::Heading;
use super::html::escape;
use super::provenance;
use crate::provenance::Provenance;

/// A link to another page, relative to the page it appears on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub title: String,
    pub href: String,
}

/// Everything one page shows.
#[derive(Debug, Clone, Default)]
pub struct Page<'a> {
    pub lang: &'a str,
    pub book_title: &'a str,
    pub title: &'a str,
    /// Shown under the title (front matter `description`).
    pub description: Option<&'a str>,
    /// `../` repeated to reach the site root from this page.
    pub root: String,
    /// The sidebar, already rendered for this page (empty for a single page).
    pub nav: String,
    /// Whether the body has its own `<h1>` (else the title is shown as one).
    pub body_has_h1: bool,
    pub body: &'a str,
    pub headings: &'a [Heading],
    pub prev: Option<PageLink>,
    pub next: Option<PageLink>,
    /// Extra markup before `</body>` (the live-reload script in preview; never in builds). A
    /// page with a tail is a preview page: its policy lets it connect to the server.
    pub tail: &'a str,
    /// Notices that open the article, before everything else (the preview's "the book cannot
    /// be read" banner; never in builds).
    pub banner: &'a str,
    /// What the page was made from, shown collapsed at the end of the article.
    pub provenance: Option<&'a Provenance>,
    /// The book lets the writer's raw HTML through (`allow-html`): its inline styles
    /// (`style="break-after: page"`) are allowed too; inline script never is.
    pub raw_html: bool,
}

/// The theme's `<style>` block as every page writes it, and its CSP hash: the same for every
/// page, so made once rather than copied and hashed for each page the preview lays out.
static THEME: LazyLock<(String, String)> = LazyLock::new(|| {
    let block = format!("\n{THEME_CSS}");
    let hash = csp::hash(&block);
    (block, hash)
});

/// Render a whole HTML page.
pub fn render(page: &Page) -> String {
    // A title that already holds the other is not repeated ("Delårsrapport per april –
    // Delårsrapport per april – Regionstyrelsen").
    let title = if page.title.is_empty() || page.book_title.contains(page.title) {
        escape(page.book_title)
    } else if page.title.contains(page.book_title) {
        escape(page.title)
    } else {
        format!("{} – {}", escape(page.title), escape(page.book_title))
    };
    let (theme, theme_hash) = &*THEME;
    let print = provenance::print_css(
        page.book_title,
        page.provenance.and_then(Provenance::period).as_deref(),
    );
    let mode = if page.tail.is_empty() {
        csp::Mode::Site
    } else {
        csp::Mode::Preview
    };
    let styles = if page.raw_html {
        csp::Styles::AnyInline
    } else {
        csp::Styles::Hashed(&[theme_hash, &csp::hash(&print)])
    };
    let policy = csp::meta(&csp::policy(mode, styles));
    let mut html = String::with_capacity(page.body.len() + THEME_CSS.len() + 4096);
    html.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n{policy}\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"rapportbok\">\n<title>{title}</title>\n<style>{theme}</style>\n\
         <style media=\"print\">{print}</style>\n</head>\n<body>\n\
         <a class=\"skip-link\" href=\"#innehall\">Hoppa till innehållet</a>\n\
         <header class=\"site-header\"><a class=\"book-title\" href=\"{root}index.html\">{book}</a>{search}</header>\n",
        lang = escape(page.lang),
        root = page.root,
        book = escape(page.book_title),
        search = search_form(page),
    ));
    let layout_class = if page.nav.is_empty() {
        "layout single"
    } else {
        "layout"
    };
    html.push_str(&format!("<div class=\"{layout_class}\">\n"));
    if !page.nav.is_empty() {
        html.push_str(&page.nav);
    }
    html.push_str("<main id=\"innehall\" tabindex=\"-1\">\n<article>\n");
    html.push_str(page.banner);
    // The title, the lead and the table of contents open the article; when the notebook
    // writes its own `# Rubrik`, they follow that heading.
    let (head, rest) = match page.body.find("</h1>") {
        Some(i) if page.body_has_h1 => page.body.split_at(i + "</h1>".len()),
        _ => {
            html.push_str(&format!("<h1>{}</h1>\n", escape(page.title)));
            ("", page.body)
        }
    };
    html.push_str(head);
    if let Some(d) = page.description {
        html.push_str(&format!("<p class=\"lead\">{}</p>\n", escape(d)));
    }
    html.push_str(&toc(page.headings));
    html.push_str(rest);
    if let Some(p) = page.provenance {
        html.push_str(&provenance::section(p));
    }
    html.push_str("</article>\n");
    html.push_str(&pager(page.prev.as_ref(), page.next.as_ref()));
    html.push_str("</main>\n</div>\n");
    html.push_str(page.tail);
    html.push_str("</body>\n</html>\n");
    html
}

/// The header's search field, on the pages of a book (a single page has no search page).
fn search_form(page: &Page) -> String {
    if page.nav.is_empty() {
        return String::new();
    }
    format!(
        "<form class=\"site-search\" role=\"search\" aria-label=\"Sök i rapporten\" action=\"{root}{search}\" method=\"get\">\
         <label for=\"sok-snabb\">Sök i rapporten</label> \
         <input type=\"search\" id=\"sok-snabb\" name=\"q\"> \
         <button type=\"submit\">Sök</button></form>",
        root = page.root,
        search = crate::search::PAGE,
    )
}

/// The page's own table of contents (level 2 and 3), when it has at least two sections.
fn toc(headings: &[Heading]) -> String {
    let entries: Vec<&Heading> = headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .collect();
    if entries.len() < 2 {
        return String::new();
    }
    let mut html = String::from(
        "<nav class=\"toc\" aria-labelledby=\"toc-rubrik\">\n<h2 id=\"toc-rubrik\" class=\"toc-title\">Innehåll</h2>\n<ul>\n",
    );
    for h in entries {
        html.push_str(&format!(
            "<li class=\"toc-{}\"><a href=\"#{}\">{}</a></li>\n",
            h.level,
            escape(&h.id),
            escape(&h.text)
        ));
    }
    html.push_str("</ul>\n</nav>\n");
    html
}

fn pager(prev: Option<&PageLink>, next: Option<&PageLink>) -> String {
    if prev.is_none() && next.is_none() {
        return String::new();
    }
    let mut html = String::from("<nav class=\"pager\" aria-label=\"Föregående och nästa sida\">\n");
    if let Some(p) = prev {
        html.push_str(&format!(
            "<a class=\"prev\" href=\"{}\" rel=\"prev\"><span class=\"pager-label\">Föregående</span> {}</a>\n",
            escape(&p.href),
            escape(&p.title)
        ));
    }
    if let Some(n) = next {
        html.push_str(&format!(
            "<a class=\"next\" href=\"{}\" rel=\"next\"><span class=\"pager-label\">Nästa</span> {}</a>\n",
            escape(&n.href),
            escape(&n.title)
        ));
    }
    html.push_str("</nav>\n");
    html
}
