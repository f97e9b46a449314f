//! The files the page has given, parsed once and kept, and the analysis of
//! the latest set of them that a report used.
//!
//! A file is parsed when it is given (its preview is the by-product of that
//! parse), so that Generate, a change of "now", of the default timezone or
//! of the units, and a store's timeline are computed from data already in
//! memory instead of reading the files again. A file's parsed data is moved
//! into the analysis of the first report that uses it, so that no poll is
//! held twice; a report of another set of files reads the files it lacks
//! again from their handles.

use std::cell::RefCell;

use web_sys::File;

use super::slices::{self, Stop};
use super::{envelope, memory, parts};
use crate::protocol::{
    ArchiveEntry, ArchiveOutcome, EntryContent, FilePreviewMessage, GroupsSummaryMessage, Instant, PreviewOutcome,
    Reply,
};
use engine::{Analysis, Dataset, FileFeed, FileKind, FileProblem, FileSummary, UtcInstant};
use engine::{Compression, Container, FilePart, PartRange};
use engine::{Disposition, zip_entries};
use engine::{FilePreview, PreviewFeed};

/// A file parsed and not yet taken by an analysis.
struct ParsedFile {
    key: u64,
    data: Dataset,
}

/// The analysis of the files with `keys`, in that order.
struct HeldAnalysis {
    keys: Vec<u64>,
    analysis: Analysis,
}

#[derive(Default)]
struct Held {
    parsed: Vec<ParsedFile>,
    /// Files found not to be one of the three (or unreadable): a report of
    /// files given before they were read leaves them out, as the page does.
    refused: Vec<u64>,
    analysis: Option<HeldAnalysis>,
}

thread_local! {
    static HELD: RefCell<Held> = RefCell::new(Held::default());
}

/// A large file whose parts are being read, this worker's and the part
/// workers'.
struct PendingParse {
    key: u64,
    file: File,
    /// The preview, fed by the first part's reading and put here when it
    /// ends (empty until then).
    head: PreviewFeed,
    /// In file order; `None` until the part arrives.
    parts: Vec<Option<Result<FilePart, String>>>,
}

thread_local! {
    static PENDING: RefCell<Option<PendingParse>> = const { RefCell::new(None) };
}

/// Parses a file the user gave, keeps its data for the reports to come, and
/// tells what it is for its slot: at once for a file read in one go, or
/// later (posted by [`part_arrived`]) for a large file read in parts, when
/// `None` is returned and [`is_parsing`] is true until then.
pub fn parse(file_key: u64, file: &File) -> Option<PreviewOutcome> {
    forget(file_key);
    // Only plain text can be cut at byte offsets: a gzip or UTF-16 file is
    // read whole, and a zip is opened by its entries, which the page gives
    // as files of their own.
    let container = slices::read_at(file, 0, CONTAINER_HEAD_BYTES).map_or(Container::Text, |head| Container::of(&head));
    if container == Container::Zip {
        // The archive is no data file: a report of it (given before its
        // entries arrive) leaves it out.
        HELD.with(|held| held.borrow_mut().refused.push(file_key));
        envelope::post(&Reply::Archive { file_key, outcome: open_archive(file) }, &[]);
        return None;
    }
    let ranges = if container.can_be_split() { parts::plan(file.size()) } else { Vec::new() };
    if ranges.len() > 1 && parts::request_parts(file_key, file, &ranges, part_arrived).is_ok() {
        // This worker reads the first part as the part workers read theirs:
        // its messages wait meanwhile (see `is_parsing`), but its thread
        // parses while the browser reads the next slice.
        let parts = ranges.iter().map(|_| None).collect();
        PENDING.with(|slot| {
            *slot.borrow_mut() =
                Some(PendingParse { key: file_key, file: file.clone(), head: PreviewFeed::new(), parts })
        });
        let (first_range, file) = (ranges[0], file.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let mut head = PreviewFeed::new();
            let first = read_first_part(first_range, &file, &mut head).await;
            PENDING.with(|slot| {
                if let Some(pending) = slot.borrow_mut().as_mut().filter(|pending| pending.key == file_key) {
                    pending.head = head;
                }
            });
            part_arrived(file_key, 0, first);
        });
        return None;
    }
    let mut head = PreviewFeed::new();
    let read = slices::read_each(std::slice::from_ref(file), held_polls(), &mut |_| {}, &mut |chunk| {
        preview_head(&mut head, chunk)
    });
    Some(keep(
        file_key,
        file,
        head,
        read.and_then(|mut each| each.pop().ok_or(Stop::Consumer("the file was not read".to_string()))),
    ))
}

