//! What a script can call, with the Referens pages' signatures and Swedish descriptions:
//! the built-ins, each plugin's public functions, and the option keys of each built-in.

use std::collections::BTreeMap;

use rhai::FnAccess;

use crate::plugins::Plugins;
use crate::plugins::doc::{Overload, builtin_functions, doc_text};
use crate::script::OptionKey;

/// One callable name and what the reference says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// As written in a cell: `jamforelse`, or `mal` inside a plugin (called as `alias::mal`).
    pub name: String,
    /// Each overload: signature and description.
    pub overloads: Vec<Overload>,
    /// Keys of the options map (`#{kolumner: …}`) the function accepts: the list its
    /// options are checked against when it runs.
    pub options: Vec<OptionKey>,
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

    /// The names of the option keys, in order.
    pub fn option_names(&self) -> Vec<&'static str> {
        self.options.iter().map(|k| k.name).collect()
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
            text.push_str(&format!("\n\nVal: {}", self.option_names().join(", ")));
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
        let (engine, keys) = crate::script::builtins();
        let builtins: BTreeMap<String, Function> = builtin_functions(&engine)
            .into_iter()
            .map(|(name, overloads)| {
                let options = keys.get(&name).to_vec();
                (
                    name.clone(),
                    Function {
                        name,
                        overloads,
                        options,
                    },
                )
            })
            .collect();
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
        let keys = j.option_names();
        assert!(keys.contains(&"per"), "{keys:?}");
        assert!(keys.contains(&"kolumner"), "{keys:?}");
        assert!(!keys.contains(&"jamforelse"));
        let bar = c.builtins.get("bar_chart").expect("bar_chart");
        assert!(bar.option_names().contains(&"title"));
        let csv = c.builtins.get("read_csv").expect("read_csv");
        assert_eq!(
            csv.option_names(),
            ["types", "separator", "decimal", "thousands"]
        );
        let xlsx = c.builtins.get("read_xlsx").expect("read_xlsx");
        assert!(xlsx.options.is_empty(), "read_xlsx takes no options map");
        assert!(j.reference().contains("Val: "));
        let internal: Vec<&String> = c.builtins.keys().filter(|n| n.contains('$')).collect();
        assert!(internal.is_empty(), "{internal:?}");
        assert!(c.builtins.contains_key("add_months"));
    }

    #[test]
    fn every_built_in_with_an_options_map_has_its_keys() {
        let c = Catalog::new(&Plugins::default());
        let without: Vec<&str> = c
            .builtins
            .values()
            .filter(|f| f.overloads.iter().any(|(sig, _)| sig.contains(": map")))
            .filter(|f| f.options.is_empty())
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(without, Vec::<&str>::new());
    }
}
