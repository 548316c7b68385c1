//! The document body as WordprocessingML: paragraphs with styles and runs in Swedish, lists on
//! numbering, tables with a repeating header row, captions as Word captions (SEQ fields),
//! pictures with alt text, footnotes and hyperlinks as relationships.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::model::{Align, Block, Image, Inline, Style, Table, plain};
use super::styles::StyleIds;

/// The language of every run and style.
pub const LANG: &str = "sv-SE";

/// A line break (in its own run, which carries the language too).
const BREAK: &str = "<w:r><w:rPr><w:lang w:val=\"sv-SE\"/></w:rPr><w:br/></w:r>";

/// A relationship from the document part: (id, type URI suffix, target, external).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

/// The namespace of relationship types.
pub const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Writes blocks into the body, collecting what the body refers to.
pub struct Writer<'s> {
    styles: &'s StyleIds,
    /// The text width in EMU (pictures are scaled down to it).
    text_width_emu: u64,
    pub rels: Vec<Rel>,
    /// (path in the package, bytes): the pictures.
    pub media: Vec<(String, Vec<u8>)>,
    /// One numbering instance per list: ordered, start.
    pub lists: Vec<(bool, usize)>,
    /// Footnote names in the order first referred to; the id is the position + 1.
    pub footnote_order: Vec<String>,
    links: BTreeMap<String, String>,
    tables: usize,
    figures: usize,
    /// The last block written was a table: the next paragraph keeps its distance from it
    /// (with spacing, never an empty paragraph).
    after_table: bool,
}

/// The first numbering id the document's own lists use (a template's stay below it).
pub const NUM_BASE: usize = 1000;

impl<'s> Writer<'s> {
    pub fn new(styles: &'s StyleIds, text_width_emu: u64) -> Self {
        Writer {
            styles,
            text_width_emu,
            rels: Vec::new(),
            media: Vec::new(),
            lists: Vec::new(),
            footnote_order: Vec::new(),
            links: BTreeMap::new(),
            tables: 0,
            figures: 0,
            after_table: false,
        }
    }

    fn rel(&mut self, kind: &str, target: &str, external: bool) -> String {
        let id = format!("rIdRb{}", self.rels.len() + 1);
        self.rels.push(Rel {
            id: id.clone(),
            kind: kind.to_string(),
            target: target.to_string(),
            external,
        });
        id
    }

    /// Write `blocks` at list depth `depth` (0 outside lists).
    pub fn blocks(&mut self, out: &mut String, blocks: &[Block], depth: usize) {
        for block in blocks {
            self.block(out, block, depth);
        }
    }

    fn block(&mut self, out: &mut String, block: &Block, depth: usize) {
        let after_table = std::mem::take(&mut self.after_table);
        match block {
            Block::Heading(level, runs) => {
                let style = match level {
                    0 => "Title",
                    1 => "Heading1",
                    2 => "Heading2",
                    _ => "Heading3",
                };
                self.paragraph(out, &self.p_pr(style, ""), runs);
            }
            Block::Paragraph(runs) => {
                let ppr = if depth > 0 {
                    self.p_pr("ListParagraph", &indent(depth))
                } else if after_table {
                    "<w:pPr><w:spacing w:before=\"240\"/></w:pPr>".to_string()
                } else {
                    String::new()
                };
                self.paragraph(out, &ppr, runs);
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                self.lists.push((*ordered, *start));
                let num_id = NUM_BASE + self.lists.len();
                for item in items {
                    let mut first = true;
                    for b in item {
                        match b {
                            Block::Paragraph(runs) if first => {
                                let num = format!(
                                    "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{num_id}\"/></w:numPr>",
                                    depth.min(2)
                                );
                                self.paragraph(out, &self.p_pr("ListParagraph", &num), runs);
                            }
                            other => self.block(out, other, depth + 1),
                        }
                        first = false;
                    }
                }
            }
            Block::Quote(blocks) => {
                for b in blocks {
                    match b {
                        Block::Paragraph(runs) => {
                            self.paragraph(out, &self.p_pr("Quote", ""), runs);
                        }
                        other => self.block(out, other, depth),
                    }
                }
            }
            Block::Code(code) => {
                out.push_str("<w:p>");
                out.push_str(&self.p_pr("Kod", ""));
                for (i, line) in code.lines().enumerate() {
                    if i > 0 {
                        out.push_str(BREAK);
                    }
                    run(out, line, &self.run_props(Style::default(), None));
                }
                out.push_str("</w:p>");
            }
            Block::Table(t) => {
                self.table(out, t);
                self.after_table = true;
            }
            Block::Image(image) => self.image(out, image),
            Block::Error(runs) => self.paragraph(out, &self.p_pr("Felruta", ""), runs),
            Block::Note(runs) => self.paragraph(out, &self.p_pr("Anteckning", ""), runs),
            // A rule would be an empty paragraph; the headings already separate the parts.
            Block::Rule => {}
        }
    }

