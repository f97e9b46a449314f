//! `store-uptime`: the report from the command line, for batch use and for
//! checking the browser app's results.

mod args;
mod sql;

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::num::NonZeroUsize;
use std::ops::ControlFlow;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use args::{Command, Format, ReportArgs, SampleArgs, SqlArgs};
use engine::{
    Analysis, Container, Dataset, FileError, FileFeed, FileKind, FilePart, FileSummary, Job, JobRunner, PartRange,
    ReportSettings, compute_report_and_history_on, compute_report_on, split_file, write_report_csv,
};
use engine::{Disposition, zip_entries};
use engine::{compute_report_and_scorecard_on, compute_scorecard, rollup, write_rollup_csv, write_scorecard_csv};
use engine::{write_days_csv, write_outages_csv};

/// Exit status when an input was refused or could not be read.
const INPUT_REFUSED: u8 = 2;

/// Files are read in pieces of this size, so memory does not grow with them.
const CHUNK_BYTES: usize = 1 << 20;

/// The bytes at the start of a file given to each part for the header.
const HEAD_BYTES: usize = 64 << 10;

/// The most threads that read a file: beyond a few, reading is bound by
/// the memory bus and the merge, not the cores.
const MAX_READ_THREADS: usize = 8;

/// Threads to read a file with: the cores there are, at least two (even on
/// one core the parts cost little more than a whole read), at most
/// [`MAX_READ_THREADS`].
fn read_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, MAX_READ_THREADS)
}

