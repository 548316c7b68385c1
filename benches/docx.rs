//! Benchmark: the HSF report of the example book (all its chapters) to .docx: the time to
//! write the document beside the time to run its notebooks and to render their page bodies
//! (the HTML peer, from the same run), the share spent drawing charts, and the file's size.

mod common;

use std::io::Read;
use std::path::Path;

use rapportbok::book::Book;
use rapportbok::docx::report::run_chapters;
use rapportbok::docx::{Document, reports};
use rapportbok::render::{RenderOptions, render_body};

use common::{best_of, median_of};

const RUNS: usize = 5;

fn main() {
    let book = Book::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the example book");
    let report = reports(&book)
        .into_iter()
        .find(|r| r.title.contains("HSF"))
        .expect("the HSF report in SUMMARY.md");
    let (run_ms, chapters) = best_of(3, || run_chapters(&book, &report.chapters, &[]));
    let failed: usize = chapters.iter().map(|c| c.run.diagnostics.len()).sum();
    assert_eq!(failed, 0, "the HSF report must run without errors");

    let (html_ms, html_bytes) = median_of(RUNS, || {
        chapters
            .iter()
            .map(|c| {
                render_body(&c.notebook, &c.run, RenderOptions::default())
                    .html
                    .len()
            })
            .sum::<usize>()
    });
    let doc = Document {
        report_title: Some(&report.title),
        chapters: &chapters,
        allow_html: false,
        author: "rapportbok".into(),
        template: None,
    };
    let (docx_ms, bytes) = median_of(RUNS, || doc.to_docx().expect("docx"));
    assert!(
        doc.to_docx().expect("docx") == bytes,
        "the same report must give the same bytes"
    );

    // What the document holds, read back from its main part.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let tables = xml.matches("<w:tbl>").count();
    let pictures = xml.matches("<wp:docPr ").count();
    let mut media = 0;
    for i in 0..zip.len() {
        let file = zip.by_index(i).expect("entry");
        if file.name().is_ok_and(|n| n.starts_with("word/media/")) {
            media += file.size() as usize;
        }
    }

    // The charts alone: each drawn to PNG as the document does.
    let charts: Vec<rapportbok::chart::Chart> = chapters
        .iter()
        .flat_map(|c| c.run.items.iter())
        .filter_map(|r| {
            r.value
                .as_ref()
                .ok()?
                .read_lock::<rapportbok::chart::Chart>()
                .map(|c| c.clone())
        })
        .collect();
    let (charts_ms, _) = median_of(RUNS, || {
        charts
            .iter()
            .map(|c| {
                rapportbok::docx::chart_png(c)
                    .map(|p| p.0.len())
                    .unwrap_or(0)
            })
            .sum::<usize>()
    });

    println!(
        "docx: {} ({} chapters): {tables} tables, {pictures} charts",
        report.title,
        chapters.len()
    );
    println!("  run the notebooks:      {run_ms:8.1} ms (best of 3)");
    println!(
        "  page bodies (HTML):     {html_ms:8.1} ms ({} kB of HTML)",
        html_bytes / 1024
    );
    println!(
        "  .docx:                  {docx_ms:8.1} ms ({} kB; pictures {} kB), {:.2}× the HTML bodies, {:.2}× running",
        bytes.len() / 1024,
        media / 1024,
        docx_ms / html_ms.max(0.001),
        docx_ms / run_ms.max(0.001)
    );
    println!(
        "    of which charts → PNG {charts_ms:8.1} ms ({:.0} % of the .docx time)",
        100.0 * charts_ms / docx_ms.max(0.001)
    );
}
