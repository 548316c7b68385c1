//! A chart as a picture for Word: the page's SVG drawn to PNG by resvg with the font we ship,
//! its title and description as the alt text, its title as the figure caption.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::model::{Block, Image, text};
use crate::chart::Chart;

/// Liberation Sans (SIL Open Font License 1.1, see `font/LICENSE.txt`): metric-compatible with
/// Arial, so the labels take the room the page's browser gives them.
const FONT: &[u8] = include_bytes!("font/LiberationSans-Regular.ttf");

/// Pixels per SVG unit: charts are drawn at twice their page size, sharp in print.
const SCALE: f32 = 2.0;

/// The fonts SVG text is drawn with: only the one we ship, so every machine draws the same.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        db.set_sans_serif_family("Liberation Sans");
        Arc::new(db)
    }))
}

/// The chart's blocks: the picture (with caption) and its source note; a chart that cannot be
/// drawn shows why, as on the page.
pub fn blocks(chart: &Chart) -> Vec<Block> {
    let description = crate::chart::describe(chart);
    let mut out = match png(chart) {
        Ok((png, width_px, height_px)) => vec![Block::Image(Image {
            png,
            width_px,
            height_px,
            title: chart.title.clone(),
            description,
            caption: Some(chart.title.clone()),
        })],
        Err(e) => vec![Block::Error(vec![text(format!(
            "Diagrammet {} kunde inte ritas: {e}",
            chart.title
        ))])],
    };
    if let Some(source) = &chart.source {
        out.push(Block::Note(vec![text(source)]));
    }
    out
}

/// The chart as PNG bytes and its size at 96 dpi.
pub fn png(chart: &Chart) -> Result<(Vec<u8>, u32, u32), String> {
    let svg = crate::chart::render_svg(chart)?;
    // The page sizes the SVG to its column; here it has its own size.
    let svg = svg.replacen(
        "width=\"100%\"",
        &format!("width=\"{}\" height=\"{}\"", chart.width, chart.height),
        1,
    );
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "Liberation Sans".into(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * SCALE).ceil() as u32,
        (size.height() * SCALE).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| format!("diagrammet har ingen yta ({w}×{h} bildpunkter)"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    let png = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok((png, size.width().ceil() as u32, size.height().ceil() as u32))
}
