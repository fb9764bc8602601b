//! Quarantine: a file that stops the agent while it is checked (the OOM killer, a crash, a
//! `kill -9`) is not checked again while it is the same file, so one poisonous export cannot
//! crash the agent at every start and hold back every other entity.
//!
//! Before a group of files is checked, a durable "checking" marker per file goes into the
//! state store's settings (`checking:<entity>`: its sha256, name, spool copy and size); it is
//! removed once the group's snapshots are recorded, or when the agent stops in the middle of
//! a pass on request ([`forget_checking`]). At start ([`after_crash`]), markers still there
//! mean the agent died checking those files. Three strikes ([`STRIKES`]):
//! - the first time, the file is a suspect (`suspect:<entity>`: the same marker, with a count
//!   of strikes), checked alone when it comes back ([`groups`]) — the agent may have died of
//!   another file of the batch, or have been killed by someone at that moment (a user's
//!   `kill -9`, a power cut; `tests/crash.rs` kills it at random instants, and must still
//!   converge);
//! - the second time (the same bytes, checked alone), it is still only a suspect: one random
//!   kill landing twice on the same check is rare, but not rare enough for a good export to be
//!   locked out on it;
//! - the third time, it did it: it is recorded as a rejected snapshot with the issue
//!   `quarantined`, and its (entity, sha256) is remembered (`quarantined:<entity>:<sha256>`),
//!   so the same bytes arriving again are skipped with that status ([`skip`]), never read.
//!
//! A crash loop thus ends at the third start after the file arrived (with systemd's
//! `RestartSec=10`, half a minute); a suspect that is checked to the end is cleared; a changed
//! file (another sha256) is checked as usual. The rows are a few per crash, in the settings
//! table: no schema change.

use super::record::{record_rejected, Spooled};
use super::Error;
use crate::state::{self, State};
use crate::validate::{Code, EntityReport, Facts};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The key prefix of the markers of files being checked.
const CHECKING: &str = "checking:";
/// The key prefix of files checked together when the agent died.
const SUSPECT: &str = "suspect:";
/// The key prefix of quarantined files (`quarantined:<entity>:<sha256>`).
const QUARANTINED: &str = "quarantined:";
/// How many times the agent must die while checking the same file before it is quarantined.
const STRIKES: u32 = 3;

/// A file being checked, as its marker records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Marker {
    entity: String,
    sha256: String,
    source_name: String,
    spool_path: PathBuf,
    size: u64,
    /// How many times the agent died while checking these bytes (in a suspect marker).
    #[serde(default)]
    strikes: u32,
}

impl Marker {
    fn of(s: &Spooled) -> Marker {
        Marker {
            entity: s.entity.clone(),
            sha256: s.inner.sha256.clone(),
            source_name: s.inner.source_name.clone(),
            spool_path: s.inner.path.clone(),
            size: s.inner.size,
            strikes: 0,
        }
    }
}

/// What to make of the markers left by an agent that died: each file's strikes are counted
/// (one more than its suspect marker's, when that is the same bytes); at [`STRIKES`] it is
/// quarantined, else it is a suspect (pure: the decision of [`after_crash`]; `suspected` gives
/// a file's suspect marker). Returns (to quarantine, suspects).
fn verdict_on(
    left: Vec<Marker>,
    suspected: impl Fn(&str) -> Option<Marker>,
) -> (Vec<Marker>, Vec<Marker>) {
    let (mut quarantine, mut suspects) = (Vec::new(), Vec::new());
    for mut marker in left {
        marker.strikes = suspected(&marker.entity)
            .filter(|s| s.sha256 == marker.sha256)
            .map_or(1, |s| s.strikes.max(1) + 1);
        if marker.strikes >= STRIKES {
            quarantine.push(marker);
        } else {
            suspects.push(marker);
        }
    }
    (quarantine, suspects)
}

