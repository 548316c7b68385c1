//! Colours, dash patterns and markers per series: Okabe–Ito colours (told apart by
//! colour-blind readers), ordered so neighbours also differ in greyscale print.

/// Okabe–Ito, with the light ones (orange, sky blue, yellow) darkened to a 3:1 contrast
/// against white (WCAG 1.4.11 for graphics). Many of them are alike in greyscale, so series
/// also differ by dash pattern and marker (lines) or hatching (bars); black is fifth so that
/// neighbouring unhatched bars differ in lightness.
pub const COLORS: [(u8, u8, u8); 8] = [
    (0x00, 0x72, 0xB2), // blue
    (0xC3, 0x86, 0x00), // orange (darkened from #E69F00)
    (0x00, 0x9E, 0x73), // bluish green
    (0xCC, 0x79, 0xA7), // reddish purple
    (0x00, 0x00, 0x00), // black
    (0x47, 0x98, 0xC6), // sky blue (darkened from #56B4E9)
    (0xD5, 0x5E, 0x00), // vermillion
    (0x9C, 0x95, 0x28), // yellow (darkened from #F0E442)
];

/// Positive and negative deviations (with signed labels, so colour is not the only cue).
pub const POSITIVE: (u8, u8, u8) = (0x00, 0x72, 0xB2);
pub const NEGATIVE: (u8, u8, u8) = (0xD5, 0x5E, 0x00);
/// Start and end bars of a waterfall.
pub const TOTAL: (u8, u8, u8) = (0x4A, 0x52, 0x60);
/// Text, axes and grid.
pub const TEXT: (u8, u8, u8) = (0x1B, 0x1F, 0x24);
pub const MUTED: (u8, u8, u8) = (0x4A, 0x52, 0x60);
pub const GRID: (u8, u8, u8) = (0xDD, 0xE1, 0xE6);
/// The target band's fill and the target line.
pub const TARGET_FILL: (u8, u8, u8) = (0xD4, 0xED, 0xE3);
pub const TARGET_LINE: (u8, u8, u8) = (0x1D, 0x6B, 0x35);

/// Every dash pattern charts use (length, gap): the series' four, then the target band's,
/// the target line's and the waterfall's connectors.
pub const DASHES: [(u32, u32); 7] = [(9, 4), (3, 3), (14, 4), (6, 6), (4, 3), (8, 4), (3, 2)];

/// Line dash (length, gap) per style; `None` is solid.
pub fn dash(style: usize) -> Option<(u32, u32)> {
    match style % 5 {
        0 => None,
        n => Some(DASHES[n - 1]),
    }
}

/// Hatching per bar style: `None` for solid, else rising (true) or falling (false) lines.
pub fn hatch(style: usize) -> Option<bool> {
    match style % 4 {
        1 => Some(true),
        3 => Some(false),
        _ => None,
    }
}

/// Point markers per style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Triangle,
    Square,
    Cross,
    Diamond,
}

pub fn marker(style: usize) -> Marker {
    match style % 5 {
        0 => Marker::Circle,
        1 => Marker::Triangle,
        2 => Marker::Square,
        3 => Marker::Cross,
        _ => Marker::Diamond,
    }
}

/// The colour of a style, the writer's own colours first.
pub fn color(style: usize, custom: &[(u8, u8, u8)]) -> (u8, u8, u8) {
    custom
        .get(style)
        .copied()
        .unwrap_or(COLORS[style % COLORS.len()])
}

/// Parse `#rrggbb` (or `#rgb`).
pub fn parse_hex(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#')?;
    let digit = |i: usize, w: usize| u8::from_str_radix(hex.get(i..i + w)?, 16).ok();
    match hex.len() {
        6 => Some((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => {
            let (r, g, b) = (digit(0, 1)?, digit(1, 1)?, digit(2, 1)?);
            Some((r * 17, g * 17, b * 17))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_differ_and_hex_parses() {
        assert_eq!(dash(0), None);
        assert_ne!(dash(1), dash(2));
        assert_ne!(marker(0), marker(1));
        assert_eq!(parse_hex("#0072b2"), Some((0, 0x72, 0xB2)));
        assert_eq!(parse_hex("#fff"), Some((255, 255, 255)));
        assert_eq!(parse_hex("blå"), None);
        assert_eq!(color(0, &[(1, 2, 3)]), (1, 2, 3));
        assert_eq!(color(1, &[(1, 2, 3)]), COLORS[1]);
        assert_eq!(hatch(0), None);
        assert_ne!(hatch(1), hatch(3));
    }
}