/// Enough of a file's start to tell what it is ([`Container::of`]).
const CONTAINER_HEAD_BYTES: usize = 4;

/// A zip archive's entries, each with where its data lies in the archive
/// (read from its directory and local headers, a few small reads), or why
/// it cannot be opened.
fn open_archive(file: &File) -> ArchiveOutcome {
    let mut read_at = |offset: u64, len: usize| slices::read_at(file, offset, len);
    let entries = match zip_entries(file.size() as u64, &mut read_at) {
        Ok(entries) => entries,
        Err(problem) => return ArchiveOutcome::Refused { problem: problem.to_string() },
    };
    let entries = entries
        .into_iter()
        .map(|entry| {
            let content = match &entry.disposition {
                Disposition::Read(compression) => {
                    let (before, after) = match compression {
                        Compression::Deflated => {
                            let (header, trailer) = entry.as_gzip_member();
                            (header.to_vec(), trailer.to_vec())
                        }
                        _ => (Vec::new(), Vec::new()),
                    };
                    let (start, end) = (entry.data_start, entry.data_start + entry.compressed_size);
                    EntryContent::Data { start, end, before, after }
                }
                Disposition::Skip(what) => EntryContent::Skipped { what: (*what).to_string() },
                Disposition::Refuse(why) => EntryContent::Refused { why: why.clone() },
            };
            ArchiveEntry { name: entry.name, size: entry.declared_size, content }
        })
        .collect();
    ArchiveOutcome::Opened { entries }
}

/// Starts the part workers before a large file needs them.
pub fn start_part_workers() {
    if let Err(problem) = parts::start_part_workers(parts::wanted_parts(), part_arrived) {
        // Large files are then read whole, here.
        web_sys::console::warn_1(&format!("worker: no part workers: {problem}").into());
        parts::announce_ready();
    }
}

/// Whether a file is being read in parts: requests that may need its data
/// wait until it is.
pub fn is_parsing() -> bool {
    PENDING.with(|slot| slot.borrow().is_some())
}

/// The preview needs the header and a few rows; the row count and the
/// latest poll come from the data set, which reads every row.
fn preview_head(head: &mut PreviewFeed, chunk: &[u8]) {
    // In small pieces, so that the preview stops at its last row instead of
    // tokenizing the rest of a slice of several MiB for nothing.
    for piece in chunk.chunks(PREVIEW_PIECE_BYTES) {
        if head.is_full() {
            break;
        }
        let _ = head.push(piece);
    }
}

/// The preview's rows fit in a few KiB (a row of the real files is under
/// 100 bytes).
const PREVIEW_PIECE_BYTES: usize = 8 << 10;

/// Reads this worker's part of a large file (the first), feeding the
/// preview, and checks that the whole file's polls will fit in memory.
async fn read_first_part(range: PartRange, file: &File, head: &mut PreviewFeed) -> Result<FilePart, String> {
    let mut feed = FilePart::reader(range, &[]);
    let read = slices::read_ahead(file, |chunk, _| {
        preview_head(head, chunk);
        feed.push(chunk);
        if feed.wants_more() { Ok(()) } else { Err(()) }
    })
    .await;
    if let Err(Stop::Unreadable(problem)) = read {
        return Err(format!("{} cannot be read: {problem}", file.name()));
    }
    let part = feed.finish();
    let span = part.span();
    memory::check(held_polls(), part.poll_count(), (span.end - span.start) as f64, file.size())?;
    Ok(part)
}

/// A part worker's part arrived (or its worker failed: `file_key` is then
/// `u64::MAX` and every part still awaited is lost). Once all are in, the
/// file is merged and its preview posted, and waiting requests go on.
fn part_arrived(file_key: u64, index: usize, part: Result<FilePart, String>) {
    let complete = PENDING.with(|slot| {
        let mut slot = slot.borrow_mut();
        let pending = slot.as_mut()?;
        if file_key == u64::MAX {
            for missing in pending.parts.iter_mut().filter(|part| part.is_none()) {
                *missing = Some(Err("a part worker stopped".to_string()));
            }
        } else if pending.key == file_key
            && let Some(place) = pending.parts.get_mut(index)
        {
            *place = Some(part);
        }
        if pending.parts.iter().all(Option::is_some) { slot.take() } else { None }
    });
    let Some(PendingParse { key, file, mut head, parts }) = complete else {
        return;
    };
    let parts: Result<Vec<FilePart>, String> = parts.into_iter().flatten().collect();
    let mut data = Dataset::new();
    let name = file.name();
    let whole = |mut feed: FileFeed<'_>| -> Result<FileSummary, Stop<String>> {
        let size = file.size();
        let held = held_polls();
        slices::feed_file(&mut feed, &file, &mut |read, polls| memory::check(held, polls, read, size), &mut |_| {})?;
        feed.finish().map_err(|refused| Stop::Consumer(refused.to_string()))
    };
    let read = match parts {
        Ok(parts) => data.merge_parts_or_read_whole(&name, parts, whole),
        // A part could not be read (or its worker failed): read it all here.
        Err(_) => whole(data.read_file(&name)),
    };
    let outcome = keep(key, &file, head_with_rows(&mut head, &file), read.map(|_| data));
    envelope::post(&Reply::Preview { file_key: key, outcome }, &[]);
    super::resume();
}

