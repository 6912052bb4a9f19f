//! How a group's opinions become a decision (T-7.2.7i): the rule copied onto a review round,
//! applied after every opinion. Pure, so every rule is tested here without a database.

use shared_types::review::DecisionRule;

/// The opinions given so far in a round of `reviewers` experts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub reviewers: usize,
    pub approvals: usize,
    pub returns: usize,
}

/// What a round ends with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Approved,
    Returned,
}

/// The round's outcome once the rule settles it, `None` while it still waits for opinions.
///
/// - majority: approved when approvals are more than half of the reviewers; returned as soon as
///   the approvals still possible can no longer be more than half;
/// - unanimous: returned at the first return, approved when every reviewer approves;
/// - any: the first opinion decides.
pub fn decide(rule: DecisionRule, tally: Tally) -> Option<Outcome> {
    let Tally {
        reviewers,
        approvals,
        returns,
    } = tally;
    match rule {
        DecisionRule::Majority => {
            let still_possible = reviewers.saturating_sub(returns);
            if approvals * 2 > reviewers {
                Some(Outcome::Approved)
            } else if still_possible * 2 <= reviewers {
                Some(Outcome::Returned)
            } else {
                None
            }
        }
        DecisionRule::Unanimous => {
            if returns > 0 {
                Some(Outcome::Returned)
            } else if approvals >= reviewers {
                Some(Outcome::Approved)
            } else {
                None
            }
        }
        DecisionRule::Any => {
            if approvals > 0 {
                Some(Outcome::Approved)
            } else if returns > 0 {
                Some(Outcome::Returned)
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(reviewers: usize, approvals: usize, returns: usize) -> Tally {
        Tally {
            reviewers,
            approvals,
            returns,
        }
    }

    #[test]
    fn a_majority_of_three_is_approved_by_the_second_approval() {
        let rule = DecisionRule::Majority;
        assert_eq!(decide(rule, tally(3, 1, 0)), None);
        assert_eq!(decide(rule, tally(3, 1, 1)), None);
        assert_eq!(decide(rule, tally(3, 2, 0)), Some(Outcome::Approved));
        assert_eq!(decide(rule, tally(3, 2, 1)), Some(Outcome::Approved));
    }

    #[test]
    fn a_majority_is_returned_once_approval_can_no_longer_win() {
        let rule = DecisionRule::Majority;
        assert_eq!(decide(rule, tally(3, 0, 2)), Some(Outcome::Returned));
        assert_eq!(decide(rule, tally(5, 1, 2)), None);
        assert_eq!(decide(rule, tally(5, 0, 3)), Some(Outcome::Returned));
        // Of four, two approvals are not more than half: a tie returns.
        assert_eq!(decide(rule, tally(4, 2, 1)), None);
        assert_eq!(decide(rule, tally(4, 2, 2)), Some(Outcome::Returned));
        assert_eq!(decide(rule, tally(4, 3, 0)), Some(Outcome::Approved));
        // Of two, one return already makes a majority impossible.
        assert_eq!(decide(rule, tally(2, 1, 0)), None);
        assert_eq!(decide(rule, tally(2, 0, 1)), Some(Outcome::Returned));
    }

    #[test]
    fn a_single_reviewer_decides_under_every_rule() {
        for rule in DecisionRule::ALL {
            assert_eq!(decide(rule, tally(1, 0, 0)), None, "{rule:?}");
            assert_eq!(
                decide(rule, tally(1, 1, 0)),
                Some(Outcome::Approved),
                "{rule:?}"
            );
            assert_eq!(
                decide(rule, tally(1, 0, 1)),
                Some(Outcome::Returned),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn unanimous_returns_at_the_first_return_and_approves_when_all_approve() {
        let rule = DecisionRule::Unanimous;
        assert_eq!(decide(rule, tally(3, 2, 0)), None);
        assert_eq!(decide(rule, tally(3, 0, 1)), Some(Outcome::Returned));
        assert_eq!(decide(rule, tally(3, 2, 1)), Some(Outcome::Returned));
        assert_eq!(decide(rule, tally(3, 3, 0)), Some(Outcome::Approved));
    }

    #[test]
    fn any_lets_the_first_opinion_decide() {
        let rule = DecisionRule::Any;
        assert_eq!(decide(rule, tally(3, 0, 0)), None);
        assert_eq!(decide(rule, tally(3, 1, 0)), Some(Outcome::Approved));
        assert_eq!(decide(rule, tally(3, 0, 1)), Some(Outcome::Returned));
    }
}
