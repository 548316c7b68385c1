//! The browser editor's latencies, p50 and p90, over HTTP as the editor page calls them (the
//! browser adds only drawing): keystroke → diagnostics, Ctrl+Space → completion, and save →
//! the page's update event, on the example book and on a 30-cell notebook over a
//! 1,000,000-row ledger. Baselines from the same run: a plain HTTP round trip (a static file)
//! for the language service, and a save by another editor (write-then-rename, seen by the
//! file watcher) for the editor's save, and on the example book the same saves with every
//! page laid out and indexed again (as the preview did before it kept unchanged pages'
//! layouts). Run with `cargo bench --bench editor`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use rapportbok::serve::{self, Options};

mod common;
use common::{copy_dir, percentile};

const RUNS: usize = 21;

/// A copy of the example book (saves must not touch the repository's notebooks).
fn example_book(root: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["notebooks", "seeds", "plugins"] {
        copy_dir(&repo.join(dir), &root.join(dir));
    }
    for file in ["book.toml", "rapportbok.lock"] {
        std::fs::copy(repo.join(file), root.join(file)).expect("copy");
    }
}

fn ledger_book(root: &Path) -> String {
    common::ledger_book(root);
    let mut nb = String::from(
        "# Månadsrapport\n\nInledning.\n\n```rhai\nlet huvudbok = read_csv(\"huvudbok.csv\");\nlet rader = huvudbok.len();\nlet v1 = rader;\nrader\n```\n\n",
    );
    for i in 2..30 {
        nb.push_str(&format!(
            "## Avsnitt {i}\n\nUtfallet är {{{{ v{} }}}} kronor.\n\n```rhai\nlet v{i} = rader * {i} / 1000;\nv{i}\n```\n\n",
            i - 1
        ));
    }
    std::fs::write(root.join("notebooks/rapport.md"), &nb).expect("notebook");
    nb
}

struct Client {
    addr: String,
    token: String,
}

impl Client {
    fn send(&self, method: &str, path: &str, body: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {a}\r\nOrigin: http://{a}\r\nx-rapportbok-token: {t}\r\nContent-Type: application/json\r\nContent-Length: {n}\r\nConnection: close\r\n\r\n{body}",
            a = self.addr,
            t = self.token,
            n = body.len()
        )
        .expect("send");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read");
        let text = String::from_utf8_lossy(&raw).to_string();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }
}

fn subscribe(addr: &str, page: &str) -> Receiver<Instant> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /_rapportbok/handelser HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .expect("send");
    let (tx, rx) = channel();
    let want = format!("data: {page}");
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { break };
            if line == want && tx.send(Instant::now()).is_err() {
                break;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    rx
}

fn percentiles(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (percentile(&times, 0.5), percentile(&times, 0.9))
}

