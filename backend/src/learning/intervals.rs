//! 已计学时区间 — the parts of a courseware's timeline credited to a learner: sorted, disjoint,
//! half-open `[start, end)` ranges of milliseconds. Repeated study of a credited part adds
//! nothing (Z-III.5): only what [`Ranges::uncovered`] returns can be credited.

/// Sorted, disjoint, non-empty `[start, end)` ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ranges(Vec<(i64, i64)>);

impl Ranges {
    /// From the stored form `[s1, e1, s2, e2, …]`, normalised (sorted, merged).
    pub fn from_flat(flat: &[i64]) -> Ranges {
        let mut ranges = Ranges::default();
        for pair in flat.chunks_exact(2) {
            ranges.add(pair[0], pair[1]);
        }
        ranges
    }

    pub fn to_flat(&self) -> Vec<i64> {
        self.0.iter().flat_map(|&(s, e)| [s, e]).collect()
    }

    pub fn pieces(&self) -> &[(i64, i64)] {
        &self.0
    }

    /// Total covered length.
    pub fn len(&self) -> i64 {
        self.0.iter().map(|(s, e)| e - s).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Where the covered part furthest along ends (0 when nothing is covered).
    pub fn furthest(&self) -> i64 {
        self.0.last().map_or(0, |&(_, e)| e)
    }

    /// Adds `[start, end)`, merging what touches or overlaps it.
    pub fn add(&mut self, start: i64, end: i64) {
        if end <= start {
            return;
        }
        let (mut start, mut end) = (start, end);
        let mut kept = Vec::with_capacity(self.0.len() + 1);
        for &(s, e) in &self.0 {
            if e < start || s > end {
                kept.push((s, e));
            } else {
                start = start.min(s);
                end = end.max(e);
            }
        }
        kept.push((start, end));
        kept.sort_unstable();
        self.0 = kept;
    }

    /// The parts of `[start, end)` not covered yet, in order.
    pub fn uncovered(&self, start: i64, end: i64) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        let mut at = start;
        for &(s, e) in &self.0 {
            if e <= at {
                continue;
            }
            if s >= end {
                break;
            }
            if s > at {
                out.push((at, s.min(end)));
            }
            at = at.max(e);
            if at >= end {
                break;
            }
        }
        if at < end {
            out.push((at, end));
        }
        out
    }
}

/// The first `budget` milliseconds of `pieces` (in order).
pub fn take(pieces: &[(i64, i64)], budget: i64) -> Vec<(i64, i64)> {
    let mut left = budget;
    let mut out = Vec::new();
    for &(s, e) in pieces {
        if left <= 0 {
            break;
        }
        let end = e.min(s + left);
        out.push((s, end));
        left -= end - s;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_merges_touching_and_overlapping_ranges() {
        let mut r = Ranges::default();
        r.add(10, 20);
        r.add(30, 40);
        r.add(20, 25);
        assert_eq!(r.pieces(), &[(10, 25), (30, 40)]);
        r.add(24, 31);
        assert_eq!(r.pieces(), &[(10, 40)]);
        r.add(5, 5);
        assert_eq!((r.len(), r.furthest()), (30, 40));
    }

    #[test]
    fn only_what_is_not_covered_yet_is_left() {
        let r = Ranges::from_flat(&[10, 20, 30, 40]);
        assert_eq!(r.uncovered(0, 50), vec![(0, 10), (20, 30), (40, 50)]);
        assert_eq!(r.uncovered(12, 18), vec![]);
        assert_eq!(r.uncovered(15, 35), vec![(20, 30)]);
        assert_eq!(take(&r.uncovered(0, 50), 15), vec![(0, 10), (20, 25)]);
    }

    #[test]
    fn the_stored_form_round_trips_normalised() {
        let r = Ranges::from_flat(&[30, 40, 10, 20, 15, 32]);
        assert_eq!(r.to_flat(), vec![10, 40]);
        assert!(Ranges::from_flat(&[]).is_empty());
    }
}
