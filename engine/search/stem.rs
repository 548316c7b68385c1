//! Swedish word forms for search: lower case, then common inflection endings stripped
//! (`vårdplatserna` → `vårdplat`, `budgeten` → `budg`), the same rules the browser applies
//! to the query.

/// Endings stripped, longest first so `-erna` wins over `-na` and `-a`.
pub const SUFFIXES: &[&str] = &[
    "arnas", "ernas", "ornas", "arna", "erna", "orna", "ena", "ens", "ets", "ans", "en", "et",
    "er", "ar", "or", "na", "ns", "s",
];

/// A stem keeps at least this many letters.
pub const MIN_STEM: usize = 3;

/// Endings are stripped again while one fits (`budgeten` → `budget` → `budg`), so a word's
/// forms meet at one stem. Bounded so odd words cannot shrink forever.
const MAX_ROUNDS: usize = 3;

/// The search stem of one word (any case).
pub fn stem(word: &str) -> String {
    let mut w = word.to_lowercase();
    for _ in 0..MAX_ROUNDS {
        let len = w.chars().count();
        let Some(suffix) = SUFFIXES
            .iter()
            .find(|s| w.ends_with(*s) && len - s.chars().count() >= MIN_STEM)
        else {
            break;
        };
        w.truncate(w.len() - suffix.len());
    }
    w
}

/// The words of a text: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_meet() {
        for (a, b) in [
            ("vårdplatserna", "vårdplatser"),
            ("vårdplatser", "vårdplats"),
            ("budgeten", "budget"),
            ("kostnaderna", "kostnader"),
            ("patienternas", "patient"),
            ("Regionens", "regionen"),
            ("ÅRETS", "året"),
            ("verksamheterna", "verksamhet"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn stems_keep_swedish_letters_and_a_minimum_length() {
        assert_eq!(stem("Vårdplatserna"), "vårdplat");
        assert_eq!(stem("ÖVERSKOTTET"), "överskott");
        assert_eq!(stem("året"), "året");
        assert_eq!(stem("ser"), "ser");
        assert_eq!(stem("ens"), "ens");
        assert!(stem("mars").chars().count() >= MIN_STEM);
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let w: Vec<&str> = words("Utfall: 1 234 mkr (år 2024), vårdplatser/dygn").collect();
        assert_eq!(
            w,
            [
                "Utfall",
                "1",
                "234",
                "mkr",
                "år",
                "2024",
                "vårdplatser",
                "dygn"
            ]
        );
    }
}
