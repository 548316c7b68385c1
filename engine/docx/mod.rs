//! Word documents (.docx) for the nämnd: a notebook or a report (a part of SUMMARY.md) as a
//! document with real Word structure, built from the notebook's Markdown tree and the run's
//! values (tables as `Table`, charts as `Chart`), not from the page's HTML.
//!
//! [`convert`] turns a run notebook into [`model`] blocks, [`xml`] writes them as
//! WordprocessingML, [`package`] zips the parts (with a [`template`]'s styles, header and
//! footer) into deterministic bytes. [`report`] finds the reports and runs their chapters.

mod chart;
pub mod convert;
pub mod model;
pub mod package;
pub mod report;
mod styles;
pub mod template;
mod values;
pub mod xml;

pub use chart::png as chart_png;
pub use package::Info;
pub use report::{Document, Report, reports};
pub use template::Template;
