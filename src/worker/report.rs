//! One report: read the attached files into the engine, compute, and send
//! the page the figures, the CSV and the rejected rows.

use std::ops::ControlFlow;

use wasm_bindgen::JsValue;
use web_sys::File;

use super::outage_list::{self, OutageList};
use super::slices;
use super::{dataset, envelope, memory, now_ms, timeline};
use crate::protocol::report_files::{LaterFiles, ReportFiles};
use crate::protocol::{
    DayCell, DimensionMessage, FileUse, FleetFreshness, LatestPollAt, OVERVIEW_MENTIONS, OutageQuery, OutageSummary,
    Overview, REJECTIONS_ON_SCREEN, RejectedRow, Reply, ReportOutcome, ReportSettingsMessage, RollupRowMessage,
    ScorecardMessage, Stage, StoreDays, StoreFreshness, StoreMention, StoreRow, StoreScoreMessage, WorkerTiming,
    encode_rows,
};
use engine::IdOrder;
use engine::rejections_csv;
use engine::{
    Analysis, FileKind, FleetOverview, Freshness, Horizon, Notice, OneThread, Report, ReportSettings, Rollup,
    Scorecard, StaleLimit, StoreZone, Units, Window, compute_report_and_history_on, compute_scorecard, extended_csv,
    parse_timestamp, report_csv, rollup, rollup_csv, scorecard_csv,
};
use engine::{days_csv, outages_csv};

pub fn run(report_id: u32, settings: &ReportSettingsMessage, files: &[(u64, File)]) {
    let mut progress = Progress::new(report_id);
    if let Err(reason) = make_report(report_id, settings, files, &mut progress) {
        envelope::post(&Reply::Failed { report_id, reason }, &[]);
    }
}

/// Posts the complete report: its outcome, its rows encoded, its CSV and
/// its rejected rows; or why the browser could not hold them.
fn post_complete(report_id: u32, outcome: ReportOutcome, first: &FirstCsvs) -> Result<(), String> {
    let (ids, figures, days) = encode_rows(&outcome.rows);
    let figure_bytes: Vec<u8> = figures.iter().flat_map(|figure| figure.to_le_bytes()).collect();
    let day_bytes: Vec<u8> = days.iter().flat_map(|number| number.to_le_bytes()).collect();
    let files = report_files(first, &ids, &figure_bytes, &day_bytes)
        .map_err(|error| format!("the browser could not hold the result ({})", slices::describe(&error)))?;
    envelope::post(&Reply::Complete { report_id, outcome: Box::new(outcome) }, &files.to_vec());
    Ok(())
}

/// The files a complete report attaches, made here so that the page's
/// thread does not spend time handing large ones to the browser.
fn report_files(first: &FirstCsvs, ids: &str, figures: &[u8], days: &[u8]) -> Result<ReportFiles, JsValue> {
    let bytes = |bytes: &[u8]| envelope::blob(bytes, "application/octet-stream");
    Ok(ReportFiles {
        csv: csv_blob(&first.report)?,
        rejected: csv_blob(&first.rejected)?,
        ids: envelope::buffer(ids.as_bytes()),
        figures: envelope::buffer(figures),
        days: envelope::buffer(days),
        ids_blob: envelope::blob(ids.as_bytes(), "text/plain;charset=utf-8")?,
        figures_blob: bytes(figures)?,
        days_blob: bytes(days)?,
    })
}

fn csv_blob(text: &str) -> Result<web_sys::Blob, JsValue> {
    envelope::blob(text.as_bytes(), "text/csv;charset=utf-8")
}

/// The CSVs sent with the complete report, as the command writes them:
/// the report (the page's main download, a few milliseconds to write) and
/// its rejected rows (which the page lists).
struct FirstCsvs {
    report: String,
    rejected: String,
}

/// What the report's other CSVs are written from, once the report is
/// complete: the outages and days, `store-uptime --format extended` (with
/// the report's freshness limit), `--scorecard` and `--rollup` (with the
/// report's target). Together they take longer to write than the report's
/// figures take to compute, and few reports are downloaded in these forms.
struct LaterCsvs {
    report: Report,
    history: engine::History,
    fresh: Vec<Freshness>,
    states: Vec<engine::StateNow>,
    card: Scorecard,
    pooled: Rollup,
    units: Units,
    stale_after: StaleLimit,
}

