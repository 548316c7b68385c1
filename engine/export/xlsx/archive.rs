//! The ZIP archive an xlsx file is: entries compressed with one deflate compressor per
//! worker thread, reused from file to file, and entries compressed once per process for the
//! parts every download shares.
//!
//! Written here rather than with the `zip` crate's writer because that makes a new
//! compressor for every archive (a few hundred kB set up and cleared per table) and cannot
//! take bytes compressed ahead of time, so the fixed parts would be compressed again for
//! every table. The format written is the plain subset every reader takes: no ZIP64
//! (a download over 4 GB is an error), no data descriptors, every entry dated 1980-01-01
//! so the same table gives the same bytes.

use std::cell::RefCell;

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

/// Parts smaller than this are stored: deflating them costs more time than it saves bytes.
const STORE_BELOW: usize = 1024;

/// Parts smaller than this are deflated at level 1 (zlib-rs's quick strategy, fixed Huffman
/// codes: no code tables to build per part), larger ones at level 2 (fast strategy). On the
/// example book's tables level 1 takes about a fifth of level 2's time; on a 10 000-row sheet
/// level 2 gives files 0.7× the size for 1.4× the time (benches/xlsx.rs). Level 6, the
/// default, took 2.5× level 2's time for 13 % fewer bytes.
const QUICK_BELOW: usize = 64 << 10;

/// One entry, ready to be written: its name and its data as stored.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: &'static str,
    crc: u32,
    size: u32,
    deflated: bool,
    data: Vec<u8>,
}

impl Entry {
    /// The concatenation of `content` as an entry named `name`: deflated with this
    /// thread's compressor, or stored when small.
    pub fn new(name: &'static str, content: &[&[u8]]) -> Result<Entry, String> {
        let length: usize = content.iter().map(|c| c.len()).sum();
        let size = u32::try_from(length).map_err(|_| too_large(name))?;
        let mut crc = Crc::new();
        for c in content {
            crc.update(c);
        }
        let (deflated, data) = if length < STORE_BELOW {
            (false, content.concat())
        } else {
            let data = deflate(content, length).map_err(|e| format!("{name}: {e}"))?;
            (true, data)
        };
        Ok(Entry {
            name,
            crc: crc.sum(),
            size,
            deflated,
            data,
        })
    }
}

thread_local! {
    /// This thread's compressors (level 1 and level 2), set up on first use and reset
    /// between entries.
    static COMPRESSORS: RefCell<[Option<Compress>; 2]> = const { RefCell::new([None, None]) };
}

/// The concatenation of `content` (`length` bytes) as a raw deflate stream.
fn deflate(content: &[&[u8]], length: usize) -> Result<Vec<u8>, String> {
    let level = usize::from(length >= QUICK_BELOW);
    COMPRESSORS.with(|cell| {
        // Borrowed only here, never re-entered; should it be, a compressor of its own.
        let mut own = [None, None];
        let mut shared = cell.try_borrow_mut().ok();
        let slots = shared.as_deref_mut().unwrap_or(&mut own);
        let compressor = slots[level]
            .get_or_insert_with(|| Compress::new(Compression::new(level as u32 + 1), false));
        compressor.reset();
        let mut out = Vec::with_capacity(length / 4 + 64);
        for (i, part) in content.iter().enumerate() {
            let last = i + 1 == content.len();
            let flush = if last {
                FlushCompress::Finish
            } else {
                FlushCompress::None
            };
            let mut read = 0;
            loop {
                if out.capacity() - out.len() < 64 {
                    out.reserve(out.capacity().max(4096));
                }
                let (taken, written) = (compressor.total_in(), out.len());
                let status = compressor
                    .compress_vec(&part[read..], &mut out, flush)
                    .map_err(|e| format!("komprimeringen misslyckades: {e}"))?;
                read += (compressor.total_in() - taken) as usize;
                if status == Status::StreamEnd {
                    return Ok(out);
                }
                if !last && read == part.len() {
                    break;
                }
                if status == Status::BufError && out.len() == written && out.len() < out.capacity()
                {
                    // No progress with room to write: the compressor is broken.
                    return Err("komprimeringen stannade".to_string());
                }
            }
        }
        Err("inget att komprimera".to_string())
    })
}

