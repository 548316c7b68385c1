//! Registering a table built-in twice, without and with its options map (`val: Map`, last),
//! and the option keys each built-in accepts: one list, used both to check a script's options
//! and by the editor's completion.

use std::collections::BTreeMap;

/// One key of a built-in's options map, with a short Swedish description for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionKey {
    pub name: &'static str,
    pub about: &'static str,
}

/// An option key and what it does.
pub const fn key(name: &'static str, about: &'static str) -> OptionKey {
    OptionKey { name, about }
}

/// The option keys of every built-in that takes an options map, filled as they are
/// registered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionIndex {
    keys: BTreeMap<&'static str, Vec<OptionKey>>,
}

impl OptionIndex {
    /// Record that `function` accepts `keys` (a function registered twice keeps each key once).
    pub fn add(&mut self, function: &'static str, keys: &[OptionKey]) {
        let known = self.keys.entry(function).or_default();
        for k in keys {
            if !known.iter().any(|h| h.name == k.name) {
                known.push(*k);
            }
        }
    }

    /// The keys `function` accepts, in the order they were given; empty when it takes none.
    pub fn get(&self, function: &str) -> &[OptionKey] {
        self.keys.get(function).map_or(&[], Vec::as_slice)
    }
}

/// The names of `keys`, to check an options map against.
pub fn names(keys: &[OptionKey]) -> Vec<&'static str> {
    keys.iter().map(|k| k.name).collect()
}

/// Register `name(t, args…)` with the description `plain` and `name(t, args…, val)` with
/// `options`; both call `f(t, &args…, &options)`, the first with an empty map. The second
/// first rejects keys that are not in `keys` (a `&[OptionKey]` or a `Vec`), which the
/// `index` records for completion. The arguments are written as the Referens page shows
/// them (`period: Dynamic`).
///
/// ```ignore
/// with_options!(engine, index, "investeringar", (period: Dynamic) -> Table, investments,
///     &[KOLUMNER],
///     "/// Investeringar per område vid `period` …",
///     "/// Som `investeringar(t, period)`, med valet `kolumner`.");
/// ```
macro_rules! with_options {
    ($engine:expr, $index:expr, $name:literal, ($($arg:ident : $ty:ty),*) -> $ret:ident, $f:expr,
     $keys:expr, $plain:expr, $options:expr $(,)?) => {{
        let keys: Vec<$crate::script::api::overloads::OptionKey> = ($keys).into();
        $index.add($name, &keys);
        rhai::FuncRegistration::new($name)
            .with_comments([$plain])
            .with_params_info([
                "t: Table",
                $(concat!(stringify!($arg), ": ", stringify!($ty)),)*
                stringify!($ret),
            ])
            .register_into_engine($engine, |t: &mut Table, $($arg: $ty),*| {
                $f(t, $(&$arg,)* &rhai::Map::new())
            });
        rhai::FuncRegistration::new($name)
            .with_comments([$options])
            .with_params_info([
                "t: Table",
                $(concat!(stringify!($arg), ": ", stringify!($ty)),)*
                "val: Map",
                stringify!($ret),
            ])
            .register_into_engine(
                $engine,
                move |t: &mut Table, $($arg: $ty,)* options: rhai::Map|
                      -> Result<$ret, Box<rhai::EvalAltResult>> {
                    $crate::script::api::domain::check_options(&options, &keys)?;
                    $f(t, $(&$arg,)* &options)
                },
            );
    }};
}

pub(crate) use with_options;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_function_registered_twice_keeps_each_key_once_in_order() {
        let mut index = OptionIndex::default();
        index.add("f", &[key("b", "B"), key("a", "A")]);
        index.add("f", &[key("a", "A"), key("c", "C")]);
        assert_eq!(names(index.get("f")), ["b", "a", "c"]);
        assert!(index.get("g").is_empty());
    }
}
