//! The browser editor end to end: in headless Chromium, a chapter's "Redigera" opens the
//! split view, a cell calling a built-in is typed with completion and saved with Ctrl+S, and
//! the page beside it updates; a file changed on disk meanwhile is a conflict, never
//! overwritten. Over HTTP: the Host check on every route, writes refused without the token
//! or from another origin, confinement, a new notebook, the data-file view and the language
//! service. Browser parts skip without Chromium (fail on CI).

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::chromium::{DevTools, chromium_or_skip, launch};
use common::{TempBook, serve};
use serde_json::{Value, json};

const NOTEBOOK: &str = "# Rapporten\n\nInledande text.\n\n```rhai\nlet t = read_csv(\"enheter.csv\");\nt.len()\n```\n\nAntal enheter: {{ t.len() }}.\n";

fn book() -> TempBook {
    TempBook::new(&[
        (
            "bok/book.toml",
            "[book]\ntitle = \"Redigeringstest\"\n[data]\ndir = \"data\"\n",
        ),
        (
            "bok/notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Rapporten](rapport.md)\n",
        ),
        ("bok/notebooks/rapport.md", NOTEBOOK),
        (
            "bok/data/enheter.csv",
            "Enhet;Belopp;Period\nA;10,5;2024-01\nB;20;2024-02\n",
        ),
    ])
}

struct Reply {
    status: u16,
    body: String,
}

/// A raw HTTP/1.1 request with exactly the headers given (no client adds any).
fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(head.as_bytes()).expect("send");
    s.write_all(body.as_bytes()).expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    // Chunked bodies: good enough for assertions on content.
    Reply {
        status,
        body: body.to_string(),
    }
}

fn get(addr: &str, path: &str) -> Reply {
    request(addr, "GET", path, &[("Host", addr)], "")
}

/// The per-server token, as the editor page carries it.
fn token(addr: &str) -> String {
    let page = get(addr, "/_rapportbok/redigera/rapport.html").body;
    let at = page
        .find("name=\"rapportbok-token\" content=\"")
        .expect("token meta")
        + "name=\"rapportbok-token\" content=\"".len();
    page[at..at + 32].to_string()
}

fn post(addr: &str, path: &str, token: &str, origin: &str, body: &Value) -> Reply {
    request(
        addr,
        "POST",
        path,
        &[
            ("Host", addr),
            ("Origin", origin),
            ("x-rapportbok-token", token),
            ("Content-Type", "application/json"),
        ],
        &body.to_string(),
    )
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn every_route_checks_the_host() {
    let dir = book();
    let server = serve(&dir.path().join("bok"));
    let addr = server.addr.as_str();
    let port = addr.rsplit(':').next().expect("port");
    for path in [
        "/",
        "/rapport.html",
        "/_rapportbok/handelser",
        "/_rapportbok/redigera/rapport.html",
        "/_rapportbok/redigerare/codemirror.js",
        "/_rapportbok/data/enheter.csv",
    ] {
        let r = request(addr, "GET", path, &[("Host", "evil.example")], "");
        assert_eq!(r.status, 421, "{path}: a foreign Host is refused");
        let r = request(
            addr,
            "GET",
            path,
            &[("Host", &format!("evil.example:{port}"))],
            "",
        );
        assert_eq!(r.status, 421, "{path}: DNS rebinding to the same port");
        assert!(r.body.contains("Fel adress"), "{}", r.body);
    }
    let r = request(addr, "GET", "/rapport.html", &[], "");
    assert_eq!(r.status, 421, "no Host at all");
    let local = format!("localhost:{port}");
    let r = request(addr, "GET", "/rapport.html", &[("Host", &local)], "");
    assert_eq!(r.status, 200, "localhost names the loopback server");
    assert!(
        common::plain_text(&r.body).contains("Antal enheter: 2."),
        "{}",
        r.body
    );
    // Blocks carry their notebook line, so the editor and the page follow each other.
    assert!(
        r.body
            .contains("<h1 id=\"rapporten\" data-line=\"1\">Rapporten</h1>"),
        "{}",
        r.body
    );
    assert!(r.body.contains("<p data-line=\"3\">Inledande text.</p>"));
    assert!(r.body.contains("<div class=\"cell\" data-line=\"5\">"));
}

#[test]
fn writes_need_the_token_and_the_servers_origin() {
    let dir = book();
    let root = dir.path().join("bok");
    let server = serve(&root);
    let addr = server.addr.as_str();
    let origin = format!("http://{addr}");
    let token = token(addr);
    let file = root.join("notebooks/rapport.md");
    let version = {
        let r = get(addr, "/_rapportbok/kalla/rapport.html");
        assert_eq!(r.status, 200);
        let v: Value = serde_json::from_str(r.body.trim()).expect("json");
        assert_eq!(v["text"], json!(NOTEBOOK));
        assert_eq!(v["fil"], json!("notebooks/rapport.md"));
        v["version"].as_str().expect("version").to_string()
    };
    let edit = json!({ "text": "# Ändrad\n", "version": version });
    let path = "/_rapportbok/spara/rapport.html";
    let foreign = post(addr, path, &token, "http://evil.example", &edit);
    assert_eq!(foreign.status, 403, "replayed from another origin");
    assert!(foreign.body.contains("annan webbplats"), "{}", foreign.body);
    let no_token = post(addr, path, "", &origin, &edit);
    assert_eq!(no_token.status, 403, "without the token");
    let wrong = post(
        addr,
        path,
        "0123456789abcdef0123456789abcdef",
        &origin,
        &edit,
    );
    assert_eq!(wrong.status, 403, "with a guessed token");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        NOTEBOOK,
        "nothing refused was written"
    );
    let ok = post(addr, path, &token, &origin, &edit);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "# Ändrad\n");
    // The same request again: the file is no longer at that version.
    let again = post(addr, path, &token, &origin, &edit);
    assert_eq!(again.status, 409);
    assert!(again.body.contains("ändrats på disken"), "{}", again.body);
    // Only notebooks of the book: not the front page, not a path out of it.
    for page in ["index.html", "../book.toml", "%2e%2e/x.html"] {
        let r = post(
            addr,
            &format!("/_rapportbok/spara/{page}"),
            &token,
            &origin,
            &edit,
        );
        assert_eq!(r.status, 403, "{page}: {}", r.body);
    }
}

