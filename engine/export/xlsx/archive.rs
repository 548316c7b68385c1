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

/// Deflate level for the parts that vary: the sheet dominates, and level 3 keeps most of
/// level 6's size at a fraction of its time on worksheet XML.
const LEVEL: u32 = 3;

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
    /// `content` as an entry named `name`: deflated with this thread's compressor, or
    /// stored when small.
    pub fn new(name: &'static str, content: &[u8]) -> Result<Entry, String> {
        let size = u32::try_from(content.len()).map_err(|_| too_large(name))?;
        let mut crc = Crc::new();
        crc.update(content);
        let (deflated, data) = if content.len() < STORE_BELOW {
            (false, content.to_vec())
        } else {
            (true, deflate(content).map_err(|e| format!("{name}: {e}"))?)
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
    /// This thread's compressor, set up on first use and reset between entries.
    static COMPRESSOR: RefCell<Option<Compress>> = const { RefCell::new(None) };
}

/// `content` as a raw deflate stream.
fn deflate(content: &[u8]) -> Result<Vec<u8>, String> {
    COMPRESSOR.with(|cell| {
        // Borrowed only here, never re-entered; should it be, a compressor of its own.
        let mut own = None;
        let mut shared = cell.try_borrow_mut().ok();
        let slot = shared.as_deref_mut().unwrap_or(&mut own);
        let compressor = slot.get_or_insert_with(|| Compress::new(Compression::new(LEVEL), false));
        compressor.reset();
        let start = compressor.total_in();
        let mut out = Vec::with_capacity(content.len() / 4 + 64);
        loop {
            let read = (compressor.total_in() - start) as usize;
            let status = compressor
                .compress_vec(&content[read..], &mut out, FlushCompress::Finish)
                .map_err(|e| format!("komprimeringen misslyckades: {e}"))?;
            match status {
                Status::StreamEnd => return Ok(out),
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(4096)),
            }
        }
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
        let big: String = (0..5000).map(|i| format!("<c r=\"A{i}\"/>")).collect();
        let small = Entry::new("a/liten.xml", b"<x/>").expect("entry");
        let large = Entry::new("b/stor.xml", big.as_bytes()).expect("entry");
        assert!(!small.deflated && large.deflated);
        assert!(large.data.len() < big.len() / 5, "deflated");
        // The compressor is reused: the same content compresses to the same bytes.
        let again = Entry::new("b/stor.xml", big.as_bytes()).expect("entry");
        assert_eq!(again.data, large.data);
        let bytes = write(&[&small, &large]).expect("archive");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        assert_eq!(zip.len(), 2);
        let mut text = String::new();
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
