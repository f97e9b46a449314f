//! The three slots (status polls, business hours, timezones) with the files
//! in each, and the files that are being read or cannot be used.

use leptos::prelude::*;

use super::pending_files::PendingFiles;
use super::slot::Slot;
use crate::protocol::KindMessage;

#[component]
pub fn FileSlots() -> impl IntoView {
    view! {
        <PendingFiles/>
        <div class="slots">
            <Slot kind=KindMessage::StatusPolls/>
            <Slot kind=KindMessage::BusinessHours/>
            <Slot kind=KindMessage::Timezones/>
        </div>
    }
}
