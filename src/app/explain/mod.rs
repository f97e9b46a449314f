//! "How it is computed": the contract in the user's words, with a worked
//! example computed by the helper worker and drawn like a store's week.
//! Depends on the shell (the example), the inputs (to ask for it) and the
//! report's timeline drawing; nothing depends on it.

pub mod how_computed;
