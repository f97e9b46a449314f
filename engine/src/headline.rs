//! The fleet's headline: one uptime figure per window, pooled over every
//! store's business time, and how many stores are up, down and stale now.
//!
//! The figures are the observed ones: business time before a store's first
//! poll (where its status is assumed, see [`crate::assumed`]) is left out
//! and counted apart. Where every store was polled before a window starts,
//! they equal the report's figures pooled (for the horizon, the roll-up's
//! fleet row).

use crate::analysis::Analysis;
use crate::assumed::assumed_figures;
use crate::freshness::{Freshness, StaleLimit};
use crate::history::{History, StateNow};
use crate::report::{Report, Window, WindowFigures};
use crate::scorecard::Percent;
use crate::time::UtcInstant;

/// Business time of the whole fleet in one period, in nanoseconds: sums
/// over stores, which a long horizon of a large fleet takes past an `i64`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PooledUptime {
    /// Observed business time up.
    pub uptime_nanos: i128,
    /// Observed business time down.
    pub downtime_nanos: i128,
    /// Business time before the stores' first polls, left out of both.
    pub assumed_nanos: i128,
}

impl PooledUptime {
    /// Observed business time: uptime + downtime.
    pub fn business_nanos(&self) -> i128 {
        self.uptime_nanos + self.downtime_nanos
    }

    /// 100 × uptime / observed business time, exact (rounded once, when
    /// written); `None` when no store was open and observed in the period.
    pub fn uptime_percent(&self) -> Option<Percent> {
        Percent::of(self.uptime_nanos, self.business_nanos())
    }

    fn add(&mut self, figures: WindowFigures, assumed: WindowFigures) {
        self.uptime_nanos += i128::from((figures.uptime - assumed.uptime).nanos());
        self.downtime_nanos += i128::from((figures.downtime - assumed.downtime).nanos());
        self.assumed_nanos += i128::from(assumed.business_time().nanos());
    }
}

/// The fleet at the top of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FleetHeadline {
    /// The last hour, day and week, indexed by [`Window::index`].
    pub windows: [PooledUptime; 3],
    /// The horizon of the outages and days.
    pub horizon: PooledUptime,
    /// The horizon's length in days.
    pub horizon_days: u32,
    /// Stores in the report.
    pub stores: usize,
    /// Stores open and up at the last instant before now.
    pub up_now: usize,
    /// Stores open and down then: an outage is going on.
    pub down_now: usize,
    /// Stores closed then.
    pub closed_now: usize,
    /// Stores whose latest poll is older than the freshness limit.
    pub stale: usize,
    /// The limit they were judged by.
    pub stale_after: StaleLimit,
    /// For the hour, day, week and horizon: the stores whose first poll is
    /// after the period's start, so part of it is assumed for them.
    pub first_polled_within: [usize; 4],
    /// The earliest first poll of the report's stores.
    pub first_poll: Option<UtcInstant>,
}

