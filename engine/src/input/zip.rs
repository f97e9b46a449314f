//! Zip archives, opened by their entries: the central directory is read
//! from the archive's end, each entry's data range is checked, and every
//! entry that may hold a CSV is read straight from the archive's bytes
//! ([`super::Dataset::read_stored_file`]), stored as is or inflated as it
//! comes, so that a large entry is never held twice.
//!
//! Written here rather than taken from the `zip` crate: that crate reads
//! through `Read + Seek` and inflates as it is pulled, while the browser's
//! worker reads slices of a `File` and pushes them; and the checks a
//! hostile archive needs (overlapping entries, sizes that lie, truncation)
//! are a few comparisons of the directory's own numbers.

use std::fmt;

use super::decode::Compression;

/// The end of central directory record's signature and fixed size.
const EOCD_SIGNATURE: [u8; 4] = *b"PK\x05\x06";
const EOCD_LEN: usize = 22;
/// The zip64 end of central directory locator and record.
const ZIP64_LOCATOR_SIGNATURE: [u8; 4] = *b"PK\x06\x07";
const ZIP64_LOCATOR_LEN: usize = 20;
const ZIP64_EOCD_SIGNATURE: [u8; 4] = *b"PK\x06\x06";
const ZIP64_EOCD_LEN: usize = 56;
/// A central directory entry's signature and fixed size.
const ENTRY_SIGNATURE: [u8; 4] = *b"PK\x01\x02";
const ENTRY_LEN: usize = 46;
/// A local file header's signature and fixed size.
const LOCAL_SIGNATURE: [u8; 4] = *b"PK\x03\x04";
const LOCAL_LEN: usize = 30;
/// The end record may be followed by a comment of up to 65,535 bytes.
const MAX_COMMENT: usize = 65_535;
/// More entries than a real export holds: a directory claiming more is
/// refused rather than read.
const MAX_ENTRIES: u64 = 100_000;

/// Reads `len` bytes of the archive from `offset` (fewer only at its end).
pub type ReadAt<'a> = dyn FnMut(u64, usize) -> Result<Vec<u8>, String> + 'a;

/// One entry of a zip archive, as its central directory and local header
/// describe it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZipEntry {
    /// Its path inside the archive.
    pub name: String,
    /// What to do with it.
    pub disposition: Disposition,
    /// Where its data begins in the archive.
    pub data_start: u64,
    /// Its data's size in the archive.
    pub compressed_size: u64,
    /// Its size once inflated, as the directory declares it (it may lie:
    /// readers count what comes out instead).
    pub declared_size: u64,
    /// The CRC-32 of its inflated data, as the directory declares it: the
    /// same checksum a gzip member ends with, so that a deflated entry is a
    /// gzip member once given gzip's header and trailer ([`ZipEntry::as_gzip_member`]).
    pub crc32: u32,
}

impl ZipEntry {
    /// The bytes to put before and after a deflated entry's data to make it
    /// a gzip member: a browser can then compose a `File` of the archive's
    /// slice between them, without copying the data, and read it as the
    /// gzip file it is. The gzip decoder checks the CRC and size at its end.
    pub fn as_gzip_member(&self) -> ([u8; 10], [u8; 8]) {
        // Magic, deflate, no flags, no time, no extra flags, unknown OS.
        let header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
        let mut trailer = [0u8; 8];
        trailer[..4].copy_from_slice(&self.crc32.to_le_bytes());
        trailer[4..].copy_from_slice(&(self.declared_size as u32).to_le_bytes());
        (header, trailer)
    }
}

/// What to do with a zip entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// Read it as a file given, its data stored or deflated.
    Read(Compression),
    /// Not a file of data: a folder, macOS metadata, a hidden file.
    Skip(&'static str),
    /// A file that cannot be read, and why.
    Refuse(String),
}

/// Why a zip archive cannot be opened at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipProblem {
    /// No end of central directory: the archive is cut short or damaged.
    NoCentralDirectory,
    /// The central directory does not describe the archive.
    Damaged(String),
    /// Two entries' data overlap: a trick of zip bombs.
    Overlapping {
        /// The entries' names.
        first: String,
        /// The entries' names.
        second: String,
    },
    /// Reading the archive failed.
    Unreadable(String),
}

impl fmt::Display for ZipProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipProblem::NoCentralDirectory => f.write_str(
                "this zip has no central directory at its end: it is cut short (a truncated download?) or \
                 damaged; download it again",
            ),
            ZipProblem::Damaged(what) => write!(f, "this zip is damaged ({what}); download it again"),
            ZipProblem::Overlapping { first, second } => write!(
                f,
                "the zip's entries {first} and {second} share their bytes, as decompression bombs do: refused"
            ),
            ZipProblem::Unreadable(why) => write!(f, "the zip cannot be read: {why}"),
        }
    }
}

