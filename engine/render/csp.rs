//! The Content-Security-Policy every page carries: nothing fetched from elsewhere, no inline
//! script at all, and inline styles only by the hash of each block the page itself writes.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Where a page is shown, which decides what it may connect to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A built page: a file or a web server, no connection back anywhere.
    Site,
    /// A page of `rapportbok serve`: it keeps a connection to the server for live updates.
    Preview,
}

/// Which inline styles a page may have.
#[derive(Debug, Clone, Copy)]
pub enum Styles<'a> {
    /// Exactly the `<style>` blocks with these hashes ([`hash`] of each block's text); no
    /// `style` attributes.
    Hashed(&'a [&'a str]),
    /// Any (a book with `allow-html`, whose writers may style their own HTML).
    AnyInline,
}

/// `'sha256-…'` for a `<style>` or `<script>` block's exact text.
pub fn hash(block: &str) -> String {
    let digest = Sha256::digest(block.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy for a page with inline `styles`. Scripts come only from the site's own files
/// (`'self'`: the search page's script and index; in the preview the live-reload script);
/// images from the site or `data:`; no plugins, frames, fonts or connections from anywhere
/// else; forms only to the site.
pub fn policy(mode: Mode, styles: Styles) -> String {
    let styles = match styles {
        Styles::Hashed(hashes) => hashes.join(" "),
        Styles::AnyInline => "'unsafe-inline'".to_string(),
    };
    let connect = match mode {
        Mode::Site => "'none'",
        // The live-update event stream comes from the server the page came from.
        Mode::Preview => "'self'",
    };
    format!(
        "default-src 'none'; script-src 'self'; style-src 'self' {}; img-src 'self' data:; \
         connect-src {connect}; form-action 'self'; base-uri 'none'; object-src 'none'",
        styles
    )
}

/// The policy as the first element of a page's `<head>`, so it covers everything after it.
pub fn meta(policy: &str) -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_the_base64_sha256_chromium_expects() {
        // `printf 'body{}' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            hash("body{}"),
            "'sha256-fJgEClQWV1hGkK4qHMO0KotTsVnMYMXTq7/suurGyUo='"
        );
    }

    #[test]
    fn a_built_page_connects_nowhere_and_the_preview_to_its_server() {
        let site = policy(Mode::Site, Styles::Hashed(&[&hash("a{}")]));
        assert!(site.starts_with("default-src 'none'; script-src 'self'; "));
        assert!(site.contains(&format!("style-src 'self' {};", hash("a{}"))));
        assert!(site.contains("connect-src 'none'"), "{site}");
        assert!(!site.contains("unsafe"), "{site}");
        assert!(policy(Mode::Preview, Styles::Hashed(&[])).contains("connect-src 'self'"));
        let raw = policy(Mode::Site, Styles::AnyInline);
        assert!(raw.contains("style-src 'self' 'unsafe-inline';"), "{raw}");
        assert!(raw.contains("script-src 'self';"), "{raw}");
    }
}