    /// A footnote's content: paragraphs in the footnote style, the mark in the first.
    pub fn footnote(&mut self, out: &mut String, content: &[Block]) {
        let ppr = self.p_pr("FootnoteText", "");
        let mark = format!(
            "<w:r>{}<w:footnoteRef/></w:r><w:r>{}<w:t xml:space=\"preserve\"> </w:t></w:r>",
            self.run_props(Style::default(), Some("FootnoteReference")),
            self.run_props(Style::default(), None)
        );
        let mut marked = false;
        for block in content {
            match block {
                Block::Paragraph(runs) => {
                    out.push_str("<w:p>");
                    out.push_str(&ppr);
                    if !marked {
                        out.push_str(&mark);
                        marked = true;
                    }
                    self.runs(out, runs, None);
                    out.push_str("</w:p>");
                }
                other => self.block(out, other, 0),
            }
        }
        if !marked {
            let _ = write!(out, "<w:p>{ppr}{mark}</w:p>");
        }
    }

    fn p_pr(&self, style: &str, extra: &str) -> String {
        format!(
            "<w:pPr><w:pStyle w:val=\"{}\"/>{extra}</w:pPr>",
            escape(self.styles.id(style))
        )
    }

    fn paragraph(&mut self, out: &mut String, ppr: &str, runs: &[Inline]) {
        out.push_str("<w:p>");
        out.push_str(ppr);
        self.runs(out, runs, None);
        out.push_str("</w:p>");
    }

    /// Runs, each with its formatting and the language; `extra` adds properties (bold rows).
    fn runs(&mut self, out: &mut String, runs: &[Inline], extra: Option<Style>) {
        for r in runs {
            match r {
                Inline::Text(t, style) => {
                    let style = merge(*style, extra);
                    run(out, t, &self.run_props(style, None));
                }
                Inline::Break => out.push_str(BREAK),
                Inline::Link(url, inner) => {
                    let id = match self.links.get(url) {
                        Some(id) => id.clone(),
                        None => {
                            let id = self.rel("hyperlink", url, true);
                            self.links.insert(url.clone(), id.clone());
                            id
                        }
                    };
                    let _ = write!(out, "<w:hyperlink r:id=\"{id}\" w:history=\"1\">");
                    for i in inner {
                        match i {
                            Inline::Text(t, style) => {
                                let style = merge(*style, extra);
                                run(out, t, &self.run_props(style, Some("Hyperlink")));
                            }
                            Inline::Break => out.push_str(BREAK),
                            _ => {}
                        }
                    }
                    out.push_str("</w:hyperlink>");
                }
                Inline::Footnote(name) => {
                    let id = match self.footnote_order.iter().position(|n| n == name) {
                        Some(i) => i + 1,
                        None => {
                            self.footnote_order.push(name.clone());
                            self.footnote_order.len()
                        }
                    };
                    let _ = write!(
                        out,
                        "<w:r>{}<w:footnoteReference w:id=\"{id}\"/></w:r>",
                        self.run_props(Style::default(), Some("FootnoteReference"))
                    );
                }
            }
        }
    }

