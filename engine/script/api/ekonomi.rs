//! Ekonomi for scripts: `resultatrakning`, `kostnadsutveckling`, `budgetavvikelse`,
//! `arstakt`/`manadssnitt`, `prognosintervall`, `kanslighet`, `atgardsplan`, `atgardslista`
//! and `effekt`.

use rhai::{Array, Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::domain::{
    KOLUMNER, period_arg, report_layout, row_specs, text_option, with_report_options,
};
use super::fail;
use super::number::to_decimal;
use super::overloads::{OptionIndex, key, with_options};

use crate::domain::ekonomi::{atgarder, nivaer, prognos, resultat, utveckling};
use crate::domain::long::Layout;
use crate::domain::rapport::{Measure, rader};
use crate::table::{Format, Table};

type R<T> = Result<T, Box<EvalAltResult>>;

/// The resultaträkning's value columns as the regions print them, with their headers.
const STATEMENT_COLUMNS: [(Measure, &str); 9] = [
    (Measure::AckUtfall, "Ack utfall inn år"),
    (Measure::AckBudget, "Ack budget inn år"),
    (Measure::AckAvvikelse, "Ack avv från budget"),
    (Measure::UtfallFg, "Ack utfall fg år"),
    (Measure::Helarsprognos, "Helår prognos"),
    (Measure::Arsbudget, "Helår budget"),
    (Measure::Prognosavvikelse, "Avv bud mot prog"),
    (Measure::BokslutFg, "Bokslut utf fg år"),
    (Measure::AvvikelseFg, "Ack avv fg år"),
];

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    with_options!(
        engine,
        keys,
        "resultatrakning",
        (period: Dynamic) -> Table,
        statement,
        with_report_options(&[
            key(
                "konton",
                "vilka poster som hör till en rad, t.ex. #{\"Köpt vård\": [\"Köpt vård\", \"Utomlänsvård\"]}",
            ),
            KOLUMNER,
        ]),
        "/// Förenklad resultaträkning vid `period` i mkr med en decimal: intäkter, \
             personalkostnader (varav inhyrd personal och övertid/mertid), övriga kostnadsslag, \
             summor och resultat; kolumnerna ack utfall, ack budget, ack avvikelse, ack utfall \
             fg år, helårsprognos, helårsbudget, avvikelse budget mot prognos, bokslut fg år och \
             ack avvikelse fg år. Tabellen ska ha kolumnerna period, enhet, post, typ och varde.",
        "/// Som `resultatrakning(t, period)`, med val: `rader` (raderna som data: en \
             tabell med kolumnerna rad, poster, typ (post, varav, summa, total), summa, tecken, \
             format och procent, t.ex. read_csv(\"rader.csv\")), `visa` (kolumnerna med namn: \
             \"ack utfall\", \"ack budget\", \"ack avvikelse\", \"avvikelse %\", \
             \"månadens avvikelse\", \"utfall fg år\", \"förändring %\", \"helårsprognos\", \
             \"årsbudget\", \"prognosavvikelse\", \"bokslut fg år\" m.fl.), `procent_rader` \
             (\"alla\" eller \"summor\"), `format` (beloppens format, standard \"mkr:1\"), \
             `konton` (vilka poster som hör till en rad, t.ex. #{\"Köpt vård\": [\"Köpt vård\", \
             \"Utomlänsvård\"]}) och `kolumner` (exportens egna kolumnnamn).",
    );
    with_options!(
        engine,
        keys,
        "kostnadsutveckling",
        (period: Dynamic) -> Table,
        development,
        [
            key(
                "justeringar",
                "poster som räknas bort: en tabell eller en lista av tabeller",
            ),
            key("grupper", "kostnadsslag → poster, t.ex. #{\"Löner\": [\"Löner\"]}"),
            KOLUMNER,
        ],
        "/// Kostnadsutveckling vid `period`: ack utfall mot ack utfall fg år i procent per \
             kostnadsslag (Löner, Inhyrd personal, Köpt vård, Läkemedel, Övrigt, Brutto total, \
             Fv-netto total).",
        "/// Som `kostnadsutveckling(t, period)`, med val: `justeringar` (en tabell eller en \
             lista av tabeller i samma format med poster som ska räknas bort, t.ex. felbokningar \
             och jämförelsestörande poster), `grupper` (kostnadsslag → poster) och `kolumner`.",
    );
    with_options!(
        engine,
        keys,
        "budgetavvikelse",
        (period: Dynamic, nivaer: Array) -> Table,
        by_level,
        with_report_options(&[KOLUMNER]),
        "/// Budgetavvikelse vid `period` per organisationsnivå: `nivaer` är kolumnerna \
             uppifrån och ned, t.ex. [\"forvaltning\", \"omrade\", \"enhet\"]. Varje enhet på en \
             övre nivå får en summarad följd av enheterna under den; sist en totalrad. Kolumner: \
             ack utfall, ack budget, ack avvikelse, helårsbudget, helårsprognos och \
             prognosavvikelse i mkr.",
        "/// Som `budgetavvikelse(t, period, nivaer)`, med val: `rader` (egna rader som data \
             med en nivå: raddeklarationens poster är nivåns värden), `visa` (kolumnerna med namn, \
             t.ex. [\"ack avvikelse\", \"avvikelse %\", \"månadens avvikelse\"]), \
             `procent_rader`, `format` (standard \"mkr:1\") och `kolumner` (exportens egna \
             kolumnnamn). Samma beräkning som `per_niva`, men nivåerna är huvudbokens egna \
             kolumner i stället för en organisationstabell.",
    );
    FuncRegistration::new("manadssnitt")
        .with_comments([
            "/// Genomsnitt per månad hittills i år: `ack` delat med periodens månadsnummer \
             (underskott 160 mkr i februari ger 80 mkr/månad).",
        ])
        .with_params_info(["ack: Dynamic", "period: Dynamic", "Decimal"])
        .register_into_engine(engine, |ack: Dynamic, period: Dynamic| -> R<Decimal> {
            Ok(prognos::run_rate(amount(&ack, "manadssnitt")?, period_arg(&period)?).0)
        });
    FuncRegistration::new("arstakt")
        .with_comments([
            "/// Helårseffekt i nuvarande takt: månadssnittet hittills i år gånger tolv \
             (80 mkr/månad × 12 = 960 mkr).",
        ])
        .with_params_info(["ack: Dynamic", "period: Dynamic", "Decimal"])
        .register_into_engine(engine, |ack: Dynamic, period: Dynamic| {
            year_rate(&ack, &period)
        });
    FuncRegistration::new("prognosintervall")
        .with_comments(["/// Prognos med intervall som text, belopp i kronor: \
             prognosintervall(-890000000, 20000000, 50000000) ger \"−890 mkr +20/−50 mkr\"."])
        .with_params_info(["prognos: Dynamic", "upp: Dynamic", "ned: Dynamic", "String"])
        .register_into_engine(
            engine,
            |p: Dynamic, upp: Dynamic, ned: Dynamic| -> R<String> {
                Ok(prognos::interval_text(
                    amount(&p, "prognosintervall")?,
                    amount(&upp, "prognosintervall")?,
                    amount(&ned, "prognosintervall")?,
                ))
            },
        );
    FuncRegistration::new("kanslighet")
        .with_comments([
            "/// Känslighetsintervall i prognosen per post: tabellen ska ha kolumnerna post, lag \
             och hog (kronor; lag negativ). Ger Post, Låg och Hög i mkr med en summarad.",
        ])
        .with_params_info(["t: Table", "Table"])
        .register_into_engine(engine, |t: &mut Table| sensitivity(t));
    with_options!(
        engine,
        keys,
        "atgardsplan",
        (period: Dynamic) -> Table,
        action_plan,
        [key(
            "per",
            "en kolumn, t.ex. \"enhet\": åtgärderna grupperas per värde",
        )],
        "/// Åtgärdsplanernas effekt vid `period`: tabellen ska ha kolumnerna period, \
             atgard, planerad och uppnadd (kronor per månad). Ger per åtgärd helårsplan, plan \
             ack, uppnått ack och andel uppnådd i procent, med en summarad.",
        "/// Som `atgardsplan(t, period)`, med valet `per` (en kolumn, t.ex. \"enhet\"): \
             åtgärderna grupperas per enhet i den ordning enheterna först förekommer, varje \
             grupp följs av en summarad och sist kommer raden Totalt.",
    );
    FuncRegistration::new("atgardslista")
        .with_comments([
            "/// Åtgärdslista som tabell: kolumnerna aktivitet, tidplan, malvarde (kronor), \
             status och kommentar blir Aktivitet, Tidplan, Målvärde (mkr), Status och Kommentar.",
        ])
        .with_params_info(["t: Table", "Table"])
        .register_into_engine(engine, |t: &mut Table| action_list(t));
    FuncRegistration::new("effekt")
        .with_comments([
            "/// Uppnådd effekt som andel av planerad, i procent (20,3 av 21,3 = 95,3); `()` när \
             inget var planerat.",
        ])
        .with_params_info(["uppnadd: Dynamic", "planerad: Dynamic", "Dynamic"])
        .register_into_engine(
            engine,
            |achieved: Dynamic, planned: Dynamic| -> R<Dynamic> {
                Ok(
                    match atgarder::effect_share(
                        amount(&achieved, "effekt")?,
                        amount(&planned, "effekt")?,
                    ) {
                        Some(s) => Dynamic::from_decimal(s),
                        None => Dynamic::UNIT,
                    },
                )
            },
        );
}

