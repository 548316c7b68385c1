//! Save → event latency of `serve` for a 30-cell notebook over a 1,000,000-row ledger:
//! (a) a prose edit, (b) an edit of the last cell, (c) an edit of the first cell.
//!
//! The ledger is the benches' generated Swedish export (period; enhet; konto; utfall; budget with
//! decimal comma) read with `read_csv`. The preview keeps parsed files in memory until they
//! change, so after the first load (c) re-runs every cell but does not parse the file again.
//! Run with `cargo bench --bench serve_latency`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use rapportbok::serve::{self, Options};

mod common;
use common::ledger::ROWS;
use common::{ledger_book, percentile};

const RUNS: usize = 15;

fn notebook(prose: usize, first: usize, last: usize) -> String {
    let mut t = format!(
        "# Månadsrapport\n\nInledning, version {prose}.\n\n```rhai\nlet huvudbok = read_csv(\"huvudbok.csv\");\nlet rader = huvudbok.len() + {first};\nlet utfall = huvudbok.sum(\"utfall\");\nlet v1 = rader;\nrader\n```\n\n"
    );
    for i in 2..30 {
        t.push_str(&format!(
            "## Avsnitt {i}\n\nUtfallet för avsnittet är {{{{ v{} }}}} kronor.\n\n```rhai\nlet v{i} = rader * {i} / 1000;\nv{i}\n```\n\n",
            i - 1
        ));
    }
    t.push_str(&format!("```rhai\nv29 + {last}\n```\n"));
    t
}

fn save(path: &Path, text: &str) {
    let tmp = path.with_file_name(".rapport.md.tmp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

fn subscribe(addr: &str) -> Receiver<(Instant, String)> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /_rapportbok/handelser HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .expect("send");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut stats = None;
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { break };
            if line == "data: rapport.html" {
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

fn main() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path();
    ledger_book(root);
    let file = root.join("notebooks/rapport.md");
    std::fs::write(&file, notebook(0, 0, 0)).expect("notebook");

    let running = serve::spawn(Options {
        book: root.to_path_buf(),
        host: "127.0.0.1".into(),
        port: 0,
        params: Vec::new(),
        refresh_sources: false,
        edit: false,
    })
    .expect("serve");
    let events = subscribe(&running.addr.to_string());
    // Versions of the prose, the first cell and the last cell; each case edits one of them.
    let mut versions = [0usize; 3];
    println!(
        "save → event, 30 cells, {ROWS} ledger rows ({} MB), {RUNS} saves each",
        std::fs::metadata(root.join("data/huvudbok.csv"))
            .map(|m| m.len() / 1_000_000)
            .unwrap_or(0)
    );
    for (case, edited) in [
        ("(a) prose edit", 0),
        ("(b) last cell", 2),
        ("(c) first cell", 1),
    ] {
        let mut times = Vec::new();
        let mut seen = String::new();
        for _ in 0..RUNS {
            versions[edited] += 1;
            while events.try_recv().is_ok() {}
            let t0 = Instant::now();
            let [prose, first, last] = versions;
            save(&file, &notebook(prose, first, last));
            let (at, stats) = events.recv_timeout(Duration::from_secs(60)).expect("event");
            times.push(at.duration_since(t0).as_secs_f64() * 1000.0);
            seen = stats;
            std::thread::sleep(Duration::from_millis(100));
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{case:<16} p50 {:7.1} ms   p90 {:7.1} ms   min {:7.1} ms   (last run: {seen})",
            percentile(&times, 0.5),
            percentile(&times, 0.9),
            times[0]
        );
    }
}