impl std::error::Error for ZipProblem {}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// Reads exactly `len` bytes at `offset`, or says the archive is cut.
fn read_exact(read_at: &mut ReadAt<'_>, offset: u64, len: usize, what: &str) -> Result<Vec<u8>, ZipProblem> {
    let bytes = read_at(offset, len).map_err(ZipProblem::Unreadable)?;
    if bytes.len() < len {
        return Err(ZipProblem::Damaged(format!("{what} runs past the end of the file")));
    }
    Ok(bytes)
}

/// Opens a zip archive of `len` bytes: its entries, in the directory's
/// order, each with what to do with it.
///
/// ```
/// use store_uptime_engine::{ZipProblem, zip_entries};
///
/// // A file that ends without a zip's end record: cut short.
/// let cut = b"PK\x03\x04 the start of an archive and nothing more";
/// let opened = zip_entries(cut.len() as u64, &mut |offset, len| {
///     let start = offset as usize;
///     Ok(cut[start..(start + len).min(cut.len())].to_vec())
/// });
/// assert_eq!(opened, Err(ZipProblem::NoCentralDirectory));
/// ```
pub fn zip_entries(len: u64, read_at: &mut ReadAt<'_>) -> Result<Vec<ZipEntry>, ZipProblem> {
    let tail_len = len.min((EOCD_LEN + MAX_COMMENT + ZIP64_LOCATOR_LEN) as u64) as usize;
    let tail_start = len - tail_len as u64;
    let tail = read_exact(read_at, tail_start, tail_len, "the end record")?;
    if tail.len() < EOCD_LEN {
        return Err(ZipProblem::NoCentralDirectory);
    }
    let end = (0..=tail.len().saturating_sub(EOCD_LEN))
        .rev()
        .find(|&at| {
            tail[at..].starts_with(&EOCD_SIGNATURE) && at + EOCD_LEN + usize::from(u16_at(&tail, at + 20)) <= tail.len()
        })
        .ok_or(ZipProblem::NoCentralDirectory)?;
    let mut count = u64::from(u16_at(&tail, end + 10));
    let mut directory_len = u64::from(u32_at(&tail, end + 12));
    let mut directory_start = u64::from(u32_at(&tail, end + 16));
    if count == 0xffff || directory_len == 0xffff_ffff || directory_start == 0xffff_ffff {
        (count, directory_len, directory_start) = zip64_directory(&tail, end, len, read_at)?;
    }
    if count > MAX_ENTRIES {
        return Err(ZipProblem::Damaged(format!("it claims {count} entries")));
    }
    let directory_end = directory_start.checked_add(directory_len).filter(|&e| e <= tail_start + end as u64);
    let Some(directory_end) = directory_end else {
        return Err(ZipProblem::Damaged("its central directory is not where its end record says".into()));
    };
    let directory_len = usize::try_from(directory_end - directory_start)
        .map_err(|_| ZipProblem::Damaged("its central directory is too large".into()))?;
    let directory = read_exact(read_at, directory_start, directory_len, "the central directory")?;

    let mut entries = Vec::new();
    let mut ranges: Vec<(u64, u64, usize)> = Vec::new();
    let mut at = 0usize;
    for _ in 0..count {
        if directory.len() < at + ENTRY_LEN || !directory[at..].starts_with(&ENTRY_SIGNATURE) {
            return Err(ZipProblem::Damaged("its central directory ends early".into()));
        }
        let fixed = &directory[at..at + ENTRY_LEN];
        let (name_len, extra_len, comment_len) =
            (usize::from(u16_at(fixed, 28)), usize::from(u16_at(fixed, 30)), usize::from(u16_at(fixed, 32)));
        let variable = at + ENTRY_LEN;
        if directory.len() < variable + name_len + extra_len + comment_len {
            return Err(ZipProblem::Damaged("its central directory ends early".into()));
        }
        let name = String::from_utf8_lossy(&directory[variable..variable + name_len]).into_owned();
        let extra = &directory[variable + name_len..variable + name_len + extra_len];
        let flags = u16_at(fixed, 8);
        let method = u16_at(fixed, 10);
        let crc32 = u32_at(fixed, 16);
        let mut compressed_size = u64::from(u32_at(fixed, 20));
        let mut size = u64::from(u32_at(fixed, 24));
        let mut local_offset = u64::from(u32_at(fixed, 42));
        zip64_sizes(extra, &mut size, &mut compressed_size, &mut local_offset);
        at = variable + name_len + extra_len + comment_len;

        // Entries come before the directory: an offset past it is a lie,
        // and is not read.
        if local_offset.saturating_add(LOCAL_LEN as u64) > directory_start {
            return Err(ZipProblem::Damaged(format!("the entry {name} is not where the directory says")));
        }
        let local = read_exact(read_at, local_offset, LOCAL_LEN, &format!("the entry {name}"))?;
        if !local.starts_with(&LOCAL_SIGNATURE) {
            return Err(ZipProblem::Damaged(format!("the entry {name} is not where the directory says")));
        }
        let data_start =
            local_offset + LOCAL_LEN as u64 + u64::from(u16_at(&local, 26)) + u64::from(u16_at(&local, 28));
        let data_end = data_start.checked_add(compressed_size).filter(|&e| e <= directory_start.max(data_start));
        let Some(data_end) = data_end.filter(|&e| e <= len) else {
            return Err(ZipProblem::Damaged(format!("the entry {name} runs past the end of its data")));
        };
        ranges.push((local_offset, data_end, entries.len()));
        let disposition = disposition(&name, flags, method);
        entries.push(ZipEntry { name, disposition, data_start, compressed_size, declared_size: size, crc32 });
    }
    ranges.sort_unstable();
    if let Some(pair) = ranges.windows(2).find(|pair| pair[1].0 < pair[0].1) {
        return Err(ZipProblem::Overlapping {
            first: entries[pair[0].2].name.clone(),
            second: entries[pair[1].2].name.clone(),
        });
    }
    Ok(entries)
}

