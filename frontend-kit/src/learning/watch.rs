//! Watching the media element for what a person with the player's own controls cannot do
//! (防刷课): the position jumping ahead without the player moving it, the media clock running
//! faster than the wall clock, the page clock disagreeing with the monotonic clock, time passing
//! while paused or outside what was loaded. Pure: the page feeds samples and events in and takes
//! the findings out with the next heartbeat.

use shared_types::learning::ClientSignals;

/// A forward jump this long (s) the player did not make counts — when it lands past what the
/// learner reached (a small one is a decoder skipping a gap).
const JUMP_SECONDS: f64 = 3.0;
/// The player's own seeks are recognised this long (ms) after it made them.
const OWN_SEEK_MS: f64 = 3_000.0;
/// Samples further apart than this (ms) are not compared: a throttled or suspended page.
const MAX_TICK_MS: f64 = 5_000.0;
const MIN_TICK_MS: f64 = 500.0;
/// Consecutive samples outside the loaded ranges before it counts.
const OUT_OF_BUFFER_TICKS: u32 = 3;

/// One look at the element and the clocks (about once a second).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// `performance.now()`.
    pub mono_ms: f64,
    /// `Date.now()`.
    pub wall_ms: f64,
    pub position: f64,
    pub paused: bool,
    pub seeking: bool,
    /// Enough data to play on (`readyState` ≥ HAVE_FUTURE_DATA).
    pub ready: bool,
    /// The position lies in (or next to) a loaded range.
    pub in_buffer: bool,
}

/// What was found since the last heartbeat.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Findings {
    pub rate_tampered: bool,
    pub time_tampered: bool,
    pub media_inconsistent: bool,
}

impl Findings {
    /// Adds these to a heartbeat's signals.
    pub fn apply(self, signals: &mut ClientSignals) {
        signals.rate_tampered |= self.rate_tampered;
        signals.time_tampered |= self.time_tampered;
        signals.media_inconsistent |= self.media_inconsistent;
    }
}

#[derive(Debug, Clone, Default)]
pub struct MediaWatch {
    last: Option<Sample>,
    /// Positions the player moved to, and when (mono ms).
    own_seeks: Vec<(f64, f64)>,
    /// A seek happened since the last sample (the next comparison is skipped).
    seeked: bool,
    out_of_buffer: u32,
    /// The furthest the learner has been allowed to reach.
    reached: f64,
    found: Findings,
}

impl MediaWatch {
    pub fn new(reached: f64) -> MediaWatch {
        MediaWatch {
            reached,
            ..MediaWatch::default()
        }
    }

    /// The server's furthest credited point moved on.
    pub fn reached(&mut self, furthest: f64) {
        self.reached = self.reached.max(furthest);
    }

    /// The player is about to move the position to `target` (seek bar, rewind, resume).
    pub fn own_seek(&mut self, target: f64, mono_ms: f64) {
        self.own_seeks.retain(|(_, at)| mono_ms - at < OWN_SEEK_MS);
        self.own_seeks.push((target, mono_ms));
    }

    /// A `seeking` event: the position went from `from` (last seen) to `to`.
    pub fn seeking(&mut self, from: f64, to: f64, mono_ms: f64) {
        self.seeked = true;
        let own = self
            .own_seeks
            .iter()
            .any(|(target, at)| mono_ms - at < OWN_SEEK_MS && (target - to).abs() < 1.0);
        if !own && to > self.reached.max(from) + JUMP_SECONDS {
            self.found.rate_tampered = true;
        }
    }

    /// `playbackRate` changed to `rate` (the player never changes it).
    pub fn rate_changed(&mut self, rate: f64) {
        if (rate - 1.0).abs() > 0.01 {
            self.found.rate_tampered = true;
        }
    }

