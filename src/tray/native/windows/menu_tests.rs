//! The tray's real menu as Windows shows it: built from a model by the backend's own code
//! (`Ui` showing the icon), read back through Win32 (labels, separators, greyed lines), opened
//! as a popup with muda's `show_context_menu_for_hwnd` (what tray-icon does on a click) and
//! chosen from with keystrokes injected by `SendInput` from another thread, as a user would;
//! the item chosen must come back through `Ui` as its `model::Action`.
//!
//! Under wine these need a display (CI: `.ci/wine-tray` on Xvfb and wine's desktop). With
//! `SHEETDROP_MENU_SHOTS` naming a folder, each open menu is held for a screenshot: the test
//! writes `NAME.rect` there ("x y width height" of the menu on screen) and waits up to
//! [`SHOT_WITHIN`] for `NAME.shot` before it chooses.

use super::super::tests::{first_menu, ROUTING_MENU_EVENTS};
use super::super::{route_menu_events, Msg, Ui, UiEvent};
use crate::i18n::Lang;
use crate::tray::model::{self, tests as model_tests, Action};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use tray_icon::dpi::{LogicalPosition, Position};
use tray_icon::menu::{ContextMenu, MenuEvent};
use windows_sys::Win32::Foundation::{HWND, RECT};
use windows_sys::Win32::UI::Input::KeyboardAndMouse::{
    SendInput, INPUT, INPUT_0, INPUT_KEYBOARD, KEYBDINPUT, KEYEVENTF_KEYUP, VIRTUAL_KEY, VK_DOWN,
    VK_ESCAPE, VK_RETURN, VK_UP,
};
use windows_sys::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DestroyWindow, GetForegroundWindow, GetMenuItemCount, GetMenuItemInfoW,
    GetMenuItemRect, GetMenuState, GetWindowThreadProcessId, PostMessageW, HMENU, MENUITEMINFOW,
    MFS_GRAYED, MFT_SEPARATOR, MF_BYPOSITION, MF_HILITE, MIIM_FTYPE, MIIM_STATE, MIIM_STRING,
    WM_CANCELMODE, WS_EX_TOOLWINDOW, WS_POPUP,
};

/// How long the menu may take to open, and each keystroke to move its highlight.
const OPEN_WITHIN: Duration = Duration::from_secs(10);
const KEY_WITHIN: Duration = Duration::from_secs(3);
/// How long a held menu waits for its screenshot.
const SHOT_WITHIN: Duration = Duration::from_secs(30);

/// An entry of the menu as Win32 reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// A greyed, informative line (the status and one per entity).
    Greyed(String),
    Separator,
    /// A clickable item.
    Item(String),
}

/// The entries of `hmenu`, in order, read with `GetMenuItemInfoW`.
fn entries(hmenu: HMENU) -> Vec<Entry> {
    let count = unsafe { GetMenuItemCount(hmenu) };
    assert!(count >= 0, "GetMenuItemCount failed on the tray's menu");
    (0..count as u32)
        .map(|position| {
            let mut text = [0u16; 512];
            let mut info: MENUITEMINFOW = unsafe { std::mem::zeroed() };
            info.cbSize = std::mem::size_of::<MENUITEMINFOW>() as u32;
            info.fMask = MIIM_FTYPE | MIIM_STATE | MIIM_STRING;
            info.dwTypeData = text.as_mut_ptr();
            info.cch = text.len() as u32 - 1;
            let ok = unsafe { GetMenuItemInfoW(hmenu, position, 1, &mut info) };
            assert_ne!(ok, 0, "GetMenuItemInfoW failed on item {position}");
            if info.fType & MFT_SEPARATOR != 0 {
                return Entry::Separator;
            }
            let label = String::from_utf16(&text[..info.cch as usize])
                .unwrap_or_else(|e| panic!("item {position}'s label is not UTF-16: {e}"));
            if info.fState & MFS_GRAYED != 0 {
                Entry::Greyed(label)
            } else {
                Entry::Item(label)
            }
        })
        .collect()
}

