//! The tray: an icon whose shape and colour say the state at a glance, a menu with the status
//! of each entity and a few commands, and desktop notifications when something goes wrong or
//! recovers.
//!
//! The tray only reads the status (from the state store, read-only) and sends [`Command`]s;
//! the agent's pipeline runs the same with or without it. What is shown is a pure function of
//! the status ([`model`], [`icon`], [`notice`]); a platform backend only renders it:
//! - Linux and the BSDs: a StatusNotifierItem over D-Bus (`ksni`, pure Rust: no GTK, no event
//!   loop); without a session bus or a tray host the agent runs headless.
//! - Windows and macOS: `tray-icon` with a `tao` event loop, woken by the loop's proxy for
//!   every update (one backend, `native`). On Windows the loop runs on a UI thread of its own;
//!   on macOS AppKit needs the main thread, so `sheetdrop run` hands it over with
//!   [`run_with_event_loop`] and the agent runs on another thread. The macOS tray is
//!   type-checked only (cross-compiled from Linux by `.ci/check-macos`): it has never been
//!   run on a Mac.
//!
//! A worker thread owns the UI state: it re-reads the status when the agent says a pass
//! started or ended (and every 30 s, for "hace 3 min"), raises the notifications, and turns
//! menu clicks into commands or desktop actions.

mod actions;
pub mod icon;
pub mod model;
pub mod notice;

#[cfg(all(unix, not(target_os = "macos")))]
mod linux;
#[cfg(any(windows, target_os = "macos"))]
mod native;

#[cfg(target_os = "macos")]
pub use native::run_with_event_loop;

use crate::i18n::Lang;
use crate::status::{Paths, Status};
use model::Action;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, SystemTime};

/// How often the tray re-reads the status on its own (relative times move on).
const REFRESH: Duration = Duration::from_secs(30);

/// What the tray asks the running agent to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Rescan the folder and publish what is due, now.
    SyncNow,
    /// Stop processing files; keep watching.
    Pause,
    /// Process files again.
    Resume,
    /// Finish the step in progress and stop.
    Quit,
}

/// What the tray needs to know besides the status.
#[derive(Debug, Clone)]
pub struct Context {
    /// The interface language.
    pub lang: Lang,
    /// The config file in use, if any.
    pub config_path: Option<PathBuf>,
    /// The watched folder.
    pub folder: PathBuf,
    /// Where the destination publishes: in `lang` for people (About), in English in the
    /// diagnostics for support.
    pub destination: crate::i18n::Message,
    /// The state store to read the status from.
    pub state_db: PathBuf,
    /// Where the data, report and log are.
    pub paths: Paths,
}

/// Why there is no tray.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No graphical session ([`crate::platform::desktop::graphical_session`]).
    #[error("no desktop session")]
    NoDesktop,
    /// The desktop has no tray, or it could not be reached.
    #[error("no tray available: {0}")]
    Unavailable(String),
}

/// Runs `body` (the agent with its tray) and returns its result; call it on the main thread.
/// On macOS the tray's event loop must own the main thread, so there the main thread pumps
/// it while `body` runs on a thread of its own (`native::macos`); elsewhere this is just
/// `body()`, with the same bounds, so that every build checks `body` can move threads.
#[cfg(not(target_os = "macos"))]
pub fn run_with_event_loop<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
    body()
}

/// Messages to the tray's worker.
#[derive(Debug)]
enum Msg {
    /// A pass started (`true`) or ended (`false`): re-read the status.
    Busy(bool),
    /// A menu item was clicked.
    Click(Action),
    /// The system asked the program to end (Windows: `WM_CLOSE`, the session's end): the
    /// agent stops as for "Salir".
    #[cfg(windows)]
    Stop(StopRequest),
    /// Stop the worker.
    Shutdown,
}

/// Why the system asked the program to end, for the log.
#[cfg(windows)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StopRequest {
    /// Asked to close (`taskkill` without `/f`, `WM_CLOSE`).
    Close,
    /// The user's session is ending (log off, restart, shut down).
    SessionEnd,
}