fn main() -> ExitCode {
    match args::parse(std::env::args_os().skip(1)) {
        Err(message) => {
            eprintln!("store-uptime: {message}\nRun `store-uptime --help` for usage.");
            ExitCode::from(INPUT_REFUSED)
        }
        Ok(Command::Help) => {
            print!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(Command::Report(args)) => match run_report(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Failure::Input(message)) => {
                eprintln!("store-uptime: {message}");
                ExitCode::from(INPUT_REFUSED)
            }
            Err(Failure::Other(message)) => {
                eprintln!("store-uptime: {message}");
                ExitCode::FAILURE
            }
        },
        Ok(Command::Sql(args)) => match run_sql(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("store-uptime sql: {message}");
                ExitCode::from(INPUT_REFUSED)
            }
        },
        Ok(Command::Sample(args)) => match run_sample(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("store-uptime sample: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

enum Failure {
    /// An input file was refused or unreadable: exit status 2.
    Input(String),
    Other(String),
}

impl From<FileError> for Failure {
    fn from(refused: FileError) -> Failure {
        Failure::Input(refused.to_string())
    }
}

/// Reads a file into `data`: a zip by its entries; a gzip or UTF-16 file
/// whole; plain text in parts on `threads` threads when it is large enough
/// to gain from it (see [`engine::split_file`]), else whole. What was
/// skipped or not read inside a zip goes to `notes`.
fn read_into(
    data: &mut Dataset,
    path: &Path,
    expected: Option<FileKind>,
    threads: usize,
    notes: &mut Vec<String>,
) -> Result<(), Failure> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path).map_err(|e| Failure::Input(format!("cannot open {name}: {e}")))?.len();
    let head = read_head(path, &name)?;
    let container = Container::of(&head);
    if container == Container::Zip {
        return read_zip(data, path, size, expected, notes);
    }
    let ranges = if container.can_be_split() { split_file(size, threads) } else { Vec::new() };
    let summary = if ranges.len() < 2 {
        read_whole(data.read_file(&name), path, expected)?
    } else {
        let (name, head) = (name.as_str(), head.as_slice());
        let parts = std::thread::scope(|scope| {
            let readers: Vec<_> =
                ranges.iter().map(|&range| scope.spawn(move || read_part(path, name, range, head))).collect();
            readers
                .into_iter()
                .map(|reader| reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect::<Result<Vec<_>, _>>()
        })?;
        // A part boundary inside a quoted field (or a refused header) cannot
        // be merged exactly: then the file is read again, whole.
        data.merge_parts_or_read_whole(name, parts, |feed| read_whole(feed, path, expected))?
    };
    check_kind(&name, expected, Some(summary.kind))
}

/// Reads every entry of a zip archive that holds one of the files, straight
/// from the archive (stored entries as they are, deflated ones inflated as
/// they are read). Folders, macOS metadata and entries that are no CSV of
/// the files are skipped; encrypted, nested or damaged entries are not
/// read; each is said in `notes`, and the other entries are used.
fn read_zip(
    data: &mut Dataset,
    path: &Path,
    size: u64,
    expected: Option<FileKind>,
    notes: &mut Vec<String>,
) -> Result<(), Failure> {
    let name = path.display().to_string();
    let mut file = File::open(path).map_err(|e| Failure::Input(format!("cannot open {name}: {e}")))?;
    let mut read_at = |offset: u64, len: usize| -> Result<Vec<u8>, String> {
        file.seek(SeekFrom::Start(offset)).map_err(|e| e.to_string())?;
        let mut bytes = Vec::with_capacity(len);
        (&mut file).take(len as u64).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        Ok(bytes)
    };
    let entries = zip_entries(size, &mut read_at).map_err(|problem| Failure::Input(format!("{name}: {problem}")))?;
    for entry in entries {
        let entry_name = format!("{name}/{}", entry.name);
        let compression = match entry.disposition {
            Disposition::Read(compression) => compression,
            Disposition::Skip(what) => {
                notes.push(format!("{entry_name}: skipped, {what}"));
                continue;
            }
            Disposition::Refuse(why) => {
                notes.push(format!("{entry_name}: not read: {why}"));
                continue;
            }
        };
        let mut feed = data.read_stored_file(&entry_name, compression);
        let mut offset = entry.data_start;
        let end = entry.data_start + entry.compressed_size;
        let mut outcome = Ok(());
        while offset < end && outcome.is_ok() {
            let len = (end - offset).min(CHUNK_BYTES as u64) as usize;
            let chunk = read_at(offset, len).map_err(|e| Failure::Input(format!("cannot read {name}: {e}")))?;
            offset += len as u64;
            outcome = feed.push(&chunk);
        }
        match outcome.and_then(|()| feed.finish()) {
            Ok(summary) => check_kind(&entry_name, expected, Some(summary.kind))?,
            Err(refused) if refused.problem.is_not_a_data_file() => {
                notes.push(format!("{entry_name}: skipped, its first line is the header of none of the files"))
            }
            Err(refused) => notes.push(format!("{entry_name}: not read: {}", refused.problem)),
        }
    }
    Ok(())
}

/// The start of a file, from which a later part takes the header.
fn read_head(path: &Path, name: &str) -> Result<Vec<u8>, Failure> {
    let file = File::open(path).map_err(|e| Failure::Input(format!("cannot open {name}: {e}")))?;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Failure::Input(format!("cannot read {name}: {e}")))?;
    Ok(head)
}

/// Reads one part of a file, from its nominal start until it has its end.
fn read_part(path: &Path, name: &str, range: PartRange, head: &[u8]) -> Result<FilePart, Failure> {
    let mut file = File::open(path).map_err(|e| Failure::Input(format!("cannot open {name}: {e}")))?;
    file.seek(SeekFrom::Start(range.start())).map_err(|e| Failure::Input(format!("cannot read {name}: {e}")))?;
    let mut feed = FilePart::reader(range, head);
    read_chunks(&mut file, name, |chunk| {
        feed.push(chunk);
        Ok(feed.wants_more())
    })?;
    Ok(feed.finish())
}

/// Reads a file whole into `feed`, checking its kind as soon as its header
/// is read.
fn read_whole(mut feed: FileFeed<'_>, path: &Path, expected: Option<FileKind>) -> Result<FileSummary, Failure> {
    let name = path.display().to_string();
    let mut file = File::open(path).map_err(|e| Failure::Input(format!("cannot open {name}: {e}")))?;
    read_chunks(&mut file, &name, |chunk| {
        feed.push(chunk)?;
        check_kind(&name, expected, feed.kind())?;
        Ok(true)
    })?;
    Ok(feed.finish()?)
}

/// Passes `file` to `each` in chunks until it ends or `each` wants no more.
fn read_chunks(
    file: &mut File,
    name: &str,
    mut each: impl FnMut(&[u8]) -> Result<bool, Failure>,
) -> Result<(), Failure> {
    let mut buffer = vec![0u8; CHUNK_BYTES];
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Failure::Input(format!("cannot read {name}: {e}"))),
        };
        if !each(&buffer[..read])? {
            return Ok(());
        }
    }
}