#[cfg(unix)]
#[test]
fn a_notebook_that_became_a_link_is_never_written() {
    let dir = book();
    let root = dir.path().join("bok");
    let server = serve(&root);
    let addr = server.addr.as_str();
    let token = token(addr);
    // The book loaded with a plain file; now it is a link out of the book (the book no
    // longer loads, and the editor must not write through the link meanwhile).
    let outside = dir.path().join("utanfor.md");
    std::fs::write(&outside, "# Utanför\n").expect("outside");
    let file = root.join("notebooks/rapport.md");
    std::fs::remove_file(&file).expect("remove");
    std::os::unix::fs::symlink(&outside, &file).expect("link");
    let r = post(
        addr,
        "/_rapportbok/spara/rapport.html",
        &token,
        &format!("http://{addr}"),
        &json!({ "text": "# Skrivet\n", "version": "" }),
    );
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("länk"), "{}", r.body);
    assert_eq!(
        std::fs::read_to_string(&outside).expect("read"),
        "# Utanför\n"
    );
}

#[test]
fn a_new_notebook_gets_a_file_and_a_summary_entry() {
    let dir = book();
    let root = dir.path().join("bok");
    let server = serve(&root);
    let addr = server.addr.as_str();
    let token = token(addr);
    let origin = format!("http://{addr}");
    let r = post(
        addr,
        "/_rapportbok/ny",
        &token,
        &origin,
        &json!({ "titel": "Årets överskott" }),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("arets-overskott.html"), "{}", r.body);
    let text = std::fs::read_to_string(root.join("notebooks/arets-overskott.md")).expect("new");
    assert!(text.contains("title = \"Årets överskott\""), "{text}");
    assert_eq!(
        std::fs::read_to_string(root.join("notebooks/SUMMARY.md")).expect("summary"),
        "# Innehåll\n\n- [Rapporten](rapport.md)\n- [Årets överskott](arets-overskott.md)\n"
    );
    wait_for("the new page", || {
        get(addr, "/arets-overskott.html")
            .body
            .contains("Skriv texten här")
    });
    let twice = post(
        addr,
        "/_rapportbok/ny",
        &token,
        &origin,
        &json!({ "titel": "Årets överskott" }),
    );
    assert_eq!(twice.status, 409, "{}", twice.body);
}

#[test]
fn the_data_file_view_shows_columns_types_and_rows() {
    let dir = book();
    let server = serve(&dir.path().join("bok"));
    let addr = server.addr.as_str();
    let list = get(addr, "/_rapportbok/data/");
    assert_eq!(list.status, 200);
    assert!(
        list.body.contains("/_rapportbok/data/enheter.csv"),
        "{}",
        list.body
    );
    let view = get(addr, "/_rapportbok/data/enheter.csv").body;
    assert!(
        view.contains("<tr><td><code>Belopp</code></td><td>decimaltal</td></tr>"),
        "{view}"
    );
    assert!(
        view.contains("<tr><td><code>Period</code></td><td>period</td></tr>"),
        "{view}"
    );
    assert!(view.contains("<td>10,5</td>"), "{view}");
    assert!(view.contains("Alla 2 rader"), "{view}");
    assert_eq!(get(addr, "/_rapportbok/data/../book.toml").status, 404);
}