fn amount(value: &Dynamic, what: &str) -> R<Decimal> {
    to_decimal(value).ok_or_else(|| {
        fail(format!(
            "{what} behöver ett tal, inte {}",
            value.type_name()
        ))
    })
}

/// `arstakt`: twelve times the average month so far this year.
fn year_rate(ack: &Dynamic, period: &Dynamic) -> R<Decimal> {
    prognos::run_rate(amount(ack, "arstakt")?, period_arg(period)?)
        .1
        .ok_or_else(|| {
            fail("`arstakt`: beloppet är för stort; tolv gånger månadssnittet blir större än det största tal som går att räkna med")
        })
}

/// `#{"Rad": ["post", …]}` as (label, posts) pairs.
fn post_lists(value: &Dynamic, option: &str) -> R<Vec<(String, Vec<String>)>> {
    let Some(map) = value.read_lock::<Map>() else {
        return Err(fail(format!(
            "`{option}` ska vara en map från rad till lista av poster, t.ex. \
             #{{\"Köpt vård\": [\"Köpt vård\", \"Utomlänsvård\"]}}"
        )));
    };
    let mut out = Vec::with_capacity(map.len());
    for (label, posts) in map.iter() {
        let Some(list) = posts.read_lock::<Array>() else {
            return Err(fail(format!(
                "`{option}.{label}` ska vara en lista av postnamn, t.ex. [\"Köpt vård\"]"
            )));
        };
        let mut names = Vec::with_capacity(list.len());
        for p in list.iter() {
            let name = p
                .clone()
                .into_immutable_string()
                .map_err(|_| fail(format!("`{option}.{label}` ska bara innehålla text")))?;
            names.push(name.to_string());
        }
        out.push((label.to_string(), names));
    }
    Ok(out)
}

