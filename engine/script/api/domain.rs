//! The domain library's shared entry point for scripts: `jamforelse`, the year-to-date and
//! full-year comparison per post or unit that the report tables are built from.

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map};

use super::fail;
use super::overloads::{OptionIndex, OptionKey, key, with_options};
use crate::domain::long::Layout;
use crate::domain::rapport::{self, Measure, PercentRows, RowSpec, kolumn, rader};
use crate::domain::uppfoljning::jamforelse;
use crate::period::Period;
use crate::table::{Format, Table};

type R<T> = Result<T, Box<EvalAltResult>>;

/// The comparison table's value columns, in order, with their headers.
pub const COMPARISON_COLUMNS: [(Measure, &str); 9] = [
    (Measure::AckUtfall, "Ack utfall"),
    (Measure::AckBudget, "Ack budget"),
    (Measure::AckAvvikelse, "Ack avvikelse"),
    (Measure::UtfallFg, "Ack utfall fg år"),
    (Measure::AvvikelseFg, "Ack avvikelse fg år"),
    (Measure::Helarsprognos, "Helårsprognos"),
    (Measure::Arsbudget, "Helårsbudget"),
    (Measure::Prognosavvikelse, "Prognosavvikelse"),
    (Measure::BokslutFg, "Bokslut fg år"),
];

/// `kolumner`, which every function reading an export takes.
pub const KOLUMNER: OptionKey = key(
    "kolumner",
    "exportens egna kolumnnamn, t.ex. #{varde: \"Belopp\"}",
);

/// The options every report-table function takes besides its own.
pub const REPORT_OPTIONS: [OptionKey; 4] = [
    key(
        "rader",
        "raderna som data: en raddeklaration, t.ex. read_csv(\"rader.csv\")",
    ),
    key(
        "visa",
        "kolumnerna med namn, t.ex. [\"ack utfall\", \"avvikelse %\"]",
    ),
    key(
        "procent_rader",
        "procent på \"alla\" rader eller bara på \"summor\"",
    ),
    key("format", "beloppens format, t.ex. \"mkr:1\""),
];

/// `own` keys followed by [`REPORT_OPTIONS`].
pub fn with_report_options(own: &[OptionKey]) -> Vec<OptionKey> {
    [own, &REPORT_OPTIONS].concat()
}

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    with_options!(
        engine,
        keys,
        "jamforelse",
        (period: Dynamic) -> Table,
        comparison,
        with_report_options(&[
            key("per", "kolumnen att gruppera på, t.ex. \"enhet\" (standard \"post\")"),
            KOLUMNER,
        ]),
        "/// Jämförelsetabell per post vid `period`: ack utfall, ack budget, ack avvikelse, \
             ack utfall fg år, ack avvikelse fg år, helårsprognos, helårsbudget, prognosavvikelse \
             och bokslut fg år. Tabellen ska ha kolumnerna period, enhet, post, typ och varde.",
        "/// Som `jamforelse(t, period)`, med val: `per` (kolumnen att gruppera på, t.ex. \
             \"enhet\"; standard \"post\"), `rader` (raderna som data, se `resultatrakning`; \
             posterna är värden i kolumnen `per`), `visa` (kolumnerna med namn), \
             `procent_rader`, `format` och `kolumner` (exportens egna kolumnnamn, t.ex. \
             #{varde: \"Belopp\"}).",
    );
}

/// A period from a script value: a period, or text such as `"2024-02"`.
pub fn period_arg(value: &Dynamic) -> R<Period> {
    if let Some(p) = value.read_lock::<Period>() {
        return Ok(*p);
    }
    if let Ok(text) = value.clone().into_immutable_string() {
        return Period::parse(&text).ok_or_else(|| {
            fail(format!(
                "`{text}` är ingen period; skriv den som ÅÅÅÅ-MM, t.ex. \"2024-02\""
            ))
        });
    }
    Err(fail(format!(
        "perioden ska vara en period eller text som \"2024-02\", inte {}",
        value.type_name()
    )))
}

/// Reject option keys the function does not know, naming the ones it does.
pub fn check_options(options: &Map, known: &[OptionKey]) -> R<()> {
    if let Some(key) = options
        .keys()
        .find(|k| !known.iter().any(|o| o.name == k.as_str()))
    {
        let names: Vec<String> = known.iter().map(|k| format!("`{}`", k.name)).collect();
        return Err(fail(format!(
            "okänt val `{key}`; giltiga val är {}",
            names.join(", ")
        )));
    }
    Ok(())
}