/// The count, size and start of a zip64 archive's central directory.
fn zip64_directory(tail: &[u8], end: usize, len: u64, read_at: &mut ReadAt<'_>) -> Result<(u64, u64, u64), ZipProblem> {
    let locator = end
        .checked_sub(ZIP64_LOCATOR_LEN)
        .filter(|&at| tail[at..].starts_with(&ZIP64_LOCATOR_SIGNATURE))
        .ok_or_else(|| ZipProblem::Damaged("its zip64 locator is missing".into()))?;
    let record_offset = u64_at(tail, locator + 8);
    if record_offset.saturating_add(ZIP64_EOCD_LEN as u64) > len {
        return Err(ZipProblem::Damaged("its zip64 end record is not where its locator says".into()));
    }
    let record = read_exact(read_at, record_offset, ZIP64_EOCD_LEN, "the zip64 end record")?;
    if !record.starts_with(&ZIP64_EOCD_SIGNATURE) {
        return Err(ZipProblem::Damaged("its zip64 end record is not where its locator says".into()));
    }
    Ok((u64_at(&record, 32), u64_at(&record, 40), u64_at(&record, 48)))
}

/// Takes the 64-bit sizes and offset of a zip64 extra field, for those
/// whose 32-bit fields are all ones.
fn zip64_sizes(mut extra: &[u8], size: &mut u64, compressed_size: &mut u64, offset: &mut u64) {
    while extra.len() >= 4 {
        let (id, len) = (u16_at(extra, 0), usize::from(u16_at(extra, 2)));
        let Some(data) = extra.get(4..4 + len) else { return };
        if id == 1 {
            let mut words = data.chunks_exact(8).map(|w| u64_at(w, 0));
            for field in [size, compressed_size, offset] {
                if *field == 0xffff_ffff {
                    match words.next() {
                        Some(word) => *field = word,
                        None => return,
                    }
                }
            }
            return;
        }
        extra = &extra[4 + len..];
    }
}