impl FleetHeadline {
    /// The headline of a report, its history, the states at now (of
    /// [`crate::states_now`]) and the freshness (of [`crate::freshness`]),
    /// all in the report's order.
    pub fn of(
        analysis: &Analysis,
        report: &Report,
        history: &History,
        states: &[StateNow],
        freshness: &[Freshness],
        stale_after: StaleLimit,
    ) -> FleetHeadline {
        let periods: [Option<crate::schedule::Interval>; 4] = [
            Window::LastHour.before(report.now),
            Window::LastDay.before(report.now),
            Window::LastWeek.before(report.now),
            Some(history.interval),
        ];
        let mut windows = [PooledUptime::default(); 3];
        let mut horizon = PooledUptime::default();
        let mut first_polled_within = [0; 4];
        let mut first_poll: Option<UtcInstant> = None;
        for (row, store) in report.rows.iter().zip(&history.stores) {
            let first = analysis.poll_times(row.store).first().copied();
            first_poll = match (first_poll, first) {
                (Some(earliest), Some(first)) => Some(earliest.min(first)),
                (earliest, first) => earliest.or(first),
            };
            let assumed = |period: Option<crate::schedule::Interval>| {
                period.map_or(WindowFigures::default(), |period| {
                    assumed_figures(analysis, row.store, report.default_zone, period)
                })
            };
            for window in Window::ALL {
                windows[window.index()].add(row.window(window), assumed(periods[window.index()]));
            }
            let days = store.days.iter().fold(WindowFigures::default(), |sum, day| WindowFigures {
                uptime: sum.uptime + day.uptime,
                downtime: sum.downtime + day.downtime,
            });
            horizon.add(days, assumed(periods[3]));
            for (count, period) in first_polled_within.iter_mut().zip(&periods) {
                if let (Some(first), Some(period)) = (first, period) {
                    *count += usize::from(first > period.start);
                }
            }
        }
        let count = |test: fn(&StateNow) -> bool| states.iter().filter(|state| test(state)).count();
        FleetHeadline {
            windows,
            horizon,
            horizon_days: history.horizon.days(),
            stores: report.rows.len(),
            up_now: count(|state| *state == StateNow::Up),
            down_now: count(|state| matches!(state, StateNow::Down { .. })),
            closed_now: count(|state| *state == StateNow::Closed),
            stale: freshness.iter().filter(|fresh| fresh.is_stale(report.now, stale_after)).count(),
            stale_after,
            first_polled_within,
            first_poll,
        }
    }

    /// The figures of one window.
    pub fn window(&self, window: Window) -> PooledUptime {
        self.windows[window.index()]
    }
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;
    use crate::{Dataset, Horizon, OneThread, ReportSettings, compute_report_and_history_on, freshness, states_now};

    const MINUTE: i128 = 60_000_000_000;

    fn data() -> (Analysis, Report, History) {
        // Now is the latest poll, 2023-01-25 (a Wednesday) 12:00 UTC; every
        // store in UTC. a and b are open 24x7, c on Mondays 09:00-17:00.
        // a: polled from the week's start, down from 11:30 on (down now).
        // b: first poll 06:00 today, inactive; up from 07:00 (up now).
        // c: up whenever polled; closed now.
        let status = "store_id,status,timestamp_utc\n\
            a,active,2023-01-18 12:00:00\na,inactive,2023-01-25 11:30:00\n\
            b,inactive,2023-01-25 06:00:00\nb,active,2023-01-25 07:00:00\n\
            c,active,2023-01-18 12:00:00\nc,active,2023-01-25 12:00:00\n";
        let mut data = Dataset::new();
        data.read_bytes("status.csv", status.as_bytes()).expect("status");
        data.read_bytes("hours.csv", b"store_id,day,start_time_local,end_time_local\nc,0,09:00,17:00\n")
            .expect("hours");
        data.read_bytes("zones.csv", b"store_id,timezone_str\na,UTC\nb,UTC\nc,UTC\n").expect("zones");
        let analysis = Analysis::new(data);
        let two_days = Horizon::of_days(2).expect("2 days");
        let (report, history) = compute_report_and_history_on(
            &analysis,
            &ReportSettings::default(),
            two_days,
            &mut |_| ControlFlow::Continue(()),
            &OneThread,
        )
        .expect("a report");
        (analysis, report, history)
    }

    fn headline() -> FleetHeadline {
        let (analysis, report, history) = data();
        let states = states_now(&analysis, &history);
        let fresh = freshness(&analysis, &report);
        let hour = StaleLimit::of_minutes(60).expect("an hour");
        FleetHeadline::of(&analysis, &report, &history, &states, &fresh, hour)
    }

    fn minutes(pooled: PooledUptime) -> (i128, i128, i128) {
        (pooled.uptime_nanos / MINUTE, pooled.downtime_nanos / MINUTE, pooled.assumed_nanos / MINUTE)
    }

