//! The files the user gives ([`files::Inputs`]): the drop zone, the slots
//! and their cards; each file goes to the data worker, whose preview of it
//! fills its slot, and the helper worker makes the sample data and the
//! worked example. Depends on the shell, the settings and the worker link.

pub mod drop_zone;
pub mod file_buttons;
pub mod file_card;
pub mod file_slots;
pub mod files;
pub mod pending_files;
pub mod preview_table;
pub mod slot;
