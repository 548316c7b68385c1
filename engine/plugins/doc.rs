//! Reference pages from doc comments.
