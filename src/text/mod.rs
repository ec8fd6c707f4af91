//! Text algorithms that know nothing of margin's model or screens: measuring and cutting
//! text to a number of terminal columns, finding a quoted passage again after the text
//! changed, and where sentences and words end. A leaf: it imports nothing else from the
//! crate, so every layer may use it.

pub mod reattach;
pub mod sentences;
pub mod width;
