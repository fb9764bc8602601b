//! What differs from one OS to another, behind `cfg`, in one place: where the config and
//! data live per-user and system-wide ([`paths`], pure functions of the OS so every OS's
//! choice is tested everywhere), how a stop is asked for, running as the OS's service
//! ([`service`]: systemd, the Windows service manager, launchd), letting go of a console
//! window Windows opened for the tray agent ([`console`]), whether there is a graphical
//! session to show the tray in ([`desktop`]), and who may read the data dir ([`perms`]).

pub mod console;
pub mod desktop;
pub mod paths;
pub mod perms;
pub mod service;

pub use paths::{Env, Mode, Os};

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A flag that Ctrl-C, SIGINT, SIGTERM and SIGHUP (Windows: Ctrl-C, Ctrl-Break, closing the
/// console) set instead of ending the process, so the agent can stop in order. Install it
/// once per process.
pub fn stop_on_signals() -> Result<Arc<AtomicBool>, ctrlc::Error> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))?;
    Ok(stop)
}

/// The system-wide config file that exists (`/etc/sheetdrop/sheetdrop.toml`, ...: the one
/// a service uses and `service install` writes), if any.
pub fn system_config_file() -> Option<PathBuf> {
    paths::config_search_paths(Os::current(), Mode::System, &Env::current())
        .into_iter()
        .find(|path| path.is_file())
}

/// The system-wide data dir of this OS (`/var/lib/sheetdrop`, ...).
pub fn system_data_dir() -> PathBuf {
    paths::data_dir_for(Os::current(), Mode::System, &Env::current())
}
