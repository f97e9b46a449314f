//! A deterministic generator of data sets that look like the real one.
//!
//! Used for the app's "try it with sample data", for tests of the real
//! hours and timezone files (which come without their poll files) and for
//! benchmarks at full size. The same seed always gives the same bytes, on
//! every platform and in every version: that is why the random numbers come
//! from a few lines of SplitMix64 here rather than from a crate whose
//! streams may change between releases.

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::time::{TimeSpan, UtcInstant};

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleSpec {
    /// How many stores to generate.
    pub stores: usize,
    /// The seed of [`SampleRng`]: one seed, one data set, byte for byte.
    pub seed: u64,
    /// The time of the last possible poll; polls cover the `days` before it.
    pub end: UtcInstant,
    /// How many days before `end` the polls cover.
    pub days: u32,
    /// Store ids to use instead of generated ones (for example the ids of a
    /// real hours file); when given, `stores` is their number.
    pub store_ids: Option<Vec<String>>,
    /// Whether to write the hours and timezone files.
    pub with_hours_and_zones: bool,
}

impl SampleSpec {
    /// The shape of the real 2023 data set: polls for the week to
    /// 2023-01-25 18:13:22 UTC.
    pub fn like_real(stores: usize, seed: u64) -> SampleSpec {
        SampleSpec {
            stores,
            seed,
            end: UtcInstant::from_unix_nanos(1_674_670_402_000_000_000),
            days: 7,
            store_ids: None,
            with_hours_and_zones: true,
        }
    }
}

/// SplitMix64: tiny, fast, and fixed forever.
#[derive(Clone, Debug)]
pub struct SampleRng(u64);

impl SampleRng {
    /// A generator whose numbers all follow from `seed`.
    pub fn new(seed: u64) -> Self {
        SampleRng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `percent / 100`.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }
}

/// Timezones with weights, mostly US as in the real data.
const ZONES: &[(&str, u64)] = &[
    ("America/Chicago", 34),
    ("America/New_York", 27),
    ("America/Los_Angeles", 14),
    ("America/Denver", 7),
    ("America/Boise", 2),
    ("America/Phoenix", 3),
    ("America/Indiana/Indianapolis", 2),
    ("America/Detroit", 2),
    ("America/Anchorage", 1),
    ("Pacific/Honolulu", 1),
    ("America/Puerto_Rico", 1),
    ("Asia/Beirut", 1),
    ("Europe/London", 1),
    ("Europe/Berlin", 1),
    ("Australia/Sydney", 1),
    ("Asia/Kolkata", 1),
    ("America/Sao_Paulo", 1),
];

/// How reliable a store is: the chance that a poll finds it down, and the
/// chance that a down store is still down at the next poll.
#[derive(Clone, Copy)]
struct Reliability {
    down_percent: u64,
    stay_down_percent: u64,
}

fn reliability(rng: &mut SampleRng) -> Reliability {
    match rng.below(100) {
        0..=69 => Reliability { down_percent: 1, stay_down_percent: 10 },
        70..=94 => Reliability { down_percent: 8, stay_down_percent: 30 },
        _ => Reliability { down_percent: 5, stay_down_percent: 85 },
    }
}

fn store_id(rng: &mut SampleRng) -> String {
    if rng.chance(8) {
        // A few real ids are shorter.
        rng.between(10_000_000_000_000_000, 999_999_999_999_999_999).to_string()
    } else {
        rng.between(1_000_000_000_000_000_000, i64::MAX as u64).to_string()
    }
}