    /// `<w:rPr>`: the character style, formatting and language, in the schema's order.
    fn run_props(&self, style: Style, char_style: Option<&str>) -> String {
        let mut p = String::from("<w:rPr>");
        let char_style = char_style.or(style.code.then_some("VerbatimChar"));
        if let Some(cs) = char_style {
            let _ = write!(p, "<w:rStyle w:val=\"{}\"/>", escape(self.styles.id(cs)));
        }
        if style.bold {
            p.push_str("<w:b/><w:bCs/>");
        }
        if style.italic {
            p.push_str("<w:i/><w:iCs/>");
        }
        if style.strike {
            p.push_str("<w:strike/>");
        }
        let _ = write!(p, "<w:lang w:val=\"{LANG}\"/></w:rPr>");
        p
    }

    /// A Word caption: `Tabell 3: …` / `Figur 2: …` with a SEQ field Word can update.
    fn caption(&mut self, out: &mut String, label: &str, number: usize, runs: &[Inline]) {
        out.push_str("<w:p>");
        out.push_str(&self.p_pr(
            "Caption",
            if label == "Tabell" {
                "<w:keepNext/>"
            } else {
                ""
            },
        ));
        let props = self.run_props(Style::default(), None);
        run(out, &format!("{label} "), &props);
        field(
            out,
            &format!("SEQ {label} \\* ARABIC"),
            &number.to_string(),
            &props,
        );
        run(out, ": ", &props);
        self.runs(out, runs, None);
        out.push_str("</w:p>");
    }

    fn table(&mut self, out: &mut String, t: &Table) {
        let columns = t
            .header
            .len()
            .max(t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
        if columns == 0 {
            return;
        }
        self.tables += 1;
        if let Some(caption) = &t.caption {
            self.caption(out, "Tabell", self.tables, caption);
        }
        let caption_text = t.caption.as_deref().map(plain).unwrap_or_default();
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
             <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>",
            escape(self.styles.id("Rapporttabell"))
        );
        if !caption_text.is_empty() {
            let _ = write!(out, "<w:tblCaption w:val=\"{}\"/>", escape(&caption_text));
        }
        out.push_str("</w:tblPr><w:tblGrid>");
        // The text width shared out by the columns' longest texts (a label column needs room
        // for its words; a number column only for its figures).
        let width = (self.text_width_emu / 635) as usize;
        let mut longest = vec![4usize; columns];
        for cells in std::iter::once(&t.header).chain(t.rows.iter().map(|r| &r.cells)) {
            for (i, cell) in cells.iter().enumerate().take(columns) {
                let words = plain(&cell.content);
                // A header wraps at its spaces; a cell's text is read whole (up to a point).
                let need = if std::ptr::eq(cells, &t.header) {
                    words
                        .split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0)
                } else {
                    words.chars().count().min(40)
                };
                longest[i] = longest[i].max(need + usize::from(cell.indent) * 2);
            }
        }
        let total: usize = longest.iter().sum();
        let grid: Vec<usize> = longest.iter().map(|w| width * w / total.max(1)).collect();
        for w in &grid {
            let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
        }
        out.push_str("</w:tblGrid>");
        // The header row repeats on every page and is never split.
        out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (cell, w) in t.header.iter().zip(&grid) {
            self.cell(
                *w,
                out,
                cell,
                Some(bold_style()),
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>",
            );
        }
        out.push_str("</w:tr>");
        for row in &t.rows {
            out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            let tc = if row.bold {
                "<w:tcBorders><w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"404040\"/></w:tcBorders>"
            } else {
                ""
            };
            for (cell, w) in row.cells.iter().zip(&grid) {
                self.cell(*w, out, cell, row.bold.then(bold_style), tc);
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }

    fn cell(
        &mut self,
        width: usize,
        out: &mut String,
        cell: &super::model::Cell,
        extra: Option<Style>,
        tc: &str,
    ) {
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{tc}</w:tcPr><w:p>"
        );
        let mut ppr = String::new();
        if cell.indent {
            ppr.push_str("<w:ind w:left=\"284\"/>");
        }
        match cell.align {
            Align::Right => ppr.push_str("<w:jc w:val=\"right\"/>"),
            Align::Center => ppr.push_str("<w:jc w:val=\"center\"/>"),
            Align::Left => {}
        }
        out.push_str(&self.p_pr("Tabelltext", &ppr));
        self.runs(out, &cell.content, extra);
        out.push_str("</w:p></w:tc>");
    }

