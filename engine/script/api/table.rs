//! Tables in scripts: `table(...)`, column access and arithmetic (`t["A"] = t["B"] - t["C"]`),
//! and every native table operation as a method.

use std::sync::Arc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, FnPtr, Map, NativeCallContext};
use rust_decimal::Decimal;

use super::fail;
use super::number::to_decimal;
use crate::period::{Date, Period};
use crate::table::{
    Agg, Column, Format, Mark, Op, Table, Value, Values, cell, combine, combine_scalar,
    dynamic_value, from_columns, from_dynamic_rows, to_dynamic, to_dynamic_shown,
};

type R<T> = Result<T, Box<EvalAltResult>>;

/// Rows a closure filter may visit: closures run in Rhai, one call per row.
const CLOSURE_ROWS: usize = 100_000;
/// Rows `rows()` may turn into maps.
const MAP_ROWS: usize = 10_000;

fn err<T>(r: Result<T, String>) -> R<T> {
    r.map_err(fail)
}

/// A column name or a list of them.
fn names(value: &Dynamic) -> R<Vec<String>> {
    if let Some(s) = value.clone().try_cast::<rhai::ImmutableString>() {
        return Ok(vec![s.to_string()]);
    }
    if let Some(list) = value.read_lock::<Array>() {
        return list
            .iter()
            .map(|v| {
                v.clone()
                    .into_immutable_string()
                    .map(|s| s.to_string())
                    .map_err(|_| fail("kolumnnamn ska vara text"))
            })
            .collect();
    }
    Err(fail(format!(
        "ange en kolumn (\"Konto\") eller en lista ([\"Konto\", \"Period\"]), inte {}",
        value.type_name()
    )))
}

/// A script value converted to the type of `values`, for comparing with its cells.
/// One value or a list of values, as values of column `c`'s type (for `filter`, `varav`).
fn wanted_values(t: &Table, c: &str, wanted: &Dynamic) -> R<Vec<Value>> {
    let values = &err(t.column(c))?.values;
    match wanted.read_lock::<Array>() {
        Some(items) => items.iter().map(|v| coerce(v, values, c)).collect(),
        None => Ok(vec![coerce(wanted, values, c)?]),
    }
}

fn coerce(value: &Dynamic, values: &Values, column: &str) -> R<Value> {
    let v = dynamic_value(value).ok_or_else(|| {
        fail(format!(
            "kan inte jämföra kolumnen `{column}` med {}",
            value.type_name()
        ))
    })?;
    let converted = match (values, &v) {
        (_, Value::Null) => Some(Value::Null),
        (Values::Text(_), Value::Text(_)) => Some(v.clone()),
        (Values::Text(_), Value::Int(i)) => Some(Value::Text(Arc::from(i.to_string().as_str()))),
        (Values::Int(_), Value::Int(_)) => Some(v.clone()),
        (Values::Int(_), Value::Text(t)) => crate::number::parse_int(t).map(Value::Int),
        (Values::Int(_), Value::Decimal(d)) => i64::try_from(*d)
            .ok()
            .filter(|_| d.fract().is_zero())
            .map(Value::Int),
        (Values::Decimal(_), Value::Decimal(_)) => Some(v.clone()),
        (Values::Decimal(_), Value::Int(i)) => Some(Value::Decimal(Decimal::from(*i))),
        (Values::Period(_), Value::Period(_)) => Some(v.clone()),
        (Values::Period(_), Value::Text(t)) => Period::parse(t).map(Value::Period),
        (Values::Date(_), Value::Date(_)) => Some(v.clone()),
        (Values::Date(_), Value::Text(t)) => Date::parse(t).map(Value::Date),
        _ => None,
    };
    converted.ok_or_else(|| {
        fail(format!(
            "kolumnen `{column}` är {}; `{}` passar inte",
            values.type_name(),
            v.label()
        ))
    })
}

fn aggregate_value(t: &Table, column: &str, agg: Agg) -> R<Dynamic> {
    Ok(match err(t.aggregate(column, agg))? {
        Some(d) => Dynamic::from_decimal(d),
        None => Dynamic::UNIT,
    })
}

fn count(n: i64) -> R<usize> {
    usize::try_from(n).map_err(|_| fail(format!("antalet rader kan inte vara {n}")))
}

