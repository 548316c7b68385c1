//! A small deterministic random source (SplitMix64) and exact integer splitting, so generated
//! data is random-looking but identical on every run and machine.

/// SplitMix64: tiny, fast, and good enough to scatter amounts over months and units.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A source for one named stream: the same name always gives the same numbers.
    pub fn named(name: &str) -> Rng {
        let mut seed = 0xcbf2_9ce4_8422_2325u64; // FNV-1a over the name
        for b in name.bytes() {
            seed = (seed ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Split `total` into `parts` integers that add up to exactly `total`, each part's share
    /// drawn between `min_weight` and `min_weight + spread` (so no part is far from even
    /// unless asked). The sign follows `total`.
    pub fn split(&mut self, total: i64, parts: usize, min_weight: u64, spread: u64) -> Vec<i64> {
        if parts == 0 {
            return Vec::new();
        }
        let weights: Vec<u64> = (0..parts)
            .map(|_| min_weight + self.below(spread + 1))
            .collect();
        let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum::<u128>().max(1);
        let magnitude = total.unsigned_abs() as u128;
        let mut out: Vec<i64> = weights
            .iter()
            .map(|&w| (magnitude * u128::from(w) / sum) as i64)
            .collect();
        let assigned: i64 = out.iter().sum();
        let mut rest = magnitude as i64 - assigned;
        let mut i = 0;
        while rest > 0 {
            out[i % parts] += 1;
            rest -= 1;
            i += 1;
        }
        if total < 0 {
            out.iter_mut().for_each(|v| *v = -*v);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_exact_and_repeatable() {
        let a = Rng::named("x").split(-1_234_567, 12, 80, 40);
        let b = Rng::named("x").split(-1_234_567, 12, 80, 40);
        assert_eq!(a, b);
        assert_eq!(a.iter().sum::<i64>(), -1_234_567);
        assert!(a.iter().all(|v| *v < 0));
    }
}