impl LaterCsvs {
    /// Writes the CSVs and posts them as [`Reply::Downloads`].
    fn post(&self, report_id: u32) {
        let blobs = || -> Result<LaterFiles, JsValue> {
            Ok(LaterFiles {
                outages: csv_blob(&outages_csv(&self.history))?,
                daily: csv_blob(&days_csv(&self.history))?,
                extended: csv_blob(&extended_csv(
                    &self.report,
                    &self.fresh,
                    &self.states,
                    self.units,
                    self.stale_after,
                ))?,
                scorecard: csv_blob(&scorecard_csv(&self.card))?,
                rollup: csv_blob(&rollup_csv(&self.card, &self.pooled))?,
            })
        };
        match blobs() {
            Ok(files) => envelope::post(&Reply::Downloads { report_id, problem: None }, &files.to_vec()),
            Err(error) => {
                let problem = format!("the browser could not hold the CSV files ({})", slices::describe(&error));
                envelope::post(&Reply::Downloads { report_id, problem: Some(problem) }, &[]);
            }
        }
    }
}

fn make_report(
    report_id: u32,
    settings: &ReportSettingsMessage,
    files: &[(u64, File)],
    progress: &mut Progress,
) -> Result<(), String> {
    let report_settings = read_settings(settings)?;
    let horizon = Horizon::of_days(settings.horizon_days).ok_or_else(|| {
        format!("the horizon of {} days is not from 1 to {}", settings.horizon_days, Horizon::MAX_DAYS)
    })?;
    let units = settings.units;
    let stale_after = StaleLimit::of_minutes(settings.stale_after_minutes).ok_or_else(|| {
        format!("the freshness limit of {} minutes is not from 1 minute to 366 days", settings.stale_after_minutes)
    })?;
    let started = now_ms();

    // Files given to the page were parsed then; only files that are not
    // held (another set than the last report's, or a worker started
    // afresh) are read again here.
    let reading = !dataset::holds(&files.iter().map(|(key, _)| *key).collect::<Vec<_>>());
    if reading {
        progress.report(Stage::Reading, 0.0);
    }
    dataset::prepare(files, &mut |fraction| progress.report(Stage::Reading, fraction))?;
    let read = now_ms();
    progress.report(Stage::Calculating, 0.0);
    dataset::with_held(|analysis| {
        let limits = Limits { horizon, stale_after };
        let (outcome, first, later) =
            compute(report_id, settings, analysis, report_settings, limits, units, started, read, progress)?;
        post_complete(report_id, outcome, &first)?;
        // The page shows the report meanwhile, on its own thread.
        later.post(report_id);
        Ok(())
    })?
}

/// The share of the calculating stage's progress that the report takes;
/// the scorecard (a second pass over the stores) takes the rest.
const REPORT_SHARE: f64 = 0.75;

/// The report's horizon and freshness limit, read from its settings.
struct Limits {
    horizon: Horizon,
    stale_after: StaleLimit,
}

