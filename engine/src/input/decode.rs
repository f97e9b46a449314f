//! What a file is, from its bytes, never its name: gzip (one member or
//! several, as split exports concatenate them), a zip entry's deflated
//! data, UTF-16 text with a byte order mark, or UTF-8 text. Each is turned
//! into UTF-8 text as it comes, in bounded pieces, for the tokenizer.

use std::io::Write;

use flate2::write::{DeflateDecoder, MultiGzDecoder};

/// The first bytes of every gzip member.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// The first bytes of a zip archive (its first local file header).
pub(crate) const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";

/// Inflated output is never refused below this: small files of repeated
/// rows compress very well.
const BOMB_FLOOR: u64 = 64 << 20;
/// Past the floor, inflating to more than this many times the compressed
/// bytes read so far is a decompression bomb: real CSV compresses 4 to 12
/// times, a bomb a thousand times or more.
const BOMB_RATIO: u64 = 100;

/// How a file's bytes are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Recognised from the first bytes: gzip by its magic, else as is.
    Sniff,
    /// A zip entry stored as is.
    Stored,
    /// A zip entry's raw deflate data.
    Deflated,
}

/// Why a file's bytes could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DecodeProblem {
    /// It inflates past the limit: the inflated bytes allowed.
    Bomb { limit: u64 },
    /// The compressed data is damaged.
    Corrupt,
    /// The compressed data stops before its end.
    Truncated,
    /// A zip archive where a CSV was expected (a zip inside a zip).
    NestedZip,
}

enum Stage {
    /// Waiting for the first bytes (gzip's magic).
    Sniff(Vec<u8>),
    Plain,
    Inflate(Inflater),
}

/// A gzip (multi-member) or raw deflate decoder writing into a buffer that
/// is emptied after every step: each step adds at most about 32 KiB.
enum Inflater {
    Gzip(Box<MultiGzDecoder<Vec<u8>>>),
    Deflate(Box<DeflateDecoder<Vec<u8>>>),
}

impl Inflater {
    /// Inflates from the start of `chunk`: how much of it was taken (or the
    /// damage found), and what came out.
    fn step(&mut self, chunk: &[u8]) -> (std::io::Result<usize>, Vec<u8>) {
        match self {
            Inflater::Gzip(decoder) => (decoder.write(chunk), std::mem::take(decoder.get_mut())),
            Inflater::Deflate(decoder) => (decoder.write(chunk), std::mem::take(decoder.get_mut())),
        }
    }

    /// Ends the data: whether it ended where it should, and what came out
    /// (also when it did not).
    fn finish(&mut self) -> (std::io::Result<()>, Vec<u8>) {
        match self {
            Inflater::Gzip(decoder) => {
                let finished = decoder.try_finish().and_then(|()| match decoder.header() {
                    Some(_) => Ok(()),
                    // A gzip stream without a single whole member header.
                    None => Err(std::io::ErrorKind::UnexpectedEof.into()),
                });
                (finished, std::mem::take(decoder.get_mut()))
            }
            Inflater::Deflate(decoder) => (decoder.try_finish(), std::mem::take(decoder.get_mut())),
        }
    }
}

enum Text {
    /// Waiting for the first bytes (a UTF-16 byte order mark).
    Sniff(Vec<u8>),
    Utf8,
    /// UTF-16 text; `pending` holds the bytes of a code unit (or of a
    /// surrogate pair) cut by a chunk's end.
    Utf16 {
        big_endian: bool,
        pending: Vec<u8>,
    },
}

impl From<DecodeProblem> for super::FileProblem {
    fn from(problem: DecodeProblem) -> Self {
        match problem {
            DecodeProblem::Bomb { limit } => super::FileProblem::Bomb { limit },
            DecodeProblem::Corrupt => super::FileProblem::CorruptCompression,
            DecodeProblem::Truncated => super::FileProblem::TruncatedCompression,
            DecodeProblem::NestedZip => super::FileProblem::Zip,
        }
    }
}

/// What a file is stored as, from its first bytes (at least 4 of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// UTF-8 text (with or without a byte order mark), or anything else:
    /// its header decides.
    Text,
    /// Gzip, of one member or several.
    Gzip,
    /// UTF-16 text with a byte order mark.
    Utf16,
    /// A zip archive: opened by its entries ([`zip_entries`](crate::zip_entries)).
    Zip,
}

