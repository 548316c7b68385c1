//! Unit tests of what the pipeline carries beside a page's HTML: a notebook's sections,
//! downloads and provenance, as data.

use super::*;
use crate::provenance::sha256_hex;

const EKONOMI: &str = "# Ekonomi\n\nInledning om ekonomin.\n\n\
    ## Utfall <em>per</em> konto\n\n```rhai\nread_csv(\"utfall.csv\").title(\"Utfall per konto\")\n```\n\n\
    Personalkostnaderna dominerar.\n\n\
    <h2 id=\"budget\">Inlånad rubrik</h2>\n\nText under den inlånade rubriken.\n\n\
    ## Budget\n\nBudgeten håller. Skriv `<h2 id=\"budget\">` för en egen rubrik.\n";
const UTFALL: &str = "Konto;Utfall\nPersonal;120\nLäkemedel;30\n";

fn book() -> (tempfile::TempDir, Book) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, text) in [
        (
            "book.toml",
            "[book]\ntitle = \"Månadsrapport\"\nsrc = \"nb\"\n\n[build]\nallow-html = true\n\n\
             [data]\ndir = \"data\"\n\n[params]\nperiod = \"2024-02\"\n",
        ),
        ("nb/SUMMARY.md", "# Innehåll\n\n- [Ekonomi](ekonomi.md)\n"),
        ("nb/ekonomi.md", EKONOMI),
        ("data/utfall.csv", UTFALL),
    ] {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let book = Book::load(dir.path()).expect("the book loads");
    (dir, book)
}

fn rendered(book: &Book) -> RenderedNotebook {
    let options = RenderOptions {
        allow_html: true,
        preview: false,
    };
    let mut all = render_book(book, &[], options, &|_, _, _| {});
    assert_eq!(all.len(), 1);
    let r = all.remove(0);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    r
}

#[test]
fn a_notebook_carries_its_sections_as_data() {
    let (_dir, book) = book();
    let r = rendered(&book);
    let s = &r.body.sections;
    let titles: Vec<(Option<u8>, &str, &str)> = s
        .iter()
        .map(|s| {
            let h = s.heading.as_ref();
            (
                h.map(|h| h.level),
                h.map_or("", |h| h.id.as_str()),
                h.map_or("", |h| h.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        titles,
        vec![
            (Some(1), "ekonomi", "Ekonomi"),
            (Some(2), "utfall-per-konto", "Utfall per konto"),
            (Some(2), "budget", "Budget"),
        ],
        "a heading with markup is one section; raw HTML that looks like an anchored heading is not"
    );
    assert_eq!(s[0].text, "Inledning om ekonomin.");
    // The table's text is the section's, its download links are not.
    let utfall = &s[1].text;
    assert!(
        utfall.starts_with("Utfall per konto"),
        "the caption: {utfall}"
    );
    assert!(utfall.contains("Läkemedel"), "{utfall}");
    assert!(
        utfall.ends_with(
            "Personalkostnaderna dominerar. Inlånad rubrik Text under den inlånade rubriken."
        ),
        "{utfall}"
    );
    assert!(
        !utfall.contains("Ladda ner") && !utfall.contains("Excel"),
        "{utfall}"
    );
    assert_eq!(
        s[2].text,
        "Budgeten håller. Skriv <h2 id=\"budget\"> för en egen rubrik."
    );
    // The page still shows the links.
    assert!(r.body.html.contains("class=\"table-downloads\""));
}

#[test]
fn a_notebook_carries_its_downloads_and_provenance_as_data() {
    let (_dir, book) = book();
    let r = rendered(&book);
    let stems: Vec<&str> = r.body.downloads.iter().map(|d| d.stem.as_str()).collect();
    assert_eq!(stems, vec!["ekonomi_utfall-per-konto"]);
    assert_eq!(
        r.body.downloads[0].table.title.as_deref(),
        Some("Utfall per konto")
    );
    let p = r.provenance.expect("provenance");
    let nb = p.notebook.expect("notebook");
    assert_eq!(nb.name, "ekonomi.md");
    assert_eq!(nb.sha256, Some(sha256_hex(EKONOMI.as_bytes())));
    assert_eq!(
        p.params,
        vec![("period".to_string(), "2024-02".to_string())]
    );
    assert_eq!(p.data.len(), 1);
    assert_eq!(p.data[0].name, "utfall.csv");
    assert_eq!(p.data[0].sha256, Some(sha256_hex(UTFALL.as_bytes())));
    assert_eq!(p.version, crate::provenance::VERSION);
}
