//! What the tray shows, as a pure function of the status: the icon's state and the menu's
//! lines and items. No I/O, no clock (the time is an argument): every platform backend
//! renders this model and nothing else, and the tests below cover every state.

use crate::i18n::{Health, Lang, Text};
use crate::status::{EntityView, Status};
use std::time::SystemTime;

/// Something a menu item does when clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Rescan the folder and publish what is due now.
    SyncNow,
    /// Stop processing files (the folder stays watched).
    Pause,
    /// Process files again.
    Resume,
    /// Open the watched folder in the file manager.
    OpenExports,
    /// Open the HTML report in the default browser.
    ViewReport,
    /// Open the folder of log files.
    OpenLog,
    /// Copy a diagnostic text (no secrets) to the clipboard.
    CopyDiagnostics,
    /// Show the version and where things are.
    About,
    /// Stop the agent.
    Quit,
}

/// A clickable menu item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What it does.
    pub action: Action,
    /// Its label, in the interface's language.
    pub label: String,
}

/// The whole tray: icon state, tooltip and menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    /// Which icon to show.
    pub icon: Health,
    /// "Todo publicado · hace 3 min": the first, informative line, also the tooltip.
    pub status_line: String,
    /// One informative line per entity.
    pub entities: Vec<String>,
    /// The actions, in menu order (a separator goes before the first and after the pause
    /// item).
    pub items: Vec<Item>,
}

impl Menu {
    /// True when a separator follows the action at `index`: after "Pausar / Reanudar" (the
    /// two commands stand apart from the desktop actions) and before "Salir".
    pub fn separator_after(&self, index: usize) -> bool {
        index == 1 || index + 2 == self.items.len()
    }
}

/// The icon's state: paused when the user paused the agent, else the status's health;
/// `busy` (a pass in progress) shows "working" unless something needs looking at.
pub fn icon_state(status: &Status, paused: bool, busy: bool) -> Health {
    if paused {
        return Health::Paused;
    }
    match status.health() {
        Health::Published if busy => Health::Working,
        health => health,
    }
}

/// The tray's model at `now`.
pub fn menu(status: &Status, lang: Lang, now: SystemTime, paused: bool, busy: bool) -> Menu {
    let icon = icon_state(status, paused, busy);
    let status_line = if !status.initialized {
        format!("{} · {}", lang.health(icon), lang.text(Text::NotRunYet))
    } else if status.entities.is_empty() {
        format!("{} · {}", lang.health(icon), lang.text(Text::NoFilesYet))
    } else {
        let last = status
            .entities
            .iter()
            .filter_map(|e| e.last_published_at)
            .max();
        lang.status_line(icon, last.map(|at| elapsed(at, now)))
    };
    let entities = status
        .entities
        .iter()
        .map(|e| entity_line(e, lang, now))
        .collect();
    let item = |action, key| Item {
        action,
        label: lang.text(key).to_string(),
    };
    let items = vec![
        item(Action::SyncNow, Text::MenuSyncNow),
        if paused {
            item(Action::Resume, Text::MenuResume)
        } else {
            item(Action::Pause, Text::MenuPause)
        },
        item(Action::OpenExports, Text::MenuOpenExports),
        item(Action::ViewReport, Text::MenuViewReport),
        item(Action::OpenLog, Text::MenuOpenLog),
        item(Action::CopyDiagnostics, Text::MenuCopyDiagnostics),
        item(Action::About, Text::MenuAbout),
        item(Action::Quit, Text::MenuQuit),
    ];
    Menu {
        icon,
        status_line,
        entities,
        items,
    }
}