/// What the menu of `menu` (Spanish) must be: its lines greyed, a separator, the actions in
/// the interface's words with a separator after "Pausar" and before "Salir".
fn expected_es(menu: &model::Menu) -> Vec<Entry> {
    let mut expected = vec![Entry::Greyed(menu.status_line.clone())];
    expected.extend(menu.entities.iter().cloned().map(Entry::Greyed));
    expected.push(Entry::Separator);
    let item = |label: &str| Entry::Item(label.to_string());
    expected.extend([
        item("Sincronizar ahora"),
        item("Pausar"),
        Entry::Separator,
        item("Abrir carpeta de exportaciones"),
        item("Ver informe"),
        item("Abrir registro"),
        item("Copiar diagnóstico"),
        item("Acerca de"),
        Entry::Separator,
        item("Salir"),
    ]);
    expected
}

/// A window of the test's own, hidden, to own the popup (tray-icon's is hidden too).
struct Owner(HWND);

impl Owner {
    fn new() -> Owner {
        let class: Vec<u16> = "STATIC\0".encode_utf16().collect();
        let title: Vec<u16> = "sheetdrop menu test\0".encode_utf16().collect();
        let hwnd = unsafe {
            CreateWindowExW(
                WS_EX_TOOLWINDOW,
                class.as_ptr(),
                title.as_ptr(),
                WS_POPUP,
                0,
                0,
                1,
                1,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null(),
            )
        };
        assert!(!hwnd.is_null(), "CreateWindowExW failed: {}", last_error());
        Owner(hwnd)
    }
}

impl Drop for Owner {
    fn drop(&mut self) {
        unsafe { DestroyWindow(self.0) };
    }
}

fn last_error() -> std::io::Error {
    std::io::Error::last_os_error()
}

/// Routes menu events to a channel while it lives (the route is the process's: the tests
/// that set it hold [`ROUTING_MENU_EVENTS`]).
struct Events(Receiver<MenuEvent>);

impl Events {
    fn route() -> Events {
        let (send, events) = mpsc::channel();
        route_menu_events(Some(Box::new(move |event| {
            let _ = send.send(event);
        })));
        Events(events)
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        route_menu_events(None);
    }
}

/// What the "user" thread does once the menu is open.
#[derive(Debug, Clone, Copy)]
enum Choice {
    /// Press `key` until the item at `position` is highlighted, then Enter.
    Item { key: VIRTUAL_KEY, position: u32 },
    /// Press Escape with nothing highlighted.
    Dismiss,
}

/// Presses and releases `key`, as the keyboard would.
fn press(key: VIRTUAL_KEY) -> Result<(), String> {
    let input = |flags| INPUT {
        r#type: INPUT_KEYBOARD,
        Anonymous: INPUT_0 {
            ki: KEYBDINPUT {
                wVk: key,
                wScan: 0,
                dwFlags: flags,
                time: 0,
                dwExtraInfo: 0,
            },
        },
    };
    let inputs = [input(0), input(KEYEVENTF_KEYUP)];
    let sent = unsafe {
        SendInput(
            inputs.len() as u32,
            inputs.as_ptr(),
            std::mem::size_of::<INPUT>() as i32,
        )
    };
    if sent as usize == inputs.len() {
        Ok(())
    } else {
        Err(format!(
            "SendInput sent {sent} of 2 events: {}",
            last_error()
        ))
    }
}

/// The highlighted item's position, if any.
fn highlighted(hmenu: HMENU) -> Option<u32> {
    let count = unsafe { GetMenuItemCount(hmenu) }.max(0) as u32;
    (0..count).find(|&p| unsafe { GetMenuState(hmenu, p, MF_BYPOSITION) } & MF_HILITE != 0)
}

