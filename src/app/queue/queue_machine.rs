//! The report queue as a plain state machine, with no browser types: the
//! jobs and their states, the events that move them, and what it asks of
//! the data worker through [`DataWorkerCommands`]. The page's [`super::report_queue`]
//! drives it; the tests below drive it with a fake worker.
//!
//! One job runs at a time, in the order asked. The worker keeps the files'
//! parsed data between reports, so a cancel does not end it: the cancelled
//! job is shown as such at once, the worker finishes it unseen, and the
//! next job starts when it has. Only a worker that crashed is replaced.

use crate::protocol::{ReportSettingsMessage, Stage};

/// One request for a report, from the click on Generate to its end.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportJob {
    pub id: u32,
    /// `performance.now()` of the click on Generate.
    pub requested_at: f64,
    /// When the worker was given the job.
    pub started_at: Option<f64>,
    pub file_names: Vec<String>,
    /// The page's keys of those files (each file given has its own), so
    /// that the same files are known whatever their names.
    pub file_keys: Vec<u64>,
    /// The settings when Generate was pressed: later changes do not reach it.
    pub settings: ReportSettingsMessage,
    pub state: JobState,
    /// Put back from the browser's storage, from an earlier visit.
    pub restored: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JobState {
    Queued,
    /// `stage` is `None` while a fresh worker starts.
    Running {
        stage: Option<Stage>,
        fraction: f64,
    },
    Complete {
        /// From the click on Generate to the result on the page.
        total_ms: f64,
        /// From the worker taking the job to the result on the page.
        run_ms: f64,
    },
    Failed {
        reason: String,
    },
    Cancelled,
}

impl JobState {
    pub fn is_finished(&self) -> bool {
        matches!(self, JobState::Complete { .. } | JobState::Failed { .. } | JobState::Cancelled)
    }

    pub fn is_running(&self) -> bool {
        matches!(self, JobState::Running { .. })
    }
}

/// What the machine asks of the data worker.
pub trait DataWorkerCommands {
    /// Gives the worker a job; the caller finds its files by the job's id.
    fn start(&mut self, job: &ReportJob);
    /// Ends the worker, even in the middle of a job, and starts a fresh
    /// one, which says when it is ready ([`QueueMachine::worker_ready`]).
    fn restart(&mut self);
}

/// What a cancel did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cancelled {
    /// The job was waiting: it will not run.
    Queued,
    /// The job was running: the worker finishes it unseen, then takes the next.
    Running,
    /// The job had already ended, or there is no such job.
    Nothing,
}

/// The jobs, in the order asked, and whether the worker can take one.
#[derive(Clone, Debug)]
pub struct QueueMachine {
    jobs: Vec<ReportJob>,
    next_id: u32,
    worker_ready: bool,
    /// A cancelled job the worker is still running: no job starts until it ends.
    finishing: Option<u32>,
}

impl Default for QueueMachine {
    fn default() -> Self {
        QueueMachine::new()
    }
}

impl QueueMachine {
    pub fn new() -> QueueMachine {
        QueueMachine { jobs: Vec::new(), next_id: 1, worker_ready: false, finishing: None }
    }

    pub fn jobs(&self) -> &[ReportJob] {
        &self.jobs
    }

    pub fn job(&self, id: u32) -> Option<&ReportJob> {
        self.jobs.iter().find(|job| job.id == id)
    }

    /// The job the worker has, if any.
    pub fn running(&self) -> Option<u32> {
        self.jobs.iter().find(|job| job.state.is_running()).map(|job| job.id)
    }

    /// The id the next job will get.
    pub fn next_id(&self) -> u32 {
        self.next_id
    }

