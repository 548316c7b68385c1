//! The offline search page: the index holds Swedish stems of every section, and in a real
//! browser, from `file://`, a search finds words in other inflected forms.

mod common;

use common::chromium::{chromium_or_skip, file_url, launch};
use common::{TempBook, stderr};
use rapportbok::search::stem::stem;
use serde_json::json;

fn book() -> TempBook {
    let book = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Månadsrapport\"\n"),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Ekonomi](ekonomi.md)\n- [Vården](del/varden.md)\n",
        ),
        (
            "notebooks/ekonomi.md",
            "# Ekonomi\n\nInledning om ekonomin.\n\n## Budget och utfall\n\nRegionens budget för året håller. \
             Överskottet är {{ 12 }} mkr.\n",
        ),
        (
            "notebooks/del/varden.md",
            "# Vården\n\n## Tillgänglighet\n\nVäntetiderna till operation har kortats.\n\n\
             ## Vårdplatser\n\nAntalet vårdplatser på sjukhusen minskade i februari.\n",
        ),
    ]);
    let out = book.run(&["build"]);
    assert!(out.status.success(), "build: {}", stderr(&out));
    book
}

#[test]
fn index_holds_sections_with_their_stems() {
    let book = book();
    let js = book.read("site/sok-index.js");
    let data = js
        .strip_prefix("window.RAPPORTBOK_SOK = ")
        .and_then(|j| j.trim_end().strip_suffix(';'))
        .expect("the index is one assignment");
    let data: serde_json::Value = serde_json::from_str(data).expect("JSON");
    let sections = data["sections"].as_array().expect("sections");
    let find = |heading: &str| {
        sections
            .iter()
            .find(|s| s["h"] == json!(heading))
            .unwrap_or_else(|| panic!("section {heading} in {sections:?}"))
    };
    let platser = find("Vårdplatser");
    assert_eq!(platser["p"], json!("del/varden.html"));
    assert_eq!(platser["a"], json!("vårdplatser"));
    assert_eq!(platser["t"], json!("Vården"));
    assert_eq!(
        platser["x"],
        json!("Antalet vårdplatser på sjukhusen minskade i februari.")
    );
    let stems: Vec<&str> = platser["s"].as_str().expect("stems").split(' ').collect();
    assert!(stems.contains(&"vårdplat"), "{stems:?}");
    // "sjukhusen" is stored as the stem "sjukhus" and "sjukhuset" also have.
    assert!(stems.contains(&stem("sjukhuset").as_str()), "{stems:?}");
    assert!(
        !stems.contains(&"vårdplatser"),
        "words are stored as stems: {stems:?}"
    );
    let budget = find("Budget och utfall");
    let stems: Vec<&str> = budget["s"].as_str().expect("stems").split(' ').collect();
    assert!(
        stems.contains(&"budg") && stems.contains(&"överskott"),
        "{stems:?}"
    );
    // Inline values are indexed as the reader sees them.
    assert!(
        budget["x"]
            .as_str()
            .expect("text")
            .contains("Överskottet är 12 mkr.")
    );
    // The rules the browser stems the query with come with the index.
    assert!(
        data["suffix"]
            .as_array()
            .expect("suffixes")
            .contains(&json!("erna"))
    );
}

/// The index of a built book, parsed.
fn index(book: &TempBook) -> Vec<serde_json::Value> {
    let js = book.read("site/sok-index.js");
    let data = js
        .strip_prefix("window.RAPPORTBOK_SOK = ")
        .and_then(|j| j.trim_end().strip_suffix(';'))
        .expect("the index is one assignment");
    let data: serde_json::Value = serde_json::from_str(data).expect("JSON");
    data["sections"].as_array().expect("sections").clone()
}

#[test]
fn sections_come_from_the_renderer_not_from_the_shape_of_the_html() {
    // Raw HTML that looks like an anchored heading, a heading with markup, prose that
    // writes out a heading tag, and a paragraph styled like the download links.
    let book = TempBook::new(&[
        (
            "book.toml",
            "[book]\ntitle = \"Bok\"\n\n[build]\nallow-html = true\n",
        ),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Ekonomi](ekonomi.md)\n",
        ),
        (
            "notebooks/ekonomi.md",
            "# Ekonomi\n\n<h2 id=\"budget\">Egen rubrik</h2>\n\nText under den egna rubriken.\n\n\
             ## Budget\n\nBudgeten håller. Skriv `<h2 id=\"budget\">` för en egen rubrik.\n\n\
             <p class=\"table-downloads\">Ladda ner årsredovisningen från regionens webbplats.</p>\n\n\
             ### Utfall <em>per</em> månad\n\nUtfallet följer budgeten.\n",
        ),
    ]);
    let out = book.run(&["build"]);
    assert!(out.status.success(), "build: {}", stderr(&out));
    let sections: Vec<serde_json::Value> = index(&book)
        .into_iter()
        .filter(|s| s["p"] == json!("ekonomi.html"))
        .collect();
    let headings: Vec<&str> = sections
        .iter()
        .map(|s| s["h"].as_str().expect("heading"))
        .collect();
    assert_eq!(
        headings,
        vec!["Ekonomi", "Budget", "Utfall per månad"],
        "{sections:?}"
    );
    assert_eq!(
        sections[0]["x"],
        json!("Egen rubrik Text under den egna rubriken."),
        "raw HTML is text of the section it stands in"
    );
    assert_eq!(sections[1]["a"], json!("budget"));
    assert_eq!(
        sections[1]["x"],
        json!(
            "Budgeten håller. Skriv <h2 id=\"budget\"> för en egen rubrik. \
             Ladda ner årsredovisningen från regionens webbplats."
        ),
        "the writer's own paragraph is text, whatever its class"
    );
    assert_eq!(sections[2]["a"], json!("utfall-per-månad"));
    assert_eq!(sections[2]["x"], json!("Utfallet följer budgeten."));
}

