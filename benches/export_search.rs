//! Benchmark: writing table downloads (xlsx, CSV) for report-sized and large tables, and
//! building the search index of a 50-page book (outline and stems); prints times and the index's size.

mod common;

use rapportbok::export::{to_csv, to_xlsx};
use rapportbok::render::Body;
use rapportbok::search::{index_js, sections};

use common::{median_of, report_table};

const RUNS: usize = 7;

fn main() {
    for rows in [40, 10_000] {
        let t = report_table(rows, 8);
        let (xlsx, xlsx_size) = median_of(RUNS, || to_xlsx(&t).expect("xlsx").len());
        let (csv, csv_size) = median_of(RUNS, || to_csv(&t).len());
        println!(
            "export: {rows} rows × 8 columns: xlsx {xlsx:.2} ms ({} kB), csv {csv:.2} ms ({} kB)",
            xlsx_size / 1024,
            csv_size / 1024
        );
    }

    // 50 pages of 20 sections of report prose, as the build_book bench's book.
    let pages: Vec<String> = (0..50)
        .map(|n| {
            let mut html = String::new();
            for c in 0..20 {
                html.push_str(&format!(
                    "<h2>Avsnitt {c}: vårdplatser och ekonomi</h2>\n<p>Utfallet för enhet {n} är {} mkr, \
                     vilket är {} mkr mot budgeten. Verksamheterna redovisar kostnaderna per månad, \
                     och patienterna väntar kortare tid till operation än förra året.</p>\n",
                    1000 + n * 37 + c,
                    c as i64 - 9
                ));
            }
            html
        })
        .collect();
    let (index, size) = median_of(RUNS, || {
        let all: Vec<_> = pages
            .iter()
            .enumerate()
            .flat_map(|(n, html)| {
                // The renderer's outline (anchors, sections' text), then the stems.
                let body = Body::from_html(html.clone());
                sections(
                    &format!("enhet{n}.html"),
                    &format!("Enhet {n}"),
                    &body.sections,
                )
            })
            .collect();
        index_js(&all).len()
    });
    println!(
        "search index: 50 pages × 20 sections: {index:.2} ms, sok-index.js {} kB",
        size / 1024
    );
}