fn statement(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let shown = report_layout(options, &STATEMENT_COLUMNS, Some(Format::mkr(1)))?;
    let rows = layout.rows(t).map_err(fail)?;
    let mut lines = row_specs(options)?.unwrap_or_else(resultat::default_lines);
    if let Some(mapping) = options.get("konton") {
        lines = rader::remap(lines, &post_lists(mapping, "konton")?).map_err(fail)?;
    }
    resultat::table(&rows, period, &lines, &shown).map_err(fail)
}

fn tables(value: &Dynamic) -> R<Vec<Table>> {
    if let Some(t) = value.read_lock::<Table>() {
        return Ok(vec![t.clone()]);
    }
    if let Some(list) = value.read_lock::<Array>() {
        return list
            .iter()
            .map(|v| {
                v.read_lock::<Table>()
                    .map(|t| t.clone())
                    .ok_or_else(|| fail("`justeringar` ska bara innehålla tabeller"))
            })
            .collect();
    }
    Err(fail(format!(
        "`justeringar` ska vara en tabell eller en lista av tabeller, inte {}",
        value.type_name()
    )))
}

fn development(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let rows = layout.rows(t).map_err(fail)?;
    let adjustment_tables = match options.get("justeringar") {
        Some(v) => tables(v)?,
        None => Vec::new(),
    };
    let mut adjustments = Vec::with_capacity(adjustment_tables.len());
    for (i, a) in adjustment_tables.iter().enumerate() {
        adjustments.push(
            layout
                .rows(a)
                .map_err(|e| fail(format!("justering {}: {e}", i + 1)))?,
        );
    }
    let groups = match options.get("grupper") {
        Some(v) => post_lists(v, "grupper")?
            .into_iter()
            .map(|(label, posts)| utveckling::Group { label, posts })
            .collect(),
        None => utveckling::default_groups(),
    };
    let dev = utveckling::development(&rows, &adjustments, period, &groups).map_err(fail)?;
    utveckling::table(&dev).map_err(fail)
}

