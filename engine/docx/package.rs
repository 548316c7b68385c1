//! The .docx package: every part (document, styles, numbering, footnotes, settings, footer,
//! properties with provenance, content types, relationships) zipped in a fixed order with
//! fixed timestamps, so the same document is the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use super::model::Block;
use super::styles::{StyleIds, attr, default_styles, merge_styles};
use super::template::Template;
use super::xml::{LANG, NUM_BASE, REL_NS, Rel, Writer, escape};

/// What the document's properties say about it.
#[derive(Debug, Clone, Default)]
pub struct Info {
    pub title: String,
    pub subject: Option<String>,
    pub author: String,
    /// Custom properties (provenance): name → text, in order.
    pub properties: Vec<(String, String)>,
}

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
    xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
    xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A4 with 2,5 cm margins; the footer carries the title and the page number.
const DEFAULT_SECT: &str = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdRbFooter\"/>\
    <w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>\
    <w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr>";

/// Build the .docx bytes of `blocks` with `footnotes`.
pub fn write(
    blocks: &[Block],
    footnotes: &[(String, Vec<Block>)],
    info: &Info,
    template: Option<&Template>,
) -> Result<Vec<u8>, String> {
    let (styles, ids): (String, StyleIds) = match template.and_then(|t| t.styles.as_deref()) {
        Some(s) => merge_styles(s),
        None => default_styles(),
    };
    let sect = template
        .and_then(|t| t.sect_pr.clone())
        .unwrap_or_else(|| DEFAULT_SECT.to_string());
    let mut writer = Writer::new(&ids, text_width_emu(&sect));
    let mut body = String::with_capacity(64 * 1024);
    writer.blocks(&mut body, blocks, 0);

    // Footnotes in the order the text refers to them; their own text may refer to more.
    let mut notes = String::new();
    let mut written = 0;
    while written < writer.footnote_order.len() {
        let name = writer.footnote_order[written].clone();
        written += 1;
        let content = footnotes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b.clone())
            .unwrap_or_default();
        let _ = write!(notes, "<w:footnote w:id=\"{written}\">");
        writer.footnote(&mut notes, &content);
        notes.push_str("</w:footnote>");
    }

    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut overrides: BTreeMap<String, String> = BTreeMap::new();
    let mut defaults: BTreeMap<String, String> = BTreeMap::from([
        ("png".into(), "image/png".into()),
        (
            "rels".into(),
            "application/vnd.openxmlformats-package.relationships+xml".into(),
        ),
        ("xml".into(), "application/xml".into()),
    ]);
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut doc_rels: Vec<Rel> = vec![
        internal("rIdRbStyles", "styles", "styles.xml"),
        internal("rIdRbNumbering", "numbering", "numbering.xml"),
        internal("rIdRbFootnotes", "footnotes", "footnotes.xml"),
        internal("rIdRbSettings", "settings", "settings.xml"),
    ];
    overrides.insert(
        "word/document.xml".into(),
        format!("{wml}.document.main+xml"),
    );
    overrides.insert("word/styles.xml".into(), format!("{wml}.styles+xml"));
    overrides.insert("word/numbering.xml".into(), format!("{wml}.numbering+xml"));
    overrides.insert("word/footnotes.xml".into(), format!("{wml}.footnotes+xml"));
    overrides.insert("word/settings.xml".into(), format!("{wml}.settings+xml"));

    match template {
        Some(t) if t.sect_pr.is_some() => {
            doc_rels.extend(t.rels.iter().cloned());
        }
        Some(t) => {
            // A template without page set-up still lends its theme and fonts.
            doc_rels.extend(
                t.rels
                    .iter()
                    .filter(|r| r.kind != "header" && r.kind != "footer")
                    .cloned(),
            );
            doc_rels.push(internal("rIdRbFooter", "footer", "rapportbok-footer.xml"));
        }
        None => doc_rels.push(internal("rIdRbFooter", "footer", "rapportbok-footer.xml")),
    }
    if doc_rels.iter().any(|r| r.id == "rIdRbFooter") {
        parts.push((
            "word/rapportbok-footer.xml".into(),
            footer(&ids, &info.title).into_bytes(),
        ));
        overrides.insert(
            "word/rapportbok-footer.xml".into(),
            format!("{wml}.footer+xml"),
        );
    }
    if let Some(t) = template {
        for (path, bytes) in &t.parts {
            parts.push((path.clone(), bytes.clone()));
            if let Some(ct) = t.overrides.get(path) {
                overrides.insert(path.clone(), ct.clone());
            }
            if let Some(ext) = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
                && let Some(ct) = t.defaults.get(&ext)
            {
                defaults.entry(ext).or_insert_with(|| ct.clone());
            }
        }
    }
    doc_rels.extend(writer.rels.iter().cloned());

    let document =
        format!("{XML_HEAD}<w:document {W_NS}><w:body>{body}{sect}</w:body></w:document>");
    parts.push(("word/document.xml".into(), document.into_bytes()));
    parts.push(("word/styles.xml".into(), styles.into_bytes()));
    parts.push((
        "word/numbering.xml".into(),
        numbering(template.and_then(|t| t.numbering.as_deref()), &writer.lists).into_bytes(),
    ));
    parts.push((
        "word/footnotes.xml".into(),
        format!(
            "{XML_HEAD}<w:footnotes {W_NS}>\
             <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
             {notes}</w:footnotes>"
        )
        .into_bytes(),
    ));
    parts.push(("word/settings.xml".into(), settings().into_bytes()));
    parts.push((
        "word/_rels/document.xml.rels".into(),
        relationships(&doc_rels).into_bytes(),
    ));
    for (path, bytes) in std::mem::take(&mut writer.media) {
        parts.push((path, bytes));
    }
    parts.push(("docProps/core.xml".into(), core(info).into_bytes()));
    parts.push(("docProps/app.xml".into(), app().into_bytes()));
    parts.push(("docProps/custom.xml".into(), custom(info).into_bytes()));
    overrides.insert(
        "docProps/core.xml".into(),
        "application/vnd.openxmlformats-package.core-properties+xml".into(),
    );
    overrides.insert(
        "docProps/app.xml".into(),
        "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
    );
    overrides.insert(
        "docProps/custom.xml".into(),
        "application/vnd.openxmlformats-officedocument.custom-properties+xml".into(),
    );
    parts.push((
        "_rels/.rels".into(),
        relationships(&[
            internal("rId1", "officeDocument", "word/document.xml"),
            Rel {
                id: "rId2".into(),
                kind: "core".into(),
                target: "docProps/core.xml".into(),
                external: false,
            },
            internal("rId3", "extended-properties", "docProps/app.xml"),
            internal("rId4", "custom-properties", "docProps/custom.xml"),
        ])
        .into_bytes(),
    ));
    let mut types = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    );
    for (ext, ct) in &defaults {
        let _ = write!(
            types,
            "<Default Extension=\"{}\" ContentType=\"{}\"/>",
            escape(ext),
            escape(ct)
        );
    }
    for (part, ct) in &overrides {
        if parts.iter().any(|(p, _)| p == part) {
            let _ = write!(
                types,
                "<Override PartName=\"/{}\" ContentType=\"{}\"/>",
                escape(part),
                escape(ct)
            );
        }
    }
    types.push_str("</Types>");
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    parts.insert(0, ("[Content_Types].xml".into(), types.into_bytes()));
    zip_parts(&parts)
}

