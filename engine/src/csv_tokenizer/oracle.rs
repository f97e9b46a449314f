//! The tokenizer as it was before whole lines were found a block at a time
//! (`blocks`): kept unchanged, line by line with `memchr`, as the oracle the
//! fuzz target `oracle` and the property test in `oracle_tests` compare the
//! tokenizer with (the same records, fields, problems and line numbers for
//! any bytes in any chunks). Not used to read files.

use memchr::{memchr, memchr3_iter};

use super::{BOM, MAX_FIELDS, MAX_RECORD_BYTES, Record, RecordProblem};

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

/// The previous push tokenizer. Feed it with [`Tokenizer::push`], end with [`Tokenizer::finish`].
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
                if let Some(used) = self.fast_line(&input[pos..], sink) {
                    pos += used;
                    continue;
                }
                self.begin_record();
            }
            pos += self.slow(&input[pos..], sink);
        }
    }

    /// The common case: a whole line in this chunk with no quote and no `\r`
    /// before its end. Its fields are handed out without being copied.
    fn fast_line(&mut self, input: &[u8], sink: &mut dyn FnMut(Record<'_>)) -> Option<usize> {
        let newline = memchr(b'\n', input)?;
        let mut line = &input[..newline];
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        if line.len() > MAX_RECORD_BYTES {
            return None;
        }
        self.bounds.clear();
        let mut start = 0u32;
        for special in memchr3_iter(self.delimiter, b'"', b'\r', line) {
            // Quotes, carriage returns and over-wide lines are left to the
            // slow path, which decides every limit.
            if line[special] != self.delimiter || self.bounds.len() + 1 == MAX_FIELDS {
                return None;
            }
            self.bounds.push((start, special as u32));
            start = special as u32 + 1;
        }
        self.bounds.push((start, line.len() as u32));
        let record = Record { line: self.line, problem: None, bytes: line, bounds: &self.bounds };
        let (fields, blank) = (record.len(), record.is_blank());
        sink(record);
        self.note_width(fields, blank);
        self.line += 1;
        Some(newline + 1)
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
