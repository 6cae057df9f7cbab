//! Laporan: what the head of the PPID reads for a period. Pure figures from the recorded moves
//! (each with its working time and the target its step started with), plus the tables that are
//! shown and exported. No I/O here.

use super::{Channel, FieldError, KipCategory};
use crate::domain::Problem;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A period of whole days in the office's zone, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The longest period a report covers.
pub const MAX_PERIOD_DAYS: i64 = 5 * 366;

impl Period {
    pub fn parse(from: &str, to: &str) -> Result<Period, FieldError> {
        let date = |field: &str, raw: &str| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| FieldError::new(field, Problem::BadDate))
        };
        let (from, to) = (date("from", from)?, date("to", to)?);
        if to < from {
            return Err(FieldError::new("to", Problem::PeriodReversed));
        }
        if (to - from).num_days() > MAX_PERIOD_DAYS {
            return Err(FieldError::new("to", Problem::PeriodTooLong { years: 5 }));
        }
        Ok(Period { from, to })
    }

    /// 1 January to 31 December of `today`'s year.
    pub fn year_of(today: NaiveDate) -> Period {
        Period {
            from: NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
            to: NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today),
        }
    }
}

/// One person's moves on one day: how many, how many on time, which items.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDay {
    pub actor: String,
    pub actor_name: String,
    pub moves: u32,
    pub on_time: u32,
    pub items: Vec<String>,
}