fn internal(id: &str, kind: &str, target: &str) -> Rel {
    Rel {
        id: id.into(),
        kind: kind.into(),
        target: target.into(),
        external: false,
    }
}

/// The text width of a section in EMU (page width minus margins).
fn text_width_emu(sect: &str) -> u64 {
    let get = |tag: &str, name: &str| -> Option<u64> {
        let at = sect.find(tag)?;
        attr(&sect[at..], name)?.parse().ok()
    };
    let width = get("<w:pgSz", "w:w").unwrap_or(11906);
    let left = get("<w:pgMar", "w:left").unwrap_or(1417);
    let right = get("<w:pgMar", "w:right").unwrap_or(1417);
    width.saturating_sub(left + right).max(1440) * 635
}

fn relationships(rels: &[Rel]) -> String {
    let mut x = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for r in rels {
        let kind = if r.kind == "core" {
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .to_string()
        } else {
            format!("{REL_NS}/{}", r.kind)
        };
        let _ = write!(
            x,
            "<Relationship Id=\"{}\" Type=\"{kind}\" Target=\"{}\"{}/>",
            escape(&r.id),
            escape(&r.target),
            if r.external {
                " TargetMode=\"External\""
            } else {
                ""
            }
        );
    }
    x.push_str("</Relationships>");
    x
}

