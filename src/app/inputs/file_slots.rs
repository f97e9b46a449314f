//! The four slots (status polls, business hours, timezones, groups) with
//! the files in each, and the files that are being read or cannot be used.

use leptos::prelude::*;

use super::pending_files::PendingFiles;
use super::slot::Slot;
use engine::FileKind;

#[component]
pub fn FileSlots() -> impl IntoView {
    view! {
        <PendingFiles/>
        <div class="slots">
            <Slot kind=FileKind::StatusPolls/>
            <Slot kind=FileKind::BusinessHours/>
            <Slot kind=FileKind::Timezones/>
            <Slot kind=FileKind::Groups/>
        </div>
    }
}
