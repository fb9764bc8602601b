//! Whether this process can show a tray icon to someone: a graphical session it belongs to.
//!
//! `run` without `--headless` tries the tray only then, and otherwise runs headless with one
//! line in the log. Without this check the tray would be tried where nobody can see it: over
//! ssh (macOS: AppKit would start for a session without a screen; Windows: OpenSSH's sessions
//! have a window station no one looks at), and in a service.

/// True when a graphical session is present:
/// - Linux and the BSDs: `DISPLAY` or `WAYLAND_DISPLAY` is set (not empty).
/// - Windows: the process's window station is the visible one (`WSF_VISIBLE`), as in a user's
///   desktop session; services and OpenSSH's sessions have invisible ones.
/// - macOS: the process's security session has graphic access (`SessionGetInfo`'s
///   `sessionHasGraphicAccess`), as in a user's login; an ssh session has none.
pub fn graphical_session() -> bool {
    imp::graphical_session()
}

#[cfg(all(unix, not(target_os = "macos")))]
mod imp {
    pub fn graphical_session() -> bool {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|v| !v.is_empty()))
    }
}

#[cfg(windows)]
mod imp {
    use windows_sys::Win32::System::StationsAndDesktops::{
        GetProcessWindowStation, GetUserObjectInformationW, UOI_FLAGS, USEROBJECTFLAGS,
    };
    use windows_sys::Win32::UI::WindowsAndMessaging::WSF_VISIBLE;

    pub fn graphical_session() -> bool {
        // SAFETY: the handle is the process's own (not to be closed), and the buffer is a
        // USEROBJECTFLAGS of the size given.
        unsafe {
            let station = GetProcessWindowStation();
            if station.is_null() {
                return false;
            }
            let mut flags: USEROBJECTFLAGS = std::mem::zeroed();
            let ok = GetUserObjectInformationW(
                station,
                UOI_FLAGS,
                &mut flags as *mut USEROBJECTFLAGS as *mut core::ffi::c_void,
                std::mem::size_of::<USEROBJECTFLAGS>() as u32,
                std::ptr::null_mut(),
            );
            ok != 0 && flags.dwFlags & WSF_VISIBLE as u32 != 0
        }
    }
}

#[cfg(target_os = "macos")]
mod imp {
    /// `callerSecuritySession`: the calling process's own session.
    const CALLER_SECURITY_SESSION: u32 = u32::MAX;
    /// `sessionHasGraphicAccess` in `SessionAttributeBits`.
    const SESSION_HAS_GRAPHIC_ACCESS: u32 = 0x0010;

    #[link(name = "Security", kind = "framework")]
    extern "C" {
        fn SessionGetInfo(session: u32, session_id: *mut u32, attributes: *mut u32) -> i32;
    }

    pub fn graphical_session() -> bool {
        let (mut id, mut attributes) = (0u32, 0u32);
        // SAFETY: both out-pointers are valid for the call.
        let status = unsafe { SessionGetInfo(CALLER_SECURITY_SESSION, &mut id, &mut attributes) };
        status == 0 && attributes & SESSION_HAS_GRAPHIC_ACCESS != 0
    }
}

// macOS's answer depends on how the test is started (a Terminal or ssh), with nothing else
// to compare it with: no test there.
#[cfg(all(test, not(target_os = "macos")))]
mod tests {
    use super::*;

    /// Linux: the answer follows the environment (the tests of the tray under Xvfb set
    /// DISPLAY for the agent they start; here it is read, not set, to keep the test's
    /// process environment alone).
    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn linux_follows_display_or_wayland_display() {
        let set = |v: &str| std::env::var_os(v).is_some_and(|v| !v.is_empty());
        assert_eq!(
            graphical_session(),
            set("DISPLAY") || set("WAYLAND_DISPLAY")
        );
    }

    /// Windows: run inside a desktop (wine's `explorer /desktop=`, in .ci/wine-tray), the
    /// process's window station is the visible one.
    #[cfg(windows)]
    #[test]
    fn windows_a_desktop_s_process_has_a_graphical_session() {
        assert!(graphical_session());
    }
}
