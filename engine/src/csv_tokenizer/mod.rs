//! A push tokenizer for RFC 4180 CSV that is fed bytes in chunks of any size.
//!
//! We do not use `csv-core` here, although it is the obvious candidate,
//! because the reports must name the *physical line* on which every rejected
//! row starts, and `csv-core` swallows blank lines and quoted line breaks
//! inside one `read_record` call without telling where the record began. We
//! also need to recover from an unbalanced quote without losing the rest of
//! the file, and a fast path that hands out fields of ordinary lines without
//! copying them. The tokenizer is differential-tested against the `csv`
//! crate on well-formed input (the `tokenizer` fuzz target).
//!
//! Rules:
//! - a line break is `\n`, `\r\n` or a lone `\r`; each one advances the line
//!   number, also inside a quoted field;
//! - empty lines are skipped;
//! - a field that starts with `"` is quoted: `""` inside it is one quote, and
//!   line breaks and commas inside it are data; bytes after its closing quote
//!   are kept as data (lenient, as `csv-core` does);
//! - a `"` inside an unquoted field is data;
//! - a UTF-8 byte order mark at the start of the input is dropped.
//!
//! Two kinds of damage are reported on the record instead of stopping:
//! - a record on one line whose raw bytes (delimiters and quotes included,
//!   the line break not) exceed [`MAX_RECORD_BYTES`], or that has more than
//!   [`MAX_FIELDS`] fields, keeps its line number but not its content
//!   ([`RecordProblem::TooLong`]);
//! - a quote that is never closed (the file ends inside it, or the record it
//!   opened goes past either limit): the line where it opened is reported as
//!   [`RecordProblem::UnclosedQuote`], and the lines after it are read again
//!   with quoted line breaks ending the record, so that one stray quote costs
//!   one row, not the rest of the file. With [`Tokenizer::for_table`], a
//!   quote that does close, but lines later, making a row of the wrong width,
//!   is treated the same way.
//!
//! So the memory a record takes is bounded whatever the input: at most
//! [`MAX_RECORD_BYTES`] of content, of raw bytes kept for a re-read, and
//! [`MAX_FIELDS`] field bounds. Counting only the content would not do: a
//! line of commas has no content, but a field per byte.

mod blocks;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) mod oracle;
#[cfg(test)]
mod oracle_tests;

/// Records longer than this, in raw bytes, are reported as too long; their
/// content is not kept. Real rows of the three files are under 100 bytes.
///
/// Under the fuzzer (`cfg(fuzzing)`, set by cargo-fuzz) both limits are
/// small, so that inputs of a few KiB reach them and the paths past them.
pub const MAX_RECORD_BYTES: usize = if cfg!(fuzzing) { 1024 } else { 64 * 1024 };

/// Records with more fields than this are reported as too long. The files
/// have three or four columns; an export with extra columns has a few dozen.
/// Without this limit a 64 KiB line of commas would still hold 65,537 fields.
pub const MAX_FIELDS: usize = if cfg!(fuzzing) { 64 } else { 4096 };

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What went wrong with a record, if anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordProblem {
    /// Longer than [`MAX_RECORD_BYTES`] or wider than [`MAX_FIELDS`]; the
    /// fields are not available.
    TooLong,
    /// A quoted field opened on this line is never closed, or (in a table)
    /// closes lines later in a row of the wrong width.
    UnclosedQuote,
}

/// One record, borrowed from the tokenizer or from the input chunk.
#[derive(Debug)]
pub struct Record<'a> {
    /// The physical line (1-based) on which the record starts.
    pub line: u64,
    /// Why the record's fields are not available, if they are not.
    pub problem: Option<RecordProblem>,
    bytes: &'a [u8],
    bounds: &'a [(u32, u32)],
}

