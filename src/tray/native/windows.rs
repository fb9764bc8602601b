//! Windows: the event loop on a UI thread of its own, started with the icon and ended with it.
//! Win32 only needs the icon to be created on the thread that pumps its messages, not on the
//! main one, so the agent's `run` is the same as on Linux.

use super::{pump, Error, UiEvent};
use std::sync::mpsc;
use std::thread::JoinHandle;
use tao::event_loop::{EventLoopBuilder, EventLoopProxy};
use tao::platform::windows::EventLoopBuilderExtWindows;

#[cfg(test)]
mod menu_tests;
pub(super) mod session;

/// Starts the UI thread and its event loop; gives the loop's proxy and the thread, which
/// ends when the loop is asked to (`UiEvent::Close { end_loop: true }`).
pub(super) fn event_loop() -> Result<(EventLoopProxy<UiEvent>, Option<JoinHandle<()>>), Error> {
    let (ready, built) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("tray-ui".into())
        .spawn(move || {
            let mut event_loop = EventLoopBuilder::<UiEvent>::with_user_event()
                .with_any_thread(true)
                .with_msg_hook(session::hook)
                .build();
            let _ = ready.send(event_loop.create_proxy());
            pump(&mut event_loop);
        })
        .map_err(|e| Error::Unavailable(format!("cannot start the tray's thread: {e}")))?;
    match built.recv() {
        Ok(proxy) => Ok((proxy, Some(thread))),
        Err(_) => {
            let _ = thread.join();
            Err(Error::Unavailable(
                "the tray's thread ended at start".into(),
            ))
        }
    }
}