/// The menu's items' rectangle on screen; `None` while it is not open (Win32 gives an item's
/// place only then).
fn on_screen(hmenu: HMENU) -> Option<RECT> {
    let count = unsafe { GetMenuItemCount(hmenu) };
    let rect = |position: i32| {
        let mut rect: RECT = unsafe { std::mem::zeroed() };
        let ok =
            unsafe { GetMenuItemRect(std::ptr::null_mut(), hmenu, position as u32, &mut rect) };
        (ok != 0 && rect.right > rect.left).then_some(rect)
    };
    let (first, last) = (rect(0)?, rect(count - 1)?);
    Some(RECT {
        left: first.left.min(last.left),
        top: first.top,
        right: first.right.max(last.right),
        bottom: last.bottom,
    })
}

/// The menu's rectangle once it has stopped moving: wine (and Windows) may create the menu's
/// window at the screen's corner and move it to its place a moment later, and a rectangle read
/// in between points the screenshot at the desktop.
fn settled_on_screen(hmenu: HMENU) -> Option<RECT> {
    let same = |a: &RECT, b: &RECT| {
        (a.left, a.top, a.right, a.bottom) == (b.left, b.top, b.right, b.bottom)
    };
    let mut last = None;
    wait_for(OPEN_WITHIN, || {
        let now = on_screen(hmenu)?;
        let settled = last.as_ref().is_some_and(|before| same(before, &now));
        last = Some(now);
        if settled {
            last
        } else {
            std::thread::sleep(Duration::from_millis(100));
            None
        }
    })
}