impl Container {
    /// What a file starting with `head` is.
    ///
    /// ```
    /// use store_uptime_engine::Container;
    ///
    /// assert_eq!(Container::of(b"PK\x03\x04..."), Container::Zip);
    /// assert_eq!(Container::of(&[0x1f, 0x8b, 8, 0]), Container::Gzip);
    /// assert_eq!(Container::of(&[0xff, 0xfe, b's', 0]), Container::Utf16);
    /// assert_eq!(Container::of(b"store_id,status"), Container::Text);
    /// assert!(Container::Text.can_be_split() && !Container::Gzip.can_be_split());
    /// ```
    pub fn of(head: &[u8]) -> Container {
        if head.starts_with(&ZIP_MAGIC) {
            Container::Zip
        } else if head.starts_with(&GZIP_MAGIC) {
            Container::Gzip
        } else if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
            Container::Utf16
        } else {
            Container::Text
        }
    }

    /// Whether a file of this kind can be read in parts at byte offsets:
    /// only plain UTF-8 text can.
    pub fn can_be_split(self) -> bool {
        self == Container::Text
    }
}

/// Turns a file's bytes into UTF-8 text, piece by piece.
pub(crate) struct Decoder {
    stage: Stage,
    text: Text,
    compressed: u64,
    inflated: u64,
    utf8: Vec<u8>,
}

impl Decoder {
    pub(crate) fn new(compression: Compression) -> Decoder {
        let stage = match compression {
            Compression::Sniff => Stage::Sniff(Vec::new()),
            Compression::Stored => Stage::Plain,
            Compression::Deflated => Stage::Inflate(Inflater::Deflate(Box::new(DeflateDecoder::new(Vec::new())))),
        };
        Decoder { stage, text: Text::Sniff(Vec::new()), compressed: 0, inflated: 0, utf8: Vec::new() }
    }

    /// Decodes the next chunk, passing UTF-8 text to `out` in pieces of at
    /// most a few tens of KiB.
    pub(crate) fn push(&mut self, chunk: &[u8], out: &mut dyn FnMut(&[u8])) -> Result<(), DecodeProblem> {
        self.compressed += chunk.len() as u64;
        if let Stage::Sniff(head) = &mut self.stage {
            head.extend_from_slice(chunk);
            if head.len() < GZIP_MAGIC.len() {
                return Ok(());
            }
            let head = std::mem::take(head);
            self.stage = if head.starts_with(&GZIP_MAGIC) {
                Stage::Inflate(Inflater::Gzip(Box::new(MultiGzDecoder::new(Vec::new()))))
            } else {
                Stage::Plain
            };
            self.compressed -= head.len() as u64;
            return self.push(&head, out);
        }
        match &mut self.stage {
            Stage::Sniff(_) => Ok(()),
            Stage::Plain => {
                self.inflated += chunk.len() as u64;
                self.text(chunk, out)
            }
            Stage::Inflate(_) => self.inflate(chunk, out),
        }
    }

    /// Ends the file: the last bytes held, and a check that compressed data
    /// ended where it should.
    pub(crate) fn finish(&mut self, out: &mut dyn FnMut(&[u8])) -> Result<(), DecodeProblem> {
        if let Stage::Sniff(head) = &mut self.stage {
            let head = std::mem::take(head);
            self.stage = Stage::Plain;
            self.compressed -= head.len() as u64;
            self.push(&head, out)?;
        }
        let Stage::Inflate(inflater) = &mut self.stage else {
            return self.end_text(out);
        };
        // What was inflated before a cut is text all the same.
        let (finished, inflated) = inflater.finish();
        self.inflated += inflated.len() as u64;
        self.text(&inflated, out)?;
        finished.map_err(|_| DecodeProblem::Truncated)?;
        self.end_text(out)
    }

    fn inflate(&mut self, mut chunk: &[u8], out: &mut dyn FnMut(&[u8])) -> Result<(), DecodeProblem> {
        while !chunk.is_empty() {
            let Stage::Inflate(inflater) = &mut self.stage else {
                unreachable!("inflate is called on the compressed stage")
            };
            let (used, inflated) = inflater.step(chunk);
            let Ok(used) = used else {
                // What was inflated before the damage still comes out, so
                // that the outcome does not depend on where chunks end (a
                // header refused before the damage is the reason given).
                let (_, before) = inflater.finish();
                self.text(&[inflated, before].concat(), out)?;
                return Err(DecodeProblem::Corrupt);
            };
            self.inflated += inflated.len() as u64;
            let limit = BOMB_FLOOR.max(self.compressed.saturating_mul(BOMB_RATIO));
            if self.inflated > limit {
                return Err(DecodeProblem::Bomb { limit });
            }
            self.text(&inflated, out)?;
            if used == 0 && inflated.is_empty() {
                // The decoder takes nothing more: data after the end of the
                // (last) compressed stream.
                return Err(DecodeProblem::Corrupt);
            }
            chunk = &chunk[used..];
        }
        Ok(())
    }