    /// Queues a report of these files with these settings; it starts at
    /// once if the worker is ready and idle. Returns its id.
    pub fn generate(
        &mut self,
        file_keys: Vec<u64>,
        file_names: Vec<String>,
        settings: ReportSettingsMessage,
        now: f64,
        worker: &mut impl DataWorkerCommands,
    ) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        self.jobs.push(ReportJob {
            id,
            requested_at: now,
            started_at: None,
            file_names,
            file_keys,
            settings,
            state: JobState::Queued,
            restored: false,
        });
        self.run_next(now, worker);
        id
    }

    /// A queued or running job of the same files, in the same order, with
    /// the same settings: Generate would only repeat it.
    pub fn unfinished_like(&self, file_keys: &[u64], settings: &ReportSettingsMessage) -> Option<&ReportJob> {
        self.jobs.iter().find(|job| !job.state.is_finished() && job.file_keys == file_keys && job.settings == *settings)
    }

    /// The worker (a fresh one, or the first) can take a job.
    pub fn worker_ready(&mut self, now: f64, worker: &mut impl DataWorkerCommands) {
        self.worker_ready = true;
        self.run_next(now, worker);
    }

    pub fn progress(&mut self, id: u32, stage: Stage, fraction: f64) {
        if let Some(state) = self.running_state(id) {
            *state = JobState::Running { stage: Some(stage), fraction };
        }
    }

    /// The job's result is on the page. False if it no longer runs (it was
    /// cancelled meanwhile); either way the next job starts.
    pub fn complete(&mut self, id: u32, now: f64, worker: &mut impl DataWorkerCommands) -> bool {
        self.ended(id);
        let completed = match self.jobs.iter_mut().find(|job| job.id == id && job.state.is_running()) {
            Some(job) => {
                job.state = JobState::Complete {
                    total_ms: now - job.requested_at,
                    run_ms: now - job.started_at.unwrap_or(job.requested_at),
                };
                true
            }
            None => false,
        };
        self.run_next(now, worker);
        completed
    }

    /// The worker gave up on the job (bad files, a result that could not be
    /// read); the next job starts. False if it no longer ran.
    pub fn failed(&mut self, id: u32, reason: String, now: f64, worker: &mut impl DataWorkerCommands) -> bool {
        self.ended(id);
        let failed = match self.running_state(id) {
            Some(state) => {
                *state = JobState::Failed { reason };
                true
            }
            None => false,
        };
        self.run_next(now, worker);
        failed
    }

    /// The worker stopped (a panic, or memory exhausted): its job fails with
    /// the reason, and a fresh worker is asked for, which takes the queue
    /// once ready. Returns the job that failed.
    pub fn worker_crashed(&mut self, problem: &str, worker: &mut impl DataWorkerCommands) -> Option<u32> {
        let running = self.running();
        if let Some(state) = running.and_then(|id| self.running_state(id)) {
            *state = JobState::Failed {
                reason: format!(
                    "the calculation stopped: {problem} (if the files are very large, the browser may have run out of memory)"
                ),
            };
        }
        self.worker_ready = false;
        self.finishing = None;
        worker.restart();
        running
    }

    /// Cancels a job. A running one is finished by the worker unseen (ending
    /// the worker would lose the files it holds); the next job starts when
    /// it ends.
    pub fn cancel(&mut self, id: u32, now: f64, worker: &mut impl DataWorkerCommands) -> Cancelled {
        let Some(job) = self.jobs.iter_mut().find(|job| job.id == id) else { return Cancelled::Nothing };
        let cancelled = match job.state {
            JobState::Queued => Cancelled::Queued,
            JobState::Running { .. } => Cancelled::Running,
            _ => return Cancelled::Nothing,
        };
        job.state = JobState::Cancelled;
        if cancelled == Cancelled::Running {
            self.finishing = Some(id);
        }
        self.run_next(now, worker);
        cancelled
    }

    /// Forgets a finished job. False if it has not finished.
    pub fn remove(&mut self, id: u32) -> bool {
        let before = self.jobs.len();
        self.jobs.retain(|job| job.id != id || !job.state.is_finished());
        self.jobs.len() != before
    }

    /// Puts finished jobs of an earlier visit before the current ones; new
    /// jobs get ids after theirs.
    pub fn put_back(&mut self, mut restored: Vec<ReportJob>) {
        if let Some(max) = restored.iter().map(|job| job.id).max() {
            self.next_id = self.next_id.max(max + 1);
        }
        restored.append(&mut self.jobs);
        self.jobs = restored;
    }

    /// The worker ended job `id`, which may be the cancelled one it was finishing.
    fn ended(&mut self, id: u32) {
        if self.finishing == Some(id) {
            self.finishing = None;
        }
    }

    fn running_state(&mut self, id: u32) -> Option<&mut JobState> {
        self.jobs.iter_mut().find(|job| job.id == id && job.state.is_running()).map(|job| &mut job.state)
    }

    /// Gives the worker the oldest queued job, if it is ready and idle.
    fn run_next(&mut self, now: f64, worker: &mut impl DataWorkerCommands) {
        if !self.worker_ready || self.running().is_some() || self.finishing.is_some() {
            return;
        }
        if let Some(job) = self.jobs.iter_mut().find(|job| job.state == JobState::Queued) {
            job.state = JobState::Running { stage: None, fraction: 0.0 };
            job.started_at = Some(now);
            worker.start(job);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the machine asked of the worker, in order.
    #[derive(Debug, PartialEq)]
    enum Asked {
        Start { id: u32, settings: ReportSettingsMessage },
        Restart,
    }

    #[derive(Default)]
    struct FakeWorker {
        asked: Vec<Asked>,
    }

    impl DataWorkerCommands for FakeWorker {
        fn start(&mut self, job: &ReportJob) {
            self.asked.push(Asked::Start { id: job.id, settings: job.settings.clone() });
        }
        fn restart(&mut self) {
            self.asked.push(Asked::Restart);
        }
    }

    impl FakeWorker {
        fn take(&mut self) -> Vec<Asked> {
            std::mem::take(&mut self.asked)
        }
    }

    fn settings(zone: &str) -> ReportSettingsMessage {
        ReportSettingsMessage {
            now: None,
            default_zone: zone.to_string(),
            units: Default::default(),
            horizon_days: 7,
            stale_after_minutes: 120,
            target: None,
        }
    }

    fn start(id: u32) -> Asked {
        Asked::Start { id, settings: settings("America/Chicago") }
    }

    /// A machine whose worker is ready, and the fake worker.
    fn ready() -> (QueueMachine, FakeWorker) {
        let mut machine = QueueMachine::new();
        let mut worker = FakeWorker::default();
        machine.worker_ready(0.0, &mut worker);
        (machine, worker)
    }

    fn generate(machine: &mut QueueMachine, worker: &mut FakeWorker, now: f64) -> u32 {
        machine.generate(vec![1], vec!["status.csv".to_string()], settings("America/Chicago"), now, worker)
    }

    fn state(machine: &QueueMachine, id: u32) -> &JobState {
        &machine.job(id).expect("the job").state
    }

    #[test]
    fn a_job_waits_for_the_worker_then_runs_and_completes() {
        let mut machine = QueueMachine::new();
        let mut worker = FakeWorker::default();
        let id = generate(&mut machine, &mut worker, 10.0);
        assert_eq!(id, 1);
        assert_eq!(state(&machine, id), &JobState::Queued);
        assert!(worker.take().is_empty(), "nothing is sent before the worker is ready");

        machine.worker_ready(15.0, &mut worker);
        assert_eq!(worker.take(), vec![start(id)]);
        assert_eq!(state(&machine, id), &JobState::Running { stage: None, fraction: 0.0 });

        machine.progress(id, Stage::Reading, 0.5);
        assert_eq!(state(&machine, id), &JobState::Running { stage: Some(Stage::Reading), fraction: 0.5 });

        assert!(machine.complete(id, 40.0, &mut worker));
        assert_eq!(state(&machine, id), &JobState::Complete { total_ms: 30.0, run_ms: 25.0 });
        assert!(worker.take().is_empty());
        assert_eq!(machine.running(), None);
    }

    #[test]
    fn a_job_that_fails_lets_the_next_one_start() {
        let (mut machine, mut worker) = ready();
        let first = generate(&mut machine, &mut worker, 0.0);
        let second = generate(&mut machine, &mut worker, 1.0);
        assert_eq!(worker.take(), vec![start(first)]);
        assert_eq!(state(&machine, second), &JobState::Queued);

        assert!(machine.failed(first, "no status file".to_string(), 2.0, &mut worker));
        assert_eq!(state(&machine, first), &JobState::Failed { reason: "no status file".to_string() });
        assert_eq!(worker.take(), vec![start(second)], "no fresh worker is needed after a failure");
        assert!(state(&machine, second).is_running());
    }

    #[test]
    fn two_reports_in_a_row_run_one_after_the_other() {
        let (mut machine, mut worker) = ready();
        let first = generate(&mut machine, &mut worker, 0.0);
        let second = generate(&mut machine, &mut worker, 0.0);
        assert_ne!(first, second);
        assert_eq!(worker.take(), vec![start(first)], "one job at a time");

        // Progress of a job that is not running is ignored.
        machine.progress(second, Stage::Calculating, 0.9);
        assert_eq!(state(&machine, second), &JobState::Queued);

        assert!(machine.complete(first, 5.0, &mut worker));
        assert_eq!(worker.take(), vec![start(second)]);
        assert!(machine.complete(second, 9.0, &mut worker));
        assert!(worker.take().is_empty());
        assert!(machine.jobs().iter().all(|job| matches!(job.state, JobState::Complete { .. })));
    }

    #[test]
    fn a_worker_that_crashes_mid_run_fails_its_job_and_a_fresh_one_takes_the_queue() {
        let (mut machine, mut worker) = ready();
        let first = generate(&mut machine, &mut worker, 0.0);
        let second = generate(&mut machine, &mut worker, 0.0);
        machine.progress(first, Stage::Calculating, 0.3);
        worker.take();

        assert_eq!(machine.worker_crashed("out of memory", &mut worker), Some(first));
        let JobState::Failed { reason } = state(&machine, first) else { panic!("the job should fail") };
        assert!(reason.starts_with("the calculation stopped: out of memory"), "{reason}");
        assert_eq!(worker.take(), vec![Asked::Restart]);
        assert_eq!(state(&machine, second), &JobState::Queued, "the crashed worker is not given the next job");

        machine.worker_ready(3.0, &mut worker);
        assert_eq!(worker.take(), vec![start(second)]);
    }

    #[test]
    fn a_worker_that_crashes_while_idle_is_restarted() {
        let (mut machine, mut worker) = ready();
        assert_eq!(machine.worker_crashed("a panic", &mut worker), None);
        assert_eq!(worker.take(), vec![Asked::Restart]);
        let id = generate(&mut machine, &mut worker, 0.0);
        assert!(worker.take().is_empty(), "the fresh worker is not ready yet");
        machine.worker_ready(1.0, &mut worker);
        assert_eq!(worker.take(), vec![start(id)]);
    }

    #[test]
    fn cancelling_a_running_job_keeps_the_worker_and_the_next_job_starts_when_it_has_finished() {
        let (mut machine, mut worker) = ready();
        let first = generate(&mut machine, &mut worker, 0.0);
        let second = generate(&mut machine, &mut worker, 0.0);
        machine.progress(first, Stage::Calculating, 0.1);
        worker.take();

        assert_eq!(machine.cancel(first, 1.0, &mut worker), Cancelled::Running);
        assert_eq!(state(&machine, first), &JobState::Cancelled);
        assert!(worker.take().is_empty(), "the worker, which holds the files, is not ended");
        assert_eq!(state(&machine, second), &JobState::Queued, "the worker is still busy with the first");
        // Progress of the cancelled job changes nothing.
        machine.progress(first, Stage::Calculating, 0.9);
        assert_eq!(state(&machine, first), &JobState::Cancelled);

        // Its result arrives, unseen: the next job starts.
        assert!(!machine.complete(first, 2.0, &mut worker));
        assert_eq!(state(&machine, first), &JobState::Cancelled);
        assert_eq!(worker.take(), vec![start(second)]);
        assert!(!machine.failed(first, "late".to_string(), 3.0, &mut worker), "a second end changes nothing");
        assert!(state(&machine, second).is_running());
        assert!(worker.take().is_empty());
    }

    #[test]
    fn cancelling_while_reading_and_then_a_crash_still_lets_the_queue_go_on() {
        let (mut machine, mut worker) = ready();
        let first = generate(&mut machine, &mut worker, 0.0);
        let second = generate(&mut machine, &mut worker, 0.0);
        machine.progress(first, Stage::Reading, 0.1);
        machine.cancel(first, 1.0, &mut worker);
        worker.take();
        // The worker dies while finishing the cancelled job: no end will come.
        assert_eq!(machine.worker_crashed("out of memory", &mut worker), None);
        assert_eq!(state(&machine, first), &JobState::Cancelled, "a cancelled job does not turn into a failure");
        assert_eq!(worker.take(), vec![Asked::Restart]);
        machine.worker_ready(2.0, &mut worker);
        assert_eq!(worker.take(), vec![start(second)]);
    }

    #[test]
    fn cancelling_a_queued_job_keeps_the_worker() {
        let (mut machine, mut worker) = ready();
        let first = generate(&mut machine, &mut worker, 0.0);
        let second = generate(&mut machine, &mut worker, 0.0);
        let third = generate(&mut machine, &mut worker, 0.0);
        worker.take();

        assert_eq!(machine.cancel(second, 1.0, &mut worker), Cancelled::Queued);
        assert_eq!(state(&machine, second), &JobState::Cancelled);
        assert!(worker.take().is_empty(), "the running job goes on");
        assert!(state(&machine, first).is_running());

        assert!(machine.complete(first, 2.0, &mut worker));
        assert_eq!(worker.take(), vec![start(third)], "the cancelled job is skipped");
    }

    #[test]
    fn cancelling_a_finished_job_does_nothing() {
        let (mut machine, mut worker) = ready();
        let id = generate(&mut machine, &mut worker, 0.0);
        machine.complete(id, 1.0, &mut worker);
        worker.take();
        assert_eq!(machine.cancel(id, 2.0, &mut worker), Cancelled::Nothing);
        assert_eq!(machine.cancel(99, 2.0, &mut worker), Cancelled::Nothing);
        assert!(matches!(state(&machine, id), JobState::Complete { .. }));
        assert!(worker.take().is_empty());
    }

    #[test]
    fn a_result_that_arrives_after_a_cancel_is_dropped() {
        let (mut machine, mut worker) = ready();
        let id = generate(&mut machine, &mut worker, 0.0);
        machine.cancel(id, 1.0, &mut worker);
        assert!(!machine.complete(id, 2.0, &mut worker));
        assert_eq!(state(&machine, id), &JobState::Cancelled);
        assert_eq!(machine.running(), None);
    }

    #[test]
    fn a_settings_change_during_a_run_reaches_only_later_jobs() {
        let (mut machine, mut worker) = ready();
        let first = generate(&mut machine, &mut worker, 0.0);
        let second =
            machine.generate(vec![1], vec!["status.csv".to_string()], settings("Asia/Tokyo"), 1.0, &mut worker);
        assert_eq!(worker.take(), vec![start(first)], "the running job is neither restarted nor changed");
        assert_eq!(machine.job(first).expect("first").settings, settings("America/Chicago"));

        machine.complete(first, 2.0, &mut worker);
        assert_eq!(worker.take(), vec![Asked::Start { id: second, settings: settings("Asia/Tokyo") }]);
    }

    #[test]
    fn the_next_job_starts_after_each_way_a_job_ends() {
        let (mut machine, mut worker) = ready();
        let ids: Vec<u32> = (0..5).map(|_| generate(&mut machine, &mut worker, 0.0)).collect();
        assert_eq!(worker.take(), vec![start(ids[0])]);
        machine.complete(ids[0], 1.0, &mut worker);
        assert_eq!(worker.take(), vec![start(ids[1])]);
        machine.failed(ids[1], "bad".to_string(), 2.0, &mut worker);
        assert_eq!(worker.take(), vec![start(ids[2])]);
        machine.cancel(ids[2], 3.0, &mut worker);
        assert!(worker.take().is_empty());
        machine.complete(ids[2], 4.0, &mut worker);
        assert_eq!(worker.take(), vec![start(ids[3])]);
        machine.worker_crashed("a panic", &mut worker);
        assert_eq!(worker.take(), vec![Asked::Restart]);
        machine.worker_ready(5.0, &mut worker);
        assert_eq!(worker.take(), vec![start(ids[4])]);
        machine.complete(ids[4], 6.0, &mut worker);
        assert!(worker.take().is_empty());
        assert_eq!(machine.running(), None);
    }

    #[test]
    fn only_finished_jobs_are_removed() {
        let (mut machine, mut worker) = ready();
        let first = generate(&mut machine, &mut worker, 0.0);
        let second = generate(&mut machine, &mut worker, 0.0);
        assert!(!machine.remove(first), "a running job stays");
        machine.cancel(second, 1.0, &mut worker);
        assert!(machine.remove(second));
        assert!(machine.job(second).is_none());
        assert!(machine.job(first).is_some());
    }

    #[test]
    fn jobs_put_back_from_an_earlier_visit_come_first_and_new_ids_follow_theirs() {
        let (mut machine, mut worker) = ready();
        let current = generate(&mut machine, &mut worker, 0.0);
        let kept = ReportJob {
            id: 7,
            requested_at: 0.0,
            started_at: None,
            file_names: Vec::new(),
            file_keys: Vec::new(),
            settings: settings("UTC"),
            state: JobState::Complete { total_ms: 1.0, run_ms: 1.0 },
            restored: true,
        };
        machine.put_back(vec![kept]);
        assert_eq!(machine.jobs().iter().map(|job| job.id).collect::<Vec<_>>(), vec![7, current]);
        assert_eq!(generate(&mut machine, &mut worker, 1.0), 8);
    }

    #[test]
    fn the_same_files_and_settings_as_an_unfinished_job_are_found_and_a_finished_one_is_not() {
        let (mut machine, mut worker) = ready();
        let running = generate(&mut machine, &mut worker, 0.0);
        let queued =
            machine.generate(vec![1, 2], vec!["a.csv".into(), "b.csv".into()], settings("UTC"), 1.0, &mut worker);
        let id_of = |machine: &QueueMachine, keys: &[u64], zone: &str| {
            machine.unfinished_like(keys, &settings(zone)).map(|job| job.id)
        };
        assert_eq!(id_of(&machine, &[1], "America/Chicago"), Some(running));
        assert_eq!(id_of(&machine, &[1, 2], "UTC"), Some(queued));
        // Another setting, other files, or the same files in another order.
        assert_eq!(id_of(&machine, &[1], "UTC"), None);
        assert_eq!(id_of(&machine, &[1, 3], "UTC"), None);
        assert_eq!(id_of(&machine, &[2, 1], "UTC"), None);
        // Once finished, the same report may be asked for again.
        machine.cancel(queued, 2.0, &mut worker);
        assert_eq!(id_of(&machine, &[1, 2], "UTC"), None);
    }
}
