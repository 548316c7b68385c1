//! `rapportbok serve` end to end: a real server on an ephemeral port against a temporary book.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::{TempBook, serve};

const WAIT: Duration = Duration::from_secs(20);

struct Response {
    status: u16,
    headers: String,
    body: String,
}

/// A raw HTTP/1.1 GET, so the path goes out exactly as written (no client normalisation).
fn get(addr: &str, path: &str) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// One `sida` event: page, run counts, HTML.
#[derive(Debug)]
struct PageEvent {
    page: String,
    stats: String,
    html: String,
}

/// Subscribe to the event stream; events arrive on the returned channel.
fn subscribe(addr: &str) -> Receiver<PageEvent> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /_rapportbok/handelser HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    // The server subscribes before it answers, so once the response head is here, no
    // update can be missed. (Waiting a while instead would be a race.)
    let mut reader = BufReader::new(s);
    let mut status = String::new();
    reader.read_line(&mut status).expect("status line");
    assert!(status.contains(" 200 "), "event stream: {status}");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut data: Vec<String> = Vec::new();
        let mut event = String::new();
        for line in reader.lines() {
            let Ok(line) = line else { break };
            // Chunked transfer: size lines are noise here, data lines start with the field name.
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(d) = line.strip_prefix("data: ").or(line.strip_prefix("data:")) {
                data.push(d.to_string());
            } else if line.is_empty() && !data.is_empty() {
                if event == "sida" && data.len() >= 2 {
                    let e = PageEvent {
                        page: data[0].clone(),
                        stats: data[1].clone(),
                        html: data[2..].join("\n"),
                    };
                    if tx.send(e).is_err() {
                        break;
                    }
                }
                data.clear();
                event.clear();
            }
        }
    });
    rx
}

/// The first event for `page` whose HTML satisfies `want`.
fn wait_for(rx: &Receiver<PageEvent>, page: &str, want: impl Fn(&str) -> bool) -> PageEvent {
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(e) if e.page == page && want(&e.html) => return e,
            Ok(_) => continue,
            Err(_) => panic!("no event for {page} with the expected content"),
        }
    }
}

/// Save as editors do: write a temporary file beside it, then rename over the original.
fn save(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().expect("name").to_string_lossy()
    ));
    std::fs::write(&tmp, text).expect("write tmp");
    std::fs::rename(&tmp, path).expect("rename");
}

const CHAPTER: &str = "# Kapitel

```rhai
let bas = 40 + 2;
bas
```

Summan är {{ bas * 2 }} kronor.

```rhai
let rader = read_text(\"ledger.txt\").split(\"\\n\").len();
rader
```

```rhai
bas + 1
```
";

/// A book of two chapters with a data file and tight limits, in a temporary folder.
fn book() -> TempBook {
    TempBook::new(&[
        (
            "book.toml",
            "[book]\ntitle = \"Testbok\"\n[data]\ndir = \"data\"\n[limits]\ntimeout-ms = 1500\nmax-operations = 100000000000\n",
        ),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Kapitel](kap.md)\n- [Annat](annat.md)\n",
        ),
        ("notebooks/kap.md", CHAPTER),
        ("notebooks/annat.md", "# Annat\n\nInget här.\n"),
        ("data/ledger.txt", "a\nb\nc"),
    ])
}

