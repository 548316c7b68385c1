//! Front matter: TOML between two `+++` lines at the very top of a notebook.

use std::path::Path;

use super::FrontMatter;
use crate::config::toml_diagnostic;
use crate::diag::Diagnostic;

/// Split off the front matter. Returns it (or the default and a diagnostic) and the byte
/// length of the front-matter block (0 when there is none).
pub fn split(source: &str, path: &Path) -> (FrontMatter, usize, Option<Diagnostic>) {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    let bom = source.len() - body.len();
    let mut lines = body.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "+++" => {}
        _ => return (FrontMatter::default(), 0, None),
    }
    let mut offset = bom + body.split_inclusive('\n').next().map_or(0, str::len);
    let toml_start = offset;
    for line in lines {
        if line.trim_end() == "+++" {
            let toml_text = &source[toml_start..offset];
            let end = offset + line.len();
            return match toml::from_str::<FrontMatter>(toml_text) {
                Ok(front) => (front, end, None),
                Err(e) => {
                    let mut d = toml_diagnostic(&e, toml_text, path);
                    // The TOML starts on line 2 of the notebook.
                    if d.line > 0 {
                        d.line += 1;
                    }
                    d.message = format!("front matter: {}", d.message);
                    (
                        FrontMatter::default(),
                        end,
                        Some(d.with_hint(
                            "front matter kan ha `title`, `description` och en tabell `[params]`",
                        )),
                    )
                }
            };
        }
        offset += line.len();
    }
    let d = Diagnostic::new(
        path,
        1,
        1,
        "front matter öppnas med `+++` men stängs aldrig",
    )
    .with_hint("avsluta front matter med en rad som bara innehåller `+++`");
    (FrontMatter::default(), 0, Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_and_params() {
        let src = "+++\ntitle = \"Ekonomi\"\n[params]\nperiod = \"2024-02\"\n+++\n# Rubrik\n";
        let (front, len, diag) = split(src, Path::new("a.md"));
        assert!(diag.is_none());
        assert_eq!(front.title.as_deref(), Some("Ekonomi"));
        assert_eq!(front.params["period"].as_str(), Some("2024-02"));
        assert_eq!(&src[len..], "# Rubrik\n");
    }

    #[test]
    fn none_without_fence() {
        let (front, len, diag) = split("# Bara text\n", Path::new("a.md"));
        assert_eq!((front, len, diag), (FrontMatter::default(), 0, None));
    }

    #[test]
    fn bad_toml_names_the_notebook_line() {
        let src = "+++\ntitle = \"A\"\ntitel = 3\n+++\n";
        let (_, len, diag) = split(src, Path::new("a.md"));
        let d = diag.expect("diagnostic");
        assert_eq!(d.line, 3);
        assert!(d.message.contains("titel"), "{}", d.message);
        assert_eq!(len, src.len());
    }

    #[test]
    fn unclosed_is_reported() {
        let (_, len, diag) = split("+++\ntitle = \"A\"\n", Path::new("a.md"));
        assert_eq!(len, 0);
        assert!(diag.expect("diagnostic").message.contains("stängs aldrig"));
    }
}
