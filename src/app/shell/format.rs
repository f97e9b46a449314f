//! Numbers as the page writes them.

pub fn format_bytes(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{value:.0} {}", UNITS[0]) } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// 1860000 → "1,860,000".
pub fn group_digits(number: u64) -> String {
    group_number_text(&number.to_string())
}

/// Groups the thousands of a number's integer part with commas:
/// "10080.25" → "10,080.25", "-1000" → "-1,000".
pub fn group_number_text(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |rest| ("-", rest));
    let (integer, fraction) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(number.len() + integer.len() / 3);
    out.push_str(sign);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A horizon in words: "last day", "last 9 days".
pub fn last_days(days: u32) -> String {
    if days == 1 { "last day".to_string() } else { format!("last {days} days") }
}

/// A duration in milliseconds: "850 ms", "1.25 s".
pub fn describe_duration(ms: f64) -> String {
    if ms < 1000.0 { format!("{ms:.0} ms") } else { format!("{:.2} s", ms / 1000.0) }
}
