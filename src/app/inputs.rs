//! What the user does with files: add, replace, remove, load the sample;
//! and the helper worker that previews them.

use std::sync::Arc;

use js_sys::ArrayBuffer;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::state::{AppState, FileStatus, InputFile};
use super::worker_link::WorkerLink;
use crate::protocol::{PreviewOutcome, Reply, Request};

impl AppState {
    /// Adds files in the order given; each goes to its slot once the helper
    /// worker has read its header. After a "Replace" click, the replaced
    /// file goes first.
    pub fn add_files(&self, files: Vec<web_sys::File>) {
        let replacing = self.parts.try_update_value(|parts| parts.replacing.take()).flatten();
        if let Some(key) = replacing {
            self.remove_file(key);
        }
        if files.is_empty() {
            return;
        }
        if self.restoring() {
            self.wait_for_restore(files);
            return;
        }
        for file in files {
            let key = self
                .next_file_key
                .try_update_value(|next| {
                    *next += 1;
                    *next - 1
                })
                .unwrap_or_default();
            self.files.update(|inputs| {
                inputs.push(InputFile { key, name: file.name(), bytes: file.size(), status: FileStatus::Inspecting })
            });
            let handle: JsValue = file.clone().into();
            self.parts.update_value(|parts| {
                parts.file_handles.insert(key, file);
                if let Some(helper) = parts.helper_worker.as_mut() {
                    helper.send(&Request::Preview { file_key: key }, &[handle]);
                }
            });
        }
    }

    /// The next files chosen replace this one.
    pub fn begin_replace(&self, key: u64) {
        self.parts.update_value(|parts| parts.replacing = Some(key));
    }

    pub fn end_replace(&self) {
        self.parts.update_value(|parts| parts.replacing = None);
    }

    pub fn remove_file(&self, key: u64) {
        let mut removed = None;
        self.files.update(|inputs| {
            if let Some(at) = inputs.iter().position(|file| file.key == key) {
                removed = Some(inputs.remove(at).name);
            }
        });
        self.parts.update_value(|parts| {
            parts.file_handles.remove(&key);
        });
        if let Some(name) = removed {
            self.keep_slots();
            self.forget_unneeded_files();
            self.announce(format!("{name} removed"));
        }
    }

    /// Asks the helper worker for the worked example, once.
    pub fn request_example(&self) {
        if self.example.with_untracked(Option::is_some) {
            return;
        }
        self.parts.update_value(|parts| {
            if let Some(helper) = parts.helper_worker.as_mut() {
                helper.send(&Request::Example, &[]);
            }
        });
    }

    /// Replaces the files with the generated sample data set.
    pub fn load_sample(&self) {
        self.sample_loading.set(true);
        self.parts.update_value(|parts| {
            if let Some(helper) = parts.helper_worker.as_mut() {
                helper.send(&Request::Sample, &[]);
            }
        });
    }

    pub(super) fn start_helper_worker(&self) {
        let state = *self;
        let link = WorkerLink::spawn(
            move |reply, attached| state.on_helper_reply(reply, attached),
            move |problem| state.on_helper_crash(problem),
        );
        match link {
            Ok(link) => self.parts.update_value(|parts| parts.helper_worker = Some(link)),
            Err(problem) => self.fatal.set(Some(problem)),
        }
    }

    fn on_helper_reply(&self, reply: Reply, attached: Vec<JsValue>) {
        match reply {
            Reply::Ready { zones, default_zone: _ } => {
                self.settings.zones.set(zones);
                self.parts.update_value(|parts| {
                    if let Some(helper) = parts.helper_worker.as_mut() {
                        helper.mark_ready();
                    }
                });
            }
            Reply::Preview { file_key, outcome } => self.preview_arrived(file_key, outcome),
            Reply::Sample { file_names } => self.sample_arrived(&file_names, attached),
            Reply::Example { example } => self.example.set(Some(Arc::new(*example))),
            Reply::Progress { .. } | Reply::Complete { .. } | Reply::Failed { .. } | Reply::Timeline { .. } => {}
        }
    }

    fn preview_arrived(&self, key: u64, outcome: PreviewOutcome) {
        let status = FileStatus::from(outcome);
        let mut sentence = None;
        self.files.update(|inputs| {
            if let Some(file) = inputs.iter_mut().find(|file| file.key == key) {
                sentence = Some(match &status {
                    FileStatus::Recognised(preview) => {
                        format!("{} recognised as the {} file", file.name, preview.kind.label())
                    }
                    _ => format!("{} cannot be used", file.name),
                });
                file.status = status;
            }
        });
        if let Some(sentence) = sentence {
            self.keep_file(key);
            self.announce(sentence);
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
        self.announce("Sample data loaded");
    }

    /// The helper failed (it cannot be trusted after a panic): the files it
    /// was reading are marked unreadable, and a fresh helper starts.
    fn on_helper_crash(&self, problem: String) {
        self.sample_loading.set(false);
        self.files.update(|inputs| {
            for file in inputs.iter_mut().filter(|file| file.status == FileStatus::Inspecting) {
                file.status = FileStatus::Unreadable(format!("the file could not be read ({problem})"));
            }
        });
        // The failing worker's handlers are still on the stack: replace it
        // once they have returned.
        let state = *self;
        gloo::timers::callback::Timeout::new(0, move || state.start_helper_worker()).forget();
    }
}
