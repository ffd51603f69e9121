//! Bytes tested eight at a time in a `u64` (SWAR): a title's words and a line's cells are a
//! few bytes long, too short for `memchr`'s set-up to pay for itself at each.

/// The high bit of every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// A word holding `b` in each of its eight bytes.
pub const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The high bit of each byte of `x` that is zero, exactly: the low seven bits plus 0x7F carry
/// into the high bit unless they are all zero, and no byte carries into the next. (`x ^
/// splat(b)`: the bytes equal to `b`.)
#[inline]
pub fn zero_bytes(x: u64) -> u64 {
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place, beside bytes that are and are not zero.
    #[test]
    fn zero_bytes_are_the_zero_bytes() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [0u8, 1, 0x7F, 0x80, 0xFF] {
                    let mut word = [fill; 8];
                    word[at] = b;
                    let expected = (0..8)
                        .filter(|&i| word[i] == 0)
                        .fold(0u64, |m, i| m | 0x80 << (8 * i));
                    assert_eq!(zero_bytes(u64::from_le_bytes(word)), expected, "{word:?}");
                }
            }
        }
        assert_eq!(splat(b' '), 0x2020_2020_2020_2020);
    }
}
