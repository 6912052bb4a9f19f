//! What a benchmark reads off the machine: CPU used by a process (and its children), latency
//! percentiles and each second's slowest answer, and the CPU it ran on.

use std::collections::BTreeMap;

/// Clock ticks (1/100 s) a process and, optionally, its children have used.
pub fn cpu_ticks(pid: u32, with_children: bool) -> u64 {
    let ticks = |stat: &str| -> Option<(u64, u32)> {
        // Fields after the parenthesised command name: state ppid ... utime(12) stime(13).
        let rest = &stat[stat.rfind(')')? + 2..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        Some((
            f[11].parse::<u64>().ok()? + f[12].parse::<u64>().ok()?,
            f[1].parse().ok()?,
        ))
    };
    let mut total = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| ticks(&s))
        .map_or(0, |(t, _)| t);
    if with_children {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            if let Some((t, ppid)) = std::fs::read_to_string(entry.path().join("stat"))
                .ok()
                .and_then(|s| ticks(&s))
                && ppid == pid
            {
                total += t;
            }
        }
    }
    total
}

pub fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i]) / 1000.0
}

/// The slowest latency of each second of a measurement, in µs: a tail made of a few stalls
/// reads differently here from one spread over the whole run.
#[derive(Default)]
pub struct SlowestPerSecond(BTreeMap<u64, u32>);

impl SlowestPerSecond {
    pub fn record(&mut self, second: u64, us: u32) {
        let slowest = self.0.entry(second).or_default();
        *slowest = (*slowest).max(us);
    }

    /// How many seconds had an answer over `limit_us`, and the slowest eight of them.
    pub fn report(&self, limit_us: u32) -> String {
        let mut over: Vec<(u64, u32)> = self
            .0
            .iter()
            .filter(|&(_, &us)| us > limit_us)
            .map(|(&s, &us)| (s, us))
            .collect();
        over.sort_by_key(|&(_, us)| std::cmp::Reverse(us));
        let slowest: Vec<String> = over
            .iter()
            .take(8)
            .map(|(s, us)| format!("{s} s: {:.0} ms", f64::from(*us) / 1000.0))
            .collect();
        let limit_ms = limit_us / 1000;
        let mut report = format!(
            "{} of {} with an answer over {limit_ms} ms",
            over.len(),
            self.0.len()
        );
        if !slowest.is_empty() {
            report.push_str(&format!(
                "; slowest:\n                 {}",
                slowest.join(" · ")
            ));
        }
        // Every second's slowest, ten to a line, to line up with the database's log.
        let all: Vec<String> = self.0.values().map(|us| (us / 1000).to_string()).collect();
        for (i, line) in all.chunks(10).enumerate() {
            report.push_str(&format!(
                "\n                 {:>2}–{:<2} s: {} ms",
                i * 10,
                i * 10 + line.len() - 1,
                line.join(" ")
            ));
        }
        report
    }
}

pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_default();
    let cores = cpu.lines().filter(|l| l.starts_with("processor")).count();
    format!("{cores} cores ({model})")
}
