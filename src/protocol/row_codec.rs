//! A report's rows as three buffers beside the JSON, and how the layouts of
//! reports kept before outages and freshness were computed read back.

use super::report::{DayCell, LatestPollAt, OutageSummary, StoreDays, StoreFreshness, StoreRow};

/// Numbers per store in the figures buffer: uptime, downtime and business
/// time of each window, then the outages' count, longest and total. As
/// `f64`, which holds whole nanoseconds exactly up to 2^53 ns (104 days),
/// beyond the week any window's figure can reach; an outage summary of a
/// longer horizon is exact to a few nanoseconds, more than a page shows.
pub const FIGURES_PER_STORE: usize = 21;

/// The figures of reports kept before freshness was computed.
const FIGURES_PER_STORE_BEFORE_FRESHNESS: usize = 12;

/// The figures of reports kept before outages were computed: the windows only.
const FIGURES_PER_STORE_BEFORE_OUTAGES: usize = 9;

/// The freshness numbers of a store, after the outages: its latest poll's
/// whole seconds since 1970 and their nanoseconds (NaN without a latest
/// poll; two numbers, since nanoseconds since 1970 exceed 2^53), the UTC
/// offset then in seconds, its polls per window, stale (0 or 1), and where
/// its hours and timezone came from (their positions in the lists below).
const FRESHNESS_NUMBERS: usize = 9;

const HOURS_SOURCES: [engine::HoursSource; 2] = [engine::HoursSource::File, engine::HoursSource::OpenAllWeek];

const ZONE_SOURCES: [engine::ZoneSource; 3] =
    [engine::ZoneSource::File, engine::ZoneSource::UnknownNameDefault, engine::ZoneSource::Default];

fn encode_freshness(freshness: Option<&StoreFreshness>, figures: &mut Vec<f64>) {
    let Some(fresh) = freshness else {
        // A row without freshness among rows with it cannot be written
        // apart: NaN everywhere reads back as none.
        figures.extend([f64::NAN; FRESHNESS_NUMBERS]);
        return;
    };
    match fresh.latest_poll {
        Some(latest) => figures.extend([
            latest.unix_nanos.div_euclid(1_000_000_000) as f64,
            latest.unix_nanos.rem_euclid(1_000_000_000) as f64,
            f64::from(latest.utc_offset_seconds),
        ]),
        None => figures.extend([f64::NAN, 0.0, 0.0]),
    }
    figures.extend(fresh.polls.map(|polls| polls as f64));
    figures.push(if fresh.stale { 1.0 } else { 0.0 });
    let position = |found: Option<usize>| found.map_or(f64::NAN, |i| i as f64);
    figures.push(position(HOURS_SOURCES.iter().position(|&source| source == fresh.hours_source)));
    figures.push(position(ZONE_SOURCES.iter().position(|&source| source == fresh.zone_source)));
}

fn decode_freshness(numbers: &[f64]) -> Option<StoreFreshness> {
    let &[seconds, nanos, offset, hour, day, week, stale, hours, zone] = numbers else {
        return None;
    };
    let source = |number: f64| (number.is_finite() && number >= 0.0).then_some(number as usize);
    let latest_poll = (!seconds.is_nan()).then(|| LatestPollAt {
        unix_nanos: (seconds as i64).saturating_mul(1_000_000_000).saturating_add(nanos as i64),
        utc_offset_seconds: offset as i32,
    });
    Some(StoreFreshness {
        latest_poll,
        polls: [hour, day, week].map(|polls| polls as u64),
        stale: stale == 1.0,
        hours_source: *HOURS_SOURCES.get(source(hours)?)?,
        zone_source: *ZONE_SOURCES.get(source(zone)?)?,
    })
}

/// Numbers per day in the days buffer.
const NUMBERS_PER_DAY: usize = 4;