    fn text(&mut self, bytes: &[u8], out: &mut dyn FnMut(&[u8])) -> Result<(), DecodeProblem> {
        if bytes.is_empty() {
            return Ok(());
        }
        if let Text::Sniff(head) = &mut self.text {
            head.extend_from_slice(bytes);
            if head.len() < ZIP_MAGIC.len() {
                return Ok(());
            }
            let head = std::mem::take(head);
            return self.begin_text(head, out);
        }
        match &mut self.text {
            Text::Sniff(_) => Ok(()),
            Text::Utf8 => {
                out(bytes);
                Ok(())
            }
            Text::Utf16 { big_endian, pending } => {
                pending.extend_from_slice(bytes);
                transcode(*big_endian, pending, &mut self.utf8, false);
                out(&self.utf8);
                self.utf8.clear();
                Ok(())
            }
        }
    }

    fn begin_text(&mut self, head: Vec<u8>, out: &mut dyn FnMut(&[u8])) -> Result<(), DecodeProblem> {
        if head.starts_with(&ZIP_MAGIC) {
            return Err(DecodeProblem::NestedZip);
        }
        self.text = match head.get(..2) {
            Some([0xff, 0xfe]) => Text::Utf16 { big_endian: false, pending: Vec::new() },
            Some([0xfe, 0xff]) => Text::Utf16 { big_endian: true, pending: Vec::new() },
            _ => Text::Utf8,
        };
        let body = if matches!(self.text, Text::Utf16 { .. }) { &head[2..] } else { &head[..] };
        self.text(body, out)
    }

    fn end_text(&mut self, out: &mut dyn FnMut(&[u8])) -> Result<(), DecodeProblem> {
        if let Text::Sniff(head) = &mut self.text {
            // Fewer bytes than a zip's magic in all: text, whatever they are.
            let head = std::mem::take(head);
            self.text = Text::Utf8;
            out(&head);
        }
        if let Text::Utf16 { big_endian, pending } = &mut self.text {
            transcode(*big_endian, pending, &mut self.utf8, true);
            out(&self.utf8);
            self.utf8.clear();
        }
        Ok(())
    }
}

