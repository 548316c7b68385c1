//! Narrative helpers for prose: `forandring`, `okning_minskning`, `fler_farre`,
//! `procentenheter`, `forbattring_pe`, `battre_samre`, `mot_budget` and `malstatus`.

use rhai::{Array, Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::arithmetic::decimal_places;
use super::fail;
use super::number::to_decimal;
use crate::domain::text::{self, Amount, Form, Goal};

type R<T> = Result<T, Box<EvalAltResult>>;

fn num(value: &Dynamic, function: &str, what: &str) -> R<Decimal> {
    if value.is_unit() {
        return Err(fail(format!(
            "`{function}`: {what} saknas (()); finns det data för perioden?"
        )));
    }
    to_decimal(value).ok_or_else(|| {
        fail(format!(
            "`{function}`: {what} ska vara ett tal, inte {}",
            value.type_name()
        ))
    })
}

/// `nu` and `fore` as decimals whose difference is within a decimal's range (every helper
/// here computes it).
fn pair(now: &Dynamic, base: &Dynamic, function: &str) -> R<(Decimal, Decimal)> {
    let (n, b) = (num(now, function, "nu")?, num(base, function, "fore")?);
    if n.checked_sub(b).is_none() {
        return Err(fail(crate::number::too_large(&format!(
            "`{function}`: skillnaden mellan nu och fore"
        ))));
    }
    Ok((n, b))
}

/// Register `name(nu, fore)` and `name(nu, fore, decimaler)` (default one decimal).
fn register_pair(
    engine: &mut Engine,
    name: &'static str,
    doc: &'static str,
    f: fn(Decimal, Decimal, u32) -> String,
) {
    FuncRegistration::new(name)
        .with_comments([doc])
        .with_params_info(["nu: Dynamic", "fore: Dynamic", "String"])
        .register_into_engine(engine, move |now: Dynamic, base: Dynamic| -> R<String> {
            let (now, base) = pair(&now, &base, name)?;
            Ok(f(now, base, 1))
        });
    FuncRegistration::new(name)
        .with_comments(["/// Som ovan, med `decimaler` decimaler (standard 1)."])
        .with_params_info(["nu: Dynamic", "fore: Dynamic", "decimaler: i64", "String"])
        .register_into_engine(
            engine,
            move |now: Dynamic, base: Dynamic, decimals: i64| -> R<String> {
                let (now, base) = pair(&now, &base, name)?;
                Ok(f(now, base, decimal_places(decimals)?))
            },
        );
}

pub fn register(engine: &mut Engine) {
    register_pair(
        engine,
        "forandring",
        "/// Förändringen från `fore` till `nu` i procent med ord: \"ökade med 5,4 %\", \
         \"minskade med 2,9 %\" eller \"oförändrat\" (när den avrundas till 0,0 %).",
        |n, b, d| text::change(n, b, d, Form::Verb),
    );
    register_pair(
        engine,
        "okning_minskning",
        "/// Förändringen som substantiv: \"en ökning med 8,9 %\", \"en minskning med 2,9 %\" \
         eller \"ingen förändring\".",
        |n, b, d| text::change(n, b, d, Form::Noun),
    );
    register_pair(
        engine,
        "fler_farre",
        "/// Förändringen som antal: \"11,3 % färre\", \"8,9 % fler\" eller \"lika många\".",
        |n, b, d| text::change(n, b, d, Form::Count),
    );
    register_pair(
        engine,
        "procentenheter",
        "/// Skillnaden mellan två procenttal i procentenheter: \"4 procentenheter högre\", \
         \"6,0 procentenheter lägre\" eller \"oförändrat\".",
        text::points_higher_lower,
    );
    register_pair(
        engine,
        "forbattring_pe",
        "/// Skillnaden i procentenheter som förbättring (högre är bättre): \"en förbättring med \
         4 procentenheter\", \"en försämring med 6 procentenheter\" eller \"oförändrat\".",
        |n, b, d| text::points_better_worse(n, b, d, false),
    );
    FuncRegistration::new("forbattring_pe")
        .with_comments([
            "/// Som ovan; med `lagre_ar_battre` = true är en minskning en förbättring \
             (väntetider, beläggning över målet).",
        ])
        .with_params_info([
            "nu: Dynamic",
            "fore: Dynamic",
            "decimaler: i64",
            "lagre_ar_battre: bool",
            "String",
        ])
        .register_into_engine(
            engine,
            |now: Dynamic, base: Dynamic, decimals: i64, lower: bool| -> R<String> {
                let (now, base) = pair(&now, &base, "forbattring_pe")?;
                Ok(text::points_better_worse(
                    now,
                    base,
                    decimal_places(decimals)?,
                    lower,
                ))
            },
        );

    FuncRegistration::new("mot_budget")
        .with_comments([
            "/// En avvikelse i kronor (utfall − budget) med ord, i hela mkr: \
             \"17 mkr sämre än budget\", \"3 mkr bättre än budget\" eller \"i nivå med budget\".",
        ])
        .with_params_info(["avvikelse: Dynamic", "String"])
        .register_into_engine(engine, |dev: Dynamic| -> R<String> {
            Ok(text::better_worse(
                num(&dev, "mot_budget", "avvikelsen")?,
                "budget",
                Amount::Mkr,
                0,
            ))
        });
    FuncRegistration::new("battre_samre")
        .with_comments([
            "/// En avvikelse i kronor mot det som anges i `mot` (\"budget\", \"föregående år\"), \
             i `enhet` (\"kr\", \"tkr\" eller \"mkr\") med `decimaler` decimaler: \
             \"3,2 mkr bättre än föregående år\".",
        ])
        .with_params_info([
            "avvikelse: Dynamic",
            "mot: &str",
            "enhet: &str",
            "decimaler: i64",
            "String",
        ])
        .register_into_engine(
            engine,
            |dev: Dynamic, against: &str, unit: &str, decimals: i64| -> R<String> {
                let unit = Amount::parse(unit).ok_or_else(|| {
                    fail(format!(
                        "`battre_samre`: enheten ska vara \"kr\", \"tkr\" eller \"mkr\", inte \"{unit}\""
                    ))
                })?;
                Ok(text::better_worse(
                    num(&dev, "battre_samre", "avvikelsen")?,
                    against,
                    unit,
                    decimal_places(decimals)?,
                ))
            },
        );

    FuncRegistration::new("malstatus")
        .with_comments([
            "/// Ett måls status med ord för ett procenttal: \"målet på 90 % nås\" / \"nås inte\". \
             `mal` är ett tal (minst), ett intervall [85, 90] eller #{hogst: 8}.",
        ])
        .with_params_info(["varde: Dynamic", "mal: Dynamic", "String"])
        .register_into_engine(engine, |value: Dynamic, goal: Dynamic| -> R<String> {
            Ok(text::goal_status(
                num(&value, "malstatus", "värdet")?,
                goal_arg(&goal)?,
                1,
            ))
        });
    FuncRegistration::new("malstatus")
        .with_comments([
            "/// Som ovan; värdet avrundas till `decimaler` decimaler innan det jämförs.",
        ])
        .with_params_info(["varde: Dynamic", "mal: Dynamic", "decimaler: i64", "String"])
        .register_into_engine(
            engine,
            |value: Dynamic, goal: Dynamic, decimals: i64| -> R<String> {
                Ok(text::goal_status(
                    num(&value, "malstatus", "värdet")?,
                    goal_arg(&goal)?,
                    decimal_places(decimals)?,
                ))
            },
        );
}

/// A goal from a script value: a number (at least), `[låg, hög]` or `#{hogst: 8}`.
fn goal_arg(goal: &Dynamic) -> R<Goal> {
    if let Some(v) = to_decimal(goal) {
        return Ok(Goal::AtLeast(v));
    }
    if let Some(range) = goal.read_lock::<Array>() {
        let bounds: Vec<Decimal> = range.iter().filter_map(to_decimal).collect();
        if let [lo, hi] = bounds[..]
            && range.len() == 2
            && lo <= hi
        {
            return Ok(Goal::Range(lo, hi));
        }
    }
    if let Some(map) = goal.read_lock::<Map>()
        && map.len() == 1
    {
        if let Some(v) = map.get("hogst").and_then(to_decimal) {
            return Ok(Goal::AtMost(v));
        }
        if let Some(v) = map.get("minst").and_then(to_decimal) {
            return Ok(Goal::AtLeast(v));
        }
    }
    Err(fail(
        "`malstatus`: målet ska vara ett tal (90), ett intervall [85, 90] eller #{hogst: 8}",
    ))
}
