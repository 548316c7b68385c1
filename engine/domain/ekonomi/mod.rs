//! Ekonomi: the simplified income statement, cost development, forecast helpers and action
//! plans, all computed from a ledger in the long layout (see [`crate::domain`]).

pub mod atgarder;
pub mod nivaer;
pub mod prognos;
pub mod resultat;
pub mod utveckling;

use std::collections::HashMap;

use crate::domain::long::{Figures, Rows};
use crate::number::too_large;
use crate::period::Period;
use crate::table::TableResult;

/// Year-to-date and full-year figures per `post` at `period`.
pub fn by_post(rows: &Rows, period: Period) -> TableResult<HashMap<String, Figures>> {
    Ok(rows
        .compare(period, |r| rows.post.str(r).map(str::to_string))?
        .into_iter()
        .collect())
}

/// The sum of the figures of `posts` (`None` figures where no post had any rows); `label`
/// names the sum in the error when it is beyond a decimal's range.
pub fn sum_posts<'a>(
    figures: &HashMap<String, Figures>,
    posts: impl IntoIterator<Item = &'a String>,
    label: &str,
) -> TableResult<Figures> {
    Figures::total(posts.into_iter().filter_map(|p| figures.get(p)))
        .map_err(|_| too_large(&format!("summan för `{label}`")))
}
