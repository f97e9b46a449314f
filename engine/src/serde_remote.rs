//! `Serialize` and `Deserialize` for the engine's types whose files cannot
//! carry the derive yet: [`FileKind`] travels as its variant's name
//! (`"StatusPolls"`), as a derive on it would write it.
//!
//! serde's remote derive checks the copy below against the type's
//! variants, so the two cannot drift apart; the derive moves onto the type
//! in `input/header.rs` when that file is next changed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::input::FileKind;

#[derive(Serialize, Deserialize)]
#[serde(remote = "FileKind", rename = "FileKind")]
enum FileKindDef {
    StatusPolls,
    BusinessHours,
    Timezones,
    Groups,
}

impl Serialize for FileKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FileKindDef::serialize(self, serializer)
    }
}

impl<'de> Deserialize<'de> for FileKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FileKind, D::Error> {
        FileKindDef::deserialize(deserializer)
    }
}
