//! The files the user gives ([`files::Inputs`]): the drop zone, the slots
//! and their cards, and the helper worker that previews each file (and
//! makes the sample data and the worked example). Depends on the shell,
//! the settings and the worker link.

pub mod drop_zone;
pub mod file_buttons;
pub mod file_card;
pub mod file_slots;
pub mod files;
pub mod pending_files;
pub mod preview_table;
pub mod slot;