/// `budgetavvikelse`'s columns unless `visa` chooses others.
const LEVEL_COLUMNS: [(Measure, &str); 6] = [
    (Measure::AckUtfall, "Ack utfall"),
    (Measure::AckBudget, "Ack budget"),
    (Measure::AckAvvikelse, "Ack avvikelse"),
    (Measure::Arsbudget, "Helårsbudget"),
    (Measure::Helarsprognos, "Helårsprognos"),
    (Measure::Prognosavvikelse, "Prognosavvikelse"),
];

fn by_level(t: &Table, period: &Dynamic, levels: &Array, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let shown = report_layout(options, &LEVEL_COLUMNS, Some(Format::mkr(1)))?;
    let rows = layout.rows(t).map_err(fail)?;
    let mut names = Vec::with_capacity(levels.len());
    for l in levels {
        let name = l.clone().into_immutable_string().map_err(|_| {
            fail("nivåerna ska vara kolumnnamn (text), t.ex. [\"omrade\", \"enhet\"]")
        })?;
        names.push(match name.as_str() {
            "enhet" => layout.enhet.clone(),
            other => other.to_string(),
        });
    }
    let mut key_columns = Vec::with_capacity(names.len());
    for n in &names {
        key_columns.push(&*t.column(n).map_err(fail)?.values);
    }
    let laid_out = nivaer::by_columns(&rows, period, &key_columns).map_err(fail)?;
    if let Some(specs) = row_specs(options)? {
        // Declared rows: each adds up the level's values it lists (one level only).
        let [name] = names.as_slice() else {
            return Err(fail(
                "`rader` fungerar med en nivå: ange en kolumn, t.ex. [\"omrade\"], och skriv \
                 dess värden i raddeklarationens kolumn `poster`",
            ));
        };
        return nivaer::declared_table(name, &laid_out, &specs, &shown).map_err(fail);
    }
    nivaer::table(&names, &laid_out, &shown).map_err(fail)
}

fn sensitivity(t: &Table) -> R<Table> {
    prognos::sensitivity(t).map_err(fail)
}

fn action_plan(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let per = text_option(options, "per")?;
    atgarder::plan_table(t, period, per.as_deref()).map_err(fail)
}

