//! What a script can call, with the Referens pages' signatures and Swedish descriptions:
//! the built-ins, each plugin's public functions, and the option keys of each built-in.

use std::collections::BTreeMap;

use rhai::FnAccess;

use crate::plugins::Plugins;
use crate::plugins::doc::{Overload, builtin_functions, doc_text};

/// One callable name and what the reference says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// As written in a cell: `jamforelse`, or `mal` inside a plugin (called as `alias::mal`).
    pub name: String,
    /// Each overload: signature and description.
    pub overloads: Vec<Overload>,
    /// Keys of the options map (`#{kolumner: …}`) the function accepts.
    pub options: Vec<String>,
}

impl Function {
    /// The first non-empty description among the overloads.
    pub fn description(&self) -> &str {
        self.overloads
            .iter()
            .map(|(_, d)| d.as_str())
            .find(|d| !d.is_empty())
            .unwrap_or("")
    }

    /// The reference entry as plain text: every signature, then the description.
    pub fn reference(&self) -> String {
        let mut text: String = self
            .overloads
            .iter()
            .map(|(s, _)| format!("{s}\n"))
            .collect();
        let doc = self.description();
        if !doc.is_empty() {
            text.push('\n');
            text.push_str(&doc.replace('`', ""));
        }
        if !self.options.is_empty() {
            text.push_str(&format!("\n\nVal: {}", self.options.join(", ")));
        }
        text
    }
}

/// Everything callable, by name; plugin functions by plugin name.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub builtins: BTreeMap<String, Function>,
    /// Plugin name (`hsf-indikatorer`) → its public functions.
    pub plugins: BTreeMap<String, Vec<Function>>,
}

impl Catalog {
    /// The built-ins of a fresh engine and the given plugins' public functions.
    pub fn new(plugins: &Plugins) -> Catalog {
        let raw = builtin_functions(&crate::script::builtin_engine());
        let mut builtins: BTreeMap<String, Function> = raw
            .into_iter()
            .map(|(name, overloads)| {
                (
                    name.clone(),
                    Function {
                        name,
                        overloads,
                        options: Vec::new(),
                    },
                )
            })
            .collect();
        let names: Vec<String> = builtins.keys().cloned().collect();
        let mut inherits = Vec::new();
        for f in builtins.values_mut() {
            f.options = if CHARTS.contains(&f.name.as_str()) {
                crate::chart::OPTION_KEYS
                    .iter()
                    .map(|k| k.to_string())
                    .collect()
            } else if let Some(keys) = FIXED.iter().find(|(n, _)| *n == f.name) {
                keys.1.iter().map(|k| k.to_string()).collect()
            } else {
                let (keys, from) = option_keys(f, &names);
                if let Some(from) = from {
                    inherits.push((f.name.clone(), from));
                }
                keys
            };
        }
        for (name, from) in inherits {
            let keys = builtins.get(&from).map(|f| f.options.clone());
            if let (Some(keys), Some(f)) = (keys, builtins.get_mut(&name)) {
                f.options = keys;
            }
        }
        let plugins = plugins
            .list
            .iter()
            .map(|p| {
                let mut functions: Vec<Function> = Vec::new();
                for ast in p.code.files.values() {
                    for f in ast
                        .iter_functions()
                        .filter(|f| f.access != FnAccess::Private)
                    {
                        let sig = format!("{}({})", f.name, f.params.join(", "));
                        let doc = doc_text(&f.comments);
                        match functions.iter_mut().find(|g| g.name == f.name) {
                            Some(g) if !g.overloads.iter().any(|(s, _)| *s == sig) => {
                                g.overloads.push((sig, doc))
                            }
                            Some(_) => {}
                            None => functions.push(Function {
                                name: f.name.to_string(),
                                overloads: vec![(sig, doc)],
                                options: Vec::new(),
                            }),
                        }
                    }
                }
                functions.sort_by(|a, b| a.name.cmp(&b.name));
                (p.manifest.name.clone(), functions)
            })
            .collect();
        Catalog { builtins, plugins }
    }

    /// A built-in, or `alias::name` of a plugin imported under `alias` (see `imports`).
    pub fn lookup(&self, name: &str, imports: &[(String, String)]) -> Option<&Function> {
        if let Some((alias, inner)) = name.split_once("::") {
            let (plugin, _) = imports.iter().find(|(_, a)| a == alias)?;
            return self.plugins.get(plugin)?.iter().find(|f| f.name == inner);
        }
        self.builtins.get(name)
    }
}

/// The chart built-ins, whose options are the chart's option keys.
const CHARTS: [&str; 6] = [
    "line_chart",
    "time_chart",
    "bar_chart",
    "hbar_chart",
    "stacked_bar_chart",
    "waterfall_chart",
];

/// Built-ins whose options are not in their doc comment, with the list their options
/// are checked against (`read_xlsx` takes no options map).
const FIXED: [(&str, &[&str]); 1] = [("read_csv", crate::script::READ_CSV_OPTIONS)];

/// Option keys named in the description of an overload that takes options: the
/// `backticked` words after "med val"/"med valen"/"med valet" that are not function names.
/// "samma val som `f`" names a function whose keys these are (returned second).
fn option_keys(f: &Function, functions: &[String]) -> (Vec<String>, Option<String>) {
    let mut keys: Vec<String> = Vec::new();
    let mut inherit = None;
    for (sig, doc) in &f.overloads {
        if !sig.contains(": map") {
            continue;
        }
        if let Some(i) = doc.find("samma val som `") {
            let rest = &doc[i + "samma val som `".len()..];
            inherit = rest.split('`').next().map(str::to_string);
            continue;
        }
        let Some(start) = doc.find("med val") else {
            continue;
        };
        for (i, part) in doc[start..].split('`').enumerate() {
            let word = part.trim();
            let plain = !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if i % 2 == 1
                && plain
                && !functions.iter().any(|n| n == word)
                && !keys.contains(&word.to_string())
            {
                keys.push(word.to_string());
            }
        }
    }
    (keys, inherit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_carry_the_reference_metadata_and_their_options() {
        let c = Catalog::new(&Plugins::default());
        let j = c.builtins.get("jamforelse").expect("jamforelse");
        assert!(
            j.overloads
                .iter()
                .any(|(s, _)| s.starts_with("jamforelse(t: tabell"))
        );
        assert!(j.description().contains("period"), "{}", j.description());
        assert!(j.options.contains(&"per".to_string()), "{:?}", j.options);
        assert!(
            j.options.contains(&"kolumner".to_string()),
            "{:?}",
            j.options
        );
        assert!(!j.options.contains(&"jamforelse".to_string()));
        let bar = c.builtins.get("bar_chart").expect("bar_chart");
        assert!(bar.options.contains(&"title".to_string()));
        let csv = c.builtins.get("read_csv").expect("read_csv");
        assert_eq!(csv.options, ["types", "separator", "decimal", "thousands"]);
        let xlsx = c.builtins.get("read_xlsx").expect("read_xlsx");
        assert!(xlsx.options.is_empty(), "read_xlsx takes no options map");
        assert!(j.reference().contains("Val: "));
    }
}
