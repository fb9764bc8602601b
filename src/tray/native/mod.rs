//! The `tray-icon` backend, for Windows and macOS: a notification-area (Windows) or menu-bar
//! (macOS) icon with a native menu, driven by a `tao` event loop. Everything but where that
//! loop runs is shared: the model as a native menu, the ids that map clicks back to
//! [`model::Action`]s, the icon's pixels and the handling of each [`UiEvent`].
//!
//! Where the loop runs is each platform's part:
//! - Windows (`windows.rs`): on a UI thread of its own, started with the icon and ended with
//!   it (Win32 only needs the icon to be created on the thread that pumps its messages), so
//!   the agent's `run` is the same as on Linux.
//! - macOS (`macos.rs`): AppKit's loop must run on the main thread, so the main thread pumps
//!   it in `run_with_event_loop` while the agent runs on another; the icon comes and goes
//!   on that loop, which ends when the agent does. Type-checked here, never run.
//!
//! The tray's worker talks to the loop only through its proxy (`tao`'s `WaitUntil` is not
//! needed: the worker sends a new model every 30 s), and the loop sends clicks back to the
//! worker as [`Msg::Click`].

#[cfg(target_os = "macos")]
mod macos;
#[cfg(windows)]
mod windows;

#[cfg(target_os = "macos")]
use macos as host;
#[cfg(target_os = "macos")]
pub use macos::run_with_event_loop;
#[cfg(windows)]
use windows as host;

#[cfg(windows)]
use super::StopRequest;
use super::{icon, model, Error, Msg, Render};
#[cfg(windows)]
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Mutex, Once, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;
use tao::event::Event;
use tao::event_loop::{ControlFlow, EventLoop, EventLoopProxy};
use tao::platform::run_return::EventLoopExtRunReturn;
use tray_icon::menu::{Menu, MenuEvent, MenuId, MenuItem, PredefinedMenuItem};
use tray_icon::{Icon, TrayIcon, TrayIconBuilder};

/// The icon's size in pixels. Windows scales it to the notification area (16 px at 100 %,
/// 32 at 200 %); macOS draws it 18 points high in the menu bar (36 px on Retina screens).
#[cfg(windows)]
const ICON_SIZE: u32 = 32;
#[cfg(target_os = "macos")]
const ICON_SIZE: u32 = 36;

/// How long the event loop may take to show the icon, or say why it cannot, before the tray
/// gives up (and the agent runs headless).
const OPEN_WITHIN: Duration = Duration::from_secs(10);

/// Set when the agent closes the tray, cleared when a tray opens: the end of a Windows
/// session waits for it (`windows::session`), so that the agent can stop first.
#[cfg(windows)]
static CLOSING: AtomicBool = AtomicBool::new(false);

/// What the loop's thread is asked to do, through the loop's proxy.
enum UiEvent {
    /// Create the icon showing `first`, send its clicks to `clicks`, and answer on `ready`.
    Open {
        first: model::Menu,
        clicks: Sender<Msg>,
        ready: Sender<Result<(), Error>>,
    },
    /// Show this model.
    Show(model::Menu),
    /// A menu item was clicked.
    Clicked(MenuEvent),
    /// Remove the icon; with `end_loop`, end the event loop too.
    Close { end_loop: bool },
}

/// The running tray icon: a handle on the event loop that shows it.
pub(super) struct Backend {
    proxy: EventLoopProxy<UiEvent>,
    /// The loop's own thread, when it has one (Windows): it ends with the icon.
    own_thread: Option<JoinHandle<()>>,
}

impl Backend {
    /// Shows `first` on the platform's event loop and sends clicks to `clicks`; fails when
    /// there is no loop to show it on, or when the icon cannot be created (e.g. a session
    /// without a notification area).
    pub(super) fn spawn(first: model::Menu, clicks: Sender<Msg>) -> Result<Backend, Error> {
        let (proxy, own_thread) = host::event_loop()?;
        let mut backend = Backend { proxy, own_thread };
        let (ready, opened) = mpsc::channel();
        let open = UiEvent::Open {
            first,
            clicks,
            ready,
        };
        let answer = match backend.proxy.send_event(open) {
            Ok(()) => opened.recv_timeout(OPEN_WITHIN),
            Err(_) => Err(RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(Ok(())) => Ok(backend),
            Ok(Err(e)) => {
                backend.close();
                Err(e)
            }
            Err(RecvTimeoutError::Disconnected) => {
                backend.close();
                Err(Error::Unavailable("the tray's event loop has ended".into()))
            }
            Err(RecvTimeoutError::Timeout) => {
                // A loop that does not answer is stuck (wine without a display posts the
                // loop's messages nowhere): it is asked to close, and its thread is left.
                let end_loop = backend.own_thread.take().is_some();
                let _ = backend.proxy.send_event(UiEvent::Close { end_loop });
                Err(Error::Unavailable(format!(
                    "the tray's event loop did not answer within {} s",
                    OPEN_WITHIN.as_secs()
                )))
            }
        }
    }
}

impl Render for Backend {
    fn render(&mut self, menu: &model::Menu) {
        let _ = self.proxy.send_event(UiEvent::Show(menu.clone()));
    }