fn check_kind(name: &str, expected: Option<FileKind>, found: Option<FileKind>) -> Result<(), Failure> {
    match (expected, found) {
        (Some(expected), Some(found)) if expected != found => Err(Failure::Input(format!(
            "{name} was given as the {expected} file, but its header is that of a {found} file ({})",
            found.expected_columns()
        ))),
        _ => Ok(()),
    }
}

fn run_report(args: &ReportArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let mut data = Dataset::with_rejection_list_cap(args.list_rejected);
    let threads = args.threads.map_or_else(read_threads, NonZeroUsize::get);
    let mut notes = Vec::new();
    for (kind, path) in &args.files {
        read_into(&mut data, path, *kind, threads, &mut notes)?;
    }
    if !args.quiet || !data.files().iter().any(|f| f.kind == FileKind::StatusPolls) {
        for note in &notes {
            eprintln!("note: {note}");
        }
    }
    if !data.files().iter().any(|f| f.kind == FileKind::StatusPolls) {
        return Err(Failure::Input(format!(
            "no status polls file among the inputs (its columns: {})",
            FileKind::StatusPolls.expected_columns()
        )));
    }
    let read_time = started.elapsed();

    let analysis = Analysis::with_ties_on(data, args.ties, &Threads(threads));
    let settings = ReportSettings { now: args.now, default_zone: args.default_zone };
    let jobs = Threads(threads);
    if analysis.latest_poll().is_none() && args.now.is_none() {
        // Nothing to count back from: say why first, row by row.
        let stderr = io::stderr();
        let mut err = BufWriter::new(stderr.lock());
        let _ = print_rejections(&mut err, &analysis);
        let _ = err.flush();
        return Err(Failure::Input(
            "no usable poll in the status file, so there is no latest poll to use as now: check its \
             store_id, status (active or inactive) and timestamp_utc columns; the rejected rows above say \
             what is wrong with each"
                .into(),
        ));
    }
    let go = &mut |_| ControlFlow::Continue(());
    // The extended report's state at now reads the horizon's outages.
    let wants_history = args.outages.is_some() || args.daily.is_some() || args.format == Format::Extended;
    let wants_scorecard = args.scorecard.is_some() || args.rollup.is_some();
    // Each store's business time is computed once, in one pass with the
    // report, for the outages and days or (without them) the scorecard.
    let (report, history, card) = if wants_history {
        let (report, history) = compute_report_and_history_on(&analysis, &settings, args.horizon, go, &jobs)
            .map_err(|e| Failure::Input(e.to_string()))?;
        let card = wants_scorecard
            .then(|| compute_scorecard(&analysis, &report, args.horizon, args.target, go, &jobs))
            .transpose()
            .map_err(|e| Failure::Input(e.to_string()))?;
        (report, Some(history), card)
    } else if wants_scorecard {
        let (report, card) =
            compute_report_and_scorecard_on(&analysis, &settings, args.horizon, args.target, go, &jobs)
                .map_err(|e| Failure::Input(e.to_string()))?;
        (report, None, Some(card))
    } else {
        let report = compute_report_on(&analysis, &settings, go, &jobs).map_err(|e| Failure::Input(e.to_string()))?;
        (report, None, None)
    };

    if let Some(card) = &card {
        if let Some(path) = &args.scorecard {
            write_file(path, &|out| write_scorecard_csv(card, out))?;
        }
        if let Some(path) = &args.rollup {
            let pooled = rollup(card);
            write_file(path, &|out| write_rollup_csv(card, &pooled, out))?;
        }
    }

    let fresh = (args.format == Format::Extended)
        .then(|| (engine::freshness(&analysis, &report), history.as_ref().map(|h| engine::states_now(&analysis, h))));
    let write = |out: &mut dyn Write| -> io::Result<()> {
        let mut out = BufWriter::with_capacity(1 << 16, out);
        match &fresh {
            None => write_report_csv(&report, args.units, &mut out)?,
            Some((fresh, states)) => engine::write_extended_csv(
                &report,
                fresh,
                states.as_deref().unwrap_or_default(),
                args.units,
                args.stale_after,
                &mut out,
            )?,
        }
        out.flush()
    };
    if let Some(history) = &history {
        let outages = |path: &Path| write_file(path, &|out| write_outages_csv(history, out));
        let daily = |path: &Path| write_file(path, &|out| write_days_csv(history, out));
        match (&args.outages, &args.daily) {
            // Two files of similar size: written at once on two threads.
            (Some(outages_path), Some(daily_path)) if threads > 1 => std::thread::scope(|scope| {
                let written = scope.spawn(|| outages(outages_path));
                let daily_written = daily(daily_path);
                written
                    .join()
                    .unwrap_or_else(|_| Err(Failure::Other("the outage list could not be written".into())))?;
                daily_written
            })?,
            (outages_path, daily_path) => {
                outages_path.as_deref().map(outages).transpose()?;
                daily_path.as_deref().map(daily).transpose()?;
            }
        }
    }
    let compute_time = started.elapsed() - read_time;
    match &args.output {
        Some(path) => write_file(path, &write)?,
        None => match write(&mut io::stdout().lock()) {
            Ok(()) => {}
            // A closed pipe (`| head`) is the reader's choice, not an error.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            Err(e) => return Err(Failure::Other(format!("cannot write the report: {e}"))),
        },
    }

    let stderr = io::stderr();
    let mut err = BufWriter::new(stderr.lock());
    let _ = print_summary(&mut err, args, &analysis, &report, read_time, compute_time, started.elapsed());
    let _ = err.flush();
    Ok(())
}