fn run_header(r: &Response) -> String {
    r.headers
        .lines()
        .find_map(|l| l.strip_prefix("x-rapportbok-korning: "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn edits_reach_open_pages_and_only_affected_cells_rerun() {
    let dir = book();
    let root = dir.path().to_path_buf();
    let server = serve(&root);
    assert!(
        server.addr.starts_with("127.0.0.1:"),
        "binds loopback by default"
    );
    let first = get(&server.addr, "/kap.html");
    assert_eq!(first.status, 200);
    assert!(first.body.contains("Summan är <span class=\"inline-value\" title=\"{{ bas * 2 }} (rad 8)\" data-line=\"8\">84</span> kronor."), "{}", first.body);
    assert_eq!(run_header(&first), "korda=3 ateranvanda=0");
    assert!(
        first.body.contains("/_rapportbok/handelser"),
        "preview pages carry the live-reload script"
    );

    let events = subscribe(&server.addr);
    let kap = root.join("notebooks/kap.md");

    // (a) Prose only, and a line added above the cells: nothing runs.
    let text = CHAPTER.replace("# Kapitel\n", "# Kapitel\n\nEn ny inledning.\n");
    save(&kap, &text);
    let e = wait_for(&events, "kap.html", |h| h.contains("En ny inledning."));
    assert_eq!(e.stats, "korda=0 ateranvanda=3");
    assert!(
        e.html.contains("(rad 10)\" data-line=\"10\">84</span>"),
        "inline moved with its line"
    );

    // (b) The last cell: only it runs.
    let text = text.replace("bas + 1", "bas + 2");
    save(&kap, &text);
    let e = wait_for(&events, "kap.html", |h| {
        h.contains("<p>44</p>") || h.contains(">44<")
    });
    assert_eq!(e.stats, "korda=1 ateranvanda=2");

    // (c) The data file: the cell that read it (the last cell does not name `rader`).
    std::fs::write(root.join("data/ledger.txt"), "a\nb\nc\nd\ne").expect("data");
    let e = wait_for(&events, "kap.html", |h| h.contains(">5<"));
    assert_eq!(e.stats, "korda=1 ateranvanda=2");

    // (d) The first cell: it and the items that name `bas` run; the data cell is kept.
    let text = text.replace("40 + 2", "40 + 3");
    save(&kap, &text);
    let e = wait_for(&events, "kap.html", |h| h.contains(">86</span>"));
    assert_eq!(e.stats, "korda=2 ateranvanda=1");
    assert!(
        e.html.contains(">45<") && e.html.contains(">5<"),
        "{}",
        e.html
    );
    assert_eq!(
        run_header(&get(&server.addr, "/kap.html")),
        "korda=2 ateranvanda=1"
    );
}

#[test]
fn errors_show_in_the_page_and_the_server_survives() {
    let dir = book();
    let root = dir.path().to_path_buf();
    let server = serve(&root);
    let events = subscribe(&server.addr);
    let kap = root.join("notebooks/kap.md");

    // A failing cell: its error box, linked to its line in the source listing.
    save(&kap, &CHAPTER.replace("bas + 1", "bas + okand"));
    let e = wait_for(&events, "kap.html", |h| h.contains("class=\"cell-error"));
    assert!(e.html.contains("Fel i cellen på rad 16"), "{}", e.html);
    assert!(e.html.contains("href=\"#rad-16\""));
    assert!(
        e.html
            .contains("<span id=\"rad-16\" class=\"source-line has-error\">")
    );
    assert!(e.html.contains(">84</span>"), "the cells before still show");

    // A notebook that cannot be read: a banner above the last good render.
    std::fs::write(&kap, b"# Kapitel\n\n\xff\xfe trasig\n").expect("write");
    let e = wait_for(&events, "kap.html", |h| {
        h.contains("Notebooken kan inte läsas")
    });
    assert!(e.html.contains("inte sparad som UTF-8"));
    assert!(
        e.html.contains("Fel i cellen på rad 16"),
        "last good render kept"
    );

    // A cell that never ends is stopped; other pages are served meanwhile.
    save(&kap, &CHAPTER.replace("bas + 1", "loop { }"));
    let other = get(&server.addr, "/annat.html");
    assert_eq!(other.status, 200);
    assert!(other.body.contains("Inget här."));
    let e = wait_for(&events, "kap.html", |h| {
        h.contains("class=\"cell-error") && !h.contains("UTF-8")
    });
    assert!(e.html.contains("Fel i cellen på rad 16"), "{}", e.html);
    assert!(
        e.html.contains("timeout-ms"),
        "stopped by the timeout: {}",
        e.html
    );

    // A bad book.toml: the error on every page, last good content kept.
    let toml = std::fs::read_to_string(root.join("book.toml")).expect("toml");
    save(
        &root.join("book.toml"),
        &toml.replace("[book]", "[book]\ntitel = \"x\""),
    );
    let e = wait_for(&events, "annat.html", |h| {
        h.contains("Boken kan inte läsas in")
    });
    assert!(e.html.contains("Inget här."));
    assert!(e.html.contains("book.toml:2"), "{}", e.html);
    for page in [
        "/",
        "/kap.html",
        "/annat.html",
        "/sok.html",
        "/referens/inbyggda.html",
    ] {
        let r = get(&server.addr, page);
        assert_eq!(r.status, 200);
        assert!(r.body.contains("Boken kan inte läsas in"), "{page}");
    }
    // Fixed again: the banner goes.
    save(&root.join("book.toml"), &toml);
    wait_for(&events, "annat.html", |h| {
        !h.contains("Boken kan inte läsas in")
    });
    assert!(
        !get(&server.addr, "/kap.html")
            .body
            .contains("Boken kan inte läsas in")
    );
}

#[test]
fn only_rendered_pages_are_served() {
    let dir = book();
    let root = dir.path().to_path_buf();
    std::fs::write(dir.path().join("hemlig.txt"), "HEMLIGT").expect("secret");
    let server = serve(&root);
    assert_eq!(get(&server.addr, "/").status, 200);
    assert_eq!(get(&server.addr, "/index.html").status, 200);
    for path in [
        "/book.toml",
        "/notebooks/kap.md",
        "/kap.md",
        "/data/ledger.txt",
        "/../hemlig.txt",
        "/../../etc/passwd",
        "/%2e%2e/hemlig.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/kap.html/../../hemlig.txt",
        "/..%2fhemlig.txt",
        "/..%5chemlig.txt",
        "/%252e%252e/hemlig.txt",
        "//etc/passwd",
        "/%00",
    ] {
        let r = get(&server.addr, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.body.contains("HEMLIGT") && !r.body.contains("root:"),
            "{path}"
        );
    }
    // Nothing writes without the editor's token (and never to a page path).
    let mut s = TcpStream::connect(&server.addr).expect("connect");
    write!(
        s,
        "PUT /kap.html HTTP/1.1\r\nHost: {}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi",
        server.addr
    )
    .expect("send");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("read");
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
}

#[test]
fn built_sites_never_carry_the_live_reload_script() {
    let dir = book();
    let root = dir.path().to_path_buf();
    let out = dir.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_rapportbok"))
        .args(["build", "--book"])
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::null())
        .status()
        .expect("build");
    assert!(status.success());
    let page = std::fs::read_to_string(out.join("kap.html")).expect("page");
    assert!(page.contains("kronor"));
    assert!(!page.contains("EventSource") && !page.contains("_rapportbok"));
    assert!(!page.contains("title=\"{{"), "no preview markup in builds");
}

#[test]
fn a_plugin_in_any_search_path_is_watched() {
    let dir = book();
    let root = dir.path().to_path_buf();
    let plugin = root.join("gemensamt/moms");
    std::fs::create_dir_all(&plugin).expect("mkdir");
    std::fs::write(
        plugin.join("plugin.toml"),
        "name = \"moms\"\nversion = \"0.1.0\"\ndescription = \"Moms.\"\nowner = \"Ekonomi\"\nrapportbok = \">=0.0.0\"\n",
    )
    .expect("manifest");
    std::fs::write(plugin.join("moms.rhai"), "fn sats() { 25 }\n").expect("script");
    let toml = std::fs::read_to_string(root.join("book.toml")).expect("toml");
    std::fs::write(
        root.join("book.toml"),
        format!("{toml}[plugins]\npaths = [\"gemensamt\"]\nrequire = {{ moms = \"0.1\" }}\n"),
    )
    .expect("toml");
    std::fs::write(
        root.join("notebooks/annat.md"),
        "# Annat\n\n```rhai\nimport \"moms\" as m;\nm::sats()\n```\n",
    )
    .expect("annat");
    let server = serve(&root);
    let events = subscribe(&server.addr);
    assert!(get(&server.addr, "/annat.html").body.contains(">25<"));
    // Not under plugins/: before, the preview never noticed. The lock now disagrees.
    save(&plugin.join("moms.rhai"), "fn sats() { 12 }\n");
    let e = wait_for(&events, "annat.html", |h| {
        h.contains("Boken kan inte läsas in")
    });
    assert!(
        e.html.contains("har ändrats sedan det låstes"),
        "{}",
        e.html
    );
}

#[test]
fn the_preview_has_the_same_reference_part_as_the_build() {
    let dir = book();
    let root = dir.path().to_path_buf();
    let server = serve(&root);
    let reference = get(&server.addr, "/referens/inbyggda.html");
    assert_eq!(reference.status, 200, "{}", reference.body);
    assert!(
        reference.body.contains("read_csv"),
        "built-in functions listed"
    );
    let chapter = get(&server.addr, "/kap.html");
    assert!(
        chapter
            .body
            .contains("<p class=\"part-title\">Referens</p>"),
        "the sidebar has the Referens part: {}",
        chapter.body
    );
}

#[test]
fn the_search_index_follows_edits_and_keeps_unchanged_pages() {
    let dir = book();
    let root = dir.path().to_path_buf();
    let server = serve(&root);
    let events = subscribe(&server.addr);
    let before = get(&server.addr, "/sok-index.js").body;
    assert!(before.contains("Inget här."), "{before}");
    assert!(before.contains("Summan är 84 kronor."), "{before}");
    save(
        &root.join("notebooks/annat.md"),
        "# Annat\n\n## Vårdplatser\n\nBeläggningen steg.\n",
    );
    wait_for(&events, "annat.html", |h| h.contains("Beläggningen steg."));
    let after = get(&server.addr, "/sok-index.js").body;
    assert!(after.contains("Beläggningen steg."), "{after}");
    assert!(after.contains("\"Vårdplatser\""), "{after}");
    assert!(!after.contains("Inget här."), "{after}");
    assert!(
        after.contains("Summan är 84 kronor."),
        "the unchanged page stays: {after}"
    );
}

#[test]
fn the_preview_serves_table_downloads_and_the_search_page() {
    let dir = book();
    let root = dir.path().to_path_buf();
    std::fs::write(
        root.join("notebooks/annat.md"),
        "# Annat\n\n```rhai\ntable([\"Enhet\", \"Utfall\"], [[\"Norr\", 1234.5]]).title(\"Utfall\")\n```\n",
    )
    .expect("annat");
    let server = serve(&root);
    let page = get(&server.addr, "/annat.html");
    assert!(
        page.body.contains("href=\"annat_utfall.xlsx\""),
        "{}",
        page.body
    );
    let xlsx = get(&server.addr, "/annat_utfall.xlsx");
    assert_eq!(xlsx.status, 200);
    assert!(
        xlsx.headers.contains(
            "content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
        "{}",
        xlsx.headers
    );
    assert!(xlsx.body.starts_with("PK"), "an xlsx (zip) file");
    let csv = get(&server.addr, "/annat_utfall.csv");
    assert!(
        csv.headers.contains("content-type: text/csv"),
        "{}",
        csv.headers
    );
    assert_eq!(csv.body, "\u{feff}Enhet;Utfall\r\nNorr;1234,5\r\n");
    let index = get(&server.addr, "/sok-index.js");
    assert!(
        index.headers.contains("content-type: text/javascript"),
        "{}",
        index.headers
    );
    assert!(index.body.contains("\"h\":\"Annat\"") || index.body.contains("\"t\":\"Annat\""));
    assert_eq!(get(&server.addr, "/sok.html").status, 200);
}

#[test]
fn serving_follows_src_and_data_dir_when_book_toml_moves_them() {
    let dir = book();
    let root = dir.path().to_path_buf();
    std::fs::create_dir_all(root.join("kapitel2")).expect("mkdir");
    std::fs::create_dir_all(root.join("data2")).expect("mkdir");
    std::fs::write(
        root.join("kapitel2/SUMMARY.md"),
        "# Innehåll\n\n- [Kapitel](kap.md)\n",
    )
    .expect("summary");
    std::fs::write(
        root.join("kapitel2/kap.md"),
        CHAPTER.replace("# Kapitel", "# Kapitel i nya mappen"),
    )
    .expect("kap");
    std::fs::write(root.join("data2/ledger.txt"), "a\nb\nc\nd").expect("data");
    let server = serve(&root);
    let events = subscribe(&server.addr);
    let first = get(&server.addr, "/kap.html").body;
    assert!(
        first.contains(">Kapitel</h1>") && first.contains(">3<"),
        "{first}"
    );

    // book.toml now names other folders: the book is loaded from them.
    save(
        &root.join("book.toml"),
        "[book]\ntitle = \"Testbok\"\nsrc = \"kapitel2\"\n[data]\ndir = \"data2\"\n",
    );
    let e = wait_for(&events, "kap.html", |h| h.contains("Kapitel i nya mappen"));
    assert!(e.html.contains(">4<"), "the ledger from data2: {}", e.html);

    // A notebook saved in the new source folder reaches the page ...
    let kap = root.join("kapitel2/kap.md");
    save(
        &kap,
        &CHAPTER.replace("# Kapitel", "# Kapitel, sparat i nya mappen"),
    );
    wait_for(&events, "kap.html", |h| {
        h.contains("Kapitel, sparat i nya mappen")
    });
    // ... and so does a data file changed in the new data folder.
    save(&root.join("data2/ledger.txt"), "a\nb\nc\nd\ne\nf\ng");
    let e = wait_for(&events, "kap.html", |h| h.contains(">7<"));
    assert_eq!(e.stats, "korda=1 ateranvanda=2", "the cell that read it");
    let page = get(&server.addr, "/kap.html").body;
    assert!(page.contains("Kapitel, sparat i nya mappen") && page.contains(">7<"));

    // The old folders are no longer the book: a change there is not shown.
    save(&root.join("notebooks/kap.md"), "# Gammal mapp\n");
    save(&root.join("data/ledger.txt"), "x");
    save(&kap, &CHAPTER.replace("# Kapitel", "# Sista versionen"));
    let e = wait_for(&events, "kap.html", |h| h.contains("Sista versionen"));
    assert!(e.html.contains(">7<") && !e.html.contains("Gammal mapp"));
}

/// The `sida` events for `page` that arrive until `marker` (another page) is updated by
/// `then`, plus a further half second: what one save sent.
fn events_for(
    events: &Receiver<PageEvent>,
    page: &str,
    marker: &str,
    then: impl FnOnce(),
) -> Vec<PageEvent> {
    let mut seen = vec![wait_for(events, page, |_| true)];
    // Whatever the save still has on its way is sent before the marker's change.
    std::thread::sleep(Duration::from_millis(500));
    then();
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(e) if e.page == marker => break,
            Ok(e) if e.page == page => seen.push(e),
            Ok(_) => {}
            Err(_) => panic!("no event for the marker page {marker}"),
        }
    }
    std::thread::sleep(Duration::from_millis(500));
    seen.extend(events.try_iter().filter(|e| e.page == page));
    seen
}

/// A raw POST as the browser editor sends it (its token and the server's own origin).
fn post_json(addr: &str, path: &str, token: &str, body: &str) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nx-rapportbok-token: {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Response {
        status: head
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0),
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

#[test]
fn one_save_gives_one_update_event() {
    let dir = book();
    let root = dir.path().to_path_buf();
    let server = serve(&root);
    let events = subscribe(&server.addr);
    let kap = root.join("notebooks/kap.md");
    let annat = root.join("notebooks/annat.md");

    // As most editors save: a temporary file renamed over the notebook.
    save(
        &kap,
        &CHAPTER.replace("# Kapitel", "# Kapitel, sparat atomärt"),
    );
    let seen = events_for(&events, "kap.html", "annat.html", || {
        save(&annat, "# Annat\n\nFörsta markeringen.\n")
    });
    assert_eq!(seen.len(), 1, "one event for an atomic save: {seen:?}");
    assert!(seen[0].html.contains("Kapitel, sparat atomärt"));

    // Written in place (truncate, write, close).
    std::fs::write(
        &kap,
        CHAPTER.replace("# Kapitel", "# Kapitel, skrivet på plats"),
    )
    .expect("write");
    let seen = events_for(&events, "kap.html", "annat.html", || {
        save(&annat, "# Annat\n\nAndra markeringen.\n")
    });
    assert_eq!(seen.len(), 1, "one event for a write in place: {seen:?}");
    assert!(seen[0].html.contains("Kapitel, skrivet på plats"));

    // Saved from the browser editor: the server's own write is seen by the watcher too.
    let page = get(&server.addr, "/_rapportbok/redigera/kap.html").body;
    let at = page
        .find("name=\"rapportbok-token\" content=\"")
        .expect("token")
        + "name=\"rapportbok-token\" content=\"".len();
    let token = &page[at..at + 32];
    let source = get(&server.addr, "/_rapportbok/kalla/kap.html").body;
    let version = source
        .split("\"version\":\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .expect("version")
        .to_string();
    let text = CHAPTER.replace("# Kapitel", "# Kapitel, sparat i redigeraren");
    let body = format!(
        "{{\"text\":{},\"version\":\"{version}\"}}",
        serde_json::to_string(&text).expect("json")
    );
    let r = post_json(&server.addr, "/_rapportbok/spara/kap.html", token, &body);
    assert_eq!(r.status, 200, "{}", r.body);
    let seen = events_for(&events, "kap.html", "annat.html", || {
        save(&annat, "# Annat\n\nTredje markeringen.\n")
    });
    assert_eq!(seen.len(), 1, "one event for the editor's save: {seen:?}");
    assert!(seen[0].html.contains("Kapitel, sparat i redigeraren"));
    assert_eq!(std::fs::read_to_string(&kap).expect("read"), text);
}

/// Issue 12 item 20: a chart that fails shows its error in the preview, at its cell's line
/// and in Swedish — a missing column, a value too large to draw, and a panic in the drawing
/// code (test hook) — while the rest of the page updates and the server carries on.
#[test]
fn a_chart_that_fails_shows_its_error_at_its_line() {
    const PAGE: &str = "# Diagram

```rhai
let t = read_csv(\"d.csv\");
```

Före diagrammet: {{ t.len() }} rader.

```rhai
bar_chart(t, #{x: \"Namn\", y: \"Belopp\", title: \"Belopp per enhet\"})
```

Efter diagrammet.
";
    let dir = TempBook::new(&[
        (
            "book.toml",
            "[book]\ntitle = \"Testbok\"\n[data]\ndir = \"data\"\n",
        ),
        ("notebooks/SUMMARY.md", "# Innehåll\n\n- [Diagram](d.md)\n"),
        ("notebooks/d.md", PAGE),
        ("data/d.csv", "Namn;Belopp\nA;1\nB;2\n"),
    ]);
    let root = dir.path().to_path_buf();
    let server = common::serve_with_env(&root, &[("RAPPORTBOK_TEST_CHART_PANIC", "Trasig")]);
    let first = get(&server.addr, "/d.html");
    assert!(
        first.body.contains("<svg class=\"chart-svg\""),
        "{}",
        first.body
    );
    let events = subscribe(&server.addr);
    let page = root.join("notebooks/d.md");
    let cases = [
        (
            PAGE.replace("y: \"Belopp\"", "y: \"Saknas\""),
            "bar_chart: kolumnen `Saknas` finns inte; tabellen har `Namn`, `Belopp`",
        ),
        (
            PAGE.replace("title: \"Belopp per enhet\"", "title: \"Trasig\""),
            "bar_chart: diagrammet kunde inte ritas (internt fel i rapportbok: \
             RAPPORTBOK_TEST_CHART_PANIC: Trasig)",
        ),
        (PAGE.replace("Före", "Fortfarande före"), ""),
    ];
    for (text, error) in cases {
        save(&page, &text);
        let e = wait_for(&events, "d.html", |h| {
            if error.is_empty() {
                h.contains("Fortfarande före")
            } else {
                h.contains("class=\"cell-error")
            }
        });
        assert!(
            e.html.contains("Före diagrammet: ")
                || e.html.contains("Fortfarande före diagrammet: ")
        );
        assert!(e.html.contains("Efter diagrammet."), "{}", e.html);
        if error.is_empty() {
            assert!(e.html.contains("<svg class=\"chart-svg\""), "{}", e.html);
            assert!(!e.html.contains("class=\"cell-error"), "{}", e.html);
            continue;
        }
        let box_at = e
            .html
            .find("<div class=\"cell-error\" data-line=\"10\">")
            .unwrap_or_else(|| panic!("no error box at line 10: {}", e.html));
        let error_box = &e.html[box_at..];
        let error_box = &error_box[..error_box.find("</div>").expect("box end")];
        assert!(error_box.contains("Fel i cellen på rad 10"), "{error_box}");
        assert!(
            error_box.contains(&rapportbok::render::html::escape(error)),
            "{error_box}"
        );
        assert!(!e.html.contains("<svg class=\"chart-svg\""), "{}", e.html);
    }
    // The value too large to draw comes from the data file.
    std::fs::write(
        root.join("data/d.csv"),
        "Namn;Belopp\nA;79228162514264337593543950335\n",
    )
    .expect("data");
    let e = wait_for(&events, "d.html", |h| h.contains("class=\"cell-error"));
    assert!(e.html.contains("Fel i cellen på rad 10"), "{}", e.html);
    assert!(
        e.html.contains("är för stort för ett diagram"),
        "{}",
        e.html
    );
    assert_eq!(get(&server.addr, "/d.html").status, 200);
}

/// Every page in `pages` as the running server at `addr` shows it is what a server started
/// afresh on the same book shows: what a save re-ran, re-used and laid out again adds up to
/// a cold build.
fn assert_same_as_fresh(root: &Path, addr: &str, pages: &[&str]) {
    let fresh = serve(root);
    for page in pages {
        let kept = get(addr, page);
        let cold = get(&fresh.addr, page);
        assert_eq!(kept.status, 200, "{page}: {}", kept.body);
        assert!(
            kept.body == cold.body,
            "{page} differs from a fresh start:\n--- kept\n{}\n--- fresh\n{}",
            kept.body,
            cold.body
        );
    }
}

#[test]
fn a_save_lays_out_again_only_the_pages_it_changes() {
    let dir = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Testbok\"\n"),
        (
            "notebooks/SUMMARY.md",
            "# Innehåll\n\n- [Första](a.md)\n- [Andra](b.md)\n- [Tredje](c.md)\n- [Fjärde](d.md)\n",
        ),
        ("notebooks/a.md", "# Ett\n\nText ett.\n"),
        ("notebooks/b.md", "# Två\n\nText två {{ 1 + 1 }}.\n"),
        ("notebooks/c.md", "# Tre\n\nText tre.\n"),
        ("notebooks/d.md", "# Fyra\n\nText fyra.\n"),
    ]);
    let root = dir.path().to_path_buf();
    let server = serve(&root);
    let events = subscribe(&server.addr);
    let b = root.join("notebooks/b.md");

    // Prose: only the saved page changes (its neighbours' links name its title, unchanged).
    save(&b, "# Två\n\nNy text två {{ 1 + 2 }}.\n");
    let sent = events_for(&events, "b.html", "d.html", || {
        save(&root.join("notebooks/d.md"), "# Fyra\n\nMarkör.\n")
    });
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(
        sent[0].html.contains("Ny text två") && sent[0].html.contains(">3<"),
        "{}",
        sent[0].html
    );
    let others: Vec<String> = events.try_iter().map(|e| e.page).collect();
    assert!(others.is_empty(), "no other page changed: {others:?}");
    assert!(
        get(&server.addr, "/sok-index.js")
            .body
            .contains("Ny text två 3."),
        "the search index follows"
    );

    // A new title: the pages that link to it as previous or next are laid out again too.
    save(&b, "# Nytt namn\n\nNy text två.\n");
    let a = wait_for(&events, "a.html", |h| h.contains("Nytt namn"));
    assert!(a.html.contains("href=\"b.html\""), "{}", a.html);
    // (Sent in reading order.)
    wait_for(&events, "b.html", |h| h.contains("Nytt namn"));
    wait_for(&events, "c.html", |h| h.contains("Nytt namn"));
    assert_same_as_fresh(
        &root,
        &server.addr,
        &[
            "/index.html",
            "/a.html",
            "/b.html",
            "/c.html",
            "/d.html",
            "/sok.html",
            "/sok-index.js",
        ],
    );
}