    fn close(&mut self) {
        #[cfg(windows)]
        CLOSING.store(true, Ordering::SeqCst);
        let end_loop = self.own_thread.is_some();
        let _ = self.proxy.send_event(UiEvent::Close { end_loop });
        if let Some(thread) = self.own_thread.take() {
            let _ = thread.join();
        }
    }
}

/// Pumps `event_loop` on this thread, handling each [`UiEvent`], until one asks to end the
/// loop; menu clicks come back into it through its proxy.
fn pump(event_loop: &mut EventLoop<UiEvent>) {
    let forward = event_loop.create_proxy();
    route_menu_events(Some(Box::new(move |event| {
        let _ = forward.send_event(UiEvent::Clicked(event));
    })));
    let mut ui = Ui::default();
    event_loop.run_return(move |event, _, control_flow| {
        *control_flow = ControlFlow::Wait;
        if let Event::UserEvent(event) = event {
            if ui.handle(event) == Flow::EndLoop {
                *control_flow = ControlFlow::Exit;
            }
        }
    });
    route_menu_events(None);
}

/// Where a menu event goes.
type MenuEventRoute = Box<dyn Fn(MenuEvent) + Send>;

/// The route of menu events now, if any (without one, they are dropped).
static MENU_EVENT_ROUTE: Mutex<Option<MenuEventRoute>> = Mutex::new(None);

/// Sends muda's menu events to `route` from now on (`None`: nowhere). muda keeps the first
/// handler it is given for the whole process (a later `set_event_handler` is ignored without
/// a word), so its one handler, set on first use, forwards to the route of the loop that runs
/// now: a second loop (a tray shown again, a test) gets its own clicks, not the first one's.
fn route_menu_events(route: Option<MenuEventRoute>) {
    static HANDLER: Once = Once::new();
    HANDLER.call_once(|| {
        MenuEvent::set_event_handler(Some(|event| {
            let route = MENU_EVENT_ROUTE
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if let Some(route) = route.as_ref() {
                route(event);
            }
        }))
    });
    *MENU_EVENT_ROUTE
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = route;
}

/// Whether the loop goes on after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    EndLoop,
}

/// What the loop's thread holds: the icon on screen, if any, and where its clicks go.
#[derive(Default)]
struct Ui {
    shown: Option<Shown>,
    clicks: Option<Sender<Msg>>,
    /// Windows: the hidden window that turns `WM_CLOSE` and the session's end into a stop.
    #[cfg(windows)]
    session: Option<windows::session::SessionWindow>,
}

impl Ui {
    fn handle(&mut self, event: UiEvent) -> Flow {
        match event {
            UiEvent::Open {
                first,
                clicks,
                ready,
            } => {
                let answer = if self.shown.is_some() {
                    Err(Error::Unavailable("the tray is already shown".into()))
                } else {
                    show_first(first).map(|shown| {
                        #[cfg(windows)]
                        {
                            CLOSING.store(false, Ordering::SeqCst);
                            self.session = windows::session::SessionWindow::create(clicks.clone());
                        }
                        self.shown = Some(shown);
                        self.clicks = Some(clicks);
                    })
                };
                let _ = ready.send(answer);
            }
            UiEvent::Show(menu) => {
                if let Some(shown) = self.shown.as_mut() {
                    if let Err(e) = shown.update(menu) {
                        tracing::warn!(error = %e, "cannot update the tray icon");
                    }
                }
            }
            UiEvent::Clicked(event) => {
                let action = self.shown.as_ref().and_then(|s| s.action(&event.id));
                if let (Some(action), Some(clicks)) = (action, &self.clicks) {
                    let _ = clicks.send(Msg::Click(action));
                }
            }
            UiEvent::Close { end_loop } => {
                // Dropping the icon removes it from the notification area or menu bar.
                self.shown = None;
                self.clicks = None;
                #[cfg(windows)]
                {
                    self.session = None;
                }
                if end_loop {
                    return Flow::EndLoop;
                }
            }
        }
        Flow::Continue
    }
}

