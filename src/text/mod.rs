//! Text algorithms that know nothing of margin's model or screens: measuring and cutting
//! text to a number of terminal columns, and finding a quoted passage again after the text
//! changed. A leaf: it imports nothing else from the crate, so every layer may use it.

pub mod reattach;
pub mod width;
