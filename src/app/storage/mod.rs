//! What the browser keeps ([`keeper::Storage`], carrying out the plain,
//! tested decisions of `keep_plan`): IndexedDB (`idb`), the
//! records' formats (`records`), reading them back at start-up (`restore`),
//! and the line that says what is kept (`stored_data`). The storage
//! observes the other areas — inputs, settings, report queue — with
//! effects and writes what changed; at start-up it puts back what was kept
//! through their public methods. Nothing else depends on it.

pub mod idb;
pub mod keep_plan;
pub mod keeper;
pub mod records;
pub mod restore;
pub mod stored_data;