#[allow(clippy::too_many_arguments)]
fn compute(
    report_id: u32,
    settings: &ReportSettingsMessage,
    analysis: &Analysis,
    report_settings: ReportSettings,
    limits: Limits,
    units: Units,
    started: f64,
    read: f64,
    progress: &mut Progress,
) -> Result<(ReportOutcome, FirstCsvs, LaterCsvs), String> {
    if !analysis.files().iter().any(|file| file.kind == FileKind::StatusPolls) {
        return Err(format!(
            "no status polls file among the files (its columns: {})",
            FileKind::StatusPolls.expected_columns()
        ));
    }
    let Limits { horizon, stale_after } = limits;
    let (report, history) = compute_report_and_history_on(
        analysis,
        &report_settings,
        horizon,
        &mut |fraction| {
            progress.report(Stage::Calculating, REPORT_SHARE * fraction);
            ControlFlow::Continue(())
        },
        &OneThread,
    )
    .map_err(|error| error.to_string())?;
    // The horizon and the one before it, as `store-uptime --scorecard`
    // computes them: a second pass over each store's business time.
    let card = compute_scorecard(
        analysis,
        &report,
        horizon,
        settings.target,
        &mut |fraction| {
            progress.report(Stage::Calculating, REPORT_SHARE + (1.0 - REPORT_SHARE) * fraction);
            ControlFlow::Continue(())
        },
        &OneThread,
    )
    .map_err(|error| error.to_string())?;
    let pooled = rollup(&card);
    // The engine's freshness, as the command's extended report has it.
    let fresh = engine::freshness(analysis, &report);
    let states = engine::states_now(analysis, &history);
    let headline = engine::FleetHeadline::of(analysis, &report, &history, &states, &fresh, stale_after);
    let calculated = now_ms();

    let first = FirstCsvs { report: report_csv(&report, units), rejected: rejections_csv(analysis) };
    let outage_list = OutageList::of(report_id, &history);
    let store_freshness = judged(analysis, &report, &fresh, report_settings.default_zone, stale_after);
    let notices = engine::notices(analysis, report_settings.default_zone);
    let files: Vec<FileUse> = analysis
        .files()
        .iter()
        .map(|file| FileUse {
            name: file.name.clone(),
            kind: file.kind,
            bytes: file.bytes,
            rows: file.rows,
            used: file.used,
            rejected: file.rejected,
            matches_no_store: notices
                .iter()
                .any(|notice| matches!(notice, Notice::NoCommonStores { file: name, .. } if *name == file.name)),
        })
        .collect();
    let outcome = ReportOutcome {
        now: report.now.to_string(),
        now_unix_nanos: report.now.unix_nanos(),
        now_is_latest_poll: report.now_is_latest_poll,
        latest_poll: analysis.latest_poll().map(|at| at.to_string()),
        default_zone: report.default_zone.name().to_string(),
        units: settings.units,
        numeric_ids: report.id_order == IdOrder::Numeric,
        rows: report
            .rows
            .iter()
            .zip(&history.stores)
            .zip(&store_freshness)
            .map(|((row, store), freshness)| StoreRow {
                store_id: row.store_id.clone(),
                figures: [
                    row.windows[0].uptime.nanos(),
                    row.windows[0].downtime.nanos(),
                    row.windows[1].uptime.nanos(),
                    row.windows[1].downtime.nanos(),
                    row.windows[2].uptime.nanos(),
                    row.windows[2].downtime.nanos(),
                ],
                business: row.windows.map(|window| window.business_time().nanos()),
                // Observed outages only: one that begins before the first
                // poll is assumed (counted apart in the outage list's heading).
                outages: OutageSummary {
                    count: u32::try_from(store.observed_outages().count()).unwrap_or(u32::MAX),
                    longest_nanos: store.longest_observed_outage().map_or(0, |longest| longest.nanos()),
                    total_nanos: store.observed_outage_time().nanos(),
                },
                days: store_days(store),
                freshness: Some(*freshness),
                // The scores travel in the outcome's scorecard.
                score: None,
                state_now: None,
            })
            .collect(),
        store_count: report.rows.len(),
        notices: notices.iter().map(sentence).collect(),
        overview: overview(&FleetOverview::of(&report, analysis)),
        horizon_days: horizon.days(),
        fleet_days: super::history::fleet_days(&history),
        longest_outages: outage_list.page(&OutageQuery::default()).1,
        outage_total: outage_list.total(),
        freshness: Some(fleet_freshness(analysis, &report, &store_freshness, stale_after)),
        rejections: analysis
            .rejections()
            .iter()
            .take(REJECTIONS_ON_SCREEN)
            .map(|rejection| RejectedRow {
                file: analysis.files()[rejection.file.get()].name.clone(),
                line: rejection.line,
                reason: rejection.reason.to_string(),
            })
            .collect(),
        rejected_total: files.iter().map(|file| file.rejected).sum(),
        rejected_listed: Some(analysis.rejections().len() as u64),
        files,
        timing: WorkerTiming {
            reading_ms: read - started,
            calculating_ms: calculated - read,
            writing_ms: now_ms() - calculated,
            memory_bytes: memory::in_use(),
        },
        scorecard: Some(scorecard_message(&card, &pooled)),
        headline: Some(super::answers::headline_message(&headline, period_starts(report.now, &history))),
        states_now: Some(super::answers::states_message(&states)),
        outage_counts: Some(outage_list.counts()),
    };
    timeline::keep(report_id, report.now, report_settings.default_zone, horizon);
    outage_list::keep(outage_list);
    let later = LaterCsvs { report, history, fresh, states, card, pooled, units, stale_after };
    Ok((outcome, first, later))
}

