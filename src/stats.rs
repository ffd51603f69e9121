//! Weighted figures of task scores: the one formula for a job's mean, standard deviation and
//! share of time on exposed tasks, whether its tasks are its own or the ILO tasks of an
//! occupation mix.

use crate::classify::{round2, task_exposed};

/// A sum that does not depend on the order of its terms: each term is turned into an integer
/// number of 2⁻⁶⁴ units (exactly, for every term above 2⁻¹¹; smaller ones lose their last bits
/// the same way in any order) and integers add associatively. A sum that passes 2⁶³ (or a term
/// that does not fit) goes on as a plain floating-point sum from the value it had, kept in the
/// same 16 bytes; its holder knows which of its sums did (`WeightedSums::overflow`). Task weights
/// are at most 10⁶, so that takes millions of tasks in one job; a job's six sums take 16 bytes
/// each, not 24 with a floating-point sum kept beside each in case (a roster has hundreds of
/// thousands of jobs).
#[derive(Debug, Clone, Copy, Default)]
struct ExactSum {
    /// The integer's low and high 64 bits; once overflowed, the first is the `f64`'s bits.
    bits: [u64; 2],
}

impl ExactSum {
    const SCALE: f64 = 18_446_744_073_709_551_616.0; // 2⁶⁴

    /// Adds `x` to the sum, a floating-point one when `overflowed`; `false` when the sum is
    /// (now) a floating-point one.
    #[inline]
    fn add(&mut self, x: f64, overflowed: bool) -> bool {
        if overflowed {
            self.bits[0] = (f64::from_bits(self.bits[0]) + x).to_bits();
            return false;
        }
        match to_fixed(x).and_then(|f| self.fixed().checked_add(f)) {
            Some(sum) => {
                self.bits = [sum as u64, (sum >> 64) as u64];
                true
            }
            None => {
                self.bits = [(self.value(false) + x).to_bits(), 0];
                false
            }
        }
    }

    #[inline]
    fn fixed(&self) -> i128 {
        ((self.bits[1] as i128) << 64) | self.bits[0] as i128
    }

    fn value(&self, overflowed: bool) -> f64 {
        if overflowed {
            f64::from_bits(self.bits[0])
        } else {
            i128_to_f64(self.fixed()) / Self::SCALE
        }
    }
}

/// `v as f64` (the nearest double, ties to even), inline: Rust's `as` calls the runtime's
/// `__floattidf` (about 45 instructions; six a job, hundreds of thousands of jobs). The
/// magnitude's top 64 bits, with a bit set at their bottom when any bit below them is (so
/// that a tie and a value just past it still round apart), round as the whole does: the bits
/// that decide the rounding are the top bits' 11th and those below it.
#[inline]
fn i128_to_f64(v: i128) -> f64 {
    let u = v.unsigned_abs();
    let (hi, lo) = ((u >> 64) as u64, u as u64);
    let magnitude = if hi == 0 {
        lo as f64
    } else {
        // `u` has 64 + 64 − z bits: shifted right by k = 64 − z (1 to 64), the top 64.
        let k = 64 - hi.leading_zeros();
        let top = (u >> k) as u64;
        let below = lo << (64 - k) != 0;
        // `top`'s highest bit is set: halved (its lowest bit kept in the sticky bit) it is an
        // `i64`, converted in one instruction, then scaled back by 2^(k + 1), exactly.
        let half = (top >> 1) | (top & 1) | u64::from(below);
        half as i64 as f64 * f64::from_bits(u64::from(1023 + k + 1) << 52)
    };
    if v < 0 { -magnitude } else { magnitude }
}

/// `x` in units of 2⁻⁶⁴, truncated toward zero; `None` when it does not fit (|x| ≥ 2⁶³ or not
/// finite). A term of less than 2³¹ (every term of a roster's weights and scores but a huge
/// weight's) is made with two conversions to integers, not field by field from its bits (two
/// branches, a variable shift of 128 bits and a negation: six terms a task).
#[inline]
fn to_fixed(x: f64) -> Option<i128> {
    // NaN fails the comparison too.
    if x.abs() < 2_147_483_648.0 {
        return Some(fixed_below_2_31(x));
    }
    to_fixed_by_bits(x)
}