fn register_ops(engine: &mut Engine) {
    for (sym, op) in [
        ("+", Op::Add),
        ("-", Op::Sub),
        ("*", Op::Mul),
        ("/", Op::Div),
    ] {
        engine.register_fn(sym, move |a: Column, b: Column| -> R<Column> {
            err(combine(&a, &b, op))
        });
        engine.register_fn(sym, move |a: Column, b: Decimal| -> R<Column> {
            err(combine_scalar(&a, b, op, false))
        });
        engine.register_fn(sym, move |a: Column, b: i64| -> R<Column> {
            err(combine_scalar(&a, Decimal::from(b), op, false))
        });
        engine.register_fn(sym, move |a: Decimal, b: Column| -> R<Column> {
            err(combine_scalar(&b, a, op, true))
        });
        engine.register_fn(sym, move |a: i64, b: Column| -> R<Column> {
            err(combine_scalar(&b, Decimal::from(a), op, true))
        });
    }
}

/// `Tabell: 5 rader; Konto (text), Utfall (decimaltal)`, for `print`.
fn describe(t: &Table) -> String {
    let cols: Vec<String> = t
        .columns
        .iter()
        .map(|c| format!("{} ({})", c.name, c.values.type_name()))
        .collect();
    format!("Tabell: {} rader; {}", t.len(), cols.join(", "))
}