/// What a report is computed from (the daily rollups of the period).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportInput {
    /// Dispositions created in the period.
    pub started: u32,
    /// Items cancelled in the period.
    pub cancelled: u32,
    /// Items closed as exempt information in the period.
    pub exempt: u32,
    /// Steps completed in the period: (step, working seconds spent, target).
    pub steps: Vec<(u8, i64, i64)>,
    pub people: Vec<PersonDay>,
    /// Items published in the period: their channels and KIP category.
    pub published: Vec<(Vec<Channel>, Option<KipCategory>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepFigures {
    pub step: u8,
    pub count: u32,
    /// Working seconds (0 when nothing was recorded).
    pub median: i64,
    pub p90: i64,
    /// The target most of these steps had (their median target).
    pub target: i64,
    pub on_time: u32,
    /// Working seconds beyond the targets, summed.
    pub late_seconds: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFigures {
    pub name: String,
    /// Distinct items this person moved.
    pub items: u32,
    pub moves: u32,
    pub on_time: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub period: Period,
    pub started: u32,
    pub finished: u32,
    pub cancelled: u32,
    /// Closed as exempt information ("Dikecualikan, tidak dipublikasikan").
    pub exempt: u32,
    /// Steps 1 to 9, each present.
    pub steps: Vec<StepFigures>,
    /// The step with the most working time beyond its targets (none when nothing was late).
    pub bottleneck: Option<u8>,
    pub people: Vec<PersonFigures>,
    pub channels: Vec<(Channel, u32)>,
    pub kip: Vec<(KipCategory, u32)>,
}

/// The middle value (the mean of the two middle values for an even count); 0 for none.
pub fn median(sorted: &[i64]) -> i64 {
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

/// The nearest-rank percentile: the smallest value with at least `p`% of the values at or
/// below it; 0 for none.
pub fn percentile(sorted: &[i64], p: u32) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (sorted.len() * p as usize).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// A share as a fraction (0 to 1); None when there is nothing to share.
pub fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

pub fn compute(period: Period, input: &ReportInput) -> Report {
    let mut by_step: BTreeMap<u8, (Vec<i64>, Vec<i64>, u32, i64)> = (1..=9).map(|s| (s, Default::default())).collect();
    for &(step, spent, target) in &input.steps {
        let entry = by_step.entry(step).or_default();
        entry.0.push(spent);
        entry.1.push(target);
        entry.2 += u32::from(spent <= target);
        entry.3 += (spent - target).max(0);
    }
    let mut by_person: BTreeMap<&str, (&str, BTreeSet<&str>, u32, u32)> = BTreeMap::new();
    for p in &input.people {
        let person = by_person
            .entry(&p.actor)
            .or_insert((&p.actor_name, BTreeSet::new(), 0, 0));
        person.1.extend(p.items.iter().map(String::as_str));
        person.2 += p.moves;
        person.3 += p.on_time;
    }
    let steps: Vec<StepFigures> = by_step
        .into_iter()
        .filter(|(step, _)| (1..=9).contains(step))
        .map(|(step, (mut spent, mut targets, on_time, late_seconds))| {
            spent.sort_unstable();
            targets.sort_unstable();
            StepFigures {
                step,
                count: spent.len() as u32,
                median: median(&spent),
                p90: percentile(&spent, 90),
                target: median(&targets),
                on_time,
                late_seconds,
            }
        })
        .collect();
    let bottleneck = steps
        .iter()
        .filter(|s| s.late_seconds > 0)
        .max_by_key(|s| (s.late_seconds, std::cmp::Reverse(s.step)))
        .map(|s| s.step);
    let mut people: Vec<PersonFigures> = by_person
        .into_values()
        .map(|(name, items, moves, on_time)| PersonFigures {
            name: name.to_string(),
            items: items.len() as u32,
            moves,
            on_time,
        })
        .collect();
    people.sort_by(|a, b| b.items.cmp(&a.items).then(a.name.cmp(&b.name)));
    let channels = Channel::ALL
        .iter()
        .map(|c| {
            let n = input.published.iter().filter(|(cs, _)| cs.contains(c)).count() as u32;
            (*c, n)
        })
        .collect();
    let kip = KipCategory::ALL
        .iter()
        .map(|k| {
            let n = input.published.iter().filter(|(_, kc)| *kc == Some(*k)).count() as u32;
            (*k, n)
        })
        .collect();
    Report {
        period,
        started: input.started,
        finished: input.published.len() as u32,
        cancelled: input.cancelled,
        exempt: input.exempt,
        steps,
        bottleneck,
        people,
        channels,
        kip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_percentile_follow_their_definitions() {
        assert_eq!(median(&[]), 0);
        assert_eq!(median(&[5]), 5);
        assert_eq!(median(&[1, 3, 10]), 3);
        assert_eq!(median(&[1, 3, 5, 10]), 4);
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&ten, 90), 9);
        assert_eq!(percentile(&ten, 100), 10);
        assert_eq!(percentile(&[7], 90), 7);
        assert_eq!(percentile(&(1..=11).collect::<Vec<_>>(), 90), 10);
    }

    #[test]
    fn a_period_is_checked() {
        assert!(Period::parse("2026-01-01", "2026-12-31").is_ok());
        assert_eq!(Period::parse("2026-02-01", "2026-01-01").unwrap_err().field, "to");
        assert_eq!(Period::parse("kemarin", "2026-01-01").unwrap_err().field, "from");
        assert_eq!(Period::parse("2000-01-01", "2026-01-01").unwrap_err().field, "to");
    }

    #[test]
    fn the_bottleneck_is_the_step_with_most_time_beyond_target() {
        let day = |actor: &str, moves, on_time, items: &[&str]| PersonDay {
            actor: actor.into(),
            actor_name: actor.to_uppercase(),
            moves,
            on_time,
            items: items.iter().map(|i| i.to_string()).collect(),
        };
        let input = ReportInput {
            started: 3,
            cancelled: 0,
            exempt: 0,
            steps: vec![(5, 10, 8), (5, 12, 8), (6, 30, 4), (6, 2, 4), (2, 1, 1)],
            // Budi touched item "a" on two days: one item, not two.
            people: vec![
                day("agus", 2, 0, &["a", "b"]),
                day("budi", 2, 1, &["a", "b"]),
                day("budi", 1, 1, &["a"]),
            ],
            published: vec![(vec![Channel::Website, Channel::Instagram], Some(KipCategory::Berkala))],
        };
        let r = compute(Period::year_of(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()), &input);
        assert_eq!(r.bottleneck, Some(6));
        let five = &r.steps[4];
        assert_eq!(
            (five.count, five.median, five.p90, five.on_time, five.late_seconds),
            (2, 11, 12, 0, 6)
        );
        let budi = r.people.iter().find(|p| p.name == "BUDI").unwrap();
        assert_eq!((budi.items, budi.moves, budi.on_time), (2, 3, 2));
        assert_eq!(r.finished, 1);
        assert_eq!(r.channels.iter().find(|(c, _)| *c == Channel::Website).unwrap().1, 1);
        assert_eq!(r.channels.iter().find(|(c, _)| *c == Channel::X).unwrap().1, 0);
        assert_eq!(r.steps.len(), 9);
        let nothing_late = compute(r.period, &ReportInput::default());
        assert_eq!(nothing_late.bottleneck, None);
    }
}
