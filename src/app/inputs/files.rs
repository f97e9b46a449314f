//! The files the user gave ([`Inputs`]): add, replace, remove, load the
//! sample. Each file is sent to the data worker as it is given, which
//! parses it once, keeps it for the reports, and answers with its preview;
//! the helper worker makes the sample data and the worked example.

use std::collections::HashMap;
use std::sync::Arc;

use js_sys::ArrayBuffer;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::settings::{EarliestPoll, LatestPoll, Settings};
use crate::app::shell::Shell;
use crate::app::workers::data::{DataEvent, DataWorker};
use crate::protocol::link::WorkerLink;
use crate::protocol::{ArchiveOutcome, EntryContent, FilePreviewMessage, Instant, PreviewOutcome, Reply, Request};
use engine::FileKind;

/// A file the user gave, as shown in its slot.
#[derive(Clone, Debug, PartialEq)]
pub struct InputFile {
    /// Unique on this page, also across removals.
    pub key: u64,
    pub name: String,
    pub bytes: f64,
    /// The file's last-modified time (ms since 1970), as the browser says.
    pub modified: f64,
    pub status: FileStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FileStatus {
    /// Being read by the data worker, for its preview.
    Inspecting,
    Recognised(FilePreviewMessage),
    /// Not one of the three files; the message names the expected columns.
    Refused(String),
    /// The browser could not read it.
    Unreadable(String),
    /// An entry of a zip archive that is no data file (a folder, macOS
    /// metadata, a README), and what it is: listed, not refused.
    Skipped(String),
}

impl InputFile {
    pub fn kind(&self) -> Option<FileKind> {
        match &self.status {
            FileStatus::Recognised(preview) => Some(preview.kind),
            _ => None,
        }
    }
}

/// Files as a report reads them, in order: each one's key, name and the
/// browser's handle.
pub type ReportFiles = Vec<(u64, String, web_sys::File)>;

/// The names of files given more than once: the same name, size and
/// last-modified time, which parts of a split export do not share. Each
/// name once, in the order given.
pub fn repeated_files(files: &[InputFile]) -> Vec<String> {
    let mut repeated: Vec<String> = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let earlier = files[..i]
            .iter()
            .any(|other| other.name == file.name && other.bytes == file.bytes && other.modified == file.modified);
        if earlier && !repeated.contains(&file.name) {
            repeated.push(file.name.clone());
        }
    }
    repeated
}

impl From<PreviewOutcome> for FileStatus {
    fn from(outcome: PreviewOutcome) -> Self {
        match outcome {
            PreviewOutcome::Recognised(preview) => FileStatus::Recognised(preview),
            PreviewOutcome::Refused { problem, .. } => FileStatus::Refused(problem),
            PreviewOutcome::Unreadable { problem } => FileStatus::Unreadable(problem),
        }
    }
}

/// What the browser owns for the inputs: file handles and the helper.
#[derive(Default)]
struct InputParts {
    handles: HashMap<u64, web_sys::File>,
    helper: Option<WorkerLink>,
    /// The file a "Replace" click is choosing a successor for.
    replacing: Option<u64>,
    /// Files given while held.
    waiting: Vec<web_sys::File>,
    /// The files that are entries of a zip archive given: one that is no
    /// data file is skipped rather than refused.
    archived: std::collections::HashSet<u64>,
}

/// The files given, in their slots, with their handles.
#[derive(Clone, Copy)]
pub struct Inputs {
    pub files: RwSignal<Vec<InputFile>>,
    pub sample_loading: RwSignal<bool>,
    /// How many times the sample data has been given: the queue runs a
    /// report of it each time ("Try with sample data" shows a report, not
    /// only files).
    pub sample_given: RwSignal<u32>,
    /// The page's one file input, also opened by "Replace" buttons.
    pub chooser: NodeRef<leptos::html::Input>,
    /// While true (an earlier visit's files are being put back), files
    /// given wait, so that keys stay unique, and no report is generated.
    held: RwSignal<bool>,
    parts: StoredValue<InputParts, LocalStorage>,
    next_key: StoredValue<u64>,
    shell: Shell,
    settings: Settings,
    data: DataWorker,
}

