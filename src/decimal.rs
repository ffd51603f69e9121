//! A number with a fixed count of decimals, the bytes of `format!("{value:.decimals$}")`
//! without its exact-decimal machinery (about 1,200 instructions a number, and a table cell is
//! mostly numbers): the value scaled and rounded in integers, and `format!` itself whenever the
//! rounding could differ (a value at or near a tie, a value too large, NaN or infinite).

/// `format!("{value:.decimals$}")`, the same bytes.
pub fn fixed(value: f64, decimals: usize) -> String {
    let Some(mut n) = scaled(value, decimals) else {
        return format!("{value:.decimals$}");
    };
    // The digits from the last, at least one before the point (2^52 has 16 digits).
    let mut digits = [b'0'; 20];
    let mut first = digits.len();
    while n > 0 || digits.len() - first <= decimals {
        first -= 1;
        digits[first] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let point = digits.len() - decimals;
    let mut out = String::with_capacity(digits.len() - first + 2);
    if value.is_sign_negative() {
        out.push('-');
    }
    for (i, &d) in digits.iter().enumerate().skip(first) {
        if i == point {
            out.push('.');
        }
        out.push(char::from(d));
    }
    out
}

/// 10^0 to 10^15, exact in an `f64`.
const POWERS: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// |value| × 10^decimals rounded to the nearest integer, when that integer is certain: the
/// product is rounded once (an error of at most half a unit in its last place, under 2^-53 of
/// it), so the nearest integer of the exact product is the one of the rounded product unless
/// the latter lies within that error of a half. `None` near a half (where `format!` rounds an
/// exact tie to even), for more than 15 decimals, above 2^52, and for NaN and infinities.
fn scaled(value: f64, decimals: usize) -> Option<u64> {
    let scale = *POWERS.get(decimals)?;
    let product = value.abs() * scale;
    if product.is_nan() || product >= 4_503_599_627_370_496.0 {
        return None;
    }
    let floor = product.floor();
    let fraction = product - floor;
    // The product's own rounding error, with a wide margin.
    let margin = product * 1e-15 + 1e-300;
    if (fraction - 0.5).abs() <= margin {
        return None;
    }
    Some(floor as u64 + u64::from(fraction > 0.5))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(value: f64, decimals: usize) {
        assert_eq!(
            fixed(value, decimals),
            format!("{value:.decimals$}"),
            "{value:?} with {decimals} decimals"
        );
    }

    #[test]
    fn ties_edges_and_signs_read_as_format_writes_them() {
        let values = "0 -0 0.5 1.5 2.5 -2.5 0.125 0.375 0.05 0.15 0.25 0.35 0.45 0.95 0.995 \
            0.9999999 1.005 2.675 1e-300 -1e-300 0.049999999999999996 9.995 99.95 123456.785 \
            4503599627370495.5 4503599627370497 1e20 -1e20 1e300 1.7976931348623157e308 \
            2.2250738585072014e-308 2.220446049250313e-16 NaN inf -inf -0.004 -0.006 26.35 \
            26.45 73.6842105263158";
        for v in values.split_whitespace() {
            let v: f64 = v.parse().unwrap();
            for d in 0..=17 {
                same(v, d);
            }
        }
        // Every share of a small count, as the tables' percentages are.
        for total in 1..=400u32 {
            for part in 0..=total {
                let share = f64::from(part) / f64::from(total);
                same(share * 100.0, 1);
                same(share, 2);
            }
        }
        // Every number of two decimals up to 2,000, and the halves between them.
        for cents in 0..=400_000u32 {
            let v = f64::from(cents) / 200.0;
            same(v, 2);
            same(v, 1);
            same(v, 0);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn any_number_reads_as_format_writes_it(v in proptest::num::f64::ANY, d in 0usize..18) {
            same(v, d);
        }

        #[test]
        fn numbers_of_tables_read_as_format_writes_them(v in -1e7f64..1e7, d in 0usize..4) {
            same(v, d);
        }
    }
}