/// Polls `ready` every 20 ms for up to `within`.
fn wait_for<T>(within: Duration, mut ready: impl FnMut() -> Option<T>) -> Option<T> {
    let until = Instant::now() + within;
    loop {
        if let Some(value) = ready() {
            return Some(value);
        }
        if Instant::now() >= until {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Fails unless the foreground window is this process's: keystrokes go to the foreground,
/// and a menu that could not take it (Windows refuses it to a program in the background)
/// would send them to another program.
fn foreground_is_ours() -> Result<(), String> {
    let foreground = unsafe { GetForegroundWindow() };
    let mut process = 0;
    unsafe { GetWindowThreadProcessId(foreground, &mut process) };
    if process == std::process::id() {
        Ok(())
    } else {
        Err(format!(
            "the foreground window belongs to process {process}, not to this one: the keystrokes would go there (run the test from the program in the foreground)"
        ))
    }
}

/// With `SHEETDROP_MENU_SHOTS` set, writes `NAME.rect` there (where the menu is now, once it
/// has settled) and waits for `NAME.shot`.
fn hold_for_screenshot(name: &str, hmenu: HMENU) -> Result<(), String> {
    let Some(dir) = std::env::var_os("SHEETDROP_MENU_SHOTS").map(PathBuf::from) else {
        return Ok(());
    };
    let rect = settled_on_screen(hmenu).ok_or_else(|| {
        format!("the menu did not stay in one place for the screenshot \"{name}\"")
    })?;
    let rect_file = dir.join(format!("{name}.rect"));
    let text = format!(
        "{} {} {} {}\n",
        rect.left,
        rect.top,
        rect.right - rect.left,
        rect.bottom - rect.top
    );
    // Written whole, then renamed: the CI never reads half a line.
    let partial = dir.join(format!("{name}.rect.partial"));
    std::fs::write(&partial, text)
        .and_then(|()| std::fs::rename(&partial, &rect_file))
        .map_err(|e| format!("cannot write {}: {e}", rect_file.display()))?;
    let shot = dir.join(format!("{name}.shot"));
    wait_for(SHOT_WITHIN, || shot.exists().then_some(())).ok_or_else(|| {
        format!(
            "no {} within {} s (SHEETDROP_MENU_SHOTS is set: the CI takes the screenshot)",
            shot.display(),
            SHOT_WITHIN.as_secs()
        )
    })
}

/// The "user": waits for the menu to open, makes `choice` with the keyboard; on any failure
/// cancels the menu (so that the test's thread returns) and says why.
fn user(name: &str, owner: HWND, hmenu: HMENU, choice: Choice) -> Result<(), String> {
    let result = (|| {
        let rect = settled_on_screen(hmenu)
            .ok_or_else(|| format!("the menu did not open within {} s", OPEN_WITHIN.as_secs()))?;
        eprintln!(
            "{name}: the menu is open at ({}, {})-({}, {})",
            rect.left, rect.top, rect.right, rect.bottom
        );
        foreground_is_ours()?;
        match choice {
            Choice::Item { key, position } => {
                let count = unsafe { GetMenuItemCount(hmenu) } as u32;
                let mut moved_to = Vec::new();
                while highlighted(hmenu) != Some(position) {
                    if moved_to.len() as u32 > count {
                        return Err(format!(
                            "the highlight went {moved_to:?}, never to {position}"
                        ));
                    }
                    let before = highlighted(hmenu);
                    press(key)?;
                    let now = wait_for(KEY_WITHIN, || {
                        highlighted(hmenu).filter(|&now| Some(now) != before)
                    })
                    .ok_or_else(|| {
                        format!(
                            "a keystroke ({key:#x}) did not move the highlight from {before:?} within {} s: the keyboard does not reach the menu",
                            KEY_WITHIN.as_secs()
                        )
                    })?;
                    moved_to.push(now);
                }
                eprintln!(
                    "{name}: the keyboard highlighted item {position} (through {moved_to:?})"
                );
                hold_for_screenshot(name, hmenu)?;
                press(VK_RETURN)
            }
            Choice::Dismiss => {
                hold_for_screenshot(name, hmenu)?;
                press(VK_ESCAPE)
            }
        }
    })();
    if result.is_err() {
        unsafe { PostMessageW(owner, WM_CANCELMODE, 0, 0) };
    }
    result
}

/// Opens `ui`'s menu as a popup on `owner` and makes `choice` from another thread; gives
/// whether muda says an item was chosen, and the events it sent.
fn open_and_choose(
    name: &str,
    ui: &Ui,
    owner: &Owner,
    events: &Events,
    choice: Choice,
) -> (bool, Vec<MenuEvent>) {
    let native = &ui.shown.as_ref().expect("the icon is shown").native.menu;
    // Handles cross to the user's thread as numbers: windows-sys's are raw pointers.
    let (hwnd, hmenu) = (owner.0 as isize, native.hpopupmenu());
    let user_name = name.to_string();
    let user = std::thread::spawn(move || user(&user_name, hwnd as HWND, hmenu as HMENU, choice));
    let position = Position::Logical(LogicalPosition::new(200.0, 150.0));
    // SAFETY: `owner` is a live window of this thread.
    let chosen = unsafe { native.show_context_menu_for_hwnd(hwnd, Some(position)) };
    match user.join() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("{name}: {e}"),
        Err(_) => panic!("{name}: the user's thread panicked"),
    }
    let sent = events.0.try_iter().collect();
    (chosen, sent)
}

/// The click `event` made, through the backend's own mapping.
fn action_of(ui: &mut Ui, clicked: &Receiver<Msg>, event: MenuEvent) -> Option<Action> {
    ui.handle(UiEvent::Clicked(event));
    match clicked.try_recv() {
        Ok(Msg::Click(action)) => Some(action),
        Ok(other) => panic!("a menu event gave {other:?}"),
        Err(_) => None,
    }
}

#[test]
fn the_real_menu_shows_the_model_and_a_chosen_item_reaches_its_action() {
    let _handler = ROUTING_MENU_EVENTS
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let events = Events::route();
    // Two entities, so that three greyed lines come before the actions; Spanish, so that
    // accents and "·" cross to Win32 too.
    let status = model_tests::status(vec![
        model_tests::entity("clientes", "accepted"),
        model_tests::entity("ventas", "unchanged"),
    ]);
    let menu = model::menu(&status, Lang::Es, model_tests::t0(), false, false);
    let mut ui = Ui::default();
    let (clicks, clicked) = mpsc::channel();
    let (ready, opened) = mpsc::channel();
    ui.handle(UiEvent::Open {
        first: menu.clone(),
        clicks,
        ready,
    });
    opened.recv().unwrap().expect("the icon is shown");

    let hmenu = ui.shown.as_ref().unwrap().native.menu.hpopupmenu() as HMENU;
    let seen = entries(hmenu);
    for (position, entry) in seen.iter().enumerate() {
        eprintln!("menu item {position}: {entry:?}");
    }
    let expected = expected_es(&menu);
    assert_eq!(seen, expected, "the menu as Win32 reports it");
    let at = |label: &str| {
        let position = seen.iter().position(|e| *e == Entry::Item(label.into()));
        position.unwrap_or_else(|| panic!("no item {label}")) as u32
    };

    let owner = Owner::new();
    // Down from the top, over the greyed lines: "Sincronizar ahora".
    let sync = Choice::Item {
        key: VK_DOWN,
        position: at("Sincronizar ahora"),
    };
    let (chosen, sent) = open_and_choose("sync-now", &ui, &owner, &events, sync);
    assert!(chosen, "muda says nothing was chosen");
    assert_eq!(sent.len(), 1, "one menu event per choice: {sent:?}");
    let action = action_of(&mut ui, &clicked, sent[0].clone());
    assert_eq!(action, Some(Action::SyncNow));
    eprintln!("sync-now: chose \"Sincronizar ahora\": {action:?}");

    // Up from the top wraps to the bottom: "Salir".
    let quit = Choice::Item {
        key: VK_UP,
        position: at("Salir"),
    };
    let (chosen, sent) = open_and_choose("quit", &ui, &owner, &events, quit);
    assert!(
        chosen && sent.len() == 1,
        "chosen {chosen}, events {sent:?}"
    );
    let action = action_of(&mut ui, &clicked, sent[0].clone());
    assert_eq!(action, Some(Action::Quit));
    eprintln!("quit: chose \"Salir\": {action:?}");

    // Escape: nothing chosen, no event, no action.
    let (chosen, sent) = open_and_choose("dismissed", &ui, &owner, &events, Choice::Dismiss);
    assert!(
        !chosen && sent.is_empty(),
        "chosen {chosen}, events {sent:?}"
    );
    assert!(clicked.try_recv().is_err());
    eprintln!("dismissed: Escape closed the menu, no action");

    // The menu of a paused agent (English, before the first run), shown in place of the
    // first: "Resume" where "Pause" was, and choosing it maps through the new menu's ids.
    let paused = first_menu(true);
    ui.handle(UiEvent::Show(paused.clone()));
    let hmenu = ui.shown.as_ref().unwrap().native.menu.hpopupmenu() as HMENU;
    let seen = entries(hmenu);
    let lines = seen
        .iter()
        .take_while(|e| matches!(e, Entry::Greyed(_)))
        .count();
    assert_eq!(seen[..lines], [Entry::Greyed(paused.status_line.clone())]);
    assert_eq!(
        seen[lines..lines + 3],
        [
            Entry::Separator,
            Entry::Item("Sync now".into()),
            Entry::Item("Resume".into())
        ],
        "the paused menu: {seen:?}"
    );
    let resume = Choice::Item {
        key: VK_DOWN,
        position: lines as u32 + 2,
    };
    let (chosen, sent) = open_and_choose("resume", &ui, &owner, &events, resume);
    assert!(
        chosen && sent.len() == 1,
        "chosen {chosen}, events {sent:?}"
    );
    let action = action_of(&mut ui, &clicked, sent[0].clone());
    assert_eq!(action, Some(Action::Resume));
    eprintln!("resume: chose \"Resume\" in the paused menu: {action:?}");
    ui.handle(UiEvent::Close { end_loop: true });
}
