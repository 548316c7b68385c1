//! Reference pages: one per plugin from its functions' doc comments, and one for every
//! built-in function, so writers have one place to look up anything they can call.

use std::collections::BTreeMap;

use rhai::FnAccess;

use super::{Plugin, Plugins};
use crate::script::OptionIndex;
use crate::script::error::type_word;

/// One reference page, as Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefPage {
    /// File name without extension (`hsf-indikatorer`, `inbyggda`).
    pub slug: String,
    pub title: String,
    pub markdown: String,
}

/// The built-in functions' page first, then one page per plugin.
pub fn reference_pages(plugins: &Plugins) -> Vec<RefPage> {
    let (engine, keys) = crate::script::builtins();
    let mut pages = vec![builtins_page(&engine, &keys)];
    pages.extend(plugins.list.iter().map(plugin_page));
    pages
}

/// A plugin's page: what it is, who owns it, how to import it, and each public function.
pub fn plugin_page(plugin: &Plugin) -> RefPage {
    let m = &plugin.manifest;
    let alias = m.name.split('-').next().unwrap_or(&m.name);
    let mut md = format!("# {}\n\n", m.name);
    if !m.description.is_empty() {
        md.push_str(&format!("{}\n\n", m.description.trim()));
    }
    md.push_str(&format!(
        "- Version: {}\n- Ägare: {}\n",
        m.version,
        m.owner.trim()
    ));
    if !m.dependencies.is_empty() {
        let deps: Vec<String> = m
            .dependencies
            .iter()
            .map(|(n, r)| format!("{n} {r}"))
            .collect();
        md.push_str(&format!("- Bygger på: {}\n", deps.join(", ")));
    }
    md.push_str(&format!(
        "\nAnvänd tillägget i en cell:\n\n```text\nimport \"{}\" as {alias};\n```\n",
        m.name
    ));
    for (file, ast) in &plugin.code.files {
        let mut functions: Vec<_> = ast
            .iter_functions()
            .filter(|f| f.access != FnAccess::Private)
            .collect();
        if functions.is_empty() {
            continue;
        }
        functions.sort_by(|a, b| a.name.cmp(b.name).then(a.params.len().cmp(&b.params.len())));
        if file.contains('/') {
            md.push_str(&format!(
                "\n## Filen {file}.rhai\n\nImporteras för sig: `import \"{}/{file}\" as del;`\n",
                m.name
            ));
        }
        for f in functions {
            md.push_str(&format!("\n### {}({})\n\n", f.name, f.params.join(", ")));
            let text = doc_text(&f.comments);
            if text.is_empty() {
                md.push_str("*Ingen beskrivning.*\n");
            } else {
                md.push_str(&text);
                md.push('\n');
            }
        }
    }
    RefPage {
        slug: m.name.clone(),
        title: m.name.clone(),
        markdown: md,
    }
}

/// Doc comments without their `///` or `/** */` leaders.
pub(crate) fn doc_text(comments: &[&str]) -> String {
    let mut lines = Vec::new();
    for c in comments {
        if let Some(block) = c.strip_prefix("/**") {
            for l in block.trim_end_matches("*/").lines() {
                lines.push(l.trim().trim_start_matches('*').trim_start().to_string());
            }
        } else {
            for l in c.lines() {
                let l = l.trim_start().trim_start_matches("///");
                lines.push(l.strip_prefix(' ').unwrap_or(l).to_string());
            }
        }
    }
    lines.join("\n").trim().to_string()
}

/// A named function registered on an engine, from Rhai's metadata, in writers' words.
pub struct Registered {
    pub name: String,
    /// `name: typ` (or just the type where the parameter has no name).
    pub params: Vec<String>,
    /// The return type in writers' words.
    pub ret: String,
    pub comments: Vec<String>,
}

