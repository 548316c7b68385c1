//! `sql("källa", "select … where period <= $1", [params.period])`: a query on a source from
//! book.toml as a Table, from its snapshot when there is one (see [`crate::source`]).

use std::cell::RefCell;
use std::path::Path;

use rhai::{Array, Dynamic, Engine, EvalAltResult, FuncRegistration, NativeCallContext, Position};

use super::data::resolve_data;
use super::fail;
use crate::source::{Param, QueryLimits, SourceError, Sources, position};
use crate::table::Table;

type R<T> = Result<T, Box<EvalAltResult>>;

thread_local! {
    /// The text of the item running on this thread, as compiled (positions are its own),
    /// so that an SQL error's position in a literal query can be found in the cell.
    static ITEM_TEXT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Note the text of the item about to run (the runner calls this).
pub(crate) fn set_item_text(text: &str) {
    ITEM_TEXT.with(|t| {
        let mut t = t.borrow_mut();
        t.clear();
        t.push_str(text);
    });
}

pub fn register(engine: &mut Engine) {
    let doc = [
        "/// Kör en SQL-fråga mot en källa i book.toml ([sources.namn]) och ger en tabell.",
        "/// Parametrar ($1, $2 …) skickas separat och binds av servern. Resultatet sparas som",
        "/// ögonblicksbild i datamappen (snapshots/) och läses därifrån tills boken byggs",
        "/// med --uppdatera. numeric blir exakta tal, date perioder (när alla är den 1:a i",
        "/// månaden) eller datum, text text.",
    ];
    FuncRegistration::new("sql")
        .with_comments(doc)
        .with_params_info(["källa: &str", "fråga: &str", "Tabell"])
        .register_into_engine(
            engine,
            |call: NativeCallContext, name: &str, query: &str| -> R<Table> {
                sql_in_run(&call, name, query, &[])
            },
        );
    FuncRegistration::new("sql")
        .with_comments(doc)
        .with_params_info(["källa: &str", "fråga: &str", "parametrar: Array", "Tabell"])
        .register_into_engine(
            engine,
            |call: NativeCallContext, name: &str, query: &str, params: Array| -> R<Table> {
                sql_in_run(&call, name, query, &params)
            },
        );
}

/// `sql` with the sources, data folder and limits of the run on this thread.
fn sql_in_run(call: &NativeCallContext, name: &str, query: &str, params: &[Dynamic]) -> R<Table> {
    let ctx = crate::script::sandbox::context()
        .ok_or_else(|| fail("sql() kan bara användas när en notebook körs"))?;
    let limits = QueryLimits::from(&ctx.limits);
    sql(
        call,
        &ctx.sources,
        &ctx.data_dir,
        &limits,
        name,
        query,
        params,
    )
}

fn sql(
    call: &NativeCallContext,
    sources: &Sources,
    data_dir: &Path,
    limits: &QueryLimits,
    name: &str,
    query: &str,
    params: &[Dynamic],
) -> R<Table> {
    let params = params
        .iter()
        .enumerate()
        .map(|(i, v)| {
            Param::from_dynamic(v).map_err(|t| {
                fail(format!(
                    "parameter ${} är {t}, som sql() inte kan skicka; använd text, tal, period, datum, true/false eller ()",
                    i + 1
                ))
            })
        })
        .collect::<R<Vec<_>>>()?;
    let fetched = sources.fetch(name, query, &params, limits);
    if !matches!(fetched, Err(SourceError::Unknown { .. })) {
        // The snapshot is a data file of the page: provenance lists it with its hash, and the
        // preview runs the cell again when it changes (or appears, after a failed query).
        let _ = resolve_data(data_dir, &sources.snapshot_name(name, query, &params));
    }
    match fetched {
        Ok(f) => Ok(f.table),
        Err(
            e @ SourceError::Sql {
                position: Some(pos),
                ..
            },
        ) => Err(at_query_position(call, query, pos, &e)),
        Err(e) => Err(fail(e.to_string())),
    }
}

/// An SQL error at its place in the cell when the query is a literal there; else at the call,
/// with the place in the query quoted.
fn at_query_position(
    call: &NativeCallContext,
    query: &str,
    pos: usize,
    e: &SourceError,
) -> Box<EvalAltResult> {
    let at = call.call_position();
    let found = match (at.line(), at.position()) {
        (Some(line), Some(col)) => {
            ITEM_TEXT.with(|t| position::locate(&t.borrow(), line, col, pos))
        }
        _ => None,
    };
    let place = found.and_then(|(l, c)| {
        Some(Position::new(
            u16::try_from(l).ok()?,
            u16::try_from(c).ok()?,
        ))
    });
    match place {
        Some(place) => Box::new(EvalAltResult::ErrorRuntime(e.to_string().into(), place)),
        None => fail(format!(
            "{e}; vid tecken {pos} i frågan: {}",
            excerpt(query, pos)
        )),
    }
}

/// The query around character `pos`, on one line, with ⟨here⟩ marked.
fn excerpt(query: &str, pos: usize) -> String {
    let chars: Vec<char> = query
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let at = pos.saturating_sub(1).min(chars.len());
    let from = at.saturating_sub(25);
    let to = (at + 25).min(chars.len());
    let before: String = chars[from..at].iter().collect();
    let after: String = chars[at..to].iter().collect();
    format!("”{before}⟶{after}”")
}
