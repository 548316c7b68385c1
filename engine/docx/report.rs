//! Reports and documents: the parts of SUMMARY.md, their chapters run in order, and one
//! document made of them (the part's heading as title, each chapter from Heading 1).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::convert;
use super::model::{Block, text};
use super::package::{self, Info};
use super::template::Template;
use crate::book::{Book, merge_params};
use crate::build::{Inputs, display_path, render_notebook};
use crate::diag::Diagnostic;
use crate::notebook::Notebook;
use crate::provenance::{HashCache, Provenance};
use crate::render::RenderOptions;
use crate::script::{DataCache, RunOutput};
use crate::summary::SummaryItem;

/// A report: a part of SUMMARY.md (the chapters under one `# Heading`).
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub title: String,
    /// The chapters' notebooks, relative to the book's source folder, in reading order.
    pub chapters: Vec<PathBuf>,
    /// The document's file name (`manadsrapport-hsf-februari-2023`), unique in the book.
    pub stem: String,
}

/// The book's reports: one per part title with chapters; chapters before the first part
/// form a report named after the book.
pub fn reports(book: &Book) -> Vec<Report> {
    fn walk(c: &crate::summary::Chapter, out: &mut Vec<PathBuf>) {
        if let Some(p) = &c.path {
            out.push(p.clone());
        }
        for child in &c.children {
            walk(child, out);
        }
    }
    let mut reports: Vec<Report> = Vec::new();
    let mut current = Report {
        title: book.config.book.title.clone(),
        chapters: Vec::new(),
        stem: String::new(),
    };
    for item in &book.summary.items {
        match item {
            SummaryItem::PartTitle(title) => {
                let done = std::mem::replace(
                    &mut current,
                    Report {
                        title: title.clone(),
                        chapters: Vec::new(),
                        stem: String::new(),
                    },
                );
                reports.push(done);
            }
            SummaryItem::Chapter(c) => walk(c, &mut current.chapters),
            SummaryItem::Separator => {}
        }
    }
    reports.push(current);
    reports.retain(|r| !r.chapters.is_empty());
    let mut used = std::collections::HashSet::new();
    for r in &mut reports {
        let base = crate::export::file_slug(&r.title).unwrap_or_else(|| "rapport".into());
        let mut stem = base.clone();
        let mut n = 2;
        while !used.insert(stem.clone()) {
            stem = format!("{base}-{n}");
            n += 1;
        }
        r.stem = stem;
    }
    reports
}

/// A notebook run for a document.
#[derive(Debug)]
pub struct Chapter {
    /// Relative to the book's source folder (or as given, for a lone notebook).
    pub source: PathBuf,
    pub title: String,
    pub notebook: Notebook,
    pub run: RunOutput,
    pub provenance: Option<Provenance>,
}

/// Run the notebooks `paths` of `book` (relative to its source folder) on the build's worker
/// pool, keeping their order.
pub fn run_chapters(
    book: &Book,
    paths: &[PathBuf],
    cli_params: &[(String, String)],
) -> Vec<Chapter> {
    let data_cache = Arc::new(DataCache::default());
    let hashes = HashCache::default();
    let inputs = Inputs {
        config: &book.config,
        data_dir: &book.data_dir,
        plugins: &book.plugins,
        cli_params,
        data_cache: &data_cache,
        sources: &book.sources,
    };
    let names: BTreeMap<&Path, &str> = book
        .summary
        .chapters()
        .into_iter()
        .filter_map(|c| Some((c.path.as_deref()?, c.name.as_str())))
        .collect();
    crate::build::pool::map(paths, |rel| {
        let file = book.src_dir.join(rel);
        let display = display_path(&file);
        let fallback = names.get(rel.as_path()).copied().unwrap_or_default();
        let mut chapter = run_one(&file, &display, &inputs, fallback);
        chapter.provenance = Some(Provenance::collect(
            &file,
            &rel.to_string_lossy().replace('\\', "/"),
            &merge_params(
                [&book.config.params, &chapter.notebook.front.params],
                cli_params,
            ),
            &book.data_dir,
            &chapter.run.data_reads,
            &book.plugins,
            &hashes,
        ));
        chapter.source = rel.clone();
        chapter
    })
    .into_iter()
    .zip(paths)
    .map(|(done, rel)| {
        // A panic while running one notebook becomes its error; the others are kept.
        done.unwrap_or_else(|panicked| {
            let display = display_path(&book.src_dir.join(rel));
            let diagnostic = crate::build::internal_error(&display, &panicked);
            Chapter {
                source: rel.clone(),
                title: names
                    .get(rel.as_path())
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                notebook: crate::notebook::parse(&display, ""),
                run: RunOutput {
                    items: Vec::new(),
                    diagnostics: vec![diagnostic],
                    data_reads: Vec::new(),
                },
                provenance: None,
            }
        })
    })
    .collect()
}