/// "clientes: Aceptado · 1.204 filas · publicado hace 3 min · 2 problemas", then the delta
/// against the last accepted snapshot when there is one (" · +1 −2 ~5").
fn entity_line(e: &EntityView, lang: Lang, now: SystemTime) -> String {
    let verdict = lang.verdict(e.last_verdict.as_deref().unwrap_or("missing"));
    let rows = lang.plural(e.rows, Text::RowsOne, Text::RowsMany);
    let when = match e.last_published_at {
        Some(at) => lang.ago(elapsed(at, now)),
        None => lang.text(Text::Never).to_string(),
    };
    let issues: u64 = e.counts.values().sum();
    let issues = lang.plural(issues, Text::IssuesOne, Text::IssuesMany);
    let mut line = lang.format(
        Text::MenuEntityLine,
        &[
            ("entity", &e.entity),
            ("verdict", &verdict),
            ("rows", &rows),
            ("when", &when),
            ("issues", &issues),
        ],
    );
    if let Some(delta) = e.delta() {
        line = lang.format(
            Text::MenuEntityDelta,
            &[
                ("line", &line),
                ("added", &lang.number(delta.added)),
                ("removed", &lang.number(delta.removed)),
                ("changed", &lang.number(delta.changed)),
            ],
        );
    }
    // A menu label is one line: control characters of names never reach it.
    line.retain(|c| !c.is_control());
    line
}

