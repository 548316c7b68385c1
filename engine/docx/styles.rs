//! The styles: a plain default stylesheet (Arial, Swedish, headings with outline levels for
//! the navigation pane), and a template's stylesheet completed with the styles it lacks.

use std::collections::BTreeMap;

use super::xml::LANG;

/// Our style ids and the built-in names Word knows them by (Word shows the built-in ones in
/// the user's language: "heading 1" is "Rubrik 1" in a Swedish Word).
const NAMES: &[(&str, &str)] = &[
    ("Normal", "Normal"),
    ("Title", "Title"),
    ("Heading1", "heading 1"),
    ("Heading2", "heading 2"),
    ("Heading3", "heading 3"),
    ("Caption", "caption"),
    ("ListParagraph", "List Paragraph"),
    ("Quote", "Quote"),
    ("FootnoteText", "footnote text"),
    ("FootnoteReference", "footnote reference"),
    ("Hyperlink", "Hyperlink"),
    ("Header", "header"),
    ("Footer", "footer"),
    ("TableNormal", "Normal Table"),
    ("VerbatimChar", "Verbatim Char"),
    ("Kod", "Kod"),
    ("Felruta", "Felruta"),
    ("Anteckning", "Anteckning"),
    ("Tabelltext", "Tabelltext"),
    ("Figur", "Figur"),
    ("Rapporttabell", "Rapporttabell"),
];

