//! How Windows asks a program with a tray icon to end, turned into the agent's clean stop.
//!
//! A console's Ctrl-C reaches the agent through `ctrlc`, but two other requests go to windows:
//! - `taskkill` without `/f` (and other "close this program" tools) posts `WM_CLOSE` to the
//!   process's top-level windows. tray-icon's window takes it as "destroy me", so without this
//!   the icon went away while the agent ran on, unseen.
//! - Logging off, restarting or shutting down sends `WM_QUERYENDSESSION`, then `WM_ENDSESSION`;
//!   once every window has answered, Windows ends the process. A program started at login has
//!   no console left (`platform::console`), so no console event comes either.
//!
//! [`hook`] sees every message posted to the tray's UI thread and takes `WM_CLOSE` off it, and
//! [`SessionWindow`] is a hidden top-level window on that thread that answers the session's
//! end (a message sent, not posted) and a `WM_CLOSE` sent to it; each asks the agent to stop,
//! as "Salir" does. At a session's end it then waits, for at most
//! [`END_SESSION_WAIT`], until the agent closes the tray, so that the pass in hand can finish
//! or be left where the next start redoes it (the agent is crash-safe either way).

use super::super::{Msg, StopRequest, CLOSING};
use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Sender;
use std::sync::Once;
use std::time::{Duration, Instant};
use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
use windows_sys::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DefWindowProcW, DestroyWindow, RegisterClassW, MSG, WM_CLOSE, WM_ENDSESSION,
    WM_QUERYENDSESSION, WNDCLASSW, WS_EX_TOOLWINDOW, WS_OVERLAPPED,
};

/// How long the end of a session waits for the agent to stop. Windows shows "this app is
/// preventing shutdown" after about 5 s; the user can still end it then.
pub(in super::super) const END_SESSION_WAIT: Duration = Duration::from_secs(5);

/// The window class's name (UTF-16, NUL-terminated when used).
const CLASS: &str = "sheetdrop_session";