#[test]
fn the_language_service_over_http() {
    let dir = book();
    let server = serve(&dir.path().join("bok"));
    let addr = server.addr.as_str();
    let token = token(addr);
    let origin = format!("http://{addr}");
    let text = "# R\n\n```rhai\nlet t = read_csv(\"enheter.csv\");\nt[\"Be\n```\n";
    let r = post(
        addr,
        "/_rapportbok/sprak/komplettering/rapport.html",
        &token,
        &origin,
        &json!({ "text": text, "rad": 5, "kolumn": 6 }),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v: Value = serde_json::from_str(r.body.trim()).expect("json");
    assert_eq!(v["items"][0]["label"], json!("Belopp"), "{v}");
    assert_eq!(
        v["items"][0]["detail"],
        json!("decimaltal, kolumn i enheter.csv")
    );
    assert_eq!(v["from"], json!({ "line": 5, "col": 4 }));

    let broken = "# R\n\n```rhai\nlet x = 1;\nlet y = x +* 2;\n```\n";
    let r = post(
        addr,
        "/_rapportbok/sprak/diagnoser/rapport.html",
        &token,
        &origin,
        &json!({ "text": broken }),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v: Value = serde_json::from_str(r.body.trim()).expect("json");
    assert_eq!(v[0]["line"], json!(5), "{v}");
    assert!(v[0]["col"].as_u64().is_some_and(|c| c >= 11), "{v}");

    // A cell that fails only because the set-up cell above failed is its följdfel.
    let chain =
        "# R\n\n```rhai\nlet t = read_csv(\"finns-inte.csv\");\n```\n\n```rhai\nt.len()\n```\n";
    let r = post(
        addr,
        "/_rapportbok/sprak/diagnoser/rapport.html",
        &token,
        &origin,
        &json!({ "text": chain }),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v: Value = serde_json::from_str(r.body.trim()).expect("json");
    let problems = v.as_array().expect("a list");
    assert_eq!(problems.len(), 2, "{v}");
    assert_eq!(problems[0]["line"], json!(4), "{v}");
    assert_eq!(problems[0]["consequence"], json!(false), "{v}");
    assert_eq!(problems[1]["line"], json!(8), "{v}");
    assert_eq!(problems[1]["consequence"], json!(true), "{v}");
    assert!(
        problems[1]["hint"]
            .as_str()
            .is_some_and(|h| h.contains("rad 4")),
        "{v}"
    );

    let r = post(
        addr,
        "/_rapportbok/sprak/info/rapport.html",
        &token,
        &origin,
        &json!({ "text": NOTEBOOK, "rad": 10, "kolumn": 20 }),
    );
    let v: Value = serde_json::from_str(r.body.trim()).expect("json");
    assert_eq!(v["text"], json!("Värde nu: 2"), "{v}");
    let r = post(
        addr,
        "/_rapportbok/sprak/komplettering/rapport.html",
        &token,
        "http://evil.example",
        &json!({ "text": text, "rad": 5, "kolumn": 6 }),
    );
    assert_eq!(
        r.status, 403,
        "the language service is not for other sites either"
    );
}

fn key(dt: &mut DevTools, key: &str, code: &str, vk: u32, modifiers: u32) {
    for kind in ["rawKeyDown", "keyUp"] {
        dt.call(
            "Input.dispatchKeyEvent",
            json!({
                "type": kind, "key": key, "code": code, "modifiers": modifiers,
                "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk
            }),
        );
    }
}

fn type_text(dt: &mut DevTools, text: &str) {
    dt.call("Input.insertText", json!({ "text": text }));
}

const IN_FRAME: &str = "document.getElementById('sida').contentDocument.body.innerText";

#[test]
fn write_a_cell_with_completion_save_and_see_the_page() {
    let Some(chromium) = chromium_or_skip("editor browser test") else {
        return;
    };
    let dir = book();
    let root = dir.path().join("bok");
    let file = root.join("notebooks/rapport.md");
    let server = serve(&root);
    let addr = server.addr.clone();
    let (_browser, mut dt) = launch(&chromium, &dir.path().join("profil"));
    dt.open(&format!("http://{addr}/rapport.html"));
    dt.wait_until("document.readyState === 'complete' && !!document.querySelector('a.edit-link')");
    assert_eq!(
        dt.eval("document.querySelector('a.edit-link').textContent"),
        json!("Redigera")
    );
    dt.eval("document.querySelector('a.edit-link').click()");
    dt.wait_until("location.pathname === '/_rapportbok/redigera/rapport.html' && document.readyState === 'complete'");
    dt.wait_until("!!window.rapportbokRedigerare");
    dt.wait_until(&format!("{IN_FRAME}.includes('Antal enheter: 2')"));

    // Type a cell at the end, choosing the built-in from the completion list.
    dt.eval("const v = window.rapportbokRedigerare; v.focus(); v.dispatch({selection: {anchor: v.state.doc.length}})");
    type_text(&mut dt, "\n```rhai\n");
    type_text(&mut dt, "fm");
    key(&mut dt, " ", "Space", 32, 2); // Ctrl+Space
    dt.wait_until("[...document.querySelectorAll('.cm-tooltip-autocomplete [role=option]')].some(o => o.textContent.startsWith('fmt'))");
    assert_eq!(
        dt.eval("document.querySelector('.cm-tooltip-autocomplete ul').getAttribute('role')"),
        json!("listbox")
    );
    dt.wait_until("document.querySelector('.cm-tooltip-autocomplete [aria-selected=true]').textContent.startsWith('fmt')");
    // CodeMirror ignores Enter for 75 ms after the list opens (no accidental choice).
    std::thread::sleep(Duration::from_millis(200));
    key(&mut dt, "Enter", "Enter", 13, 0);
    let deadline = Instant::now() + Duration::from_secs(10);
    while dt.eval("window.rapportbokRedigerare.state.doc.toString().endsWith('fmt')") != json!(true)
    {
        assert!(
            Instant::now() < deadline,
            "completion did not insert fmt: {}",
            dt.eval("window.rapportbokRedigerare.state.doc.toString()")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    type_text(&mut dt, "(1234.5, 1)\n```\n");
    key(&mut dt, "s", "KeyS", 83, 2); // Ctrl+S
    let deadline = Instant::now() + Duration::from_secs(20);
    while dt.eval(&format!("{IN_FRAME}.includes('1\u{a0}234,5')")) != json!(true) {
        assert!(
            Instant::now() < deadline,
            "the page did not update; status {}, file {:?}, page {}",
            dt.eval("document.getElementById('status').textContent"),
            std::fs::read_to_string(&file),
            dt.eval(IN_FRAME)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    dt.wait_until("document.getElementById('status').textContent.startsWith('Sparat')");
    let saved = std::fs::read_to_string(&file).expect("read");
    assert!(
        saved.ends_with("```rhai\nfmt(1234.5, 1)\n```\n"),
        "{saved:?}"
    );

    if let Some(path) = std::env::var_os("RAPPORTBOK_SKARMBILD") {
        let shot = dt.call("Page.captureScreenshot", json!({ "format": "png" }));
        let png = base64_decode(shot["data"].as_str().unwrap_or(""));
        std::fs::write(path, png).expect("screenshot");
    }

    // Someone else saves the file meanwhile: the editor's save is a conflict, not a write.
    std::fs::write(&file, "# Ändrad av någon annan\n").expect("external");
    dt.eval("const x = window.rapportbokRedigerare; x.dispatch({changes: {from: 0, insert: 'Ny rad\\n'}})");
    key(&mut dt, "s", "KeyS", 83, 2);
    dt.wait_until("!document.getElementById('konflikt').hidden");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "# Ändrad av någon annan\n",
        "the change on disk is kept"
    );
    assert_eq!(
        dt.eval("document.getElementById('disk-text').textContent"),
        json!("# Ändrad av någon annan\n")
    );

    // A write replayed from another origin, with the page's own token, is refused.
    let token = dt
        .eval("document.querySelector('meta[name=rapportbok-token]').content")
        .as_str()
        .expect("token")
        .to_string();
    let r = post(
        &addr,
        "/_rapportbok/spara/rapport.html",
        &token,
        "http://evil.example",
        &json!({ "text": "# Kapad\n", "version": "" }),
    );
    assert_eq!(r.status, 403);
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "# Ändrad av någon annan\n"
    );
}

/// Standard base64 (the DevTools screenshot), without a crate for one test.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(value(c)) << (18 - 6 * i);
        }
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// Enter as a keyboard gives it (with its character, which is what follows a link).
fn enter(dt: &mut DevTools) {
    dt.call(
        "Input.dispatchKeyEvent",
        json!({ "type": "keyDown", "key": "Enter", "code": "Enter", "text": "\r",
                "unmodifiedText": "\r", "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13 }),
    );
    dt.call(
        "Input.dispatchKeyEvent",
        json!({ "type": "keyUp", "key": "Enter", "code": "Enter",
                "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13 }),
    );
}

/// Press Tab until `focused` is true in the page; how many presses it took.
fn tab_until(dt: &mut DevTools, focused: &str, most: usize) -> usize {
    for n in 1..=most {
        key(dt, "Tab", "Tab", 9, 0);
        if dt.eval(focused) == json!(true) {
            return n;
        }
    }
    panic!(
        "Tab never reached `{focused}`; focus is on {}",
        dt.eval("document.activeElement.outerHTML.slice(0, 120)")
    );
}

const SELECTED: &str = "(document.querySelector('.cm-tooltip-autocomplete [aria-selected=true] .cm-completionLabel') || {}).textContent";

#[test]
fn the_keyboard_alone_reaches_the_editor_completion_save_and_the_page() {
    let Some(chromium) = chromium_or_skip("editor keyboard test") else {
        return;
    };
    let dir = book();
    let root = dir.path().join("bok");
    let file = root.join("notebooks/rapport.md");
    let server = serve(&root);
    let (_browser, mut dt) = launch(&chromium, &dir.path().join("profil"));
    dt.open(&format!("http://{}/rapport.html", server.addr));
    dt.wait_until("document.readyState === 'complete' && !!document.querySelector('a.edit-link')");

    // Tab reaches "Redigera" in the page's header, Enter follows it.
    tab_until(
        &mut dt,
        "document.activeElement.classList.contains('edit-link')",
        20,
    );
    assert_eq!(
        dt.eval("document.activeElement.textContent"),
        json!("Redigera")
    );
    enter(&mut dt);
    dt.wait_until("location.pathname === '/_rapportbok/redigera/rapport.html' && document.readyState === 'complete' && !!window.rapportbokRedigerare");
    // The text has the focus at once: typing needs no click.
    dt.wait_until("!!document.activeElement.closest('.cm-content')");

    // Ctrl+End, a new cell, and a built-in chosen from the completion list with the arrows.
    key(&mut dt, "End", "End", 35, 2);
    type_text(&mut dt, "\n```rhai\nf");
    key(&mut dt, " ", "Space", 32, 2); // Ctrl+Space
    dt.wait_until("document.querySelectorAll('.cm-tooltip-autocomplete [role=option]').length > 1");
    // The list as typing "f" and Ctrl+Space left it (their answers may arrive in turn).
    std::thread::sleep(Duration::from_millis(300));
    let first = dt.eval(SELECTED).as_str().unwrap_or_default().to_string();
    key(&mut dt, "ArrowDown", "ArrowDown", 40, 0);
    dt.wait_until(&format!("{SELECTED} !== {first:?}"));
    let mut presses = 0;
    while dt.eval(SELECTED) != json!("fmt") {
        presses += 1;
        assert!(presses < 200, "fmt is never selected with ArrowDown");
        key(&mut dt, "ArrowDown", "ArrowDown", 40, 0);
    }
    // CodeMirror ignores Enter for 75 ms after the list opens (no accidental choice).
    std::thread::sleep(Duration::from_millis(200));
    key(&mut dt, "Enter", "Enter", 13, 0);
    dt.wait_until("window.rapportbokRedigerare.state.doc.toString().endsWith('\\nfmt')");
    type_text(&mut dt, "(1234.5, 1)\n```\n");

    // Ctrl+S saves; the page beside it shows the value.
    key(&mut dt, "s", "KeyS", 83, 2);
    dt.wait_until(&format!("{IN_FRAME}.includes('1\u{a0}234,5')"));
    dt.wait_until("document.getElementById('status').textContent.startsWith('Sparat')");
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .ends_with("```rhai\nfmt(1234.5, 1)\n```\n")
    );

    // Esc, then Tab leaves the text and reaches the page beside it, and Tab goes on into it.
    key(&mut dt, "Escape", "Escape", 27, 0);
    tab_until(
        &mut dt,
        "document.activeElement === document.getElementById('sida')",
        10,
    );
    let inside = "document.getElementById('sida').contentDocument.activeElement";
    dt.wait_until(&format!("{inside} && {inside}.tagName === 'A'"));
    assert_eq!(
        dt.eval(&format!("{inside}.textContent")),
        json!("Hoppa till innehållet"),
        "the page's own first stop, its skip link"
    );
}
