//! The data of a report: the steps completed in a period (each move's working time and target),
//! the people who moved items, the items started, published, cancelled and closed as exempt.
//!
//! A move never updates a record another move also updates (two moves on different items would
//! collide on it and one would be refused for nothing): it only creates its own **fact**
//! (`move_fact`, [`FACT`]) in its transaction. A single writer per server (`server::folding`)
//! folds the facts into one record per day (`day_fold`), in the background; a report reads the
//! folds of the period plus the facts not folded yet, in one snapshot, so it is exact at once.

use super::db::Db;
use super::ServerError;
use crate::domain::report::{compute, Period, PersonDay, Report, ReportInput};
use crate::domain::settings::OfficeSettings;
use crate::domain::{Channel, KipCategory};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::{BTreeMap, BTreeSet};
use surrealdb::types::SurrealValue;

/// The fact a move (or a new disposition) creates in its transaction. Needs `$r_day` (the
/// office-local date), `$r_step`, `$r_spent`, `$r_target` (NONE: not a step's work), `$r_outcome`
/// (NONE, "started", "cancelled", "exempt" or "published"), `$r_channels` and `$r_kip` (a
/// publication's), `$me`, `$me_name`, `$id`.
pub const FACT: &str = "CREATE move_fact SET day = $r_day, item = $id, actor = $me, actor_name = $me_name,
    step = $r_step, spent = $r_spent, target = $r_target, outcome = $r_outcome, channels = $r_channels,
    kip = $r_kip;";

/// How a move ended an item's life, or began it, as the report counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Started,
    Cancelled,
    Exempt,
    Published,
}

impl Outcome {
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Started => "started",
            Outcome::Cancelled => "cancelled",
            Outcome::Exempt => "exempt",
            Outcome::Published => "published",
        }
    }
}

/// One move, as [`FACT`] stored it.
#[derive(SurrealValue, Clone, Debug)]
pub struct Fact {
    pub id: surrealdb::types::RecordId,
    pub day: String,
    pub item: String,
    pub actor: String,
    pub actor_name: String,
    pub step: Option<i64>,
    pub spent: Option<i64>,
    pub target: Option<i64>,
    pub outcome: Option<String>,
    pub channels: Option<Vec<String>>,
    pub kip: Option<String>,
}

/// The working times and targets of one step's completions, aligned.
#[derive(SurrealValue, Clone, Debug, Default, PartialEq)]
pub struct StepTimes {
    pub step: i64,
    pub spent: Vec<i64>,
    pub target: Vec<i64>,
}

/// One person's moves of the day that ended a step with a target.
#[derive(SurrealValue, Clone, Debug, Default, PartialEq)]
pub struct PersonMoves {
    pub actor: String,
    pub actor_name: String,
    pub moves: i64,
    pub on_time: i64,
    pub items: Vec<String>,
}

#[derive(SurrealValue, Clone, Debug, PartialEq)]
pub struct Publication {
    pub channels: Vec<String>,
    pub kip: Option<String>,
}

/// Facts of one office day, folded: what `day_fold` stores (one record per day once the day is
/// over; while it runs, one per fold).
#[derive(SurrealValue, Clone, Debug, Default, PartialEq)]
pub struct Fold {
    pub day: String,
    pub steps: Vec<StepTimes>,
    pub people: Vec<PersonMoves>,
    pub started: i64,
    pub cancelled: i64,
    pub exempt: i64,
    pub pubs: Vec<Publication>,
}

impl Fold {
    /// Adds one fact (of this fold's day).
    pub fn add(&mut self, f: &Fact) {
        if let (Some(step), Some(spent), Some(target)) = (f.step, f.spent, f.target) {
            match self.steps.iter_mut().find(|s| s.step == step) {
                Some(s) => {
                    s.spent.push(spent);
                    s.target.push(target);
                }
                None => self.steps.push(StepTimes {
                    step,
                    spent: vec![spent],
                    target: vec![target],
                }),
            }
            let on_time = i64::from(spent <= target);
            match self.people.iter_mut().find(|p| p.actor == f.actor) {
                Some(p) => {
                    p.moves += 1;
                    p.on_time += on_time;
                    if !p.items.contains(&f.item) {
                        p.items.push(f.item.clone());
                    }
                }
                None => self.people.push(PersonMoves {
                    actor: f.actor.clone(),
                    actor_name: f.actor_name.clone(),
                    moves: 1,
                    on_time,
                    items: vec![f.item.clone()],
                }),
            }
        }
        match f.outcome.as_deref() {
            Some("started") => self.started += 1,
            Some("cancelled") => self.cancelled += 1,
            Some("exempt") => self.exempt += 1,
            Some("published") => self.pubs.push(Publication {
                channels: f.channels.clone().unwrap_or_default(),
                kip: f.kip.clone(),
            }),
            _ => {}
        }
    }

