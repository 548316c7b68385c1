//! `rapportbok publish`: build, check accessibility, and publish atomically as a new version
//! (or `--rollback` to the previous one); prints what changed against the published site.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{
    BookArgs, FAILED_CELLS, FATAL, ParamArgs, build_in_memory, load_book, print_diagnostics,
    summary_line,
};
use crate::build::count_pages;
use crate::publish::{Changes, Pruned, Target, check_site, compare, read_site, reasons, recorded};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub book: BookArgs,
    /// Mappen webbservern visar. Blir en länk till den publicerade versionen; versionerna
    /// sparas bredvid, i MAPP.versioner.
    #[arg(long, value_name = "MAPP")]
    pub to: PathBuf,
    /// Hur många versioner som sparas (för --rollback).
    #[arg(long, value_name = "ANTAL", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    pub keep: u16,
    /// Gå tillbaka till versionen före den som är publicerad nu (bygger ingenting).
    #[arg(long)]
    pub rollback: bool,
    #[command(flatten)]
    pub params: ParamArgs,
}

pub fn run(args: Args) -> ExitCode {
    let target = match Target::new(&args.to) {
        Ok(t) => t,
        Err(e) => return fatal(&e),
    };
    if args.rollback {
        return rollback(&target);
    }
    let book = match load_book(&args.book) {
        Ok(b) => b,
        Err(code) => return code,
    };
    // Refuse a foreign target before spending time on the build.
    if let Err(e) = target.current() {
        return fatal(&e);
    }
    let (files, diagnostics) = build_in_memory(&book, &args.params.params);
    if !diagnostics.is_empty() {
        print_diagnostics(&diagnostics);
        eprintln!(
            "Publicerar inte: {} i notebooks. Rätta felen och publicera igen; {} är oförändrad.",
            summary_line(&diagnostics),
            target.link.display()
        );
        return ExitCode::from(FAILED_CELLS);
    }
    let problems = check_site(&files);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!(
            "Publicerar inte: {} tillgänglighetsfel (WCAG 2.1 AA). Rätta dem och publicera igen; {} är oförändrad.",
            problems.len(),
            target.link.display()
        );
        return ExitCode::from(FAILED_CELLS);
    }
    let outcome = match target.publish(&files) {
        Ok(o) => o,
        Err(e) => return fatal(&e),
    };
    let Some(version) = outcome.version else {
        eprintln!(
            "Inga ändringar mot den publicerade versionen: {} är redan aktuell.",
            target.link.display()
        );
        return ExitCode::SUCCESS;
    };
    let pruned = match target.prune(usize::from(args.keep)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("varning: {e:#}");
            Pruned::default()
        }
    };
    print_changes(&outcome.changes, &outcome.before, &files);
    eprintln!(
        "Publicerade version {} ({} sidor) till {}.",
        version.name(),
        count_pages(&files),
        target.link.display()
    );
    if !pruned.removed.is_empty() {
        let names: Vec<String> = pruned.removed.iter().map(|v| v.name()).collect();
        eprintln!(
            "Tog bort gamla versioner: {} (--keep {}).",
            names.join(", "),
            args.keep
        );
    }
    for why in &pruned.refused {
        eprintln!("varning: tar inte bort en gammal version: {why}");
    }
    ExitCode::SUCCESS
}

fn rollback(target: &Target) -> ExitCode {
    let (from, to) = match target.rollback() {
        Ok(v) => v,
        Err(e) => return fatal(&e),
    };
    let (before, after) = match (read_site(&from.dir), read_site(&to.dir)) {
        (Ok(b), Ok(a)) => (b, a),
        (Err(e), _) | (_, Err(e)) => return fatal(&e),
    };
    let after: Vec<(String, Vec<u8>)> = after.into_iter().collect();
    print_changes(&compare(&before, &after), &before, &after);
    eprintln!(
        "Gick tillbaka till version {} (var {}) i {}.",
        to.name(),
        from.name(),
        target.link.display()
    );
    ExitCode::SUCCESS
}

/// Print the pages added, changed (with why, when the provenance tells) and removed.
pub(crate) fn print_changes<B: AsRef<[u8]>>(
    changes: &Changes,
    old: &std::collections::BTreeMap<String, Vec<u8>>,
    new: &[(String, B)],
) {
    if changes.is_empty() {
        eprintln!("Inga sidor eller filer ändrade.");
        return;
    }
    // Why pages changed comes from what each version recorded of its pages' provenance.
    let recorded_in = |files: Result<_, String>, whose: &str| match files {
        Ok(pages) => Some(pages),
        Err(e) => {
            eprintln!("varning: {whose}: {e}; skälen till att sidorna ändrats visas inte");
            None
        }
    };
    let provenance = if changes.changed.is_empty() {
        None
    } else {
        recorded_in(
            recorded(old.iter().map(|(p, b)| (p.as_str(), b.as_slice()))),
            "den tidigare versionen",
        )
        .zip(recorded_in(
            recorded(new.iter().map(|(p, b)| (p.as_str(), b.as_ref()))),
            "den nya versionen",
        ))
    };
    for page in &changes.added {
        eprintln!("  ny:      {page}");
    }
    for page in &changes.changed {
        eprintln!("  ändrad:  {page}");
        if let Some((before, after)) = &provenance {
            for why in reasons(before.get(page), after.get(page)) {
                eprintln!("           {why}");
            }
        }
    }
    for page in &changes.removed {
        eprintln!("  borttagen: {page}");
    }
    for file in &changes.files_added {
        eprintln!("  ny fil:  {file}");
    }
    for file in &changes.files_changed {
        eprintln!("  ändrad fil: {file}");
    }
    for file in &changes.files_removed {
        eprintln!("  borttagen fil: {file}");
    }
    eprintln!(
        "{} nya, {} ändrade, {} borttagna sidor.",
        changes.added.len(),
        changes.changed.len(),
        changes.removed.len()
    );
}

fn fatal(e: &anyhow::Error) -> ExitCode {
    eprintln!("fel: {e:#}");
    ExitCode::from(FATAL)
}
