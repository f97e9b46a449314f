//! The first rows of a file, as written, under its header.

use leptos::prelude::*;

use crate::app::shell::format::group_digits;
use crate::protocol::FilePreviewMessage;

#[component]
pub fn PreviewTable(preview: FilePreviewMessage, file_name: String) -> impl IntoView {
    let shown = preview.rows.len();
    let caption = if preview.row_count as usize > shown {
        format!("First {shown} of {} rows", group_digits(preview.row_count))
    } else {
        format!("All {shown} rows")
    };
    // The preview may be wider than its box: focusable, so that the
    // keyboard can scroll it too.
    let region = format!("{file_name}: {caption}");
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="preview">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {preview
                            .header
                            .into_iter()
                            .map(|name| view! { <th scope="col">{name}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {preview
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    {row
                                        .into_iter()
                                        .map(|field| view! { <td>{field}</td> })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