/// Every named function registered on `engine` (operators such as `/` left out), each
/// overload once per metadata entry: what the Referens pages and the error hints read.
pub fn registered(engine: &rhai::Engine) -> Vec<Registered> {
    let json = engine.gen_fn_metadata_to_json(false).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let words = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    let mut out = Vec::new();
    for f in value["functions"].as_array().into_iter().flatten() {
        let Some(name) = f["name"].as_str() else {
            continue;
        };
        if !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            continue;
        }
        let params = f["params"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                let ty = type_word(p["type"].as_str().unwrap_or(""));
                match p["name"].as_str().filter(|n| *n != "_") {
                    Some(n) => format!("{n}: {ty}"),
                    None => ty,
                }
            })
            .collect();
        let comments = f["docComments"]
            .as_array()
            .into_iter()
            .flatten()
            .map(words)
            .collect();
        out.push(Registered {
            name: name.to_string(),
            params,
            ret: type_word(f["returnType"].as_str().unwrap_or("")),
            comments,
        });
    }
    out
}

/// One overload of a function as the reference lists it: its signature in writers' words
/// (`jamforelse(t: Table, period: värde) → Table`) and its doc comment.
pub type Overload = (String, String);

/// Every function registered by rapportbok (Rhai's own standard library not included),
/// by name, each overload with its signature and doc comment: what the Referens page lists
/// and what the editor's completion and hover show. Properties and indexing (`get$day`,
/// `index$get$`) are no names a writer calls: the page shows them apart ([`accessor`]).
pub fn builtin_functions(engine: &rhai::Engine) -> BTreeMap<String, Vec<Overload>> {
    let mut by_name: BTreeMap<String, Vec<Overload>> = BTreeMap::new();
    for f in registered(engine)
        .into_iter()
        .filter(|f| !f.name.contains('$'))
    {
        let mut sig = format!("{}({})", f.name, f.params.join(", "));
        if !f.ret.is_empty() && f.ret != "ingenting" {
            sig.push_str(&format!(" → {}", f.ret));
        }
        let comments: Vec<&str> = f.comments.iter().map(String::as_str).collect();
        let entry = by_name.entry(f.name).or_default();
        if !entry.iter().any(|(s, _)| *s == sig) {
            entry.push((sig, doc_text(&comments)));
        }
    }
    for variants in by_name.values_mut() {
        // Rhai lists overloads in hash order; sorted, the page is the same on every build
        // (`rapportbok verify` compares pages byte for byte).
        variants.sort();
    }
    by_name
}

/// The page of every built-in function, grouped by name, with parameter types in writers'
/// words, doc comments where given, and the keys its options map accepts (`keys`: the same
/// list the function checks a script's options against and completion offers).
pub fn builtins_page(engine: &rhai::Engine, keys: &OptionIndex) -> RefPage {
    let by_name = builtin_functions(engine);
    let mut md = String::from(
        "# Inbyggda funktioner\n\nFunktionerna som alla celler kan anropa, utan `import`. \
         Tilläggens funktioner finns på en egen sida per tillägg.\n",
    );
    for (name, variants) in &by_name {
        md.push_str(&format!("\n## {name}\n\n"));
        for (sig, _) in variants {
            md.push_str(&format!("- `{sig}`\n"));
        }
        let docs: Vec<&str> = variants
            .iter()
            .map(|(_, d)| d.as_str())
            .filter(|d| !d.is_empty())
            .collect();
        if let Some(first) = docs.first() {
            md.push_str(&format!("\n{first}\n"));
        }
        let options = keys.get(name);
        if !options.is_empty() {
            md.push_str("\nVal i alternativmappen `#{ … }`:\n\n");
            for k in options {
                md.push_str(&format!("- `{}`: {}\n", k.name, k.about));
            }
        }
    }
    let mut accessors: Vec<String> = registered(engine).iter().filter_map(accessor).collect();
    accessors.sort();
    accessors.dedup();
    if !accessors.is_empty() {
        md.push_str(
            "\n## Egenskaper och hakparenteser\n\nSkrivs efter ett värde i stället för \
             som ett anrop:\n\n",
        );
        for a in accessors {
            md.push_str(&format!("- {a}\n"));
        }
    }
    RefPage {
        slug: "inbyggda".into(),
        title: "Inbyggda funktioner".into(),
        markdown: md,
    }
}

