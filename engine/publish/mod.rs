//! PUBLISH: the built site to the intranet. Atomic versioned publishing with rollback
//! ([`target`]), the accessibility check that guards it ([`access`]), what changed between
//! versions and why, from the provenance manifest ([`changes`]), and PDFs through headless
//! Chromium ([`pdf`]).

pub mod access;
pub mod changes;
mod folder;
mod legacy;
mod lock;
pub mod pdf;
pub mod target;

pub use access::{Problem, check_site};
pub use changes::{Changes, compare, reasons, recorded};
pub use folder::read_site;
pub use target::{Outcome, Pruned, Target, Version};
