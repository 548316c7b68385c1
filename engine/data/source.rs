//! Where a CSV file's bytes come from: a slice in memory, or a file read in place by position,
//! so a large file is read in parts (one per thread) and never held whole in memory.

use std::io::Read;

/// The bytes a CSV parser reads.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Bytes(&'a [u8]),
    /// An open file of this many bytes (as measured when it was opened).
    #[cfg(unix)]
    File(&'a std::fs::File, u64),
}

/// A reader of one range of a [`Source`].
#[derive(Debug)]
pub enum Part<'a> {
    Bytes(&'a [u8]),
    #[cfg(unix)]
    File {
        file: &'a std::fs::File,
        at: u64,
        end: u64,
    },
}

impl Read for Part<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Part::Bytes(b) => b.read(buf),
            #[cfg(unix)]
            Part::File { file, at, end } => {
                use std::os::unix::fs::FileExt;
                let want = usize::try_from(*end - *at)
                    .unwrap_or(usize::MAX)
                    .min(buf.len());
                if want == 0 {
                    return Ok(0);
                }
                let got = file.read_at(&mut buf[..want], *at)?;
                *at += got as u64;
                Ok(got)
            }
        }
    }
}

impl<'a> Source<'a> {
    pub fn len(&self) -> u64 {
        match self {
            Source::Bytes(b) => b.len() as u64,
            #[cfg(unix)]
            Source::File(_, len) => *len,
        }
    }

    /// A reader of the bytes from `from` to `to`.
    pub fn part(&self, from: u64, to: u64) -> Part<'a> {
        let to = to.min(self.len());
        let from = from.min(to);
        match *self {
            Source::Bytes(b) => Part::Bytes(&b[from as usize..to as usize]),
            #[cfg(unix)]
            Source::File(file, _) => Part::File {
                file,
                at: from,
                end: to,
            },
        }
    }

    /// The bytes from `from` up to and without the next newline (or the end).
    pub fn line(&self, from: u64) -> std::io::Result<Vec<u8>> {
        let mut part = self.part(from, self.len());
        let mut line = Vec::new();
        let mut chunk = [0u8; 8192];
        loop {
            let n = part.read(&mut chunk)?;
            if n == 0 {
                return Ok(line);
            }
            if let Some(i) = chunk[..n].iter().position(|&b| b == b'\n') {
                line.extend_from_slice(&chunk[..i]);
                return Ok(line);
            }
            line.extend_from_slice(&chunk[..n]);
        }
    }

    /// Where the line after the one holding byte `at` starts, if before the end.
    pub fn next_line_start(&self, at: u64) -> std::io::Result<Option<u64>> {
        let rest = self.line(at)?.len() as u64;
        let start = at + rest + 1;
        Ok((start < self.len()).then_some(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_lines_of_bytes_and_files() {
        let text = b"rubrik;b\n1;2\n3;4\n";
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.csv");
        std::fs::write(&path, text).expect("write");
        let file = std::fs::File::open(&path).expect("open");
        let sources = [
            Source::Bytes(text),
            #[cfg(unix)]
            Source::File(&file, text.len() as u64),
        ];
        for src in sources {
            assert_eq!(src.line(0).expect("line"), b"rubrik;b");
            assert_eq!(src.line(9).expect("line"), b"1;2");
            assert_eq!(src.next_line_start(10).expect("start"), Some(13));
            assert_eq!(src.next_line_start(14).expect("start"), None);
            let mut part = String::new();
            src.part(9, 16).read_to_string(&mut part).expect("read");
            assert_eq!(part, "1;2\n3;4");
        }
    }
}