fn timed(runs: usize, mut f: impl FnMut(usize)) -> (f64, f64) {
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs {
        let t0 = Instant::now();
        f(i);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    percentiles(times)
}

fn json_escape(text: &str) -> String {
    serde_json::to_string(text).expect("json")
}

fn version_of(c: &Client, page: &str) -> String {
    let (_, body) = c.send("GET", &format!("/_rapportbok/kalla/{page}"), "");
    let v: serde_json::Value = serde_json::from_str(body.trim()).expect("json");
    v["version"].as_str().expect("version").to_string()
}

/// Every figure for one notebook: `edit(i)` gives the i-th edited text, `cell` a line and
/// column inside a cell for completion.
fn measure(
    label: &str,
    root: &Path,
    page: &str,
    file: &Path,
    edit: impl Fn(usize) -> String,
    cell: (usize, usize),
    baseline: bool,
) {
    let running = serve::spawn(Options {
        book: root.to_path_buf(),
        host: "127.0.0.1".into(),
        port: 0,
        params: Vec::new(),
        refresh_sources: false,
        edit: true,
    })
    .expect("serve");
    let addr = running.addr.to_string();
    let mut c = Client {
        addr: addr.clone(),
        token: String::new(),
    };
    let (_, html) = c.send("GET", &format!("/_rapportbok/redigera/{page}"), "");
    let at = html.find("rapportbok-token\" content=\"").expect("token") + 27;
    c.token = html[at..at + 32].to_string();
    let events = subscribe(&addr, page);

    // A plain round trip, for scale.
    let base = timed(RUNS, |_| {
        c.send("GET", "/_rapportbok/redigerare/editor.css", "");
    });
    // Ctrl+Space in a cell: every built-in, the names above, the columns.
    let original = std::fs::read_to_string(file).expect("read");
    let comp = timed(RUNS, |_| {
        let body = format!(
            "{{\"text\":{},\"rad\":{},\"kolumn\":{}}}",
            json_escape(&original),
            cell.0,
            cell.1
        );
        let (status, _) = c.send(
            "POST",
            &format!("/_rapportbok/sprak/komplettering/{page}"),
            &body,
        );
        assert_eq!(status, 200);
    });
    // A keystroke in prose and one in the last cell: diagnostics of the unsaved text.
    let diag = timed(RUNS, |i| {
        let body = format!("{{\"text\":{}}}", json_escape(&edit(1000 + i)));
        let (status, _) = c.send(
            "POST",
            &format!("/_rapportbok/sprak/diagnoser/{page}"),
            &body,
        );
        assert_eq!(status, 200);
    });
    // Save from the editor → the page's update event.
    let mut version = version_of(&c, page);
    let mut saves = Vec::new();
    for i in 0..RUNS {
        while events.try_recv().is_ok() {}
        let body = format!(
            "{{\"text\":{},\"version\":\"{version}\"}}",
            json_escape(&edit(i))
        );
        let t0 = Instant::now();
        let (status, reply) = c.send("POST", &format!("/_rapportbok/spara/{page}"), &body);
        assert_eq!(status, 200, "{reply}");
        let at = events.recv_timeout(Duration::from_secs(60)).expect("event");
        saves.push(at.duration_since(t0).as_secs_f64() * 1000.0);
        let v: serde_json::Value = serde_json::from_str(reply.trim()).expect("json");
        version = v["version"].as_str().expect("version").to_string();
        std::thread::sleep(Duration::from_millis(150));
        // The watcher's own event for this save changes nothing and sends nothing.
        assert!(events.try_recv().is_err(), "one event per save");
    }
    let save = percentiles(saves);
    // Another editor's save (write-then-rename) → the watcher → the event.
    let mut external = Vec::new();
    for i in 0..RUNS {
        while events.try_recv().is_ok() {}
        let tmp = file.with_file_name(".bench.tmp");
        let t0 = Instant::now();
        std::fs::write(&tmp, edit(500 + i)).expect("write");
        std::fs::rename(&tmp, file).expect("rename");
        let at = events.recv_timeout(Duration::from_secs(60)).expect("event");
        external.push(at.duration_since(t0).as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(150));
    }
    let external = percentiles(external);
    // The same saves with every page laid out and indexed again, as the preview did before
    // it kept the layouts of pages that did not change: the baseline for this run.
    let every_page = baseline.then(|| {
        serve::keep_layouts(false);
        let mut times = Vec::new();
        for i in 0..RUNS {
            while events.try_recv().is_ok() {}
            let tmp = file.with_file_name(".bench.tmp");
            let t0 = Instant::now();
            std::fs::write(&tmp, edit(800 + i)).expect("write");
            std::fs::rename(&tmp, file).expect("rename");
            let at = events.recv_timeout(Duration::from_secs(60)).expect("event");
            times.push(at.duration_since(t0).as_secs_f64() * 1000.0);
            std::thread::sleep(Duration::from_millis(150));
        }
        serve::keep_layouts(true);
        percentiles(times)
    });
    println!("{label}");
    println!(
        "  HTTP round trip (baseline)      p50 {:6.1} ms  p90 {:6.1} ms",
        base.0, base.1
    );
    println!(
        "  Ctrl+Space → completion         p50 {:6.1} ms  p90 {:6.1} ms  ({:.1}× a round trip)",
        comp.0,
        comp.1,
        comp.0 / base.0
    );
    println!(
        "  keystroke → diagnostics         p50 {:6.1} ms  p90 {:6.1} ms",
        diag.0, diag.1
    );
    println!(
        "  save → page updated (editor)    p50 {:6.1} ms  p90 {:6.1} ms  ({:.2}× another editor's save)",
        save.0,
        save.1,
        save.0 / external.0
    );
    println!(
        "  save → page updated (other editor, watcher) p50 {:6.1} ms  p90 {:6.1} ms",
        external.0, external.1
    );
    if let Some(every) = every_page {
        println!(
            "  same, every page laid out again (before) p50 {:6.1} ms  p90 {:6.1} ms  (now {:.2}× that)",
            every.0,
            every.1,
            external.0 / every.0
        );
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("tmp");
    let book = dir.path().join("exempel");
    example_book(&book);
    let chapter = book.join("notebooks/handbok/format.md");
    let text = std::fs::read_to_string(&chapter).expect("chapter");
    // A prose edit: one word in the first paragraph's line changes.
    measure(
        "example book, handbok/format.md (prose edit)",
        &book,
        "handbok/format.html",
        &chapter,
        |i| text.replacen("\n\n", &format!("\n\nUtkast {i}.\n\n"), 1),
        (first_cell_line(&text) + 1, 1),
        true,
    );
    let ledger = dir.path().join("huvudbok");
    let nb = ledger_book(&ledger);
    measure(
        "30 cells over a 1,000,000-row ledger (edit of the last cell)",
        &ledger,
        "rapport.html",
        &ledger.join("notebooks/rapport.md"),
        // `+ 0` would print what the cell printed before: a save whose page is unchanged
        // rightly sends no update, so every edit adds at least 1.
        |i| {
            nb.replace(
                "let v29 = rader * 29 / 1000;",
                &format!("let v29 = rader * 29 / 1000 + {};", i + 1),
            )
        },
        (7, 1),
        false,
    );
}

fn first_cell_line(text: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with("```rhai"))
        .unwrap_or(0)
        + 1
}
