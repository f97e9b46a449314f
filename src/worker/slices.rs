//! Reading a `File` in slices, so that a file of any size passes through a
//! buffer of fixed size on its way to the engine.

use engine::Dataset;
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, File, FileReaderSync};

use super::memory;

/// Large enough that the per-slice cost vanishes, small enough that memory
/// does not grow with the file and progress moves often.
pub const SLICE_BYTES: usize = 4 << 20;

/// Why reading stopped.
pub enum Stop<E> {
    /// The browser could not read the file (it was moved, or permission lapsed).
    Unreadable(String),
    /// The consumer of the bytes gave up.
    Consumer(E),
}

/// Reads files into a data set, in the order given, checking as it goes
/// that the polls will fit in the worker's memory (see [`memory::check`]).
/// Every path that loads polls (the report, the timeline's re-read of an
/// older report's files) reads through here, so none can skip the check.
/// `progress` is told the fraction of all the files' bytes read.
pub fn read_dataset(files: &[File], progress: &mut dyn FnMut(f64)) -> Result<Dataset, String> {
    let total_bytes: f64 = files.iter().map(|f| f.size()).sum::<f64>().max(1.0);
    let mut data = Dataset::new();
    let mut bytes_before = 0.0;
    for file in files {
        let name = file.name();
        let mut feed = data.read_file(&name);
        let read = read(file, |chunk, done| {
            let read_bytes = bytes_before + done as f64;
            progress(read_bytes / total_bytes);
            feed.push(chunk).map_err(|refused| refused.to_string())?;
            memory::check(feed.poll_count(), read_bytes, total_bytes)
        });
        match read {
            Ok(()) => {}
            Err(Stop::Consumer(problem)) => return Err(problem),
            Err(Stop::Unreadable(problem)) => return Err(format!("{name} cannot be read: {problem}")),
        }
        feed.finish().map_err(|refused| refused.to_string())?;
        bytes_before += file.size();
    }
    Ok(data)
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

/// A browser error as a sentence.
pub fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser could not read the file".to_string())
}