/// The icon on screen, its native menu and the model they show.
struct Shown {
    tray: TrayIcon,
    native: NativeMenu,
    menu: model::Menu,
}

/// Creates the icon showing `menu`.
fn show_first(menu: model::Menu) -> Result<Shown, Error> {
    let native = NativeMenu::new(&menu).map_err(unavailable)?;
    let tray = TrayIconBuilder::new()
        .with_id("sheetdrop")
        .with_icon(icon_of(&menu)?)
        .with_tooltip(tooltip(&menu))
        .with_menu(Box::new(native.menu.clone()))
        .with_menu_on_left_click(true)
        .build()
        .map_err(unavailable)?;
    Ok(Shown { tray, native, menu })
}

impl Shown {
    /// Shows `menu` where it differs from what is on screen.
    fn update(&mut self, menu: model::Menu) -> Result<(), Error> {
        if menu == self.menu {
            return Ok(());
        }
        if menu.icon != self.menu.icon {
            self.tray
                .set_icon(Some(icon_of(&menu)?))
                .map_err(unavailable)?;
        }
        if menu.status_line != self.menu.status_line {
            self.tray
                .set_tooltip(Some(tooltip(&menu)))
                .map_err(unavailable)?;
        }
        let native = NativeMenu::new(&menu).map_err(unavailable)?;
        self.tray.set_menu(Some(Box::new(native.menu.clone())));
        self.native = native;
        self.menu = menu;
        Ok(())
    }

    /// The action of the clicked item `id`.
    fn action(&self, id: &MenuId) -> Option<model::Action> {
        self.native.action(id)
    }
}

/// The model as a native menu, and the ids that map its clicks back to actions. The icon
/// shows a clone of `menu` (the two share one native menu); this one stays for the mapping.
struct NativeMenu {
    menu: Menu,
    ids: Vec<(MenuId, model::Action)>,
}

impl NativeMenu {
    /// Builds `menu`: the informative lines greyed out, a separator, then the actions with
    /// the separators the model asks for.
    fn new(menu: &model::Menu) -> tray_icon::menu::Result<NativeMenu> {
        let native = Menu::new();
        for line in std::iter::once(&menu.status_line).chain(&menu.entities) {
            native.append(&MenuItem::new(line, false, None))?;
        }
        native.append(&PredefinedMenuItem::separator())?;
        let mut ids = Vec::with_capacity(menu.items.len());
        for (i, item) in menu.items.iter().enumerate() {
            let entry = MenuItem::new(&item.label, true, None);
            ids.push((entry.id().clone(), item.action));
            native.append(&entry)?;
            if menu.separator_after(i) {
                native.append(&PredefinedMenuItem::separator())?;
            }
        }
        Ok(NativeMenu { menu: native, ids })
    }

    /// The action of the item `id`, when it is one of this menu's.
    fn action(&self, id: &MenuId) -> Option<model::Action> {
        self.ids.iter().find(|(i, _)| i == id).map(|&(_, a)| a)
    }
}

/// The state's icon.
fn icon_of(menu: &model::Menu) -> Result<Icon, Error> {
    Icon::from_rgba(icon::rgba(menu.icon, ICON_SIZE), ICON_SIZE, ICON_SIZE).map_err(unavailable)
}

/// How much of a tooltip Windows keeps: 128 UTF-16 units, the terminating NUL included
/// (`tray-icon` copies at most 128, so a longer one would lose its NUL).
const TOOLTIP_UTF16: usize = 127;

/// The tooltip, cut with "…" to what Windows keeps (macOS has no limit; one rule for both).
fn tooltip(menu: &model::Menu) -> String {
    let text = format!("sheetdrop · {}", menu.status_line);
    if text.encode_utf16().count() <= TOOLTIP_UTF16 {
        return text;
    }
    let mut units = '…'.len_utf16();
    let mut cut: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= TOOLTIP_UTF16
        })
        .collect();
    cut.push('…');
    cut
}