impl Inputs {
    /// The inputs, with the helper worker started, listening to the data worker.
    pub fn new(shell: Shell, settings: Settings, data: DataWorker) -> Inputs {
        let inputs = Inputs {
            files: RwSignal::new(Vec::new()),
            sample_loading: RwSignal::new(false),
            sample_given: RwSignal::new(0),
            chooser: NodeRef::new(),
            held: RwSignal::new(false),
            parts: StoredValue::new_local(InputParts::default()),
            next_key: StoredValue::new(1),
            shell,
            settings,
            data,
        };
        inputs.start_helper();
        data.listen(std::rc::Rc::new(move |event| match event {
            DataEvent::Reply(Reply::Preview { file_key, outcome }, _) => {
                inputs.preview_arrived(*file_key, outcome.clone())
            }
            DataEvent::Reply(Reply::Archive { file_key, outcome }, _) => inputs.archive_opened(*file_key, outcome),
            DataEvent::Reply(..) => {}
            // What the worker was reading is lost with it: the fresh one
            // reads again. A crash is always followed by the queue's
            // restart (`QueueMachine::worker_crashed`), so once is enough.
            DataEvent::Restarted => inputs.read_again(),
            DataEvent::Crashed(_) => {}
        }));
        inputs
    }

    /// Adds files in the order given; each goes to its slot once the data
    /// worker has read it. After a "Replace" click, the replaced
    /// file goes first.
    pub fn add_files(&self, files: Vec<web_sys::File>) {
        let replacing = self.parts.try_update_value(|parts| parts.replacing.take()).flatten();
        if let Some(key) = replacing {
            self.remove_file(key);
        }
        if files.is_empty() {
            return;
        }
        if self.held.get_untracked() {
            self.parts.update_value(|parts| parts.waiting.extend(files));
            return;
        }
        for file in files {
            let key = self.new_key();
            self.files.update(|inputs| {
                inputs.push(InputFile {
                    key,
                    name: file.name(),
                    bytes: file.size(),
                    modified: file.last_modified(),
                    status: FileStatus::Inspecting,
                })
            });
            let handle: JsValue = file.clone().into();
            self.parts.update_value(|parts| {
                parts.handles.insert(key, file);
            });
            self.data.send(&Request::Preview { file_key: key }, &[handle]);
        }
    }

    fn new_key(&self) -> u64 {
        self.next_key
            .try_update_value(|next| {
                *next += 1;
                *next - 1
            })
            .unwrap_or_default()
    }

    /// The data worker found a zip archive where a file was given: each of
    /// its entries that may hold data takes the archive's place as a file
    /// of its own, made of the archive's bytes without copying them (see
    /// [`entry_file`]), and is read like any other; the others are listed
    /// with what they are. An archive that cannot be opened is refused.
    fn archive_opened(&self, key: u64, outcome: &ArchiveOutcome) {
        let (Some(archive), Some(zip)) =
            (self.files.with_untracked(|files| files.iter().find(|file| file.key == key).cloned()), self.handle(key))
        else {
            // Removed meanwhile.
            return;
        };
        // Only one level: an archive inside one is refused, as the command
        // does, rather than opened in turn.
        let nested = self.parts.with_value(|parts| parts.archived.contains(&key));
        let entries = match outcome {
            ArchiveOutcome::Opened { .. } if nested => {
                let problem = engine::FileProblem::Zip.to_string();
                self.preview_arrived(key, PreviewOutcome::Refused { problem, not_data: false });
                return;
            }
            ArchiveOutcome::Opened { entries } => entries,
            ArchiveOutcome::Refused { problem } => {
                self.preview_arrived(
                    key,
                    PreviewOutcome::Refused {
                        problem: format!("the zip archive cannot be opened: {problem}"),
                        not_data: false,
                    },
                );
                return;
            }
        };
        let mut given = Vec::with_capacity(entries.len());
        let mut to_read = Vec::new();
        for entry in entries {
            let name = format!("{}/{}", archive.name, entry.name);
            let status = match &entry.content {
                EntryContent::Data { .. } => FileStatus::Inspecting,
                EntryContent::Skipped { what } => FileStatus::Skipped(what.clone()),
                EntryContent::Refused { why } => FileStatus::Refused(why.clone()),
            };
            let file_key = self.new_key();
            if let EntryContent::Data { start, end, before, after } = &entry.content {
                match entry_file(&zip, &name, *start, *end, before, after) {
                    Ok(file) => to_read.push((file_key, file)),
                    Err(problem) => {
                        given.push(InputFile {
                            key: file_key,
                            name,
                            bytes: entry.size as f64,
                            modified: archive.modified,
                            status: FileStatus::Unreadable(problem),
                        });
                        continue;
                    }
                }
            }
            given.push(InputFile { key: file_key, name, bytes: entry.size as f64, modified: archive.modified, status });
        }
        let readable = to_read.len();
        self.parts.update_value(|parts| {
            parts.handles.remove(&key);
            for (file_key, file) in &to_read {
                parts.handles.insert(*file_key, file.clone());
                parts.archived.insert(*file_key);
            }
        });
        self.files.update(|files| {
            if let Some(at) = files.iter().position(|file| file.key == key) {
                files.splice(at..=at, given);
            }
        });
        self.data.send(&Request::Forget { file_key: key }, &[]);
        for (file_key, file) in to_read {
            self.data.send(&Request::Preview { file_key }, &[file.into()]);
        }
        self.shell.announce(format!("{}: {} of its {} entries read as files", archive.name, readable, entries.len()));
    }