/// Runs the engine's jobs on this many threads at once.
struct Threads(usize);

impl JobRunner for Threads {
    fn parallelism(&self) -> usize {
        self.0
    }

    fn run_all(&self, jobs: Vec<Job<'_>>) {
        std::thread::scope(|scope| {
            for job in jobs {
                scope.spawn(job);
            }
        });
    }
}

/// Creates `path` and writes it with `write`.
fn write_file(path: &Path, write: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let mut file = File::create(path).map_err(|e| Failure::Other(format!("cannot create {}: {e}", path.display())))?;
    let mut out = BufWriter::with_capacity(1 << 16, &mut file);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Other(format!("cannot write {}: {e}", path.display())))
}

fn print_summary(
    err: &mut dyn Write,
    args: &ReportArgs,
    analysis: &Analysis,
    report: &engine::Report,
    read_time: std::time::Duration,
    compute_time: std::time::Duration,
    total_time: std::time::Duration,
) -> io::Result<()> {
    if !args.quiet {
        for file in analysis.files() {
            writeln!(
                err,
                "read {} ({}): {} rows, {} used, {} rejected",
                file.name,
                file.kind,
                thousands(file.rows),
                thousands(file.used),
                thousands(file.rejected)
            )?;
        }
        for notice in engine::notices(analysis, report.default_zone) {
            writeln!(err, "note: {notice}")?;
        }
        writeln!(
            err,
            "report: {} stores, now {}{}, default timezone {}, units {}",
            thousands(report.rows.len() as u64),
            report.now,
            if report.now_is_latest_poll { " (the latest poll)" } else { "" },
            report.default_zone.name(),
            args.units.name()
        )?;
        writeln!(
            err,
            "time: {:.0} ms reading, {:.0} ms calculating, {:.0} ms in all",
            read_time.as_secs_f64() * 1e3,
            compute_time.as_secs_f64() * 1e3,
            total_time.as_secs_f64() * 1e3
        )?;
    }
    print_rejections(err, analysis)
}

