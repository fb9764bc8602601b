//! Desktop notifications: which ones a change of status deserves (a pure function of the
//! status before and after), and sending them.
//!
//! An entity is notified when its newest file is rejected or held, when its publishing starts
//! failing, and when it recovers; at most once per entity and change: the same file never
//! twice (an ERP that exports the same bad file every few minutes is not news each time),
//! and a publish that keeps failing only once.

use crate::i18n::{Lang, Text};
use crate::report::StoredReport;
use crate::status::{EntityView, Status};

/// The part of an entity's status that notifications follow.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Watched<'a> {
    /// Nothing to say.
    Fine,
    /// This file was rejected.
    Rejected(File<'a>),
    /// This file is held.
    Held(File<'a>),
    /// A publish is pending and failed.
    Failing,
}

/// Which file a verdict is about: its report, the same for the same file checked again (a
/// new snapshot each time it is exported); its snapshot when the report cannot be read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum File<'a> {
    /// What checking it found.
    Report(&'a StoredReport),
    /// Its snapshot's id.
    Snapshot(Option<i64>),
}

fn watched(e: &EntityView) -> Watched<'_> {
    let file = || {
        e.report
            .as_ref()
            .map_or(File::Snapshot(e.last_snapshot_id), File::Report)
    };
    match e.last_verdict.as_deref() {
        Some("rejected") => return Watched::Rejected(file()),
        Some("held") => return Watched::Held(file()),
        _ => {}
    }
    if e.pending && e.last_error.is_some() {
        Watched::Failing
    } else {
        Watched::Fine
    }
}

/// A notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The entity it is about.
    pub entity: String,
    /// Its one-line title.
    pub summary: String,
    /// More detail.
    pub body: String,
}

/// What changed from `before` to `after` that people should hear about. With no `before`
/// (the tray just started) nothing is said: what was already so is in the menu.
pub fn notices(before: Option<&Status>, after: &Status, lang: Lang) -> Vec<Notice> {
    let Some(before) = before else {
        return vec![];
    };
    let mut out = Vec::new();
    for e in &after.entities {
        let was = before
            .entities
            .iter()
            .find(|b| b.entity == e.entity)
            .map_or(Watched::Fine, watched);
        let now = watched(e);
        if now == was {
            continue;
        }
        let file = e
            .last_file
            .as_deref()
            .map(crate::report::printable)
            .unwrap_or_default();
        let args: [(&str, &dyn std::fmt::Display); 2] = [("entity", &e.entity), ("file", &file)];
        let key = match (&was, &now) {
            (_, Watched::Rejected(_)) => Text::NotifyRejected,
            (_, Watched::Held(_)) => Text::NotifyHeld,
            (_, Watched::Failing) => Text::NotifyPublishFailing,
            (Watched::Failing, Watched::Fine) => Text::NotifyRecovered,
            _ => continue,
        };
        let body = match key {
            Text::NotifyRecovered => String::new(),
            _ => lang.text(Text::NotifyDetails).to_string(),
        };
        out.push(Notice {
            entity: e.entity.clone(),
            summary: lang.format(key, &args),
            body,
        });
    }
    out
}

/// How many notifications may wait for the desktop before new ones are dropped (logged).
const QUEUE: usize = 16;

/// Queues `notice` for the desktop and returns at once. One thread of their own shows them in
/// order: the call to the notification server blocks until it answers, and a server that hangs
/// must not freeze the tray's menu (and its "Salir"). A failure (no notification server) is
/// logged once per process at most, never fatal.
pub fn show(notice: &Notice) {
    static QUEUED: std::sync::OnceLock<Option<std::sync::mpsc::SyncSender<Notice>>> =
        std::sync::OnceLock::new();
    let queue = QUEUED.get_or_init(|| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Notice>(QUEUE);
        std::thread::Builder::new()
            .name("notifications".into())
            .spawn(move || receive.iter().for_each(|n| show_now(&n)))
            .map_err(|e| tracing::warn!(error = %e, "cannot start the notifications' thread"))
            .ok()
            .map(|_| send)
    });
    match queue.as_ref().map(|q| q.try_send(notice.clone())) {
        Some(Ok(())) => {}
        Some(Err(_)) | None => {
            tracing::warn!(entity = %notice.entity, summary = %notice.summary, "notification dropped: the desktop does not take them")
        }
    }
}