/// Reads the markers a dead agent left: quarantines or suspects their files (module doc).
/// Returns the entities whose file was quarantined.
pub(super) fn after_crash(state: &mut State) -> Result<Vec<String>, Error> {
    let mut left = Vec::new();
    for (key, value) in state.settings_with_prefix(CHECKING)? {
        state.delete_setting(&key)?;
        let marker = match serde_json::from_str::<Marker>(&value) {
            Ok(marker) => marker,
            Err(error) => {
                tracing::warn!(%key, %error, "unreadable checking marker; dropped");
                continue;
            }
        };
        // Its check ended (the snapshot is recorded): the agent died after it.
        let recorded = state.last_snapshot(&marker.entity)?;
        if recorded.is_none_or(|r| r.snapshot.sha256 != marker.sha256) {
            left.push(marker);
        }
    }
    let mut suspected = std::collections::HashMap::new();
    for (key, value) in state.settings_with_prefix(SUSPECT)? {
        if let Ok(marker) = serde_json::from_str::<Marker>(&value) {
            suspected.insert(key[SUSPECT.len()..].to_string(), marker);
        }
    }
    let (quarantine, suspects) = verdict_on(left, |entity| suspected.get(entity).cloned());
    for m in &suspects {
        tracing::warn!(entity = %m.entity, file = %m.source_name, sha256 = %m.sha256, strikes = m.strikes,
            "the agent stopped while checking this file; it is checked alone next, and quarantined if that stops it {STRIKES} times");
        state.set_setting(
            &format!("{SUSPECT}{}", m.entity),
            &serde_json::to_string(m).expect("a marker serializes"),
        )?;
    }
    let mut quarantined = Vec::new();
    for m in quarantine {
        tracing::error!(entity = %m.entity, file = %m.source_name, sha256 = %m.sha256,
            "the agent stopped again and again while checking this file alone: quarantined until it changes");
        state.set_setting(
            &format!("{QUARANTINED}{}:{}", m.entity, m.sha256),
            &m.source_name,
        )?;
        state.delete_setting(&format!("{SUSPECT}{}", m.entity))?;
        record(state, &m)?;
        quarantined.push(m.entity);
    }
    Ok(quarantined)
}

/// True when `file` is quarantined: it is not checked. When its entity's newest snapshot is
/// another file, the quarantine is recorded again, so the status says why nothing changed.
pub(super) fn skip(state: &mut State, file: &Spooled) -> Result<bool, Error> {
    let key = format!("{QUARANTINED}{}:{}", file.entity, file.inner.sha256);
    if state.setting(&key)?.is_none() {
        return Ok(false);
    }
    tracing::warn!(entity = %file.entity, file = %file.inner.source_name,
        "quarantined (the agent stopped while checking it): not read again until it changes");
    let newest = state.last_snapshot(&file.entity)?;
    if newest.is_none_or(|n| n.snapshot.sha256 != file.inner.sha256) {
        record(state, &Marker::of(file))?;
    }
    Ok(true)
}

/// The batch in the groups to check: suspects alone, each in its own group, after the rest
/// together (so a suspect child finds its parent's new snapshot already recorded).
pub(super) fn groups<'b>(
    state: &State,
    batch: &'b [Spooled],
) -> Result<Vec<Vec<&'b Spooled>>, Error> {
    let mut together = Vec::new();
    let mut alone = Vec::new();
    for file in batch {
        let suspect = state
            .setting(&format!("{SUSPECT}{}", file.entity))?
            .and_then(|v| serde_json::from_str::<Marker>(&v).ok())
            .is_some_and(|m| m.sha256 == file.inner.sha256);
        if suspect {
            alone.push(vec![file]);
        } else {
            together.push(file);
        }
    }
    let mut groups = vec![together];
    groups.extend(alone);
    groups.retain(|g| !g.is_empty());
    Ok(groups)
}

/// Records, durably, that the files of `group` are being checked.
pub(super) fn mark_checking(state: &mut State, group: &[&Spooled]) -> Result<(), Error> {
    for file in group {
        let marker = serde_json::to_string(&Marker::of(file)).expect("a marker serializes");
        state.set_setting(&format!("{CHECKING}{}", file.entity), &marker)?;
    }
    Ok(())
}

/// Removes the markers of `group`, checked and recorded (and their suspicion with them). A
/// marker left between recording and this is dropped at start ([`after_crash`]).
pub(super) fn clear_checking(state: &mut State, group: &[&Spooled]) -> Result<(), Error> {
    for file in group {
        state.delete_setting(&format!("{CHECKING}{}", file.entity))?;
        state.delete_setting(&format!("{SUSPECT}{}", file.entity))?;
    }
    Ok(())
}

