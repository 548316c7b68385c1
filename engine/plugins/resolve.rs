//! Choosing versions: the highest version of each plugin that meets every requirement on it
//! (from book.toml and from other plugins), or the locked one; conflicts and cycles are errors.

use std::collections::BTreeMap;
use std::path::PathBuf;

use semver::{Version, VersionReq};

use super::discover::{Candidate, Found};
use super::lock::Lock;
use super::manifest::{MANIFEST_FILE, line_of};
use crate::diag::Diagnostic;

/// Who asked for a plugin: book.toml or another plugin's manifest.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file the requirement is written in.
    pub file: PathBuf,
    /// `book.toml` or `name version`.
    pub who: String,
}

/// Requirements on a plugin, with who made each.
type Requirements = BTreeMap<String, Vec<(VersionReq, Origin)>>;

/// Resolve `roots` against what was found. With a lock, locked versions are kept.
/// The result is in dependency order (a plugin after the plugins it depends on).
pub fn resolve(
    found: &Found,
    roots: &BTreeMap<String, VersionReq>,
    root_origin: &Origin,
    lock: Option<&Lock>,
) -> Result<Vec<Candidate>, Diagnostic> {
    let mut chosen: BTreeMap<String, Candidate> = BTreeMap::new();
    // Requirements grow as plugins are chosen; a later requirement can change an earlier
    // choice, so repeat until nothing changes.
    for _round in 0..64 {
        let reqs = requirements(roots, root_origin, &chosen);
        let mut next = BTreeMap::new();
        for (name, on) in &reqs {
            next.insert(name.clone(), choose(found, name, on, lock)?);
        }
        let same = next.len() == chosen.len()
            && next.iter().all(|(n, c)| {
                chosen
                    .get(n)
                    .is_some_and(|old| old.manifest.version == c.manifest.version)
            });
        chosen = next;
        if same {
            check_cycles(&chosen)?;
            return Ok(dependency_order(&chosen));
        }
    }
    Err(Diagnostic::file(
        &root_origin.file,
        "tilläggens versionskrav går inte att lösa (valen ändras hela tiden)",
    ))
}

fn requirements(
    roots: &BTreeMap<String, VersionReq>,
    root_origin: &Origin,
    chosen: &BTreeMap<String, Candidate>,
) -> Requirements {
    let mut reqs: Requirements = BTreeMap::new();
    for (name, req) in roots {
        reqs.entry(name.clone())
            .or_default()
            .push((req.clone(), root_origin.clone()));
    }
    for c in chosen.values() {
        let origin = Origin {
            file: c.dir.join(MANIFEST_FILE),
            who: format!("{} {}", c.manifest.name, c.manifest.version),
        };
        for (name, req) in &c.manifest.dependencies {
            reqs.entry(name.clone())
                .or_default()
                .push((req.clone(), origin.clone()));
        }
    }
    reqs
}

