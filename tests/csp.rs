//! Issue 12 item 18: every page carries a Content-Security-Policy that forbids resources from
//! elsewhere and inline script, and the pages need nothing it forbids — checked on every
//! page of the example book, and in Chromium, which reports each violation.

mod common;

use std::path::Path;

use rapportbok::render::csp;
use rapportbok::render::scan::{Token, tokens};
use serde_json::json;

use common::chromium::{chromium_or_skip, file_url, launch};

/// The policy a page declares in its `<meta http-equiv>`.
fn declared_policy(html: &str) -> Option<String> {
    tokens(html).into_iter().find_map(|t| {
        (t.attr("http-equiv") == Some("Content-Security-Policy"))
            .then(|| t.attr("content").unwrap_or_default().to_string())
    })
}

/// The text of each inline `<style>` block.
fn inline_styles(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<style") {
        let after = &rest[open..];
        let Some(gt) = after.find('>') else { break };
        let Some(close) = after.find("</style>") else {
            break;
        };
        out.push(&after[gt + 1..close]);
        rest = &after[close..];
    }
    out
}

/// What in `html` the policy would block, or what would weaken it.
fn problems(page: &str, html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(policy) = declared_policy(html) else {
        return vec![format!("{page}: no Content-Security-Policy")];
    };
    if !html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\"") {
        out.push(format!("{page}: the policy is not the first thing in <head>"));
    }
    for needed in [
        "default-src 'none'",
        "script-src 'self';",
        "img-src 'self' data:",
        "connect-src 'none'",
        "base-uri 'none'",
    ] {
        if !policy.contains(needed) {
            out.push(format!("{page}: policy lacks {needed}: {policy}"));
        }
    }
    if policy.contains("unsafe") {
        out.push(format!("{page}: policy allows unsafe sources: {policy}"));
    }
    for style in inline_styles(html) {
        if !policy.contains(&csp::hash(style)) {
            out.push(format!("{page}: an inline <style> not in the policy"));
        }
    }
    for token in tokens(html) {
        let Token::Start { name, attrs, line } = &token else {
            continue;
        };
        if name == "script" && token.attr("src").is_none() {
            out.push(format!("{page}:{line}: an inline <script>"));
        }
        for (attr, value) in attrs {
            if attr.starts_with("on") || attr == "style" {
                out.push(format!("{page}:{line}: <{name} {attr}=…>"));
            }
            if matches!(attr.as_str(), "src" | "href" | "action") && value.contains("://") {
                out.push(format!(
                    "{page}:{line}: <{name} {attr}=\"{value}\"> fetches from elsewhere"
                ));
            }
        }
    }
    out
}

fn html_pages(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read site") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            html_pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn every_page_of_the_example_book_carries_the_policy_and_needs_nothing_it_forbids() {
    let site = common::example_site();
    let mut pages = Vec::new();
    html_pages(site, &mut pages);
    assert!(pages.len() > 20, "{} pages", pages.len());
    let mut found = Vec::new();
    for path in &pages {
        let html = std::fs::read_to_string(path).expect("page");
        let name = path
            .strip_prefix(site)
            .unwrap_or(path)
            .display()
            .to_string();
        found.extend(problems(&name, &html));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The check finds what it looks for.
    let bad = "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
               <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'\">\n\
               <style>p{}</style></head><body><p style=\"x\" onclick=\"y\">t</p><script>z()</script>\
               <img src=\"https://evil.example/t.png\"></body></html>";
    assert_eq!(problems("bad", bad).len(), 5, "{:?}", problems("bad", bad));
}

/// Record every violation the page reports, from before its first script runs.
const RECORD: &str = "window.__csp = []; document.addEventListener('securitypolicyviolation', \
     e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));";

#[test]
fn chromium_reports_no_violation_on_the_example_pages() {
    let Some(chromium) = chromium_or_skip("CSP browser test") else {
        return;
    };
    let site = common::example_site();
    let profile = tempfile::tempdir().expect("profile");
    let (_browser, mut devtools) = launch(&chromium, profile.path());
    devtools.open("about:blank");
    devtools.call("Page.enable", json!({}));
    devtools.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": RECORD }),
    );
    // A page that breaks the policy: the recording sees it, so silence below means something.
    let bad = profile.path().join("bad.html");
    std::fs::write(
        &bad,
        format!(
            "<!DOCTYPE html><html><head>{}</head><body><p style=\"color:red\">x</p><script>document.title='ran'</script></body></html>",
            csp::meta(&csp::policy(csp::Mode::Site, csp::Styles::Hashed(&[])))
        ),
    )
    .expect("bad page");
    devtools.navigate(&file_url(&bad));
    devtools.wait_until("window.__csp.length >= 2");
    assert_ne!(devtools.eval("document.title"), json!("ran"));

    for page in [
        "index.html",
        "handbok/diagram.html",
        "handbok/format.html",
        "handbok/sok-och-nedladdning.html",
        "hsf-2023-02/ekonomi.html",
    ] {
        devtools.navigate(&file_url(&site.join(page)));
        // The charts are drawn and the page styled (the theme's font applies).
        assert_ne!(
            devtools.eval("getComputedStyle(document.body).fontFamily"),
            json!("\"Times New Roman\""),
            "{page}: the theme did not apply"
        );
        assert_eq!(
            devtools.eval("JSON.stringify(window.__csp)"),
            json!("[]"),
            "{page}"
        );
    }
    // The search page runs its scripts from files and finds sections.
    devtools.navigate(&format!("{}?q=budget", file_url(&site.join("sok.html"))));
    devtools.wait_until("document.querySelectorAll('#sok-traffar li').length > 0");
    assert_eq!(
        devtools.eval("JSON.stringify(window.__csp)"),
        json!("[]"),
        "sok.html"
    );
}
