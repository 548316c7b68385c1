//! From a Table and options to a [`Chart`]: column checks, categories and series, unit.

use rust_decimal::Decimal;

use super::scale::DRAWABLE;
use crate::number::format_decimal;

use super::series::{over_time, per_year, pivot};
use super::{Chart, Kind, Series, Target};
use crate::table::{Column, Format, Table, Values};

/// How horizontal bars are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Largest at the top, most negative at the bottom (the default).
    Desc,
    Asc,
    /// As in the table.
    Keep,
}

/// What the writer asked for; `None` picks the default.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub x: Option<String>,
    pub y: Vec<String>,
    pub series: Option<String>,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub target: Option<Decimal>,
    pub target_band: Option<(Decimal, Decimal)>,
    pub target_label: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub colors: Vec<(u8, u8, u8)>,
    pub zero: Option<bool>,
    pub sort: Option<Sort>,
    pub end: Option<String>,
    /// Series drawn as lines over the bars (bar charts).
    pub lines: Vec<String>,
    pub source: Option<String>,
    pub description: Option<String>,
}

/// Most categories and series a chart draws: more is unreadable (and a table is better).
const MAX_CATEGORIES: usize = 600;
const MAX_SERIES: usize = 12;

/// Build a chart of `kind` from `table`.
pub fn build(kind: Kind, table: &Table, opts: Options) -> Result<Chart, String> {
    let fname = format!("{}_chart", kind.slug());
    if table.columns.is_empty() || table.data_rows().next().is_none() {
        return Err(format!(
            "{fname}: tabellen är tom; ett diagram behöver rader att visa"
        ));
    }
    // By default x is the first column of labels (text, periods, dates), else the first.
    let x_name = opts.x.clone().unwrap_or_else(|| {
        table
            .columns
            .iter()
            .find(|c| !c.values.is_numeric())
            .unwrap_or(&table.columns[0])
            .name
            .clone()
    });
    let x = table.column(&x_name)?;
    let series_col = match &opts.series {
        Some(s) => Some(table.column(s)?),
        None => None,
    };
    let ys = y_columns(table, &opts, &x_name)?;
    let rows: Vec<usize> = table.data_rows().collect();

    let in_time = matches!(*x.values, Values::Period(_) | Values::Date(_)) || kind == Kind::Time;
    let by_year = matches!(kind, Kind::Line)
        && matches!(*x.values, Values::Period(_))
        && series_col.is_none()
        && ys.len() == 1;
    let (mut categories, mut names, periods, mut series) = if by_year {
        per_year(x, ys[0], &rows)?
    } else if kind == Kind::Time {
        over_time(x, series_col, &ys, &rows)?
    } else {
        pivot(x, series_col, &ys, &rows)?
    };
    if categories.len() > MAX_CATEGORIES {
        return Err(format!(
            "{fname}: {} olika värden i `{x_name}` är för många för ett diagram (högst {MAX_CATEGORIES})",
            categories.len()
        ));
    }
    if series.len() > MAX_SERIES {
        return Err(format!(
            "{fname}: {} serier är för många för ett läsbart diagram (högst {MAX_SERIES}); välj ut några med filter",
            series.len()
        ));
    }
    if matches!(kind, Kind::HBar | Kind::Waterfall) && series.len() != 1 {
        return Err(format!(
            "{fname} visar en serie; ange en y-kolumn och ingen `series` (nu {} serier)",
            series.len()
        ));
    }
    if !opts.lines.is_empty() {
        if kind != Kind::Bar {
            return Err(format!(
                "{fname}: `line` finns bara för bar_chart (linjer över staplarna)"
            ));
        }
        for name in &opts.lines {
            let Some(s) = series.iter_mut().find(|s| &s.name == name) else {
                let names: Vec<String> = series.iter().map(|s| format!("`{}`", s.name)).collect();
                return Err(format!(
                    "{fname}: `line` nämner `{name}`, men serierna är {}",
                    names.join(", ")
                ));
            };
            s.as_line = true;
        }
        if series.iter().all(|s| s.as_line) {
            return Err(format!("{fname}: minst en serie ska vara staplar"));
        }
    }
    check_drawable(&series, &opts)?;
    if kind == Kind::HBar {
        sort_bars(
            opts.sort.unwrap_or(Sort::Desc),
            &mut categories,
            &mut names,
            &mut series[0],
        );
    }
    if kind == Kind::Waterfall {
        let end = opts.end.clone().unwrap_or_else(|| "Utfall".to_string());
        let total: Decimal = series[0].values.iter().flatten().copied().sum();
        series[0].values.push(Some(total));
        categories.push(end.clone());
        names.push(end);
    }

    let (format, unit_label, percent) = unit(&opts, ys[0])?;
    // Per-year lines run over months, whatever the period column is called.
    let x_name = if by_year {
        "Månad".to_string()
    } else {
        x_name
    };
    let target = match (opts.target, opts.target_band) {
        (Some(_), Some(_)) => {
            return Err("ange antingen `target` eller `target_band`, inte båda".into());
        }
        (Some(t), None) => Some(Target::Line(t)),
        (None, Some((a, b))) => Some(Target::Band(a.min(b), a.max(b))),
        (None, None) => None,
    };
    let target_label = opts.target_label.clone().unwrap_or_else(|| "Mål".into());
    let title = opts.title.clone().unwrap_or_else(|| {
        let ys: Vec<&str> = ys.iter().map(|c| c.name.as_str()).collect();
        format!("{} per {}", ys.join(" och "), x_name.to_lowercase())
    });
    let default_height = match kind {
        // Room per bar, more when long names wrap onto more lines.
        Kind::HBar => {
            let long = categories.iter().any(|c| c.chars().count() > 36);
            70 + if long { 44 } else { 30 } * categories.len() as u32
        }
        _ => 380,
    };
    let width = opts.width.unwrap_or(720).clamp(240, 2000);
    let height = opts.height.unwrap_or(default_height).clamp(160, 2000);
    let zero = match kind {
        Kind::Line | Kind::Time => opts.zero.unwrap_or_else(|| starts_near_zero(&series)),
        _ => true,
    };
    let mut chart = Chart {
        kind,
        title,
        x_name,
        categories,
        category_names: names,
        periods,
        in_time,
        series,
        by_year,
        format,
        percent,
        unit_label,
        target,
        target_label,
        width,
        height,
        colors: opts.colors,
        zero,
        source: opts.source,
        description: opts.description,
        svg: None,
    };
    // Drawn here, while the cell runs: a chart that cannot be drawn is the cell's error at
    // its line (in the build, the preview and the editor alike), not a page that fails later.
    let svg = super::html::draw_svg(&chart).map_err(|e| format!("{fname}: {e}"))?;
    chart.svg = Some(svg.into());
    Ok(chart)
}