/// The rows as three buffers: the store ids, one per line (the engine never
/// accepts a control character in an id), a `Float64Array` of figures, and
/// a `Float32Array` of days: per store its first date, its number of
/// dates, then business, uptime, downtime and polls of each.
pub fn encode_rows(rows: &[StoreRow]) -> (String, Vec<f64>, Vec<f32>) {
    let mut ids = String::with_capacity(rows.len() * 20);
    let mut figures = Vec::with_capacity(rows.len() * FIGURES_PER_STORE);
    let mut days = Vec::with_capacity(rows.iter().map(|row| 2 + NUMBERS_PER_DAY * row.days.cells.len()).sum());
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            ids.push('\n');
        }
        ids.push_str(&row.store_id);
        for window in 0..3 {
            figures.push(row.figures[2 * window] as f64);
            figures.push(row.figures[2 * window + 1] as f64);
            figures.push(row.business[window] as f64);
        }
        figures.push(f64::from(row.outages.count));
        figures.push(row.outages.longest_nanos as f64);
        figures.push(row.outages.total_nanos as f64);
        encode_freshness(row.freshness.as_ref(), &mut figures);
        // Dates since 1970 and counts of a horizon are far below 2^24, the
        // integers an f32 holds exactly.
        days.push(row.days.first_date as f32);
        days.push(row.days.cells.len() as f32);
        for cell in &row.days.cells {
            days.extend([cell.business_minutes, cell.uptime_minutes, cell.downtime_minutes, cell.polls as f32]);
        }
    }
    (ids, figures, days)
}

