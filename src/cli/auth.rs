//! `sheetdrop auth login [--no-browser] | status | logout`: the Google credentials of
//! `[destination.google]`; exit 0 ok, 1 not, and an error (2) without a Google destination.

use super::{AuthAction, Context, Result};
use crate::agent;
use crate::config::Destination;
use crate::i18n::Text;
use crate::publish::google_auth;
use std::path::Path;
use std::process::ExitCode;

/// Logs in (then makes the publishes waiting for it due now), says whether the login works,
/// or logs out.
pub fn run(ctx: &Context, action: AuthAction) -> Result<ExitCode> {
    let config = ctx.load_config()?;
    let lang = ctx.lang;
    let Destination::Google(google) = &config.destination else {
        let path = config.path.as_deref().map_or_else(
            || lang.text(Text::AuthDefaultConfig).to_string(),
            |p| p.display().to_string(),
        );
        return Err(lang
            .format(Text::AuthNotGoogle, &[("config", &path)])
            .into());
    };
    let config_dir = config.path.as_deref().and_then(Path::parent);
    match action {
        AuthAction::Login { no_browser } => {
            match google_auth::login(google, config_dir, !no_browser, lang) {
                Ok(cache) => {
                    let path = cache.display();
                    println!("{}", lang.format(Text::AuthLoggedIn, &[("path", &path)]));
                    // Publishes that failed for want of a login are tried again at once (by
                    // the running agent, or the next `run`), not after their backoff.
                    let destination = agent::destination_name(&config);
                    if let Ok(n @ 1..) = agent::retry_pending_now(&ctx.data_dir(), destination) {
                        let text = lang.plural(n as u64, Text::AuthRetryOne, Text::AuthRetryMany);
                        println!("{text}");
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    let text = lang.format(Text::AuthLoginFailed, &[("error", &e.render(lang))]);
                    eprintln!("sheetdrop: {text}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        AuthAction::Status => {
            let status = google_auth::status(google, config_dir);
            let identity = status.identity.render(lang);
            println!(
                "{}",
                lang.format(Text::AuthIdentity, &[("identity", &identity)])
            );
            match status.works {
                Ok(()) => {
                    println!("{}", lang.text(Text::AuthTokenWorks));
                    Ok(ExitCode::SUCCESS)
                }
                Err(why) => {
                    let why = why.render(lang);
                    println!("{}", lang.format(Text::AuthTokenFails, &[("why", &why)]));
                    Ok(ExitCode::from(1))
                }
            }
        }
        AuthAction::Logout => match google_auth::logout(google) {
            Ok(done) => {
                println!("{}", done.render(lang));
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                let text = lang.format(Text::AuthLogoutFailed, &[("error", &e.render(lang))]);
                eprintln!("sheetdrop: {text}");
                Ok(ExitCode::from(1))
            }
        },
    }
}
