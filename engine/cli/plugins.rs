//! `rapportbok plugins`: list, document, test, create and update the book's plugins.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;

use super::{FAILED_CELLS, FATAL, print_diagnostics, write_files};
use crate::book::CONFIG_FILE;
use crate::config::Config;
use crate::plugins::{self, LockMode, Origin, doc, manifest, test};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: PluginsCommand,
    /// Bokens mapp (där book.toml ligger).
    #[arg(long, value_name = "MAPP", default_value = ".", global = true)]
    pub book: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum PluginsCommand {
    /// Visa bokens tillägg: namn, version, ägare och mapp.
    List,
    /// Skriv referenssidorna (ett per tillägg och ett för inbyggda funktioner) som Markdown.
    Doc {
        /// Mappen sidorna skrivs till (standard: skrivs ut i terminalen).
        #[arg(long, value_name = "MAPP")]
        out: Option<PathBuf>,
    },
    /// Kör tilläggens tester (notebooks i tests/); fel om något påstående inte gäller.
    Test {
        /// Testa bara dessa tillägg (standard: alla i sökvägarna).
        #[arg(value_name = "NAMN")]
        names: Vec<String>,
    },
    /// Skapa ett nytt tillägg i den första sökvägen, med en funktion och ett test.
    New {
        #[arg(value_name = "NAMN")]
        name: String,
    },
    /// Välj om de senaste versionerna som uppfyller kraven och skriv om rapportbok.lock.
    Update,
}

pub fn run(args: Args) -> ExitCode {
    let root = args.book;
    let config = match Config::load(&root.join(CONFIG_FILE)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(FATAL);
        }
    };
    match args.command {
        PluginsCommand::List => list(&root, &config),
        PluginsCommand::Doc { out } => write_doc(&root, &config, out.as_deref()),
        PluginsCommand::Test { names } => run_tests(&root, &config, &names),
        PluginsCommand::New { name } => create(&root, &config, &name),
        PluginsCommand::Update => update(&root, &config),
    }
}

fn list(root: &Path, config: &Config) -> ExitCode {
    match plugins::load_for_book(root, config, LockMode::Follow) {
        Ok(set) if set.is_empty() => {
            println!("Boken använder inga tillägg ([plugins] require i book.toml).");
            ExitCode::SUCCESS
        }
        Ok(set) => {
            for p in &set.list {
                println!(
                    "{}\t{}\t{}\t{}",
                    p.manifest.name,
                    p.manifest.version,
                    p.manifest.owner,
                    p.dir.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(FATAL)
        }
    }
}

fn write_doc(root: &Path, config: &Config, out: Option<&Path>) -> ExitCode {
    let set = match plugins::load_for_book(root, config, LockMode::Follow) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(FATAL);
        }
    };
    let pages = doc::reference_pages(&set);
    let Some(out) = out else {
        for p in &pages {
            println!("{}", p.markdown);
        }
        return ExitCode::SUCCESS;
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: kunde inte skapa mappen: {e}", out.display());
        return ExitCode::from(FATAL);
    }
    for p in &pages {
        let file = out.join(format!("{}.md", p.slug));
        if let Err(e) = std::fs::write(&file, &p.markdown) {
            eprintln!("{}: kunde inte skriva: {e}", file.display());
            return ExitCode::from(FATAL);
        }
    }
    eprintln!("Skrev {} referenssidor i {}.", pages.len(), out.display());
    ExitCode::SUCCESS
}