/// Bullets and numbers, three levels deep; each list its own instance (numbers restart).
fn numbering(template: Option<&str>, lists: &[(bool, usize)]) -> String {
    let bullet = |lvl: usize, sym: &str| {
        format!(
            "<w:lvl w:ilvl=\"{lvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"{sym}\"/><w:lvlJc w:val=\"left\"/>\
             <w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
            720 + 360 * lvl
        )
    };
    let number = |lvl: usize, fmt: &str| {
        format!(
            "<w:lvl w:ilvl=\"{lvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"%{}.\"/><w:lvlJc w:val=\"left\"/>\
             <w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>",
            lvl + 1,
            720 + 360 * lvl
        )
    };
    let abstracts = format!(
        "<w:abstractNum w:abstractNumId=\"{b}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}{}{}</w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"{o}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}{}{}</w:abstractNum>",
        bullet(0, "\u{2022}"),
        bullet(1, "\u{2013}"),
        bullet(2, "\u{25aa}"),
        number(0, "decimal"),
        number(1, "lowerLetter"),
        number(2, "lowerRoman"),
        b = NUM_BASE,
        o = NUM_BASE + 1,
    );
    let mut nums = String::new();
    for (i, (ordered, start)) in lists.iter().enumerate() {
        let abs = if *ordered { NUM_BASE + 1 } else { NUM_BASE };
        let _ = write!(
            nums,
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{abs}\"/>",
            NUM_BASE + i + 1
        );
        if *ordered {
            let _ = write!(
                nums,
                "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride>\
                 <w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"1\"/></w:lvlOverride>\
                 <w:lvlOverride w:ilvl=\"2\"><w:startOverride w:val=\"1\"/></w:lvlOverride>"
            );
        }
        nums.push_str("</w:num>");
    }
    match template {
        // The template's own lists (numbered headings) stay; ours go after theirs.
        Some(t) if t.contains("</w:numbering>") => {
            let mut x = t.to_string();
            let at = x
                .find("<w:num ")
                .or_else(|| x.find("<w:numIdMacAtCleanup"))
                .or_else(|| x.rfind("</w:numbering>"))
                .unwrap_or(x.len());
            x.insert_str(at, &abstracts);
            let end = x
                .find("<w:numIdMacAtCleanup")
                .or_else(|| x.rfind("</w:numbering>"))
                .unwrap_or(x.len());
            x.insert_str(end, &nums);
            x
        }
        _ => format!("{XML_HEAD}<w:numbering {W_NS}>{abstracts}{nums}</w:numbering>"),
    }
}

fn settings() -> String {
    format!(
        "{XML_HEAD}<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:defaultTabStop w:val=\"1304\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"{LANG}\"/><w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/></w:settings>"
    )
}

/// The default footer: the title on the left, `Sida n av m` on the right.
fn footer(ids: &StyleIds, title: &str) -> String {
    let lang = format!("<w:rPr><w:lang w:val=\"{LANG}\"/></w:rPr>");
    let field = |instr: &str| {
        let mut f = String::new();
        super::xml::field(&mut f, instr, "1", &lang);
        f
    };
    format!(
        "{XML_HEAD}<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>\
         <w:r>{lang}<w:t xml:space=\"preserve\">{}</w:t></w:r><w:r>{lang}<w:tab/><w:tab/><w:t xml:space=\"preserve\">Sida </w:t></w:r>{}\
         <w:r>{lang}<w:t xml:space=\"preserve\"> av </w:t></w:r>{}</w:p></w:ftr>",
        escape(ids.id("Footer")),
        escape(title),
        field("PAGE"),
        field("NUMPAGES"),
    )
}

fn core(info: &Info) -> String {
    let subject = info
        .subject
        .as_deref()
        .map(|s| format!("<dc:subject>{}</dc:subject>", escape(s)))
        .unwrap_or_default();
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title>{subject}<dc:creator>{}</dc:creator><dc:language>{LANG}</dc:language>\
         <cp:keywords>rapportbok</cp:keywords></cp:coreProperties>",
        escape(&info.title),
        escape(&info.author),
    )
}

fn app() -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>rapportbok {}</Application></Properties>",
        crate::provenance::VERSION
    )
}

/// The provenance as custom properties (File → Properties → Custom in Word).
fn custom(info: &Info) -> String {
    let mut x = format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
    );
    for (i, (name, value)) in info.properties.iter().enumerate() {
        let _ = write!(
            x,
            "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{}\" name=\"{}\"><vt:lpwstr>{}</vt:lpwstr></property>",
            i + 2,
            escape(name),
            escape(value)
        );
    }
    x.push_str("</Properties>");
    x
}

/// Zip the parts in the given order, every entry dated 1980-01-01 (zip's epoch).
fn zip_parts(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)
            .map_err(|e| format!("{name}: {e}"))?;
        zip.write_all(bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| e.to_string())
}
