//! The one place where numbers from the inputs and the command line are judged: finite, and
//! within bounds wide enough for any real authority and narrow enough that no sum, mean or
//! share of them can overflow to infinity or NaN.

/// Agents of one job: more than any employer has.
pub const MAX_HEADCOUNT: f64 = 10_000_000.0;
/// A task's share of time, relative to the job's other tasks (`50%` is 50): a ratio of
/// 10^6 between two tasks of a job is more than any roster means.
pub const MAX_WEIGHT: f64 = 1_000_000.0;

/// Which number a value is, for its bounds and its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Agents of a job (whole or FTE): 0 to [`MAX_HEADCOUNT`].
    Headcount,
    /// A task's share of time: 0 to [`MAX_WEIGHT`].
    Weight,
    /// An exposure score: 0 to 1.
    Score,
}

/// `value` if it is within the bounds of `quantity`, else what was expected.
pub fn check(quantity: Quantity, value: f64) -> Result<f64, &'static str> {
    let max = match quantity {
        Quantity::Headcount => MAX_HEADCOUNT,
        Quantity::Weight => MAX_WEIGHT,
        Quantity::Score => 1.0,
    };
    if value.is_nan() || value < 0.0 {
        return Err(match quantity {
            Quantity::Score => "expected a score between 0 and 1",
            _ => "expected a number ≥ 0",
        });
    }
    if value > max {
        return Err(match quantity {
            Quantity::Headcount => "expected at most 10000000 agents for one job",
            Quantity::Weight => "expected a share of time of at most 1000000 (shares are relative)",
            Quantity::Score => "expected a score between 0 and 1",
        });
    }
    Ok(value)
}

/// `--max-drift`: a finite change of mean exposure, 0 or more (clap's value parser).
pub fn parse_drift(raw: &str) -> Result<f64, String> {
    raw.trim()
        .parse::<f64>()
        .ok()
        .and_then(|v| valid_drift(v).ok())
        .ok_or_else(|| format!("{}, found {raw:?}", DRIFT_EXPECTED))
}

/// What `--max-drift` and the policy file's `max-drift` accept: a difference of two means of
/// exposure, so a number from 0 to 1 (NaN and negative values would disable or invert the guard).
pub fn valid_drift(v: f64) -> Result<f64, String> {
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{DRIFT_EXPECTED}, found {v}"))
    }
}

const DRIFT_EXPECTED: &str = "expected a change of mean exposure, a number from 0 to 1 (e.g. 0.05)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(check(Quantity::Headcount, 0.0), Ok(0.0));
        assert_eq!(check(Quantity::Headcount, 2.5), Ok(2.5));
        assert!(check(Quantity::Headcount, 1e7 + 1.0).is_err());
        assert!(check(Quantity::Headcount, 1e308).is_err());
        assert!(check(Quantity::Headcount, f64::NAN).is_err());
        assert_eq!(check(Quantity::Weight, 0.0), Ok(0.0));
        assert_eq!(check(Quantity::Weight, -1.0), Err("expected a number ≥ 0"));
        assert!(check(Quantity::Weight, 1.7e308).is_err());
        assert_eq!(check(Quantity::Weight, 50.0), Ok(50.0));
        assert!(check(Quantity::Score, 1.01).is_err());
        assert!(check(Quantity::Score, -0.0).is_ok());
    }

    #[test]
    fn drift() {
        assert_eq!(parse_drift("0.05"), Ok(0.05));
        assert_eq!(parse_drift("0"), Ok(0.0));
        for bad in ["NaN", "nan", "inf", "-0.1", "x", ""] {
            assert!(parse_drift(bad).is_err(), "{bad}");
        }
    }
}
