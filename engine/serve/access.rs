//! Who may talk to the preview: every request must name the served address in `Host`
//! (no DNS rebinding), and every write must carry the server's token and a matching `Origin`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The header a write carries the per-server token in.
pub const TOKEN_HEADER: &str = "x-rapportbok-token";

/// The rules for one running server.
#[derive(Debug, Clone)]
pub struct Access {
    /// The address the server listens on.
    pub addr: SocketAddr,
    /// The name given with `--host` (`localhost`, an address, a machine name).
    pub host: String,
    /// Editing in the browser is on (loopback, or `--redigera` on another address).
    pub edit: bool,
    /// A random secret, new for every server start; only pages it serves know it.
    pub token: String,
}

impl Access {
    pub fn new(addr: SocketAddr, host: &str, edit: bool) -> Access {
        Access {
            addr,
            host: host.to_string(),
            edit,
            token: new_token(),
        }
    }

    /// Whether a `Host` header names this server: the name or address it was started with,
    /// or, on loopback, `localhost`/`127.0.0.1`/`[::1]`; on an unspecified address (0.0.0.0)
    /// any IP address, never a DNS name (which is what a rebinding attack needs).
    pub fn host_allowed(&self, value: &str) -> bool {
        let Some((name, port)) = split_host(value) else {
            return false;
        };
        if port != self.addr.port() {
            return false;
        }
        let name = name.to_ascii_lowercase();
        if name == self.host.to_ascii_lowercase() {
            return true;
        }
        let ip = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .ok();
        let listen = self.addr.ip();
        if listen.is_loopback() {
            return name == "localhost" || ip.is_some_and(|ip| ip.is_loopback());
        }
        if listen.is_unspecified() {
            return ip.is_some() || name == "localhost";
        }
        ip == Some(listen)
    }

    /// Whether a write request carries the token and comes from a page of this server.
    pub fn write_allowed(&self, headers: &HeaderMap) -> Result<(), &'static str> {
        if !self.edit {
            return Err(
                "redigering är avstängd: servern lyssnar på nätverket; starta med --redigera för att tillåta den",
            );
        }
        let token = headers.get(TOKEN_HEADER).and_then(|v| v.to_str().ok());
        if token != Some(self.token.as_str()) {
            return Err("skrivningen saknar serverns nyckel (ladda om redigeringssidan)");
        }
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        if origin != Some(format!("http://{host}").as_str()) {
            return Err("skrivningen kommer från en annan webbplats och nekas");
        }
        Ok(())
    }
}

/// `name:port` (or `[v6]:port`) split; a missing port is refused (browsers always send it
/// for a non-default port, and the preview never runs on port 80).
fn split_host(value: &str) -> Option<(&str, u16)> {
    let (name, port) = value.rsplit_once(':')?;
    if name.is_empty() || (name.contains(':') && !name.starts_with('[')) {
        return None;
    }
    Some((name, port.parse().ok()?))
}

/// 128 random bits from the operating system, as hex.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness: a token no one can guess is impossible, so no one gets one.
        return String::from("-");
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Middleware: refuse a request whose `Host` is not this server (421), and a write without
/// the token or from another origin (403).
pub async fn guard(
    State(access): State<std::sync::Arc<Access>>,
    req: Request,
    next: Next,
) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !access.host_allowed(host) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!(
                "Fel adress: förfrågan gäller `{host}`, men servern är {}. Öppna förhandsvisningen med den adress servern skrev ut.",
                access.addr
            ),
        )
            .into_response();
    }
    if req.method() != Method::GET
        && req.method() != Method::HEAD
        && let Err(why) = access.write_allowed(req.headers())
    {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("Nekad: {why}."),
        )
            .into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn access(listen: &str, host: &str) -> Access {
        Access::new(listen.parse().expect("addr"), host, true)
    }

    #[test]
    fn only_the_served_address_is_a_valid_host() {
        let a = access("127.0.0.1:3000", "127.0.0.1");
        assert!(a.host_allowed("127.0.0.1:3000"));
        assert!(a.host_allowed("localhost:3000"));
        assert!(a.host_allowed("[::1]:3000"));
        assert!(!a.host_allowed("evil.example:3000"), "DNS rebinding");
        assert!(!a.host_allowed("evil.example"));
        assert!(!a.host_allowed("127.0.0.1:3001"));
        assert!(!a.host_allowed("127.0.0.1"));
        assert!(!a.host_allowed(""));
        let lan = access("0.0.0.0:3000", "0.0.0.0");
        assert!(lan.host_allowed("192.168.1.5:3000"));
        assert!(!lan.host_allowed("intranat.evil.example:3000"));
        let named = access("10.0.0.2:8080", "rapport.region.se");
        assert!(named.host_allowed("rapport.region.se:8080"));
        assert!(named.host_allowed("10.0.0.2:8080"));
        assert!(!named.host_allowed("10.0.0.3:8080"));
    }

    #[test]
    fn writes_need_token_and_origin() {
        let a = access("127.0.0.1:3000", "127.0.0.1");
        assert_eq!(a.token.len(), 32);
        assert_ne!(a.token, access("127.0.0.1:3000", "127.0.0.1").token);
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:3000"),
        );
        assert!(a.write_allowed(&h).is_err(), "no token");
        h.insert(TOKEN_HEADER, HeaderValue::from_str(&a.token).expect("hex"));
        assert!(a.write_allowed(&h).is_ok());
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(a.write_allowed(&h).is_err(), "foreign origin");
        h.remove(header::ORIGIN);
        assert!(a.write_allowed(&h).is_err(), "no origin");
        let off = Access {
            edit: false,
            ..a.clone()
        };
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:3000"),
        );
        assert!(off.write_allowed(&h).is_err(), "editing off");
    }
}
