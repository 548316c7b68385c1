//! Text from an export's bytes: UTF-8 (with or without BOM), else Windows-1252.

use std::borrow::Cow;

/// Decode `bytes`: UTF-8 when valid (a BOM is dropped), otherwise Windows-1252, which is
/// what Swedish Excel writes when it saves "CSV (semikolonavgränsad)".
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_windows_1252() {
        assert_eq!(decode(b"\xEF\xBB\xBFK\xC3\xA5r"), "Kår");
        assert_eq!(decode("Kår".as_bytes()), "Kår");
        // 0xE5 = å, 0xA0 = no-break space, 0x96 = en dash in Windows-1252.
        assert_eq!(decode(b"K\xE5r;\x961\xA0083"), "Kår;\u{2013}1\u{a0}083");
    }
}