/// How long ago `at` was; zero when it is in the future (a clock that went back).
fn elapsed(at: SystemTime, now: SystemTime) -> std::time::Duration {
    now.duration_since(at).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::state::{EntityStatus, OutboxItem, RunRow};
    use crate::status::Paths;
    use std::time::Duration;

    pub(crate) fn t0() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    pub(crate) fn entity(name: &str, verdict: &str) -> EntityView {
        EntityView {
            status: EntityStatus {
                entity: name.into(),
                last_snapshot_id: Some(1),
                last_file: Some(format!("{name}.csv")),
                last_received_at: Some(t0()),
                last_verdict: Some(verdict.into()),
                rows: 1204,
                rows_accepted: 1204,
                last_published_at: Some(t0()),
                last_error: None,
                updated_at: t0(),
                pending: false,
                next_attempt_at: None,
            },
            counts: Default::default(),
            report: None,
        }
    }

    pub(crate) fn status(entities: Vec<EntityView>) -> Status {
        Status {
            paths: Paths {
                data_dir: "/data".into(),
                report: "/data/report.html".into(),
                log: "/data/logs".into(),
            },
            initialized: true,
            entities,
            outbox: vec![],
            runs: vec![],
        }
    }

    pub(crate) fn outbox(entity: &str, error: Option<&str>) -> OutboxItem {
        OutboxItem {
            id: 1,
            entity: entity.into(),
            snapshot_id: 1,
            destination: "local".into(),
            attempts: u32::from(error.is_some()),
            next_attempt_at: t0(),
            last_error: error.map(Into::into),
            created_at: t0(),
        }
    }

    fn labels(menu: &Menu) -> Vec<&str> {
        menu.items.iter().map(|i| i.label.as_str()).collect()
    }

    const MIN3: Duration = Duration::from_secs(180);

    #[test]
    fn all_published() {
        let s = status(vec![
            entity("clientes", "accepted"),
            entity("ventas", "unchanged"),
        ]);
        let m = menu(&s, Lang::Es, t0() + MIN3, false, false);
        assert_eq!(m.icon, Health::Published);
        assert_eq!(m.status_line, "Todo publicado · hace 3 min");
        assert_eq!(
            m.entities[0],
            "clientes: Aceptado · 1.204 filas · publicado hace 3 min · 0 problemas"
        );
        assert_eq!(m.entities[1].split(':').next(), Some("ventas"));
        assert_eq!(
            labels(&m),
            [
                "Sincronizar ahora",
                "Pausar",
                "Abrir carpeta de exportaciones",
                "Ver informe",
                "Abrir registro",
                "Copiar diagnóstico",
                "Acerca de",
                "Salir"
            ]
        );
    }

    #[test]
    fn working_while_busy_or_pending_or_running() {
        let s = status(vec![entity("clientes", "accepted")]);
        assert_eq!(icon_state(&s, false, true), Health::Working);
        let mut pending = s.clone();
        pending.outbox.push(outbox("clientes", None));
        assert_eq!(icon_state(&pending, false, false), Health::Working);
        let mut running = s.clone();
        running.runs.push(RunRow {
            id: 1,
            started_at: t0(),
            finished_at: None,
            trigger: crate::state::Trigger::Change,
            summary: None,
            outcome: None,
        });
        let m = menu(&running, Lang::En, t0() + MIN3, false, false);
        assert_eq!(m.icon, Health::Working);
        assert_eq!(m.status_line, "Working · 3 min ago");
    }

    #[test]
    fn attention_for_partial_held_or_warnings_even_while_busy() {
        for verdict in ["partial", "held"] {
            let s = status(vec![
                entity("clientes", "accepted"),
                entity("ventas", verdict),
            ]);
            assert_eq!(icon_state(&s, false, true), Health::Attention, "{verdict}");
        }
        let mut e = entity("ventas", "held");
        e.counts.insert("shrink".into(), 1);
        e.status.last_published_at = None;
        let m = menu(&status(vec![e]), Lang::PtBr, t0(), false, false);
        assert_eq!(m.status_line, "Requer atenção");
        assert_eq!(
            m.entities[0],
            "ventas: Retido · 1.204 registros · publicado nunca · 1 problema"
        );
    }

    #[test]
    fn error_for_rejected_unreadable_or_failing_publish() {
        let s = status(vec![entity("clientes", "rejected")]);
        assert_eq!(icon_state(&s, false, false), Health::Error);
        let mut e = entity("clientes", "accepted");
        e.status.last_error = Some("cannot open".into());
        assert_eq!(icon_state(&status(vec![e]), false, true), Health::Error);
        let mut failing = status(vec![entity("clientes", "accepted")]);
        failing.outbox.push(outbox("clientes", Some("disk full")));
        let m = menu(&failing, Lang::Es, t0() + MIN3, false, false);
        assert_eq!(m.icon, Health::Error);
        assert_eq!(m.status_line, "Hay un problema · hace 3 min");
    }

    #[test]
    fn paused_wins_and_offers_resume() {
        let s = status(vec![entity("clientes", "rejected")]);
        let m = menu(&s, Lang::Es, t0(), true, true);
        assert_eq!(m.icon, Health::Paused);
        assert!(m.status_line.starts_with("En pausa"), "{}", m.status_line);
        assert_eq!(m.items[1].action, Action::Resume);
        assert_eq!(m.items[1].label, "Reanudar");
        let m = menu(&s, Lang::En, t0(), false, false);
        assert_eq!(m.items[1].action, Action::Pause);
    }

    #[test]
    fn before_the_first_run_and_before_any_file() {
        let mut s = status(vec![]);
        let m = menu(&s, Lang::Es, t0(), false, false);
        assert_eq!(
            m.status_line,
            "Todo publicado · Todavía no llegó ningún archivo a la carpeta"
        );
        assert!(m.entities.is_empty());
        s.initialized = false;
        let m = menu(&s, Lang::En, t0(), false, false);
        assert_eq!(
            m.status_line,
            "All published · The agent has not run on this computer yet"
        );
        assert_eq!(m.items.len(), 8);
        assert_eq!(m.items.last().unwrap().label, "Quit");
        let separated: Vec<_> = (0..m.items.len())
            .filter(|&i| m.separator_after(i))
            .map(|i| m.items[i].action)
            .collect();
        assert_eq!(separated, [Action::Pause, Action::About]);
    }

    #[test]
    fn entity_lines_have_no_control_characters_and_a_future_time_is_just_now() {
        let mut e = entity("cli\nentes", "accepted");
        e.status.last_published_at = Some(t0() + Duration::from_secs(3600));
        e.status.last_verdict = None;
        let m = menu(&status(vec![e]), Lang::En, t0(), false, false);
        assert_eq!(
            m.entities[0],
            "clientes: No file · 1,204 rows · published just now · 0 issues"
        );
    }

    #[test]
    fn an_entity_line_ends_with_its_delta_when_it_has_one() {
        let mut e = entity("clientes", "accepted");
        e.report = Some(crate::report::StoredReport {
            delta: Some(crate::validate::Delta {
                added: 1,
                removed: 2,
                changed: 1500,
                ..Default::default()
            }),
            ..Default::default()
        });
        let m = menu(&status(vec![e]), Lang::Es, t0(), false, false);
        assert!(
            m.entities[0].ends_with(" · +1 −2 ~1.500"),
            "{}",
            m.entities[0]
        );
    }
}
