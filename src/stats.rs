//! Weighted figures of task scores: the one formula for a job's mean, standard deviation and
//! share of time on exposed tasks, whether its tasks are its own or the ILO tasks of an
//! occupation mix.

use crate::classify::{round2, task_exposed};

/// A sum that does not depend on the order of its terms: each term is turned into an integer
/// number of 2⁻⁶⁴ units (exactly, for every term above 2⁻¹¹; smaller ones lose their last bits
/// the same way in any order) and integers add associatively. A sum that passes 2⁶³ (or a term
/// that does not fit) goes on as a plain floating-point sum from the value it had, kept in the
/// same 16 bytes. Task weights are at most 10⁶, so that takes millions of tasks in one job; a
/// job's six sums take 16 bytes each, not 24 with a floating-point sum kept beside each in case
/// (a roster has hundreds of thousands of jobs).
///
/// Its holder knows which of three forms it has ([`Form`]): at first the integer as two `i64`
/// (the sum of the terms' 2⁻³² units and the sum of the 2⁻⁶⁴ units below them: a term under
/// 2³¹ adds with two plain additions, where one `i128` took its conversion, a 128-bit addition
/// and its check), then, once a term of 2³¹ or more comes or the first sum would pass 2⁶³, the
/// `i128` itself, and once that overflows, the `f64`.
#[derive(Debug, Clone, Copy, Default)]
struct ExactSum {
    /// Narrow: the two `i64`; wide: the integer's low and high 64 bits; float: the first is the
    /// `f64`'s bits.
    bits: [u64; 2],
}

/// The form of an [`ExactSum`] (each starts narrow, and only moves down the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Narrow,
    Wide,
    Float,
}

impl Form {
    /// The form told by a holder's two bits: overflowed (float), wide.
    #[inline]
    fn of(overflowed: bool, wide: bool) -> Form {
        match (overflowed, wide) {
            (true, _) => Form::Float,
            (false, true) => Form::Wide,
            (false, false) => Form::Narrow,
        }
    }
}

impl ExactSum {
    const SCALE: f64 = 18_446_744_073_709_551_616.0; // 2⁶⁴

    /// Adds `x` to the sum of form `form`; the form it has then.
    #[inline]
    fn add(&mut self, x: f64, form: Form) -> Form {
        if form == Form::Narrow && x.abs() < 2_147_483_648.0 && self.add_narrow(parts_below_2_31(x))
        {
            return Form::Narrow;
        }
        self.add_slow(x, form)
    }

    /// Adds a term's parts (`parts_below_2_31`) to the narrow sum; `false` (unchanged) when
    /// either of its two sums would pass `i64`.
    #[inline]
    fn add_narrow(&mut self, (h, l): (i64, i64)) -> bool {
        let high = (self.bits[0] as i64).checked_add(h);
        let low = (self.bits[1] as i64).checked_add(l);
        match (high, low) {
            (Some(high), Some(low)) => {
                self.bits = [high as u64, low as u64];
                true
            }
            _ => false,
        }
    }

    /// Adds a term's parts to the narrow sum, its 2⁻³² units checked; `false` (unchanged)
    /// when they would pass `i64`. The caller knows that the 2⁻⁶⁴ units cannot (fewer than
    /// 2³¹ terms added, each under 2³²).
    #[inline]
    fn add_narrow_unchecked_low(&mut self, (h, l): (i64, i64)) -> bool {
        let Some(high) = (self.bits[0] as i64).checked_add(h) else {
            return false;
        };
        self.bits = [high as u64, (self.bits[1] as i64).wrapping_add(l) as u64];
        true
    }

    /// Takes back what `add_narrow_unchecked_low` added.
    #[inline]
    fn sub_narrow(&mut self, (h, l): (i64, i64)) {
        self.bits = [
            (self.bits[0] as i64).wrapping_sub(h) as u64,
            (self.bits[1] as i64).wrapping_sub(l) as u64,
        ];
    }