    fn image(&mut self, out: &mut String, image: &Image) {
        self.figures += 1;
        let n = self.figures;
        let name = format!("media/diagram{n}.png");
        let id = self.rel("image", &name, false);
        self.media.push((format!("word/{name}"), image.png.clone()));
        // 96 dpi: 9525 EMU per pixel, scaled down to the text width.
        let (mut cx, mut cy) = (
            u64::from(image.width_px) * 9525,
            u64::from(image.height_px) * 9525,
        );
        if cx > self.text_width_emu && cx > 0 {
            cy = cy * self.text_width_emu / cx;
            cx = self.text_width_emu;
        }
        let title = escape(&image.title);
        let descr = escape(&image.description);
        out.push_str("<w:p>");
        out.push_str(&self.p_pr("Figur", "<w:keepNext/>"));
        let _ = write!(
            out,
            "<w:r><w:rPr><w:lang w:val=\"{LANG}\"/></w:rPr><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
             <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
             <wp:docPr id=\"{n}\" name=\"Diagram {n}\" descr=\"{descr}\" title=\"{title}\"/>\
             <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
             <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"diagram{n}.png\" descr=\"{descr}\" title=\"{title}\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"{id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
             </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        );
        if let Some(caption) = &image.caption {
            self.caption(out, "Figur", n, &[super::model::text(caption)]);
        }
    }
}

/// A field Word updates (`SEQ`, `PAGE`), written as Word writes it, with `shown` as its
/// current result.
pub fn field(out: &mut String, instr: &str, shown: &str, props: &str) {
    let _ = write!(
        out,
        "<w:r>{props}<w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r>{props}<w:instrText xml:space=\"preserve\"> {} </w:instrText></w:r>\
         <w:r>{props}<w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r>{props}<w:t>{}</w:t></w:r>\
         <w:r>{props}<w:fldChar w:fldCharType=\"end\"/></w:r>",
        escape(instr),
        escape(shown)
    );
}

fn bold_style() -> Style {
    Style {
        bold: true,
        ..Style::default()
    }
}

fn merge(style: Style, extra: Option<Style>) -> Style {
    match extra {
        Some(e) => Style {
            bold: style.bold || e.bold,
            italic: style.italic || e.italic,
            strike: style.strike || e.strike,
            code: style.code || e.code,
        },
        None => style,
    }
}

/// Indentation of a paragraph continuing a list item at `depth`.
fn indent(depth: usize) -> String {
    format!("<w:ind w:left=\"{}\"/>", 360 * (depth + 1))
}

/// One run of text with properties `props`; tabs as `<w:tab/>`.
fn run(out: &mut String, text: &str, props: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    out.push_str(props);
    for (i, part) in text.split('\t').enumerate() {
        if i > 0 {
            out.push_str("<w:tab/>");
        }
        if !part.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            escape_into(out, part);
            out.push_str("</w:t>");
        }
    }
    out.push_str("</w:r>");
}

/// Escape text for XML content and attributes; characters XML 1.0 cannot hold are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 && c != '\t' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}