    /// A periodic look at the element.
    pub fn sample(&mut self, s: Sample) {
        if !s.paused && !s.seeking {
            self.reached = self.reached.max(s.position);
        }
        let previous = self.last.replace(s);
        let seeked = std::mem::take(&mut self.seeked);
        if !s.paused && !s.seeking && s.ready && !s.in_buffer {
            self.out_of_buffer += 1;
            if self.out_of_buffer >= OUT_OF_BUFFER_TICKS {
                self.found.media_inconsistent = true;
            }
        } else {
            self.out_of_buffer = 0;
        }
        let Some(p) = previous else {
            return;
        };
        let mono = s.mono_ms - p.mono_ms;
        if !(MIN_TICK_MS..=MAX_TICK_MS).contains(&mono) {
            return;
        }
        let wall = s.wall_ms - p.wall_ms;
        if (wall - mono).abs() > 5_000.0 {
            self.found.time_tampered = true;
        }
        if seeked || s.seeking || p.seeking {
            return;
        }
        let advance = s.position - p.position;
        if p.paused && s.paused && advance > 1.0 {
            self.found.media_inconsistent = true;
        }
        // At rate 1 the media clock cannot outrun real time.
        if !p.paused && advance > mono / 1000.0 * 1.25 + 1.5 {
            self.found.time_tampered = true;
        }
    }

    /// What was found since the last call (each finding is reported once).
    pub fn take(&mut self) -> Findings {
        std::mem::take(&mut self.found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: f64, position: f64) -> Sample {
        Sample {
            mono_ms: t,
            wall_ms: 1_700_000_000_000.0 + t,
            position,
            paused: false,
            seeking: false,
            ready: true,
            in_buffer: true,
        }
    }

    #[test]
    fn normal_playback_finds_nothing() {
        let mut w = MediaWatch::new(0.0);
        for i in 0..20 {
            w.sample(at(f64::from(i) * 1000.0, f64::from(i) * 0.98));
        }
        assert_eq!(w.take(), Findings::default());
    }

    #[test]
    fn a_jump_ahead_the_player_did_not_make_is_tampering() {
        let mut w = MediaWatch::new(30.0);
        w.seeking(20.0, 400.0, 1_000.0);
        assert!(w.take().rate_tampered);
        assert_eq!(w.take(), Findings::default(), "reported once");
    }

    #[test]
    fn the_players_own_seeks_and_going_back_are_fine() {
        let mut w = MediaWatch::new(100.0);
        w.own_seek(90.0, 1_000.0);
        w.own_seek(95.0, 1_100.0);
        w.seeking(10.0, 90.0, 1_200.0);
        w.seeking(90.0, 95.0, 1_300.0);
        w.seeking(95.0, 5.0, 1_400.0);
        // Within what was already reached: harmless.
        w.seeking(5.0, 60.0, 9_000.0);
        assert_eq!(w.take(), Findings::default());
    }

    #[test]
    fn a_media_clock_faster_than_real_time_is_tampering() {
        let mut w = MediaWatch::new(0.0);
        w.sample(at(0.0, 0.0));
        w.sample(at(1_000.0, 4.0));
        assert!(w.take().time_tampered);
    }

    #[test]
    fn a_page_clock_running_away_from_the_monotonic_clock_is_tampering() {
        let mut w = MediaWatch::new(0.0);
        w.sample(at(0.0, 0.0));
        let mut s = at(1_000.0, 1.0);
        s.wall_ms += 60_000.0;
        w.sample(s);
        assert!(w.take().time_tampered);
    }

    #[test]
    fn a_suspended_page_is_not_compared() {
        let mut w = MediaWatch::new(0.0);
        w.sample(at(0.0, 0.0));
        let mut s = at(600_000.0, 0.5);
        s.wall_ms += 3_600_000.0;
        w.sample(s);
        assert_eq!(w.take(), Findings::default());
    }

    #[test]
    fn time_passing_while_paused_or_outside_the_loaded_data_is_inconsistent() {
        let mut w = MediaWatch::new(0.0);
        let paused = |t, p| Sample {
            paused: true,
            ..at(t, p)
        };
        w.sample(paused(0.0, 10.0));
        w.sample(paused(1_000.0, 14.0));
        assert!(w.take().media_inconsistent);
        for i in 0..3 {
            w.sample(Sample {
                in_buffer: false,
                ..at(2_000.0 + f64::from(i) * 1000.0, 15.0 + f64::from(i))
            });
        }
        assert!(w.take().media_inconsistent);
    }

    #[test]
    fn a_rate_other_than_one_is_tampering() {
        let mut w = MediaWatch::new(0.0);
        w.rate_changed(1.0);
        assert!(!w.take().rate_tampered);
        w.rate_changed(2.0);
        assert!(w.take().rate_tampered);
    }
}
