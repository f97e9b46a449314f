//! An uptime target: a percentage of business time up, 0 < T < 100, with at
//! most three decimals.

use std::fmt;
use std::str::FromStr;

/// An uptime target, held exactly in thousandths of a percent (`99.5` is
/// 99,500), so that "meets its target" is decided on integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Target(u32);

/// A target as the contract bounds it: above 0 and below 100 per cent.
const MAX_THOUSANDTHS: u32 = 100_000;

impl Target {
    /// The target of `thousandths` thousandths of a percent; `None` unless
    /// it is above 0 and below 100 %.
    pub fn from_thousandths(thousandths: u32) -> Option<Target> {
        (1..MAX_THOUSANDTHS).contains(&thousandths).then_some(Target(thousandths))
    }

    /// The target in thousandths of a percent: 99,500 for `99.5`.
    pub fn thousandths(self) -> u32 {
        self.0
    }

    /// The share of business time that may be down, in thousandths of a
    /// percent: 500 for a target of `99.5`.
    pub fn allowed_thousandths(self) -> u32 {
        MAX_THOUSANDTHS - self.0
    }

    /// Reads a target as a user writes it: digits, optionally a point and
    /// one to three more digits (`99.5`, `99`, `99.95`, `0.5`, `.5`),
    /// surrounding whitespace ignored.
    ///
    /// ```
    /// use store_uptime_engine::Target;
    ///
    /// assert_eq!("99.5".parse::<Target>().map(Target::thousandths), Ok(99_500));
    /// assert!("100".parse::<Target>().is_err());
    /// assert!("99.5%".parse::<Target>().is_err());
    /// assert!("99.1234".parse::<Target>().is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Target, TargetError> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
            return Err(TargetError::NotANumber);
        }
        if fraction.len() > 3 {
            return Err(TargetError::TooManyDecimals);
        }
        // Leading zeros may be many; anything of three or more significant
        // whole digits is at least 100.
        let whole = whole.trim_start_matches('0');
        if whole.len() > 2 {
            return Err(TargetError::OutOfRange);
        }
        let whole: u32 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| TargetError::NotANumber)? };
        let mut thousandths = whole * 1000;
        for (place, digit) in [100, 10, 1].into_iter().zip(fraction.bytes()) {
            thousandths += place * u32::from(digit - b'0');
        }
        Target::from_thousandths(thousandths).ok_or(TargetError::OutOfRange)
    }
}

impl FromStr for Target {
    type Err = TargetError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Target::parse(s)
    }
}

impl fmt::Display for Target {
    /// As few decimals as needed: `99.5`, `99`, `99.125`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 1000, self.0 % 1000);
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        let digits = format!("{fraction:03}");
        write!(f, "{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// Why a text is not a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetError {
    /// Not a plain decimal number (a sign, a `%`, letters, an empty fraction).
    NotANumber,
    /// More than three decimals.
    TooManyDecimals,
    /// Not above 0 and below 100.
    OutOfRange,
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TargetError::NotANumber => "is not a number such as 99.5 (a percentage, without the % sign)",
            TargetError::TooManyDecimals => "has more than 3 decimals",
            TargetError::OutOfRange => "is not above 0 and below 100",
        })
    }
}

impl std::error::Error for TargetError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<u32, TargetError> {
        Target::parse(text).map(Target::thousandths)
    }

    #[test]
    fn targets_are_read_exactly_with_up_to_three_decimals() {
        assert_eq!(parsed("99.5"), Ok(99_500));
        assert_eq!(parsed(" 99 "), Ok(99_000));
        assert_eq!(parsed("99.999"), Ok(99_999));
        assert_eq!(parsed("0.001"), Ok(1));
        assert_eq!(parsed(".5"), Ok(500));
        assert_eq!(parsed("099.50"), Ok(99_500));
        assert_eq!(parsed("99.500"), Ok(99_500));
    }

    #[test]
    fn anything_else_is_refused_with_its_reason() {
        for text in ["", " ", ".", "99.", "-1", "+99", "99.5%", "abc", "9 9", "1e2", "99,5", "0x10"] {
            assert_eq!(parsed(text), Err(TargetError::NotANumber), "{text:?}");
        }
        assert_eq!(parsed("99.1234"), Err(TargetError::TooManyDecimals));
        assert_eq!(parsed("99.5000"), Err(TargetError::TooManyDecimals));
        for text in ["0", "0.000", "100", "100.0", "150", "00100", "12345678901234567890"] {
            assert_eq!(parsed(text), Err(TargetError::OutOfRange), "{text:?}");
        }
    }

    #[test]
    fn targets_are_written_with_as_few_decimals_as_needed() {
        let shown = |t: u32| Target::from_thousandths(t).map(|t| t.to_string());
        assert_eq!(shown(99_500).as_deref(), Some("99.5"));
        assert_eq!(shown(99_000).as_deref(), Some("99"));
        assert_eq!(shown(99_125).as_deref(), Some("99.125"));
        assert_eq!(shown(1).as_deref(), Some("0.001"));
        assert_eq!(shown(0), None);
        assert_eq!(shown(100_000), None);
    }
}