/// The archive of `entries`, in their order.
pub fn write(entries: &[&Entry]) -> Result<Vec<u8>, String> {
    let total: usize = entries
        .iter()
        .map(|e| e.data.len() + 2 * e.name.len() + 76)
        .sum();
    let mut out = Vec::with_capacity(total + 22);
    let mut offsets = Vec::with_capacity(entries.len());
    for e in entries {
        offsets.push(offset(out.len())?);
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header_fields(&mut out, e)?;
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
    }
    let directory_at = offset(out.len())?;
    for (e, at) in entries.iter().zip(offsets) {
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // made by: version 2.0, MS-DOS attributes
        header_fields(&mut out, e)?;
        for _ in 0..4 {
            // extra field and comment lengths, disk number, internal attributes
            out.extend_from_slice(&0u16.to_le_bytes());
        }
        out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(e.name.as_bytes());
    }
    let directory_size = offset(out.len())? - directory_at;
    let count =
        u16::try_from(entries.len()).map_err(|_| "för många delar i arkivet".to_string())?;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // this disk
    out.extend_from_slice(&0u16.to_le_bytes()); // the directory's disk
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&directory_size.to_le_bytes());
    out.extend_from_slice(&directory_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    Ok(out)
}

/// The fields a local header and a directory entry share, from "version needed" to the
/// name's length.
fn header_fields(out: &mut Vec<u8>, e: &Entry) -> Result<(), String> {
    let stored = u32::try_from(e.data.len()).map_err(|_| too_large(e.name))?;
    let name = u16::try_from(e.name.len()).map_err(|_| too_large(e.name))?;
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
    out.extend_from_slice(&0u16.to_le_bytes()); // flags
    out.extend_from_slice(&(if e.deflated { 8u16 } else { 0 }).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // time 00:00
    out.extend_from_slice(&0x0021u16.to_le_bytes()); // date 1980-01-01
    out.extend_from_slice(&e.crc.to_le_bytes());
    out.extend_from_slice(&stored.to_le_bytes());
    out.extend_from_slice(&e.size.to_le_bytes());
    out.extend_from_slice(&name.to_le_bytes());
    Ok(())
}

fn offset(at: usize) -> Result<u32, String> {
    u32::try_from(at).map_err(|_| {
        "filen blir större än 4 GB, mer än ett zip-arkiv utan ZIP64 rymmer".to_string()
    })
}

fn too_large(name: &str) -> String {
    format!("{name} blir större än 4 GB, mer än ett zip-arkiv utan ZIP64 rymmer")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn entries_read_back_with_the_zip_crate() {
        // Over QUICK_BELOW, so both compressors are used.
        let big: String = (0..8000).map(|i| format!("<c r=\"A{i}\"/>")).collect();
        let medium = Entry::new("c/mellan.xml", &[&big.as_bytes()[..20_000]]).expect("entry");
        let small = Entry::new("a/liten.xml", &[b"<x/>"]).expect("entry");
        let large = Entry::new("b/stor.xml", &[big.as_bytes()]).expect("entry");
        assert!(!small.deflated && large.deflated);
        assert!(large.data.len() < big.len() / 5, "deflated");
        // The compressor is reused: the same content compresses to the same bytes.
        let again = Entry::new("b/stor.xml", &[big.as_bytes()]).expect("entry");
        assert_eq!(again.data, large.data);
        let bytes = write(&[&small, &large, &medium]).expect("archive");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        assert_eq!(zip.len(), 3);
        let mut text = String::new();
        zip.by_name("c/mellan.xml")
            .expect("entry")
            .read_to_string(&mut text)
            .expect("inflates");
        assert_eq!(text, big[..20_000]);
        text.clear();
        zip.by_name("b/stor.xml")
            .expect("entry")
            .read_to_string(&mut text)
            .expect("inflates, crc checked");
        assert_eq!(text, big);
        text.clear();
        zip.by_name("a/liten.xml")
            .expect("entry")
            .read_to_string(&mut text)
            .expect("stored");
        assert_eq!(text, "<x/>");
    }
}
