//! Reading a `File` in slices, so that a file of any size passes through a
//! buffer of fixed size on its way to the engine.

use engine::{Dataset, FileFeed};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, FileReaderSync};

use super::memory;

/// Large enough that the per-slice cost vanishes, small enough that memory
/// does not grow with the file and progress moves often.
pub const SLICE_BYTES: usize = 4 << 20;

/// Slices asked of the browser beyond the one being parsed, in [`read_ahead`].
const SLICES_AHEAD: usize = 2;

/// Why reading stopped.
pub enum Stop<E> {
    /// The browser could not read the file (it was moved, or permission lapsed).
    Unreadable(String),
    /// The consumer of the bytes gave up.
    Consumer(E),
}

/// Reads files into a data set each, in the order given, checking as it
/// goes that the polls of all of them will fit in the worker's memory (see
/// [`memory::check`]). Every path that loads polls (a file given to the
/// page, a report or timeline whose files are not held) reads through
/// here, so none can skip the check. `progress` is told the fraction of all
/// the files' bytes read; `tap` sees every slice as it is read.
/// `held_polls` are the polls of files already in memory, which the check
/// counts too.
pub fn read_each(
    files: &[File],
    held_polls: usize,
    progress: &mut dyn FnMut(f64),
    tap: &mut dyn FnMut(&[u8]),
) -> Result<Vec<Dataset>, Stop<String>> {
    let total_bytes: f64 = files.iter().map(|f| f.size()).sum::<f64>().max(1.0);
    let mut read_files = Vec::with_capacity(files.len());
    let mut polls_before = 0;
    let mut bytes_before = 0.0;
    for file in files {
        let mut data = Dataset::new();
        let mut feed = data.read_file(&file.name());
        feed_file(
            &mut feed,
            file,
            &mut |read_bytes, polls| {
                let read_bytes = bytes_before + read_bytes;
                progress(read_bytes / total_bytes);
                memory::check(held_polls, polls_before + polls, read_bytes, total_bytes)
            },
            tap,
        )?;
        feed.finish().map_err(|refused| Stop::Consumer(refused.to_string()))?;
        polls_before += data.poll_count();
        bytes_before += file.size();
        read_files.push(data);
    }
    Ok(read_files)
}

/// Pushes the whole of `file` into `feed`; after each slice, `check` is
/// told the bytes read so far and the polls found, and may stop the reading.
pub fn feed_file(
    feed: &mut FileFeed<'_>,
    file: &File,
    check: &mut dyn FnMut(f64, usize) -> Result<(), String>,
    tap: &mut dyn FnMut(&[u8]),
) -> Result<(), Stop<String>> {
    read(file, |chunk, done| {
        tap(chunk);
        feed.push(chunk).map_err(|refused| refused.to_string())?;
        check(done as f64, feed.poll_count())
    })
    .map_err(|stop| match stop {
        Stop::Unreadable(problem) => Stop::Unreadable(format!("{} cannot be read: {problem}", file.name())),
        consumer => consumer,
    })
}

impl From<engine::FileError> for Stop<String> {
    fn from(refused: engine::FileError) -> Self {
        Stop::Consumer(refused.to_string())
    }
}

impl Stop<String> {
    /// Why reading stopped, in a sentence.
    pub fn into_message(self) -> String {
        match self {
            Stop::Unreadable(problem) | Stop::Consumer(problem) => problem,
        }
    }
}

/// Reads `blob` from start to end, calling `each` with every slice and the
/// number of bytes read so far.
pub fn read<E>(blob: &Blob, mut each: impl FnMut(&[u8], u64) -> Result<(), E>) -> Result<(), Stop<E>> {
    let reader = FileReaderSync::new().map_err(|e| Stop::Unreadable(describe(&e)))?;
    let size = blob.size();
    let mut buffer = vec![0u8; SLICE_BYTES];
    let mut start = 0.0f64;
    while start < size {
        let end = (start + SLICE_BYTES as f64).min(size);
        let slice = blob.slice_with_f64_and_f64(start, end).map_err(|e| Stop::Unreadable(describe(&e)))?;
        let bytes = reader.read_as_array_buffer(&slice).map_err(|e| Stop::Unreadable(describe(&e)))?;
        let view = Uint8Array::new(&bytes);
        let length = view.length() as usize;
        if length == 0 {
            break;
        }
        let chunk = &mut buffer[..length.min(SLICE_BYTES)];
        view.subarray(0, chunk.len() as u32).copy_to(chunk);
        start += chunk.len() as f64;
        each(chunk, start as u64).map_err(Stop::Consumer)?;
    }
    Ok(())
}

/// Reads `blob` from start to end like [`read`], but asks the browser for
/// the next slice before `each` works on the current one, so that the
/// browser's reading (about a third of the time of a slice read
/// synchronously) overlaps the parsing instead of adding to it.
pub async fn read_ahead<E>(blob: &Blob, mut each: impl FnMut(&[u8], u64) -> Result<(), E>) -> Result<(), Stop<E>> {
    let size = blob.size();
    let ask = |start: f64| -> Result<JsFuture, Stop<E>> {
        let slice = blob
            .slice_with_f64_and_f64(start, (start + SLICE_BYTES as f64).min(size))
            .map_err(|e| Stop::Unreadable(describe(&e)))?;
        Ok(JsFuture::from(slice.array_buffer()))
    };
    let mut buffer = vec![0u8; SLICE_BYTES];
    let mut asked = std::collections::VecDeque::with_capacity(SLICES_AHEAD + 1);
    let mut asked_to = 0.0f64;
    let mut start = 0.0f64;
    loop {
        // The slice to parse next, and those after it.
        while asked_to < size && asked.len() <= SLICES_AHEAD {
            asked.push_back(ask(asked_to)?);
            asked_to = (asked_to + SLICE_BYTES as f64).min(size);
        }
        let Some(next) = asked.pop_front() else { break };
        let bytes = next.await.map_err(|e| Stop::Unreadable(describe(&e)))?;
        let view = Uint8Array::new(&bytes);
        let length = view.length() as usize;
        let end = (start + SLICE_BYTES as f64).min(size);
        // The slices were asked at fixed places: one that comes back short
        // (the file shrank meanwhile) would shift every byte after it.
        if length as f64 != end - start {
            return Err(Stop::Unreadable("the file changed while it was being read".to_string()));
        }
        let chunk = &mut buffer[..length];
        view.subarray(0, length as u32).copy_to(chunk);
        start = end;
        each(chunk, start as u64).map_err(Stop::Consumer)?;
    }
    Ok(())
}

/// Up to `len` bytes of `blob` from `offset` (fewer at its end), read at
/// once: the few small reads that find a zip archive's entries.
pub fn read_at(blob: &Blob, offset: u64, len: usize) -> Result<Vec<u8>, String> {
    let reader = FileReaderSync::new().map_err(|e| describe(&e))?;
    let end = (offset as f64 + len as f64).min(blob.size());
    let slice = blob.slice_with_f64_and_f64(offset as f64, end).map_err(|e| describe(&e))?;
    let bytes = reader.read_as_array_buffer(&slice).map_err(|e| describe(&e))?;
    Ok(Uint8Array::new(&bytes).to_vec())
}

/// A browser error as a sentence.
pub fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser could not read the file".to_string())
}