fn set_column(t: &mut Table, name: &str, value: Dynamic) -> R<()> {
    let column = if let Some(c) = value.clone().try_cast::<Column>() {
        Column {
            name: name.to_string(),
            ratio: None,
            ..c
        }
    } else {
        // A scalar: the same value on every row.
        let v = dynamic_value(&value).ok_or_else(|| {
            fail(format!(
                "en kolumn kan inte fyllas med {}",
                value.type_name()
            ))
        })?;
        let mut values = match &v {
            Value::Int(_) => Values::Int(Default::default()),
            Value::Decimal(_) => Values::Decimal(Default::default()),
            Value::Period(_) => Values::Period(Default::default()),
            Value::Date(_) => Values::Date(Default::default()),
            Value::Text(_) | Value::Null => Values::Text(Default::default()),
        };
        for _ in 0..t.len() {
            values.push(v.clone());
        }
        Column::new(name, values)
    };
    err(t.set_column(column))
}

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Table>("Tabell");
    engine.register_type_with_name::<Column>("Kolumn");
    engine.register_fn("table", |rows: Array| -> R<Table> {
        err(from_dynamic_rows(&rows))
    });
    engine.register_fn("table", |names: Array, rows: Array| -> R<Table> {
        err(from_columns(&names, &rows))
    });
    engine.register_indexer_get(|t: &mut Table, name: &str| -> R<Column> {
        err(t.column(name).cloned())
    });
    engine.register_indexer_set(set_column);
    register_ops(engine);
    engine.register_fn("len", |c: &mut Column| c.values.len() as i64);
    engine.register_fn("sum", |c: &mut Column| -> R<Decimal> {
        err(crate::table::require_numeric(c))?;
        crate::number::checked_sum((0..c.values.len()).filter_map(|i| c.values.decimal(i)))
            .ok_or_else(|| {
                fail(crate::number::too_large(&format!(
                    "summan av kolumnen `{}`",
                    c.name
                )))
            })
    });

    engine.register_fn("len", |t: &mut Table| t.len() as i64);
    engine.register_fn("to_string", |t: &mut Table| describe(t));
    engine.register_fn("to_debug", |t: &mut Table| describe(t));
    engine.register_fn("columns", |t: &mut Table| -> Array {
        t.names().into_iter().map(crate::table::data_text).collect()
    });
    engine.register_fn("sum", |t: &mut Table, c: &str| -> R<Decimal> {
        err(t.sum(c))
    });
    engine.register_fn("mean", |t: &mut Table, c: &str| {
        aggregate_value(t, c, Agg::Mean)
    });
    engine.register_fn("min", |t: &mut Table, c: &str| {
        aggregate_value(t, c, Agg::Min)
    });
    engine.register_fn("max", |t: &mut Table, c: &str| {
        aggregate_value(t, c, Agg::Max)
    });
    engine.register_fn("at", |t: &mut Table, row: i64, c: &str| -> R<Dynamic> {
        let row = usize::try_from(row).map_err(|_| fail(format!("rad {row} finns inte")))?;
        let value = err(cell(t, row, c))?;
        Ok(to_dynamic_shown(
            value,
            t.cell_format(err(t.position(c))?, row),
        ))
    });
    rhai::FuncRegistration::new("lookup")
        .with_comments([
            "/// Värdet i kolumnen `kolumn` på raden vars första kolumn är `rad`, t.ex. \
             `rr.lookup(\"Resultat\", \"Ack utfall inn år\")`. Fel om ingen eller flera rader heter så.",
        ])
        .with_params_info(["t: Table", "rad: &str", "kolumn: &str", "Dynamic"])
        .register_into_engine(engine, |t: &mut Table, rad: &str, c: &str| -> R<Dynamic> {
            let (row, value) = err(lookup(t, rad, c))?;
            Ok(to_dynamic_shown(value, t.cell_format(err(t.position(c))?, row)))
        });
    engine.register_fn("values", |t: &mut Table, c: &str| -> R<Array> {
        let i = err(t.position(c))?;
        Ok((0..t.len())
            .map(|r| to_dynamic_shown(t.columns[i].values.get(r), t.cell_format(i, r)))
            .collect())
    });
    engine.register_fn("rows", |t: &mut Table| -> R<Array> {
        if t.len() > MAP_ROWS {
            return Err(fail(format!(
                "tabellen har {} rader; rows() gör maps av högst {MAP_ROWS}",
                t.len()
            )));
        }
        Ok((0..t.len())
            .map(|r| {
                let map: Map = t
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let v = to_dynamic_shown(c.values.get(r), t.cell_format(i, r));
                        (c.name.as_str().into(), v)
                    })
                    .collect();
                Dynamic::from_map(map)
            })
            .collect())
    });

    engine.register_fn("select", |t: &mut Table, cols: Dynamic| -> R<Table> {
        err(t.select(&names(&cols)?))
    });
    engine.register_fn("drop", |t: &mut Table, cols: Dynamic| -> R<Table> {
        err(t.drop(&names(&cols)?))
    });
    engine.register_fn(
        "rename",
        |t: &mut Table, from: &str, to: &str| -> R<Table> { err(t.rename(from, to)) },
    );
    engine.register_fn("rename", |t: &mut Table, pairs: Map| -> R<Table> {
        let mut out = t.clone();
        for (from, to) in pairs {
            let to = to
                .into_immutable_string()
                .map_err(|_| fail("nya kolumnnamn ska vara text"))?;
            out = err(out.rename(&from, &to))?;
        }
        Ok(out)
    });

    engine.register_fn(
        "filter",
        |t: &mut Table, c: &str, wanted: Dynamic| -> R<Table> {
            let list = wanted_values(t, c, &wanted)?;
            err(t.filter_in(c, &list))
        },
    );
    engine.register_fn(
        "filter_range",
        |t: &mut Table, c: &str, from: Dynamic, to: Dynamic| -> R<Table> {
            let values = &err(t.column(c))?.values;
            let (from, to) = (coerce(&from, values, c)?, coerce(&to, values, c)?);
            err(t.filter_range(c, &from, &to))
        },
    );
    engine.register_fn(
        "filter",
        |ctx: NativeCallContext, t: &mut Table, f: FnPtr| -> R<Table> {
            if t.len() > CLOSURE_ROWS {
                return Err(fail(format!(
                    "tabellen har {} rader; filter med en funktion tar högst {CLOSURE_ROWS}. \
                     Använd filter(\"kolumn\", värde) eller filter_range, som klarar miljontals rader",
                    t.len()
                )));
            }
            let mut keep = Vec::new();
            for r in 0..t.len() {
                let row: Map = t
                    .columns
                    .iter()
                    .map(|c| (c.name.as_str().into(), to_dynamic(c.values.get(r))))
                    .collect();
                if f.call_within_context::<bool>(&ctx, (Dynamic::from_map(row),))? {
                    keep.push(r);
                }
            }
            Ok(t.take(&keep))
        },
    );

    engine.register_fn("sort", |t: &mut Table, cols: Dynamic| -> R<Table> {
        let by: Vec<(String, bool)> = names(&cols)?.into_iter().map(|n| (n, false)).collect();
        err(t.sort_by(&by))
    });
    engine.register_fn("sort_desc", |t: &mut Table, cols: Dynamic| -> R<Table> {
        let by: Vec<(String, bool)> = names(&cols)?.into_iter().map(|n| (n, true)).collect();
        err(t.sort_by(&by))
    });
    engine.register_fn("top", |t: &mut Table, n: i64, c: &str| -> R<Table> {
        err(t.top(count(n)?, c))
    });
    engine.register_fn("head", |t: &mut Table, n: i64| -> R<Table> {
        Ok(t.head(count(n)?))
    });

    engine.register_fn(
        "group_by",
        |t: &mut Table, keys: Dynamic, cols: Dynamic| -> R<Table> {
            err(t.group_by(&names(&keys)?, &names(&cols)?, Agg::Sum))
        },
    );
    engine.register_fn(
        "group_by",
        |t: &mut Table, keys: Dynamic, cols: Dynamic, agg: &str| -> R<Table> {
            let agg = err(Agg::parse(agg))?;
            err(t.group_by(&names(&keys)?, &names(&cols)?, agg))
        },
    );
    engine.register_fn("count_by", |t: &mut Table, keys: Dynamic| -> R<Table> {
        let keys = names(&keys)?;
        let mut with_one = t.clone();
        set_column(&mut with_one, "Antal", Dynamic::from_int(1))?;
        err(with_one.group_by(&keys, &["Antal".to_string()], Agg::Sum))
    });
    engine.register_fn(
        "join",
        |t: &mut Table, other: Table, keys: Dynamic| -> R<Table> {
            err(t.join(&other, &names(&keys)?, true))
        },
    );
    engine.register_fn(
        "join",
        |t: &mut Table, other: Table, keys: Dynamic, how: &str| -> R<Table> {
            let keep_all = match how {
                "left" | "vänster" => true,
                "inner" | "inre" => false,
                _ => {
                    return Err(fail(format!(
                        "okänd join `{how}`; använd \"left\" eller \"inner\""
                    )));
                }
            };
            err(t.join(&other, &names(&keys)?, keep_all))
        },
    );
    engine.register_fn(
        "pivot",
        |t: &mut Table, keys: Dynamic, across: &str, value: &str| -> R<Table> {
            err(t.pivot(&names(&keys)?, across, value))
        },
    );
    engine.register_fn(
        "unpivot",
        |t: &mut Table, keys: Dynamic, name: &str, value: &str| -> R<Table> {
            err(t.unpivot(&names(&keys)?, name, value))
        },
    );
    engine.register_fn(
        "pct_change",
        |t: &mut Table, base: &str, value: &str, name: &str| -> R<Table> {
            err(t.pct_change(base, value, name))
        },
    );
    engine.register_fn(
        "ack",
        |t: &mut Table, p: &str, v: &str, name: &str| -> R<Table> { err(t.ack(p, v, name)) },
    );
    engine.register_fn(
        "r12",
        |t: &mut Table, p: &str, v: &str, name: &str| -> R<Table> { err(t.r12(p, v, name)) },
    );
    engine.register_fn("total", |t: &mut Table| -> R<Table> {
        err(t.total("Summa"))
    });
    engine.register_fn("total", |t: &mut Table, label: &str| -> R<Table> {
        err(t.total(label))
    });
    engine.register_fn("subtotals", |t: &mut Table, c: &str| -> R<Table> {
        err(t.subtotals(c, "Summa"))
    });
    engine.register_fn(
        "subtotals",
        |t: &mut Table, c: &str, prefix: &str| -> R<Table> { err(t.subtotals(c, prefix)) },
    );
    engine.register_fn(
        "varav",
        |t: &mut Table, c: &str, wanted: Dynamic| -> R<Table> {
            let list = wanted_values(t, c, &wanted)?;
            err(t.varav(c, &list))
        },
    );

    engine.register_fn("title", |t: &mut Table, title: &str| -> Table {
        Table {
            title: Some(title.to_string()),
            ..t.clone()
        }
    });
    engine.register_fn("format", |t: &mut Table, c: Dynamic, f: &str| -> R<Table> {
        let format = err(Format::parse(f))?;
        let mut out = t.clone();
        for name in names(&c)? {
            let i = err(out.position(&name))?;
            out.columns[i].format = Some(format);
        }
        Ok(out)
    });
    rhai::FuncRegistration::new("format_row")
        .with_comments([
            "/// Raden vars första kolumn är `rad` visas i formatet `format` (t.ex. \"pct:1\"), \
             oavsett kolumnernas format: en procentrad i en tabell med belopp. Summarader \
             räknar inte med rader i en annan enhet än kolumnens.",
        ])
        .with_params_info(["t: Table", "rad: &str", "format: &str", "Table"])
        .register_into_engine(engine, |t: &mut Table, label: &str, f: &str| -> R<Table> {
            let format = err(Format::parse(f))?;
            let (row, _) = err(lookup(t, label, &first_name(t)?))?;
            let mut out = t.clone();
            err(out.set_row_format(&[row], Some(format)))?;
            Ok(out)
        });
    rhai::FuncRegistration::new("format_rows")
        .with_comments([
            "/// Raderna där kolumnen `kolumn` har ett av värdena i `varden` (ett värde eller en \
             lista) visas i formatet `format`, t.ex. `t.format_rows(\"Post\", [\"Andel\"], \"pct:1\")`.",
        ])
        .with_params_info(["t: Table", "kolumn: &str", "varden: Dynamic", "format: &str", "Table"])
        .register_into_engine(
            engine,
            |t: &mut Table, c: &str, wanted: Dynamic, f: &str| -> R<Table> {
                let format = err(Format::parse(f))?;
                let list = wanted_values(t, c, &wanted)?;
                let rows = err(t.rows_in(c, &list))?;
                let mut out = t.clone();
                err(out.set_row_format(&rows, Some(format)))?;
                Ok(out)
            },
        );
    rhai::FuncRegistration::new("concat")
        .with_comments([
            "/// Tabellernas rader efter varandra: `concat([t1, t2])`. Tabellerna ska ha samma \
             kolumner (ordningen får skilja); resultatet har den första tabellens ordning och \
             format, och rader ur en tabell med ett annat format behåller sitt.",
        ])
        .with_params_info(["tabeller: Array", "Table"])
        .register_into_engine(engine, |tables: Array| -> R<Table> {
            let tables = tables
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let kind = v.type_name();
                    v.try_cast::<Table>().ok_or_else(|| {
                        fail(format!(
                            "element {} i concat är {}, inte en tabell",
                            i + 1,
                            crate::script::error::type_word(kind)
                        ))
                    })
                })
                .collect::<R<Vec<Table>>>()?;
            err(Table::concat(&tables))
        });
    engine.register_fn(
        "mark",
        |t: &mut Table, c: &str, threshold: Dynamic| -> R<Table> {
            let threshold = to_decimal(&threshold)
                .ok_or_else(|| fail("gränsen för markering ska vara ett tal"))?;
            err(t.position(c))?;
            let mut out = t.clone();
            out.marks.retain(|m| m.column != c);
            out.marks.push(Mark {
                column: c.to_string(),
                threshold,
            });
            Ok(out)
        },
    );
    engine.register_fn("round_to_total", |t: &mut Table| -> Table {
        Table {
            round_to_total: true,
            ..t.clone()
        }
    });
}

