//! The build's worker pool: a bounded number of threads (rayon's, one per core) that map
//! work over items in order, and turn a panic in one item into that item's failure.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;

/// Why an item's work did not finish: the panic's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panicked(pub String);

/// Map `f` over `items` on the pool, keeping the order. A panic in one item becomes
/// `Err` for that item only; every other item is still done.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<Result<R, Panicked>> {
    items.par_iter().map(|item| guard(|| f(item))).collect()
}

/// Run `f`, turning a panic into `Err` with its message.
pub fn guard<R>(f: impl FnOnce() -> R) -> Result<R, Panicked> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "okänd orsak".to_string());
        Panicked(message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_and_isolates_a_panic() {
        let items: Vec<u32> = (0..40).collect();
        let out = map(&items, |&i| {
            if i == 7 {
                panic!("sju är trasig");
            }
            i * 2
        });
        assert_eq!(out.len(), 40);
        assert_eq!(out[7], Err(Panicked("sju är trasig".into())));
        for (i, r) in out.iter().enumerate().filter(|(i, _)| *i != 7) {
            assert_eq!(r, &Ok(i as u32 * 2));
        }
    }

    #[test]
    fn formatted_panic_messages_are_kept() {
        let n = 3;
        assert_eq!(
            guard(|| -> u8 { panic!("fel nummer {n}") }),
            Err(Panicked("fel nummer 3".into()))
        );
        assert_eq!(guard(|| 5), Ok(5));
    }

    #[test]
    fn the_pool_is_bounded() {
        let items: Vec<u32> = (0..200).collect();
        let threads = std::sync::Mutex::new(std::collections::HashSet::new());
        map(&items, |_| {
            if let Ok(mut t) = threads.lock() {
                t.insert(std::thread::current().id());
            }
        });
        let used = threads.lock().map(|t| t.len()).unwrap_or(usize::MAX);
        assert!(
            used <= rayon::current_num_threads() + 1,
            "{used} threads for 200 items"
        );
    }
}
