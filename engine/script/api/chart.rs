//! Charts in scripts: `line_chart(t, #{...})`, `time_chart`, `bar_chart`, `hbar_chart`,
//! `stacked_bar_chart`, `waterfall_chart`. A cell that returns one shows the figure there.

use rhai::{Array, Dynamic, Engine, EvalAltResult, FuncRegistration, Map};

use super::fail;
use super::number::to_decimal;
use super::overloads::{OptionIndex, OptionKey, key, names};
use crate::chart::{Chart, Kind, Options, Sort, build};
use crate::table::Table;

type R<T> = Result<T, Box<EvalAltResult>>;

const KINDS: [(&str, Kind, &str); 6] = [
    (
        "line_chart",
        Kind::Line,
        "/// Linjediagram. Med en periodkolumn som `x` blir det en linje per år över jan–dec; annars en linje per `y`-kolumn eller per värde i `series`.",
    ),
    (
        "time_chart",
        Kind::Time,
        "/// Tidsdiagram: månad för månad över flera år (t.ex. R12). `x` ska vara en periodkolumn; en linje per `y`-kolumn eller per värde i `series`.",
    ),
    (
        "bar_chart",
        Kind::Bar,
        "/// Stapeldiagram; flera `y`-kolumner (eller `series`) ger grupperade staplar, t.ex. utfall och budget per verksamhet.",
    ),
    (
        "hbar_chart",
        Kind::HBar,
        "/// Liggande staplar för avvikelser: negativa till vänster om nollinjen, sorterade (största överst). `sort: \"asc\"` eller `false` ändrar ordningen.",
    ),
    (
        "stacked_bar_chart",
        Kind::Stacked,
        "/// Staplade staplar: delarna (`y`-kolumner eller `series`) ovanpå varandra, summan över stapeln.",
    ),
    (
        "waterfall_chart",
        Kind::Waterfall,
        "/// Vattenfall (brygga): första raden är startvärdet (t.ex. budget), övriga rader förändringar; slutstapeln (`end`, standard \"Utfall\") räknas ut.",
    ),
];

/// The keys of a chart's options map (the same for every kind).
const CHART_OPTIONS: [OptionKey; 17] = [
    key(
        "x",
        "kolumnen längs x-axeln (standard den första med text eller perioder)",
    ),
    key("y", "värdekolumnen eller en lista med kolumner"),
    key("series", "kolumnen vars värden blir en serie var"),
    key("title", "diagrammets rubrik"),
    key("unit", "mkr, tkr, kr, pct, int eller ett ord som \"dagar\""),
    key("target", "målvärde, ritas som en linje"),
    key("target_band", "målintervall, t.ex. [85, 90]"),
    key("target_label", "målets text"),
    key("width", "bredd i bildpunkter"),
    key("height", "höjd i bildpunkter"),
    key("colors", "seriernas färger, t.ex. [\"#0072B2\"]"),
    key("zero", "om axeln börjar på noll (true/false)"),
    key("sort", "\"desc\", \"asc\", \"none\", true eller false"),
    key(
        "end",
        "slutstapelns namn i ett vattenfall (standard \"Utfall\")",
    ),
    key("line", "serier som ritas som linjer över staplarna"),
    key("source", "källa under diagrammet"),
    key("description", "beskrivning för skärmläsare"),
];

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    engine.register_type_with_name::<Chart>("Diagram");
    engine.register_fn("to_string", |c: &mut Chart| describe(c));
    engine.register_fn("to_debug", |c: &mut Chart| describe(c));
    for (name, kind, doc) in KINDS {
        keys.add(name, &CHART_OPTIONS);
        let options_doc = "/// Inställningar i en map: x, y, series, title, unit (mkr, tkr, kr, pct, int eller ett ord som \"dagar\"), target, target_band ([85, 90]), target_label, width, height, colors ([\"#0072B2\"]), zero, sort, end, line (serier som linjer över staplarna), source, description.";
        FuncRegistration::new(name)
            .with_comments([doc, "///", options_doc])
            .with_params_info(["tabell: Tabell", "inställningar: Map", "Diagram"])
            .register_into_engine(engine, move |t: &mut Table, opts: Map| -> R<Chart> {
                chart(name, kind, t, &opts)
            });
        FuncRegistration::new(name)
            .with_comments([doc])
            .with_params_info(["tabell: Tabell", "Diagram"])
            .register_into_engine(engine, move |t: &mut Table| -> R<Chart> {
                chart(name, kind, t, &Map::new())
            });
    }
}

