//! What carries over from one item of a notebook to the next (the scope, the functions and
//! imports so far), and what the preview keeps of it per item: only the variables the item
//! may have set, so the cache grows with the notebook's length, not with its square.

use std::collections::{HashMap, HashSet};

use rhai::{AST, Dynamic, Scope};

use super::place::FunctionPlaces;

/// The state between items.
#[derive(Clone)]
pub struct State {
    pub scope: Scope<'static>,
    /// Every `fn` defined by the cells so far.
    pub functions: AST,
    /// Where each of those functions was defined.
    pub places: FunctionPlaces,
    /// Every `import "path" as alias;` so far, as (path, alias). Rhai forgets a cell's
    /// imports when the cell ends; these are registered on the engine for the items below,
    /// and again when a cached state is restored into a new sandbox.
    pub imports: Vec<(String, String)>,
    /// Every name in the scope (it only grows: top-level variables live to the end).
    names: HashSet<String>,
}

/// A variable as an item left it: name, constant or not, value.
pub type Binding = (String, bool, Dynamic);

impl State {
    /// The state before the first item: only the constant `params`.
    pub fn new(params: rhai::Map) -> State {
        let mut state = State {
            scope: Scope::new(),
            functions: AST::empty(),
            places: FunctionPlaces::default(),
            imports: Vec::new(),
            names: HashSet::new(),
        };
        state.push("params".into(), true, Dynamic::from_map(params));
        state
    }

    fn push(&mut self, name: String, constant: bool, value: Dynamic) {
        if constant {
            self.scope.push_constant_dynamic(name.clone(), value);
        } else {
            self.scope.push_dynamic(name.clone(), value);
        }
        self.names.insert(name);
    }

    /// After an item: note the names it added, and drop shadowed entries once they make up
    /// half the scope (`let x` of an existing `x` adds an entry that hides the old one; the
    /// old one can never be read again). Amortised, this costs a constant per entry.
    pub fn settle(&mut self, len_before: usize) {
        let added = self.scope.len().saturating_sub(len_before);
        if added == 0 {
            return;
        }
        let new: Vec<String> = self
            .scope
            .iter_raw()
            .take(added)
            .map(|(name, _, _)| name.to_string())
            .collect();
        self.names.extend(new);
        if self.scope.len() > 2 * self.names.len() + 16 {
            self.scope = visible(&self.scope);
        }
    }

    /// The variables an item whose source is `code` may have set, as it left them: those it
    /// added, and those its code names before `=`, an `op=`, `.` or `[` (an assignment, a
    /// property or index set, or a method that changes its receiver). A script cannot set a
    /// variable without naming it: functions do not see the caller's scope.
    pub fn bindings_set_by(&self, code: &str, len_before: usize) -> Vec<Binding> {
        let added = self.scope.len().saturating_sub(len_before);
        let mut set: Vec<Binding> = self
            .scope
            .iter_raw()
            .take(added)
            .map(|(n, c, v)| (n.to_string(), c, v.clone()))
            .collect();
        let mut seen: HashSet<&str> = set.iter().map(|(n, _, _)| n.as_str()).collect();
        let mut changed = Vec::new();
        for name in changed_names(code) {
            if !self.names.contains(name) || !seen.insert(name) {
                continue;
            }
            if let Some(value) = self.scope.get(name) {
                let constant = self.scope.is_constant(name).unwrap_or(false);
                changed.push((name.to_string(), constant, value.clone()));
            }
        }
        set.extend(changed);
        set
    }

    /// The state after an item, rebuilt from the bindings every item up to it set (in order)
    /// and the functions, places and imports it had then.
    pub fn restore<'a>(
        params: rhai::Map,
        bindings: impl Iterator<Item = &'a Binding>,
        functions: AST,
        places: FunctionPlaces,
        imports: Vec<(String, String)>,
    ) -> State {
        let mut latest: HashMap<&str, usize> = HashMap::new();
        let mut order: Vec<&Binding> = Vec::new();
        for b in bindings {
            match latest.get(b.0.as_str()) {
                Some(&i) => order[i] = b,
                None => {
                    latest.insert(b.0.as_str(), order.len());
                    order.push(b);
                }
            }
        }
        let mut state = State::new(params);
        for (name, constant, value) in order {
            if name == "params" {
                continue;
            }
            state.push(name.clone(), *constant, value.clone());
        }
        state.functions = functions;
        state.places = places;
        state.imports = imports;
        state
    }
}

/// The scope with only the last entry of each name, in their order.
fn visible(scope: &Scope<'static>) -> Scope<'static> {
    let mut seen = HashSet::new();
    let mut kept: Vec<(&str, bool, &Dynamic)> = scope
        .iter_raw()
        .filter(|(name, _, _)| seen.insert(*name))
        .collect();
    kept.reverse();
    let mut out = Scope::with_capacity(kept.len());
    for (name, constant, value) in kept {
        if constant {
            out.push_constant_dynamic(name.to_string(), value.clone());
        } else {
            out.push_dynamic(name.to_string(), value.clone());
        }
    }
    out
}

/// Names in `code` followed by `=` (not `==`), an `op=`, `.` or `[`.
fn changed_names(code: &str) -> impl Iterator<Item = &str> {
    let bytes = code.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            if !is_word(bytes[i]) {
                i += 1;
                continue;
            }
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            let word = &code[start..i];
            if word.as_bytes()[0].is_ascii_digit() {
                continue;
            }
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let next = bytes.get(j).copied();
            let after = bytes.get(j + 1).copied();
            let sets = match next {
                Some(b'.' | b'[') => true,
                Some(b'=') => after != Some(b'=') && after != Some(b'>'),
                Some(b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^') => after == Some(b'='),
                Some(b'<' | b'>') => after == next && bytes.get(j + 2).copied() == Some(b'='),
                _ => false,
            };
            if sets {
                return Some(word);
            }
        }
        None
    })
}

/// A byte of an identifier (ASCII letters, digits, `_`, and any non-ASCII letter's bytes).
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_before_assignments_properties_and_methods_count_as_set() {
        let code = "let a = 1;\nb += 2;\nc.push(3);\nd[0] = 4;\nif e == 5 { f <<= 1 }\ng(h);\nlet i = j.len();";
        let names: Vec<&str> = changed_names(code).collect();
        assert_eq!(names, ["a", "b", "c", "d", "f", "i", "j"]);
    }

    #[test]
    fn shadowed_entries_are_dropped_once_they_dominate() {
        let mut state = State::new(rhai::Map::new());
        for n in 0..100i64 {
            let before = state.scope.len();
            state.scope.push("x", n);
            state.settle(before);
        }
        assert!(state.scope.len() <= 2 * 2 + 16, "{}", state.scope.len());
        assert_eq!(state.scope.get_value::<i64>("x"), Some(99));
        assert!(state.scope.get("params").is_some());
    }

    #[test]
    fn restoring_takes_each_name_from_the_last_item_that_set_it() {
        let bindings: Vec<Binding> = vec![
            ("a".into(), false, Dynamic::from(1i64)),
            ("b".into(), true, Dynamic::from(2i64)),
            ("a".into(), false, Dynamic::from(3i64)),
        ];
        let state = State::restore(
            rhai::Map::new(),
            bindings.iter(),
            AST::empty(),
            FunctionPlaces::default(),
            Vec::new(),
        );
        assert_eq!(state.scope.len(), 3);
        assert_eq!(state.scope.get_value::<i64>("a"), Some(3));
        assert_eq!(state.scope.is_constant("b"), Some(true));
    }
}
