//! PDFs through headless Chromium: finding the browser, printing one page to a PDF file with
//! the theme's A4 print style, and counting a PDF's pages.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Names the browser a user set explicitly.
pub const CHROMIUM_ENV: &str = "RAPPORTBOK_CHROMIUM";

/// How long one page may take to print.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// What to tell a user who has no Chromium.
pub const INSTALL_HINT: &str = "rapportbok pdf skriver ut sidorna med Chromium, som inte hittades. \
     Installera det (Debian/Ubuntu: sudo apt-get install chromium), eller ange webbläsarens sökväg \
     i miljövariabeln RAPPORTBOK_CHROMIUM (till exempel Google Chrome)";

/// The names Chromium goes by on the PATH, most likely first.
const NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The Chromium to print with (the one finder `pdf` and the browser tests share):
/// `RAPPORTBOK_CHROMIUM`, else `chromium`, `chromium-browser`, `google-chrome` or
/// `google-chrome-stable` on the PATH.
pub fn find_chromium() -> anyhow::Result<PathBuf> {
    if let Some(p) = std::env::var_os(CHROMIUM_ENV) {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Ok(p);
        }
        bail!(
            "{CHROMIUM_ENV} pekar på {}, som inte finns; ange sökvägen till chromium eller google-chrome",
            p.display()
        );
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| NAMES.map(|name| dir.join(name)))
        .find(|p| p.is_file())
        .with_context(|| INSTALL_HINT.to_string())
}

/// Whether Chromium must run without its sandbox: when asked (`pdf --no-sandbox`, for
/// containers that forbid it) or when running as root, where Chromium refuses to start
/// with it. Everyone else keeps the sandbox.
pub fn without_sandbox(asked: bool) -> bool {
    asked || running_as_root()
}

/// Whether this process runs as root (Linux: the owner of `/proc/self`).
pub fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The flags every headless run gets; `--no-sandbox` only when `no_sandbox`.
pub fn headless_args(no_sandbox: bool) -> Vec<&'static str> {
    let mut args = vec![
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];
    if no_sandbox {
        args.push("--no-sandbox");
    }
    args
}

/// Print the page `html` to `pdf` in a headless browser; `profile` is an empty folder
/// for the browser's own files; `no_sandbox` as [`without_sandbox`] decides.
pub fn print_page(
    chromium: &Path,
    html: &Path,
    pdf: &Path,
    profile: &Path,
    no_sandbox: bool,
) -> anyhow::Result<()> {
    let html = html
        .canonicalize()
        .with_context(|| format!("hittar inte {}", html.display()))?;
    if let Some(dir) = pdf.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("kunde inte skapa {}", dir.display()))?;
    }
    let _ = std::fs::remove_file(pdf);
    // Chromium's messages go to a file, not a pipe: a pipe nobody reads while it runs
    // fills up (64 KiB) and stalls a chatty browser until the timeout.
    std::fs::create_dir_all(profile)
        .with_context(|| format!("kunde inte skapa {}", profile.display()))?;
    let log_path = profile.join("chromium-stderr.log");
    let log = std::fs::File::create(&log_path)
        .with_context(|| format!("kunde inte skapa {}", log_path.display()))?;
    let mut child = Command::new(chromium)
        .args(headless_args(no_sandbox))
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .with_context(|| format!("kunde inte starta {}", chromium.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().context("kunde inte vänta på Chromium")? {
            break status;
        }
        if started.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "Chromium blev inte klar med {} på {} s",
                html.display(),
                PRINT_TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if !status.success() || !pdf.is_file() {
        let err = std::fs::read(&log_path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        bail!(
            "Chromium kunde inte skriva ut {} ({status}){}",
            html.display(),
            if last.is_empty() {
                String::new()
            } else {
                format!(": {last}")
            }
        );
    }
    Ok(())
}

/// A `file://` URL for an absolute path, with the characters URLs cannot hold escaped.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// The number of pages in a PDF: its `/Type /Page` objects (not `/Pages`).
pub fn page_count(pdf: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while let Some(pos) = find(&pdf[i..], b"/Type") {
        let mut j = i + pos + b"/Type".len();
        while pdf.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if pdf[j..].starts_with(b"/Page") {
            let after = pdf.get(j + b"/Page".len()).copied().unwrap_or(b' ');
            if !after.is_ascii_alphanumeric() {
                count += 1;
            }
        }
        i = j;
    }
    count
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_page_objects_not_the_page_tree() {
        let pdf = b"1 0 obj << /Type /Pages /Count 2 >> 2 0 obj <</Type/Page /Parent 1 0 R>> \
                    3 0 obj << /Type /Page >> 4 0 obj << /Type /PageLabel >>";
        assert_eq!(page_count(pdf), 2);
        assert_eq!(page_count(b""), 0);
    }

    #[test]
    fn the_sandbox_is_kept_unless_asked_or_root() {
        assert!(!headless_args(false).contains(&"--no-sandbox"));
        assert!(headless_args(true).contains(&"--no-sandbox"));
        assert!(without_sandbox(true));
        assert_eq!(without_sandbox(false), running_as_root());
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        if let Some(uid) = status.lines().find_map(|l| l.strip_prefix("Uid:")) {
            let real = uid.split_whitespace().next().unwrap_or("");
            assert_eq!(running_as_root(), real == "0", "{uid}");
        }
    }

    #[test]
    fn file_urls_escape_spaces_and_non_ascii() {
        assert_eq!(
            file_url(Path::new("/tmp/Månad rapport/a.html")),
            "file:///tmp/M%C3%A5nad%20rapport/a.html"
        );
    }
}