/// x × 2⁶⁴ truncated toward zero, for |x| < 2³¹, every step exact: t = x × 2³² (a power of
/// two), its integer part h (toward zero), and the 32 bits below, (t − h) × 2³² truncated
/// toward zero too, of the same sign as h (t − h is exact: |h| ≤ |t| < 2|h| when h ≠ 0).
#[inline]
fn fixed_below_2_31(x: f64) -> i128 {
    const TWO_32: f64 = 4_294_967_296.0;
    let t = x * TWO_32;
    // SAFETY: |t| < 2⁶³ (the caller's |x| < 2³¹): finite and within `i64`.
    let h = unsafe { t.to_int_unchecked::<i64>() };
    let below = (t - h as f64) * TWO_32;
    // SAFETY: |t − h| < 1, so |below| < 2³².
    let l = unsafe { below.to_int_unchecked::<i64>() };
    (i128::from(h) << 32) + i128::from(l)
}

/// `to_fixed` read from the bits of `x`: its exponent and mantissa.
#[inline]
fn to_fixed_by_bits(x: f64) -> Option<i128> {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0x7ff {
        return None;
    }
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    // x = mantissa × 2^exponent = (mantissa × 2^(exponent + 64)) units.
    let shift = exponent + 64;
    let magnitude = if shift >= 0 {
        if shift > 74 {
            return None;
        }
        (mantissa as i128) << shift
    } else if shift > -64 {
        (mantissa >> -shift) as i128
    } else {
        0
    };
    Some(if bits >> 63 == 1 {
        -magnitude
    } else {
        magnitude
    })
}

/// Running sums of weighted task scores: Σw, Σw², Σw·x, and Σw·d, Σw·d² with d = x − ½
/// (centred, for an accurate variance), and Σw of the exposed tasks. Exact, so that the figures
/// do not depend on the order of the tasks.
#[derive(Debug, Clone, Copy, Default)]
pub struct WeightedSums {
    sum_w: ExactSum,
    sum_w2: ExactSum,
    sum_wx: ExactSum,
    sum_wd: ExactSum,
    sum_wd2: ExactSum,
    exposed_w: ExactSum,
    /// Bit k: the k-th sum above overflowed.
    overflow: u8,
}

/// The figures of weighted task scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// Weighted mean, rounded to 2 decimals as the ILO publishes.
    pub mean: f64,
    /// Weighted standard deviation (reliability weights), rounded to 2 decimals.
    pub sd: f64,
    pub unrounded_mean: f64,
    /// Share of the weight on exposed tasks.
    pub share_exposed: f64,
}

impl WeightedSums {
    /// Adds the score `x` of a task of weight `w`.
    #[inline]
    pub fn add(&mut self, w: f64, x: f64) {
        let was = self.overflow;
        let over = |k: u8| was & (1 << k) != 0;
        let mut fits = 0;
        if task_exposed(x) {
            fits |= (!self.exposed_w.add(w, over(5)) as u8) << 5;
        }
        let d = x - 0.5;
        fits |= !self.sum_w.add(w, over(0)) as u8;
        fits |= (!self.sum_w2.add(w * w, over(1)) as u8) << 1;
        fits |= (!self.sum_wx.add(w * x, over(2)) as u8) << 2;
        fits |= (!self.sum_wd.add(w * d, over(3)) as u8) << 3;
        fits |= (!self.sum_wd2.add(w * d * d, over(4)) as u8) << 4;
        self.overflow |= fits;
    }

    fn value(&self, k: u8) -> f64 {
        let sum = [
            &self.sum_w,
            &self.sum_w2,
            &self.sum_wx,
            &self.sum_wd,
            &self.sum_wd2,
            &self.exposed_w,
        ][k as usize];
        sum.value(self.overflow & (1 << k) != 0)
    }

    /// `None` without positive weight.
    pub fn figures(&self) -> Option<Figures> {
        let w = self.value(0);
        if w <= 0.0 {
            return None;
        }
        let wd = self.value(3);
        let m2 = self.value(4) - wd * wd / w;
        let denom = w - self.value(1) / w;
        let var = if denom > 0.0 {
            (m2 / denom).max(0.0)
        } else {
            0.0
        };
        let mean = self.value(2) / w;
        Some(Figures {
            mean: round2(mean),
            sd: round2(var.sqrt()),
            unrounded_mean: mean,
            share_exposed: self.value(5) / w,
        })
    }
}

/// Weighted figures of a list of (weight, score) task scores, computed as a job's.
#[derive(Debug, Clone, Copy)]
pub struct WeightedStats {
    pub tasks: u64,
    pub exposed: u64,
    pub figures: Figures,
}

