//! PUBLISH: the built site to the intranet. Atomic versioned publishing with rollback
//! ([`target`]), the accessibility check that guards it ([`access`]), what changed between
//! versions ([`changes`]), and PDFs through headless Chromium ([`pdf`]).

pub mod access;
pub mod changes;
mod folder;
mod lock;
pub mod pdf;
pub mod target;

pub use access::{Problem, check_site};
pub use changes::{Changes, compare, reasons};
pub use folder::read_site;
pub use target::{Outcome, Pruned, Target, Version};
