//! The worker's memory. WebAssembly memory only grows, to at most 4 GiB
//! for wasm32, and running out ends the worker in the middle of a
//! calculation. So a report projects, from the part of its files read so
//! far, the memory the whole will need, and stops with a clear message
//! while there is still room, rather than crash near the end.

/// What wasm32 can address.
pub const LIMIT_BYTES: f64 = 4.0 * (1u64 << 30) as f64;

/// Peak memory per poll over a whole report, measured on generated data
/// (scripts/bench-web-10x.sh, docs/APP.md): the poll log as read (12 bytes
/// a poll, in vectors that double as they grow), the polls grouped by
/// store (9 bytes), and the allocator's slack; with a margin.
pub const BYTES_PER_POLL: f64 = 60.0;

/// Memory that does not grow with the polls: the code, the stores, the
/// buffers of reading.
pub const BASE_BYTES: f64 = 64.0 * (1u64 << 20) as f64;

/// Read this much before projecting: the start of a file can be unlike the rest.
const SAMPLE_BYTES: f64 = 16.0 * (1u64 << 20) as f64;

/// Bytes of WebAssembly memory now, which is the peak so far.
pub fn in_use() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) as f64 * 65_536.0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Whether a report whose files hold `total_bytes` can be computed, judging
/// by the `polls` found in the first `read_bytes`, besides the `held_polls`
/// of files already read; `Err` says why not.
pub fn check(held_polls: usize, polls: usize, read_bytes: f64, total_bytes: f64) -> Result<(), String> {
    if read_bytes < SAMPLE_BYTES.min(total_bytes) || read_bytes <= 0.0 {
        return Ok(());
    }
    let projected_polls = held_polls as f64 + polls as f64 / read_bytes * total_bytes;
    let needed = BASE_BYTES + projected_polls * BYTES_PER_POLL;
    if needed <= LIMIT_BYTES {
        return Ok(());
    }
    Err(format!(
        "these files hold about {:.0} million polls (judging by the first {:.0} MB read of the last), and a report of them \
         would need about {:.1} GB of memory, more than the {:.0} GB a browser tab can give it; the store-uptime \
         command-line tool reads files of this size in far less memory",
        projected_polls / 1e6,
        read_bytes / 1e6,
        needed / 1e9,
        LIMIT_BYTES / 1e9,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: f64 = 1e6;

    #[test]
    fn projects_from_what_was_read() {
        // 17,000 polls a megabyte, as in generated and real data (about 58 bytes a row).
        let per_mb = 17_000.0;
        let check_at = |read: f64, total: f64| check(0, (per_mb * read) as usize, read * MB, total * MB);
        // The 10x data set (1.1 GB, 18.6 million polls) fits.
        assert!(check_at(20.0, 1_120.0).is_ok());
        // Four times that does not, and it is known after the first 20 MB.
        let refused = check_at(20.0, 4_500.0).expect_err("too large");
        assert!(
            refused
                .starts_with("these files hold about 76 million polls (judging by the first 20 MB read of the last)"),
            "{refused}"
        );
        assert!(refused.contains("more than the 4 GB a browser tab can give it"), "{refused}");
        // Too little read to judge: no projection yet.
        assert!(check_at(1.0, 10_000.0).is_ok());
        // A file of hours rows read first holds no polls: nothing to project.
        assert!(check(0, 0, 30.0 * MB, 4_500.0 * MB).is_ok());
    }

    #[test]
    fn counts_the_polls_of_files_already_held() {
        // Four 10x files (18.6 million polls each) held: a fifth does not fit,
        // although alone it would.
        let polls_of_10x = 18_600_000;
        let fifth = |held| check(held, 340_000, 20.0 * MB, 1_100.0 * MB);
        assert!(fifth(0).is_ok());
        let refused = fifth(4 * polls_of_10x).expect_err("too large with the others");
        assert!(refused.starts_with("these files hold about 93 million polls"), "{refused}");
    }
}