/// Reads back what [`encode_rows`] wrote, checking it holds `count` rows.
/// A report kept before outages were computed has fewer figures and no
/// days: its rows read with none.
pub fn decode_rows(count: usize, ids: &str, figures: &[f64], days: &[f32]) -> Result<Vec<StoreRow>, String> {
    let per_store = if figures.len() == count * FIGURES_PER_STORE {
        FIGURES_PER_STORE
    } else if figures.len() == count * FIGURES_PER_STORE_BEFORE_FRESHNESS {
        FIGURES_PER_STORE_BEFORE_FRESHNESS
    } else if figures.len() == count * FIGURES_PER_STORE_BEFORE_OUTAGES {
        FIGURES_PER_STORE_BEFORE_OUTAGES
    } else {
        return Err(format!("{} figures for {count} stores", figures.len()));
    };
    let ids: Vec<&str> = if count == 0 { Vec::new() } else { ids.split('\n').collect() };
    if ids.len() != count {
        return Err(format!("{} store ids for {count} stores", ids.len()));
    }
    let mut days = days.iter().copied();
    let mut rows = Vec::with_capacity(count);
    for (id, numbers) in ids.into_iter().zip(figures.chunks_exact(per_store)) {
        let outages = match numbers.get(9..12) {
            Some(&[count, longest, total]) => {
                OutageSummary { count: count as u32, longest_nanos: longest as i64, total_nanos: total as i64 }
            }
            _ => OutageSummary::default(),
        };
        let store_days = match (days.next(), days.next()) {
            (Some(first_date), Some(dates)) => {
                let mut cells = Vec::with_capacity(dates as usize);
                for _ in 0..dates as usize {
                    let mut next = || days.next().ok_or_else(|| format!("the days of store {id} are cut short"));
                    cells.push(DayCell {
                        business_minutes: next()?,
                        uptime_minutes: next()?,
                        downtime_minutes: next()?,
                        polls: next()? as u32,
                    });
                }
                StoreDays { first_date: first_date as i32, cells }
            }
            _ => StoreDays::default(),
        };
        rows.push(StoreRow {
            store_id: id.to_string(),
            figures: [0, 1, 3, 4, 6, 7].map(|i| numbers[i] as i64),
            business: [2, 5, 8].map(|i| numbers[i] as i64),
            outages,
            days: store_days,
            freshness: numbers.get(12..).and_then(decode_freshness),
            score: None,
        });
    }
    if days.next().is_some() {
        return Err("more days than stores".to_string());
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_rows() -> Vec<StoreRow> {
        vec![
            StoreRow {
                store_id: "8419537941919820732".into(),
                figures: [60_000_000_000, 0, 1, 2, 3, 604_800_000_000_000],
                business: [60_000_000_000, 3, 604_800_000_000_003],
                outages: OutageSummary { count: 2, longest_nanos: 90_000_000_000, total_nanos: 120_000_000_000 },
                days: StoreDays {
                    first_date: 19_380,
                    cells: vec![
                        DayCell { business_minutes: 780.0, uptime_minutes: 729.04, downtime_minutes: 50.96, polls: 19 },
                        DayCell { business_minutes: 0.0, uptime_minutes: 0.0, downtime_minutes: 0.0, polls: 0 },
                    ],
                },
                freshness: Some(StoreFreshness {
                    latest_poll: Some(LatestPollAt {
                        unix_nanos: 1_674_670_402_123_456_789,
                        utc_offset_seconds: -21_600,
                    }),
                    polls: [1, 24, 168],
                    stale: false,
                    hours_source: engine::HoursSource::OpenAllWeek,
                    zone_source: engine::ZoneSource::UnknownNameDefault,
                }),
                score: None,
            },
            StoreRow {
                store_id: "b5d0a65d-6d54 x".into(),
                figures: [0; 6],
                business: [0; 3],
                outages: OutageSummary::default(),
                days: StoreDays::default(),
                freshness: Some(StoreFreshness {
                    latest_poll: None,
                    polls: [0, 0, 0],
                    stale: true,
                    hours_source: engine::HoursSource::File,
                    zone_source: engine::ZoneSource::Default,
                }),
                score: None,
            },
        ]
    }

    #[test]
    fn rows_survive_the_trip_through_buffers() {
        let rows = two_rows();
        let (ids, figures, days) = encode_rows(&rows);
        assert_eq!(decode_rows(2, &ids, &figures, &days), Ok(rows));
        assert_eq!(decode_rows(0, "", &[], &[]), Ok(Vec::new()));
        assert!(decode_rows(3, &ids, &figures, &days).is_err());
        assert!(decode_rows(2, &ids, &figures, &days[..days.len() - 3]).is_err());
        assert!(decode_rows(2, &ids, &figures, &[days.as_slice(), &[1.0]].concat()).is_err());
    }

    #[test]
    fn rows_kept_before_freshness_read_with_none() {
        let rows = two_rows();
        let (ids, figures, days) = encode_rows(&rows);
        let without: Vec<f64> = figures.chunks_exact(FIGURES_PER_STORE).flat_map(|f| f[..12].to_vec()).collect();
        let read = decode_rows(2, &ids, &without, &days).expect("readable");
        assert_eq!(read[0].outages, rows[0].outages);
        assert_eq!((read[0].freshness, read[1].freshness), (None, None));
        // A row without freshness among rows with it reads back without.
        let mut mixed = two_rows();
        mixed[1].freshness = None;
        let (ids, figures, days) = encode_rows(&mixed);
        assert_eq!(decode_rows(2, &ids, &figures, &days), Ok(mixed));
    }

    #[test]
    fn rows_kept_before_outages_read_with_none() {
        let rows = two_rows();
        let (ids, figures, _) = encode_rows(&rows);
        let windows_only: Vec<f64> = figures.chunks_exact(FIGURES_PER_STORE).flat_map(|f| f[..9].to_vec()).collect();
        let read = decode_rows(2, &ids, &windows_only, &[]).expect("readable");
        assert_eq!(read[0].figures, rows[0].figures);
        assert_eq!(read[0].business, rows[0].business);
        assert_eq!(read[0].outages, OutageSummary::default());
        assert_eq!(read[0].days, StoreDays::default());
    }
}