    #[test]
    fn pools_observed_business_time_of_every_store() {
        let headline = headline();
        // Hour: a up 30, down 30; b up 60; c closed. 90 of 120 up: 75 %.
        assert_eq!(minutes(headline.window(Window::LastHour)), (90, 30, 0));
        assert_eq!(headline.window(Window::LastHour).uptime_percent().map(Percent::thousandths), Some(75_000));
        // Day: a up 1410, down 30; b observed from 06:00: down 60, up 300,
        // and 18 h before its first poll assumed (1,080 min); c closed.
        // 1,710 of 1,800: 95 %.
        assert_eq!(minutes(headline.window(Window::LastDay)), (1710, 90, 1080));
        assert_eq!(headline.window(Window::LastDay).uptime_percent().map(Percent::thousandths), Some(95_000));
        // Week: a up 10,050, down 30; b as in the day, the rest of the week
        // assumed (10,080 - 360 = 9,720); c up Monday 09:00-17:00, 480.
        // 10,830 of 10,920 = 99.17582...: 99.176 %.
        assert_eq!(minutes(headline.window(Window::LastWeek)), (10_830, 90, 9_720));
        assert_eq!(headline.window(Window::LastWeek).uptime_percent().map(Percent::thousandths), Some(99_176));
        // Horizon, from Monday 12:00: a up 2,850, down 30; b up 300, down
        // 60, assumed 2,880 - 360 = 2,520; c up Monday 12:00-17:00, 300.
        // 3,450 of 3,540 = 97.4576...: 97.458 %.
        assert_eq!(minutes(headline.horizon), (3_450, 90, 2_520));
        assert_eq!(headline.horizon.uptime_percent().map(Percent::thousandths), Some(97_458));
        assert_eq!(headline.horizon_days, 2);
    }

    #[test]
    fn the_horizon_agrees_with_the_fleet_days() {
        // Two ways to the same sums: the report's days less the business
        // time before each first poll (this module), and the days' own
        // split at the first poll (history's fleet days).
        let (analysis, report, history) = data();
        let headline =
            FleetHeadline::of(&analysis, &report, &history, &[], &[], StaleLimit::of_minutes(60).expect("1 h"));
        let days = crate::fleet_days(&history);
        let sum = |part: fn(&PooledUptime) -> i128| days.iter().map(|day| part(&day.pooled)).sum::<i128>();
        assert_eq!(sum(|p| p.uptime_nanos), headline.horizon.uptime_nanos);
        assert_eq!(sum(|p| p.downtime_nanos), headline.horizon.downtime_nanos);
        assert_eq!(sum(|p| p.assumed_nanos), headline.horizon.assumed_nanos);
    }

    #[test]
    fn counts_stores_by_their_state_now_and_freshness() {
        let headline = headline();
        assert_eq!(headline.stores, 3);
        assert_eq!((headline.up_now, headline.down_now, headline.closed_now), (1, 1, 1));
        // b's latest poll, 07:00, is 5 hours before now; a's 30 minutes.
        assert_eq!(headline.stale, 1);
        assert_eq!(headline.stale_after.minutes(), 60);
    }

    #[test]
    fn says_which_periods_start_before_a_first_poll() {
        let headline = headline();
        // b's first poll (06:00 today) is after the day's, the week's and
        // the horizon's start, not the hour's; a's and c's are at the
        // week's start exactly: observed from there.
        assert_eq!(headline.first_polled_within, [0, 1, 1, 1]);
        assert_eq!(headline.first_poll.map(|at| at.to_string()), Some("2023-01-18 12:00:00 UTC".to_string()));
    }

    #[test]
    fn no_business_time_has_no_percent() {
        assert_eq!(PooledUptime::default().uptime_percent(), None);
        let assumed_only = PooledUptime { assumed_nanos: MINUTE, ..PooledUptime::default() };
        assert_eq!(assumed_only.uptime_percent(), None);
    }
}
