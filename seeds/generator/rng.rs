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
        let weights: Vec<i64> = (0..parts)
            .map(|_| (min_weight + self.below(spread + 1)) as i64)
            .collect();
        share_out(total, &weights)
    }
}

/// Share `total` out exactly in proportion to `weights` (counts, not negative): each part
/// gets its rounded-down share, and what that leaves goes one unit at a time from the first
/// part on. The sign follows `total`.
pub fn share_out(total: i64, weights: &[i64]) -> Vec<i64> {
    if weights.is_empty() {
        return Vec::new();
    }
    let weight = |w: &i64| u128::from(w.unsigned_abs());
    let sum: u128 = weights.iter().map(weight).sum::<u128>().max(1);
    let magnitude = u128::from(total.unsigned_abs());
    let mut out: Vec<i64> = weights
        .iter()
        .map(|w| (magnitude * weight(w) / sum) as i64)
        .collect();
    let assigned: i64 = out.iter().sum();
    let mut rest = magnitude as i64 - assigned;
    let mut i = 0;
    while rest > 0 {
        out[i % weights.len()] += 1;
        rest -= 1;
        i += 1;
    }
    if total < 0 {
        out.iter_mut().for_each(|v| *v = -*v);
    }
    out
}

/// Split `total` exactly in proportion to `weights` (largest remainder: the units the
/// rounded-down shares leave go to the parts with the largest remainders).
pub fn split_weighted(total: i64, weights: &[u64]) -> Vec<i64> {
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum::<u128>().max(1);
    let magnitude = u128::from(total.unsigned_abs());
    let mut parts: Vec<(usize, i64, u128)> = weights
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let exact = magnitude * u128::from(w);
            (i, (exact / sum) as i64, exact % sum)
        })
        .collect();
    let mut rest = magnitude as i64 - parts.iter().map(|p| p.1).sum::<i64>();
    parts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    for p in parts.iter_mut() {
        if rest == 0 {
            break;
        }
        p.1 += 1;
        rest -= 1;
    }
    parts.sort_by_key(|p| p.0);
    parts
        .into_iter()
        .map(|(_, v, _)| if total < 0 { -v } else { v })
        .collect()
}

/// Weights drawn around `base` (±`spread` percent).
pub fn jitter(rng: &mut Rng, base: &[u64], spread: u64) -> Vec<u64> {
    base.iter()
        .map(|&b| b * (100 - spread + rng.below(2 * spread + 1)))
        .collect()
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

    #[test]
    fn split_weighted_is_exact() {
        let parts = split_weighted(-1001, &[1, 1, 1]);
        assert_eq!(parts.iter().sum::<i64>(), -1001);
        assert!(parts.iter().all(|p| (-334..=-333).contains(p)));
    }

    #[test]
    fn share_out_gives_the_rest_from_the_first_part_on() {
        assert_eq!(share_out(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(share_out(-10, &[1, 1, 1]), vec![-4, -3, -3]);
        assert_eq!(share_out(7, &[0, 0]), vec![4, 3]);
        assert!(share_out(7, &[]).is_empty());
    }
}