#[test]
fn every_page_links_to_the_search_page() {
    let book = book();
    let nested = book.read("site/del/varden.html");
    assert!(
        nested.contains(
            "<form class=\"site-search\" role=\"search\" aria-label=\"Sök i rapporten\" action=\"../sok.html\""
        ),
        "{nested}"
    );
    assert!(nested.contains("<label for=\"sok-snabb\">Sök i rapporten</label>"));
    let top = book.read("site/index.html");
    assert!(top.contains("action=\"sok.html\""));
    let search = book.read("site/sok.html");
    assert!(search.contains("<noscript>"), "says so without JavaScript");
    assert!(search.contains("<script src=\"sok-index.js\"></script>"));
    assert!(search.contains("<label for=\"sok-fraga\">Sökord</label>"));
}

#[test]
fn browser_search_finds_inflected_swedish_words_offline() {
    let Some(chromium) = chromium_or_skip("search browser test") else {
        return;
    };
    let book = book();
    let (_browser, mut devtools) = launch(&chromium, &book.path().join("profil"));
    let page = book.path().join("site/sok.html");
    devtools.open("about:blank");
    devtools.navigate(&format!("{}?q=V%C3%85RDPLATSERNA", file_url(&page)));
    devtools.wait_until("document.querySelectorAll('#sok-traffar li').length > 0");
    let hits = devtools.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('#sok-traffar li')).map(li => \
         [li.querySelector('a').textContent, decodeURIComponent(li.querySelector('a').href.split('/site/')[1]), \
          li.querySelector('.search-page').textContent, \
          Array.from(li.querySelectorAll('mark')).map(m => m.textContent).join(',')]))",
    );
    assert_eq!(
        hits,
        json!("[[\"Vårdplatser\",\"del/varden.html#vårdplatser\",\"Vården\",\"vårdplatser\"]]"),
        "the query in capitals and another form finds the section, links its heading, marks the word"
    );
    assert_eq!(
        devtools.eval("document.getElementById('sok-status').textContent"),
        json!("1 träff för ”VÅRDPLATSERNA”.")
    );

    // The browser stems words exactly as the index was stemmed.
    let sample = [
        "vårdplatserna",
        "Vårdplatsernas",
        "budgeten",
        "BUDGET",
        "året",
        "årets",
        "kostnaderna",
        "patienter",
        "regionens",
        "ÖVERSKOTTET",
        "mars",
        "ser",
        "verksamheterna",
        "sjukhusen",
        "läkemedel",
        "väntetiderna",
        "tillgängligheten",
        "operationer",
        "2024",
        "x",
    ];
    let rust: Vec<String> = sample.iter().map(|w| stem(w)).collect();
    let js = devtools.eval(&format!(
        "JSON.stringify({}.map(window.rapportbokStem))",
        json!(sample)
    ));
    assert_eq!(js, json!(serde_json::to_string(&rust).expect("json")));

    // Typing in the form: "budgeten" finds "budget".
    devtools.eval(
        "document.getElementById('sok-fraga').value = 'budgeten'; \
         document.getElementById('sok-form').requestSubmit(); true",
    );
    devtools.wait_until(
        "document.querySelector('#sok-traffar li a') && \
         document.querySelector('#sok-traffar li a').textContent === 'Budget och utfall'",
    );
    // The notebook's section comes first; the reference page's function descriptions that
    // mention budgets follow it.
    assert_eq!(
        devtools.eval(
            "decodeURIComponent(document.querySelector('#sok-traffar li a').href.split('/site/')[1])"
        ),
        json!("ekonomi.html#budget-och-utfall")
    );
    devtools.eval(
        "document.getElementById('sok-fraga').value = 'flygplats'; \
         document.getElementById('sok-form').requestSubmit(); true",
    );
    devtools.wait_until(
        "document.getElementById('sok-status').textContent === 'Inga träffar för ”flygplats”.'",
    );
    assert_eq!(
        devtools.eval("document.querySelectorAll('#sok-traffar li').length"),
        json!(0)
    );

    // Without JavaScript the page says so and shows no dead form.
    devtools.call(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    );
    devtools.navigate(&file_url(&page));
    let state = devtools.eval(
        "JSON.stringify([getComputedStyle(document.getElementById('sok-form')).display, \
         document.body.innerText.includes('Sökningen behöver JavaScript')])",
    );
    assert_eq!(state, json!("[\"none\",true]"));
}

#[test]
fn a_notebook_named_like_the_search_page_is_kept_and_reported() {
    let book = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Bok\"\n"),
        ("notebooks/SUMMARY.md", "# Innehåll\n\n- [Sök](sok.md)\n"),
        ("notebooks/sok.md", "# Sökande efter vård\n\nEgen text.\n"),
    ]);
    let out = book.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sok.md: notebooken blir sidan sok.html, som är bokens söksida"),
        "{}",
        stderr(&out)
    );
    assert!(book.read("site/sok.html").contains("Egen text."));
    assert!(!book.path().join("site/sok-index.js").exists());
}