/// A running tray. Dropping it removes the icon.
pub struct Tray {
    to_worker: Sender<Msg>,
    commands: Receiver<Command>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Tray {
    /// Shows the tray (Linux and BSD: a StatusNotifierItem; Windows: a notification-area
    /// icon; macOS: a menu-bar icon, inside [`run_with_event_loop`] only). Fails, without
    /// side effects, when there is no desktop session, session bus, tray host or (macOS)
    /// main-thread event loop.
    pub fn start(ctx: Context) -> Result<Tray, Error> {
        if !crate::platform::desktop::graphical_session() {
            return Err(Error::NoDesktop);
        }
        let (to_worker, from_ui) = mpsc::channel();
        let status = read_status(&ctx);
        let first = model::menu(&status, ctx.lang, SystemTime::now(), false, false);
        #[cfg(any(windows, target_os = "macos"))]
        let backend = native::Backend::spawn(first, to_worker.clone())?;
        #[cfg(all(unix, not(target_os = "macos")))]
        let backend = linux::Backend::spawn(first, to_worker.clone())?;
        Ok(Tray::with_worker(ctx, status, backend, to_worker, from_ui))
    }

    fn with_worker(
        ctx: Context,
        status: Status,
        backend: impl Render,
        to_worker: Sender<Msg>,
        from_ui: Receiver<Msg>,
    ) -> Tray {
        let (send_command, commands) = mpsc::channel();
        let worker = Worker {
            ctx,
            backend,
            status,
            paused: false,
            busy: false,
            commands: send_command,
            clipboard: None,
        };
        let handle = std::thread::Builder::new()
            .name("tray".into())
            .spawn(move || worker.run(from_ui))
            .expect("a thread can be started");
        Tray {
            to_worker,
            commands,
            worker: Some(handle),
        }
    }

    /// Tells the tray a pass started (`true`: the icon says "working") or ended.
    pub fn busy(&self, busy: bool) {
        let _ = self.to_worker.send(Msg::Busy(busy));
    }

    /// The next command from the menu, if any (never blocks).
    pub fn try_command(&self) -> Option<Command> {
        self.commands.try_recv().ok()
    }
}

impl Drop for Tray {
    fn drop(&mut self) {
        let _ = self.to_worker.send(Msg::Shutdown);
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// A platform's way of showing the model.
trait Render: Send + 'static {
    /// Shows `menu` (icon, tooltip, menu).
    fn render(&mut self, menu: &model::Menu);
    /// Removes the icon.
    fn close(&mut self);
}

/// The tray's state, on its own thread.
struct Worker<R> {
    ctx: Context,
    backend: R,
    status: Status,
    paused: bool,
    busy: bool,
    commands: Sender<Command>,
    /// Kept while the tray lives: on X11 the clipboard's content is served by its owner.
    clipboard: Option<arboard::Clipboard>,
}

impl<R: Render> Worker<R> {
    fn run(mut self, from_ui: Receiver<Msg>) {
        loop {
            match from_ui.recv_timeout(REFRESH) {
                Ok(Msg::Busy(busy)) => {
                    self.busy = busy;
                    self.refresh();
                }
                Ok(Msg::Click(action)) => self.click(action),
                #[cfg(windows)]
                Ok(Msg::Stop(why)) => {
                    tracing::info!(?why, "the system asked sheetdrop to end");
                    let _ = self.commands.send(Command::Quit);
                }
                Err(RecvTimeoutError::Timeout) => self.refresh(),
                Ok(Msg::Shutdown) | Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        self.backend.close();
    }

    /// Re-reads the status, raises what changed, and shows it.
    fn refresh(&mut self) {
        let status = read_status(&self.ctx);
        for n in notice::notices(Some(&self.status), &status, self.ctx.lang) {
            notice::show(&n);
        }
        self.status = status;
        self.render();
    }

    fn render(&mut self) {
        let menu = model::menu(
            &self.status,
            self.ctx.lang,
            SystemTime::now(),
            self.paused,
            self.busy,
        );
        self.backend.render(&menu);
    }

    fn click(&mut self, action: Action) {
        tracing::info!(?action, "tray menu");
        let command = match action {
            Action::SyncNow => Some(Command::SyncNow),
            Action::Pause | Action::Resume => {
                self.paused = action == Action::Pause;
                self.render();
                Some(if self.paused {
                    Command::Pause
                } else {
                    Command::Resume
                })
            }
            Action::Quit => Some(Command::Quit),
            Action::OpenExports => {
                actions::open(&self.ctx.folder);
                None
            }
            Action::ViewReport => {
                actions::open(&self.ctx.paths.report);
                None
            }
            Action::OpenLog => {
                actions::open(&self.ctx.paths.log);
                None
            }
            Action::CopyDiagnostics => {
                self.copy_diagnostics();
                None
            }
            Action::About => {
                let lang = self.ctx.lang;
                notice::show(&notice::Notice {
                    entity: String::new(),
                    summary: format!("sheetdrop {}", env!("CARGO_PKG_VERSION")),
                    body: format!(
                        "{}\n{}: {}\n{}",
                        self.ctx.folder.display(),
                        lang.text(crate::i18n::Text::Destination),
                        self.ctx.destination.render(lang),
                        self.ctx.paths.report.display()
                    ),
                });
                None
            }
        };
        if let Some(command) = command {
            let _ = self.commands.send(command);
        }
    }

    fn copy_diagnostics(&mut self) {
        let text = actions::diagnostics(&self.ctx, &read_status(&self.ctx));
        let copied = match &mut self.clipboard {
            Some(clipboard) => clipboard.set_text(text),
            None => arboard::Clipboard::new().and_then(|mut clipboard| {
                let result = clipboard.set_text(text);
                self.clipboard = Some(clipboard);
                result
            }),
        };
        match copied {
            Ok(()) => notice::show(&notice::Notice {
                entity: String::new(),
                summary: self
                    .ctx
                    .lang
                    .text(crate::i18n::Text::DiagnosticsCopied)
                    .into(),
                body: String::new(),
            }),
            Err(e) => tracing::warn!(error = %e, "cannot copy to the clipboard"),
        }
    }
}

/// The status now; a store that cannot be read gives an empty one (logged).
fn read_status(ctx: &Context) -> Status {
    Status::read(&ctx.state_db, ctx.paths.clone()).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "the tray cannot read the status");
        Status {
            paths: ctx.paths.clone(),
            initialized: false,
            entities: vec![],
            outbox: vec![],
            runs: vec![],
        }
    })
}