/// Every value and the target within what a chart draws ([`DRAWABLE`]), so that scales, sums
/// of stacked bars and waterfall levels stay inside a decimal's range.
fn check_drawable(series: &[Series], opts: &Options) -> Result<(), String> {
    let too_large = |v: Decimal, place: String| {
        format!(
            "värdet {} {place}är för stort för ett diagram, som visar värden upp till ±{}; \
             kontrollera datat eller visa det som en tabell",
            format_decimal(v, None),
            format_decimal(DRAWABLE, None)
        )
    };
    for s in series {
        if let Some(v) = s.values.iter().flatten().find(|v| v.abs() > DRAWABLE) {
            return Err(too_large(*v, format!("i serien `{}` ", s.name)));
        }
    }
    let targets = opts
        .target
        .into_iter()
        .chain(opts.target_band.into_iter().flat_map(|(a, b)| [a, b]));
    for t in targets {
        if t.abs() > DRAWABLE {
            return Err(too_large(t, "(målet) ".to_string()));
        }
    }
    Ok(())
}

/// The value columns: the `y` option, else the first numeric column that is not x or series.
fn y_columns<'a>(
    table: &'a Table,
    opts: &Options,
    x_name: &str,
) -> Result<Vec<&'a Column>, String> {
    let numeric: Vec<String> = table
        .columns
        .iter()
        .filter(|c| c.values.is_numeric())
        .map(|c| format!("`{}`", c.name))
        .collect();
    let numeric_text = if numeric.is_empty() {
        "tabellen har inga talkolumner".to_string()
    } else {
        format!("talkolumnerna är {}", numeric.join(", "))
    };
    let names: Vec<String> = if opts.y.is_empty() {
        let first = table.columns.iter().find(|c| {
            c.values.is_numeric() && c.name != x_name && Some(&c.name) != opts.series.as_ref()
        });
        match first {
            Some(c) => vec![c.name.clone()],
            None => return Err(format!("ange y: kolumnen med talen; {numeric_text}")),
        }
    } else {
        opts.y.clone()
    };
    if opts.series.is_some() && names.len() > 1 {
        return Err("med `series` tar diagrammet en y-kolumn; ange y som en kolumn".into());
    }
    names
        .iter()
        .map(|n| {
            let c = table.column(n)?;
            if c.values.is_numeric() {
                Ok(c)
            } else {
                Err(format!(
                    "kolumnen `{n}` är {}, men y ska vara tal; {numeric_text}",
                    c.values.type_name()
                ))
            }
        })
        .collect()
}