/// The preview's head, complete: the first part fed it, unless that part
/// was too short to hold the preview's rows.
fn head_with_rows(head: &mut PreviewFeed, file: &File) -> PreviewFeed {
    let mut fed = std::mem::take(head);
    if !fed.is_full() {
        fed = PreviewFeed::new();
        let _ = slices::read(file, |chunk, _| {
            preview_head(&mut fed, chunk);
            if fed.is_full() { Err(()) } else { Ok(()) }
        });
    }
    fed
}

/// The polls of the files held, parsed or grouped: memory already taken.
fn held_polls() -> usize {
    HELD.with(|held| {
        let held = held.borrow();
        held.parsed.iter().map(|file| file.data.poll_count()).sum::<usize>()
            + held.analysis.as_ref().map_or(0, |analysis| analysis.analysis.poll_count())
    })
}

/// Keeps a file's parsed data and makes its preview; remembers a file
/// that cannot be used.
fn keep(file_key: u64, file: &File, head: PreviewFeed, read: Result<Dataset, Stop<String>>) -> PreviewOutcome {
    let outcome = match read {
        // The file is one of the three, but its polls would not fit beside
        // those held: it is previewed without being kept, and a report of
        // it reads it again, and fails with the reason if it still does
        // not fit, rather than leave it out. A compressed file that the
        // light reading cannot read to its end either (damaged, or a bomb)
        // is refused for the data set's reason.
        Err(Stop::Consumer(problem)) if head.is_full() && !head.is_refused() => match light_preview(file) {
            Some(outcome) => return outcome,
            None => preview(file_key, head, Err(Stop::Consumer(problem))),
        },
        read => preview(file_key, head, read),
    };
    if !matches!(outcome, PreviewOutcome::Recognised(_)) {
        HELD.with(|held| held.borrow_mut().refused.push(file_key));
    }
    outcome
}

fn preview(file_key: u64, head: PreviewFeed, read: Result<Dataset, Stop<String>>) -> PreviewOutcome {
    let data = match read {
        Ok(data) => data,
        Err(Stop::Unreadable(problem)) => return PreviewOutcome::Unreadable { problem },
        Err(Stop::Consumer(problem)) => {
            // A refused header is told by the preview in the user's terms;
            // anything else (too large for memory) by the data set.
            return match head.finish() {
                Err(refused) => refused_outcome(&refused),
                Ok(_) => PreviewOutcome::Refused { problem, not_data: false },
            };
        }
    };
    let preview = match head.finish() {
        Ok(preview) => preview,
        Err(refused) => return refused_outcome(&refused),
    };
    let Some(summary) = data.files().first() else {
        return PreviewOutcome::Refused { problem: "the file was not read".to_string(), not_data: false };
    };
    // Whether a row is usable never depends on another file, so the
    // latest poll of several files is the latest of theirs.
    let mut outcome = recognised(preview, summary.rows, (data.earliest_poll(), data.latest_poll()));
    if let PreviewOutcome::Recognised(message) = &mut outcome
        && message.kind == FileKind::Groups
    {
        message.dimensions = data.group_dimensions().to_vec();
        let summary = data.groups_summary();
        message.groups_summary = Some(GroupsSummaryMessage {
            stores: summary.stores as u64,
            dimensions: summary
                .dimensions
                .into_iter()
                .map(|d| (d.name, d.groups as u64, d.stores_with_value as u64))
                .collect(),
        });
    }
    HELD.with(|held| held.borrow_mut().parsed.push(ParsedFile { key: file_key, data }));
    outcome
}

fn refused_outcome(problem: &FileProblem) -> PreviewOutcome {
    PreviewOutcome::Refused { problem: problem.to_string(), not_data: problem.is_not_a_data_file() }
}

