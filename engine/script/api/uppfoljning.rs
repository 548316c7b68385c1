//! Scripts' follow-up functions: `per_niva` (budget deviation per organisational level),
//! `resultat_region`, `investeringar`, `uppdrag_mot_plan`, `manadsvis` and `mkr_kort`.

use rhai::{Array, Dynamic, Engine, EvalAltResult, FuncRegistration, Map};
use rust_decimal::Decimal;

use super::domain::{
    KOLUMNER, check_options, period_arg, report_layout, row_specs, text_option, with_report_options,
};
use super::fail;
use super::overloads::{OptionIndex, OptionKey, key, with_options};
use crate::domain::long::Layout;
use crate::domain::uppfoljning::manad::{PostFilter, by_month};
use crate::domain::uppfoljning::niva::{
    Financing, LevelQuery, level_report, per_level, region_result,
};
use crate::domain::uppfoljning::{
    LEVEL_COLUMNS, MKR_KORT_GRANS, Organisation, investering, level_layout, level_table,
    mkr_short_column, uppdrag,
};
use crate::table::{Format, Table};

type R<T> = Result<T, Box<EvalAltResult>>;

/// `per_niva`'s options.
fn level_options() -> Vec<OptionKey> {
    with_report_options(&[
        key(
            "niva",
            "en nivå, eller två som [\"verksamhetsomrade\", \"omrade\"] för delsummor",
        ),
        key("urval", "t.ex. #{namnd: \"Regionstyrelsen\"}"),
        key(
            "utom",
            "poster som lämnas utanför, t.ex. jämförelsestörande poster",
        ),
        key("summarad", "summaradens text"),
        KOLUMNER,
    ])
}

/// `uppdrag_mot_plan`'s options.
const ASSIGNMENT_OPTIONS: [OptionKey; 4] = [
    key("post", "posten, t.ex. \"Resekostnader\""),
    key("minskning", "andel, t.ex. 0.15"),
    key("niva", "nivån (standard \"forvaltning\")"),
    KOLUMNER,
];

