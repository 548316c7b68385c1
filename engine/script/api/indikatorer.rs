//! Script functions for indicators and activities: `indikatorer`, `indikatorstatus` and
//! `aktiviteter`.

use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::domain::{check_options, int_option};
use super::fail;
use super::number::to_decimal;
use super::overloads::with_options;
use crate::domain::column::text_column;
use crate::domain::indikatorer::{
    Direction, Goal, Outcome, Status, Tolerance, Trend, activity_status, judge,
};
use crate::number::{format_decimal, round_half_away};
use crate::table::{Table, Value};

type R<T> = Result<T, Box<EvalAltResult>>;

pub fn register(engine: &mut Engine) {
    with_options!(
        engine,
        "indikatorer",
        () -> Table,
        indicators,
        "/// Indikatortabell: Indikator, Mål, Utfall, Status och Trend. Tabellen ska ha \
             kolumnen indikator och kan ha mal, riktning (högre/lägre är bättre), utfall, fg \
             (föregående års utfall), status och trend. Status räknas ut från mål och utfall \
             när den inte är given; trenden från utfall och fg när den inte är given. Status \
             och trend visas som symbol och ord.",
        "/// Som `indikatorer(t)`, med val: `varden` (utfall per indikator som räknats i \
             boken: tal, text eller #{utfall, fg}), `decimaler` (för tal i `varden`, standard 1), \
             `delvis` (hur många procent av målet ett utfall får missa och ändå vara delvis \
             uppfyllt, standard 10) och `delvis_intervall` (enheter utanför ett intervall, \
             standard 5).",
    );
    FuncRegistration::new("indikatorstatus")
        .with_comments([
            "/// Status för ett utfall mot ett mål skrivet som i rapporten (\"85-90 %\", \
             \"Lägre än fg år\"): \"uppfyllt\", \"delvis\", \"ej uppfyllt\" eller \"saknas\".",
        ])
        .with_params_info(["mal: &str", "utfall: Dynamic", "String"])
        .register_into_engine(engine, |goal: &str, outcome: Dynamic| {
            status_word(goal, &outcome, "")
        });
    FuncRegistration::new("indikatorstatus")
        .with_comments([
            "/// Som `indikatorstatus(mal, utfall)` för ett mål som är ett tal: `riktning` är \
             \"högre\" eller \"lägre\" (det som är bättre).",
        ])
        .with_params_info(["mal: &str", "utfall: Dynamic", "riktning: &str", "String"])
        .register_into_engine(engine, |goal: &str, outcome: Dynamic, direction: &str| {
            status_word(goal, &outcome, direction)
        });
    FuncRegistration::new("statusvisning")
        .with_comments([
            "/// Symbol och text för en status (\"uppfyllt\", \"delvis\", \"ej uppfyllt\" eller \
             \"saknas\"), som indikatortabellen visar den: statusvisning(\"delvis\") ger \
             #{ status: \"delvis\", symbol: \"◐\", text: \"Delvis uppfyllt\" }.",
        ])
        .with_params_info(["status: &str", "Map"])
        .register_into_engine(engine, |status: &str| -> R<Map> {
            let s = Status::parse(status).map_err(fail)?.ok_or_else(|| {
                fail("statusen är tom; skriv uppfyllt, delvis, ej uppfyllt eller saknas")
            })?;
            let mut m = Map::new();
            m.insert("status".into(), s.word().into());
            m.insert("symbol".into(), s.symbol().into());
            m.insert("text".into(), s.text().into());
            Ok(m)
        });
    FuncRegistration::new("aktiviteter")
        .with_comments([
            "/// Aktivitetstabell: Aktivitet, Tidplan, Ansvarig, Status och Kommentar. Tabellen \
             ska ha kolumnen aktivitet och kan ha id (\"A\"), huvudaktivitet (id för en \
             delaktivitet), tidplan, malvarde (visas som Målvärde efter Tidplan när någon aktivitet har ett), \
             ansvarig, status och kommentar. Kända statusar (klar, \
             enligt plan, pågår, försenad, ej påbörjad, ej prioriterad) visas med symbol och ord.",
        ])
        .with_params_info(["t: Table", "Table"])
        .register_into_engine(engine, |t: &mut Table| activities(t));
}