/// Which style id the document uses for each of ours (a Swedish template calls
/// "heading 1" `Rubrik1`).
#[derive(Debug, Clone, Default)]
pub struct StyleIds(BTreeMap<&'static str, String>);

impl StyleIds {
    pub fn id<'a>(&'a self, ours: &'a str) -> &'a str {
        self.0.get(ours).map_or(ours, String::as_str)
    }
}

/// The default stylesheet and its ids (ours).
pub fn default_styles() -> (String, StyleIds) {
    (
        format!("{HEAD}{}{}</w:styles>", doc_defaults(), STYLES),
        StyleIds::default(),
    )
}

/// A template's stylesheet: its styles win; ours are added where it has none by that name;
/// the default language becomes Swedish.
pub fn merge_styles(template: &str) -> (String, StyleIds) {
    let mut ids = BTreeMap::new();
    let mut missing = String::new();
    let ours = split_styles(STYLES);
    for (id, name) in NAMES {
        match style_id_by_name(template, name) {
            Some(theirs) => {
                ids.insert(*id, theirs);
            }
            None => {
                if let Some(def) = ours.get(*id) {
                    missing.push_str(def);
                }
            }
        }
    }
    let mut styles = swedish_defaults(template);
    match styles.rfind("</w:styles>") {
        Some(end) => styles.insert_str(end, &missing),
        None => styles.push_str(&missing),
    }
    (styles, StyleIds(ids))
}

/// The id of the style named `name` (case-insensitive, as Word compares built-in names).
fn style_id_by_name(styles: &str, name: &str) -> Option<String> {
    let mut rest = styles;
    while let Some(at) = rest.find("<w:style ") {
        let after = &rest[at..];
        let end = after.find("</w:style>").unwrap_or(after.len());
        let style = &after[..end];
        let open_end = style.find('>').unwrap_or(style.len());
        if let (Some(id), Some(n)) = (
            attr(&style[..open_end], "w:styleId"),
            style
                .find("<w:name ")
                .and_then(|i| attr(&style[i..], "w:val")),
        ) && n.eq_ignore_ascii_case(name)
        {
            return Some(id);
        }
        rest = &after[end.max(1)..];
    }
    None
}

/// The value of attribute `name` in the first tag of `xml`.
pub fn attr(xml: &str, name: &str) -> Option<String> {
    let tag_end = xml.find('>').unwrap_or(xml.len());
    let tag = &xml[..tag_end];
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

/// Each of our style definitions by id.
fn split_styles(styles: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for part in styles.split_inclusive("</w:style>") {
        if let Some(id) = part
            .find("<w:style ")
            .and_then(|i| attr(&part[i..], "w:styleId"))
        {
            out.insert(id, part.trim().to_string());
        }
    }
    out
}

/// `styles` with Swedish as the language of its document defaults.
fn swedish_defaults(styles: &str) -> String {
    let lang = format!("<w:lang w:val=\"{LANG}\" w:eastAsia=\"{LANG}\" w:bidi=\"ar-SA\"/>");
    if let Some(start) = styles.find("<w:rPrDefault>") {
        let end = styles[start..]
            .find("</w:rPrDefault>")
            .map_or(styles.len(), |e| start + e);
        let block = &styles[start..end];
        let replaced = match block.find("<w:lang ") {
            Some(l) => {
                let close = block[l..].find("/>").map_or(block.len(), |c| l + c + 2);
                format!("{}{lang}{}", &block[..l], &block[close..])
            }
            None => match block.find("</w:rPr>") {
                Some(r) => format!("{}{lang}{}", &block[..r], &block[r..]),
                None => format!("<w:rPrDefault><w:rPr>{lang}</w:rPr>"),
            },
        };
        return format!("{}{replaced}{}", &styles[..start], &styles[end..]);
    }
    let defaults = format!(
        "<w:docDefaults><w:rPrDefault><w:rPr>{lang}</w:rPr></w:rPrDefault></w:docDefaults>"
    );
    if let Some(at) = styles.find("<w:docDefaults>") {
        let mut s = styles.to_string();
        s.insert_str(
            at + "<w:docDefaults>".len(),
            &format!("<w:rPrDefault><w:rPr>{lang}</w:rPr></w:rPrDefault>"),
        );
        return s;
    }
    match styles
        .find("<w:styles")
        .and_then(|i| styles[i..].find('>').map(|e| i + e + 1))
    {
        Some(at) => format!("{}{defaults}{}", &styles[..at], &styles[at..]),
        None => styles.to_string(),
    }
}

fn doc_defaults() -> String {
    format!(
        "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>\
         <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{LANG}\" w:eastAsia=\"{LANG}\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    )
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";

/// The default styles: plain, readable, Swedish; colours with enough contrast (WCAG AA).
const STYLES: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="360"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="23"/><w:szCs w:val="23"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="120" w:after="80"/></w:pPr><w:rPr><w:b/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="567" w:right="567"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4536"/><w:tab w:val="right" w:pos="9072"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="404040"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="VerbatimChar"><w:name w:val="Verbatim Char"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Kod"><w:name w:val="Kod"/><w:basedOn w:val="Normal"/><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:after="120" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Felruta"><w:name w:val="Felruta"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="12" w:space="4" w:color="A4161A"/><w:left w:val="single" w:sz="12" w:space="4" w:color="A4161A"/><w:bottom w:val="single" w:sz="12" w:space="4" w:color="A4161A"/><w:right w:val="single" w:sz="12" w:space="4" w:color="A4161A"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FDECEA"/><w:spacing w:before="120" w:after="120"/><w:ind w:left="113" w:right="113"/></w:pPr><w:rPr><w:color w:val="7A1014"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Anteckning"><w:name w:val="Anteckning"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="60" w:after="160"/></w:pPr><w:rPr><w:color w:val="404040"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Tabelltext"><w:name w:val="Tabelltext"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Figur"><w:name w:val="Figur"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/></w:pPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="Rapporttabell"><w:name w:val="Rapporttabell"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="404040"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="404040"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/></w:tblBorders></w:tblPr></w:style>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swedish_template_keeps_its_ids_and_gets_ours_it_lacks() {
        let template = "<w:styles xmlns:w=\"x\"><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"en-US\"/></w:rPr></w:rPrDefault></w:docDefaults>\
            <w:style w:type=\"paragraph\" w:styleId=\"Rubrik1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>";
        let (styles, ids) = merge_styles(template);
        assert_eq!(ids.id("Heading1"), "Rubrik1");
        assert_eq!(ids.id("Heading2"), "Heading2");
        assert!(styles.contains("w:styleId=\"Heading2\""), "{styles}");
        assert!(!styles.contains("w:styleId=\"Heading1\""), "{styles}");
        assert!(styles.contains("<w:lang w:val=\"sv-SE\""), "{styles}");
        assert!(!styles.contains("en-US"), "{styles}");
        assert!(styles.ends_with("</w:styles>"));
    }
}
