//! Save → event latency of `serve`, each case measured twice in the same run: as the preview
//! works now (only the items that name what an edit changed run again; only the pages that
//! changed are laid out again) and as it worked before (every item from the edit down runs
//! again, every page is laid out and indexed again), the baseline.
//!
//! 1. A 30-cell notebook over a 1,000,000-row ledger: (a) a prose edit, (b) an edit of the
//!    last cell, (c) of the first cell (every cell names `rader`, so all run again), (d) of
//!    a middle cell whose value only the next inline value shows.
//! 2. The example book's `rs-2024-10/ekonomi-oktober.md` (17 cells over the region's ledger,
//!    organisation and investments): (a) a prose edit, (b) the first cell and (c) the last
//!    cell, each given a `print` line.
//!
//! The ledger is the benches' generated Swedish export (period; enhet; konto; utfall; budget
//! with decimal comma) read with `read_csv`. The preview keeps parsed files in memory until
//! they change, so a re-run of the first cell does not parse the file again.
//! Run with `cargo bench --bench serve_latency`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use rapportbok::serve::{self, Options};

mod common;
use common::ledger::ROWS;
use common::{copy_dir, ledger_book, percentile};

const RUNS: usize = 15;

fn notebook(prose: usize, first: usize, middle: usize, last: usize) -> String {
    let mut t = format!(
        "# Månadsrapport\n\nInledning, version {prose}.\n\n```rhai\nlet huvudbok = read_csv(\"huvudbok.csv\");\nlet rader = huvudbok.len() + {first};\nlet utfall = huvudbok.sum(\"utfall\");\nlet v1 = rader;\nrader\n```\n\n"
    );
    for i in 2..30 {
        let extra = if i == 15 {
            format!(" + {middle}")
        } else {
            String::new()
        };
        t.push_str(&format!(
            "## Avsnitt {i}\n\nUtfallet för avsnittet är {{{{ v{} }}}} kronor.\n\n```rhai\nlet v{i} = rader * {i} / 1000{extra};\nv{i}\n```\n\n",
            i - 1
        ));
    }
    t.push_str(&format!("```rhai\nv29 + {last}\n```\n"));
    t
}

fn save(path: &Path, text: &str) {
    let tmp = path.with_file_name(".bench.md.tmp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

/// Events for `page`: when each arrived, and the run counts it carried.
fn subscribe(addr: &str, page: &str) -> Receiver<(Instant, String)> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /_rapportbok/handelser HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .expect("send");
    let (tx, rx) = channel();
    let want = format!("data: {page}");
    std::thread::spawn(move || {
        let mut stats = None;
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { break };
            if line == want {
                stats = Some(String::new());
            } else if let Some(st) = &mut stats
                && st.is_empty()
                && let Some(d) = line.strip_prefix("data: ")
            {
                *st = d.to_string();
                if tx.send((Instant::now(), st.clone())).is_err() {
                    break;
                }
                stats = None;
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    rx
}

fn start(root: &Path) -> String {
    serve::spawn(Options {
        book: root.to_path_buf(),
        host: "127.0.0.1".into(),
        port: 0,
        params: Vec::new(),
        refresh_sources: false,
        edit: false,
    })
    .expect("serve")
    .addr
    .to_string()
}

/// Save `RUNS` versions (`text(n)` for the n-th) and print p50/p90 of save → event, now
/// and with the preview working as before, and the run counts of the last save of each.
fn case(
    name: &str,
    file: &Path,
    events: &Receiver<(Instant, String)>,
    counter: &mut usize,
    text: &dyn Fn(usize) -> String,
) {
    let mut measure = |now: bool| {
        serve::keep_layouts(now);
        rapportbok::script::follow_names(now);
        let mut times = Vec::new();
        let mut seen = String::new();
        for _ in 0..RUNS {
            *counter += 1;
            while events.try_recv().is_ok() {}
            let t0 = Instant::now();
            save(file, &text(*counter));
            let (at, stats) = events.recv_timeout(Duration::from_secs(60)).expect("event");
            times.push(at.duration_since(t0).as_secs_f64() * 1000.0);
            seen = stats;
            std::thread::sleep(Duration::from_millis(100));
        }
        times.sort_by(|a, b| a.total_cmp(b));
        (percentile(&times, 0.5), percentile(&times, 0.9), seen)
    };
    let before = measure(false);
    let now = measure(true);
    println!(
        "{name:<18} p50 {:6.1} ms  p90 {:6.1} ms  ({})   before: p50 {:6.1} ms  p90 {:6.1} ms  ({})   now {:.2}× before",
        now.0,
        now.1,
        now.2,
        before.0,
        before.1,
        before.2,
        now.0 / before.0
    );
}

fn ledger() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path();
    ledger_book(root);
    let file = root.join("notebooks/rapport.md");
    std::fs::write(&file, notebook(0, 0, 0, 0)).expect("notebook");
    let addr = start(root);
    let events = subscribe(&addr, "rapport.html");
    println!(
        "save → event, 30 cells, {ROWS} ledger rows ({} MB), {RUNS} saves each",
        std::fs::metadata(root.join("data/huvudbok.csv"))
            .map(|m| m.len() / 1_000_000)
            .unwrap_or(0)
    );
    // Versions of the prose, the first, the middle and the last cell; each case edits one.
    let mut n = 0;
    case("(a) prose edit", &file, &events, &mut n, &|n| {
        notebook(n, 0, 0, 0)
    });
    case("(b) last cell", &file, &events, &mut n, &|n| {
        notebook(0, 0, 0, n)
    });
    case("(c) first cell", &file, &events, &mut n, &|n| {
        notebook(0, n, 0, 0)
    });
    case("(d) middle cell", &file, &events, &mut n, &|n| {
        notebook(0, 0, n, 0)
    });
}

fn example_book() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["notebooks", "seeds", "plugins"] {
        copy_dir(&repo.join(sub), &root.join(sub));
    }
    for file in ["book.toml", "rapportbok.lock"] {
        std::fs::copy(repo.join(file), root.join(file)).expect("copy");
    }
    let page = "rs-2024-10/ekonomi-oktober.html";
    let file = root.join("notebooks/rs-2024-10/ekonomi-oktober.md");
    let text = std::fs::read_to_string(&file).expect("notebook");
    let fences: Vec<usize> = text.match_indices("\n```\n").map(|(i, _)| i).collect();
    let (first_end, last_end) = (fences[0], fences[fences.len() - 1]);
    let addr = start(root);
    let events = subscribe(&addr, page);
    println!(
        "\nsave → event, the example book's {page} ({} cells), {RUNS} saves each",
        text.matches("```rhai").count()
    );
    let mut n = 0;
    case("(a) prose edit", &file, &events, &mut n, &|n| {
        text.replacen("\n\n", &format!("\n\nUtkast {n}.\n\n"), 1)
    });
    case("(b) first cell", &file, &events, &mut n, &|n| {
        format!(
            "{}\nprint(\"utkast {n}\");{}",
            &text[..first_end],
            &text[first_end..]
        )
    });
    case("(c) last cell", &file, &events, &mut n, &|n| {
        format!(
            "{}\nprint(\"utkast {n}\");{}",
            &text[..last_end],
            &text[last_end..]
        )
    });
}

fn main() {
    ledger();
    example_book();
}