    /// Files given from now on wait until [`Inputs::release`].
    pub fn hold(&self) {
        self.held.set(true);
    }

    /// Adds the files that waited.
    pub fn release(&self) {
        self.held.set(false);
        let waiting = self.parts.try_update_value(|parts| std::mem::take(&mut parts.waiting));
        self.add_files(waiting.unwrap_or_default());
    }

    pub fn held(&self) -> bool {
        self.held.get()
    }

    /// Puts back the files of an earlier visit, before those given since;
    /// new files get keys from `next_key` on.
    pub fn put_back(&self, restored: Vec<(InputFile, web_sys::File)>, next_key: u64) {
        self.next_key.update_value(|next| *next = (*next).max(next_key));
        if restored.is_empty() {
            return;
        }
        let mut inputs = Vec::with_capacity(restored.len());
        self.parts.update_value(|parts| {
            for (input, file) in restored {
                parts.handles.insert(input.key, file);
                inputs.push(input);
            }
        });
        self.files.update(|files| {
            let given = std::mem::take(files);
            *files = inputs;
            files.extend(given);
        });
    }

    /// The next files chosen replace this one.
    pub fn begin_replace(&self, key: u64) {
        self.parts.update_value(|parts| parts.replacing = Some(key));
    }

    pub fn end_replace(&self) {
        self.parts.update_value(|parts| parts.replacing = None);
    }

    /// Opens the chooser so that the files chosen replace `key`.
    pub fn choose_replacement(&self, key: u64) {
        self.begin_replace(key);
        if let Some(input) = self.chooser.get_untracked() {
            input.click();
        }
    }

    pub fn remove_file(&self, key: u64) {
        let mut removed = None;
        self.files.update(|inputs| {
            if let Some(at) = inputs.iter().position(|file| file.key == key) {
                removed = Some(inputs.remove(at).name);
            }
        });
        self.parts.update_value(|parts| {
            parts.handles.remove(&key);
        });
        self.data.send(&Request::Forget { file_key: key }, &[]);
        if let Some(name) = removed {
            self.shell.announce(format!("{name} removed"));
        }
    }

    /// The browser's handle of a file given.
    pub fn handle(&self, key: u64) -> Option<web_sys::File> {
        self.parts.with_value(|parts| parts.handles.get(&key).cloned())
    }

    /// Every file recognised or still being read, with its handle, in the
    /// order given: what a report generated now reads (the data worker
    /// answers a report only after the files given before it).
    pub fn usable_files(&self) -> ReportFiles {
        let used: Vec<(u64, String)> = self.files.with(|files| {
            files
                .iter()
                .filter(|file| file.kind().is_some() || file.status == FileStatus::Inspecting)
                .map(|file| (file.key, file.name.clone()))
                .collect()
        });
        self.parts.with_value(|parts| {
            used.into_iter()
                .filter_map(|(key, name)| parts.handles.get(&key).map(|file| (key, name, file.clone())))
                .collect()
        })
    }

    /// Asks a fresh data worker to read the files whose preview the last
    /// one did not send.
    fn read_again(&self) {
        let inspecting: Vec<u64> = self.files.with_untracked(|files| {
            files.iter().filter(|file| file.status == FileStatus::Inspecting).map(|file| file.key).collect()
        });
        for key in inspecting {
            if let Some(handle) = self.handle(key) {
                self.data.send(&Request::Preview { file_key: key }, &[handle.into()]);
            }
        }
    }

