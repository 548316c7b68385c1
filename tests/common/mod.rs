//! Shared helpers for the integration tests: temporary books, the built example book and running the binary.
#![allow(dead_code)]

pub mod chromium;
pub mod postgres;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

use rapportbok::config::Config;
use rapportbok::render::{RenderOptions, render_body};
use rapportbok::script::{RunContext, RunOutput, run};
use rapportbok::{book, notebook};

/// Parse, run and render a notebook source with the given data folder; return the body HTML and the run.
pub fn render_with(
    source: &str,
    data_dir: &Path,
    config: &Config,
    cli: &[(String, String)],
) -> (String, RunOutput) {
    let nb = notebook::parse(Path::new("test.md"), source);
    let ctx = RunContext {
        data_dir: data_dir.to_path_buf(),
        params: book::merge_params([&config.params, &nb.front.params], cli),
        limits: config.limits.clone(),
        plugins: Default::default(),
        data_cache: Default::default(),
        sources: std::sync::Arc::new(rapportbok::source::Sources::new(
            &config.sources,
            data_dir,
            false,
        )),
    };
    let out = run(&nb, &ctx);
    let body = render_body(
        &nb,
        &out,
        RenderOptions {
            allow_html: config.build.allow_html,
            preview: false,
        },
    );
    (body.html, out)
}

/// Render a notebook with default settings and the current folder as data folder.
pub fn render(source: &str) -> (String, RunOutput) {
    render_with(source, Path::new("."), &Config::default(), &[])
}

/// Render a notebook with default settings and a temporary data folder holding `files`
/// (`(name, contents)` pairs).
pub fn render_data(source: &str, files: &[(&str, &str)]) -> (String, RunOutput) {
    let data = TempBook::new(files);
    render_with(source, data.path(), &Config::default(), &[])
}

/// A temporary book made of `(path, contents)` pairs.
pub struct TempBook {
    pub dir: tempfile::TempDir,
}

impl TempBook {
    pub fn new(files: &[(&str, &str)]) -> TempBook {
        let dir = tempfile::tempdir().expect("tempdir");
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        TempBook { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel))
            .unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.dir.path().join(rel), text).expect("write");
    }

    /// Run the binary with `args` in the book's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        rapportbok_in(self.dir.path(), args)
    }
}

/// Run the `rapportbok` binary in `dir`.
pub fn rapportbok_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run rapportbok")
}

/// The example book (the repository's own `book.toml` and `notebooks/`) built once per test
/// binary into a temporary folder. The build must succeed: a failing cell anywhere in the
/// example book is a defect in the book the project ships, and stderr names the cell.
pub fn example_site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let out = dir.path().join("site");
            let out_arg = out.to_str().expect("utf-8 path").to_owned();
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let run = rapportbok_in(root, &["build", "--out", &out_arg]);
            assert!(run.status.success(), "build failed: {}", stderr(&run));
            (dir, out)
        })
        .1
}

/// A page of the built example book (`rel` from the site root), which must show no error,
/// neither a cell's error box nor an inline error in the prose.
pub fn example_page(rel: &str) -> String {
    let html =
        std::fs::read_to_string(example_site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_no_errors(&html, rel);
    html
}

/// One notebook of the example book (`rel` under `notebooks/`) rendered on its own for
/// `period`. The render must succeed and the page show no error.
pub fn example_render(rel: &str, period: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("page.html");
    let src = format!("notebooks/{rel}");
    let param = format!("period={period}");
    let out_arg = out.to_str().expect("utf-8 path");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = rapportbok_in(root, &["render", &src, "--param", &param, "--out", out_arg]);
    let what = format!("{rel} at {period}");
    assert!(run.status.success(), "{what}: {}", stderr(&run));
    let html = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_no_errors(&html, &what);
    html
}

/// Panic if a rendered page shows a cell's error box or an inline error.
pub fn assert_no_errors(html: &str, page: &str) {
    assert!(
        !html.contains("<div class=\"cell-error") && !html.contains("<span class=\"inline-error"),
        "{page} has an error box"
    );
}

/// [`table_rows`] for a table that must be there.
pub fn table(html: &str, caption: &str) -> Vec<Vec<String>> {
    table_rows(html, caption).unwrap_or_else(|| panic!("no table captioned {caption:?}"))
}

/// A running `rapportbok serve` on an ephemeral port, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:port`, as the server printed it.
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `rapportbok serve --port 0` for the book in `book`; returns once it has printed the
/// address it listens on.
pub fn serve(book: &Path) -> Server {
    serve_with_env(book, &[])
}

/// [`serve`] with environment variables set for the server (the tests' hooks).
pub fn serve_with_env(book: &Path, env: &[(&str, &str)]) -> Server {
    let mut child = Command::new(binary())
        .args(["serve", "--port", "0", "--book"])
        .arg(book)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start server");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("address line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr }
}

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rapportbok"))
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The text between `<main` and `</main>`.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    &html[start..end]
}

/// The rows of the table captioned `caption` in a rendered page, each cell as plain text with
/// the page's typography undone (no-break spaces → spaces, U+2212 → `-`), header row first.
/// `None` if no table has that caption.
pub fn table_rows(html: &str, caption: &str) -> Option<Vec<Vec<String>>> {
    let wanted = format!(
        "<caption>{}</caption>",
        rapportbok::render::html::escape(caption)
    );
    let start = html.find(&wanted)?;
    let end = start + html[start..].find("</table>")?;
    let table = &html[start..end];
    let mut rows = Vec::new();
    for row in table.split("<tr").skip(1) {
        let row = &row[..row.find("</tr>").unwrap_or(row.len())];
        let mut cells = Vec::new();
        let mut rest = row;
        while let Some(open) = rest.find('<') {
            let after = &rest[open..];
            if !(after.starts_with("<td") || after.starts_with("<th")) {
                rest = &after[1..];
                continue;
            }
            let body_start = open + after.find('>').map_or(0, |i| i + 1);
            let close = rest[body_start..]
                .find("</t")
                .map_or(rest.len(), |i| body_start + i);
            cells.push(plain_text(&rest[body_start..close]));
            rest = &rest[close..];
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
        }
        rows.push(cells);
    }
    Some(rows)
}

/// Markup stripped, entities and the page's typography undone, whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace('\u{2212}', "-");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