thread_local! {
    /// Where the window's requests go: the tray's worker. The window procedure runs on the
    /// thread that created the window, so a thread-local is all it needs.
    static TO_WORKER: RefCell<Option<Sender<Msg>>> = const { RefCell::new(None) };
    /// Whether a stop was asked for already: taskkill posts `WM_CLOSE` to each of the thread's
    /// windows (tray-icon's, tao's, this one), and one request is enough.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// The hidden window, alive while the icon is shown. Dropping it destroys it; it must be
/// dropped on the thread that created it (the tray's UI thread, where `Ui` lives).
pub(in super::super) struct SessionWindow(HWND);

impl SessionWindow {
    /// Creates the window on this thread, sending its stop requests to `to_worker`. `None`
    /// (with a warning in the log) when Windows refuses: the tray still works, only these two
    /// requests are not seen.
    pub(in super::super) fn create(to_worker: Sender<Msg>) -> Option<SessionWindow> {
        let class = wide(CLASS);
        let title = wide("sheetdrop");
        // SAFETY: a null module name gives this exe's handle.
        let instance = unsafe { GetModuleHandleW(std::ptr::null()) };
        static REGISTER: Once = Once::new();
        REGISTER.call_once(|| {
            let mut wc: WNDCLASSW = unsafe { std::mem::zeroed() };
            wc.lpfnWndProc = Some(window_proc);
            wc.hInstance = instance;
            wc.lpszClassName = class.as_ptr();
            // SAFETY: `wc` is filled and its strings outlive the call (Windows copies them).
            if unsafe { RegisterClassW(&wc) } == 0 {
                tracing::warn!(error = %std::io::Error::last_os_error(), "cannot register the session window's class");
            }
        });
        // Top-level (no parent), so that taskkill finds it; never shown; a tool window, so
        // that it gets no taskbar button.
        // SAFETY: the class is registered above and the strings are NUL-terminated.
        let hwnd = unsafe {
            CreateWindowExW(
                WS_EX_TOOLWINDOW,
                class.as_ptr(),
                title.as_ptr(),
                WS_OVERLAPPED,
                0,
                0,
                0,
                0,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                instance,
                std::ptr::null(),
            )
        };
        if hwnd.is_null() {
            tracing::warn!(
                error = %std::io::Error::last_os_error(),
                "cannot create the session window: taskkill and the end of the Windows session will not stop the agent cleanly"
            );
            return None;
        }
        TO_WORKER.with(|w| *w.borrow_mut() = Some(to_worker));
        ASKED.set(false);
        Some(SessionWindow(hwnd))
    }
}

impl Drop for SessionWindow {
    fn drop(&mut self) {
        TO_WORKER.with(|w| w.borrow_mut().take());
        // SAFETY: the window is this thread's and is destroyed once.
        unsafe { DestroyWindow(self.0) };
    }
}

/// The event loop's message hook (`tao`'s `with_msg_hook`): a posted `WM_CLOSE`, which is
/// what taskkill sends, to any window of the tray's thread asks the agent to stop and goes no
/// further (`true`: handled). Let through, it would destroy tray-icon's window (the icon goes)
/// or tao's (the loop's own messages would be lost, and the agent could not close the tray).
pub(in super::super) fn hook(msg: *const c_void) -> bool {
    // SAFETY: tao passes a pointer to the MSG it has just retrieved.
    let msg = unsafe { &*(msg as *const MSG) };
    if msg.message == WM_CLOSE {
        request_stop(StopRequest::Close);
        true
    } else {
        false
    }
}

/// Asks the agent to stop, for `why`, unless it was asked already.
fn request_stop(why: StopRequest) {
    if ASKED.replace(true) {
        return;
    }
    TO_WORKER.with(|w| {
        if let Some(to_worker) = w.borrow().as_ref() {
            let _ = to_worker.send(Msg::Stop(why));
        }
    });
}

/// The window procedure: `WM_CLOSE` and the end of a session stop the agent; the rest is
/// Windows' default.
unsafe extern "system" fn window_proc(
    hwnd: HWND,
    message: u32,
    wparam: WPARAM,
    lparam: LPARAM,
) -> LRESULT {
    match message {
        WM_CLOSE => {
            // Not destroyed here: the agent's stop removes the icon and this window with it.
            request_stop(StopRequest::Close);
            0
        }
        // Yes, the session may end: the agent has nothing to save that its next start cannot
        // redo, and it is not the tray's to veto a shutdown.
        WM_QUERYENDSESSION => 1,
        WM_ENDSESSION => {
            if wparam != 0 {
                request_stop(StopRequest::SessionEnd);
                let until = Instant::now() + END_SESSION_WAIT;
                while !CLOSING.load(Ordering::SeqCst) && Instant::now() < until {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            0
        }
        // SAFETY: the arguments are the ones Windows passed.
        _ => unsafe { DefWindowProcW(hwnd, message, wparam, lparam) },
    }
}

/// `text` as a NUL-terminated UTF-16 string.
fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(std::iter::once(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::ROUTING_MENU_EVENTS;
    use super::*;
    use std::sync::mpsc::{self, Receiver};
    use std::sync::MutexGuard;
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        FindWindowW, IsWindow, SendMessageW, WM_PAINT, WM_TIMER,
    };

    /// A session window on this thread, what it sends, and the lock the tray tests share,
    /// held while the window lives: a tray opened or closed meanwhile would move `CLOSING`,
    /// and its own session window would be found instead.
    fn window() -> (MutexGuard<'static, ()>, SessionWindow, Receiver<Msg>) {
        let trays = ROUTING_MENU_EVENTS
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let (to_worker, from_window) = mpsc::channel();
        let window = SessionWindow::create(to_worker).expect("the session window is created");
        (trays, window, from_window)
    }

    fn stop_of(from_window: &Receiver<Msg>) -> Option<StopRequest> {
        match from_window.try_recv() {
            Ok(Msg::Stop(why)) => Some(why),
            Ok(other) => panic!("the session window sent {other:?}"),
            Err(_) => None,
        }
    }

    #[test]
    fn close_asks_the_agent_to_stop_and_the_window_stays_until_the_tray_goes() {
        let (_trays, window, from_window) = window();
        // taskkill finds a program's windows among the top-level ones: this is one.
        let class = wide(CLASS);
        let found = unsafe { FindWindowW(class.as_ptr(), std::ptr::null()) };
        assert_eq!(
            found, window.0,
            "the session window is not a top-level window"
        );

        assert_eq!(unsafe { SendMessageW(window.0, WM_CLOSE, 0, 0) }, 0);
        assert_eq!(stop_of(&from_window), Some(StopRequest::Close));
        assert_ne!(
            unsafe { IsWindow(window.0) },
            0,
            "WM_CLOSE destroyed the window"
        );

        let hwnd = window.0;
        drop(window);
        assert_eq!(
            unsafe { IsWindow(hwnd) },
            0,
            "dropping the window leaves it"
        );
    }

    #[test]
    fn the_hook_takes_a_posted_close_to_any_window_of_the_thread_and_nothing_else() {
        let (_trays, window, from_window) = window();
        let mut msg: MSG = unsafe { std::mem::zeroed() };
        // Another window of the thread (tray-icon's, tao's): the hook looks at the message only.
        msg.hwnd = std::ptr::null_mut();
        msg.message = WM_CLOSE;
        assert!(
            hook(&msg as *const MSG as *const c_void),
            "WM_CLOSE went on to the window"
        );
        assert_eq!(stop_of(&from_window), Some(StopRequest::Close));
        // taskkill's WM_CLOSE to the thread's next window: taken, and not asked twice.
        assert!(
            hook(&msg as *const MSG as *const c_void),
            "a second WM_CLOSE went on"
        );
        assert_eq!(stop_of(&from_window), None, "the agent was asked twice");
        for other in [WM_PAINT, WM_TIMER, WM_QUERYENDSESSION] {
            msg.message = other;
            assert!(
                !hook(&msg as *const MSG as *const c_void),
                "the hook took {other:#x}"
            );
        }
        assert_eq!(stop_of(&from_window), None);
        drop(window);
    }

    #[test]
    fn the_end_of_the_session_stops_the_agent_and_waits_for_the_tray_to_close() {
        let (_trays, window, from_window) = window();
        assert_eq!(
            unsafe { SendMessageW(window.0, WM_QUERYENDSESSION, 0, 0) },
            1,
            "the tray vetoed the end of the session"
        );
        assert_eq!(stop_of(&from_window), None, "asked, not ending yet");

        // A cancelled end (another program said no) stops nothing.
        unsafe { SendMessageW(window.0, WM_ENDSESSION, 0, 0) };
        assert_eq!(
            stop_of(&from_window),
            None,
            "a cancelled end stopped the agent"
        );

        // The end: the "agent" closes the tray 300 ms after it is asked to stop; the window
        // answers Windows only then.
        CLOSING.store(false, Ordering::SeqCst);
        let (asked, agent_saw) = mpsc::channel();
        let agent = std::thread::spawn(move || {
            let why = agent_saw.recv().expect("the agent is asked");
            std::thread::sleep(Duration::from_millis(300));
            CLOSING.store(true, Ordering::SeqCst);
            why
        });
        let forward = std::thread::spawn(move || {
            // From the window's channel to the "agent", as the tray's worker does.
            if let Ok(Msg::Stop(why)) = from_window.recv_timeout(END_SESSION_WAIT) {
                let _ = asked.send(why);
            }
        });
        let started = Instant::now();
        unsafe { SendMessageW(window.0, WM_ENDSESSION, 1, 0) };
        let waited = started.elapsed();
        assert_eq!(agent.join().unwrap(), StopRequest::SessionEnd);
        forward.join().unwrap();
        assert!(
            waited >= Duration::from_millis(300),
            "WM_ENDSESSION returned after {waited:?}, before the agent closed the tray"
        );
        assert!(
            waited < END_SESSION_WAIT,
            "WM_ENDSESSION waited {waited:?}, past the agent's close"
        );
        CLOSING.store(false, Ordering::SeqCst);
    }
}
