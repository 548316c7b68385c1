//! `rapportbok pdf`: build the book, then print one PDF per notebook and one per report (a part
//! of SUMMARY.md) through headless Chromium, with the theme's A4 print style (title, period and
//! page numbers in the margins).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{
    BookArgs, FAILED_CELLS, FATAL, ParamArgs, build_in_memory, load_book, print_diagnostics,
    summary_line,
};
use crate::build::write_site;
use crate::paths::page_path;
use crate::publish::pdf::{find_chromium, page_count, print_page, without_sandbox};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub book: BookArgs,
    /// Mappen PDF-filerna skrivs till: en fil per notebook och en per rapport (del av SUMMARY.md).
    #[arg(long, value_name = "MAPP", default_value = "pdf")]
    pub out: PathBuf,
    /// Kör Chromium utan dess sandlåda (behövs i en del containrar). Som root görs det alltid,
    /// eftersom Chromium annars inte startar.
    #[arg(long)]
    pub no_sandbox: bool,
    #[command(flatten)]
    pub params: ParamArgs,
}

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn run(args: Args) -> ExitCode {
    let chromium = match find_chromium() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("fel: {e:#}");
            return ExitCode::from(FATAL);
        }
    };
    let book = match load_book(&args.book) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let no_sandbox = without_sandbox(args.no_sandbox);
    let (files, diagnostics) = build_in_memory(&book, &args.params.params);
    print_diagnostics(&diagnostics);

    let scratch =
        Scratch(std::env::temp_dir().join(format!("rapportbok-pdf-{}", std::process::id())));
    let site = scratch.0.join("sajt");
    if let Err(e) = std::fs::create_dir_all(&scratch.0)
        .map_err(anyhow::Error::from)
        .and_then(|()| write_site(&site, &files).map(|_| ()))
    {
        eprintln!(
            "fel: kunde inte förbereda utskriften i {}: {e:#}",
            scratch.0.display()
        );
        return ExitCode::from(FATAL);
    }
    let pages: Vec<String> = book
        .summary
        .chapters()
        .iter()
        .filter_map(|c| c.path.as_ref().map(|p| page_path(p)))
        .collect();
    eprintln!(
        "Skriver ut {} PDF-filer med {} …",
        pages.len(),
        chromium.display()
    );
    for (i, page) in pages.iter().enumerate() {
        let pdf = args.out.join(pdf_name(page));
        let profile = scratch.0.join(format!("profil-{i}"));
        if let Err(e) = print_page(&chromium, &site.join(page), &pdf, &profile, no_sandbox) {
            eprintln!("fel: {e:#}");
            return ExitCode::from(FATAL);
        }
        let pages_in_pdf = std::fs::read(&pdf).map(|b| page_count(&b)).unwrap_or(0);
        let unit = if pages_in_pdf == 1 { "sida" } else { "sidor" };
        eprintln!("  {} ({pages_in_pdf} {unit})", pdf.display());
    }
    // One PDF per report (a part of SUMMARY.md), beside the per-notebook files: the diarium
    // takes one document per report.
    let reports = crate::docx::reports(&book);
    for (i, report) in reports.iter().enumerate() {
        let chapters: Vec<String> = report.chapters.iter().map(|p| page_path(p)).collect();
        let Some(html) = report_page(&site, &report.title, &chapters) else {
            continue;
        };
        // Beside its first chapter, so the pages' relative addresses still hold.
        let first_dir = Path::new(&chapters[0]).parent().unwrap_or(Path::new(""));
        let combined = site
            .join(first_dir)
            .join(format!(".rapport-{}.html", report.stem));
        let pdf = args.out.join(format!("{}.pdf", report.stem));
        let profile = scratch.0.join(format!("profil-rapport-{i}"));
        if let Err(e) = std::fs::write(&combined, html)
            .map_err(anyhow::Error::from)
            .and_then(|()| print_page(&chromium, &combined, &pdf, &profile, no_sandbox))
        {
            eprintln!("fel: {e:#}");
            return ExitCode::from(FATAL);
        }
        let pages_in_pdf = std::fs::read(&pdf).map(|b| page_count(&b)).unwrap_or(0);
        eprintln!(
            "  {} ({} kapitel, {pages_in_pdf} sidor)",
            pdf.display(),
            chapters.len()
        );
    }
    eprintln!(
        "Klart: {} PDF-filer i {}, {}.",
        pages.len() + reports.len(),
        args.out.display(),
        summary_line(&diagnostics)
    );
    if diagnostics.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED_CELLS)
    }
}

/// `handbok/data.html` → `handbok/data.pdf`.
fn pdf_name(page: &str) -> PathBuf {
    Path::new(page).with_extension("pdf")
}

/// One page holding a report's chapters in order, each from a new sheet, under the report's
/// title: the first chapter's page with every chapter's article in its place. `None` when a
/// chapter's page is missing.
fn report_page(site: &Path, title: &str, chapters: &[String]) -> Option<String> {
    const OPEN: &str = "<article>\n";
    const CLOSE: &str = "</article>";
    let pages: Vec<String> = chapters
        .iter()
        .map(|p| std::fs::read_to_string(site.join(p)).ok())
        .collect::<Option<_>>()?;
    let first = pages.first()?;
    let head_end = first.find(OPEN)? + OPEN.len();
    let title = crate::render::html::escape(title);
    // Each chapter starts a new sheet by the theme's `.report-chapter` rule (the page's
    // Content-Security-Policy allows no style added here).
    let mut html = first[..head_end].to_string();
    if let (Some(a), Some(b)) = (html.find("<title>"), html.find("</title>")) {
        html.replace_range(a..b, &format!("<title>{title}"));
    }
    html.push_str(&format!("<h1 class=\"report-title\">{title}</h1>\n"));
    for page in &pages {
        let start = page.find(OPEN)? + OPEN.len();
        let end = start + page[start..].find(CLOSE)?;
        html.push_str("<section class=\"report-chapter\">\n");
        html.push_str(&page[start..end]);
        html.push_str("</section>\n");
    }
    html.push_str("</article>\n</main>\n</div>\n</body>\n</html>\n");
    Some(html)
}
