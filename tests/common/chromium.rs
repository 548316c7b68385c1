//! Headless Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
//! NUL-separated JSON on file descriptors 3 and 4), for the browser tests.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use rapportbok::publish::pdf;
use serde_json::{Value, json};

pub const WAIT: Duration = Duration::from_secs(30);

/// The Chromium `rapportbok pdf` would use (one finder for both).
pub fn chromium() -> Option<PathBuf> {
    rapportbok::publish::pdf::find_chromium().ok()
}

pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A DevTools session over the pipe.
pub struct DevTools {
    input: ChildStdin,
    replies: Receiver<Value>,
    next_id: u64,
    pub session: Option<String>,
}

impl DevTools {
    pub fn call(&mut self, method: &str, params: Value) -> Value {
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
    pub fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expr, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Evaluate `expr` until it is `true`.
    pub fn wait_until(&mut self, expr: &str) {
        let deadline = Instant::now() + WAIT;
        while self.eval(expr) != json!(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {expr}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

pub fn launch(chromium: &Path, profile: &Path) -> (Killed, DevTools) {
    // The shell gives Chromium our stdin as fd 3 and our stdout as fd 4.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>/dev/null")
        .arg(chromium)
        .args(pdf::headless_args(pdf::without_sandbox(false)))
        .args(["--remote-debugging-pipe", "--window-size=1000,700"])
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

impl DevTools {
    /// Open `url` in a new tab and attach to it; later calls go to that tab.
    pub fn open(&mut self, url: &str) {
        let target = self.call("Target.createTarget", json!({ "url": url }));
        let attached = self.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        self.session = Some(
            attached["sessionId"]
                .as_str()
                .expect("session id")
                .to_string(),
        );
    }

    /// Load `url` in the attached tab and wait until it has loaded.
    pub fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_until(&format!(
            "document.readyState === 'complete' && location.href === {}",
            json!(url)
        ));
    }

    /// Evaluate `expr`, wait for the promise it gives, and return its value.
    pub fn eval_async(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expr, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "{expr:.80}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }
}

/// Chromium, or `None` after saying why the test is skipped. On CI (`CI` set) a missing
/// browser fails the test instead.
pub fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium not found on CI (looked in PATH, /usr/bin and RAPPORTBOK_CHROMIUM)"
        );
        eprintln!(
            "SKIPPED {test}: Chromium not found (/usr/bin/chromium). \
             Install it with `apt-get install -y chromium`, or set RAPPORTBOK_CHROMIUM."
        );
    }
    found
}

/// A `file://` URL for a local file.
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}
