//! A file in its slot: its name, size and rows, its buttons and its first rows.

use leptos::prelude::*;

use super::file_buttons::FileButtons;
use super::files::{FileStatus, InputFile};
use super::preview_table::PreviewTable;
use crate::app::shell::format::{format_bytes, group_digits};

#[component]
pub fn FileCard(file: InputFile) -> impl IntoView {
    let key = file.key;
    let preview = match &file.status {
        FileStatus::Recognised(preview) => Some(preview.clone()),
        _ => None,
    };
    let rows = preview.as_ref().map_or(0, |preview| preview.row_count);
    view! {
        <li class="file-card" data-testid="file-card" data-file-name=file.name.clone()>
            <div class="file-head">
                <span class="file-name">{file.name.clone()}</span>
                <span class="file-facts">
                    {format!("{} · {} rows", format_bytes(file.bytes), group_digits(rows))}
                </span>
                <FileButtons key name=file.name.clone()/>
            </div>
            {preview.map(|preview| view! { <PreviewTable preview file_name=file.name.clone()/> })}
        </li>
    }
}