/// Each row's freshness judged by the limit (the engine's
/// `Freshness::is_stale`, as in the extended report), with the UTC offset
/// of the store's clock at its latest poll.
fn judged(
    analysis: &Analysis,
    report: &Report,
    fresh: &[Freshness],
    default_zone: StoreZone,
    stale_after: StaleLimit,
) -> Vec<StoreFreshness> {
    report
        .rows
        .iter()
        .zip(fresh)
        .map(|(row, fresh)| StoreFreshness {
            latest_poll: fresh.latest_poll.map(|latest| LatestPollAt {
                unix_nanos: latest.unix_nanos(),
                utc_offset_seconds: analysis.zone(row.store, default_zone).offset_seconds(latest),
            }),
            polls: fresh.polls,
            stale: fresh.is_stale(report.now, stale_after),
            hours_source: fresh.hours_source,
            zone_source: fresh.zone_source,
        })
        .collect()
}

/// The fleet's counts: stale stores, stores with a single poll, stores
/// with none in the last day.
fn fleet_freshness(
    analysis: &Analysis,
    report: &Report,
    stores: &[StoreFreshness],
    stale_after: StaleLimit,
) -> FleetFreshness {
    let count = |test: &dyn Fn(usize) -> bool| (0..stores.len()).filter(|&i| test(i)).count() as u64;
    FleetFreshness {
        stale_after_minutes: stale_after.minutes(),
        stale: count(&|i| stores[i].stale),
        single_poll: count(&|i| analysis.poll_times(report.rows[i].store).len() == 1),
        no_poll_last_day: count(&|i| stores[i].polls[Window::LastDay.index()] == 0),
    }
}

/// The starts of the hour, day, week and horizon before now.
fn period_starts(now: engine::UtcInstant, history: &engine::History) -> [Option<engine::UtcInstant>; 4] {
    let start = |window: Window| window.before(now).map(|interval| interval.start);
    [start(Window::LastHour), start(Window::LastDay), start(Window::LastWeek), Some(history.interval.start)]
}

/// A store's days for its strip, in minutes: the observed part of each
/// (from the store's first poll on), and whether part of it was before.
fn store_days(store: &engine::StoreHistory) -> StoreDays {
    let minutes = |span: engine::TimeSpan| (span.nanos() as f64 / 60e9) as f32;
    StoreDays {
        first_date: store.days.first().map_or(0, |day| super::history::days_since_1970(day.date)),
        cells: store
            .days
            .iter()
            .map(|day| DayCell {
                business_minutes: minutes(day.observed_business()),
                uptime_minutes: minutes(day.observed_uptime()),
                downtime_minutes: minutes(day.observed_downtime()),
                polls: day.polls,
                assumed: day.assumed.business_time() > engine::TimeSpan::ZERO,
            })
            .collect(),
    }
}