pub fn register(engine: &mut Engine, keys: &mut OptionIndex) {
    keys.add("per_niva", &level_options());
    FuncRegistration::new("per_niva")
        .with_comments([
            "/// Budgetuppföljning per organisatorisk nivå vid `period`: en rad per enhet på nivån \
             (en kolumn i organisationstabellen `org`, vars första kolumn är enheten) och en \
             summarad \"Verksamhetens nettokostnader\". Kolumner: utfall, budget och avvikelse \
             för månaden, ack utfall fg år, ack utfall, ack budget, ack avvikelse, \
             nettokostnadsutveckling i procent, årsbudget, prognos och prognosavvikelse (mkr). \
             Val: `niva` (en nivå, eller två som [\"verksamhetsomrade\", \"omrade\"] för \
             delsummor med underrader), `urval` (t.ex. #{namnd: \"Regionstyrelsen\"}), \
             `utom` (poster som lämnas utanför, t.ex. jämförelsestörande poster, eller \
             \"Intäkter\" för bruttokostnadsutveckling), `summarad` (summaradens text), `rader` (egna rader \
             som data med en nivå: raddeklarationens poster är nivåns värden, t.ex. områden), \
             `visa` (kolumnerna med namn, t.ex. [\"ack avvikelse\", \"avvikelse %\", \
             \"månadens avvikelse\"]), `procent_rader` (\"alla\" eller \"summor\"), `format` \
             (standard \"mkr:0\"), `kolumner` (exportens kolumnnamn). Prognosavvikelsen är tom \
             där ingen prognos gjorts.",
        ])
        .with_params_info([
            "t: Table",
            "org: Table",
            "period: Dynamic",
            "val: Map",
            "Table",
        ])
        .register_into_engine(
            engine,
            |t: &mut Table, org: Table, period: Dynamic, options: Map| {
                levels(t, &org, &period, &options)
            },
        );
    with_options!(
        engine,
        keys,
        "resultat_region",
        (org: Table, period: Dynamic) -> Table,
        region,
        [
            key("niva", "nivån (standard \"namnd\")"),
            key("skatter", "skatteintäkternas och statsbidragens poster"),
            key("finansnetto", "finansnettots poster"),
            KOLUMNER,
        ],
        "/// Som `resultat_region(t, org, period, val)` utan val.",
        "/// Regionens resultat vid `period`: verksamhetens nettokostnader per nämnd, \
             skatteintäkter och generella statsbidrag, verksamhetens resultat, finansnetto och \
             resultat, med samma kolumner som `per_niva`. Val: `niva` (standard \"namnd\"), \
             `skatter` och `finansnetto` (posternas namn), `kolumner`.",
    );
    with_options!(
        engine,
        keys,
        "investeringar",
        (period: Dynamic) -> Table,
        investments,
        [KOLUMNER],
        "/// Investeringar per område vid `period`: utfall ack, prognos, årsbudget och \
             prognosavvikelse (årsbudget − prognos, positiv när prognosen är lägre än budget), \
             med raden Totalt. Utgifterna anges som positiva belopp.",
        "/// Som `investeringar(t, period)`, med valet `kolumner`.",
    );
    keys.add("uppdrag_mot_plan", &ASSIGNMENT_OPTIONS);
    FuncRegistration::new("uppdrag_mot_plan")
        .with_comments([
            "/// Besparingsuppdrag mot plan vid `period`: postens ack kostnad i år och i fjol per \
             nivå, planen (fjolårets kostnad minskad med `minskning`), diff mot plan och diff \
             mot fjolåret, i tkr med kostnader som positiva belopp, och raden Totalt. Val: \
             `post` (t.ex. \"Resekostnader\"), `minskning` (andel, t.ex. 0.15), `niva` \
             (standard \"forvaltning\"), `kolumner`.",
        ])
        .with_params_info([
            "t: Table",
            "org: Table",
            "period: Dynamic",
            "val: Map",
            "Table",
        ])
        .register_into_engine(
            engine,
            |t: &mut Table, org: Table, period: Dynamic, options: Map| {
                assignment(t, &org, &period, &options)
            },
        );
    with_options!(
        engine,
        keys,
        "manadsvis",
        (period: Dynamic) -> Table,
        monthly,
        [
            key("poster", "bara dessa poster"),
            key("utom", "alla poster utom dessa"),
            KOLUMNER,
        ],
        "/// Som `manadsvis(t, period, val)` för alla poster.",
        "/// Månad för månad under `period`s år: utfall, budget, utfall fg år, rullande tolv \
             månader (R12), budget R12 och R12:s förändring i procent mot ett år tidigare, i mkr. Data till \
             rapporternas månadsdiagram. Val: `poster` (bara dessa poster), `utom` (alla poster \
             utom dessa), `kolumner`.",
    );
    with_options!(
        engine,
        keys,
        "mkr_kort",
        (kolumn: &str) -> Table,
        short_mkr,
        [key(
            "grans",
            "under hur många mkr beloppet visas med en decimal (standard 0,95)",
        )],
        "/// Visar kolumnen i hela miljoner kronor, men med en decimal när beloppet är under \
         1 mkr (−0,4; 0,0 för ett litet belopp; 0 när det är exakt noll), som rapporterna \
         visar små avvikelser.",
        "/// Som `mkr_kort(t, kolumn)`, med valet `grans`: under hur många mkr beloppet visas \
         med en decimal (standard 0,95, som regionstyrelsens tabeller).",
    );
}

fn text_list(options: &Map, key: &str) -> R<Option<Vec<String>>> {
    let Some(v) = options.get(key) else {
        return Ok(None);
    };
    if let Ok(s) = v.clone().into_immutable_string() {
        return Ok(Some(vec![s.to_string()]));
    }
    let Some(array) = v.read_lock::<Array>() else {
        return Err(fail(format!(
            "`{key}` ska vara text eller en lista med text"
        )));
    };
    array
        .iter()
        .map(|item| {
            item.clone()
                .into_immutable_string()
                .map(|s| s.to_string())
                .map_err(|_| fail(format!("`{key}` ska vara en lista med text")))
        })
        .collect::<R<Vec<String>>>()
        .map(Some)
}

