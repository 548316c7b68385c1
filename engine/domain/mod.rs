//! The domain library: the standard sections of a Swedish region's monthly report (ekonomi,
//! produktion, tillgänglighet, personal, indikatorer) computed from data in one long layout.
//!
//! # The data layout
//!
//! Every domain function reads a Table in the *long* ("tidy") layout: one row per
//! period, organisational unit, post and kind, with the value:
//!
//! | column   | type                 | holds                                                        |
//! |----------|----------------------|--------------------------------------------------------------|
//! | `period` | period (`ÅÅÅÅ-MM`)   | the month the value belongs to                               |
//! | `enhet`  | text                 | the organisational unit (a basenhet, cost centre, clinic …)  |
//! | `post`   | text                 | the account group or measure (`Personalkostnader`, `Läkarbesök`) |
//! | `typ`    | text                 | `utfall`, `budget` or `prognos`                              |
//! | `varde`  | number               | the amount (kronor) or count                                 |
//!
//! An export with other column names is mapped onto the layout with the option
//! `kolumner: #{varde: "Belopp", post: "Kontogrupp"}` (see [`long::Layout`]).
//!
//! Previous-year figures are the same table's `utfall` rows twelve months earlier. A `prognos`
//! row holds a full-year forecast and sits in the month the forecast was made: the full-year
//! forecast at a period is the latest one made in that year up to and including the period.
//!
//! Costs are negative and income positive, as in the ledger exports, so a deviation
//! `utfall − budget` is negative when the result is worse than budget on either side.

pub mod column;
pub mod ekonomi;
pub mod indikatorer;
pub mod long;
pub mod personal;
pub mod procent;
pub mod produktion;
pub mod rapport;
#[cfg(test)]
pub(crate) mod testdata;
pub mod text;
pub mod tillganglighet;
pub mod uppfoljning;
