//! The Windows backend: a notification-area icon with a native menu (`tray-icon`), driven by
//! a `tao` event loop on a thread of its own. Win32 only needs the icon to be created on the
//! thread that pumps its messages, not on the main one, so the agent's `run` stays the same as
//! on Linux. Updates arrive through the event loop's proxy (a `WaitUntil` timer would not be
//! needed: the tray's worker already sends a new model every 30 s).

use super::{icon, model, Error, Msg, Render};
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;
use tao::event::{Event, StartCause};
use tao::event_loop::{ControlFlow, EventLoopBuilder, EventLoopProxy};
use tao::platform::run_return::EventLoopExtRunReturn;
use tao::platform::windows::EventLoopBuilderExtWindows;
use tray_icon::menu::{Menu, MenuEvent, MenuId, MenuItem, PredefinedMenuItem};
use tray_icon::{Icon, TrayIcon, TrayIconBuilder};

/// The icon's size: Windows scales it to the notification area (16 px at 100 %, 32 at 200 %).
const ICON_SIZE: u32 = 32;

/// What the UI thread is asked to do.
enum UiEvent {
    /// Show this model.
    Show(model::Menu),
    /// A menu item was clicked.
    Clicked(MenuEvent),
    /// Remove the icon and end the thread.
    Close,
}

/// The icon on screen, its menu's ids and the model they show.
struct Shown {
    tray: TrayIcon,
    ids: Vec<(MenuId, model::Action)>,
    menu: model::Menu,
}

/// The running tray icon: a handle on its UI thread.
pub(super) struct Backend {
    proxy: EventLoopProxy<UiEvent>,
    ui: Option<JoinHandle<()>>,
}

impl Backend {
    /// Starts the UI thread and shows `first`; fails when the icon cannot be created (e.g. a
    /// session without a notification area).
    pub(super) fn spawn(first: model::Menu, clicks: Sender<Msg>) -> Result<Backend, Error> {
        let (ready, started) = mpsc::channel();
        let ui = std::thread::Builder::new()
            .name("tray-ui".into())
            .spawn(move || ui_thread(first, clicks, ready))
            .map_err(|e| Error::Unavailable(format!("cannot start the tray's thread: {e}")))?;
        match started.recv() {
            Ok(Ok(proxy)) => Ok(Backend {
                proxy,
                ui: Some(ui),
            }),
            Ok(Err(e)) => {
                let _ = ui.join();
                Err(e)
            }
            Err(_) => {
                let _ = ui.join();
                Err(Error::Unavailable(
                    "the tray's thread ended at start".into(),
                ))
            }
        }
    }
}

impl Render for Backend {
    fn render(&mut self, menu: &model::Menu) {
        let _ = self.proxy.send_event(UiEvent::Show(menu.clone()));
    }

    fn close(&mut self) {
        let _ = self.proxy.send_event(UiEvent::Close);
        if let Some(ui) = self.ui.take() {
            let _ = ui.join();
        }
    }
}

/// The UI thread: builds the event loop and the icon, says whether that worked, then shows
/// each model it is sent and forwards clicks until it is closed.
type Ready = Sender<Result<EventLoopProxy<UiEvent>, Error>>;

fn ui_thread(first: model::Menu, clicks: Sender<Msg>, ready: Ready) {
    let mut event_loop = EventLoopBuilder::<UiEvent>::with_user_event()
        .with_any_thread(true)
        .build();
    let proxy = event_loop.create_proxy();
    let forward = proxy.clone();
    MenuEvent::set_event_handler(Some(move |event| {
        let _ = forward.send_event(UiEvent::Clicked(event));
    }));
    let mut first = Some(first);
    let mut ready = Some(ready);
    let mut shown: Option<Shown> = None;
    event_loop.run_return(move |event, _, control_flow| {
        *control_flow = ControlFlow::Wait;
        match event {
            // The icon is created once the loop runs, on its thread.
            Event::NewEvents(StartCause::Init) => {
                let result = first.take().map(show_first).unwrap_or_else(|| {
                    Err(Error::Unavailable("the tray was started twice".into()))
                });
                let answer = match result {
                    Ok(icon) => {
                        shown = Some(icon);
                        Ok(proxy.clone())
                    }
                    Err(e) => {
                        *control_flow = ControlFlow::Exit;
                        Err(e)
                    }
                };
                if let Some(ready) = ready.take() {
                    let _ = ready.send(answer);
                }
            }
            Event::UserEvent(UiEvent::Show(menu)) => {
                if let Some(shown) = shown.as_mut() {
                    if let Err(e) = shown.update(menu) {
                        tracing::warn!(error = %e, "cannot update the tray icon");
                    }
                }
            }
            Event::UserEvent(UiEvent::Clicked(event)) => {
                let action = shown.as_ref().and_then(|s| s.action(&event.id));
                if let Some(action) = action {
                    let _ = clicks.send(Msg::Click(action));
                }
            }
            Event::UserEvent(UiEvent::Close) => {
                // Dropping the icon removes it from the notification area.
                shown = None;
                *control_flow = ControlFlow::Exit;
            }
            _ => {}
        }
    });
    MenuEvent::set_event_handler(None::<fn(MenuEvent)>);
}

/// Creates the icon showing `menu`.
fn show_first(menu: model::Menu) -> Result<Shown, Error> {
    let (native, ids) = native_menu(&menu).map_err(unavailable)?;
    let tray = TrayIconBuilder::new()
        .with_id("sheetdrop")
        .with_icon(icon_of(&menu)?)
        .with_tooltip(tooltip(&menu))
        .with_menu(Box::new(native))
        .with_menu_on_left_click(true)
        .build()
        .map_err(unavailable)?;
    Ok(Shown { tray, ids, menu })
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
        let (native, ids) = native_menu(&menu).map_err(unavailable)?;
        self.tray.set_menu(Some(Box::new(native)));
        self.ids = ids;
        self.menu = menu;
        Ok(())
    }

    /// The action of the clicked item `id`.
    fn action(&self, id: &MenuId) -> Option<model::Action> {
        self.ids.iter().find(|(i, _)| i == id).map(|&(_, a)| a)
    }
}

/// The model as a native menu: the informative lines greyed out, then the actions, and the
/// ids that map clicks back to actions.
fn native_menu(
    menu: &model::Menu,
) -> tray_icon::menu::Result<(Menu, Vec<(MenuId, model::Action)>)> {
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
    Ok((native, ids))
}

/// The state's icon.
fn icon_of(menu: &model::Menu) -> Result<Icon, Error> {
    Icon::from_rgba(icon::rgba(menu.icon, ICON_SIZE), ICON_SIZE, ICON_SIZE).map_err(unavailable)
}

/// The tooltip: Windows cuts it at 127 characters.
fn tooltip(menu: &model::Menu) -> String {
    let text = format!("sheetdrop · {}", menu.status_line);
    match text.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

fn unavailable(e: impl std::fmt::Display) -> Error {
    Error::Unavailable(e.to_string())
}