fn levels(t: &Table, org: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    check_options(options, &level_options())?;
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let org = Organisation::new(org).map_err(fail)?;
    let Some(levels) = text_list(options, "niva")? else {
        return Err(fail(
            "ange nivån med valet `niva`, t.ex. #{niva: \"forvaltning\"}",
        ));
    };
    let mut selection = Vec::new();
    if let Some(v) = options.get("urval") {
        let Some(map) = v.read_lock::<Map>() else {
            return Err(fail(
                "`urval` ska vara en map, t.ex. #{namnd: \"Regionstyrelsen\"}",
            ));
        };
        for (k, v) in map.iter() {
            let value = v
                .clone()
                .into_immutable_string()
                .map_err(|_| fail(format!("`urval.{k}` ska vara text")))?;
            selection.push((k.to_string(), value.to_string()));
        }
    }
    let query = LevelQuery {
        levels: levels.clone(),
        selection,
        exclude_posts: Financing::default()
            .taxes
            .into_iter()
            .chain(Financing::default().financial)
            .chain(text_list(options, "utom")?.unwrap_or_default())
            .collect(),
    };
    let shown = report_layout(options, &LEVEL_COLUMNS, Some(Format::mkr(0)))?;
    let rows = per_level(t, &layout, &org, period, &query).map_err(fail)?;
    let specs = row_specs(options)?;
    // The sum row's label matters only without declared rows.
    let summary = match specs {
        Some(_) => None,
        None => text_option(options, "summarad")?,
    };
    level_report(&levels, rows, specs.as_deref(), summary, &shown).map_err(fail)
}

fn region(t: &Table, org: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let org = Organisation::new(org).map_err(fail)?;
    let level = text_option(options, "niva")?.unwrap_or_else(|| "namnd".into());
    let mut financing = Financing::default();
    if let Some(v) = text_list(options, "skatter")? {
        financing.taxes = v;
    }
    if let Some(v) = text_list(options, "finansnetto")? {
        financing.financial = v;
    }
    let rows = region_result(t, &layout, &org, period, &level, &financing).map_err(fail)?;
    level_table(&level, &rows, &level_layout().map_err(fail)?).map_err(fail)
}

fn investments(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    investering::investments(t, &layout, period).map_err(fail)
}

fn assignment(t: &Table, org: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    check_options(options, &ASSIGNMENT_OPTIONS)?;
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let org = Organisation::new(org).map_err(fail)?;
    let Some(post) = text_option(options, "post")? else {
        return Err(fail(
            "ange posten med valet `post`, t.ex. #{post: \"Resekostnader\"}",
        ));
    };
    let reduction = match options.get("minskning") {
        None => return Err(fail("ange minskningen med valet `minskning`, t.ex. 0.15")),
        Some(v) => v
            .as_decimal()
            .ok()
            .or_else(|| v.as_int().ok().map(Decimal::from))
            .ok_or_else(|| fail("`minskning` ska vara en andel, t.ex. 0.15"))?,
    };
    let level = text_option(options, "niva")?.unwrap_or_else(|| "forvaltning".into());
    let rows =
        uppdrag::against_plan(t, &layout, &org, period, &post, &level, reduction).map_err(fail)?;
    uppdrag::plan_table(&rows).map_err(fail)
}

fn monthly(t: &Table, period: &Dynamic, options: &Map) -> R<Table> {
    let period = period_arg(period)?;
    let layout = Layout::from_options(options).map_err(fail)?;
    let posts = PostFilter {
        only: text_list(options, "poster")?.unwrap_or_default(),
        except: text_list(options, "utom")?.unwrap_or_default(),
    };
    by_month(t, &layout, period, &posts).map_err(fail)
}

fn short_mkr(t: &Table, name: &str, options: &Map) -> R<Table> {
    let threshold = match options.get("grans") {
        None => MKR_KORT_GRANS,
        Some(v) => crate::script::api::number::to_decimal(v)
            .filter(|g| *g > Decimal::ZERO)
            .ok_or_else(|| fail("`grans` ska vara ett positivt tal (mkr), t.ex. 0.95"))?,
    };
    mkr_short_column(t, name, threshold).map_err(fail)
}
