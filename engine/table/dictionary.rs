//! Text column storage: one 4-byte code per row into a list of distinct texts (a dictionary).

use std::sync::Arc;

/// The code of an empty cell.
const EMPTY: u32 = u32::MAX;

/// A text column: each row is a code into `texts`, or empty. A text may stand in `texts` more
/// than once (values pushed one by one are not looked up); [`Dictionary::canonical`] maps
/// equal texts to one code where that matters.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    codes: Vec<u32>,
    texts: Vec<Arc<str>>,
}

impl Dictionary {
    pub fn new() -> Dictionary {
        Dictionary::default()
    }

    pub fn with_capacity(rows: usize) -> Dictionary {
        Dictionary {
            codes: Vec::with_capacity(rows),
            texts: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The text of row `i`, `None` when the cell is empty. Panics past the end, like a slice.
    pub fn get(&self, i: usize) -> Option<&Arc<str>> {
        self.text(self.codes[i])
    }

    /// The text of row `i` as `&str`.
    pub fn str(&self, i: usize) -> Option<&str> {
        self.get(i).map(|s| &**s)
    }

    fn text(&self, code: u32) -> Option<&Arc<str>> {
        (code != EMPTY).then(|| &self.texts[code as usize])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<&Arc<str>>> + '_ {
        self.codes.iter().map(|&c| self.text(c))
    }

    /// Append a text (shared, not copied) or an empty cell.
    pub fn push(&mut self, value: Option<Arc<str>>) {
        let code = match value {
            None => EMPTY,
            // A run of the same text (a column filled with one label) keeps one entry.
            Some(t) if self.texts.last().is_some_and(|l| *l == t) => self.texts.len() as u32 - 1,
            Some(t) => self.add_text(t),
        };
        self.codes.push(code);
    }

    /// Append a row whose text is `texts()[code]` (`None`: empty).
    pub fn push_code(&mut self, code: Option<u32>) {
        self.codes.push(code.unwrap_or(EMPTY));
    }

    /// Add a distinct text to the dictionary without a row; its code.
    pub fn add_text(&mut self, text: Arc<str>) -> u32 {
        self.texts.push(text);
        (self.texts.len() - 1) as u32
    }

    /// The code of `text`, looked up in `index` (the map from text to code that builds this
    /// dictionary) and added when new; a borrowed text is copied only then.
    pub fn intern<T: AsRef<str> + Into<Arc<str>>>(
        &mut self,
        text: T,
        index: &mut ahash::HashMap<Arc<str>, u32>,
    ) -> u32 {
        if let Some(&c) = index.get(text.as_ref()) {
            return c;
        }
        let text: Arc<str> = text.into();
        let c = self.add_text(Arc::clone(&text));
        index.insert(text, c);
        c
    }

    /// Each row's code (`None`: empty).
    pub fn codes(&self) -> impl ExactSizeIterator<Item = Option<u32>> + '_ {
        self.codes.iter().map(|&c| (c != EMPTY).then_some(c))
    }

    /// Row `i`'s code (`None`: empty).
    pub fn code(&self, i: usize) -> Option<u32> {
        let c = self.codes[i];
        (c != EMPTY).then_some(c)
    }

    /// The texts the codes point into.
    pub fn texts(&self) -> &[Arc<str>] {
        &self.texts
    }

    /// For each code, the first code with the same text: equal texts get equal codes.
    pub fn canonical(&self) -> Vec<u32> {
        let mut first: ahash::HashMap<&str, u32> = ahash::HashMap::default();
        self.texts
            .iter()
            .enumerate()
            .map(|(c, t)| *first.entry(&**t).or_insert(c as u32))
            .collect()
    }

    /// The rows at `idx`, in that order.
    pub fn take(&self, idx: &[usize]) -> Dictionary {
        self.pick(idx.iter().map(|&i| Some(i)), idx.len())
    }

    /// Like `take`; `None` gives an empty cell.
    pub fn take_opt(&self, idx: &[Option<usize>]) -> Dictionary {
        self.pick(idx.iter().copied(), idx.len())
    }

    fn pick(&self, idx: impl Iterator<Item = Option<usize>>, n: usize) -> Dictionary {
        if n >= self.texts.len() {
            // Share the dictionary; copy codes.
            Dictionary {
                codes: idx.map(|i| i.map_or(EMPTY, |i| self.codes[i])).collect(),
                texts: self.texts.clone(),
            }
        } else {
            // Few rows of a large dictionary: keep only their texts.
            idx.map(|i| i.and_then(|i| self.get(i).cloned())).collect()
        }
    }

    /// Append `other`'s rows (its texts looked up in `index`, the map from text to code that
    /// built this dictionary, and added when new).
    pub fn append(&mut self, other: Dictionary, index: &mut ahash::HashMap<Arc<str>, u32>) {
        let map: Vec<u32> = other
            .texts
            .into_iter()
            .map(|t| self.intern(t, index))
            .collect();
        self.codes.extend(
            other
                .codes
                .iter()
                .map(|&c| if c == EMPTY { EMPTY } else { map[c as usize] }),
        );
    }
}

impl FromIterator<Option<Arc<str>>> for Dictionary {
    /// Equal texts share one code (and one allocation).
    fn from_iter<I: IntoIterator<Item = Option<Arc<str>>>>(iter: I) -> Dictionary {
        let iter = iter.into_iter();
        let mut out = Dictionary::with_capacity(iter.size_hint().0);
        let mut index: ahash::HashMap<Arc<str>, u32> = ahash::HashMap::default();
        for v in iter {
            let code = match v {
                None => EMPTY,
                Some(t) => out.intern(t, &mut index),
            };
            out.codes.push(code);
        }
        out
    }
}

impl From<Vec<Option<Arc<str>>>> for Dictionary {
    fn from(v: Vec<Option<Arc<str>>>) -> Dictionary {
        v.into_iter().collect()
    }
}

impl PartialEq for Dictionary {
    /// Equal when every row has the same text, however the texts are coded.
    fn eq(&self, other: &Dictionary) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[Option<&str>]) -> Dictionary {
        v.iter().map(|s| s.map(Arc::from)).collect()
    }

