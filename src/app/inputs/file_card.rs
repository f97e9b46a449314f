//! A file in its slot: its name, size and rows, its buttons and its first rows.

use leptos::prelude::*;

use super::file_buttons::FileButtons;
use super::files::{FileStatus, InputFile};
use super::preview_table::PreviewTable;
use crate::app::shell::format::{format_bytes, group_digits};
use crate::protocol::GroupsSummaryMessage;

#[component]
pub fn FileCard(file: InputFile) -> impl IntoView {
    let key = file.key;
    let preview = match &file.status {
        FileStatus::Recognised(preview) => Some(preview.clone()),
        _ => None,
    };
    let rows = preview.as_ref().map_or(0, |preview| preview.row_count);
    // A groups file's dimensions, as a report will read them: what its
    // roll-up groups stores by, and how many stores each covers. How many
    // of the status file's stores it misses, the report says (it knows them).
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
    let summary = preview.as_ref().and_then(|preview| preview.groups_summary.as_ref()).map(|summary| {
        view! { <p class="file-dimensions" data-testid="groups-summary">{groups_summary_text(summary)}</p> }
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
            {summary}
            {preview.map(|preview| view! { <PreviewTable preview file_name=file.name.clone()/> })}
        </li>
    }
}

/// What a groups file covers: "Rows for 361 stores. Region: 3 groups,
/// 361 stores with a value; brand: 2 groups, 310 stores with a value (the
/// others in (none))."
pub fn groups_summary_text(summary: &GroupsSummaryMessage) -> String {
    let stores = |count: u64| format!("{} {}", group_digits(count), if count == 1 { "store" } else { "stores" });
    let dimensions = summary
        .dimensions
        .iter()
        .map(|(name, groups, with_value)| {
            let groups = format!("{} {}", group_digits(*groups), if *groups == 1 { "group" } else { "groups" });
            let none = if *with_value < summary.stores { " (the others in (none))" } else { "" };
            format!("{name}: {groups}, {} with a value{none}", stores(*with_value))
        })
        .collect::<Vec<_>>();
    let mut text = format!("Rows for {}.", stores(summary.stores));
    if !dimensions.is_empty() {
        text.push_str(&format!(" {}.", dimensions.join("; ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_groups_file_says_what_each_dimension_covers() {
        let summary = GroupsSummaryMessage {
            stores: 1_200,
            dimensions: vec![("Region".into(), 3, 1_200), ("brand".into(), 1, 1_000)],
        };
        assert_eq!(
            groups_summary_text(&summary),
            "Rows for 1,200 stores. Region: 3 groups, 1,200 stores with a value; \
             brand: 1 group, 1,000 stores with a value (the others in (none))."
        );
        let one = GroupsSummaryMessage { stores: 1, dimensions: vec![] };
        assert_eq!(groups_summary_text(&one), "Rows for 1 store.");
    }
}