/// Run one notebook file; `fallback` titles it when it has neither a title nor a `#` heading.
pub fn run_one(file: &Path, display: &Path, inputs: &Inputs, fallback: &str) -> Chapter {
    let (notebook, run, body) = render_notebook(file, display, inputs, RenderOptions::default());
    let title = notebook
        .front
        .title
        .clone()
        .or_else(|| body.h1().map(str::to_string))
        .unwrap_or_else(|| {
            if fallback.is_empty() {
                display
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default()
            } else {
                fallback.to_string()
            }
        });
    Chapter {
        source: display.to_path_buf(),
        title,
        notebook,
        run,
        provenance: None,
    }
}

/// What a document is made of and how it looks.
pub struct Document<'a> {
    /// The report's title (a Title paragraph opens the document); `None` for a lone notebook.
    pub report_title: Option<&'a str>,
    pub chapters: &'a [Chapter],
    pub allow_html: bool,
    pub author: String,
    pub template: Option<&'a Template>,
}

impl Document<'_> {
    /// Every problem of the chapters' notebooks and runs.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.chapters
            .iter()
            .flat_map(|c| c.run.diagnostics.iter().cloned())
            .collect()
    }

    /// The .docx bytes.
    pub fn to_docx(&self) -> Result<Vec<u8>, String> {
        let mut blocks = Vec::new();
        let mut footnotes = Vec::new();
        if let Some(title) = self.report_title {
            blocks.push(Block::Heading(0, vec![text(title)]));
        }
        for (k, chapter) in self.chapters.iter().enumerate() {
            let converted = convert::notebook(
                &chapter.notebook,
                &chapter.run,
                self.allow_html,
                &format!("k{k}-"),
            );
            // Every chapter opens with a Heading 1, its own or its title.
            if !converted
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Heading(1, _)))
            {
                blocks.push(Block::Heading(1, vec![text(&chapter.title)]));
            }
            blocks.extend(converted.blocks);
            footnotes.extend(converted.footnotes);
        }
        let title = self
            .report_title
            .map(str::to_string)
            .or_else(|| self.chapters.first().map(|c| c.title.clone()))
            .unwrap_or_default();
        let subject = self
            .chapters
            .first()
            .and_then(|c| c.notebook.front.description.clone())
            .filter(|_| self.report_title.is_none());
        let info = Info {
            title,
            subject,
            author: self.author.clone(),
            properties: provenance_properties(self.chapters),
        };
        package::write(&blocks, &footnotes, &info, self.template)
    }
}

/// What the document was made from, as custom properties: the rapportbok version, the
/// parameters, and every notebook, data file and plugin with its SHA-256.
fn provenance_properties(chapters: &[Chapter]) -> Vec<(String, String)> {
    let mut props = vec![(
        "rapportbok".to_string(),
        crate::provenance::VERSION.to_string(),
    )];
    let mut params: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut notebooks = Vec::new();
    let mut data: BTreeMap<String, String> = BTreeMap::new();
    let mut plugins: BTreeMap<String, String> = BTreeMap::new();
    let hash = |h: &Option<String>| h.clone().unwrap_or_else(|| "kunde inte läsas".into());
    for p in chapters.iter().filter_map(|c| c.provenance.as_ref()) {
        for (k, v) in &p.params {
            let values = params.entry(k.clone()).or_default();
            if !values.contains(v) {
                values.push(v.clone());
            }
        }
        if let Some(nb) = &p.notebook {
            notebooks.push((format!("Notebook: {}", nb.name), hash(&nb.sha256)));
        }
        for d in &p.data {
            data.insert(format!("Data: {}", d.name), hash(&d.sha256));
        }
        for pl in &p.plugins {
            plugins.insert(
                format!("Tillägg: {}", pl.name),
                format!("{} {}", pl.version, pl.hash),
            );
        }
    }
    props.extend(
        params
            .into_iter()
            .map(|(k, v)| (format!("Parameter: {k}"), v.join(" / "))),
    );
    props.extend(notebooks);
    props.extend(data);
    props.extend(plugins);
    props
}
