//! What carries over from one item of a notebook to the next (the variables, the functions
//! and imports so far), and what the preview keeps of it per item: only the variables the item
//! may have set, so the cache grows with the notebook's length, not with its square.
//!
//! The variables live in a map by name. Each item runs in a scope of only the variables its
//! code names (moved in, and back out after it), so an item costs the same whether the
//! notebook above it defined ten variables or ten thousand: Rhai looks names up in a scope
//! by scanning it.

use std::collections::{HashMap, HashSet};

use rhai::{AST, Dynamic, Scope};

use super::place::FunctionPlaces;

/// The state between items.
pub struct State {
    /// Every top-level variable so far, the last value of each name.
    vars: Vars,
    /// The running item's scope: the variables its code names, moved out of `vars` by
    /// [`State::enter`] and back by [`State::leave`]; empty between items.
    pub scope: Scope<'static>,
    /// How many of `scope`'s entries came from `vars` (the rest the item added).
    entered: usize,
    /// Every `fn` defined by the cells so far.
    pub functions: AST,
    /// Where each of those functions was defined.
    pub places: FunctionPlaces,
    /// Every `import "path" as alias;` so far, as (path, alias). Rhai forgets a cell's
    /// imports when the cell ends; these are registered on the engine for the items below,
    /// and again when a cached state is restored into a new sandbox.
    pub imports: Vec<(String, String)>,
}

/// A variable as an item left it: name, constant or not, value.
pub type Binding = (String, bool, Dynamic);

/// Variables by name, in the order each name was first set.
#[derive(Default)]
struct Vars {
    entries: Vec<Binding>,
    index: HashMap<String, usize>,
}

impl Vars {
    /// Set `name` (a new name goes last; an existing one keeps its place).
    fn set(&mut self, name: String, constant: bool, value: Dynamic) {
        match self.index.get(&name) {
            Some(&i) => self.entries[i] = (name, constant, value),
            None => {
                self.index.insert(name.clone(), self.entries.len());
                self.entries.push((name, constant, value));
            }
        }
    }

    fn get(&self, name: &str) -> Option<&Binding> {
        self.index.get(name).map(|&i| &self.entries[i])
    }
}

impl State {
    /// The state before the first item: only the constant `params`.
    pub fn new(params: rhai::Map) -> State {
        let mut state = State {
            vars: Vars::default(),
            scope: Scope::new(),
            entered: 0,
            functions: AST::empty(),
            places: FunctionPlaces::default(),
            imports: Vec::new(),
        };
        state
            .vars
            .set("params".into(), true, Dynamic::from_map(params));
        state
    }

    /// Before an item whose source is `code`: move the variables it names into `scope`.
    pub fn enter(&mut self, code: &str) {
        self.leave_quietly();
        let mut seen = HashSet::new();
        for word in words(code) {
            if !seen.insert(word) {
                continue;
            }
            if let Some(&i) = self.vars.index.get(word) {
                let (name, constant, value) = &mut self.vars.entries[i];
                let value = std::mem::take(value);
                if *constant {
                    self.scope.push_constant_dynamic(name.as_str(), value);
                } else {
                    self.scope.push_dynamic(name.as_str(), value);
                }
            }
        }
        self.entered = self.scope.len();
    }

    /// After the item that `enter` prepared: move its scope back into the variables (what it
    /// added after what it read, so the last entry of a name wins). With `code` (the item's
    /// source), also return the variables it may have set, as it left them: those it added,
    /// and those its code names before `=`, an `op=`, `.` or `[` (an assignment, a property
    /// or index set, or a method that changes its receiver). A script cannot set a variable
    /// without naming it: functions do not see the caller's scope.
    pub fn leave(&mut self, code: Option<&str>) -> Left {
        let entered = std::mem::take(&mut self.entered);
        let scope = std::mem::take(&mut self.scope);
        let mut read: HashSet<String> = HashSet::new();
        let mut added: Vec<String> = Vec::new();
        let mut shares = false;
        for (i, (name, value, _)) in scope.into_iter().enumerate() {
            if code.is_some() && !shares {
                shares = holds_shared(&value);
            }
            if i < entered {
                if code.is_some() {
                    read.insert(name.clone());
                }
            } else if code.is_some() {
                added.push(name.clone());
            }
            let constant = value.is_read_only();
            self.vars.set(name, constant, value);
        }
        let Some(code) = code else {
            return Left::default();
        };
        let mut names: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for name in added.iter().map(String::as_str) {
            if seen.insert(name) {
                names.push(name);
            }
        }
        for name in changed_names(code) {
            if read.contains(name) && seen.insert(name) {
                names.push(name);
            }
        }
        let bindings = names
            .into_iter()
            .filter_map(|n| self.vars.get(n).cloned())
            .collect();
        Left { bindings, shares }
    }

    /// Put back whatever a previous `enter` took, should its `leave` not have run.
    fn leave_quietly(&mut self) {
        if !self.scope.is_empty() {
            self.leave(None);
        }
    }

