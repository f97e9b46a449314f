//! The engine's stages as plain WebAssembly exports, for timing them in
//! V8 without a browser: `scripts/bench-wasm-engine.mjs` copies a status
//! file into this module's memory and calls each stage. Comparing these
//! times with the page's (`scripts/bench-web.sh`) separates what
//! WebAssembly costs the engine from what the browser adds around it
//! (reading the file, workers sharing the cores, the page's drawing).
//!
//! No wasm-bindgen: the exports take and return numbers only, so the
//! module needs no JavaScript glue.

use std::cell::RefCell;
use std::ops::ControlFlow;

use engine::{
    Analysis, Dataset, FilePart, Horizon, OneThread, ReportSettings, compute_report_and_history_on, split_file,
};

thread_local! {
    /// The data set read by the last `read_*` call, for `group`.
    static READ: RefCell<Option<Dataset>> = const { RefCell::new(None) };
    /// The analysis made by `group`, for `calculate`.
    static GROUPED: RefCell<Option<Analysis>> = const { RefCell::new(None) };
}

/// Room for `len` bytes that the caller fills and never frees (one file a run).
#[unsafe(no_mangle)]
pub extern "C" fn reserve_input(len: usize) -> *mut u8 {
    Box::leak(vec![0u8; len].into_boxed_slice()).as_mut_ptr()
}

/// The bytes at `ptr`, as the caller wrote them.
///
/// # Safety
///
/// `ptr` and `len` are those of a [`reserve_input`] call.
unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    // SAFETY: the caller passes back what `reserve_input` returned.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// Reads a status file whole, in 1 MiB chunks, as the command reads a
/// small file; returns the number of rows.
///
/// # Safety
///
/// `ptr` and `len` are those of a [`reserve_input`] call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn read_whole(ptr: *const u8, len: usize) -> u32 {
    // SAFETY: as the caller promises.
    let bytes = unsafe { input(ptr, len) };
    let mut data = Dataset::new();
    let mut feed = data.read_file("status.csv");
    for chunk in bytes.chunks(1 << 20) {
        if feed.push(chunk).is_err() {
            return 0;
        }
    }
    if feed.finish().is_err() {
        return 0;
    }
    let rows = data.files().first().map_or(0, |file| file.rows);
    READ.with(|read| *read.borrow_mut() = Some(data));
    u32::try_from(rows).unwrap_or(u32::MAX)
}

/// Reads a status file in `parts` parts one after another (each as one of
/// the page's workers reads its part, in 4 MiB slices) and merges them;
/// returns the number of rows.
///
/// # Safety
///
/// `ptr` and `len` are those of a [`reserve_input`] call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn read_in_parts(ptr: *const u8, len: usize, parts: usize) -> u32 {
    // SAFETY: as the caller promises.
    let bytes = unsafe { input(ptr, len) };
    let head = &bytes[..bytes.len().min(64 << 10)];
    let read: Vec<_> = split_file(len as u64, parts)
        .into_iter()
        .map(|range| {
            let mut feed = FilePart::reader(range, head);
            let start = usize::try_from(range.start()).unwrap_or(usize::MAX).min(bytes.len());
            let mut slices = bytes[start..].chunks(4 << 20);
            while feed.wants_more() {
                let Some(slice) = slices.next() else { break };
                feed.push(slice);
            }
            feed.finish()
        })
        .collect();
    let mut data = Dataset::new();
    if data.merge_parts("status.csv", read).is_err() {
        return 0;
    }
    let rows = data.files().first().map_or(0, |file| file.rows);
    READ.with(|slot| *slot.borrow_mut() = Some(data));
    u32::try_from(rows).unwrap_or(u32::MAX)
}

/// Groups the polls read last by store; returns the number of stores.
#[unsafe(no_mangle)]
pub extern "C" fn group() -> u32 {
    let Some(data) = READ.with(|read| read.borrow_mut().take()) else { return 0 };
    let analysis = Analysis::new(data);
    let stores = analysis.stores().len();
    GROUPED.with(|grouped| *grouped.borrow_mut() = Some(analysis));
    u32::try_from(stores).unwrap_or(u32::MAX)
}

/// The report with the outages and days of a `days`-day horizon, in one
/// pass on one thread, as the page's data worker computes it; returns
/// the number of report rows.
#[unsafe(no_mangle)]
pub extern "C" fn calculate(days: u32) -> u32 {
    GROUPED.with(|grouped| {
        let grouped = grouped.borrow();
        let (Some(analysis), Some(horizon)) = (grouped.as_ref(), Horizon::of_days(days)) else { return 0 };
        let computed = compute_report_and_history_on(
            analysis,
            &ReportSettings::default(),
            horizon,
            &mut |_| ControlFlow::Continue(()),
            &OneThread,
        );
        computed.map_or(0, |(report, _)| u32::try_from(report.rows.len()).unwrap_or(u32::MAX))
    })
}