    /// Every recognised file with its handle, in the order given.
    pub fn recognised_files(&self) -> Vec<(u64, String, web_sys::File)> {
        let used: Vec<(u64, String)> = self.files.with(|files| {
            files.iter().filter(|file| file.kind().is_some()).map(|file| (file.key, file.name.clone())).collect()
        });
        self.parts.with_value(|parts| {
            used.into_iter()
                .filter_map(|(key, name)| parts.handles.get(&key).map(|file| (key, name, file.clone())))
                .collect()
        })
    }

    /// The recognised files of one kind, in the order given.
    pub fn files_of(&self, kind: FileKind) -> Vec<InputFile> {
        self.files.with(|files| files.iter().filter(|file| file.kind() == Some(kind)).cloned().collect())
    }

    /// The latest poll of the status files now in the slots: the default
    /// "now" of a report.
    pub fn latest_poll(&self) -> LatestPoll {
        self.files.with(|files| {
            // A file still being read may be a status file.
            if files.iter().any(|file| file.status == FileStatus::Inspecting) {
                return LatestPoll::Pending;
            }
            let mut status_files = files.iter().filter_map(|file| match &file.status {
                FileStatus::Recognised(preview) if preview.kind == FileKind::StatusPolls => Some(preview),
                _ => None,
            });
            let Some(first) = status_files.next() else {
                return LatestPoll::NoStatusFile;
            };
            let latest: Option<&Instant> =
                std::iter::once(first).chain(status_files).filter_map(|preview| preview.latest_poll.as_ref()).max();
            match latest {
                Some(latest) => LatestPoll::Known(latest.text.clone()),
                None => LatestPoll::NoUsablePoll,
            }
        })
    }

    /// The earliest usable poll of the status files now in the slots.
    pub fn earliest_poll(&self) -> Option<EarliestPoll> {
        self.files.with(|files| {
            files
                .iter()
                .filter_map(|file| match &file.status {
                    FileStatus::Recognised(preview) if preview.kind == FileKind::StatusPolls => {
                        preview.earliest_poll.as_ref()
                    }
                    _ => None,
                })
                .min_by_key(|at| at.unix_nanos)
                .map(|at| EarliestPoll { unix_nanos: at.unix_nanos, text: at.text.clone() })
        })
    }

    /// Asks the helper worker for the worked example, once.
    pub fn request_example(&self) {
        if self.shell.example.with_untracked(Option::is_some) {
            return;
        }
        self.send_to_helper(&Request::Example);
    }

    /// Replaces the files with the generated sample data set.
    pub fn load_sample(&self) {
        self.sample_loading.set(true);
        self.send_to_helper(&Request::Sample);
    }

    fn send_to_helper(&self, request: &Request) {
        self.parts.with_value(|parts| {
            if let Some(helper) = parts.helper.as_ref() {
                helper.send(request, &[]);
            }
        });
    }

    fn start_helper(&self) {
        let inputs = *self;
        match WorkerLink::spawn(
            move |reply, attached| inputs.on_helper_reply(reply, attached),
            move |problem| inputs.on_helper_crash(&problem),
        ) {
            Ok(link) => self.parts.update_value(|parts| parts.helper = Some(link)),
            Err(problem) => self.shell.fatal.set(Some(problem)),
        }
    }

    fn on_helper_reply(&self, reply: Reply, attached: Vec<JsValue>) {
        match reply {
            Reply::Ready { zones, default_zone: _ } => self.settings.zones.set(zones),
            Reply::Sample { file_names } => self.sample_arrived(&file_names, attached),
            Reply::Example { example } => self.shell.example.set(Some(Arc::new(*example))),
            // The helper is never asked for these: previews, like reports
            // and what is asked about them, come from the data worker.
            Reply::Preview { .. }
            | Reply::Progress { .. }
            | Reply::Complete { .. }
            | Reply::Downloads { .. }
            | Reply::Failed { .. }
            | Reply::Timeline { .. }
            | Reply::Outages { .. }
            | Reply::PartRead { .. }
            | Reply::Archive { .. }
            | Reply::PartWorkersReady => {}
        }
    }