/// A text option, if the script gave it.
pub fn text_option(options: &Map, key: &str) -> R<Option<String>> {
    match options.get(key) {
        None => Ok(None),
        Some(v) => v
            .clone()
            .into_immutable_string()
            .map(|s| Some(s.to_string()))
            .map_err(|_| fail(format!("`{key}` ska vara text, inte {}", v.type_name()))),
    }
}

/// A number format option (`"mkr:1"`, `"+pct:1"`), if the script gave it; a format that
/// does not parse is an error naming the formats there are.
pub fn format_option(options: &Map, key: &str) -> R<Option<Format>> {
    text_option(options, key)?
        .map(|f| Format::parse(&f).map_err(|e| fail(format!("`{key}`: {e}"))))
        .transpose()
}

/// A whole-number option within `range` (`default` when not given); the error names the
/// range, followed by `unit` (e.g. " (månader)").
pub fn int_option(
    options: &Map,
    key: &str,
    range: std::ops::RangeInclusive<i64>,
    default: i64,
    unit: &str,
) -> R<i64> {
    match options.get(key) {
        None => Ok(default),
        Some(v) => v
            .as_int()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| {
                fail(format!(
                    "`{key}` ska vara ett heltal {}–{}{unit}",
                    range.start(),
                    range.end()
                ))
            }),
    }
}

fn comparison(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let per = match options.get("per") {
        None => layout.post.clone(),
        Some(v) => {
            let name = v
                .clone()
                .into_immutable_string()
                .map_err(|_| fail("`per` ska vara ett kolumnnamn (text)"))?;
            match name.as_str() {
                "enhet" => layout.enhet.clone(),
                "post" => layout.post.clone(),
                other => other.to_string(),
            }
        }
    };
    let shown = report_layout(options, &COMPARISON_COLUMNS, None)?;
    let specs = row_specs(options)?;
    jamforelse::comparison(t, &layout, period, &per, specs.as_deref(), &shown).map_err(fail)
}

/// The report rows a script declares with the option `rader`: a declaration table (read
/// with `read_csv` or `read_xlsx`), see [`crate::domain::rapport::rader`].
pub fn row_specs(options: &Map) -> R<Option<Vec<RowSpec>>> {
    let Some(value) = options.get("rader") else {
        return Ok(None);
    };
    let Some(t) = value.read_lock::<Table>() else {
        return Err(fail(format!(
            "`rader` ska vara en tabell med raddeklarationen, t.ex. \
             read_csv(\"rader.csv\"), inte {}",
            value.type_name()
        )));
    };
    rader::parse(&t).map(Some).map_err(fail)
}

/// How a report table shows its values, from the options `visa` (the columns by name),
/// `procent_rader` ("alla" or "summor") and `format` (the amounts' format, e.g. "mkr:0");
/// `columns` and `amount` when not given.
pub fn report_layout(
    options: &Map,
    columns: &[(Measure, &str)],
    amount: Option<Format>,
) -> R<rapport::Layout> {
    let columns = match options.get("visa") {
        None => columns.iter().map(|(m, h)| (*m, h.to_string())).collect(),
        Some(v) => {
            let Some(list) = v.read_lock::<Array>() else {
                return Err(fail(
                    "`visa` ska vara en lista med kolumnnamn, t.ex. [\"ack utfall\", \
                     \"ack budget\", \"ack avvikelse\", \"avvikelse %\"]",
                ));
            };
            let mut names = Vec::with_capacity(list.len());
            for item in list.iter() {
                names.push(
                    item.clone()
                        .into_immutable_string()
                        .map_err(|_| fail("`visa` ska bara innehålla kolumnnamn (text)"))?
                        .to_string(),
                );
            }
            if names.is_empty() {
                return Err(fail(
                    "`visa` ska nämna minst en kolumn, t.ex. [\"ack utfall\"]",
                ));
            }
            kolumn::parse_list(names.iter().map(String::as_str)).map_err(fail)?
        }
    };
    let amount = format_option(options, "format")?.or(amount);
    let percent_rows = match text_option(options, "procent_rader")? {
        Some(p) => PercentRows::parse(&p).map_err(fail)?,
        None => PercentRows::All,
    };
    Ok(rapport::Layout {
        columns,
        amount,
        percent_rows,
    })
}