/// The engine's notice as a sentence: capitalised (unless it starts with a
/// file's name, which is the user's spelling), with a full stop.
fn sentence(notice: &Notice) -> String {
    let text = notice.to_string();
    let mut out = if matches!(notice, Notice::NoCommonStores { .. }) {
        text
    } else {
        let mut chars = text.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    };
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

/// The scorecard and roll-up as the page shows them; every judgement
/// (meets, budget, change) is the engine's.
fn scorecard_message(card: &Scorecard, pooled: &Rollup) -> ScorecardMessage {
    let percent = |percent: Option<engine::Percent>| percent.map(engine::Percent::as_f64);
    let minutes = |span: Option<engine::ExactSpan>| span.map(engine::ExactSpan::minutes_f64);
    let thousandths = |value: Option<i128>| value.map(|value| value as i64);
    let nanos_minutes = |nanos: i128| nanos as f64 / 60e9;
    ScorecardMessage {
        fleet_target: card.fleet_target,
        has_target: card.has_target(),
        dimensions: card
            .dimensions
            .iter()
            .map(|dimension| DimensionMessage { name: dimension.name.clone(), groups: dimension.groups.clone() })
            .collect(),
        stores: card
            .stores
            .iter()
            .map(|store| StoreScoreMessage {
                uptime_percent: percent(store.uptime_percent()),
                target: store.target,
                budget_left_minutes: minutes(store.budget_left()),
                meets_target: store.meets_target(),
                change_downtime_nanos: store.change_downtime().map(engine::TimeSpan::nanos),
                change_uptime_thousandths: thousandths(store.change_uptime_percent()),
                groups: store.groups.clone(),
            })
            .collect(),
        rollup: pooled
            .rows
            .iter()
            .map(|row| RollupRowMessage {
                dimension: row.dimension,
                group: row.group,
                stores: row.stores,
                business_minutes: nanos_minutes(row.business_nanos),
                downtime_minutes: nanos_minutes(row.downtime_nanos),
                uptime_percent: percent(row.uptime_percent),
                median_store_uptime_percent: row.median_store_uptime_thousandths.map(|t| t as f64 / 1000.0),
                stores_meeting_target: row.stores_meeting_target,
                stores_missing_target: row.stores_missing_target,
                budget_left_minutes: minutes(row.budget_left),
                previous_uptime_percent: percent(row.previous_uptime_percent),
                change_uptime_thousandths: thousandths(row.change_uptime_percent()),
            })
            .collect(),
        without_previous: card.stores_without_previous() as u64,
        without_row: Some(card.stores_without_row() as u64),
    }
}

fn overview(fleet: &FleetOverview) -> Overview {
    let mentions = |stores: &[engine::StoreMention]| {
        stores
            .iter()
            .take(OVERVIEW_MENTIONS)
            .map(|store| StoreMention {
                store_id: store.store_id.clone(),
                uptime_nanos: store.uptime.nanos(),
                downtime_nanos: store.downtime.nanos(),
            })
            .collect()
    };
    Overview {
        open_last_hour: fleet.open_last_hour,
        down_last_hour: fleet.down_last_hour.len(),
        most_down_last_hour: mentions(&fleet.down_last_hour),
        weekly_uptime_bins: fleet.weekly_uptime_bins.to_vec(),
        weekly_uptime_floors_permille: engine::UPTIME_BIN_FLOORS_PERMILLE.to_vec(),
        no_business_time: fleet.no_business_time,
        least_available: mentions(&fleet.least_available),
    }
}

fn read_settings(settings: &ReportSettingsMessage) -> Result<ReportSettings, String> {
    let now = match settings.now.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            parse_timestamp(text.as_bytes())
                .map_err(|error| format!("the report time {text:?} cannot be read: {error}"))?,
        ),
    };
    let default_zone = StoreZone::from_name(&settings.default_zone)
        .ok_or_else(|| format!("{:?} is not an IANA timezone name", settings.default_zone))?;
    Ok(ReportSettings { now, default_zone })
}

/// Sends progress to the page whenever it has moved by a percent, so that
/// the page gets at most a few hundred messages however large the files.
struct Progress {
    report_id: u32,
    last: Option<(Stage, f64)>,
}

impl Progress {
    fn new(report_id: u32) -> Self {
        Progress { report_id, last: None }
    }

    fn report(&mut self, stage: Stage, fraction: f64) {
        let due = match self.last {
            Some((last_stage, last_fraction)) => last_stage != stage || fraction - last_fraction >= 0.01,
            None => true,
        };
        if due {
            self.last = Some((stage, fraction));
            envelope::post(&Reply::Progress { report_id: self.report_id, stage, fraction }, &[]);
        }
    }
}