    #[test]
    fn equal_texts_share_a_code_and_empty_cells_have_none() {
        let d = texts(&[Some("a"), None, Some("b"), Some("a")]);
        assert_eq!(d.len(), 4);
        assert_eq!(d.texts().len(), 2);
        assert_eq!(
            d.codes().collect::<Vec<_>>(),
            [Some(0), None, Some(1), Some(0)]
        );
        assert_eq!(d.str(2), Some("b"));
        assert_eq!(d.get(1), None);
        assert_eq!(
            d.iter()
                .map(|s| s.map(|s| s.to_string()))
                .collect::<Vec<_>>(),
            [Some("a".into()), None, Some("b".into()), Some("a".into())]
        );
    }

    #[test]
    fn pushed_texts_compare_by_text_and_canonical_codes_join_duplicates() {
        let mut d = Dictionary::new();
        for s in ["a", "a", "b", "a"] {
            d.push(Some(Arc::from(s)));
        }
        d.push(None);
        assert_eq!(
            d.texts().len(),
            3,
            "a run shares its entry, a later repeat does not"
        );
        assert_eq!(
            d,
            texts(&[Some("a"), Some("a"), Some("b"), Some("a"), None])
        );
        assert_ne!(
            d,
            texts(&[Some("a"), Some("a"), Some("b"), Some("b"), None])
        );
        let canon = d.canonical();
        let codes: Vec<Option<u32>> = d.codes().map(|c| c.map(|c| canon[c as usize])).collect();
        assert_eq!(codes, [Some(0), Some(0), Some(1), Some(0), None]);
    }

    #[test]
    fn take_keeps_texts_and_empty_cells() {
        let d = texts(&[Some("a"), None, Some("b"), Some("c")]);
        let t = d.take(&[3, 1, 0, 3]);
        assert_eq!(t, texts(&[Some("c"), None, Some("a"), Some("c")]));
        let few = d.take(&[2]);
        assert_eq!(few.texts().len(), 1, "a small take keeps only its texts");
        assert_eq!(few, texts(&[Some("b")]));
        assert_eq!(d.take_opt(&[None, Some(0)]), texts(&[None, Some("a")]));
    }

    #[test]
    fn append_maps_the_other_dictionarys_codes() {
        let mut index = ahash::HashMap::default();
        let mut a = Dictionary::new();
        for s in [Some("x"), None, Some("y")] {
            let code = s.map(|s| {
                *index
                    .entry(Arc::from(s))
                    .or_insert_with_key(|k: &Arc<str>| a.add_text(Arc::clone(k)))
            });
            a.push_code(code);
        }
        a.append(texts(&[Some("y"), Some("z"), None]), &mut index);
        assert_eq!(
            a,
            texts(&[Some("x"), None, Some("y"), Some("y"), Some("z"), None])
        );
        assert_eq!(a.texts().len(), 3, "y is not added twice");
    }
}