/// How a script writes a property or an index that Rhai registers under an internal name
/// (`get$day`, `index$get$`): `` `datum.day` → heltal ``, `` `tabell[text]` → kolumn ``.
fn accessor(f: &Registered) -> Option<String> {
    // The parameters' types only: `t: tabell` reads as `tabell`.
    let ty = |i: usize| {
        f.params
            .get(i)
            .map(|p| p.rsplit(": ").next().unwrap_or(p).to_string())
    };
    let ret = if f.ret.is_empty() || f.ret == "ingenting" {
        String::new()
    } else {
        format!(" → {}", f.ret)
    };
    let shown = if f.name == "index$get$" {
        format!("`{}[{}]`{ret}", ty(0)?, ty(1)?)
    } else if f.name == "index$set$" {
        format!("`{}[{}] = {}`", ty(0)?, ty(1)?, ty(2)?)
    } else if let Some(property) = f.name.strip_prefix("get$") {
        format!("`{}.{property}`{ret}", ty(0)?)
    } else if let Some(property) = f.name.strip_prefix("set$") {
        format!("`{}.{property} = {}`", ty(0)?, ty(1)?)
    } else {
        return None;
    };
    let comments: Vec<&str> = f.comments.iter().map(String::as_str).collect();
    let doc = doc_text(&comments);
    Some(if doc.is_empty() {
        shown
    } else {
        format!("{shown}: {doc}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The part of the page about `name`: from its heading to the next.
    fn section<'a>(md: &'a str, name: &str) -> &'a str {
        let start = md
            .find(&format!("\n## {name}\n"))
            .unwrap_or_else(|| panic!("a section for {name}"));
        let rest = &md[start + 1..];
        let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
        &rest[..end]
    }

    #[test]
    fn the_builtins_page_lists_each_option_key_with_what_it_does() {
        let (engine, keys) = crate::script::builtins();
        let md = builtins_page(&engine, &keys).markdown;
        let resultat = section(&md, "resultatrakning");
        let listed: Vec<&str> = resultat
            .lines()
            .filter_map(|l| l.strip_prefix("- `"))
            .filter_map(|l| l.split_once("`: "))
            .map(|(name, _)| name)
            .collect();
        let accepted: Vec<&str> = keys.get("resultatrakning").iter().map(|k| k.name).collect();
        assert_eq!(
            listed,
            accepted,
            "{resultatrakning}",
            resultatrakning = resultat
        );
        assert!(listed.contains(&"konton"), "{resultat}");
        let konton = keys
            .get("resultatrakning")
            .iter()
            .find(|k| k.name == "konton")
            .map(|k| k.about)
            .expect("konton");
        assert!(
            resultat.contains(&format!("- `konton`: {konton}")),
            "{resultat}"
        );
        // A function without options gets no list.
        assert!(
            !section(&md, "read_text").contains("alternativmappen"),
            "{md}"
        );
    }

    #[test]
    fn properties_and_indexing_are_shown_as_scripts_write_them() {
        let (engine, keys) = crate::script::builtins();
        let md = builtins_page(&engine, &keys).markdown;
        assert!(
            !md.contains("get$") && !md.contains("index$"),
            "no internal names: {md}"
        );
        let accessors = section(&md, "Egenskaper och hakparenteser");
        assert!(accessors.contains("- `datum.day` → heltal"), "{accessors}");
        assert!(
            accessors.contains("- `tabell[text]` → kolumn"),
            "{accessors}"
        );
        assert!(
            accessors.contains("- `tabell[text] = värde`"),
            "{accessors}"
        );
    }
}
