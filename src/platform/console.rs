//! The console window of the tray agent on Windows.
//!
//! `sheetdrop.exe` is a console-subsystem program, so that the CLI prints, pipes and exits
//! with a code in cmd and PowerShell. The price: when Windows starts it with no console to
//! inherit (the MSI's Run value at login, the Start-menu shortcut, a double click), it opens a
//! console window for it. Beside the tray icon that window is noise, and closing it ends the
//! agent. So once the tray is up, `run` lets go of a console that exists for it alone (one
//! attached process: created for this process, not inherited from a shell); a console shared
//! with cmd, PowerShell or a terminal stays, with the agent's output and Ctrl-C. The log file
//! has everything the console showed. On other OSes a terminal is never opened for a desktop
//! program, and [`detach_if_own`] does nothing.

/// What to do with the console, from the number of processes attached to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// No console (or it cannot be asked): nothing to do.
    NoConsole,
    /// Only this process uses it: Windows opened it for us, so it goes.
    Detach,
    /// A shell or terminal shares it: it stays.
    Keep,
}

/// The plan for a console that `processes` processes (this one included) are attached to:
/// `GetConsoleProcessList`'s answer, 0 when there is no console.
pub fn plan(processes: u32) -> Plan {
    match processes {
        0 => Plan::NoConsole,
        1 => Plan::Detach,
        _ => Plan::Keep,
    }
}

/// Detaches this process from its console when the console was opened for it alone (see the
/// module doc), and says so in the log ("console detached"); returns the plan it followed.
/// Call it once the tray is shown: it is then the agent's only window. Does nothing outside
/// Windows.
pub fn detach_if_own() -> Plan {
    imp::detach_if_own()
}

#[cfg(windows)]
mod imp {
    use super::{plan, Plan};
    use windows_sys::Win32::System::Console::{
        FreeConsole, GetConsoleMode, GetConsoleProcessList, GetStdHandle, SetStdHandle,
        STD_ERROR_HANDLE, STD_HANDLE, STD_INPUT_HANDLE, STD_OUTPUT_HANDLE,
    };

    pub(super) fn detach_if_own() -> Plan {
        // Room for two ids: a second one is all it takes to know the console is shared (a
        // larger count is returned as the count, with the buffer left untouched).
        let mut ids = [0u32; 2];
        // SAFETY: the pointer and the length describe `ids`.
        let processes = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
        let plan = plan(processes);
        if plan != Plan::Detach {
            tracing::debug!(processes, ?plan, "console kept");
            return plan;
        }
        // Standard handles that are the console's: stale once it is gone, so they are
        // cleared (Rust's stdio then writes nowhere); redirected ones (files, pipes) stay.
        let console_handles: Vec<STD_HANDLE> =
            [STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE]
                .into_iter()
                .filter(|&which| {
                    let mut mode = 0;
                    // SAFETY: GetStdHandle takes any id; GetConsoleMode only writes `mode`.
                    unsafe { GetConsoleMode(GetStdHandle(which), &mut mode) != 0 }
                })
                .collect();
        // SAFETY: no arguments; failure is reported through the return value.
        if unsafe { FreeConsole() } == 0 {
            let error = std::io::Error::last_os_error();
            tracing::warn!(%error, "cannot detach from the console opened for the agent");
            return Plan::Keep;
        }
        for which in console_handles {
            // SAFETY: a null handle is what a process without that standard handle has.
            unsafe { SetStdHandle(which, std::ptr::null_mut()) };
        }
        tracing::info!("console detached");
        plan
    }
}

#[cfg(not(windows))]
mod imp {
    use super::Plan;

    pub(super) fn detach_if_own() -> Plan {
        Plan::NoConsole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_console_of_our_own_is_detached() {
        assert_eq!(plan(0), Plan::NoConsole);
        assert_eq!(plan(1), Plan::Detach);
        // cmd or PowerShell and us; a terminal's shell, a pipeline's other programs and us.
        assert_eq!(plan(2), Plan::Keep);
        assert_eq!(plan(5), Plan::Keep);
    }

    #[cfg(not(windows))]
    #[test]
    fn elsewhere_nothing_is_done() {
        assert_eq!(detach_if_own(), Plan::NoConsole);
    }
}