#[test]
fn a_kept_closure_gives_the_page_a_fresh_start_gives() {
    let cells = |first: &str, call: &str| {
        format!(
            "# Räknare\n\n```rhai\n{first}\nlet inc = || {{ x += 1; x }};\n```\n\n```rhai\nlet y = {call};\ny\n```\n\nNu {{{{ x }}}}, {{{{ y * 2 }}}}.\n\n```rhai\nlet fast = 7;\nfast\n```\n"
        )
    };
    let dir = TempBook::new(&[
        ("book.toml", "[book]\ntitle = \"Testbok\"\n"),
        ("notebooks/SUMMARY.md", "- [Räknare](r.md)\n"),
        ("notebooks/r.md", &cells("let x = 1;", "inc.call()")),
    ]);
    let root = dir.path().to_path_buf();
    let server = serve(&root);
    let events = subscribe(&server.addr);
    let r = root.join("notebooks/r.md");
    // The call edited: `x` as a fresh start has it (2, then 12), not as the last run left it.
    save(&r, &cells("let x = 1;", "inc.call() + 10"));
    let e = wait_for(&events, "r.html", |h| h.contains(">12<"));
    assert!(
        e.html.contains(">2</span>") && e.html.contains(">24</span>"),
        "{}",
        e.html
    );
    assert_same_as_fresh(&root, &server.addr, &["/r.html"]);
    // The captured variable edited above the closure.
    save(&r, &cells("let x = 5;", "inc.call() + 10"));
    wait_for(&events, "r.html", |h| h.contains(">16<"));
    assert_same_as_fresh(&root, &server.addr, &["/r.html", "/sok-index.js"]);
}