    /// Adds `x` as a wide sum (made so from a narrow one), or as a float once it overflows.
    #[cold]
    #[inline(never)]
    fn add_slow(&mut self, x: f64, form: Form) -> Form {
        if form == Form::Float {
            self.bits[0] = (f64::from_bits(self.bits[0]) + x).to_bits();
            return Form::Float;
        }
        match to_fixed(x).and_then(|f| self.fixed(form).checked_add(f)) {
            Some(sum) => {
                self.bits = [sum as u64, (sum >> 64) as u64];
                Form::Wide
            }
            None => {
                self.bits = [(self.value(form) + x).to_bits(), 0];
                Form::Float
            }
        }
    }

    /// The integer of a narrow or wide sum.
    #[inline]
    fn fixed(&self, form: Form) -> i128 {
        match form {
            // |high| < 2⁶³ and |low| < 2⁶³: the whole is under 2⁹⁶, no overflow.
            Form::Narrow => ((self.bits[0] as i64 as i128) << 32) + self.bits[1] as i64 as i128,
            _ => ((self.bits[1] as i128) << 64) | self.bits[0] as i128,
        }
    }

    fn value(&self, form: Form) -> f64 {
        self.value_of(form == Form::Float, form == Form::Wide)
    }

    /// `value` of the form told by a holder's bits.
    #[inline]
    fn value_of(&self, overflowed: bool, wide: bool) -> f64 {
        if overflowed {
            return f64::from_bits(self.bits[0]);
        }
        let fixed = if wide {
            ((self.bits[1] as i128) << 64) | self.bits[0] as i128
        } else {
            // |high| < 2⁶³ and |low| < 2⁶³: the whole is under 2⁹⁶, no overflow.
            ((self.bits[0] as i64 as i128) << 32) + self.bits[1] as i64 as i128
        };
        i128_to_f64(fixed) / Self::SCALE
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

/// x × 2⁶⁴ truncated toward zero, for |x| < 2³¹: its parts (`parts_below_2_31`) put together.
#[inline]
fn fixed_below_2_31(x: f64) -> i128 {
    let (h, l) = parts_below_2_31(x);
    (i128::from(h) << 32) + i128::from(l)
}

/// x × 2⁶⁴ truncated toward zero, for |x| < 2³¹, as h × 2³² + l, every step exact: t = x × 2³²
/// (a power of two), its integer part h (toward zero), and the 32 bits below, l = (t − h) × 2³²
/// truncated toward zero too, of the same sign as h (t − h is exact: |h| ≤ |t| < 2|h| when
/// h ≠ 0). |h| < 2⁶³, |l| < 2³².
#[inline]
fn parts_below_2_31(x: f64) -> (i64, i64) {
    const TWO_32: f64 = 4_294_967_296.0;
    debug_assert!(x.abs() < 2_147_483_648.0);
    let t = x * TWO_32;
    // SAFETY: |t| < 2⁶³ (the caller's |x| < 2³¹): finite and within `i64`.
    let h = unsafe { t.to_int_unchecked::<i64>() };
    let below = (t - h as f64) * TWO_32;
    // SAFETY: |t − h| < 1, so |below| < 2³².
    let l = unsafe { below.to_int_unchecked::<i64>() };
    (h, l)
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
    /// Σw, Σw², Σw·x, Σw·d, Σw·d², the exposed tasks' Σw.
    sums: [ExactSum; 6],
    /// Bit k: the k-th sum overflowed (a float).
    overflow: u8,
    /// Bit k: the k-th sum is wide (an `i128`).
    wide: u8,
    /// The tasks added, up to 2³² − 1.
    tasks: u32,
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
        // The usual task: every sum narrow, and every term under 2³¹, which weights and
        // scores of at most 2¹⁰ make so (|w·d²| ≤ 2¹⁰ × (2¹⁰ + ½)² < 2³¹). NaN fails the test.
        // Fewer than 2³¹ tasks so far: no sum of the 2⁻⁶⁴ parts (each under 2³²) can wrap.
        if self.overflow | self.wide == 0
            && self.tasks < 1 << 31
            && w.abs() <= 1024.0
            && x.abs() <= 1024.0
        {
            let parts = Self::parts(w, x);
            for (k, &p) in parts.iter().enumerate() {
                if !self.sums[k].add_narrow_unchecked_low(p) {
                    self.take_back_and_add_each(w, x, k);
                    return;
                }
            }
            self.tasks += 1;
            return;
        }
        self.add_each(w, x);
    }

    /// The parts (`parts_below_2_31`) of the six terms of a task whose terms are under 2³¹;
    /// the exposed tasks' Σw takes 0 of a task not exposed.
    #[inline]
    fn parts(w: f64, x: f64) -> [(i64, i64); 6] {
        let d = x - 0.5;
        let [sum_w, sum_w2, sum_wx, sum_wd, sum_wd2] =
            [w, w * w, w * x, w * d, w * d * d].map(parts_below_2_31);
        let mask = -i64::from(task_exposed(x));
        let exposed_w = (sum_w.0 & mask, sum_w.1 & mask);
        [sum_w, sum_w2, sum_wx, sum_wd, sum_wd2, exposed_w]
    }

    /// The sum `k` would pass 2⁶³ units of 2⁻³²: the parts added to the sums before it taken
    /// back, the task is added sum by sum (that one turns wide). Made again here, so that the
    /// usual path keeps no copy of them.
    #[cold]
    #[inline(never)]
    fn take_back_and_add_each(&mut self, w: f64, x: f64, k: usize) {
        let parts = Self::parts(w, x);
        for (sum, &p) in self.sums[..k].iter_mut().zip(&parts) {
            sum.sub_narrow(p);
        }
        self.add_each(w, x);
    }

    /// `add`, one sum at a time in its form.
    #[cold]
    #[inline(never)]
    fn add_each(&mut self, w: f64, x: f64) {
        self.tasks = self.tasks.saturating_add(1);
        let d = x - 0.5;
        let mut terms = [
            Some(w),
            Some(w * w),
            Some(w * x),
            Some(w * d),
            Some(w * d * d),
            None,
        ];
        if task_exposed(x) {
            terms[5] = Some(w);
        }
        for (k, term) in terms.into_iter().enumerate() {
            if let Some(term) = term {
                let form = self.sums[k].add(term, self.form(k));
                self.set_form(k, form);
            }
        }
    }

    fn form(&self, k: usize) -> Form {
        Form::of(self.overflow & (1 << k) != 0, self.wide & (1 << k) != 0)
    }

    fn set_form(&mut self, k: usize, form: Form) {
        match form {
            Form::Narrow => {}
            Form::Wide => self.wide |= 1 << k,
            Form::Float => self.overflow |= 1 << k,
        }
    }

    fn value(&self, k: usize) -> f64 {
        self.sums[k].value_of(self.overflow & (1 << k) != 0, self.wide & (1 << k) != 0)
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
/// The sums' forms (overflowed, bit 0: Σw, bit 1: Σw·x; wide, bits 2 and 3) are kept by the
/// holder, in a byte beside: within the sums it took 8 bytes with the padding.
#[derive(Debug, Clone, Copy, Default)]
pub struct MeanSums {
    sum_w: ExactSum,
    sum_wx: ExactSum,
}

impl MeanSums {
    /// Adds the score `x` of a task of weight `w`; `forms` is these sums' byte.
    #[inline]
    pub fn add(&mut self, forms: &mut u8, w: f64, x: f64) {
        for (k, (sum, term)) in [(&mut self.sum_w, w), (&mut self.sum_wx, w * x)]
            .into_iter()
            .enumerate()
        {
            let form = sum.add(term, Self::form(*forms, k));
            *forms |= match form {
                Form::Narrow => 0,
                Form::Wide => 1 << (k + 2),
                Form::Float => 1 << k,
            };
        }
    }

    /// The form of sum `k` (0: Σw, 1: Σw·x) told by the holder's byte: bit k overflowed,
    /// bit k + 2 wide.
    fn form(forms: u8, k: usize) -> Form {
        Form::of(forms & (1 << k) != 0, forms & (1 << (k + 2)) != 0)
    }

    /// The mean as [`WeightedSums::figures`] gives it; the standard deviation and the share of
    /// exposed weight are not kept, and given as 0 (nothing reads them where these sums are
    /// kept). `None` without positive weight.
    pub fn figures(&self, forms: u8) -> Option<Figures> {
        let w = self.sum_w.value(Self::form(forms, 0));
        if w <= 0.0 {
            return None;
        }
        let mean = self.sum_wx.value(Self::form(forms, 1)) / w;
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
                assert_eq!(s.add(terms[i], Form::Narrow), Form::Narrow);
            }
            s.value(Form::Narrow)
        };
        let forward = sum(&[0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(forward, sum(&[7, 6, 5, 4, 3, 2, 1, 0]));
        assert_eq!(forward, sum(&[4, 0, 6, 2, 7, 1, 5, 3]));
        // Plain floating-point addition does depend on it.
        assert_ne!((0.1 + 0.2) + 0.3, 0.1 + (0.2 + 0.3));
        let mut s = ExactSum::default();
        for x in [0.1, 0.2, 0.3] {
            s.add(x, Form::Narrow);
        }
        assert_eq!(s.value(Form::Narrow), 0.6);
        let mut negative = ExactSum::default();
        negative.add(-0.5, Form::Narrow);
        negative.add(-0.25, Form::Narrow);
        assert_eq!(negative.value(Form::Narrow), -0.75);
        assert_eq!(to_fixed(-0.5), Some(-(1i128 << 63)));
        assert_eq!(to_fixed(f64::NAN), None);
        assert_eq!(to_fixed(1e30), None);
        let mut big = ExactSum::default();
        assert_eq!(big.add(1e30, Form::Narrow), Form::Float);
        assert_eq!(big.add(1.0, Form::Float), Form::Float);
        assert_eq!(big.value(Form::Float), 1e30);
        // A term of 2³¹ or more makes the sum wide; an exact sum that passes 2⁶³ goes on from
        // its value.
        let mut past = ExactSum::default();
        assert_eq!(past.add(0.5, Form::Narrow), Form::Narrow);
        assert_eq!(past.add(2f64.powi(62), Form::Narrow), Form::Wide);
        assert_eq!(past.value(Form::Wide), 2f64.powi(62) + 0.5);
        assert_eq!(past.add(2f64.powi(62), Form::Wide), Form::Float);
        assert_eq!(past.value(Form::Float), 2f64.powi(63));
        assert_eq!(past.add(0.5, Form::Float), Form::Float);
        // A narrow sum whose 2⁻³² units would pass 2⁶³ turns wide, exactly.
        let mut high = ExactSum::default();
        assert_eq!(high.add(2f64.powi(30), Form::Narrow), Form::Narrow);
        assert_eq!(high.add(2f64.powi(30), Form::Narrow), Form::Wide);
        assert_eq!(high.value(Form::Wide), 2f64.powi(31));
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

    /// The sums as one `i128` each from the first term (the way before the narrow form), to
    /// compare with.
    #[derive(Default)]
    struct ReferenceSums {
        sums: [i128; 6],
        floats: [Option<f64>; 6],
    }

    impl ReferenceSums {
        fn add(&mut self, w: f64, x: f64) {
            let d = x - 0.5;
            let exposed = task_exposed(x).then_some(w);
            let terms = [
                Some(w),
                Some(w * w),
                Some(w * x),
                Some(w * d),
                Some(w * d * d),
                exposed,
            ];
            for (k, term) in terms.into_iter().enumerate() {
                let Some(t) = term else { continue };
                if let Some(f) = &mut self.floats[k] {
                    *f += t;
                    continue;
                }
                match to_fixed(t).and_then(|f| self.sums[k].checked_add(f)) {
                    Some(sum) => self.sums[k] = sum,
                    None => self.floats[k] = Some(self.value(k) + t),
                }
            }
        }

        fn value(&self, k: usize) -> f64 {
            self.floats[k].unwrap_or((self.sums[k] as f64) / ExactSum::SCALE)
        }
    }

    /// Each sum's value to the bit, and the figures, as the `i128` sums give them, with terms
    /// that keep the sums narrow, make them wide (2³¹ and more, or sums past 2³¹) and overflow.
    fn same_as_reference(tasks: &[(f64, f64)]) {
        let (mut sums, mut reference) = (WeightedSums::default(), ReferenceSums::default());
        let (mut means, mut forms) = (MeanSums::default(), 0u8);
        for &(w, x) in tasks {
            sums.add(w, x);
            reference.add(w, x);
            means.add(&mut forms, w, x);
            for k in 0..6 {
                assert_eq!(
                    sums.value(k).to_bits(),
                    reference.value(k).to_bits(),
                    "sum {k} after ({w}, {x}) of {tasks:?}"
                );
                assert_eq!(sums.form(k) == Form::Float, reference.floats[k].is_some());
            }
        }
        let bits = |f: Option<Figures>| {
            f.map(|f| [f.mean, f.sd, f.unrounded_mean, f.share_exposed].map(f64::to_bits))
        };
        assert_eq!(
            bits(sums.figures()),
            bits(weighted_stats(tasks).map(|s| s.figures))
        );
        let mean = |f: Option<Figures>| f.map(|f| f.unrounded_mean.to_bits());
        assert_eq!(mean(means.figures(forms)), mean(sums.figures()));
    }

    #[test]
    fn sums_are_those_of_i128_sums_at_the_edges() {
        let two = |e: i32| 2f64.powi(e);
        same_as_reference(&[
            (1.0, 0.5),
            (0.25, 0.75),
            (1024.0, 1024.0),
            (1024.0, -1024.0),
        ]);
        same_as_reference(&[(two(30), 0.5), (two(30), 0.5), (0.3, 0.2)]);
        same_as_reference(&[(two(31), 0.25), (0.5, 0.5), (two(62), 1.0), (two(62), 1.0)]);
        same_as_reference(&[
            (1e6, 0.9),
            (1e6, 0.1),
            (1e-12, 0.3),
            (f64::NAN, 0.5),
            (1.0, 0.5),
        ]);
        same_as_reference(&[(1.0, f64::INFINITY), (1.0, 0.5), (1e30, 0.25), (1.0, 0.75)]);
        same_as_reference(&[(-3.0, 0.5), (1025.0, 0.2), (0.5, 1025.0), (0.1, 0.7)]);
        let many: Vec<(f64, f64)> = (0..3000).map(|i| (1000.0 + f64::from(i), 0.9)).collect();
        same_as_reference(&many);
        // Terms of the usual path whose Σw² passes 2³¹ (2¹¹ tasks of 2²⁰): undone, then wide.
        let heavy: Vec<(f64, f64)> = (0..2100)
            .map(|i| (1024.0, f64::from(i % 3) / 2.0))
            .collect();
        same_as_reference(&heavy);
    }

    proptest::proptest! {
        /// Tasks as rosters give them (weights under 10⁶ or shares, scores in [0, 1]), and
        /// every now and then a huge, negative or odd one.
        #[test]
        fn sums_are_those_of_i128_sums(
            tasks in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        8 => 0.0f64..2.0,
                        2 => 0.0f64..1e6,
                        1 => -1e3f64..1e3,
                        1 => proptest::prelude::any::<f64>(),
                        1 => proptest::sample::select(vec![1024.0, 1024.5, 2f64.powi(31), 2f64.powi(40)]),
                    ],
                    proptest::prop_oneof![
                        8 => 0.0f64..=1.0,
                        1 => -2e3f64..2e3,
                        1 => proptest::prelude::any::<f64>(),
                    ],
                ),
                0..60,
            ),
        ) {
            same_as_reference(&tasks);
        }
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