/// What `check` without a baseline needs of a job's task scores: whether they have positive
/// weight, and their unrounded mean (the order of look-alike jobs). Σw and Σw·x of
/// [`WeightedSums`], added the same way (the same mean to the bit), in 32 bytes, not 104: a
/// roster has hundreds of thousands of jobs, all running at once at the end of the reading.
/// Which sums overflowed (bit 0: Σw; bit 1: Σw·x) is kept by the holder, in a byte beside:
/// within the sums it took 8 bytes with the padding.
#[derive(Debug, Clone, Copy, Default)]
pub struct MeanSums {
    sum_w: ExactSum,
    sum_wx: ExactSum,
}

impl MeanSums {
    /// Adds the score `x` of a task of weight `w`; `overflow` is these sums' byte.
    #[inline]
    pub fn add(&mut self, overflow: &mut u8, w: f64, x: f64) {
        let was = *overflow;
        let over = |k: u8| was & (1 << k) != 0;
        let mut fits = !self.sum_w.add(w, over(0)) as u8;
        fits |= (!self.sum_wx.add(w * x, over(1)) as u8) << 1;
        *overflow |= fits;
    }

    /// The mean as [`WeightedSums::figures`] gives it; the standard deviation and the share of
    /// exposed weight are not kept, and given as 0 (nothing reads them where these sums are
    /// kept). `None` without positive weight.
    pub fn figures(&self, overflow: u8) -> Option<Figures> {
        let w = self.sum_w.value(overflow & 1 != 0);
        if w <= 0.0 {
            return None;
        }
        let mean = self.sum_wx.value(overflow & 2 != 0) / w;
        Some(Figures {
            mean: round2(mean),
            sd: 0.0,
            unrounded_mean: mean,
            share_exposed: 0.0,
        })
    }
}

