//! Opening a data file safely: only regular files, no larger than the book allows, checked
//! before a byte is read (a FIFO would block the build; a 3 GB export would fill memory).

use std::io::Read;
use std::path::Path;

use crate::number::format_decimal;

/// What kind of thing a non-regular path is, in Swedish.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "en mapp";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "en namngiven pipe (FIFO)";
        } else if t.is_socket() {
            return "en socket";
        } else if t.is_block_device() || t.is_char_device() {
            return "en enhetsfil";
        }
    }
    "inte en vanlig fil"
}

/// Open for reading without blocking where the platform allows (a FIFO swapped in after
/// the first look would otherwise block here).
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

fn megabytes(bytes: u64) -> String {
    let mb = rust_decimal::Decimal::from(bytes) / rust_decimal::Decimal::from(1024 * 1024);
    format_decimal(mb.round_dp(1), None)
}

/// Refuse what is not a regular file, or is larger than `max_bytes`.
fn check(meta: &std::fs::Metadata, name: &str, max_bytes: u64) -> Result<(), String> {
    if !meta.is_file() {
        return Err(format!(
            "`{name}` är {} och läses inte; en datafil ska vara en vanlig fil",
            kind(meta)
        ));
    }
    if meta.len() > max_bytes {
        return Err(too_large(name, meta.len(), max_bytes));
    }
    Ok(())
}

fn too_large(name: &str, bytes: u64, max_bytes: u64) -> String {
    format!(
        "`{name}` är {} MB, större än de {} MB en datafil får vara; höj gränsen med \
         max-data-file-mb under [limits] i book.toml om filen ska läsas",
        megabytes(bytes),
        megabytes(max_bytes)
    )
}

/// The data file at `path` opened for reading, and its length, if it is a regular file of at
/// most `max_bytes` (`name` is how errors refer to it). Whoever reads it reads no more than
/// that length, so a file that grows while it is read stops there.
pub fn open_bounded(
    path: &Path,
    name: &str,
    max_bytes: u64,
) -> Result<(std::fs::File, u64), String> {
    let fail = |e: std::io::Error| format!("kunde inte läsa `{name}`: {e}");
    // Look before opening: opening a FIFO for reading blocks until someone writes to it.
    check(&std::fs::metadata(path).map_err(fail)?, name, max_bytes)?;
    // Opened without blocking, in case the path was swapped for a FIFO since, and looked at
    // again through the handle: that is the file that is read.
    let file = open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    check(&meta, name, max_bytes)?;
    Ok((file, meta.len()))
}

/// The bytes of the data file at `path` (`name` is how errors refer to it), if it is a
/// regular file of at most `max_bytes`.
pub fn read_bounded(path: &Path, name: &str, max_bytes: u64) -> Result<Vec<u8>, String> {
    let fail = |e: std::io::Error| format!("kunde inte läsa `{name}`: {e}");
    let (mut file, len) = open_bounded(path, name, max_bytes)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // A file that grows while it is read stops at the limit.
    (&mut file)
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(name, bytes.len() as u64, max_bytes));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn refuses_folders_fifos_and_large_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = read_bounded(dir.path(), "mapp", 100).expect_err("folder");
        assert!(e.contains("`mapp` är en mapp och läses inte"), "{e}");
        let fifo = dir.path().join("rör.csv");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .expect("mkfifo");
        let e = read_bounded(&fifo, "rör.csv", 100).expect_err("fifo");
        assert!(e.contains("`rör.csv` är en namngiven pipe (FIFO)"), "{e}");
        let big = dir.path().join("stor.csv");
        std::fs::write(&big, vec![b'x'; 3 * 1024 * 1024]).expect("write");
        let e = read_bounded(&big, "stor.csv", 2 * 1024 * 1024).expect_err("large");
        assert!(
            e.contains("`stor.csv` är 3 MB, större än de 2 MB") && e.contains("max-data-file-mb"),
            "{e}"
        );
        assert_eq!(
            read_bounded(&big, "stor.csv", 3 * 1024 * 1024).map(|b| b.len()),
            Ok(3 * 1024 * 1024)
        );
    }
}