/// A cell as text (numbers in Swedish form), empty for a missing column or cell.
fn cell(t: &Table, column: &str, row: usize) -> String {
    match t.column(column) {
        Ok(c) => match c.values.get(row) {
            Value::Null => String::new(),
            v => v.label(),
        },
        Err(_) => String::new(),
    }
}

/// The unit a goal is written in, to show a computed number the same way.
fn unit_of(goal: &str) -> &'static str {
    let g = goal.trim().to_lowercase();
    if g.ends_with('%') {
        " %"
    } else if g.ends_with("mnkr") || g.ends_with("mkr") {
        " mnkr"
    } else if g.ends_with("min") {
        " min"
    } else {
        ""
    }
}

/// A computed value as outcome text: numbers rounded to `decimals` in the goal's unit.
fn value_text(value: &Dynamic, goal: &str, decimals: u32, what: &str) -> R<String> {
    if value.is_unit() {
        return Ok(String::new());
    }
    if let Some(d) = to_decimal(value) {
        let shown = format_decimal(round_half_away(d, decimals), Some(decimals));
        return Ok(format!("{shown}{}", unit_of(goal)));
    }
    value
        .clone()
        .into_immutable_string()
        .map(|s| s.to_string())
        .map_err(|_| {
            fail(format!(
                "`varden` för {what} ska vara ett tal, en text eller en map"
            ))
        })
}

fn option_decimal(options: &Map, key: &str, default: Decimal) -> R<Decimal> {
    match options.get(key) {
        None => Ok(default),
        Some(v) => to_decimal(v)
            .filter(|d| *d >= Decimal::ZERO)
            .ok_or_else(|| fail(format!("`{key}` ska vara ett tal som inte är negativt"))),
    }
}

fn indicators(t: &Table, options: &Map) -> R<Table> {
    check_options(
        options,
        &["varden", "decimaler", "delvis", "delvis_intervall"],
    )?;
    t.column("indikator").map_err(fail)?;
    let tol = Tolerance {
        delvis: option_decimal(options, "delvis", Tolerance::default().delvis)?,
        delvis_intervall: option_decimal(
            options,
            "delvis_intervall",
            Tolerance::default().delvis_intervall,
        )?,
    };
    // At most 6, so the conversion cannot truncate.
    let decimals = int_option(options, "decimaler", 0..=6, 1, "")? as u32;
    let values = match options.get("varden") {
        None => Map::new(),
        Some(v) => v
            .read_lock::<Map>()
            .map(|m| m.clone())
            .ok_or_else(|| fail("`varden` ska vara en map: #{\"Sjukfrånvaro\": 8.3}"))?,
    };
    let mut used = vec![false; values.len()];
    let keys: Vec<String> = values.keys().map(|k| k.to_string()).collect();
    let (mut names, mut goals, mut outcomes, mut statuses, mut trends) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in 0..t.len() {
        let name = cell(t, "indikator", r);
        let goal_text = cell(t, "mal", r);
        let mut outcome_text = cell(t, "utfall", r);
        let mut fg_text = cell(t, "fg", r);
        if let Some(i) = keys.iter().position(|k| *k == name) {
            used[i] = true;
            let given = &values[keys[i].as_str()];
            if let Some(m) = given.read_lock::<Map>() {
                if let Some(v) = m.get("utfall") {
                    outcome_text = value_text(v, &goal_text, decimals, &name)?;
                }
                if let Some(v) = m.get("fg") {
                    fg_text = value_text(v, &goal_text, decimals, &name)?;
                }
            } else {
                outcome_text = value_text(given, &goal_text, decimals, &name)?;
            }
        }
        let row_error = |e: String| fail(format!("indikatorn `{name}` (rad {}): {e}", r + 1));
        let direction = Direction::parse(&cell(t, "riktning", r)).map_err(row_error)?;
        let goal = Goal::parse(&goal_text);
        let mut outcome = Outcome::parse(&outcome_text);
        if outcome.last_year.is_none() && !fg_text.is_empty() {
            outcome.last_year = Outcome::parse(&fg_text).values.first().copied();
        }
        let status = match Status::parse(&cell(t, "status", r)).map_err(row_error)? {
            Some(s) => s,
            None => judge(&goal, &outcome, direction, &tol),
        };
        let trend_direction = direction.or(match goal {
            Goal::AgainstLastYear(d) => Some(d),
            _ => None,
        });
        let trend = match Trend::parse(&cell(t, "trend", r)).map_err(row_error)? {
            Some(tr) => Some(tr),
            None => match (outcome.values.first(), outcome.last_year, trend_direction) {
                (Some(v), Some(fg), Some(d)) if !outcome.is_change => {
                    Some(Trend::from_change(*v, fg, d))
                }
                _ => None,
            },
        };
        names.push(name);
        goals.push(typeset(&goal_text));
        outcomes.push(typeset(&outcome_text));
        statuses.push(status.shown().to_string());
        trends.push(trend.map_or_else(String::new, |tr| tr.shown().to_string()));
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(fail(format!(
            "`varden` har indikatorn `{}`, som inte finns i tabellen",
            keys[i]
        )));
    }
    Table::new(vec![
        text_column("Indikator", names),
        text_column("Mål", goals),
        text_column("Utfall", outcomes),
        text_column("Status", statuses),
        text_column("Trend", trends),
    ])
    .map_err(fail)
}