/// Every rejected row, `file:line: reason`, up to the list's cap.
fn print_rejections(err: &mut dyn Write, analysis: &Analysis) -> io::Result<()> {
    let rejections = analysis.rejections();
    let total: u64 = analysis.files().iter().map(|f| f.rejected).sum();
    if total > 0 {
        writeln!(err, "rejected rows ({}):", thousands(total))?;
        for rejection in rejections {
            let file = &analysis.files()[rejection.file.get()];
            writeln!(err, "{}:{}: {}", file.name, rejection.line, rejection.reason)?;
        }
        if analysis.rejections_not_listed() > 0 {
            writeln!(
                err,
                "... and {} more rejected rows, counted but not listed",
                thousands(analysis.rejections_not_listed())
            )?;
        }
    }
    Ok(())
}

/// `1849837` as `1,849,837`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn run_sql(args: &SqlArgs) -> Result<(), String> {
    let script =
        if args.rejected { sql::rejected_script(&args.settings)? } else { sql::report_script(&args.settings)? };
    match &args.output {
        Some(path) => std::fs::write(path, script).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => match io::stdout().lock().write_all(script.as_bytes()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write the script: {e}")),
            _ => Ok(()),
        },
    }
}

fn run_sample(args: &SampleArgs) -> Result<(), String> {
    use engine::{SampleSpec, write_sample};
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let mut spec = SampleSpec::like_real(args.stores, args.seed);
    if let Some(end) = args.end {
        spec.end = end;
    }
    if let Some(days) = args.days {
        spec.days = days;
    }
    if !args.ids_from.is_empty() {
        let mut data = Dataset::new();
        for path in &args.ids_from {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            data.read_bytes(&path.display().to_string(), &bytes).map_err(|e| e.to_string())?;
        }
        let ids: Vec<String> = data.stores().indices().map(|s| data.stores().id(s).to_string()).collect();
        spec.stores = ids.len();
        spec.store_ids = Some(ids);
        spec.with_hours_and_zones = false;
    }
    let create = |name: &str| -> Result<BufWriter<File>, String> {
        let path = args.out.join(name);
        File::create(&path).map(BufWriter::new).map_err(|e| format!("cannot create {}: {e}", path.display()))
    };
    let mut status = create("status.csv")?;
    let (mut hours, mut zones): (Box<dyn Write>, Box<dyn Write>) = if spec.with_hours_and_zones {
        (Box::new(create("menu_hours.csv")?), Box::new(create("timezones.csv")?))
    } else {
        (Box::new(io::sink()), Box::new(io::sink()))
    };
    let polls = write_sample(&spec, &mut status, &mut hours, &mut zones).map_err(|e| format!("cannot write: {e}"))?;
    for writer in [&mut status as &mut dyn Write, &mut hours, &mut zones] {
        writer.flush().map_err(|e| format!("cannot write: {e}"))?;
    }
    if let Some(regions) = args.groups {
        // The stores as the status file names them, in the order it first does.
        drop(status);
        let path = args.out.join("status.csv");
        let mut data = Dataset::new();
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        data.read_bytes("status.csv", &bytes).map_err(|e| e.to_string())?;
        let ids: Vec<String> = data.stores().indices().map(|s| data.stores().id(s).to_string()).collect();
        let mut groups = create("groups.csv")?;
        engine::write_groups(&ids, regions, spec.seed, &mut groups)
            .and_then(|()| groups.flush())
            .map_err(|e| format!("cannot write: {e}"))?;
    }
    eprintln!("wrote {} polls of {} stores to {}", thousands(polls), thousands(spec.stores as u64), args.out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(1_849_837), "1,849,837");
    }
}
