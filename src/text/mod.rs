//! Text algorithms that know nothing of margin's model or screens: measuring and cutting
//! text to a number of terminal columns. A leaf: it imports nothing else from the crate, so
//! every layer may use it.

pub mod width;