fn action_list(t: &Table) -> R<Table> {
    atgarder::action_list(t).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::column::text_column;
    use crate::domain::testdata::ledger;
    use crate::table::{Column, Values};
    use crate::table::{RowKind, Value};

    fn dec(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn cell(t: &Table, row: usize, column: &str) -> Value {
        t.column(column).expect("column").values.get(row)
    }

    fn with_text_column(mut t: Table, name: &str, values: &[&str]) -> Table {
        t.set_column(text_column(name, values.iter().map(|v| v.to_string())))
            .expect("column");
        t
    }

    #[test]
    fn year_rate_of_a_huge_amount_is_an_error_not_a_panic() {
        let ack = Dynamic::from_decimal(Decimal::MAX);
        let err = year_rate(&ack, &Dynamic::from("2024-01")).expect_err("overflow");
        assert!(err.to_string().contains("för stort"), "{err}");
        let ok = year_rate(
            &Dynamic::from_decimal(dec("-160")),
            &Dynamic::from("2024-02"),
        );
        assert_eq!(ok.expect("rate"), dec("-960"));
    }

    #[test]
    fn statement_rows_kinds_and_format() {
        let t = ledger(&[
            ("2023-02", "A", "Regionersättning", "utfall", 3_000_000),
            ("2023-02", "A", "Löner", "utfall", -1_000_000),
            ("2023-02", "A", "Övertid/mertid", "utfall", -250_000),
            ("2023-02", "A", "Löner", "budget", -900_000),
        ]);
        let s = statement(&t, &Dynamic::from("2023-02"), &Map::new()).expect("statement");
        assert_eq!(s.len(), 17);
        let post = |r: usize| cell(&s, r, "Post").label();
        assert_eq!(post(6), "Personalkostnader");
        assert_eq!(s.kinds[8], RowKind::Varav);
        assert_eq!(s.kinds[5], RowKind::Subtotal);
        assert_eq!(s.kinds[16], RowKind::Total);
        assert_eq!(
            cell(&s, 6, "Ack utfall inn år"),
            Value::Decimal(dec("-1250000"))
        );
        assert_eq!(
            cell(&s, 6, "Ack avv från budget"),
            Value::Decimal(dec("-350000"))
        );
        assert_eq!(
            cell(&s, 16, "Ack utfall inn år"),
            Value::Decimal(dec("1750000"))
        );
        // No previous year: empty, not zero.
        assert_eq!(cell(&s, 16, "Ack utfall fg år"), Value::Null);
        let f = s.column("Helår budget");
        assert_eq!(f.expect("column").format, Some(Format::mkr(1)));
    }

    #[test]
    fn statement_options_are_checked() {
        let t = ledger(&[("2023-02", "A", "Löner", "utfall", -1)]);
        // Keys are checked where the built-in is registered (with_options!).
        let engine = crate::script::builtin_engine();
        let mut scope = rhai::Scope::new();
        scope.push("t", t.clone());
        let err = engine
            .eval_with_scope::<Table>(
                &mut scope,
                "resultatrakning(t, \"2023-02\", #{ konto: () })",
            )
            .expect_err("unknown option");
        assert!(err.to_string().contains("`konto`"), "{err}");
        let mut o = Map::new();
        o.insert("konton".into(), Dynamic::from("Löner"));
        let err = statement(&t, &Dynamic::from("2023-02"), &o).expect_err("not a map");
        assert!(
            err.to_string().contains("`konton` ska vara en map"),
            "{err}"
        );
    }

    #[test]
    fn deviation_per_level_with_a_unit_that_starts_mid_year() {
        let t = ledger(&[
            ("2024-01", "A", "Löner", "utfall", -10),
            ("2024-01", "A", "Löner", "budget", -8),
            ("2024-02", "B", "Löner", "utfall", -5),
            ("2024-12", "B", "Löner", "budget", -60),
            ("2024-02", "C", "Löner", "utfall", -1),
            ("2024-02", "C", "Löner", "prognos", -30),
        ]);
        let t = with_text_column(t, "omrade", &["X", "X", "X", "X", "Y", "Y"]);
        let levels: Array = vec![Dynamic::from("omrade"), Dynamic::from("enhet")];
        let d = by_level(&t, &Dynamic::from("2024-02"), &levels, &Map::new()).expect("levels");
        let names: Vec<String> = (0..d.len())
            .map(|r| cell(&d, r, "omrade").label())
            .collect();
        let units: Vec<String> = (0..d.len()).map(|r| cell(&d, r, "enhet").label()).collect();
        assert_eq!(names[0], "X");
        assert_eq!(units[1..3], ["A".to_string(), "B".to_string()]);
        assert_eq!(names[3], "Y");
        assert_eq!(names[5], "Totalt");
        assert_eq!(d.kinds[0], RowKind::Subtotal);
        assert_eq!(d.kinds[5], RowKind::Total);
        // X: outcome −15 against budget −8 so far; B's budget is all in December.
        assert_eq!(cell(&d, 0, "Ack avvikelse"), Value::Decimal(dec("-7")));
        assert_eq!(cell(&d, 0, "Helårsbudget"), Value::Decimal(dec("-68")));
        // Unit C has no budget: its forecast deviation is the forecast itself.
        assert_eq!(cell(&d, 4, "Prognosavvikelse"), Value::Decimal(dec("-30")));
        assert_eq!(cell(&d, 4, "Ack budget"), Value::Null);
        // A unit name under two områden stays apart; a row without an område is left out.
        let mut t = ledger(&[
            ("2024-02", "A", "Löner", "utfall", -1),
            ("2024-02", "A", "Löner", "utfall", -2),
            ("2024-02", "A", "Löner", "utfall", -4),
        ]);
        t.set_column(Column::new(
            "omrade",
            Values::Text(vec![Some("X".into()), Some("Y".into()), None].into()),
        ))
        .expect("column");
        let d = by_level(&t, &Dynamic::from("2024-02"), &levels, &Map::new()).expect("levels");
        let labels: Vec<(String, String)> = (0..d.len())
            .map(|r| (cell(&d, r, "omrade").label(), cell(&d, r, "enhet").label()))
            .collect();
        let label = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            labels,
            [
                label("X", ""),
                label("", "A"),
                label("Y", ""),
                label("", "A"),
                label("Totalt", "")
            ]
        );
        let outcome: Vec<Value> = (0..d.len()).map(|r| cell(&d, r, "Ack utfall")).collect();
        assert_eq!(
            outcome,
            [-1, -1, -2, -2, -3].map(|v| Value::Decimal(Decimal::from(v)))
        );
        let err = by_level(&t, &Dynamic::from("2024-02"), &Array::new(), &Map::new())
            .expect_err("no levels");
        assert!(err.to_string().contains("minst en nivå"), "{err}");
    }

    #[test]
    fn sensitivity_sums_low_and_high() {
        let t = Table::new(vec![
            text_column("post", ["A", "B"].map(String::from)),
            Column::new("lag", Values::Int(vec![Some(-30), Some(-20)].into())),
            Column::new("hog", Values::Int(vec![Some(10), None].into())),
        ])
        .expect("table");
        let s = sensitivity(&t).expect("sensitivity");
        assert_eq!(cell(&s, 2, "Post").label(), "Summa");
        assert_eq!(cell(&s, 2, "Låg"), Value::Decimal(dec("-50")));
        assert_eq!(cell(&s, 2, "Hög"), Value::Decimal(dec("10")));
        assert_eq!(s.kinds[2], RowKind::Total);
    }

    #[test]
    fn sums_too_large_for_a_decimal_are_errors_not_panics() {
        let huge = || Values::Decimal(vec![Some(Decimal::MAX), Some(Decimal::MAX)].into());
        let t = Table::new(vec![
            text_column("post", ["A", "B"].map(String::from)),
            Column::new("lag", Values::Int(vec![Some(-30), Some(-20)].into())),
            Column::new("hog", huge()),
        ])
        .expect("table");
        let err = sensitivity(&t).expect_err("overflow");
        assert!(err.to_string().contains("`hog`"), "{err}");
        let period = |s: &str| crate::period::Period::parse(s);
        let t = Table::new(vec![
            Column::new(
                "period",
                Values::Period(vec![period("2024-01"), period("2024-02")].into()),
            ),
            text_column("atgard", ["A", "A"].map(String::from)),
            Column::new("planerad", huge()),
            Column::new("uppnadd", Values::Int(vec![Some(1), Some(1)].into())),
        ])
        .expect("table");
        let err = action_plan(&t, &Dynamic::from("2024-02"), &Map::new()).expect_err("overflow");
        assert!(err.to_string().contains("för stor"), "{err}");
    }

    #[test]
    fn action_plan_shares_and_sum() {
        let period = |s: &str| crate::period::Period::parse(s);
        let t = Table::new(vec![
            Column::new(
                "period",
                Values::Period(
                    vec![period("2024-01"), period("2024-02"), period("2024-03")].into(),
                ),
            ),
            text_column("atgard", ["A", "A", "B"].map(String::from)),
            Column::new(
                "planerad",
                Values::Int(vec![Some(10), Some(10), Some(5)].into()),
            ),
            Column::new("uppnadd", Values::Int(vec![Some(9), Some(10), None].into())),
        ])
        .expect("table");
        let a = action_plan(&t, &Dynamic::from("2024-02"), &Map::new()).expect("plan");
        assert_eq!(cell(&a, 0, "Andel uppnådd"), Value::Decimal(dec("95")));
        // B starts in March: nothing planned yet, no share.
        assert_eq!(cell(&a, 1, "Andel uppnådd"), Value::Null);
        assert_eq!(cell(&a, 2, "Helår plan"), Value::Decimal(dec("25")));
        assert_eq!(cell(&a, 2, "Uppnått ack"), Value::Decimal(dec("19")));
        assert_eq!(cell(&a, 2, "Andel uppnådd"), Value::Decimal(dec("95")));
    }
}
