//! A Word template (`[docx] mall`), read as pandoc reads a reference document: its styles,
//! theme, fonts, page set-up, header and footer (with their pictures, such as a logo).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::styles::attr;
use super::xml::{REL_NS, Rel};

/// What a document takes from its template.
#[derive(Debug, Clone, Default)]
pub struct Template {
    pub styles: Option<String>,
    pub numbering: Option<String>,
    /// The body's last `<w:sectPr>`: page size, margins, header and footer references.
    pub sect_pr: Option<String>,
    /// Parts copied as they are: (path, bytes).
    pub parts: Vec<(String, Vec<u8>)>,
    /// Relationships of the document part the copied parts need (same ids as in the template).
    pub rels: Vec<Rel>,
    /// Content types of the copied parts: path → type.
    pub overrides: BTreeMap<String, String>,
    /// Content types by extension.
    pub defaults: BTreeMap<String, String>,
}

/// The kinds of document relationships a template lends.
const KEPT: &[&str] = &["header", "footer", "theme", "fontTable"];

impl Template {
    /// Read a .docx template; errors say what is wrong with the file, in Swedish.
    pub fn load(path: &Path) -> Result<Template, String> {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("{}: kunde inte läsa mallen: {e}", path.display()))?;
        let mut zip = zip::ZipArchive::new(file)
            .map_err(|e| format!("{}: mallen är ingen Word-fil (.docx): {e}", path.display()))?;
        let mut read = |name: &str| -> Option<Vec<u8>> {
            let mut f = zip.by_name(name).ok()?;
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).ok()?;
            Some(buf)
        };
        let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
        let document = read("word/document.xml").map(text).ok_or_else(|| {
            format!(
                "{}: mallen saknar word/document.xml; spara den i Word som .docx",
                path.display()
            )
        })?;
        let mut template = Template {
            styles: read("word/styles.xml").map(text),
            numbering: read("word/numbering.xml").map(text),
            sect_pr: last_sect_pr(&document),
            ..Template::default()
        };
        if let Some(types) = read("[Content_Types].xml").map(text) {
            for tag in tags(&types, "<Default ") {
                if let (Some(ext), Some(ct)) = (attr(tag, "Extension"), attr(tag, "ContentType")) {
                    template.defaults.insert(ext.to_ascii_lowercase(), ct);
                }
            }
            for tag in tags(&types, "<Override ") {
                if let (Some(part), Some(ct)) = (attr(tag, "PartName"), attr(tag, "ContentType")) {
                    template
                        .overrides
                        .insert(part.trim_start_matches('/').to_string(), ct);
                }
            }
        }
        let rels = read("word/_rels/document.xml.rels")
            .map(text)
            .unwrap_or_default();
        let mut copy: Vec<String> = Vec::new();
        for tag in tags(&rels, "<Relationship ") {
            let (Some(id), Some(kind), Some(target)) =
                (attr(tag, "Id"), attr(tag, "Type"), attr(tag, "Target"))
            else {
                continue;
            };
            let Some(short) = kind.strip_prefix(&format!("{REL_NS}/")) else {
                continue;
            };
            if !KEPT.contains(&short) {
                continue;
            }
            let external = attr(tag, "TargetMode").is_some_and(|m| m == "External");
            if !external {
                copy.push(format!("word/{}", target.trim_start_matches('/')));
            }
            template.rels.push(Rel {
                id,
                kind: short.to_string(),
                target,
                external,
            });
        }
        // Each copied part with its own relationships and what they point at (a logo).
        let mut i = 0;
        while i < copy.len() {
            let part = copy[i].clone();
            i += 1;
            let Some(bytes) = read(&part) else { continue };
            template.parts.push((part.clone(), bytes));
            let (dir, name) = part.rsplit_once('/').unwrap_or(("", part.as_str()));
            let rels_path = format!("{dir}/_rels/{name}.rels");
            if let Some(r) = read(&rels_path) {
                for tag in tags(&text(r.clone()), "<Relationship ") {
                    let external = attr(tag, "TargetMode").is_some_and(|m| m == "External");
                    if let (Some(target), false) = (attr(tag, "Target"), external) {
                        let target = resolve(dir, &target);
                        if !copy.contains(&target) {
                            copy.push(target);
                        }
                    }
                }
                template.parts.push((rels_path, r));
            }
        }
        template.parts.sort_by(|a, b| a.0.cmp(&b.0));
        template.parts.dedup_by(|a, b| a.0 == b.0);
        Ok(template)
    }
}

/// Every tag starting with `open` in `xml`, up to its `>`.
fn tags<'a>(xml: &'a str, open: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find(open) {
        let tag = &rest[at..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        out.push(&tag[..end]);
        rest = &tag[end..];
    }
    out
}

/// The body's own section properties: the last `<w:sectPr` in the document.
fn last_sect_pr(document: &str) -> Option<String> {
    let start = document.rfind("<w:sectPr")?;
    let end = document[start..].find("</w:sectPr>")? + start + "</w:sectPr>".len();
    Some(document[start..end].to_string())
}

/// A relationship target relative to the folder `dir` of its part, as a package path.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_targets_and_finds_the_body_section() {
        assert_eq!(resolve("word", "media/logo.png"), "word/media/logo.png");
        assert_eq!(resolve("word", "../customXml/a.xml"), "customXml/a.xml");
        let doc = "<w:body><w:p><w:pPr><w:sectPr><w:pgSz w:w=\"1\"/></w:sectPr></w:pPr></w:p><w:sectPr><w:pgSz w:w=\"2\"/></w:sectPr></w:body>";
        assert_eq!(
            last_sect_pr(doc).as_deref(),
            Some("<w:sectPr><w:pgSz w:w=\"2\"/></w:sectPr>")
        );
    }
}