/// Frees a file the user removed.
pub fn forget(file_key: u64) {
    HELD.with(|held| {
        let mut held = held.borrow_mut();
        held.parsed.retain(|file| file.key != file_key);
        held.refused.retain(|&key| key != file_key);
    });
}

/// Makes sure the held analysis is of `files` (with their page keys), in
/// that order: kept if it is, else made from the files' parsed data,
/// reading those not parsed (or already taken by an older analysis) again.
/// `progress` is told the fraction of bytes read again, if any.
pub fn prepare(files: &[(u64, File)], progress: &mut dyn FnMut(f64)) -> Result<(), String> {
    let files = usable(files, |(key, _)| *key);
    let keys: Vec<u64> = files.iter().map(|(key, _)| *key).collect();
    if !holds_exactly(&keys) {
        let analysis = analyse(&files, progress)?;
        HELD.with(|held| held.borrow_mut().analysis = Some(HeldAnalysis { keys, analysis }));
    }
    Ok(())
}

/// Runs `use_it` on the held analysis (see [`prepare`]).
pub fn with_held<R>(use_it: impl FnOnce(&Analysis) -> R) -> Result<R, String> {
    HELD.with(|held| match held.borrow().analysis.as_ref() {
        Some(held) => Ok(use_it(&held.analysis)),
        None => Err("the report's data is gone".to_string()),
    })
}

/// Whether the held analysis is of exactly the files with these keys
/// (those found not to be one of the three files aside).
pub fn holds(keys: &[u64]) -> bool {
    holds_exactly(&usable(keys, |key| *key))
}

/// `items` without those of files found not to be one of the three.
fn usable<T: Clone>(items: &[T], key: impl Fn(&T) -> u64) -> Vec<T> {
    HELD.with(|held| {
        let refused = &held.borrow().refused;
        items.iter().filter(|item| !refused.contains(&key(item))).cloned().collect()
    })
}

fn holds_exactly(keys: &[u64]) -> bool {
    HELD.with(|held| held.borrow().analysis.as_ref().is_some_and(|analysis| analysis.keys == keys && !keys.is_empty()))
}

fn analyse(files: &[(u64, File)], progress: &mut dyn FnMut(f64)) -> Result<Analysis, String> {
    // The previous analysis goes first, so that two never take memory at once.
    HELD.with(|held| held.borrow_mut().analysis = None);
    let mut parts: Vec<Option<Dataset>> = HELD.with(|held| {
        let mut held = held.borrow_mut();
        files
            .iter()
            .map(|(key, _)| {
                let at = held.parsed.iter().position(|file| file.key == *key)?;
                Some(held.parsed.remove(at).data)
            })
            .collect()
    });
    let missing: Vec<File> =
        files.iter().zip(&parts).filter(|(_, part)| part.is_none()).map(|((_, file), _)| file.clone()).collect();
    if !missing.is_empty() {
        // Read in one go, so that the memory check sees all of them.
        let held: usize = parts.iter().flatten().map(Dataset::poll_count).sum();
        let mut again =
            slices::read_each(&missing, held, progress, &mut |_| {}).map_err(Stop::into_message)?.into_iter();
        for part in parts.iter_mut().filter(|part| part.is_none()) {
            *part = again.next();
        }
    }
    let mut parts = parts.into_iter().flatten();
    let mut data = parts.next().unwrap_or_default();
    for other in parts {
        data.append(other).map_err(|problem| problem.to_string())?;
    }
    Ok(Analysis::new(data))
}

/// A file's preview from a reading that keeps nothing (the engine's
/// `PreviewFeed` over the whole file: its rows counted, its latest poll).
fn light_preview(file: &File) -> Option<PreviewOutcome> {
    let mut feed = PreviewFeed::new();
    slices::read(file, |chunk, _| feed.push(chunk)).ok()?;
    let preview = feed.finish().ok()?;
    let (row_count, polls) = (preview.row_count, (preview.earliest_poll, preview.latest_poll));
    Some(recognised(preview, row_count, polls))
}

/// The slot's preview of a file: its head, as the preview feed read it,
/// with its row count and its earliest and latest polls.
fn recognised(
    head: FilePreview,
    row_count: u64,
    (earliest_poll, latest_poll): (Option<UtcInstant>, Option<UtcInstant>),
) -> PreviewOutcome {
    PreviewOutcome::Recognised(FilePreviewMessage {
        kind: head.kind,
        header: head.header,
        rows: head.rows,
        row_count,
        latest_poll: latest_poll.map(Instant::of),
        earliest_poll: earliest_poll.map(Instant::of),
        dimensions: Vec::new(),
        groups_summary: None,
    })
}