/// Typography for goals and outcomes as written: a hyphen used as a minus sign becomes U+2212
/// and one between two numbers (a range) an en dash.
fn typeset(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let digit_after = after.is_some_and(|a| a.is_ascii_digit());
        if c == '-' && digit_after && before.is_some_and(|b| b.is_ascii_digit()) {
            out.push('–');
        } else if c == '-' && digit_after && before.is_none_or(|b| matches!(b, ' ' | '(' | '/')) {
            out.push('\u{2212}');
        } else {
            out.push(c);
        }
    }
    out
}

fn status_word(goal: &str, outcome: &Dynamic, direction: &str) -> R<String> {
    let direction = Direction::parse(direction).map_err(fail)?;
    let text = value_text(outcome, goal, 6, "utfallet")?;
    let status = judge(
        &Goal::parse(goal),
        &Outcome::parse(&text),
        direction,
        &Tolerance::default(),
    );
    Ok(status.word().to_string())
}

fn activities(t: &Table) -> R<Table> {
    t.column("aktivitet").map_err(fail)?;
    let mut columns: [Vec<String>; 6] = Default::default();
    for r in 0..t.len() {
        let id = cell(t, "id", r);
        let text = cell(t, "aktivitet", r);
        let label = if !cell(t, "huvudaktivitet", r).is_empty() {
            format!("– {text}")
        } else if id.is_empty() {
            text
        } else {
            format!("{}. {text}", id.trim_end_matches('.'))
        };
        columns[0].push(label);
        columns[1].push(cell(t, "tidplan", r));
        columns[2].push(cell(t, "ansvarig", r));
        columns[3].push(activity_status(&cell(t, "status", r)));
        columns[4].push(cell(t, "kommentar", r));
        columns[5].push(cell(t, "malvarde", r));
    }
    let [a, b, c, d, e, f] = columns;
    // Målvärde only when some activity has one; Ansvarig always, except in a table of
    // target values where no activity names anyone (an action plan such as "Innersta boxen").
    let has_target = f.iter().any(|v| !v.is_empty());
    let has_owner = c.iter().any(|v| !v.is_empty());
    let mut out = vec![text_column("Aktivitet", a), text_column("Tidplan", b)];
    if has_target {
        out.push(text_column("Målvärde", f));
    }
    if has_owner || !has_target {
        out.push(text_column("Ansvarig", c));
    }
    out.extend([text_column("Status", d), text_column("Kommentar", e)]);
    Table::new(out).map_err(fail)
}
