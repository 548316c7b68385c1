//! End to end in a real headless Chromium: open a served page, scroll, edit the notebook,
//! and see the page change in place with its scroll position kept.
//!
//! Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
//! NUL-separated JSON on file descriptors 3 and 4). Skips, saying so, without Chromium.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RAPPORTBOK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    // Where .ci/run's `command -v chromium` looks: the PATH, then Debian's usual places.
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from))
        .find(|p| p.is_file())
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A DevTools session over the pipe.
struct DevTools {
    input: ChildStdin,
    replies: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
}

impl DevTools {
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).expect("json");
        bytes.push(0);
        self.input.write_all(&bytes).expect("write to chromium");
        self.input.flush().expect("flush");
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let reply = self
                .replies
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no reply to {method}"));
            if reply["id"] == json!(id) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// Evaluate `expr` in the page and return its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expr, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Evaluate `expr` until it is `true`.
    fn wait_until(&mut self, expr: &str) {
        let deadline = Instant::now() + WAIT;
        while self.eval(expr) != json!(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {expr}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn launch(chromium: &Path, profile: &Path) -> (Killed, DevTools) {
    // The shell gives Chromium our stdin as fd 3 and our stdout as fd 4.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null")
        .arg(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--remote-debugging-pipe",
            "--window-size=1000,700",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let input = child.stdin.take().expect("stdin");
    let output = child.stdout.take().expect("stdout");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(output);
        loop {
            let mut msg = Vec::new();
            match reader.read_until(0, &mut msg) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    msg.pop();
                    if let Ok(v) = serde_json::from_slice::<Value>(&msg)
                        && tx.send(v).is_err()
                    {
                        break;
                    }
                }
            }
        }
    });
    let devtools = DevTools {
        input,
        replies: rx,
        next_id: 0,
        session: None,
    };
    (Killed(child), devtools)
}

fn start_server(book: &Path) -> (Killed, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapportbok"))
        .args(["serve", "--port", "0", "--book"])
        .arg(book)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start server");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).map(|n| n == 1).unwrap_or(false) && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    let line = String::from_utf8_lossy(&line).to_string();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    (Killed(child), url)
}

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
    let Some(chromium) = chromium() else {
        // CI installs Chromium (.ci/run); there a missing browser is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium not found on CI (looked in PATH, /usr/bin and RAPPORTBOK_CHROMIUM)"
        );
        eprintln!(
            "SKIPPED browser test: Chromium not found (/usr/bin/chromium). \
             Install it with `apt-get install -y chromium`, or set RAPPORTBOK_CHROMIUM."
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("bok");
    std::fs::create_dir_all(root.join("notebooks")).expect("mkdir");
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"Webbläsartest\"\n",
    )
    .expect("toml");
    std::fs::write(
        root.join("notebooks/SUMMARY.md"),
        "# Innehåll\n\n- [Rapporten](rapport.md)\n",
    )
    .expect("summary");
    let file = root.join("notebooks/rapport.md");
    std::fs::write(&file, notebook("1111")).expect("notebook");

    let (_server, url) = start_server(&root);
    let (_browser, mut devtools) = launch(&chromium, &dir.path().join("profil"));
    let target = devtools.call(
        "Target.createTarget",
        json!({ "url": format!("{url}rapport.html") }),
    );
    let attached = devtools.call(
        "Target.attachToTarget",
        json!({ "targetId": target["targetId"], "flatten": true }),
    );
    devtools.session = Some(
        attached["sessionId"]
            .as_str()
            .expect("session id")
            .to_string(),
    );
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