impl<'a> Record<'a> {
    /// The number of fields (none for a record with a problem).
    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    /// The content of field `index` (quotes removed, `""` read as `"`).
    /// Panics if `index` is not below [`Record::len`].
    pub fn field(&self, index: usize) -> &'a [u8] {
        let (start, end) = self.bounds[index];
        &self.bytes[start as usize..end as usize]
    }

    /// The content of every field, in order.
    pub fn fields(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).map(|i| self.field(i))
    }

    /// True for a line that holds nothing but whitespace: such a line is
    /// blank to a person, so it is skipped like an empty one.
    pub fn is_blank(&self) -> bool {
        self.problem.is_none() && self.len() == 1 && self.field(0).iter().all(u8::is_ascii_whitespace)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Between records: line breaks here are blank lines.
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` was seen inside a quoted field: either `""` or the closing quote.
    QuoteInQuoted,
}

/// The push tokenizer. Feed it with [`Tokenizer::push`], end with [`Tokenizer::finish`].
#[derive(Debug)]
pub struct Tokenizer {
    state: State,
    /// The line number of the next byte.
    line: u64,
    /// The last byte seen was a `\r` that ended a line: a `\n` right after it
    /// belongs to the same line break.
    after_cr: bool,
    /// Bytes seen so far that may be the start of a byte order mark.
    bom_seen: usize,
    at_input_start: bool,
    // The record being assembled by the slow path.
    record_line: u64,
    content: Vec<u8>,
    bounds: Vec<(u32, u32)>,
    field_start: usize,
    /// Raw bytes of the record read so far by the slow path, line breaks
    /// inside quotes included.
    record_bytes: usize,
    /// The record is past [`MAX_RECORD_BYTES`] or [`MAX_FIELDS`]: nothing
    /// more of it is kept.
    too_long: bool,
    /// The raw bytes of the current slow-path record after its first line,
    /// kept while a quoted field spans lines, so that the lines can be read
    /// again if the quote turns out never to close.
    raw_after_first_line: Vec<u8>,
    quoted_line_break: bool,
    /// The line break that ended the record's first line was a `\r`.
    first_break_cr: bool,
    /// While re-reading after an unclosed quote, line breaks end records even
    /// inside quotes.
    strict: bool,
    /// The number of fields of the first non-blank record (the header), when
    /// asked to learn it: see [`Tokenizer::for_table`].
    width: Option<usize>,
    learn_width: bool,
    /// The byte that separates fields: `,` unless the file's header says
    /// otherwise (`;`, tab, `|`: see [`Tokenizer::with_delimiter`]).
    delimiter: u8,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Tokenizer {
    /// A tokenizer of plain RFC 4180 records, at the start of its input.
    pub fn new() -> Self {
        Tokenizer {
            state: State::RecordStart,
            line: 1,
            after_cr: false,
            bom_seen: 0,
            at_input_start: true,
            record_line: 1,
            content: Vec::new(),
            bounds: Vec::new(),
            field_start: 0,
            record_bytes: 0,
            too_long: false,
            raw_after_first_line: Vec::new(),
            quoted_line_break: false,
            first_break_cr: false,
            strict: false,
            width: None,
            learn_width: false,
            delimiter: b',',
        }
    }

    /// The same tokenizer with fields separated by `delimiter` (any byte
    /// but a quote or a line break) instead of commas.
    pub fn with_delimiter(self, delimiter: u8) -> Self {
        debug_assert!(!matches!(delimiter, b'"' | b'\n' | b'\r'));
        Tokenizer { delimiter, ..self }
    }

    /// A tokenizer for a table whose first non-blank record is its header.
    ///
    /// A quoted field may hold line breaks, but in these files no real value
    /// does, so a stray quote is far likelier: it would join the lines up to
    /// the next quote into one row of the wrong width, silently swallowing
    /// them. So when a record that spans lines inside quotes does not have
    /// the header's number of fields, its first line is reported as
    /// [`RecordProblem::UnclosedQuote`] and the lines after it are read again
    /// on their own. A quoted line break in a row of the right width (a note
    /// over two lines, say) is kept.
    pub fn for_table() -> Self {
        Tokenizer { learn_width: true, ..Tokenizer::new() }
    }

    /// A tokenizer for the rest of a table whose header, of `width` fields,
    /// was read before it: it starts between two records, past any byte
    /// order mark, as a tokenizer of the whole table would be there.
    pub(crate) fn for_table_after_header(width: usize) -> Self {
        Tokenizer { learn_width: true, width: Some(width), at_input_start: false, ..Tokenizer::new() }
    }

    /// True when the bytes read so far end between two records: outside any
    /// quoted field, with no record begun, and not re-reading lines after an
    /// unclosed quote. From such a point on, the records read do not depend
    /// on anything before it but the line number and the header's width, so
    /// the rest of the input can be read by a new tokenizer.
    pub fn at_record_boundary(&self) -> bool {
        self.state == State::RecordStart && !self.strict && !self.at_input_start
    }

    fn note_width(&mut self, fields: usize, blank: bool) {
        if self.learn_width && self.width.is_none() && !blank {
            self.width = Some(fields);
        }
    }

    /// The line number of the next byte to be read.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Feeds the next chunk; every record that ends inside it is passed to `sink`.
    pub fn push(&mut self, mut input: &[u8], sink: &mut dyn FnMut(Record<'_>)) {
        if self.at_input_start {
            input = self.skip_bom(input);
            if input.is_empty() {
                return;
            }
        }
        self.run(input, sink);
    }

    /// Ends the input: a last record without a line break is passed to `sink`.
    pub fn finish(&mut self, sink: &mut dyn FnMut(Record<'_>)) {
        if self.at_input_start && self.bom_seen > 0 {
            // A file that is a proper prefix of a BOM: those bytes are data.
            let prefix = &BOM[..self.bom_seen];
            self.at_input_start = false;
            self.run(prefix, sink);
        }
        match self.state {
            State::RecordStart => {}
            // A quote open since an earlier line, or a record spanning lines
            // inside quotes that went past a limit (as in `slow`): a stray quote.
            state if self.quoted_line_break && (state == State::Quoted || self.too_long) => {
                self.recover_unclosed_quote(sink);
                // The re-read may leave a last record open.
                self.finish(sink);
            }
            State::Quoted => self.emit(Some(RecordProblem::UnclosedQuote), sink),
            _ => {
                self.end_field();
                // The rules of `end_record_with`, for a last record that has
                // no line break after it: its last field may be the one past
                // MAX_FIELDS, or make a table's row of the wrong width.
                let wrong_width = self.width.is_some_and(|width| width != self.bounds.len());
                if self.quoted_line_break && !self.strict && (wrong_width || self.too_long) {
                    self.recover_unclosed_quote(sink);
                    self.finish(sink);
                } else {
                    self.emit(None, sink);
                }
            }
        }
    }

    fn skip_bom<'i>(&mut self, input: &'i [u8]) -> &'i [u8] {
        let mut rest = input;
        while self.bom_seen < BOM.len() {
            match rest.first() {
                None => return rest,
                Some(&b) if b == BOM[self.bom_seen] => {
                    self.bom_seen += 1;
                    rest = &rest[1..];
                }
                Some(_) => {
                    // Not a BOM after all: the bytes taken so far are data.
                    self.at_input_start = false;
                    let taken = self.bom_seen;
                    self.bom_seen = 0;
                    if taken > 0 {
                        self.run(&BOM[..taken], &mut |_| unreachable!("a partial BOM holds no line break"));
                    }
                    return rest;
                }
            }
        }
        self.at_input_start = false;
        self.bom_seen = 0;
        rest
    }

    fn run(&mut self, input: &[u8], sink: &mut dyn FnMut(Record<'_>)) {
        let mut pos = 0;
        while pos < input.len() {
            if self.state == State::RecordStart {
                match input[pos] {
                    b'\n' => {
                        if !std::mem::take(&mut self.after_cr) {
                            self.line += 1;
                        }
                        pos += 1;
                        continue;
                    }
                    b'\r' => {
                        self.line += 1;
                        self.after_cr = true;
                        pos += 1;
                        continue;
                    }
                    _ => self.after_cr = false,
                }
                let used = self.fast_lines(&input[pos..], sink);
                if used > 0 {
                    pos += used;
                    continue;
                }
                self.begin_record();
            }
            pos += self.slow(&input[pos..], sink);
        }
    }

    /// The common case: whole lines in this chunk with no quote and no `\r`
    /// before their ends, found a block of 64 bytes at a time ([`blocks`]).
    /// Their fields are handed out without being copied, and empty lines
    /// between them are skipped. Returns the bytes consumed, always up to
    /// the start of a line: that of the first line left to the slow path (a
    /// quote, a lone `\r`, past a limit, or not ended in this chunk), which
    /// reads it exactly as it reads any record.
    fn fast_lines(&mut self, input: &[u8], sink: &mut dyn FnMut(Record<'_>)) -> usize {
        let mut line_start = 0;
        let mut field_start = 0;
        self.bounds.clear();
        let mut block_start = 0;
        while block_start < input.len() {
            let mut structural = blocks::structural(&input[block_start..], self.delimiter);
            while structural != 0 {
                let at = block_start + structural.trailing_zeros() as usize;
                structural &= structural - 1;
                match input[at] {
                    b'\n' => {
                        // A `\r` right before it was let through below: it
                        // belongs to this line break.
                        let end = if at > line_start && input[at - 1] == b'\r' { at - 1 } else { at };
                        if end > line_start {
                            if end - line_start > MAX_RECORD_BYTES {
                                return line_start;
                            }
                            let span = |at: usize| (at - line_start) as u32;
                            self.bounds.push((span(field_start), span(end)));
                            let bytes = &input[line_start..end];
                            let record = Record { line: self.line, problem: None, bytes, bounds: &self.bounds };
                            let (fields, blank) = (record.len(), record.is_blank());
                            sink(record);
                            self.note_width(fields, blank);
                            self.bounds.clear();
                        }
                        self.line += 1;
                        line_start = at + 1;
                        field_start = at + 1;
                    }
                    b'\r' if input.get(at + 1) == Some(&b'\n') => {}
                    // Quotes and lone carriage returns need the slow path.
                    b'"' | b'\r' => return line_start,
                    _ => {
                        if self.bounds.len() + 1 == MAX_FIELDS {
                            return line_start;
                        }
                        self.bounds.push(((field_start - line_start) as u32, (at - line_start) as u32));
                        field_start = at + 1;
                    }
                }
            }
            block_start += blocks::BLOCK;
        }
        line_start
    }

    fn begin_record(&mut self) {
        self.state = State::FieldStart;
        self.record_line = self.line;
        self.content.clear();
        self.bounds.clear();
        self.field_start = 0;
        self.record_bytes = 0;
        self.too_long = false;
        self.raw_after_first_line.clear();
        self.quoted_line_break = false;
    }

    /// Runs the byte-at-a-time state machine until the record ends or the
    /// input runs out; returns the number of bytes consumed.
    fn slow(&mut self, input: &[u8], sink: &mut dyn FnMut(Record<'_>)) -> usize {
        for (i, &b) in input.iter().enumerate() {
            if self.quoted_line_break {
                self.raw_after_first_line.push(b);
            }
            // The byte that ends the record is not part of its length, as in
            // the fast path.
            let ends_record = matches!(b, b'\n' | b'\r') && (self.state != State::Quoted || self.strict);
            if !ends_record {
                self.record_bytes += 1;
                if self.record_bytes > MAX_RECORD_BYTES {
                    self.too_long = true;
                }
            }
            if self.too_long && self.quoted_line_break {
                // Past a limit while spanning lines inside quotes: far more
                // likely a stray quote than a real field this large. This
                // also bounds the raw bytes kept for the re-read.
                self.recover_unclosed_quote(sink);
                return i + 1;
            }
            match self.state {
                State::RecordStart => unreachable!("the slow path starts inside a record"),
                State::FieldStart => match b {
                    b'"' => self.state = State::Quoted,
                    b if b == self.delimiter => self.end_field(),
                    b'\n' | b'\r' => return self.end_record(b, i, sink),
                    _ => {
                        self.push_byte(b);
                        self.state = State::Unquoted;
                    }
                },
                State::Unquoted => match b {
                    b if b == self.delimiter => {
                        self.end_field();
                        self.state = State::FieldStart;
                    }
                    b'\n' | b'\r' => return self.end_record(b, i, sink),
                    _ => self.push_byte(b),
                },
                State::Quoted => match b {
                    b'"' => self.state = State::QuoteInQuoted,
                    b'\n' | b'\r' if self.strict => {
                        self.state = State::Unquoted;
                        return self.end_record_with(b, i, Some(RecordProblem::UnclosedQuote), sink);
                    }
                    b'\n' | b'\r' => {
                        // `\r\n` inside quotes is one line break.
                        if !(b == b'\n' && self.after_cr) {
                            self.line += 1;
                        }
                        self.after_cr = b == b'\r';
                        if !self.quoted_line_break {
                            // From the next byte on, the raw bytes are kept.
                            self.quoted_line_break = true;
                            self.first_break_cr = b == b'\r';
                        }
                        self.push_byte(b);
                        continue;
                    }
                    _ => self.push_byte(b),
                },
                State::QuoteInQuoted => match b {
                    b'"' => {
                        self.push_byte(b'"');
                        self.state = State::Quoted;
                    }
                    b if b == self.delimiter => {
                        self.end_field();
                        self.state = State::FieldStart;
                    }
                    b'\n' | b'\r' => return self.end_record(b, i, sink),
                    _ => {
                        self.push_byte(b);
                        self.state = State::Unquoted;
                    }
                },
            }
            self.after_cr = false;
        }
        input.len()
    }

    fn push_byte(&mut self, b: u8) {
        // Content is never more than the raw bytes, so this keeps at most
        // MAX_RECORD_BYTES.
        if !self.too_long {
            self.content.push(b);
        }
    }

    fn end_field(&mut self) {
        if self.bounds.len() == MAX_FIELDS {
            self.too_long = true;
        }
        if self.too_long {
            return;
        }
        let end = self.content.len();
        self.bounds.push((self.field_start as u32, end as u32));
        self.field_start = end;
    }

    fn end_record(&mut self, terminator: u8, at: usize, sink: &mut dyn FnMut(Record<'_>)) -> usize {
        self.end_record_with(terminator, at, None, sink)
    }

    fn end_record_with(
        &mut self,
        terminator: u8,
        at: usize,
        problem: Option<RecordProblem>,
        sink: &mut dyn FnMut(Record<'_>),
    ) -> usize {
        self.end_field();
        let wrong_width = self.width.is_some_and(|width| width != self.bounds.len());
        if problem.is_none() && self.quoted_line_break && !self.strict && (wrong_width || self.too_long) {
            // The raw bytes kept include this terminator, so the re-read
            // ends the last line and counts its line break.
            self.recover_unclosed_quote(sink);
            return at + 1;
        }
        self.emit(problem, sink);
        self.line += 1;
        self.after_cr = terminator == b'\r';
        at + 1
    }

    fn emit(&mut self, problem: Option<RecordProblem>, sink: &mut dyn FnMut(Record<'_>)) {
        let problem = problem.or(self.too_long.then_some(RecordProblem::TooLong));
        let bounds: &[(u32, u32)] = if problem.is_some() { &[] } else { &self.bounds };
        let record = Record { line: self.record_line, problem, bytes: &self.content, bounds };
        let (fields, blank) = (record.len(), record.is_blank() || problem.is_some());
        sink(record);
        self.note_width(fields, blank);
        self.state = State::RecordStart;
        self.quoted_line_break = false;
    }

    /// A quoted field spans lines and never closes: report the line where it
    /// opened, then read the lines after it again, this time letting line
    /// breaks end records even inside quotes.
    fn recover_unclosed_quote(&mut self, sink: &mut dyn FnMut(Record<'_>)) {
        let raw = std::mem::take(&mut self.raw_after_first_line);
        let first_line = self.record_line;
        self.content.clear();
        self.bounds.clear();
        self.emit(Some(RecordProblem::UnclosedQuote), sink);
        self.line = first_line + 1;
        // `raw` starts right after the byte that ended the first line; if
        // that was a `\r`, a following `\n` completes the same line break.
        self.after_cr = self.first_break_cr;
        let was_strict = std::mem::replace(&mut self.strict, true);
        self.run(&raw, sink);
        self.strict = was_strict;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Tokens = Vec<(u64, Result<Vec<String>, RecordProblem>)>;

    /// Tokenizes `input` in chunks of `chunk` bytes; returns (line, fields or problem).
    fn tokenize_with(mut tokenizer: Tokenizer, input: &[u8], chunk: usize) -> Tokens {
        let mut out = Vec::new();
        let mut sink = |r: Record<'_>| {
            let item = match r.problem {
                Some(p) => Err(p),
                None => Ok(r.fields().map(|f| String::from_utf8_lossy(f).into_owned()).collect()),
            };
            out.push((r.line, item));
        };
        for piece in input.chunks(chunk.max(1)) {
            tokenizer.push(piece, &mut sink);
        }
        tokenizer.finish(&mut sink);
        out
    }

    fn tokenize(input: &[u8], chunk: usize) -> Tokens {
        tokenize_with(Tokenizer::new(), input, chunk)
    }

    fn tokenize_table(input: &[u8], chunk: usize) -> Tokens {
        tokenize_with(Tokenizer::for_table(), input, chunk)
    }

    fn ok(line: u64, fields: &[&str]) -> (u64, Result<Vec<String>, RecordProblem>) {
        (line, Ok(fields.iter().map(|s| s.to_string()).collect()))
    }

    fn all_chunkings(input: &[u8]) -> Tokens {
        let whole = tokenize(input, input.len().max(1));
        for chunk in 1..=input.len() {
            assert_eq!(tokenize(input, chunk), whole, "chunk size {chunk}");
        }
        whole
    }

    #[test]
    fn plain_lines_with_and_without_final_newline() {
        assert_eq!(all_chunkings(b"a,b\n1,2\n"), vec![ok(1, &["a", "b"]), ok(2, &["1", "2"])]);
        assert_eq!(all_chunkings(b"a,b\n1,2"), vec![ok(1, &["a", "b"]), ok(2, &["1", "2"])]);
    }

    #[test]
    fn crlf_lone_cr_and_blank_lines_count_lines() {
        let got = all_chunkings(b"\xEF\xBB\xBFa,b\r\n\r\n1,2\r3,4\n\n\n5,\r\n");
        assert_eq!(got, vec![ok(1, &["a", "b"]), ok(3, &["1", "2"]), ok(4, &["3", "4"]), ok(7, &["5", ""])]);
    }

    #[test]
    fn quoted_fields_with_commas_quotes_and_line_breaks() {
        let got = all_chunkings(b"x,\"a,\"\"b\"\"\",y\n\"multi\r\nline\",z\nlast,\"\"\n");
        assert_eq!(got, vec![ok(1, &["x", "a,\"b\"", "y"]), ok(2, &["multi\r\nline", "z"]), ok(4, &["last", ""])]);
    }

    #[test]
    fn quote_inside_unquoted_field_and_text_after_closing_quote_are_data() {
        assert_eq!(all_chunkings(b"ab\"c,\"d\"e\n"), vec![ok(1, &["ab\"c", "de"])]);
    }

    #[test]
    fn whitespace_only_line_is_one_blank_field() {
        let mut blank = Vec::new();
        let mut t = Tokenizer::new();
        t.push(b"  \t\n", &mut |r| blank.push(r.is_blank()));
        assert_eq!(blank, vec![true]);
    }

    #[test]
    fn bom_only_at_start_and_partial_bom_is_data() {
        // Lossy decoding shows the two stray bytes as one replacement character.
        assert_eq!(all_chunkings(b"\xEF\xBBx\n"), vec![ok(1, &["\u{FFFD}x"])]);
        assert_eq!(all_chunkings(b"\xEF\xBB"), vec![ok(1, &["\u{FFFD}"])]);
        assert_eq!(all_chunkings(b"\xEF\xBB\xBF"), vec![]);
    }

    #[test]
    fn unclosed_quote_at_end_costs_one_line() {
        let got = all_chunkings(b"a,b\n1,\"2\n3,4\n5,6\n");
        assert_eq!(
            got,
            vec![ok(1, &["a", "b"]), (2, Err(RecordProblem::UnclosedQuote)), ok(3, &["3", "4"]), ok(4, &["5", "6"])]
        );
    }

    #[test]
    fn unclosed_quote_on_last_line_without_newline() {
        assert_eq!(all_chunkings(b"a\n\"b"), vec![ok(1, &["a"]), (2, Err(RecordProblem::UnclosedQuote))]);
    }

    #[test]
    fn several_stray_quotes_each_cost_their_own_line() {
        let got = tokenize(b"h\n\"a\nb\n\"c\nd\n", 3);
        // "a\nb\n" pairs with the quote of line 4 as one RFC field; that is
        // a legal record, so only the final unclosed one is reported.
        assert_eq!(got[0], ok(1, &["h"]));
        assert_eq!(got[1], ok(2, &["a\nb\nc"]));
        assert_eq!(got[2], ok(5, &["d"]));
    }

    #[test]
    fn runaway_quote_is_cut_at_the_cap_and_the_rest_is_read() {
        let mut input = b"h\n\"open\n".to_vec();
        let rows = 20_000;
        for i in 0..rows {
            input.extend_from_slice(format!("{i},x\n").as_bytes());
        }
        let got = tokenize(&input, 4096);
        assert_eq!(got[0], ok(1, &["h"]));
        assert_eq!(got[1], (2, Err(RecordProblem::UnclosedQuote)));
        assert_eq!(got.len(), 2 + rows);
        assert_eq!(got[2], ok(3, &["0", "x"]));
        assert_eq!(got.last().cloned(), Some(ok(2 + rows as u64, &[&(rows - 1).to_string(), "x"])));
    }

    #[test]
    fn in_a_table_a_quote_closing_lines_later_in_a_row_of_the_wrong_width_costs_one_line() {
        let input = b"a,b\n\"1,x\n2,y\n3,\"z\n4,w\n";
        let expected = vec![
            ok(1, &["a", "b"]),
            (2, Err(RecordProblem::UnclosedQuote)),
            ok(3, &["2", "y"]),
            (4, Err(RecordProblem::UnclosedQuote)),
            ok(5, &["4", "w"]),
        ];
        for chunk in 1..=input.len() {
            assert_eq!(tokenize_table(input, chunk), expected, "chunk size {chunk}");
        }
        // Without the table rule, RFC 4180 joins lines 2 to 4 into one field.
        assert_eq!(tokenize(input, input.len())[1], ok(2, &["1,x\n2,y\n3,z"]));
    }

    #[test]
    fn a_last_record_spanning_lines_whose_last_field_is_one_too_many_is_a_stray_quote() {
        // Found by the `table` fuzz target: the field limit was checked at the
        // end of the input only after deciding how to end the record.
        let mut input = b"\"a\nb\"".to_vec();
        input.extend(std::iter::repeat_n(b',', MAX_FIELDS));
        let expected = vec![(1, Err(RecordProblem::UnclosedQuote)), (2, Err(RecordProblem::TooLong))];
        for chunk in [1, 7, input.len()] {
            assert_eq!(tokenize(&input, chunk), expected, "chunk size {chunk}");
            assert_eq!(tokenize_table(&input, chunk), expected, "chunk size {chunk}");
        }
        // One comma fewer: within the limit, one record over two lines.
        input.pop();
        assert_eq!(tokenize(&input, 5)[0].1.as_ref().map(Vec::len), Ok(MAX_FIELDS));
    }

    #[test]
    fn in_a_table_the_rule_holds_for_a_last_record_without_a_line_break() {
        // Found by the `table` fuzz target: the width was checked only where
        // a line break ended the record.
        let input = b"a,b\n\"1,x\n2,y\n3,\"z";
        let expected = vec![
            ok(1, &["a", "b"]),
            (2, Err(RecordProblem::UnclosedQuote)),
            ok(3, &["2", "y"]),
            (4, Err(RecordProblem::UnclosedQuote)),
        ];
        for chunk in 1..=input.len() {
            assert_eq!(tokenize_table(input, chunk), expected, "chunk size {chunk}");
        }
    }

    #[test]
    fn in_a_table_a_multi_line_field_in_a_row_of_the_right_width_is_kept() {
        let input = b"\n  \na,b,note\r\n1,x,\"two\r\nlines\"\r\n2,y,z\r\n";
        let got = tokenize_table(input, 3);
        assert_eq!(got[2], ok(4, &["1", "x", "two\r\nlines"]));
        assert_eq!(got[3], ok(6, &["2", "y", "z"]));
    }

    #[test]
    fn very_long_line_is_reported_and_the_next_line_is_read() {
        let mut input = b"h\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES * 3));
        input.extend_from_slice(b"\nnext\n");
        let got = tokenize(&input, 10_000);
        assert_eq!(got, vec![ok(1, &["h"]), (2, Err(RecordProblem::TooLong)), ok(3, &["next"])]);
    }

    /// Feeds `input` in chunks and returns the records with the largest
    /// buffers the tokenizer held at any point.
    fn tokenize_measured(input: &[u8], chunk: usize) -> (Tokens, [usize; 3]) {
        let mut tokenizer = Tokenizer::new();
        let mut out = Vec::new();
        let mut sink = |r: Record<'_>| {
            let item = match r.problem {
                Some(p) => Err(p),
                None => Ok(r.fields().map(|f| String::from_utf8_lossy(f).into_owned()).collect()),
            };
            out.push((r.line, item));
        };
        let mut peak = [0; 3];
        for piece in input.chunks(chunk) {
            tokenizer.push(piece, &mut sink);
            let sizes =
                [tokenizer.content.capacity(), tokenizer.bounds.capacity(), tokenizer.raw_after_first_line.capacity()];
            for (peak, size) in peak.iter_mut().zip(sizes) {
                *peak = (*peak).max(size);
            }
        }
        tokenizer.finish(&mut sink);
        (out, peak)
    }

    #[test]
    fn a_line_of_commas_is_one_too_long_row_and_its_memory_is_bounded() {
        // A field per comma: bounding the content alone would keep 8 bytes
        // of field bounds per byte of input.
        for filler in [&b","[..], b"\"\",", b"\"\"\"\""] {
            let mut input = b"h\n".to_vec();
            // Whole fillers, so that no quote is left open.
            input.extend(filler.iter().cycle().take((4 << 20) / filler.len() * filler.len()));
            input.extend_from_slice(b"\nnext\n");
            for chunk in [1 << 16, 1 << 20, input.len()] {
                let (got, [content, bounds, raw]) = tokenize_measured(&input, chunk);
                let expected = vec![ok(1, &["h"]), (2, Err(RecordProblem::TooLong)), ok(3, &["next"])];
                assert_eq!(got, expected, "{:?} in chunks of {chunk}", String::from_utf8_lossy(filler));
                // Vectors at most double past what they hold.
                assert!(content <= 2 * MAX_RECORD_BYTES, "content {content}");
                assert!(bounds <= 2 * MAX_FIELDS, "bounds {bounds}");
                assert!(raw <= 2 * MAX_RECORD_BYTES, "raw {raw}");
            }
        }
    }

    #[test]
    fn the_limits_count_raw_bytes_and_fields_exactly() {
        let line_of = |fields: usize| vec!["a"; fields].join(",");
        let widest = line_of(MAX_FIELDS);
        let too_wide = line_of(MAX_FIELDS + 1);
        // Quoted fields of 64 raw bytes, comma included, for 61 bytes of
        // content: the quotes and commas count.
        let longest = format!("\"{}\",", "x".repeat(61)).repeat(MAX_RECORD_BYTES / 64);
        let too_long = format!("{longest}z");
        for chunk in [1, 3, 1 << 16, 1 << 20] {
            for (line, fits) in [(&widest, true), (&too_wide, false), (&longest, true), (&too_long, false)] {
                assert_eq!(line.len() <= MAX_RECORD_BYTES, line != &too_long);
                for ending in ["\n", "\r\n"] {
                    let input = format!("{line}{ending}after\n");
                    let got = tokenize(input.as_bytes(), chunk);
                    assert_eq!(got.len(), 2);
                    let kept = got[0].1.as_ref().map(Vec::len);
                    if fits {
                        assert!(kept.is_ok(), "{} bytes, chunk {chunk}", line.len());
                    } else {
                        assert_eq!(kept, Err(&RecordProblem::TooLong), "{} bytes, chunk {chunk}", line.len());
                    }
                    assert_eq!(got[1], ok(2, &["after"]));
                }
            }
        }
    }

    #[test]
    fn a_record_spanning_lines_in_quotes_past_a_limit_is_a_stray_quote() {
        // The quote of line 2 closes on line 3, then the row runs on with a
        // field per byte: line 2 is the stray quote, line 3 is read again on
        // its own, and is too long.
        let mut input = b"h\n\"a\nb\"".to_vec();
        input.extend(std::iter::repeat_n(b',', 3 * MAX_RECORD_BYTES));
        input.extend_from_slice(b"\nnext\n");
        let expected = vec![
            ok(1, &["h"]),
            (2, Err(RecordProblem::UnclosedQuote)),
            (3, Err(RecordProblem::TooLong)),
            ok(4, &["next"]),
        ];
        for chunk in [1, 5, 4096, input.len()] {
            let (got, [content, bounds, raw]) = tokenize_measured(&input, chunk);
            assert_eq!(got, expected, "chunk {chunk}");
            assert!(content <= 2 * MAX_RECORD_BYTES && bounds <= 2 * MAX_FIELDS && raw <= 2 * MAX_RECORD_BYTES);
        }
        // Without a line break after it, at the end of the input.
        input.truncate(input.len() - b"\nnext\n".len());
        assert_eq!(tokenize(&input, 4096), expected[..3].to_vec());
    }
}