/// The figures of weighted task scores, with the same sums and formula as a job's own tasks;
/// `None` without positive weight.
pub fn weighted_stats(scores: &[(f64, f64)]) -> Option<WeightedStats> {
    let mut sums = WeightedSums::default();
    for &(w, x) in scores {
        sums.add(w, x);
    }
    Some(WeightedStats {
        tasks: scores.len() as u64,
        exposed: scores.iter().filter(|&&(_, x)| task_exposed(x)).count() as u64,
        figures: sums.figures()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mean of `MeanSums` is that of `WeightedSums` to the bit, overflowed sums included.
    #[test]
    fn mean_sums_give_the_mean_of_weighted_sums() {
        assert_eq!(std::mem::size_of::<MeanSums>(), 32);
        let mut draw = crate::test_draws(17);
        for round in 0..500 {
            let (mut full, mut means) = (WeightedSums::default(), MeanSums::default());
            let mut overflow = 0;
            for _ in 0..draw(40) {
                let w = match draw(10) {
                    0 => 0.0,
                    1 => 1e6,
                    2 if round % 5 == 0 => 1e19,
                    _ => draw(1000) as f64 / 997.0,
                };
                let x = draw(101) as f64 / 100.0;
                full.add(w, x);
                means.add(&mut overflow, w, x);
            }
            let (f, m) = (full.figures(), means.figures(overflow));
            assert_eq!(f.is_some(), m.is_some(), "round {round}");
            if let (Some(f), Some(m)) = (f, m) {
                assert_eq!(f.unrounded_mean.to_bits(), m.unrounded_mean.to_bits());
                assert_eq!(f.mean.to_bits(), m.mean.to_bits());
            }
        }
    }

    #[test]
    fn sums_do_not_depend_on_the_order_of_their_terms() {
        let terms = [0.1, 0.2, 0.3, 1e-9, 7.25, 0.07, 1.0 / 3.0, 0.0];
        let sum = |order: &[usize]| {
            let mut s = ExactSum::default();
            for &i in order {
                assert!(s.add(terms[i], false));
            }
            s.value(false)
        };
        let forward = sum(&[0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(forward, sum(&[7, 6, 5, 4, 3, 2, 1, 0]));
        assert_eq!(forward, sum(&[4, 0, 6, 2, 7, 1, 5, 3]));
        // Plain floating-point addition does depend on it.
        assert_ne!((0.1 + 0.2) + 0.3, 0.1 + (0.2 + 0.3));
        let mut s = ExactSum::default();
        for x in [0.1, 0.2, 0.3] {
            s.add(x, false);
        }
        assert_eq!(s.value(false), 0.6);
        let mut negative = ExactSum::default();
        negative.add(-0.5, false);
        negative.add(-0.25, false);
        assert_eq!(negative.value(false), -0.75);
        assert_eq!(to_fixed(-0.5), Some(-(1i128 << 63)));
        assert_eq!(to_fixed(f64::NAN), None);
        assert_eq!(to_fixed(1e30), None);
        let mut big = ExactSum::default();
        assert!(!big.add(1e30, false));
        assert!(!big.add(1.0, true));
        assert_eq!(big.value(true), 1e30);
        // An exact sum that passes 2⁶³ goes on from its value.
        let mut past = ExactSum::default();
        assert!(past.add(0.5, false));
        assert!(past.add(2f64.powi(62), false));
        assert!(!past.add(2f64.powi(62), false));
        assert_eq!(past.value(true), 2f64.powi(63));
        assert!(!past.add(0.5, true));
        // A job's sums say which of them overflowed.
        let mut sums = WeightedSums::default();
        sums.add(1e30, 0.25);
        sums.add(1.0, 0.75);
        assert_eq!(
            sums.figures().map(|f| f.mean),
            Some(round2((0.25e30 + 0.75) / 1e30))
        );
        assert_eq!(std::mem::size_of::<WeightedSums>(), 104);
    }

    /// `to_fixed` gives what reading the bits gives, on both sides of 2³¹, of 0 and of the
    /// smallest terms.
    #[test]
    fn terms_are_fixed_as_their_bits_say() {
        let two = |e: i32| 2f64.powi(e);
        let mut cases = vec![
            0.0,
            f64::MIN_POSITIVE,
            5e-324,
            1e-300,
            f64::INFINITY,
            f64::NAN,
        ];
        for e in [
            -75, -65, -64, -63, -12, -11, -1, 0, 1, 11, 30, 31, 32, 52, 62, 63, 64,
        ] {
            let p = two(e);
            cases.extend([p, p.next_down(), p.next_up(), p * 1.5, p / 3.0, p * 0.999]);
        }
        cases.extend([
            0.2,
            0.15,
            0.05 * 0.05,
            0.2 * 0.3,
            1.0 / 3.0,
            1e6,
            1e12,
            1e6 * 0.25,
        ]);
        for x in cases.iter().flat_map(|&x| [x, -x]) {
            assert_eq!(to_fixed(x), to_fixed_by_bits(x), "{x:e}");
        }
    }

    /// The inline conversion of a sum gives what `as` gives, at the edges of each width.
    #[test]
    fn sums_convert_as_casts_do() {
        let mut cases = vec![0i128, 1, -1, i128::MAX, i128::MIN, i128::MIN + 1];
        for shift in 0..127 {
            let p = 1i128 << shift;
            // Around each power of two, and the ties of 53 bits (a half unit past each).
            for d in [-2, -1, 0, 1, 2] {
                cases.push(p.wrapping_add(d));
                cases.push(p.wrapping_mul(3).wrapping_add(d));
            }
            if shift >= 54 {
                let half = 1i128 << (shift - 53);
                for m in [(1i128 << 53) + 1, (1 << 53) + 2, (1 << 54) - 1] {
                    let base = m.wrapping_mul(1 << (shift - 53));
                    for d in [half, half - 1, half + 1, -half] {
                        cases.push(base.wrapping_add(d));
                    }
                }
            }
        }
        for v in cases.iter().flat_map(|&v| [v, v.saturating_neg()]) {
            assert_eq!(i128_to_f64(v).to_bits(), (v as f64).to_bits(), "{v}");
        }
    }

    proptest::proptest! {
        /// Any sum of 128 bits, and sums below 2^64 (the sums of weights under 1).
        #[test]
        fn any_sum_converts_as_the_cast_does(
            v in proptest::prelude::any::<i128>(),
            shift in 0u32..128,
            low in proptest::prelude::any::<i64>(),
        ) {
            for x in [v, v >> shift, i128::from(low), v >> shift | 1, (v >> shift) & !0x3ff] {
                proptest::prop_assert_eq!(i128_to_f64(x).to_bits(), (x as f64).to_bits(), "{}", x);
            }
        }

        /// Any bits, and terms as rosters make them (a weight times a score and its square).
        #[test]
        fn any_term_is_fixed_as_its_bits_say(
            bits in proptest::prelude::any::<u64>(),
            w in 0.0f64..2e6,
            x in -1.0f64..2.0,
        ) {
            let f = f64::from_bits(bits);
            proptest::prop_assert_eq!(to_fixed(f), to_fixed_by_bits(f));
            for t in [w, w * w, w * x, w * x * x, x, -w * x] {
                proptest::prop_assert_eq!(to_fixed(t), to_fixed_by_bits(t), "{}", t);
            }
        }
    }
}