/// Shows `notice` now, waiting for the notification server's answer.
fn show_now(notice: &Notice) {
    static LOGGED: std::sync::Once = std::sync::Once::new();
    let result = notify_rust::Notification::new()
        .appname("sheetdrop")
        .summary(&notice.summary)
        .body(&notice.body)
        .show();
    match result {
        Ok(_) => tracing::info!(entity = %notice.entity, summary = %notice.summary, "notified"),
        Err(e) => LOGGED.call_once(|| {
            tracing::info!(error = %e, "desktop notifications are not available");
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tray::model::tests::{entity, outbox, status};

    fn failing(name: &str) -> EntityView {
        let mut e = entity(name, "accepted");
        e.status.pending = true;
        e.status.last_error = Some("disk full".into());
        e
    }

    #[test]
    fn nothing_at_start_or_without_change() {
        let s = status(vec![entity("clientes", "rejected")]);
        assert!(notices(None, &s, Lang::Es).is_empty());
        assert!(notices(Some(&s), &s, Lang::Es).is_empty());
    }

    #[test]
    fn rejected_and_held_once_per_snapshot() {
        let before = status(vec![
            entity("clientes", "accepted"),
            entity("ventas", "accepted"),
        ]);
        let after = status(vec![
            entity("clientes", "rejected"),
            entity("ventas", "held"),
        ]);
        let n = notices(Some(&before), &after, Lang::Es);
        assert_eq!(n.len(), 2);
        assert_eq!(
            n[0].summary,
            "clientes: el archivo clientes.csv fue rechazado y no se publicó"
        );
        assert_eq!(n[0].body, "Abra «Ver informe» para ver qué corregir.");
        assert!(n[1]
            .summary
            .starts_with("ventas: el archivo ventas.csv quedó retenido"));
        // The same rejected snapshot again: nothing; a newer rejected one: again.
        assert!(notices(Some(&after), &after, Lang::Es).is_empty());
        let mut newer = after.clone();
        newer.entities[0].status.last_snapshot_id = Some(2);
        let n = notices(Some(&after), &newer, Lang::En);
        assert_eq!(n.len(), 1);
        assert_eq!(
            n[0].summary,
            "clientes: the file clientes.csv was rejected and not published"
        );
    }

    #[test]
    fn the_same_bad_file_exported_again_is_not_news() {
        let with_report = |snapshot, rows| {
            let mut e = entity("clientes", "rejected");
            e.status.last_snapshot_id = Some(snapshot);
            e.report = Some(StoredReport {
                file: Some("clientes.csv".into()),
                rows,
                verdict: Some("rejected".into()),
                ..Default::default()
            });
            status(vec![e])
        };
        let first = with_report(1, 2);
        // Checked again: a new snapshot with the same report.
        assert!(notices(Some(&first), &with_report(2, 2), Lang::Es).is_empty());
        // Another rejected file (another report): said again.
        let n = notices(Some(&first), &with_report(3, 3), Lang::Es);
        assert_eq!(n.len(), 1);
        assert!(n[0].summary.contains("rechazado"), "{n:?}");
    }

    #[test]
    fn publish_failing_once_then_recovered_once() {
        let ok = status(vec![entity("ventas", "accepted")]);
        let mut bad = status(vec![failing("ventas")]);
        bad.outbox.push(outbox("ventas", Some("disk full")));
        let n = notices(Some(&ok), &bad, Lang::PtBr);
        assert_eq!(n.len(), 1);
        assert_eq!(
            n[0].summary,
            "ventas: não é possível publicar; tentando novamente sozinho"
        );
        // Still failing on the next attempts: nothing more.
        let mut still = bad.clone();
        still.entities[0].status.last_error = Some("disk still full".into());
        assert!(notices(Some(&bad), &still, Lang::Es).is_empty());
        let n = notices(Some(&still), &ok, Lang::Es);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].summary, "ventas: se volvió a publicar con normalidad");
        assert_eq!(n[0].body, "");
    }

    #[test]
    fn a_new_entity_that_arrives_rejected_is_notified_and_a_fix_is_not() {
        let before = status(vec![]);
        let after = status(vec![entity("servicios", "rejected")]);
        assert_eq!(notices(Some(&before), &after, Lang::Es).len(), 1);
        // Rejected → accepted is good news the menu shows; no notification.
        let fixed = status(vec![entity("servicios", "accepted")]);
        assert!(notices(Some(&after), &fixed, Lang::Es).is_empty());
    }
}