/// What to do with an entry, from its name and its directory flags.
fn disposition(name: &str, flags: u16, method: u16) -> Disposition {
    let base = name.rsplit('/').next().unwrap_or(name);
    if name.ends_with('/') {
        Disposition::Skip("a folder")
    } else if name.starts_with("__MACOSX/") || base.starts_with("._") {
        Disposition::Skip("macOS metadata")
    } else if base.starts_with('.') {
        Disposition::Skip("a hidden file")
    } else if flags & 1 != 0 {
        Disposition::Refuse("it is encrypted (password-protected): unpack it and give the file".into())
    } else {
        match method {
            0 => Disposition::Read(Compression::Stored),
            8 => Disposition::Read(Compression::Deflated),
            other => Disposition::Refuse(format!(
                "it is compressed with method {other}, which is not read (only stored and deflated entries are): \
                 unpack it and give the file"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal zip writer for the tests: stored entries only, with the
    /// given flags, and the central directory as written.
    pub(crate) fn stored_zip(entries: &[(&str, &[u8], u16)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut directory = Vec::new();
        for (name, data, flags) in entries {
            let offset = out.len() as u32;
            out.extend_from_slice(&LOCAL_SIGNATURE);
            out.extend_from_slice(&[20, 0]);
            out.extend_from_slice(&flags.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            directory.extend_from_slice(&ENTRY_SIGNATURE);
            directory.extend_from_slice(&[20, 0, 20, 0]);
            directory.extend_from_slice(&flags.to_le_bytes());
            directory.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            directory.extend_from_slice(&(data.len() as u32).to_le_bytes());
            directory.extend_from_slice(&(data.len() as u32).to_le_bytes());
            directory.extend_from_slice(&(name.len() as u16).to_le_bytes());
            directory.extend_from_slice(&[0; 12]);
            directory.extend_from_slice(&offset.to_le_bytes());
            directory.extend_from_slice(name.as_bytes());
        }
        let start = out.len() as u32;
        out.extend_from_slice(&directory);
        out.extend_from_slice(&EOCD_SIGNATURE);
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
        out.extend_from_slice(&start.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    fn open(bytes: &[u8]) -> Result<Vec<ZipEntry>, ZipProblem> {
        zip_entries(bytes.len() as u64, &mut |offset, len| {
            let start = (offset as usize).min(bytes.len());
            Ok(bytes[start..(start + len).min(bytes.len())].to_vec())
        })
    }

    #[test]
    fn entries_are_read_skipped_or_refused() {
        let zip = stored_zip(&[
            ("data/", b"", 0),
            ("data/status.csv", b"store_id,status,timestamp_utc\n", 0),
            ("__MACOSX/data/._status.csv", b"\0\x05\x16\x07", 0),
            ("data/.DS_Store", b"\0\0\0\x01Bud1", 0),
            ("secret.csv", b"xxxx", 1),
        ]);
        let entries = open(&zip).expect("opened");
        let got: Vec<(&str, &Disposition)> = entries.iter().map(|e| (e.name.as_str(), &e.disposition)).collect();
        assert_eq!(got[0], ("data/", &Disposition::Skip("a folder")));
        assert_eq!(got[1], ("data/status.csv", &Disposition::Read(Compression::Stored)));
        assert_eq!(got[2].1, &Disposition::Skip("macOS metadata"));
        assert_eq!(got[3].1, &Disposition::Skip("a hidden file"));
        assert!(matches!(got[4].1, Disposition::Refuse(why) if why.contains("encrypted")));
        let status = &entries[1];
        let start = status.data_start as usize;
        assert_eq!(&zip[start..start + status.compressed_size as usize], b"store_id,status,timestamp_utc\n");
    }

    #[test]
    fn a_cut_or_damaged_archive_is_refused_plainly() {
        let zip = stored_zip(&[("a.csv", b"store_id,timezone_str\n1,UTC\n", 0), ("b.csv", b"x", 0)]);
        for cut in [0, 10, zip.len() / 2, zip.len() - 1] {
            assert!(open(&zip[..cut]).is_err(), "{cut}");
        }
        assert_eq!(open(&zip[..zip.len() - 1]), Err(ZipProblem::NoCentralDirectory));
        // Shorter than an end record, with its signature (found by fuzzing).
        assert_eq!(open(b"PK\x05\x06\x8d"), Err(ZipProblem::NoCentralDirectory));
        // A directory that points past its data.
        let mut lying = zip.clone();
        let size_at = zip.windows(4).position(|w| w == ENTRY_SIGNATURE).expect("an entry") + 20;
        lying[size_at..size_at + 4].copy_from_slice(&1_000_000u32.to_le_bytes());
        assert!(matches!(open(&lying), Err(ZipProblem::Damaged(_))));
    }

    #[test]
    fn a_deflated_entry_with_gzips_header_and_trailer_is_a_gzip_member() {
        use std::io::Write;
        let csv = b"store_id,timezone_str\n1,UTC\n2,Asia/Tokyo\n";
        let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        deflate.write_all(csv).expect("in memory");
        let data = deflate.finish().expect("in memory");
        let mut crc = flate2::Crc::new();
        crc.update(csv);
        let entry = ZipEntry {
            name: "zones.csv".into(),
            disposition: Disposition::Read(Compression::Deflated),
            data_start: 0,
            compressed_size: data.len() as u64,
            declared_size: csv.len() as u64,
            crc32: crc.sum(),
        };
        let (header, trailer) = entry.as_gzip_member();
        let member = [&header[..], &data, &trailer].concat();
        let mut inflated = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&member[..]), &mut inflated).expect("gzip");
        assert_eq!(inflated, csv);
    }

    #[test]
    fn overlapping_entries_are_refused() {
        let mut zip = stored_zip(&[("a.csv", b"store_id,timezone_str\n", 0), ("b.csv", b"store_id,timezone_str\n", 0)]);
        // Point the second directory entry at the first's local header.
        let second = zip.windows(4).enumerate().filter(|(_, w)| *w == ENTRY_SIGNATURE).nth(1).expect("two").0;
        zip[second + 42..second + 46].copy_from_slice(&0u32.to_le_bytes());
        assert!(matches!(open(&zip), Err(ZipProblem::Overlapping { .. })), "{:?}", open(&zip));
    }
}