/// The name of the first (label) column.
fn first_name(t: &Table) -> R<String> {
    t.columns
        .first()
        .map(|c| c.name.clone())
        .ok_or_else(|| fail("tabellen har inga kolumner"))
}

/// The row and value in column `c` of the one row whose first (label) column reads `label`.
fn lookup(t: &Table, label: &str, c: &str) -> Result<(usize, Value), String> {
    let target = t.position(c)?;
    let Some(first) = t.columns.first() else {
        return Err("tabellen har inga kolumner".into());
    };
    let matches: Vec<usize> = (0..t.len())
        .filter(|&r| first.values.get(r).label() == label)
        .collect();
    match matches.as_slice() {
        [row] => Ok((*row, t.columns[target].values.get(*row))),
        [] => {
            let mut labels: Vec<String> = (0..t.len().min(8))
                .map(|r| format!("`{}`", first.values.get(r).label()))
                .collect();
            if t.len() > 8 {
                labels.push("…".into());
            }
            Err(format!(
                "ingen rad heter `{label}` i kolumnen `{}`; raderna är {}",
                first.name,
                labels.join(", ")
            ))
        }
        _ => Err(format!(
            "{} rader heter `{label}` i kolumnen `{}`; filtrera först så att en rad återstår",
            matches.len(),
            first.name
        )),
    }
}
