//! Reading a large file in parts at the same time: this worker reads the
//! first part, part workers it starts read the others, and the parts are
//! merged here into exactly what one reading of the whole file gives (see
//! `engine::FilePart`).
//!
//! While a file is being read so, this worker's thread is free between its
//! own part and the others' arrival; the page's requests that arrive then
//! wait (see [`super::handle`]), since they may need that file's data.

use std::cell::RefCell;

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::File;

use super::envelope;
use super::slices::{self, Stop};
use crate::protocol::link::WorkerLink;
use crate::protocol::{Reply, Request};
use engine::{FilePart, PartRange, split_file};

/// The start of a file that a later part takes the header from.
const HEAD_BYTES: f64 = 64.0 * 1024.0;

/// Part workers beyond this bring no gain: reading is then limited by the
/// file's source and the merge.
const MOST_PARTS: usize = 4;

/// How many parts a file of `bytes` is read in: one per core the browser
/// reports (at least two: it may report fewer than it has), one for a
/// small file.
pub fn plan(bytes: f64) -> Vec<PartRange> {
    split_file(bytes as u64, wanted_parts())
}

/// How many parts a large file is read in.
pub fn wanted_parts() -> usize {
    let cores = js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .map(|scope| scope.navigator().hardware_concurrency() as usize)
        .unwrap_or(2);
    cores.clamp(2, MOST_PARTS)
}

thread_local! {
    /// The part workers: started once, reused for every file.
    static PART_WORKERS: RefCell<Vec<WorkerLink>> = const { RefCell::new(Vec::new()) };
}

/// Starts part workers for reading files in `parts` parts (this worker
/// reads one), unless they are running.
pub fn start_part_workers(parts: usize, arrived: fn(u64, usize, Result<FilePart, String>)) -> Result<(), String> {
    PART_WORKERS.with(|workers| -> Result<(), String> {
        let mut workers = workers.borrow_mut();
        while workers.len() + 1 < parts {
            let slot = workers.len();
            workers.push(start_part_worker(slot, arrived)?);
        }
        Ok(())
    })?;
    // None needed (one part), or all running already.
    if all_ready() {
        announce_ready();
    }
    Ok(())
}

fn all_ready() -> bool {
    PART_WORKERS.with(|workers| workers.borrow().iter().all(WorkerLink::is_ready))
}

/// Asks part workers for parts `1..` of `ranges` of `file`; their replies
/// reach `arrived` (part index, the part or why it failed).
pub fn request_parts(
    file_key: u64,
    file: &File,
    ranges: &[PartRange],
    arrived: fn(u64, usize, Result<FilePart, String>),
) -> Result<(), String> {
    start_part_workers(ranges.len(), arrived)?;
    for (index, range) in ranges.iter().enumerate().skip(1) {
        let request = Request::ReadPart {
            file_key,
            index,
            start: range.start(),
            end: range.end(),
            file_bytes: range.file_bytes(),
        };
        PART_WORKERS.with(|workers| -> Result<(), String> {
            let workers = workers.borrow();
            let worker = workers.get(index - 1).ok_or("no part worker")?;
            worker.send(&request, &[file.clone().into()]);
            Ok(())
        })?;
    }
    Ok(())
}

fn start_part_worker(slot: usize, arrived: fn(u64, usize, Result<FilePart, String>)) -> Result<WorkerLink, String> {
    let on_reply = move |reply: Reply, attached: Vec<JsValue>| match reply {
        // The link has sent what waited for it.
        Reply::Ready { .. } if all_ready() => announce_ready(),
        Reply::PartRead { file_key, index, problem } => {
            let part = match (problem, attached.first().and_then(|value| value.dyn_ref::<ArrayBuffer>())) {
                (Some(problem), _) => Err(problem),
                (None, Some(bytes)) => FilePart::decode(&Uint8Array::new(bytes).to_vec())
                    .map_err(|error| format!("a part of the file came back damaged: {error}")),
                (None, None) => Err("a part of the file came back empty".to_string()),
            };
            arrived(file_key, index, part);
        }
        _ => {}
    };
    let on_crash = move |problem: String| {
        // The part worker is lost (a panic, or its memory): it and those
        // after it are replaced for the next file, and the file being read
        // is read whole here.
        let lost: Vec<WorkerLink> = PART_WORKERS.with(|workers| {
            let mut workers = workers.borrow_mut();
            if slot < workers.len() { workers.drain(slot..).collect() } else { Vec::new() }
        });
        if !lost.is_empty() {
            lost.into_iter().for_each(WorkerLink::end);
            // Large files are read whole until a part worker is needed again.
            announce_ready();
            arrived(u64::MAX, slot + 1, Err(format!("a part worker stopped: {problem}")));
        }
    };
    WorkerLink::spawn(on_reply, on_crash)
}

/// In a part worker: reads one part of the attached file and sends it back.
pub fn read_part(file_key: u64, index: usize, range: Option<PartRange>, files: &[File]) {
    let (Some(range), Some(file)) = (range, files.first().cloned()) else {
        let problem = Some("the part's range or file is missing".to_string());
        envelope::post(&Reply::PartRead { file_key, index, problem }, &[]);
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        match read_one(range, &file).await {
            Ok(bytes) => {
                envelope::post(&Reply::PartRead { file_key, index, problem: None }, &[envelope::buffer(&bytes).into()])
            }
            Err(problem) => envelope::post(&Reply::PartRead { file_key, index, problem: Some(problem) }, &[]),
        }
    });
}

/// Reads part `range` of `file`, as bytes to send.
async fn read_one(range: PartRange, file: &File) -> Result<Vec<u8>, String> {
    let head = read_head(file)?;
    let mut feed = FilePart::reader(range, &head);
    let rest = file.slice_with_f64(range.start() as f64).map_err(|e| slices::describe(&e))?;
    // Reading stops as soon as the part has found its end.
    let read = slices::read_ahead(&rest, |chunk, _| {
        feed.push(chunk);
        if feed.wants_more() { Ok(()) } else { Err(()) }
    })
    .await;
    if let Err(Stop::Unreadable(problem)) = read {
        return Err(format!("{} cannot be read: {problem}", file.name()));
    }
    Ok(feed.finish().encode())
}

/// The first bytes of a file, for a later part's header.
pub fn read_head(file: &File) -> Result<Vec<u8>, String> {
    let head = file.slice_with_f64_and_f64(0.0, HEAD_BYTES).map_err(|e| slices::describe(&e))?;
    let mut bytes = Vec::new();
    slices::read(&head, |chunk, _| {
        bytes.extend_from_slice(chunk);
        Ok::<(), ()>(())
    })
    .map_err(|_| format!("{} cannot be read", file.name()))?;
    Ok(bytes)
}

thread_local! {
    static ANNOUNCED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Tells the page, once, that the part workers are running (or that there
/// will be none), so that it knows every worker it needs is up.
pub fn announce_ready() {
    if !ANNOUNCED.with(|announced| announced.replace(true)) {
        envelope::post(&Reply::PartWorkersReady, &[]);
    }
}
