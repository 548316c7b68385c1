//! libpq's password file (`~/.pgpass`, or the file `PGPASSFILE` names): lines of
//! `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped.
//! tokio-postgres does not read it, so this does, as libpq does.

use std::path::{Path, PathBuf};

/// The password file libpq would read: `PGPASSFILE`, else `~/.pgpass`.
pub fn default_file() -> Option<PathBuf> {
    if let Some(file) = std::env::var_os("PGPASSFILE") {
        return Some(PathBuf::from(file));
    }
    std::env::var_os("HOME").map(|home| Path::new(&home).join(".pgpass"))
}

/// The password for the first matching line of `file`. Like libpq, a file that others can
/// read (group or world permissions) is ignored.
pub fn lookup(file: &Path, host: &str, port: u16, database: &str, user: &str) -> Option<String> {
    if !private(file) {
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    let port = port.to_string();
    // libpq matches a Unix-socket connection against `localhost`.
    let host = if host.starts_with('/') {
        "localhost"
    } else {
        host
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|f| {
            [host, port.as_str(), database, user]
                .iter()
                .zip(f)
                .all(|(want, field)| field == "*" || field == want)
        })
        .map(|mut f| f.swap_remove(4))
}

#[cfg(unix)]
fn private(file: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn private(file: &Path) -> bool {
    file.is_file()
}

/// The five fields of a line, unescaped; `None` for a malformed line.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.last_mut()?.push(chars.next().unwrap_or('\\')),
            ':' if out.len() < 5 => out.push(String::new()),
            c => out.last_mut()?.push(c),
        }
    }
    (out.len() == 5).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_matching_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# kommentar\ndb.region.se:5432:lager:rapport:hemligt\n*:*:*:rapport:a\\:b\\\\c\n",
        )
        .expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        }
        let get = |h, p, d, u| lookup(&file, h, p, d, u);
        assert_eq!(
            get("db.region.se", 5432, "lager", "rapport").as_deref(),
            Some("hemligt")
        );
        assert_eq!(
            get("annan", 5433, "hr", "rapport").as_deref(),
            Some("a:b\\c")
        );
        assert_eq!(get("annan", 5433, "hr", "någon"), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
            assert_eq!(
                get("db.region.se", 5432, "lager", "rapport"),
                None,
                "readable by others"
            );
        }
    }
}