/// Sort categories by the one series' value.
fn sort_bars(sort: Sort, cats: &mut Vec<String>, names: &mut Vec<String>, s: &mut Series) {
    if sort == Sort::Keep {
        return;
    }
    let mut order: Vec<usize> = (0..cats.len()).collect();
    order.sort_by(|&a, &b| {
        let (va, vb) = (s.values[a], s.values[b]);
        let ord = match (va, vb) {
            (Some(x), Some(y)) if sort == Sort::Desc => y.cmp(&x),
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        ord.then(a.cmp(&b))
    });
    *cats = order.iter().map(|&i| cats[i].clone()).collect();
    *names = order.iter().map(|&i| names[i].clone()).collect();
    s.values = order.iter().map(|&i| s.values[i]).collect();
}

/// The format from the `unit` option (a table format like `mkr:1`, or a word like `dagar`),
/// else the y column's format, else plain numbers.
fn unit(opts: &Options, y: &Column) -> Result<(Format, String, bool), String> {
    let format = match &opts.unit {
        Some(u) => match Format::parse(u) {
            Ok(f) => Some(f),
            Err(_) if !u.trim().is_empty() && u.chars().all(|c| c.is_alphabetic() || c == ' ') => {
                let plain = Format::dec(None);
                return Ok((plain, u.trim().to_string(), false));
            }
            Err(e) => return Err(format!("unit: {e}; eller ett ord som `dagar`")),
        },
        None => y.format,
    };
    let format = match format {
        Some(f) => f,
        None => Format::dec(None),
    };
    let percent = format.number(Decimal::ONE).ends_with('%');
    let label = if percent {
        ""
    } else if format.divisor() == Decimal::from(1_000_000) {
        "mkr"
    } else if format.divisor() == Decimal::from(1000) {
        "tkr"
    } else if opts
        .unit
        .as_deref()
        .is_some_and(|u| u.trim().starts_with("kr"))
    {
        "kr"
    } else {
        ""
    };
    Ok((format, label.to_string(), percent))
}

/// Lines keep zero on the axis unless every value is well above it (78–92 % reads better
/// without 0–70 % of empty space).
fn starts_near_zero(series: &[Series]) -> bool {
    let values: Vec<Decimal> = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let (Some(min), Some(max)) = (values.iter().min(), values.iter().max()) else {
        return true;
    };
    if min.is_sign_negative() {
        return true;
    }
    *min * Decimal::from(2) < *max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Period;
    use std::sync::Arc;

    fn text(v: &[&str]) -> Values {
        Values::Text(v.iter().map(|s| Some(Arc::from(*s))).collect())
    }

    fn ints(v: &[i64]) -> Values {
        Values::Int(v.iter().map(|i| Some(*i)).collect())
    }

    fn table(cols: Vec<(&str, Values)>) -> Table {
        Table::new(cols.into_iter().map(|(n, v)| Column::new(n, v)).collect()).expect("table")
    }

    #[test]
    fn per_year_lines_put_the_latest_year_first_in_style() {
        let periods = ["2023-11", "2023-12", "2024-01", "2024-02"]
            .iter()
            .map(|p| Period::parse(p))
            .collect();
        let t = table(vec![
            ("Period", Values::Period(periods)),
            ("Antal", ints(&[1, 2, 3, 4])),
        ]);
        let c = build(Kind::Line, &t, Options::default()).expect("chart");
        assert!(c.by_year);
        assert_eq!(c.categories.len(), 12);
        assert_eq!(c.categories[0], "jan");
        assert_eq!(c.category_names[11], "december");
        let names: Vec<&str> = c.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["2023", "2024"]);
        assert_eq!(c.series[1].style, 0, "2024 gets the strongest style");
        assert_eq!(c.series[0].values[10], Some(Decimal::from(1)));
        assert_eq!(c.series[1].values[1], Some(Decimal::from(4)));
        assert_eq!(c.series[1].values[2], None);
        assert_eq!(c.title, "Antal per månad");
    }

    #[test]
    fn categories_in_table_order_or_ascending() {
        let t = table(vec![
            ("Enhet", text(&["Öst", "Väst", "Öst"])),
            ("År", ints(&[2024, 2023, 2023])),
            ("V", ints(&[1, 2, 3])),
        ]);
        let opts = Options {
            series: Some("År".into()),
            ..Options::default()
        };
        let c = build(Kind::Bar, &t, opts).expect("chart");
        assert_eq!(c.categories, ["Öst", "Väst"], "text keeps first appearance");
        let names: Vec<&str> = c.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["2023", "2024"], "years ascending");
        assert_eq!(
            c.series[0].values,
            [Some(Decimal::from(3)), Some(Decimal::from(2))]
        );
        let t = table(vec![("Månad", ints(&[3, 1, 2])), ("V", ints(&[1, 2, 3]))]);
        let c = build(Kind::Bar, &t, Options::default()).expect("chart");
        assert_eq!(
            c.categories,
            ["jan", "feb", "mar"],
            "month numbers as names"
        );
        assert_eq!(c.series[0].values[0], Some(Decimal::from(2)));
    }

    #[test]
    fn a_built_chart_is_shown_from_its_stored_svg_without_a_copy() {
        let t = table(vec![("Enhet", text(&["A", "B"])), ("V", ints(&[1, 2]))]);
        let c = build(Kind::Bar, &t, Options::default()).expect("chart");
        let stored = c.svg.clone().expect("drawn while built");
        let shown = super::super::render_svg(&c).expect("svg");
        assert!(
            matches!(&shown, std::borrow::Cow::Borrowed(s) if s.as_ptr() == stored.as_ptr()),
            "the stored SVG is borrowed"
        );
        assert!(shown.starts_with("<svg class=\"chart-svg\""), "{shown}");
        assert!(super::super::render_html(&c).contains(&*stored));
        // A chart without a stored SVG is drawn now, to the same text.
        let fresh = Chart { svg: None, ..c };
        assert_eq!(super::super::render_svg(&fresh).expect("svg"), &*stored);
    }

    #[test]
    fn units_and_labels() {
        let t = table(vec![("Enhet", text(&["A"])), ("Dagar", ints(&[4]))]);
        let word = Options {
            unit: Some("dagar".into()),
            ..Options::default()
        };
        let c = build(Kind::Bar, &t, word).expect("chart");
        assert_eq!(c.unit_label, "dagar");
        assert_eq!(c.value_text(Decimal::from(4)), "4\u{a0}dagar");
        let mkr = Options {
            unit: Some("mkr:1".into()),
            ..Options::default()
        };
        let c = build(Kind::Bar, &t, mkr).expect("chart");
        assert_eq!(c.unit_label, "mkr");
        assert_eq!(c.shown(Decimal::from(2_500_000)), Decimal::new(25, 1));
        assert_eq!(c.value_text(Decimal::from(2_500_000)), "2,5\u{a0}mkr");
        let pct = Options {
            unit: Some("pct".into()),
            ..Options::default()
        };
        let c = build(Kind::Bar, &t, pct).expect("chart");
        assert!(c.percent && c.unit_label.is_empty());
        assert_eq!(c.value_text(Decimal::new(125, 1)), "12,5\u{a0}%");
    }

    #[test]
    fn waterfall_adds_the_end_bar() {
        let t = table(vec![
            ("Post", text(&["Budget", "Personal", "Bidrag"])),
            ("Belopp", ints(&[100, -30, 5])),
        ]);
        let c = build(Kind::Waterfall, &t, Options::default()).expect("chart");
        assert_eq!(c.categories, ["Budget", "Personal", "Bidrag", "Utfall"]);
        assert_eq!(c.series[0].values[3], Some(Decimal::from(75)));
    }

    #[test]
    fn lines_leave_zero_out_when_values_are_far_above_it() {
        let t = table(vec![("Enhet", text(&["A", "B"])), ("V", ints(&[80, 90]))]);
        assert!(!build(Kind::Line, &t, Options::default()).expect("c").zero);
        let t = table(vec![("Enhet", text(&["A", "B"])), ("V", ints(&[10, 90]))]);
        assert!(build(Kind::Line, &t, Options::default()).expect("c").zero);
        assert!(build(Kind::Bar, &t, Options::default()).expect("c").zero);
    }
}
