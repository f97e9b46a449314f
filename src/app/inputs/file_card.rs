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
    // A groups file's dimensions, as a report will read them: what its
    // roll-up groups stores by. How many stores each covers, and how many
    // of the report's stores it misses, the report says (it knows them).
    let dimensions = preview.as_ref().filter(|preview| !preview.dimensions.is_empty()).map(|preview| {
        let has_target = preview.header.iter().any(|name| name.trim().eq_ignore_ascii_case("target"));
        let names = preview.dimensions.join(", ");
        let target = if has_target { "; a target column gives stores their own target" } else { "" };
        view! {
            <p class="file-dimensions" data-testid="file-dimensions">
                {format!("Dimensions: {names}{target}.")}
            </p>
        }
    });
    view! {
        <li class="file-card" data-testid="file-card" data-file-name=file.name.clone()>
            <div class="file-head">
                <span class="file-name">{file.name.clone()}</span>
                <span class="file-facts">
                    {format!("{} · {} rows", format_bytes(file.bytes), group_digits(rows))}
                </span>
                <FileButtons key name=file.name.clone()/>
            </div>
            {dimensions}
            {preview.map(|preview| view! { <PreviewTable preview file_name=file.name.clone()/> })}
        </li>
    }
}