    fn preview_arrived(&self, key: u64, outcome: PreviewOutcome) {
        let status = match outcome {
            // An archive's README or picture is simply not one of the files.
            PreviewOutcome::Refused { problem: _, not_data: true }
                if self.parts.with_value(|parts| parts.archived.contains(&key)) =>
            {
                FileStatus::Skipped("its first line is the header of none of the files".to_string())
            }
            outcome => FileStatus::from(outcome),
        };
        let mut sentence = None;
        self.files.update(|inputs| {
            if let Some(file) = inputs.iter_mut().find(|file| file.key == key) {
                sentence = Some(match &status {
                    FileStatus::Recognised(preview) => {
                        format!("{} recognised as the {} file", file.name, preview.kind.label())
                    }
                    FileStatus::Skipped(_) => format!("{} skipped", file.name),
                    _ => format!("{} cannot be used", file.name),
                });
                file.status = status;
            }
        });
        if let Some(sentence) = sentence {
            self.shell.announce(sentence);
        }
    }

    fn sample_arrived(&self, names: &[String], buffers: Vec<JsValue>) {
        self.sample_loading.set(false);
        let keys: Vec<u64> = self.files.with(|inputs| inputs.iter().map(|file| file.key).collect());
        for key in keys {
            self.remove_file(key);
        }
        let files = names
            .iter()
            .zip(buffers)
            .filter_map(|(name, buffer)| {
                let buffer = buffer.dyn_into::<ArrayBuffer>().ok()?;
                let file = gloo::file::File::new_with_options(name, buffer, Some("text/csv"), None);
                let file: &web_sys::File = file.as_ref();
                Some(file.clone())
            })
            .collect();
        self.add_files(files);
        self.shell.announce("Sample data loaded");
        self.sample_given.update(|given| *given += 1);
    }

    /// The helper failed (it cannot be trusted after a panic): a fresh
    /// helper starts.
    fn on_helper_crash(&self, _problem: &str) {
        self.sample_loading.set(false);
        if let Some(helper) = self.parts.try_update_value(|parts| parts.helper.take()).flatten() {
            helper.end();
        }
        self.start_helper();
    }
}

/// A zip entry as a `File` of its own, made of the archive's bytes without
/// copying them: the slice of the archive that holds its data, between
/// `before` and `after` (for a deflated entry, the gzip header and trailer
/// that make it a gzip file; the data worker reads it as one).
fn entry_file(
    zip: &web_sys::File,
    name: &str,
    start: u64,
    end: u64,
    before: &[u8],
    after: &[u8],
) -> Result<web_sys::File, String> {
    let describe = |error: JsValue| error.as_string().unwrap_or_else(|| format!("{error:?}"));
    let data = zip.slice_with_f64_and_f64(start as f64, end as f64).map_err(describe)?;
    let parts = js_sys::Array::new();
    if !before.is_empty() {
        parts.push(&js_sys::Uint8Array::from(before));
    }
    parts.push(&data);
    if !after.is_empty() {
        parts.push(&js_sys::Uint8Array::from(after));
    }
    let options = web_sys::FilePropertyBag::new();
    options.set_last_modified(zip.last_modified());
    web_sys::File::new_with_blob_sequence_and_options(&parts, name, &options).map_err(describe)
}

#[cfg(test)]
mod tests {
    use super::{FileStatus, InputFile, repeated_files};

    fn file(key: u64, name: &str, bytes: f64, modified: f64) -> InputFile {
        InputFile { key, name: name.to_string(), bytes, modified, status: FileStatus::Inspecting }
    }

    #[test]
    fn a_file_given_twice_is_found_and_parts_of_an_export_are_not() {
        // Parts of a split export: same name (from two folders), other sizes or dates.
        let parts =
            [file(1, "status.csv", 100.0, 5.0), file(2, "status.csv", 120.0, 5.0), file(3, "status.csv", 100.0, 6.0)];
        assert!(repeated_files(&parts).is_empty());
        let twice = [
            file(1, "status.csv", 100.0, 5.0),
            file(2, "hours.csv", 10.0, 5.0),
            file(3, "status.csv", 100.0, 5.0),
            file(4, "status.csv", 100.0, 5.0),
        ];
        assert_eq!(repeated_files(&twice), vec!["status.csv".to_string()]);
    }
}