/// Transcodes the whole code units of `pending` from UTF-16 to UTF-8 into
/// `out`, leaving in `pending` a cut code unit or a high surrogate whose
/// pair may come in the next chunk (unless `at_end`). Unpaired surrogates
/// become U+FFFD, as a browser's decoder makes them.
fn transcode(big_endian: bool, pending: &mut Vec<u8>, out: &mut Vec<u8>, at_end: bool) {
    let unit = |pair: &[u8]| {
        if big_endian { u16::from_be_bytes([pair[0], pair[1]]) } else { u16::from_le_bytes([pair[0], pair[1]]) }
    };
    let mut whole = pending.len() / 2 * 2;
    // A high surrogate at the end waits for its pair.
    if !at_end && whole >= 2 && (0xd800..0xdc00).contains(&unit(&pending[whole - 2..whole])) {
        whole -= 2;
    }
    let units = pending[..whole].chunks_exact(2).map(unit);
    let mut buffer = [0u8; 4];
    for decoded in char::decode_utf16(units) {
        let c = decoded.unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    }
    if at_end && pending.len() % 2 == 1 {
        out.extend_from_slice(char::REPLACEMENT_CHARACTER.encode_utf8(&mut buffer).as_bytes());
        whole = pending.len();
    }
    pending.drain(..whole);
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression as Level;
    use flate2::write::{DeflateEncoder, GzEncoder};

    fn decode(compression: Compression, bytes: &[u8], chunk: usize) -> Result<Vec<u8>, DecodeProblem> {
        let mut decoder = Decoder::new(compression);
        let mut text = Vec::new();
        for piece in bytes.chunks(chunk.max(1)) {
            decoder.push(piece, &mut |t| text.extend_from_slice(t))?;
        }
        decoder.finish(&mut |t| text.extend_from_slice(t))?;
        Ok(text)
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Level::default());
        encoder.write_all(bytes).expect("in memory");
        encoder.finish().expect("in memory")
    }

    const CSV: &[u8] = b"store_id,status,timestamp_utc\n1,active,2023-01-25 12:00:00 UTC\n";

    #[test]
    fn plain_text_passes_through_in_any_chunks() {
        for chunk in [1, 2, 3, 7, 1000] {
            assert_eq!(decode(Compression::Sniff, CSV, chunk).as_deref(), Ok(CSV));
        }
        assert_eq!(decode(Compression::Sniff, b"a", 1).as_deref(), Ok(&b"a"[..]));
        assert_eq!(decode(Compression::Sniff, b"", 1).as_deref(), Ok(&b""[..]));
    }

    #[test]
    fn gzip_is_recognised_by_its_bytes_and_members_are_concatenated() {
        let mut two = gzip(&CSV[..20]);
        two.extend(gzip(&CSV[20..]));
        for chunk in [1, 5, 64, 100_000] {
            assert_eq!(decode(Compression::Sniff, &gzip(CSV), chunk).as_deref(), Ok(CSV));
            assert_eq!(decode(Compression::Sniff, &two, chunk).as_deref(), Ok(CSV));
        }
    }

    #[test]
    fn a_zip_entrys_deflate_data_is_inflated() {
        let mut encoder = DeflateEncoder::new(Vec::new(), Level::default());
        encoder.write_all(CSV).expect("in memory");
        let deflated = encoder.finish().expect("in memory");
        assert_eq!(decode(Compression::Deflated, &deflated, 3).as_deref(), Ok(CSV));
        assert_eq!(decode(Compression::Deflated, &deflated[..deflated.len() - 2], 3), Err(DecodeProblem::Truncated));
    }

    #[test]
    fn truncated_and_damaged_gzip_are_told_apart() {
        let whole = gzip(CSV);
        assert_eq!(decode(Compression::Sniff, &whole[..whole.len() - 4], 8), Err(DecodeProblem::Truncated));
        assert_eq!(decode(Compression::Sniff, &whole[..12], 8), Err(DecodeProblem::Truncated));
        // The text before the cut comes out before the cut is reported.
        let long: Vec<u8> =
            (0..5000).flat_map(|i| format!("{i},active,2023-01-25 12:{:02}:00\n", i % 60).into_bytes()).collect();
        let cut = gzip(&long);
        let mut decoder = Decoder::new(Compression::Sniff);
        let mut text = Vec::new();
        decoder.push(&cut[..cut.len() / 2], &mut |t| text.extend_from_slice(t)).expect("the first half");
        assert_eq!(decoder.finish(&mut |t| text.extend_from_slice(t)), Err(DecodeProblem::Truncated));
        assert!(text.len() > long.len() / 4 && long.starts_with(&text), "{}", text.len());
        let mut damaged = whole.clone();
        damaged[12] ^= 0xff;
        damaged[13] ^= 0xff;
        assert!(decode(Compression::Sniff, &damaged, 8).is_err());
    }

    #[test]
    fn a_bomb_is_stopped_by_counting_what_comes_out() {
        let zeros = vec![b'0'; 200 << 20];
        let bomb = gzip(&zeros);
        assert!(bomb.len() < 1 << 20, "{}", bomb.len());
        let mut decoder = Decoder::new(Compression::Sniff);
        let mut seen = 0usize;
        let mut largest = 0usize;
        let result = bomb.chunks(1 << 16).try_for_each(|piece| {
            decoder.push(piece, &mut |t| {
                seen += t.len();
                largest = largest.max(t.len());
            })
        });
        assert_eq!(result, Err(DecodeProblem::Bomb { limit: BOMB_FLOOR }));
        assert!(seen as u64 <= BOMB_FLOOR && largest <= 1 << 20, "{seen} {largest}");
    }

    #[test]
    fn utf16_with_a_bom_becomes_utf8_whatever_the_chunks() {
        let text = "store_id\tstatus\n1\tZürich 😀\n";
        let le: Vec<u8> = [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xfe, 0xff].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        for chunk in [1, 2, 3, 5, 1000] {
            assert_eq!(decode(Compression::Sniff, &le, chunk).as_deref(), Ok(text.as_bytes()), "{chunk}");
            assert_eq!(decode(Compression::Sniff, &be, chunk).as_deref(), Ok(text.as_bytes()), "{chunk}");
            assert_eq!(decode(Compression::Sniff, &gzip(&le), chunk).as_deref(), Ok(text.as_bytes()), "{chunk}");
        }
        // An unpaired surrogate and an odd last byte become U+FFFD.
        let broken = [0xff, 0xfe, 0x00, 0xd8, b'a', 0x00, b'b'];
        assert_eq!(decode(Compression::Sniff, &broken, 1).expect("decoded"), "\u{fffd}a\u{fffd}".as_bytes());
    }

    #[test]
    fn a_zip_inside_is_refused() {
        assert_eq!(decode(Compression::Stored, b"PK\x03\x04rest of a zip", 3), Err(DecodeProblem::NestedZip));
        assert_eq!(decode(Compression::Sniff, &gzip(b"PK\x03\x04..."), 3), Err(DecodeProblem::NestedZip));
    }
}