    /// Whether a variable of this name exists (above the item, or set by it so far).
    pub fn knows(&self, name: &str) -> bool {
        self.vars.index.contains_key(name) || self.scope.contains(name)
    }

    /// Every variable's name (above the item, and set by it so far).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars
            .entries
            .iter()
            .map(|(n, _, _)| n.as_str())
            .chain(self.scope.iter_raw().map(|(n, _, _)| n))
    }

    /// Set the variables an earlier run of an item left (the item is not run again).
    pub fn replay(&mut self, bindings: &[Binding]) {
        for (name, constant, value) in bindings {
            if name != "params" {
                self.vars.set(name.clone(), *constant, value.clone());
            }
        }
    }

    #[cfg(test)]
    fn value(&self, name: &str) -> Option<&Dynamic> {
        self.vars.get(name).map(|(_, _, v)| v)
    }
}

/// What an item left: the variables it may have set, and whether its scope held shared
/// values (see [`holds_shared`]).
#[derive(Default)]
pub struct Left {
    pub bindings: Vec<Binding>,
    pub shares: bool,
}

/// Whether `value` is or holds (in an array or map) a shared value or a function pointer:
/// a closure captures variables as shared values, so calling it changes variables that the
/// calling item does not name.
fn holds_shared(value: &Dynamic) -> bool {
    if value.is_shared() || value.is::<rhai::FnPtr>() {
        return true;
    }
    if let Some(array) = value.read_lock::<rhai::Array>() {
        return array.iter().any(holds_shared);
    }
    if let Some(map) = value.read_lock::<rhai::Map>() {
        return map.values().any(holds_shared);
    }
    false
}

/// The identifiers in `code`, in strings and comments too (a name there is harmless: at
/// worst a variable is moved into an item's scope and back without being used).
pub(super) fn words(code: &str) -> impl Iterator<Item = &str> {
    let bytes = code.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !is_word(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            if !bytes[start].is_ascii_digit() {
                return Some(&code[start..i]);
            }
        }
        None
    })
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
    fn words_are_identifiers_not_numbers() {
        let code = "let år_1 = 2023 + x2;\n`${y}` // z";
        let found: Vec<&str> = words(code).collect();
        assert_eq!(found, ["let", "år_1", "x2", "y", "z"]);
    }

    #[test]
    fn an_item_sees_only_what_it_names_and_leaves_the_rest() {
        let mut state = State::new(rhai::Map::new());
        state.enter("let a = 1; let b = 2;");
        assert!(state.scope.is_empty());
        state.scope.push("a", 1i64);
        state.scope.push("b", 2i64);
        state.leave(None);
        state.enter("a += 10; let a = a + 1; let c = 3;");
        assert_eq!(state.scope.len(), 1, "only `a` is named");
        state.scope.set_value("a", 11i64);
        state.scope.push("a", 12i64);
        state.scope.push("c", 3i64);
        let left = state.leave(Some("a += 10; let a = a + 1; let c = 3;"));
        assert!(!left.shares);
        let names: Vec<&str> = left.bindings.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["a", "c"]);
        assert_eq!(state.value("a").and_then(|v| v.as_int().ok()), Some(12));
        assert_eq!(state.value("b").and_then(|v| v.as_int().ok()), Some(2));
        assert!(state.knows("params") && state.knows("c") && !state.knows("d"));
    }

    #[test]
    fn constants_stay_constant() {
        let mut state = State::new(rhai::Map::new());
        state.enter("params");
        assert_eq!(state.scope.is_constant("params"), Some(true));
        state.scope.push_constant("k", 1i64);
        state.leave(None);
        state.enter("k + params.len()");
        assert_eq!(state.scope.is_constant("k"), Some(true));
        state.leave(None);
    }

    #[test]
    fn replaying_takes_each_name_from_the_last_item_that_set_it() {
        let mut state = State::new(rhai::Map::new());
        state.replay(&[
            ("a".into(), false, Dynamic::from(1i64)),
            ("b".into(), true, Dynamic::from(2i64)),
        ]);
        state.replay(&[("a".into(), false, Dynamic::from(3i64))]);
        assert_eq!(state.names().count(), 3);
        state.enter("a b");
        assert_eq!(state.scope.get_value::<i64>("a"), Some(3));
        assert_eq!(state.scope.is_constant("b"), Some(true));
    }

    #[test]
    fn closures_and_what_they_capture_are_shared() {
        let engine = rhai::Engine::new();
        let mut state = State::new(rhai::Map::new());
        let code = "let x = 1; let n = 2;";
        state.enter(code);
        engine.run_with_scope(&mut state.scope, code).expect("runs");
        assert!(!state.leave(Some(code)).shares);
        let code = "let inc = || { x += 1; x };";
        state.enter(code);
        engine.run_with_scope(&mut state.scope, code).expect("runs");
        assert!(state.leave(Some(code)).shares, "x is captured");
        let code = "let fs = [n, #{ f: Fn(\"g\") }];";
        state.enter(code);
        engine.run_with_scope(&mut state.scope, code).expect("runs");
        assert!(
            state.leave(Some(code)).shares,
            "a function pointer in a map"
        );
    }
}
