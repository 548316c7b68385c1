//! End to end in a real headless Chromium: open a served page, scroll, edit the notebook,
//! and see the page change in place with its scroll position kept.
//!
//! Chromium is driven over the DevTools protocol (tests/common/chromium.rs). Skips, saying
//! so, without Chromium (fails on CI).

mod common;

use common::chromium::{chromium_or_skip, launch};
use common::{TempBook, serve};
use serde_json::json;

fn notebook(value: &str) -> String {
    let mut text = String::from("# Lång rapport\n\n");
    for i in 1..=60 {
        text.push_str(&format!(
            "Stycke {i}. Verksamheten redovisar utfall, budget och prognos för perioden.\n\n"
        ));
    }
    text.push_str(&format!(
        "```rhai\nlet beloppet = {value};\nbeloppet\n```\n\nBeloppet är {{{{ beloppet }}}} kronor.\n"
    ));
    for i in 61..=90 {
        text.push_str(&format!("Stycke {i}. Avslutande kommentarer.\n\n"));
    }
    text
}

#[test]
fn page_updates_in_place_and_keeps_its_scroll_position() {
    let Some(chromium) = chromium_or_skip("browser test") else {
        return;
    };
    let dir = TempBook::new(&[
        ("bok/book.toml", "[book]\ntitle = \"Webbläsartest\"\n"),
        (
            "bok/notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Rapporten](rapport.md)\n",
        ),
        ("bok/notebooks/rapport.md", &notebook("1111")),
    ]);
    let root = dir.path().join("bok");
    let file = root.join("notebooks/rapport.md");

    let server = serve(&root);
    let url = format!("http://{}/", server.addr);
    let (_browser, mut devtools) = launch(&chromium, &dir.path().join("profil"));
    devtools.open(&format!("{url}rapport.html"));
    devtools.wait_until(
        "document.readyState === 'complete' && document.body.innerText.includes('Beloppet är 1\u{a0}111 kronor')",
    );
    devtools.wait_until("document.documentElement.getAttribute('data-live') === '1'");
    devtools.eval("window.scrollTo(0, 1200); window.sammaSida = 'ja';");
    devtools.wait_until("window.scrollY === 1200");

    // Save by write-then-rename, as editors do.
    let tmp = file.with_file_name(".rapport.md.tmp");
    std::fs::write(&tmp, notebook("2222")).expect("write");
    std::fs::rename(&tmp, &file).expect("rename");

    devtools.wait_until("document.body.innerText.includes('Beloppet är 2\u{a0}222 kronor')");
    let state = devtools.eval("JSON.stringify([window.scrollY, window.sammaSida || 'omladdad'])");
    assert_eq!(
        state,
        json!("[1200,\"ja\"]"),
        "the page changed in place (no reload) at the same scroll position"
    );
}
