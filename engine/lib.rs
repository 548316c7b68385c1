//! rapportbok: literate report notebooks for Swedish regions.
//!
//! A book is Markdown notebooks with Rhai cells. Building it is one pass per notebook:
//!
//! 1. [`notebook::parse`]: Markdown → front matter, cells, inline `{{ }}` expressions, template
//! 2. [`script::run`]: cells and expressions in order, in one sandboxed scope, exact decimals
//! 3. [`render::render_body`]: template + results → page body (error boxes where cells failed)
//! 4. [`build::build_site`]: every page of the book, with navigation, each table's downloads
//!    ([`export`]) and the search page ([`search`]), written atomically
//! 5. [`publish`]: the site checked for accessibility and published as a new version
//!    (`rapportbok publish`); each page carries its [`provenance`]
//!
//! [`book::Book`] is everything read from outside (book.toml, SUMMARY.md, the data folder).

pub mod book;
pub mod budget;
pub mod build;
pub mod chart;
pub mod cli;
pub mod config;
pub mod data;
pub mod diag;
pub mod docx;
pub mod domain;
pub mod export;
pub mod lang;
pub mod markdown;
pub mod notebook;
pub mod number;
pub mod paths;
pub mod period;
pub mod plugins;
pub mod provenance;
pub mod publish;
pub mod render;
pub mod script;
pub mod search;
pub mod serve;
pub mod source;
pub mod summary;
pub mod table;
