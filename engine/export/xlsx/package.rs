//! The xlsx package around a sheet: the parts every download has alike (content types,
//! relationships, application properties), made once per process, and the parts that name
//! the table (workbook with the sheet's name, document title).

use std::sync::OnceLock;

use super::archive::{self, Entry};
use super::sheet::{XML_DECLARATION, escape_into};

const CONTENT_TYPES: &str = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const WORKBOOK_RELS: &str = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>";

const APP: &str = "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>rapportbok</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>\
</Properties>";

/// The parts alike in every download, in the archive's order, made on first use.
fn fixed() -> Result<&'static [Entry; 4], String> {
    static FIXED: OnceLock<Result<[Entry; 4], String>> = OnceLock::new();
    FIXED
        .get_or_init(|| {
            let part =
                |name, xml: &str| Entry::new(name, &[XML_DECLARATION.as_bytes(), xml.as_bytes()]);
            Ok([
                part("[Content_Types].xml", CONTENT_TYPES)?,
                part("_rels/.rels", ROOT_RELS)?,
                part("docProps/app.xml", APP)?,
                part("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)?,
            ])
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The xlsx file of one sheet named `sheet_name`, its XML the concatenation of `sheet`,
/// with `styles` (`xl/styles.xml`) and the
/// document title `title`.
pub fn write(
    sheet: &[&[u8]],
    styles: &str,
    sheet_name: &str,
    title: Option<&str>,
) -> Result<Vec<u8>, String> {
    let [content_types, root_rels, app, workbook_rels] = fixed()?;
    let core = Entry::new("docProps/core.xml", &[core(title).as_bytes()])?;
    let workbook = Entry::new("xl/workbook.xml", &[workbook(sheet_name).as_bytes()])?;
    let styles = Entry::new("xl/styles.xml", &[styles.as_bytes()])?;
    let sheet = Entry::new("xl/worksheets/sheet1.xml", sheet)?;
    archive::write(&[
        content_types,
        root_rels,
        app,
        &core,
        workbook_rels,
        &styles,
        &workbook,
        &sheet,
    ])
}

/// `xl/workbook.xml`: the one sheet.
fn workbook(sheet_name: &str) -> String {
    let mut x = String::with_capacity(600);
    x.push_str(XML_DECLARATION);
    x.push_str(
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews>\
         <sheets><sheet name=\"",
    );
    escape_into(&mut x, sheet_name);
    x.push_str("\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    x
}

/// `docProps/core.xml`: the title, rapportbok as author, and a fixed date, so that the same
/// table gives the same bytes and a rebuild that changed nothing publishes no changed files.
fn core(title: Option<&str>) -> String {
    let mut x = String::with_capacity(700);
    x.push_str(XML_DECLARATION);
    x.push_str(
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    );
    if let Some(title) = title {
        x.push_str("<dc:title>");
        escape_into(&mut x, title);
        x.push_str("</dc:title>");
    }
    x.push_str(
        "<dc:creator>rapportbok</dc:creator><cp:lastModifiedBy>rapportbok</cp:lastModifiedBy>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified>\
         </cp:coreProperties>",
    );
    x
}
