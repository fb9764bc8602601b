//! macOS: AppKit's event loop must run on the main thread (`tao` panics otherwise) and owns it
//! while it runs, so [`run_with_event_loop`] gives the main thread to the loop and runs the
//! agent on a thread of its own; the tray's icon is created and removed on that loop, through
//! its proxy. The app is an accessory: a menu-bar icon, no Dock icon, no menu bar of its own.
//!
//! Type-checked only (`.ci/check-macos`, cross-compiled from Linux): it has never run on a
//! Mac.

use super::{pump, Error, UiEvent};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;
use tao::event_loop::{EventLoopBuilder, EventLoopProxy};
use tao::platform::macos::{ActivationPolicy, EventLoopExtMacOS};

/// The main thread's event loop while [`run_with_event_loop`] pumps it; `None` otherwise.
static MAIN_LOOP: Mutex<Option<EventLoopProxy<UiEvent>>> = Mutex::new(None);

/// The agent thread's stack: what the main thread it replaces has on macOS (8 MiB), not the
/// 2 MiB of a spawned thread.
const BODY_STACK: usize = 8 << 20;

/// The main thread's loop, to show an icon on; it has no thread of its own to end with the
/// icon. Fails outside [`run_with_event_loop`].
pub(super) fn event_loop() -> Result<(EventLoopProxy<UiEvent>, Option<JoinHandle<()>>), Error> {
    let main_loop = MAIN_LOOP.lock().unwrap_or_else(PoisonError::into_inner);
    match &*main_loop {
        Some(proxy) => Ok((proxy.clone(), None)),
        None => Err(Error::Unavailable(
            "the macOS tray needs the main thread's event loop, which is not running \
             (sheetdrop::tray::run_with_event_loop)"
                .into(),
        )),
    }
}

/// Runs `body` on a thread of its own while this thread, which must be the main one, pumps
/// the event loop that tray icons are shown on; returns `body`'s result once it ends (a
/// panic in `body` is resumed here). Called from another thread, it runs `body` in place
/// without a loop, and a tray started in `body` fails to start (the agent runs headless).
pub fn run_with_event_loop<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
    // SAFETY: pthread_main_np only reads the calling thread's identity.
    if unsafe { libc::pthread_main_np() } != 1 {
        return body();
    }
    let mut event_loop = EventLoopBuilder::<UiEvent>::with_user_event().build();
    event_loop.set_activation_policy(ActivationPolicy::Accessory);
    let proxy = event_loop.create_proxy();
    *MAIN_LOOP.lock().unwrap_or_else(PoisonError::into_inner) = Some(proxy.clone());
    let body = std::thread::Builder::new()
        .name("agent".into())
        .stack_size(BODY_STACK)
        .spawn(move || {
            let _end = EndLoop(proxy);
            body()
        })
        .expect("a thread can be started");
    pump(&mut event_loop);
    MAIN_LOOP
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    match body.join() {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Ends the main thread's loop when dropped: when the agent's body returns or panics.
struct EndLoop(EventLoopProxy<UiEvent>);

impl Drop for EndLoop {
    fn drop(&mut self) {
        let _ = self.0.send_event(UiEvent::Close { end_loop: true });
    }
}