fn unavailable(e: impl std::fmt::Display) -> Error {
    Error::Unavailable(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Health;

    fn menu_with(status_line: &str) -> model::Menu {
        model::Menu {
            icon: Health::Published,
            status_line: status_line.into(),
            entities: vec![],
            items: vec![],
        }
    }

    #[test]
    fn a_short_tooltip_is_whole() {
        assert_eq!(
            tooltip(&menu_with("Todo publicado")),
            "sheetdrop · Todo publicado"
        );
    }

    #[test]
    fn a_long_tooltip_is_cut_to_what_windows_keeps() {
        for line in ["x".repeat(300), "ñ".repeat(300), "📄".repeat(300)] {
            let tip = tooltip(&menu_with(&line));
            let units = tip.encode_utf16().count();
            assert!(units <= TOOLTIP_UTF16, "{units} units: {tip}");
            assert!(units >= TOOLTIP_UTF16 - 1, "cut too short: {units} units");
            assert!(
                tip.starts_with("sheetdrop · ") && tip.ends_with('…'),
                "{tip}"
            );
        }
    }

    #[test]
    fn a_tooltip_of_exactly_the_limit_is_not_cut() {
        let prefix = "sheetdrop · ".encode_utf16().count();
        let line = "x".repeat(TOOLTIP_UTF16 - prefix);
        let tip = tooltip(&menu_with(&line));
        assert_eq!(tip.encode_utf16().count(), TOOLTIP_UTF16);
        assert!(!tip.ends_with('…'));
    }

    /// Held by the tests that route menu events (the backend's loop routes them too): the
    /// route is the process's.
    #[cfg(windows)]
    pub(super) static ROUTING_MENU_EVENTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

    // The tests below create real icons. Windows allows that on any thread (they run under
    // wine here); macOS only on the main thread, which a test never has.

    /// The model before the first run, paused or not: every action is in it.
    #[cfg(windows)]
    pub(super) fn first_menu(paused: bool) -> model::Menu {
        let status = crate::status::Status {
            paths: crate::status::Paths {
                data_dir: "C:\\data".into(),
                report: "C:\\data\\report.html".into(),
                log: "C:\\data\\logs".into(),
            },
            initialized: false,
            entities: vec![],
            outbox: vec![],
            runs: vec![],
        };
        let now = std::time::SystemTime::now();
        model::menu(&status, crate::i18n::Lang::En, now, paused, false)
    }

    #[cfg(windows)]
    #[test]
    fn the_ui_maps_each_click_to_its_action_and_ends_the_loop_only_when_asked() {
        let mut ui = Ui::default();
        let (clicks, clicked) = mpsc::channel();
        let (ready, opened) = mpsc::channel();
        let first = first_menu(false);
        let open = UiEvent::Open {
            first: first.clone(),
            clicks,
            ready,
        };
        assert_eq!(ui.handle(open), Flow::Continue);
        opened.recv().unwrap().expect("the icon is created");

        let ids = ui.shown.as_ref().unwrap().native.ids.clone();
        let actions: Vec<_> = ids.iter().map(|&(_, a)| a).collect();
        let expected: Vec<_> = first.items.iter().map(|i| i.action).collect();
        assert_eq!(actions, expected);
        for (id, action) in ids {
            assert_eq!(
                ui.handle(UiEvent::Clicked(MenuEvent { id })),
                Flow::Continue
            );
            match clicked.try_recv() {
                Ok(Msg::Click(got)) => assert_eq!(got, action),
                other => panic!("a click on {action:?} gave {other:?}"),
            }
        }
        let elsewhere = MenuEvent {
            id: MenuId::new("not ours"),
        };
        ui.handle(UiEvent::Clicked(elsewhere));
        assert!(clicked.try_recv().is_err(), "a foreign id was forwarded");

        let paused = first_menu(true);
        ui.handle(UiEvent::Show(paused.clone()));
        assert_eq!(ui.shown.as_ref().unwrap().menu, paused);

        let (again, answer) = mpsc::channel();
        let (clicks, _) = mpsc::channel();
        ui.handle(UiEvent::Open {
            first: first.clone(),
            clicks,
            ready: again,
        });
        assert!(answer.recv().unwrap().is_err(), "a second icon was shown");

        assert_eq!(
            ui.handle(UiEvent::Close { end_loop: false }),
            Flow::Continue
        );
        assert!(ui.shown.is_none() && ui.clicks.is_none());
        assert_eq!(ui.handle(UiEvent::Close { end_loop: true }), Flow::EndLoop);
    }

    #[cfg(windows)]
    #[test]
    fn the_backend_shows_the_icon_on_its_own_thread_and_ends_it_on_close() {
        let _handler = ROUTING_MENU_EVENTS
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let (clicks, _clicked) = mpsc::channel();
        let mut backend = Backend::spawn(first_menu(false), clicks).expect("the icon is shown");
        assert!(backend.own_thread.is_some());
        backend.render(&first_menu(true));
        let (closed, done) = mpsc::channel();
        std::thread::spawn(move || {
            backend.close();
            let _ = closed.send(backend.own_thread.is_none());
        });
        let joined = done.recv_timeout(std::time::Duration::from_secs(20));
        assert_eq!(joined, Ok(true), "close did not end the UI thread");
    }
}