fn describe(c: &Chart) -> String {
    format!(
        "{} \"{}\": {} kategorier, {} serier",
        c.kind.swedish(),
        c.title,
        c.categories.len(),
        c.series.len()
    )
}

fn chart(name: &str, kind: Kind, t: &Table, opts: &Map) -> R<Chart> {
    let options = options(name, opts)?;
    build(kind, t, options).map_err(|e| fail(format!("{name}: {e}")))
}

fn text(key: &str, v: &Dynamic) -> R<String> {
    v.clone()
        .into_immutable_string()
        .map(|s| s.to_string())
        .map_err(|_| fail(format!("`{key}` ska vara text, inte {}", v.type_name())))
}

/// One text or a list of them (`y: "Utfall"`, `y: ["Utfall", "Budget"]`).
fn texts(key: &str, v: &Dynamic) -> R<Vec<String>> {
    if v.is_string() {
        return Ok(vec![text(key, v)?]);
    }
    v.read_lock::<Array>()
        .ok_or_else(|| fail(format!("`{key}` ska vara en lista, inte {}", v.type_name())))?
        .iter()
        .map(|c| text(key, c))
        .collect()
}

fn number(key: &str, v: &Dynamic) -> R<rust_decimal::Decimal> {
    to_decimal(v).ok_or_else(|| fail(format!("`{key}` ska vara ett tal, inte {}", v.type_name())))
}

fn list(key: &str, v: &Dynamic) -> R<Array> {
    v.read_lock::<Array>()
        .map(|a| a.clone())
        .ok_or_else(|| fail(format!("`{key}` ska vara en lista, inte {}", v.type_name())))
}

fn size(key: &str, v: &Dynamic) -> R<u32> {
    v.as_int()
        .ok()
        .and_then(|i| u32::try_from(i).ok())
        .filter(|i| (240..=2000).contains(i))
        .ok_or_else(|| {
            fail(format!(
                "`{key}` ska vara ett heltal 240–2000 (bildpunkter)"
            ))
        })
}

/// Read the options map; an unknown key is an error listing the keys there are.
fn options(name: &str, map: &Map) -> R<Options> {
    let mut o = Options::default();
    for (key, v) in map {
        let key = key.as_str();
        match key {
            "x" => o.x = Some(text(key, v)?),
            "y" => o.y = texts(key, v)?,
            "series" => o.series = Some(text(key, v)?),
            "title" => o.title = Some(text(key, v)?),
            "unit" => o.unit = Some(text(key, v)?),
            "target" => o.target = Some(number(key, v)?),
            "target_band" => {
                let items = list(key, v)?;
                let [a, b] = items.as_slice() else {
                    return Err(fail("`target_band` ska vara två tal: [85, 90]"));
                };
                o.target_band = Some((number(key, a)?, number(key, b)?));
            }
            "target_label" => o.target_label = Some(text(key, v)?),
            "width" => o.width = Some(size(key, v)?),
            "height" => o.height = Some(size(key, v)?),
            "colors" => {
                o.colors = list(key, v)?
                    .iter()
                    .map(|c| {
                        let t = text(key, c)?;
                        crate::chart::parse_hex(&t).ok_or_else(|| {
                            fail(format!(
                                "färgen `{t}` ska skrivas som #rrggbb, t.ex. #0072B2"
                            ))
                        })
                    })
                    .collect::<R<Vec<_>>>()?;
            }
            "zero" => {
                o.zero = Some(
                    v.as_bool()
                        .map_err(|_| fail("`zero` ska vara true eller false"))?,
                );
            }
            "sort" => {
                o.sort = Some(match (v.as_bool(), v.clone().into_immutable_string()) {
                    (Ok(true), _) => Sort::Desc,
                    (Ok(false), _) => Sort::Keep,
                    (_, Ok(s)) if s == "desc" => Sort::Desc,
                    (_, Ok(s)) if s == "asc" => Sort::Asc,
                    (_, Ok(s)) if s == "none" => Sort::Keep,
                    _ => {
                        return Err(fail(
                            "`sort` ska vara \"desc\", \"asc\", \"none\", true eller false",
                        ));
                    }
                });
            }
            "end" => o.end = Some(text(key, v)?),
            "line" => o.lines = texts(key, v)?,
            "source" => o.source = Some(text(key, v)?),
            "description" => o.description = Some(text(key, v)?),
            other => {
                return Err(fail(format!(
                    "{name}: okänd inställning `{other}`; de som finns är {}",
                    names(&CHART_OPTIONS).join(", ")
                )));
            }
        }
    }
    Ok(o)
}