fn choose(
    found: &Found,
    name: &str,
    on: &[(VersionReq, Origin)],
    lock: Option<&Lock>,
) -> Result<Candidate, Diagnostic> {
    let (first_req, first) = &on[0];
    let at = |origin: &Origin| {
        let line = std::fs::read_to_string(&origin.file)
            .map(|t| line_of(&t, name))
            .unwrap_or(0);
        (origin.file.clone(), line)
    };
    let Some(versions) = found.by_name.get(name) else {
        let (file, line) = at(first);
        let mut d = Diagnostic::new(
            file,
            line,
            0,
            format!(
                "tillägget `{name}` ({first_req}) finns inte i någon av sökvägarna för tillägg (krävs av {})",
                first.who
            ),
        )
        .with_hint("kontrollera namnet och [plugins] paths i book.toml");
        if !found.broken.is_empty() {
            let broken: Vec<String> = found.broken.iter().map(|b| b.to_string()).collect();
            d.hint = Some(format!(
                "kontrollera namnet och [plugins] paths i book.toml; dessa tillägg kunde inte läsas: {}",
                broken.join("; ")
            ));
        }
        return Err(d);
    };
    let meets_all = |v: &Version| on.iter().all(|(req, _)| req.matches(v));
    if let Some(locked) = lock.and_then(|l| l.get(name)) {
        if let Some(c) = versions
            .iter()
            .find(|c| c.manifest.version == locked.version)
            .filter(|c| meets_all(&c.manifest.version))
        {
            return Ok(c.clone());
        }
        let (file, line) = at(first);
        return Err(Diagnostic::new(
            file,
            line,
            0,
            format!(
                "rapportbok.lock låser `{name}` till version {}, men {}",
                locked.version,
                if versions
                    .iter()
                    .any(|c| c.manifest.version == locked.version)
                {
                    format!("den uppfyller inte kraven ({})", describe(on))
                } else {
                    format!(
                        "den versionen finns inte längre (hittade {})",
                        available(versions)
                    )
                }
            ),
        )
        .with_hint(
            "kör `rapportbok plugins update` för att välja om versioner och skriva om låsfilen",
        ));
    }
    let best = versions
        .iter()
        .filter(|c| meets_all(&c.manifest.version))
        .max_by(|a, b| a.manifest.version.cmp(&b.manifest.version));
    match best {
        Some(c) => Ok(c.clone()),
        None => {
            let (file, line) = at(on.last().map_or(first, |(_, o)| o));
            Err(Diagnostic::new(
                file,
                line,
                0,
                format!(
                    "versionskonflikt för tillägget `{name}`: {}; tillgängliga versioner: {}",
                    describe(on),
                    available(versions)
                ),
            ))
        }
    }
}

fn describe(on: &[(VersionReq, Origin)]) -> String {
    on.iter()
        .map(|(req, o)| format!("{} kräver {req}", o.who))
        .collect::<Vec<_>>()
        .join(", ")
}

fn available(versions: &[Candidate]) -> String {
    let mut v: Vec<&Version> = versions.iter().map(|c| &c.manifest.version).collect();
    v.sort();
    v.iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plugin that depends on itself through others can never be loaded.
fn check_cycles(chosen: &BTreeMap<String, Candidate>) -> Result<(), Diagnostic> {
    fn visit(
        name: &str,
        chosen: &BTreeMap<String, Candidate>,
        stack: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Result<(), Diagnostic> {
        if done.iter().any(|d| d == name) {
            return Ok(());
        }
        if let Some(at) = stack.iter().position(|s| s == name) {
            let mut cycle: Vec<String> = stack[at..].to_vec();
            cycle.push(name.to_string());
            let file = chosen
                .get(&stack[stack.len() - 1])
                .map(|c| c.dir.join(MANIFEST_FILE))
                .unwrap_or_default();
            let line = std::fs::read_to_string(&file)
                .map(|t| line_of(&t, name))
                .unwrap_or(0);
            return Err(Diagnostic::new(
                file,
                line,
                0,
                format!("beroendecykel mellan tillägg: {}", cycle.join(" → ")),
            )
            .with_hint("ett tillägg kan inte bero på sig självt, inte heller via andra tillägg"));
        }
        let Some(c) = chosen.get(name) else {
            return Ok(());
        };
        stack.push(name.to_string());
        for dep in c.manifest.dependencies.keys() {
            visit(dep, chosen, stack, done)?;
        }
        stack.pop();
        done.push(name.to_string());
        Ok(())
    }
    let mut done = Vec::new();
    for name in chosen.keys() {
        visit(name, chosen, &mut Vec::new(), &mut done)?;
    }
    Ok(())
}

/// Dependencies first (the graph has no cycles by now).
fn dependency_order(chosen: &BTreeMap<String, Candidate>) -> Vec<Candidate> {
    fn place(name: &str, chosen: &BTreeMap<String, Candidate>, out: &mut Vec<Candidate>) {
        if out.iter().any(|c| c.manifest.name == name) {
            return;
        }
        let Some(c) = chosen.get(name) else { return };
        for dep in c.manifest.dependencies.keys() {
            place(dep, chosen, out);
        }
        out.push(c.clone());
    }
    let mut out = Vec::new();
    for name in chosen.keys() {
        place(name, chosen, &mut out);
    }
    out
}
