//! The theme: one stylesheet, inlined in every page (screen and A4 print).

/// The stylesheet every page carries inline.
pub const THEME_CSS: &str = include_str!("theme.css");
