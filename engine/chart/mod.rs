//! Charts: a Table turned into an inline, accessible SVG figure drawn with plotters.
//!
//! [`build`] reads a table and options into a [`Chart`] (categories × series of exact
//! decimals); [`render_html`] draws it as `<figure>` with the SVG (`<title>`, `<desc>`), a
//! caption and the same numbers as an HTML table under "Visa data".

mod build;
mod describe;
mod draw;
mod html;
mod palette;
mod scale;
mod series;

use rust_decimal::Decimal;

use crate::period::Period;
use crate::table::{Format, Table};

pub use build::{Options, Sort, build};
pub use describe::describe;
pub use html::{CHART_PANIC_ENV, render_html, render_svg};
pub use palette::parse_hex;

/// What kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line per series over categories (per year over jan–dec).
    Line,
    /// Lines over consecutive months (R12 over several years).
    Time,
    /// Vertical bars, grouped when there are several series.
    Bar,
    /// Horizontal bars for deviations, negative to the left of the zero line.
    HBar,
    /// Vertical bars stacked per category.
    Stacked,
    /// Bridge from a start value through changes to an end value.
    Waterfall,
}

impl Kind {
    /// The Swedish name, for the description.
    pub fn swedish(self) -> &'static str {
        match self {
            Kind::Line => "Linjediagram",
            Kind::Time => "Tidsdiagram",
            Kind::Bar => "Stapeldiagram",
            Kind::HBar => "Liggande stapeldiagram",
            Kind::Stacked => "Staplat stapeldiagram",
            Kind::Waterfall => "Vattenfallsdiagram",
        }
    }

    /// The CSS class suffix and script function stem.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Line => "line",
            Kind::Time => "time",
            Kind::Bar => "bar",
            Kind::HBar => "hbar",
            Kind::Stacked => "stacked",
            Kind::Waterfall => "waterfall",
        }
    }
}

/// One named series of values, one per category (`None`: no value there).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// Raw values (kronor for mkr charts); scaled only when drawn and labelled.
    pub values: Vec<Option<Decimal>>,
    /// Index into the palette, dash patterns and markers.
    pub style: usize,
    /// Drawn as a line over the bars of a bar chart (budget over outcome).
    pub as_line: bool,
}

/// A goal drawn across the chart, in the units the axis shows (85 for 85 %, 12,5 for 12,5 mkr).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Line(Decimal),
    Band(Decimal, Decimal),
}

/// A chart ready to draw: everything is decided, drawing only places it.
#[derive(Debug, Clone)]
pub struct Chart {
    pub kind: Kind,
    pub title: String,
    /// The name of the category column (the first column of the data table).
    pub x_name: String,
    /// Short labels on the axis (`jan`, `Kirurgi`).
    pub categories: Vec<String>,
    /// Full names for the data table and the description (`januari 2024`).
    pub category_names: Vec<String>,
    /// The months, for time charts (year labels on the axis).
    pub periods: Option<Vec<Period>>,
    /// The categories are points in time (months, dates, years), so the last one is the
    /// latest value; false for areas, cost types and the like.
    pub in_time: bool,
    pub series: Vec<Series>,
    /// One line per year over jan–dec: lines are named by year even when there is one.
    pub by_year: bool,
    /// How values are scaled and written (mkr, pct, …).
    pub format: Format,
    /// Percent values: the sign follows each number, no unit word.
    pub percent: bool,
    /// The unit written by the axis (`mkr`, `dagar`); empty for none.
    pub unit_label: String,
    pub target: Option<Target>,
    pub target_label: String,
    pub width: u32,
    pub height: u32,
    /// Colours chosen by the writer (`#rrggbb`), replacing the palette in order.
    pub colors: Vec<(u8, u8, u8)>,
    /// Whether the value axis must include zero (always for bars).
    pub zero: bool,
    /// A note under the chart (`Källa: …`).
    pub source: Option<String>,
    /// A sentence added to the generated description.
    pub description: Option<String>,
    /// The SVG as [`render_svg`] shows it, drawn once when the chart was built.
    pub svg: Option<std::sync::Arc<str>>,
}

impl Chart {
    /// A value as the axis shows it (kronor to mkr; percent stays percent).
    pub fn shown(&self, raw: Decimal) -> Decimal {
        raw / self.format.divisor()
    }

    /// A value as text in the chart's format, with its unit where it is a word.
    pub fn value_text(&self, raw: Decimal) -> String {
        let text = self.format.number(raw);
        if self.unit_label.is_empty() || self.percent {
            text
        } else {
            format!("{text}\u{a0}{}", self.unit_label)
        }
    }

    /// The numbers as a table (the "Visa data" alternative): a row per category, a column
    /// per series.
    pub fn data_table(&self) -> Table {
        html::data_table(self)
    }
}
