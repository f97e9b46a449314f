//! Exact figures of the scorecard: ratios of nanoseconds, rounded once,
//! halves away from zero, as the report's figures are (DESIGN.md,
//! "Rounding").

use crate::output::push_integer;

/// `round(numerator × scale / denominator)`, halves away from zero, for a
/// positive denominator. Exact on 128-bit integers; only when the product
/// does not fit (sums over fleets of millions of store-years) in double
/// precision, where a value exactly halfway cannot be told apart anyway.
pub(crate) fn round_ratio(numerator: i128, scale: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    match numerator.checked_mul(scale) {
        Some(scaled) => {
            let denominator = denominator as u128;
            let magnitude = scaled.unsigned_abs();
            let (quotient, remainder) = (magnitude / denominator, magnitude % denominator);
            // Halves away from zero: up when twice the remainder reaches the denominator.
            let rounded = (quotient + u128::from(remainder >= denominator - remainder)) as i128;
            if scaled < 0 { -rounded } else { rounded }
        }
        None => (numerator as f64 * scale as f64 / denominator as f64).round() as i128,
    }
}

/// Appends `value / 10^decimals` with at most `decimals` decimals and no
/// trailing zeros: `99.5`, `100`, `-0.25`; a value that rounds to zero has
/// no sign.
pub(crate) fn push_decimal(value: i128, decimals: u32, out: &mut String) {
    let unit = 10u128.pow(decimals);
    let magnitude = value.unsigned_abs();
    if value < 0 && magnitude > 0 {
        out.push('-');
    }
    push_integer(magnitude / unit, out);
    let mut fraction = magnitude % unit;
    if fraction == 0 {
        return;
    }
    let mut width = decimals as usize;
    while fraction.is_multiple_of(10) {
        fraction /= 10;
        width -= 1;
    }
    out.push('.');
    let digits = fraction.to_string();
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// Nanoseconds a minute.
const MINUTE_NANOS: i128 = 60_000_000_000;

/// Appends `nanos / scale` nanoseconds as minutes, like the report's
/// figures: hundredths, halves away from zero.
pub(crate) fn push_minutes(nanos: i128, scale: i128, out: &mut String) {
    push_decimal(round_ratio(nanos, 100, MINUTE_NANOS * scale), 2, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(value: i128, decimals: u32) -> String {
        let mut out = String::new();
        push_decimal(value, decimals, &mut out);
        out
    }

    #[test]
    fn ratios_round_halves_away_from_zero() {
        assert_eq!(round_ratio(1, 1000, 16), 63); // 62.5
        assert_eq!(round_ratio(-1, 1000, 16), -63);
        assert_eq!(round_ratio(1, 1000, 3), 333);
        assert_eq!(round_ratio(2, 1000, 3), 667);
        assert_eq!(round_ratio(0, 1000, 7), 0);
        assert_eq!(round_ratio(i128::MAX / 2, 1000, i128::MAX / 2), 1000);
    }

    #[test]
    fn decimals_are_written_without_trailing_zeros() {
        assert_eq!(decimal(99_500, 3), "99.5");
        assert_eq!(decimal(100_000, 3), "100");
        assert_eq!(decimal(33_333, 3), "33.333");
        assert_eq!(decimal(5, 3), "0.005");
        assert_eq!(decimal(-250, 3), "-0.25");
        assert_eq!(decimal(0, 3), "0");
        assert_eq!(decimal(-1, 2), "-0.01");
        assert_eq!(decimal(12_345, 2), "123.45");
    }

    #[test]
    fn minutes_are_hundredths_like_the_reports() {
        let mut out = String::new();
        push_minutes(90 * 1_000_000_000, 1, &mut out); // 1.5 min
        out.push(' ');
        push_minutes(-300_000_000, 1, &mut out); // -0.005 min → -0.01
        out.push(' ');
        push_minutes(299_999_999, 1, &mut out); // just under 0.005 → 0
        out.push(' ');
        push_minutes(600 * 60_000_000_000 * 5, 100_000, &mut out); // 600 min × 5 / 100000
        assert_eq!(out, "1.5 -0.01 0 0.03");
    }
}