/// Removes every checking marker: the agent is stopping in the middle of a pass because it
/// was asked to, which says nothing against the files it was checking. Opens its own
/// connection (the agent's is busy on the pass); a failure is logged only.
pub(super) fn forget_checking(state_db: &std::path::Path) {
    let result = State::open(state_db).and_then(|mut state| {
        for (key, _) in state.settings_with_prefix(CHECKING)? {
            state.delete_setting(&key)?;
        }
        Ok(())
    });
    if let Err(error) = result {
        tracing::warn!(%error, "cannot clear the checking markers");
    }
}

/// Records, now, a rejected snapshot of `m`'s file saying it is quarantined.
fn record(state: &mut State, m: &Marker) -> Result<i64, state::Error> {
    let report = report(&m.entity, &m.source_name);
    let now = std::time::SystemTime::now();
    record_rejected(state, &report, m.spool_path.clone(), &m.sha256, m.size, now)
}

/// The report of a quarantined file: rejected, with the one issue `quarantined`.
fn report(entity: &str, file: &str) -> EntityReport {
    EntityReport::rejected(
        entity,
        file,
        Code::Quarantined,
        Facts::default(),
        "the agent stopped while checking this file; it is not read again until it changes".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn spooled(entity: &str, sha: &str) -> Spooled {
        Spooled {
            entity: entity.into(),
            inner: crate::snapshot::Spooled {
                path: PathBuf::from(format!("/spool/{entity}/{sha}.csv")),
                sha256: sha.into(),
                size: 10,
                source_name: format!("{entity}.csv"),
            },
            previous_rows: None,
            previous_spool: None,
        }
    }

    fn fresh() -> (tempfile::TempDir, State) {
        let dir = tempfile::tempdir().unwrap();
        let state = State::open(&dir.path().join("state.sqlite")).unwrap();
        (dir, state)
    }

    #[test]
    fn a_file_that_stops_the_agent_three_times_is_quarantined_until_it_changes() {
        let (_dir, mut state) = fresh();
        let bad = spooled("clientes", "aa");
        mark_checking(&mut state, &[&bad]).unwrap();
        // The agent dies here; the next start finds the marker: a suspect, no verdict yet.
        assert!(after_crash(&mut state).unwrap().is_empty());
        assert!(state.last_snapshot("clientes").unwrap().is_none());
        assert!(!skip(&mut state, &bad).unwrap());
        // Checked alone, it stops the agent again: still a suspect (a kill may land twice).
        mark_checking(&mut state, &[&bad]).unwrap();
        assert!(after_crash(&mut state).unwrap().is_empty());
        assert!(state.last_snapshot("clientes").unwrap().is_none());
        assert!(!skip(&mut state, &bad).unwrap());
        // And a third time: quarantined.
        mark_checking(&mut state, &[&bad]).unwrap();
        assert_eq!(after_crash(&mut state).unwrap(), ["clientes"]);
        let last = state.last_snapshot("clientes").unwrap().unwrap();
        assert_eq!(last.snapshot.verdict, "rejected");
        assert!(last.snapshot.report_json.contains(r#""quarantined":1"#));
        // Once only: the marker is gone.
        assert!(after_crash(&mut state).unwrap().is_empty());
        assert!(skip(&mut state, &bad).unwrap());
        assert!(!skip(&mut state, &spooled("clientes", "bb")).unwrap());
        assert!(!skip(&mut state, &spooled("ventas", "aa")).unwrap());
        // Skipping again records nothing new while it is the newest snapshot.
        let id = last.id;
        assert!(skip(&mut state, &bad).unwrap());
        assert_eq!(state.last_snapshot("clientes").unwrap().unwrap().id, id);
    }

    #[test]
    fn a_suspect_that_changed_or_was_checked_to_the_end_is_cleared() {
        let (_dir, mut state) = fresh();
        mark_checking(&mut state, &[&spooled("clientes", "aa")]).unwrap();
        after_crash(&mut state).unwrap();
        // Another export arrives and stops the agent: a suspect again, not quarantined.
        let newer = spooled("clientes", "bb");
        mark_checking(&mut state, &[&newer]).unwrap();
        assert!(after_crash(&mut state).unwrap().is_empty());
        // Checked to the end: cleared; a later stop is a first strike again.
        mark_checking(&mut state, &[&newer]).unwrap();
        clear_checking(&mut state, &[&newer]).unwrap();
        mark_checking(&mut state, &[&newer]).unwrap();
        assert!(after_crash(&mut state).unwrap().is_empty());
        assert!(state.last_snapshot("clientes").unwrap().is_none());
    }

    #[test]
    fn files_checked_together_are_suspects_then_checked_alone() {
        let (_dir, mut state) = fresh();
        let (a, b) = (spooled("a", "1"), spooled("b", "2"));
        mark_checking(&mut state, &[&a, &b]).unwrap();
        assert!(after_crash(&mut state).unwrap().is_empty());
        assert!(state.last_snapshot("a").unwrap().is_none());
        let batch = [spooled("a", "1"), spooled("b", "2"), spooled("c", "3")];
        let entities = |groups: Vec<Vec<&Spooled>>| -> Vec<Vec<String>> {
            groups
                .iter()
                .map(|g| g.iter().map(|s| s.entity.clone()).collect())
                .collect()
        };
        assert_eq!(
            entities(groups(&state, &batch).unwrap()),
            [vec!["c"], vec!["a"], vec!["b"]]
        );
        // A suspect that changed is not suspect any more.
        let changed = [spooled("a", "9")];
        assert_eq!(entities(groups(&state, &changed).unwrap()), [vec!["a"]]);
        // a is checked alone and recorded; b is checked alone and the agent dies twice more:
        // b it is.
        mark_checking(&mut state, &[&a]).unwrap();
        clear_checking(&mut state, &[&a]).unwrap();
        mark_checking(&mut state, &[&b]).unwrap();
        assert!(after_crash(&mut state).unwrap().is_empty());
        mark_checking(&mut state, &[&b]).unwrap();
        assert_eq!(after_crash(&mut state).unwrap(), ["b"]);
        assert!(state.last_snapshot("a").unwrap().is_none());
        // No suspect left (b is skipped before grouping).
        assert_eq!(
            entities(groups(&state, &batch).unwrap()),
            [vec!["a", "b", "c"]]
        );
    }

    #[test]
    fn a_marker_of_a_file_whose_snapshot_was_recorded_is_dropped() {
        let (_dir, mut state) = fresh();
        let file = spooled("clientes", "aa");
        mark_checking(&mut state, &[&file]).unwrap();
        mark_checking(&mut state, &[&file]).unwrap();
        let mut snap = crate::state::Snapshot {
            entity: "clientes".into(),
            source_name: "clientes.csv".into(),
            spool_path: file.inner.path.clone(),
            sha256: "aa".into(),
            size: 10,
            rows: 1,
            rows_accepted: 1,
            verdict: "accepted".into(),
            report_json: "{}".into(),
            left_out_rows: vec![],
            received_at: SystemTime::now(),
        };
        state.record_snapshot(&snap).unwrap();
        // Killed after recording, before the marker was removed: not even a suspect.
        assert!(after_crash(&mut state).unwrap().is_empty());
        mark_checking(&mut state, &[&file]).unwrap();
        assert!(after_crash(&mut state).unwrap().is_empty());
        // Another file's snapshot does not count.
        snap.sha256 = "bb".into();
        state.record_snapshot(&snap).unwrap();
        mark_checking(&mut state, &[&file]).unwrap();
        assert!(after_crash(&mut state).unwrap().is_empty());
        mark_checking(&mut state, &[&file]).unwrap();
        assert!(after_crash(&mut state).unwrap().is_empty());
        mark_checking(&mut state, &[&file]).unwrap();
        assert_eq!(after_crash(&mut state).unwrap(), ["clientes"]);
    }

    #[test]
    fn strikes_count_only_the_same_bytes() {
        let marker = |sha: &str, strikes| Marker {
            strikes,
            ..Marker::of(&spooled("clientes", sha))
        };
        let (q, s) = verdict_on(vec![marker("aa", 0)], |_| Some(marker("aa", 2)));
        assert_eq!((q.len(), s.len()), (1, 0));
        let (q, s) = verdict_on(vec![marker("aa", 0)], |_| Some(marker("bb", 2)));
        assert_eq!((q.len(), s[0].strikes), (0, 1));
        let (q, s) = verdict_on(vec![marker("aa", 0)], |_| None);
        assert_eq!((q.len(), s[0].strikes), (0, 1));
    }

    #[test]
    fn a_stop_on_request_forgets_the_markers() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.sqlite");
        let mut state = State::open(&db).unwrap();
        mark_checking(&mut state, &[&spooled("clientes", "aa")]).unwrap();
        forget_checking(&db);
        assert!(after_crash(&mut state).unwrap().is_empty());
        assert!(state.last_snapshot("clientes").unwrap().is_none());
    }
}
