//! Personal: sick leave (sjukfrånvaro), worked time to full-time equivalents (årsarbetare) and
//! dependence on hired staff, from the long layout with the extra columns `kon`,
//! `aldersgrupp` and `yrkesgrupp`.
//!
//! # Data layout
//!
//! The same long layout as the rest of the domain library (`period`, `enhet`, `post`, `varde`;
//! a `typ` column is optional and, when present, only `utfall` rows count), plus:
//!
//! | column        | used by        | holds                                              |
//! |---------------|----------------|----------------------------------------------------|
//! | `kon`         | sick leave     | `Kvinna` or `Man`                                  |
//! | `aldersgrupp` | sick leave     | `-29`, `30-49`, `50-`                              |
//! | `yrkesgrupp`  | worked time    | `Läkare`, `Sjuksköterskor`, `Undersköterskor`, `Övriga` |
//!
//! Sick-leave posts (hours): [`ORDINARIE`] scheduled working time, [`SJUK`] all sick hours,
//! [`SJUK_KORT`] sick hours in days 1–14 of a spell, [`SJUK_LANG`] sick hours in spells longer
//! than 60 days. Sick leave % = sick hours / scheduled hours × 100; short-term sick leave is
//! also a share of scheduled hours; the long-term share is a share of the sick hours.
//!
//! Worked-time posts (hours, see [`WORKED_POSTS`]) and the cost posts [`KOSTNAD_EGEN`] and
//! [`KOSTNAD_INHYRD`] (kronor) for the dependence on hired staff.

use rust_decimal::Decimal;

use crate::domain::long::{
    Layout, column_names, number_column, optional_text_cells, period_column, rename, text_cells,
};
use crate::period::Period;
use crate::table::{Table, TableResult, Values};

pub const ORDINARIE: &str = "ordinarie_tid";
pub const SJUK: &str = "sjuktimmar";
pub const SJUK_KORT: &str = "sjuktimmar_dag1_14";
pub const SJUK_LANG: &str = "sjuktimmar_over_60";

pub const EGEN: &str = "egen_personal";
pub const OVERTID: &str = "overtid_mertid";
pub const TIMAVLONADE: &str = "timavlonade";
pub const RESURS: &str = "resursenheten";
pub const INHYRD: &str = "inhyrd_personal";
pub const JUST_DAGAR: &str = "justering_arbetsdagar";
pub const JUST_SKOTTDAG: &str = "justering_skottdag";
pub const JOUR: &str = "jour_beredskap";
pub const KOSTNAD_EGEN: &str = "kostnad_egen_personal";
pub const KOSTNAD_INHYRD: &str = "kostnad_inhyrd_personal";

/// The worked-time posts a table may hold, in the order the report shows them.
pub const WORKED_POSTS: [&str; 8] = [
    EGEN,
    OVERTID,
    TIMAVLONADE,
    RESURS,
    INHYRD,
    JUST_DAGAR,
    JUST_SKOTTDAG,
    JOUR,
];

/// Hours in a full-time year (årsarbetare): 1 725 hours reproduces the HSF report's
/// 5 033 (2023) and 4 862 (2022) årsarbetare from 723 527 and 698 890 hours in one month.
pub const ARSNORM_TIMMAR: i64 = 1725;

/// Which of a table's columns hold the layout's columns: the long layout's five
/// ([`Layout`]) and the personal columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub layout: Layout,
    pub kon: String,
    pub aldersgrupp: String,
    pub yrkesgrupp: String,
}

impl Default for Names {
    fn default() -> Names {
        Names {
            layout: Layout::default(),
            kon: "kon".into(),
            aldersgrupp: "aldersgrupp".into(),
            yrkesgrupp: "yrkesgrupp".into(),
        }
    }
}

impl Names {
    /// Rename some columns: `pairs` are (canonical name, the export's name).
    pub fn mapped<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Names, String> {
        let mut n = Names::default();
        let Names {
            layout,
            kon,
            aldersgrupp,
            yrkesgrupp,
        } = &mut n;
        let mut slots = layout.slots();
        slots.extend([
            ("kon", kon),
            ("aldersgrupp", aldersgrupp),
            ("yrkesgrupp", yrkesgrupp),
        ]);
        rename(pairs, slots)?;
        Ok(n)
    }

    /// The names from a script's options map: its `kolumner` entry, if any.
    pub fn from_options(options: &rhai::Map) -> Result<Names, String> {
        let pairs = column_names(options, "#{varde: \"Timmar\"}")?;
        Names::mapped(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The table's column for a canonical name (`enhet`, `kon` …); other names as given.
    pub fn column(&self, name: &str) -> String {
        match (self.layout.column(name), name) {
            (Some(c), _) => c,
            (None, "kon") => &self.kon,
            (None, "aldersgrupp") => &self.aldersgrupp,
            (None, "yrkesgrupp") => &self.yrkesgrupp,
            (None, other) => other,
        }
        .to_string()
    }
}

/// A table's rows seen through [`Names`]; optional columns are `None` when absent.
#[derive(Debug)]
pub struct Source<'a> {
    pub period: &'a crate::table::Nullable<Period>,
    pub enhet: Option<&'a crate::table::Dictionary>,
    pub post: &'a crate::table::Dictionary,
    pub varde: &'a Values,
    pub kon: Option<&'a crate::table::Dictionary>,
    pub aldersgrupp: Option<&'a crate::table::Dictionary>,
    pub yrkesgrupp: Option<&'a crate::table::Dictionary>,
    /// Rows to leave out (a `typ` other than `utfall`).
    skip: Vec<bool>,
}

impl<'a> Source<'a> {
    /// Check `t` against the layout: `period`, `post` and `varde` are required.
    pub fn new(t: &'a Table, names: &Names) -> TableResult<Source<'a>> {
        let period = period_column(t, &names.layout.period)?;
        let post = text_cells(t, &names.layout.post)?;
        let varde = number_column(t, &names.layout.varde)?;
        let skip = match optional_text_cells(t, &names.layout.typ)? {
            None => vec![false; period.len()],
            Some(typ) => typ
                .iter()
                .map(|k| k.is_some_and(|k| !k.trim().eq_ignore_ascii_case("utfall")))
                .collect(),
        };
        Ok(Source {
            period,
            enhet: optional_text_cells(t, &names.layout.enhet)?,
            post,
            varde,
            kon: optional_text_cells(t, &names.kon)?,
            aldersgrupp: optional_text_cells(t, &names.aldersgrupp)?,
            yrkesgrupp: optional_text_cells(t, &names.yrkesgrupp)?,
            skip,
        })
    }

    /// Rows with a value whose period lies in `from..=to`: (row, post, value).
    fn rows_in(
        &self,
        from: Period,
        to: Period,
    ) -> impl Iterator<Item = (usize, &str, Decimal)> + '_ {
        (0..self.period.len()).filter_map(move |r| {
            let p = self.period.get(r)?;
            if self.skip[r] || p < from || p > to {
                return None;
            }
            Some((r, self.post.str(r)?.trim(), self.varde.decimal(r)?))
        })
    }
}

/// Percent `part / whole × 100`; `None` when the whole is zero.
pub use crate::domain::procent::share as percent;

pub mod anstallda;
mod arbetstid;
mod sjukfranvaro;
pub mod tabeller;

pub use arbetstid::*;
pub use sjukfranvaro::*;
