//! Colours, dash patterns and markers per series: Okabe–Ito colours (told apart by
//! colour-blind readers), ordered so neighbours also differ in greyscale print.

/// Okabe–Ito, reordered: dark blue first (the current year), then light/dark alternating.
pub const COLORS: [(u8, u8, u8); 8] = [
    (0x00, 0x72, 0xB2), // blue
    (0xE6, 0x9F, 0x00), // orange
    (0x00, 0x9E, 0x73), // bluish green
    (0xCC, 0x79, 0xA7), // reddish purple
    (0x56, 0xB4, 0xE9), // sky blue
    (0xD5, 0x5E, 0x00), // vermillion
    (0x00, 0x00, 0x00), // black
    (0xF0, 0xE4, 0x42), // yellow (last: weak on white)
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

/// Line dash (length, gap) per style; `None` is solid.
pub fn dash(style: usize) -> Option<(u32, u32)> {
    match style % 5 {
        0 => None,
        1 => Some((9, 4)),
        2 => Some((3, 3)),
        3 => Some((14, 4)),
        _ => Some((6, 6)),
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
    }
}
