//! The workbook's cell styles: each distinct look a cell has (number format, bold or title
//! font, header border, right alignment, indent) gets one index, written to `xl/styles.xml`.

use std::fmt::Write;

/// The fonts the downloads use (Calibri 11, as Excel's default style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
    /// The table's title above it: bold, 13 pt.
    Title,
}

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// 0 is General; custom formats are numbered from 164 (see [`Styles::number_format`]).
    pub number_format: u32,
    pub font: Font,
    /// A thin line under the cell (the header row).
    pub line_below: bool,
    pub right: bool,
    /// Indented one step (the label of a varav row).
    pub indent: bool,
}

impl Style {
    pub const PLAIN: Style = Style {
        number_format: 0,
        font: Font::Regular,
        line_below: false,
        right: false,
        indent: false,
    };
}

/// The first number format id free for a workbook's own formats (ids below are built in).
const FIRST_CUSTOM_FORMAT: u32 = 164;

/// The styles of one workbook, in the order first asked for; index 0 is the plain style.
#[derive(Debug)]
pub struct Styles {
    styles: Vec<Style>,
    formats: Vec<String>,
}

impl Default for Styles {
    fn default() -> Styles {
        Styles {
            styles: vec![Style::PLAIN],
            formats: Vec::new(),
        }
    }
}

impl Styles {
    /// The id of the number format `code`, added on first use.
    pub fn number_format(&mut self, code: &str) -> u32 {
        let i = match self.formats.iter().position(|f| f == code) {
            Some(i) => i,
            None => {
                self.formats.push(code.to_string());
                self.formats.len() - 1
            }
        };
        FIRST_CUSTOM_FORMAT + i as u32
    }

    /// The index of `style` (the `s` attribute of a cell), added on first use.
    pub fn index(&mut self, style: Style) -> u32 {
        let i = match self.styles.iter().position(|s| *s == style) {
            Some(i) => i,
            None => {
                self.styles.push(style);
                self.styles.len() - 1
            }
        };
        i as u32
    }

    /// The style at `index` (from [`Styles::index`]); the plain style for any other.
    pub fn style(&self, index: u32) -> Style {
        self.styles
            .get(index as usize)
            .copied()
            .unwrap_or(Style::PLAIN)
    }

    /// `xl/styles.xml`.
    pub fn xml(&self) -> String {
        let mut x = String::with_capacity(1500 + 100 * self.styles.len());
        x.push_str(super::sheet::XML_DECLARATION);
        x.push_str(
            "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
        );
        if !self.formats.is_empty() {
            let _ = write!(x, "<numFmts count=\"{}\">", self.formats.len());
            for (i, code) in self.formats.iter().enumerate() {
                let _ = write!(
                    x,
                    "<numFmt numFmtId=\"{}\" formatCode=\"",
                    FIRST_CUSTOM_FORMAT + i as u32
                );
                super::sheet::escape_into(&mut x, code);
                x.push_str("\"/>");
            }
            x.push_str("</numFmts>");
        }
        // Fonts in the order of `font_id`.
        x.push_str(
            "<fonts count=\"3\">\
             <font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
             <font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
             <font><b/><sz val=\"13\"/><name val=\"Calibri\"/><family val=\"2\"/></font>\
             </fonts>\
             <fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>\
             <fill><patternFill patternType=\"gray125\"/></fill></fills>\
             <borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>\
             <border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom>\
             <diagonal/></border></borders>\
             <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
        );
        let _ = write!(x, "<cellXfs count=\"{}\">", self.styles.len());
        for s in &self.styles {
            let font = font_id(s.font);
            let _ = write!(
                x,
                "<xf numFmtId=\"{}\" fontId=\"{font}\" fillId=\"0\" borderId=\"{}\" xfId=\"0\"",
                s.number_format,
                u8::from(s.line_below)
            );
            if s.number_format != 0 {
                x.push_str(" applyNumberFormat=\"1\"");
            }
            if font != 0 {
                x.push_str(" applyFont=\"1\"");
            }
            if s.line_below {
                x.push_str(" applyBorder=\"1\"");
            }
            if s.right || s.indent {
                x.push_str(" applyAlignment=\"1\"><alignment");
                if s.right {
                    x.push_str(" horizontal=\"right\"");
                } else {
                    // Excel indents left-aligned text only.
                    x.push_str(" horizontal=\"left\"");
                }
                if s.indent {
                    x.push_str(" indent=\"1\"");
                }
                x.push_str("/></xf>");
            } else {
                x.push_str("/>");
            }
        }
        x.push_str(
            "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
             <dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>",
        );
        x
    }
}

fn font_id(font: Font) -> u8 {
    match font {
        Font::Regular => 0,
        Font::Bold => 1,
        Font::Title => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_look_gets_one_index_and_each_format_one_id() {
        let mut styles = Styles::default();
        let mkr = styles.number_format("#,##0.0");
        assert_eq!(mkr, 164);
        assert_eq!(styles.number_format("0.0%"), 165);
        assert_eq!(styles.number_format("#,##0.0"), 164);
        let bold = Style {
            number_format: mkr,
            font: Font::Bold,
            ..Style::PLAIN
        };
        assert_eq!(styles.index(Style::PLAIN), 0);
        assert_eq!(styles.index(bold), 1);
        assert_eq!(styles.index(bold), 1);
        let xml = styles.xml();
        assert!(
            xml.contains("<numFmt numFmtId=\"164\" formatCode=\"#,##0.0\"/>"),
            "{xml}"
        );
        assert!(xml.contains("<cellXfs count=\"2\">"), "{xml}");
        assert!(
            xml.contains("<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"),
            "{xml}"
        );
    }
}