    /// Adds another fold of the same day.
    pub fn merge(&mut self, other: &Fold) {
        for s in &other.steps {
            match self.steps.iter_mut().find(|x| x.step == s.step) {
                Some(x) => {
                    x.spent.extend(&s.spent);
                    x.target.extend(&s.target);
                }
                None => self.steps.push(s.clone()),
            }
        }
        for p in &other.people {
            match self.people.iter_mut().find(|x| x.actor == p.actor) {
                Some(x) => {
                    x.moves += p.moves;
                    x.on_time += p.on_time;
                    let known: BTreeSet<String> = x.items.iter().cloned().collect();
                    x.items.extend(p.items.iter().filter(|i| !known.contains(*i)).cloned());
                }
                None => self.people.push(p.clone()),
            }
        }
        self.started += other.started;
        self.cancelled += other.cancelled;
        self.exempt += other.exempt;
        self.pubs.extend(other.pubs.iter().cloned());
    }
}

/// Facts folded by day.
pub fn fold_by_day<'a>(facts: impl IntoIterator<Item = &'a Fact>) -> BTreeMap<String, Fold> {
    let mut days: BTreeMap<String, Fold> = BTreeMap::new();
    for f in facts {
        days.entry(f.day.clone())
            .or_insert_with(|| Fold {
                day: f.day.clone(),
                ..Default::default()
            })
            .add(f);
    }
    days
}

/// The UTC moments a period of local days covers: [first midnight, midnight after the last).
pub fn bounds(period: Period, settings: &OfficeSettings) -> (DateTime<Utc>, DateTime<Utc>) {
    let offset = settings.zone().offset();
    let midnight = |d: chrono::NaiveDate| {
        offset
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    };
    (midnight(period.from), midnight(period.to) + Duration::days(1))
}

pub async fn report(db: &Db, period: Period) -> Result<Report, ServerError> {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    // One snapshot: a fold committing meanwhile moves facts into a fold, never out of both.
    let mut res = db
        .query(
            "BEGIN TRANSACTION;
             SELECT day, steps, people, started, cancelled, exempt, pubs FROM day_fold WHERE day >= $from AND day <= $to;
             SELECT id, day, item, actor, actor_name, step, spent, target, outcome, channels, kip FROM move_fact
                WHERE day >= $from AND day <= $to;
             COMMIT TRANSACTION;",
        )
        .bind(("from", day(period.from)))
        .bind(("to", day(period.to)))
        .await?;
    // Statement 0 is BEGIN.
    let folds: Vec<Fold> = res.take(1)?;
    let facts: Vec<Fact> = res.take(2)?;
    Ok(compute(period, &input_of(&folds, &facts)))
}

/// What the report is computed from: the folds and the facts of the period. A person's items
/// are counted per day, as the report's figures expect (distinct items over the period are
/// counted from the days).
fn input_of(folds: &[Fold], facts: &[Fact]) -> ReportInput {
    let mut days: BTreeMap<String, Fold> = BTreeMap::new();
    for f in folds.iter().chain(fold_by_day(facts).values()) {
        days.entry(f.day.clone())
            .or_insert_with(|| Fold {
                day: f.day.clone(),
                ..Default::default()
            })
            .merge(f);
    }
    let days: Vec<&Fold> = days.values().collect();
    ReportInput {
        started: days.iter().map(|d| d.started).sum::<i64>() as u32,
        cancelled: days.iter().map(|d| d.cancelled).sum::<i64>() as u32,
        exempt: days.iter().map(|d| d.exempt).sum::<i64>() as u32,
        steps: days
            .iter()
            .flat_map(|d| &d.steps)
            .flat_map(|s| {
                let step = s.step.clamp(0, 255) as u8;
                s.spent
                    .iter()
                    .zip(&s.target)
                    .map(move |(spent, target)| (step, *spent, *target))
            })
            .collect(),
        people: days
            .iter()
            .flat_map(|d| &d.people)
            .map(|p| PersonDay {
                actor: p.actor.clone(),
                actor_name: p.actor_name.clone(),
                moves: p.moves as u32,
                on_time: p.on_time as u32,
                items: p.items.clone(),
            })
            .collect(),
        published: days
            .iter()
            .flat_map(|d| &d.pubs)
            .map(|p| {
                (
                    p.channels.iter().filter_map(|c| Channel::parse(c)).collect(),
                    p.kip.as_deref().and_then(KipCategory::parse),
                )
            })
            .collect(),
    }
}

/// Reports are for the chain above the staff and the administrator.
pub fn authorized(me: &super::accounts::UserRow) -> Result<(), ServerError> {
    if crate::domain::access::may_read_reports(me.role_set()) {
        Ok(())
    } else {
        Err(crate::error::AppError::Forbidden(None).into())
    }
}

/// The period asked for; both empty: this year.
pub fn period(from: &str, to: &str, today: chrono::NaiveDate) -> Result<Period, ServerError> {
    if from.trim().is_empty() && to.trim().is_empty() {
        return Ok(Period::year_of(today));
    }
    Ok(Period::parse(from, to)?)
}