/// Every plugin found in the search paths (its highest version), or the named ones,
/// each with its own dependencies resolved afresh.
fn run_tests(root: &Path, config: &Config, names: &[String]) -> ExitCode {
    let paths = plugins::search_paths(root, config);
    let found = match plugins::discover(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(FATAL);
        }
    };
    print_diagnostics(&found.broken);
    let data_dir = config.data_dir(root);
    let mut failed = !found.broken.is_empty();
    let mut ran = 0;
    for name in names {
        if !found.by_name.contains_key(name) {
            eprintln!("tillägget `{name}` finns inte i sökvägarna för tillägg");
            failed = true;
        }
    }
    for (name, versions) in &found.by_name {
        if !names.is_empty() && !names.contains(name) {
            continue;
        }
        let Some(newest) = versions
            .iter()
            .max_by(|a, b| a.manifest.version.cmp(&b.manifest.version))
        else {
            continue;
        };
        let version = &newest.manifest.version;
        let roots = BTreeMap::from([(
            name.clone(),
            semver::VersionReq::parse(&format!("={version}")).unwrap_or(semver::VersionReq::STAR),
        )]);
        let origin = Origin {
            file: newest.dir.join(plugins::MANIFEST_FILE),
            who: format!("{name} {version}"),
        };
        let set = match plugins::load_found(&found, &roots, &origin, None) {
            Ok(s) => Arc::new(s),
            Err(e) => {
                eprintln!("FEL  {name} {version}\n{e}");
                failed = true;
                continue;
            }
        };
        let Some(plugin) = set.get(name) else {
            continue;
        };
        let outcomes = test::run_tests(plugin, &set, &data_dir, &config.limits);
        if outcomes.is_empty() {
            eprintln!("--   {name} {version}: inga tester (lägg notebooks i tests/)");
        }
        for o in outcomes {
            ran += 1;
            let file = o
                .file
                .strip_prefix(&plugin.dir)
                .unwrap_or(&o.file)
                .display()
                .to_string();
            if o.passed() {
                eprintln!("ok   {name} {version}: {file}");
            } else {
                failed = true;
                eprintln!("FEL  {name} {version}: {file}");
                print_diagnostics(&o.diagnostics);
            }
        }
    }
    if failed {
        eprintln!("Tester: {ran} körda, minst ett misslyckades.");
        ExitCode::from(FAILED_CELLS)
    } else {
        eprintln!("Tester: {ran} körda, alla gick igenom.");
        ExitCode::SUCCESS
    }
}

fn create(root: &Path, config: &Config, name: &str) -> ExitCode {
    match scaffold(root, config, name) {
        Ok(dir) => {
            eprintln!("Skapade tillägget {name} i {}.", dir.display());
            eprintln!("Testa det med: rapportbok plugins test {name}");
            eprintln!(
                "Använd det i boken: lägg till {name} = \"0.1\" under [plugins] require i book.toml"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(FATAL)
        }
    }
}

/// Write a new plugin that passes its own test into the book's first search path.
pub fn scaffold(root: &Path, config: &Config, name: &str) -> Result<PathBuf, String> {
    if !manifest::valid_name(name) {
        return Err(format!(
            "ogiltigt namn `{name}`: använd små bokstäver a–z, siffror och bindestreck"
        ));
    }
    let base = plugins::search_paths(root, config)
        .into_iter()
        .next()
        .ok_or("book.toml saknar [plugins] paths; ange var tilläggen ska ligga, till exempel paths = [\"plugins\"]")?;
    let dir = base.join(name);
    if dir.exists() {
        return Err(format!("{} finns redan", dir.display()));
    }
    let module = name.replace('-', "_");
    let files = [
        (
            "plugin.toml".to_string(),
            format!(
                "name = \"{name}\"\nversion = \"0.1.0\"\ndescription = \"Beskriv vad tillägget gör.\"\nowner = \"Ange förvaltningen som äger tillägget\"\nrapportbok = \">={}\"\n\n[dependencies]\n",
                env!("CARGO_PKG_VERSION")
            ),
        ),
        (
            format!("{module}.rhai"),
            "/// Andelen `del` av `helhet` i procent, med en decimal.\n///\n/// `andel(45, 60)` ger 75.0.\nfn andel(del, helhet) {\n    if helhet == 0 {\n        throw \"helheten är noll\";\n    }\n    round(decimal(del) * 100 / helhet, 1)\n}\n".to_string(),
        ),
        (
            "tests/andel.md".to_string(),
            format!(
                "# Test av andel\n\n```rhai\nimport \"{name}\" as t;\nassert_eq(t::andel(45, 60), 75.0);\nassert_eq(t::andel(1, 3), 33.3);\n```\n"
            ),
        ),
    ];
    write_files(&dir, files)?;
    Ok(dir)
}

fn update(root: &Path, config: &Config) -> ExitCode {
    match plugins::load_for_book(root, config, LockMode::Update) {
        Ok(set) => {
            for p in &set.list {
                eprintln!("  {} {}", p.manifest.name, p.manifest.version);
            }
            eprintln!("Skrev {} ({} tillägg).", plugins::LOCK_FILE, set.list.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(FATAL)
        }
    }
}
