//! Runs the Google emulator alone, to try the agent by hand:
//!
//! ```text
//! cargo run -p google-emulator -- [--port 8089] [--key service-account.json]
//!     [--token-lifetime SECS] [--write-quota N]
//! ```
//!
//! It prints its URL (the `endpoint` setting) and runs until killed (Ctrl-C).

use google_emulator::Emulator;
use std::path::PathBuf;

fn usage() -> ! {
    eprintln!(
        "usage: google-emulator [--port PORT] [--key PATH] [--token-lifetime SECS] [--write-quota N]"
    );
    std::process::exit(2)
}

fn main() {
    let mut port: u16 = 0;
    let mut key: Option<PathBuf> = None;
    let mut lifetime: Option<u64> = None;
    let mut quota: Option<u32> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--port" => port = val().parse().unwrap_or_else(|_| usage()),
            "--key" => key = Some(PathBuf::from(val())),
            "--token-lifetime" => lifetime = Some(val().parse().unwrap_or_else(|_| usage())),
            "--write-quota" => quota = Some(val().parse().unwrap_or_else(|_| usage())),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    let emu = Emulator::start_on(port);
    if let Some(s) = lifetime {
        emu.set_token_lifetime(s);
    }
    if let Some(n) = quota {
        emu.set_write_quota_per_minute(n);
    }
    if let Some(path) = &key {
        emu.write_service_account_key(path);
        eprintln!("service-account key written to {}", path.display());
    }
    println!("{}", emu.url());
    loop {
        std::thread::park();
    }
}