fn clock(seconds: u64) -> String {
    format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

const HOUR: u64 = 3600;

/// The business-hours rows of one store: `(day, start, end)`; none means 24x7.
fn store_hours(rng: &mut SampleRng) -> Vec<(u8, String, String)> {
    let mut rows = Vec::new();
    let pattern = rng.below(100);
    if pattern < 20 {
        return rows;
    }
    let closed_day = if rng.chance(18) { Some(rng.below(7) as u8) } else { None };
    let closed_second = if rng.chance(5) { Some(rng.below(7) as u8) } else { None };
    let open = rng.between(6, 11) * HOUR + rng.below(4) * 15 * 60;
    let close = rng.between(20, 23) * HOUR + rng.below(4) * 15 * 60;
    for day in 0..7u8 {
        if Some(day) == closed_day || Some(day) == closed_second {
            continue;
        }
        match pattern {
            20..=54 => rows.push((day, clock(open), clock(close))),
            55..=62 => rows.push((day, clock(open), "23:59:59".into())),
            63..=67 => rows.push((day, "00:00:00".into(), "23:59:59".into())),
            68..=72 => rows.push((day, clock(open), "23:59:00".into())),
            73..=81 => {
                // Split shift, sometimes overlapping.
                let lunch_end = rng.between(13, 15) * HOUR;
                let dinner_start = if rng.chance(15) { lunch_end - HOUR } else { rng.between(16, 17) * HOUR };
                rows.push((day, clock(open), clock(lunch_end)));
                rows.push((day, clock(dinner_start), clock(close)));
            }
            82..=89 => {
                // Late night: past midnight in one row, or split at midnight
                // as the real files do.
                let late_close = rng.between(1, 3) * HOUR;
                let evening = rng.between(16, 18) * HOUR;
                if rng.chance(50) {
                    rows.push((day, clock(evening), clock(late_close)));
                } else {
                    rows.push((day, "00:00:00".into(), clock(late_close)));
                    rows.push((day, clock(evening), "23:59:59".into()));
                }
            }
            90..=91 => rows.push((day, clock(open), clock(open))),
            _ => rows.push((day, clock(open), clock(close.min(22 * HOUR)))),
        }
    }
    if rows.is_empty() {
        rows.push((0, clock(open), clock(close)));
    }
    rows
}

fn format_poll_time(at: UtcInstant, out: &mut String) {
    use std::fmt::Write as _;
    let datetime: DateTime<Utc> = at.to_datetime();
    let _ = write!(out, "{}", datetime.format("%Y-%m-%d %H:%M:%S"));
    let micros = at.unix_nanos().rem_euclid(1_000_000_000) / 1000;
    if micros != 0 {
        let digits = format!("{micros:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push_str(" UTC");
}

/// How many stores' polls are shuffled together, so that rows come in no
/// particular order (as in the real file) without holding them all.
const SHUFFLE_BLOCK: usize = 512;

/// Writes a sample data set. Returns the number of polls written.
pub fn write_sample(
    spec: &SampleSpec,
    status: &mut dyn Write,
    hours: &mut dyn Write,
    timezones: &mut dyn Write,
) -> io::Result<u64> {
    let mut rng = SampleRng::new(spec.seed);
    let ids: Vec<String> = match &spec.store_ids {
        Some(ids) => ids.clone(),
        None => {
            let mut seen = std::collections::HashSet::new();
            let mut ids = Vec::with_capacity(spec.stores);
            while ids.len() < spec.stores {
                let id = store_id(&mut rng);
                if seen.insert(id.clone()) {
                    ids.push(id);
                }
            }
            ids
        }
    };
    // Ids taken from a user's file may hold commas or quotes. They are
    // quoted, but not neutralised for spreadsheets like the report's: these
    // files are inputs to the tool, and a leading `'` would rename the store.
    let ids: Vec<String> = ids
        .iter()
        .map(|id| {
            let mut field = String::with_capacity(id.len());
            crate::output::push_csv_field(id, &mut field);
            field
        })
        .collect();

    if spec.with_hours_and_zones {
        let mut text = String::from("store_id,day,start_time_local,end_time_local\n");
        for id in &ids {
            for (day, start, end) in store_hours(&mut rng) {
                text.push_str(&format!("{id},{day},{start},{end}\n"));
            }
        }
        hours.write_all(text.as_bytes())?;

        let total_weight: u64 = ZONES.iter().map(|z| z.1).sum();
        let mut text = String::from("store_id,timezone_str\n");
        for id in &ids {
            if rng.chance(3) {
                continue; // No row: the default timezone.
            }
            let mut ticket = rng.below(total_weight);
            let zone = ZONES
                .iter()
                .find(|(_, weight)| {
                    let hit = ticket < *weight;
                    ticket = ticket.saturating_sub(*weight);
                    hit
                })
                .map_or("America/Chicago", |z| z.0);
            text.push_str(&format!("{id},{zone}\n"));
        }
        timezones.write_all(text.as_bytes())?;
    }

    status.write_all(b"store_id,status,timestamp_utc\n")?;
    let span = TimeSpan::from_hours(24 * i64::from(spec.days));
    let start = spec.end.checked_sub(span).unwrap_or(spec.end);
    let micro = 1000i64;
    let mut written = 0u64;
    let mut block: Vec<(usize, UtcInstant, bool)> = Vec::new();
    let mut line = String::with_capacity(64);
    for chunk_start in (0..ids.len()).step_by(SHUFFLE_BLOCK) {
        block.clear();
        for store in chunk_start..(chunk_start + SHUFFLE_BLOCK).min(ids.len()) {
            let reliability = reliability(&mut rng);
            // A few stores stop reporting days before the end.
            let stop = if rng.chance(2) {
                spec.end.checked_sub(TimeSpan::from_hours(rng.between(24, 96) as i64)).unwrap_or(spec.end)
            } else {
                spec.end
            };
            let mut t = start.unix_nanos() + rng.below(3_600_000_000) as i64 * micro;
            let mut down = false;
            while t < stop.unix_nanos() {
                if rng.chance(6) {
                    // A gap: the poller missed a few hours.
                    t += rng.between(2, 6) as i64 * 3_600_000_000 * micro;
                    continue;
                }
                down =
                    if down { rng.chance(reliability.stay_down_percent) } else { rng.chance(reliability.down_percent) };
                block.push((store, UtcInstant::from_unix_nanos(t), !down));
                // Roughly hourly, 45 to 75 minutes apart.
                t += rng.between(2_700_000_000, 4_500_000_000) as i64 * micro;
            }
        }
        // Fisher-Yates, so rows are in no particular order.
        for i in (1..block.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            block.swap(i, j);
        }
        for &(store, at, active) in &block {
            line.clear();
            line.push_str(&ids[store]);
            line.push_str(if active { ",active," } else { ",inactive," });
            format_poll_time(at, &mut line);
            line.push('\n');
            status.write_all(line.as_bytes())?;
        }
        written += block.len() as u64;
    }
    Ok(written)
}

/// A sample data set held in memory, as the three files' bytes.
#[derive(Clone, Debug)]
pub struct SampleFiles {
    /// The status polls file.
    pub status: Vec<u8>,
    /// The business-hours file (header only when the spec leaves it out).
    pub hours: Vec<u8>,
    /// The timezones file (header only when the spec leaves it out).
    pub timezones: Vec<u8>,
    /// How many polls the status file holds.
    pub polls: u64,
}

/// Generates the data set `spec` describes, in memory.
pub fn sample_files(spec: &SampleSpec) -> SampleFiles {
    let (mut status, mut hours, mut timezones) = (Vec::new(), Vec::new(), Vec::new());
    // Writing to a Vec cannot fail.
    let polls = write_sample(spec, &mut status, &mut hours, &mut timezones).unwrap_or(0);
    SampleFiles { status, hours, timezones, polls }
}

/// Brands of the generated groups file.
const BRANDS: [&str; 12] = [
    "Burger Barn",
    "Café Lumière",
    "Deli Deluxe",
    "Pizza, Pasta & Co",
    "Taco Town",
    "Noodle Bar",
    "Grill House",
    "Salad Stop",
    "Sushi Go",
    "Bakery 24",
    "Kebab Corner",
    "Smoothie Spot",
];

/// Writes a groups file for `ids` (SPEC.md, "Targets, groups and
/// comparison"): `store_id,region,brand,franchisee,target`, with `regions`
/// regions, 12 brands (one with a comma, one with a non-ASCII letter) and
/// 90 franchisees; about one store in 10 has a target of its own, one in
/// 50 no region. Deterministic for the same ids and seed.
pub fn write_groups(ids: &[String], regions: u64, seed: u64, out: &mut dyn Write) -> io::Result<()> {
    let mut rng = SampleRng::new(seed ^ 0x6772_6f75_7073);
    let mut text = String::from("store_id,region,brand,franchisee,target\n");
    for id in ids {
        let region = if rng.chance(2) { String::new() } else { format!("Region {:03}", rng.below(regions.max(1)) + 1) };
        let brand = BRANDS[rng.below(BRANDS.len() as u64) as usize];
        let franchisee = format!("F{:02}", rng.below(90) + 1);
        let target = match rng.below(30) {
            0..=1 => "99.9",
            2 => "98",
            _ => "",
        };
        crate::output::push_csv_field(id, &mut text);
        text.push(',');
        text.push_str(&region);
        text.push(',');
        crate::output::push_csv_field(brand, &mut text);
        text.push(',');
        text.push_str(&franchisee);
        text.push(',');
        text.push_str(target);
        text.push('\n');
    }
    out.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let a = sample_files(&SampleSpec::like_real(50, 7));
        let b = sample_files(&SampleSpec::like_real(50, 7));
        let c = sample_files(&SampleSpec::like_real(50, 8));
        assert_eq!(a.status, b.status);
        assert_eq!(a.hours, b.hours);
        assert_ne!(a.status, c.status);
    }

    #[test]
    fn the_rng_stream_is_fixed() {
        // SplitMix64's published first outputs for seed 0.
        let mut rng = SampleRng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn polls_are_roughly_hourly_over_the_week() {
        let sample = sample_files(&SampleSpec::like_real(200, 1));
        let per_store = sample.polls as f64 / 200.0;
        assert!((100.0..160.0).contains(&per_store), "{per_store} polls per store");
    }
}
