//! Timing helpers and generated data shared by the bench binaries (each uses what it needs).
#![allow(dead_code)]

use std::time::Instant;

pub mod ledger;

/// The best of `runs` timings of `f`, in milliseconds, and its last result.
pub fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    (best, last.expect("at least one run"))
}

/// The median of `runs` timings of `f`, in milliseconds, and its last result.
pub fn median_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], last.expect("at least one run"))
}
