//! The Google destination's checks: what `publish::google_probe` found, worded in the user's
//! language with a fix for each failure. Checks after a failed step are left out (no token:
//! nothing to ask Google with).

use super::{config_name, Check};
use crate::config::{Config, Google};
use crate::i18n::{Lang, Text};
use crate::publish::google_probe::{self, CredentialsError, Identity, Reach, Target, TokenError};
use crate::state::State;
use std::path::Path;
use std::time::SystemTime;

/// The checks of the Google destination `settings` of `config` (ids it created are looked up
/// in `state` when open), and Google's time when an answer gave it.
pub(super) fn checks(
    config: &Config,
    settings: &Google,
    state: Option<&State>,
    lang: Lang,
) -> (Vec<Check>, Option<SystemTime>) {
    let config_dir = config.path.as_deref().and_then(Path::parent);
    let probe = google_probe::probe(settings, config_dir, state);
    (
        words(&probe, settings, &config_name(config), lang),
        probe.server_time,
    )
}

/// The checks a probe's findings make.
fn words(
    probe: &google_probe::Probe,
    settings: &Google,
    config_file: &str,
    lang: Lang,
) -> Vec<Check> {
    let who = identity(&probe.identity, lang);
    let mut destination = lang.format(Text::DoctorGoogle, &[("identity", &who)]);
    if !settings.endpoint.is_empty() {
        destination = format!("{destination} · {}", settings.endpoint);
    }
    let mut checks = vec![Check::pass("destination", destination)];

    const CREDENTIALS: &str = "credentials";
    match &probe.credentials {
        Ok(()) => checks.push(Check::pass(CREDENTIALS, who.clone())),
        Err(CredentialsError::KeyFile { path, message }) => {
            let fix = lang.format(
                Text::DoctorKeyFix,
                &[("path", &path.display()), ("config", &config_file)],
            );
            checks.push(Check::fail(CREDENTIALS, message.render(lang), fix));
        }
        Err(CredentialsError::ClientSecret { path, message }) => {
            let fix = lang.format(
                Text::DoctorSecretFix,
                &[("path", &path.display()), ("config", &config_file)],
            );
            checks.push(Check::fail(CREDENTIALS, message.render(lang), fix));
        }
        Err(CredentialsError::NoLogin(why)) => checks.push(Check::fail(
            CREDENTIALS,
            why.render(lang),
            lang.text(Text::DoctorLoginFix),
        )),
    }

    const TOKEN: &str = "token";
    match &probe.token {
        None => return checks,
        Some(Ok(())) => checks.push(Check::pass(TOKEN, lang.text(Text::DoctorTokenOk))),
        Some(Err(TokenError::Refused(why))) => {
            let fix = match &probe.identity {
                Identity::ServiceAccount { email, key } => lang.format(
                    Text::DoctorTokenKeyFix,
                    &[
                        ("email", &email.as_deref().unwrap_or("?")),
                        ("path", &key.display()),
                    ],
                ),
                Identity::OAuth { .. } => lang.text(Text::DoctorLoginFix).to_string(),
            };
            checks.push(Check::fail(TOKEN, why.clone(), fix));
            return checks;
        }
        Some(Err(TokenError::Unreachable(why))) => {
            checks.push(Check::fail(
                TOKEN,
                why.render(lang),
                lang.text(Text::DoctorNetworkFix),
            ));
            return checks;
        }
    }

    let share_with = match &probe.identity {
        Identity::ServiceAccount {
            email: Some(email), ..
        } => email.clone(),
        _ => who,
    };
    let targets = [
        ("spreadsheet", "spreadsheet_id", &probe.spreadsheet),
        ("drive_folder", "drive_folder_id", &probe.drive_folder),
    ];
    for (name, setting, target) in targets {
        if let Some(target) = target {
            let context = Context {
                name,
                setting,
                share_with: &share_with,
                config_file,
            };
            checks.push(context.check(target, lang));
        }
    }
    checks
}

/// Who publishes, in words.
fn identity(identity: &Identity, lang: Lang) -> String {
    match identity {
        Identity::ServiceAccount {
            email: Some(email),
            key,
        } => lang.format(
            Text::DoctorServiceAccount,
            &[("email", email), ("path", &key.display())],
        ),
        Identity::ServiceAccount { email: None, key } => {
            lang.format(Text::DoctorServiceAccountKey, &[("path", &key.display())])
        }
        Identity::OAuth { secret, .. } => {
            lang.format(Text::DoctorOAuthUser, &[("path", &secret.display())])
        }
    }
}

/// What the check of a spreadsheet or Drive folder needs to word its fix.
struct Context<'a> {
    /// The check's name (`spreadsheet`, `drive_folder`).
    name: &'static str,
    /// Its config setting (`spreadsheet_id`, `drive_folder_id`).
    setting: &'static str,
    /// Whom to share it with.
    share_with: &'a str,
    /// The config file, as named in fixes.
    config_file: &'a str,
}

impl Context<'_> {
    fn check(&self, target: &Target, lang: Lang) -> Check {
        let id = target.id.as_deref().unwrap_or_default();
        let share = || {
            lang.format(
                Text::DoctorShareFix,
                &[
                    ("identity", &self.share_with),
                    ("setting", &self.setting),
                    ("config", &self.config_file),
                ],
            )
        };
        match &target.reach {
            Reach::NotCreatedYet => Check::pass(self.name, lang.text(Text::DoctorNotCreatedYet)),
            Reach::Reachable { name } => Check::pass(
                self.name,
                lang.format(Text::DoctorReachable, &[("id", &id), ("name", name)]),
            ),
            Reach::Trashed { name } => Check::fail(
                self.name,
                lang.format(Text::DoctorTrashed, &[("id", &id), ("name", name)]),
                lang.text(Text::DoctorTrashedFix),
            ),
            Reach::NotFound => {
                let fix = match (target.configured, self.name) {
                    (true, _) => share(),
                    (false, "spreadsheet") => lang.text(Text::DoctorSpreadsheetGoneFix).to_string(),
                    (false, _) => lang.text(Text::DoctorFolderGoneFix).to_string(),
                };
                Check::fail(
                    self.name,
                    lang.format(Text::DoctorNotFound, &[("id", &id)]),
                    fix,
                )
            }
            Reach::Forbidden => Check::fail(
                self.name,
                lang.format(Text::DoctorForbidden, &[("id", &id)]),
                share(),
            ),
            Reach::Failed(why) => Check::fail(
                self.name,
                why.render(lang),
                lang.text(Text::DoctorNetworkFix),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use google_probe::Probe;
    use std::path::PathBuf;

    fn probe() -> Probe {
        Probe {
            identity: Identity::ServiceAccount {
                email: Some("sa@p.iam.gserviceaccount.com".into()),
                key: PathBuf::from("/etc/sheetdrop/key.json"),
            },
            credentials: Ok(()),
            token: Some(Ok(())),
            spreadsheet: Some(Target {
                id: None,
                configured: false,
                reach: Reach::NotCreatedYet,
            }),
            drive_folder: Some(Target {
                id: Some("F1".into()),
                configured: false,
                reach: Reach::Reachable {
                    name: "sheetdrop".into(),
                },
            }),
            server_time: None,
        }
    }

    fn names(checks: &[Check]) -> Vec<(&str, bool)> {
        checks.iter().map(|c| (c.name, c.ok)).collect()
    }

    #[test]
    fn a_working_destination_is_all_ok() {
        let checks = words(&probe(), &Google::default(), "sheetdrop.toml", Lang::En);
        assert_eq!(
            names(&checks),
            [
                ("destination", true),
                ("credentials", true),
                ("token", true),
                ("spreadsheet", true),
                ("drive_folder", true)
            ]
        );
        assert_eq!(
            checks[1].detail,
            "service account sa@p.iam.gserviceaccount.com (key /etc/sheetdrop/key.json)"
        );
        assert_eq!(
            checks[3].detail,
            "not created yet: it will be created at first publish"
        );
        assert_eq!(checks[4].detail, "F1 \"sheetdrop\": reachable");
    }

    #[test]
    fn a_refused_key_stops_there_with_a_fix_naming_the_key() {
        let mut p = probe();
        p.token = Some(Err(TokenError::Refused("invalid_grant".into())));
        let checks = words(&p, &Google::default(), "sheetdrop.toml", Lang::En);
        assert_eq!(checks.last().unwrap().name, "token");
        let fix = checks.last().unwrap().fix.clone().unwrap();
        assert!(
            fix.contains("sa@p.iam.gserviceaccount.com") && fix.contains("/etc/sheetdrop/key.json"),
            "{fix}"
        );
    }

    #[test]
    fn missing_or_forbidden_targets_say_whom_to_share_with_or_that_they_are_gone() {
        let mut p = probe();
        p.spreadsheet = Some(Target {
            id: Some("S1".into()),
            configured: true,
            reach: Reach::Forbidden,
        });
        p.drive_folder = Some(Target {
            id: Some("F1".into()),
            configured: false,
            reach: Reach::NotFound,
        });
        let checks = words(&p, &Google::default(), "/etc/sheetdrop.toml", Lang::En);
        let sheet = &checks[3];
        assert_eq!(
            (sheet.ok, sheet.detail.as_str()),
            (false, "S1: access denied (403)")
        );
        let fix = sheet.fix.as_deref().unwrap();
        assert!(
            fix.starts_with("share it with sa@p.iam.gserviceaccount.com"),
            "{fix}"
        );
        assert!(
            fix.contains("`spreadsheet_id`") && fix.contains("/etc/sheetdrop.toml"),
            "{fix}"
        );
        let folder = &checks[4];
        assert_eq!(folder.detail, "F1: not found (404)");
        assert!(
            folder.fix.as_deref().unwrap().contains("Drive trash"),
            "{folder:?}"
        );
    }

    #[test]
    fn no_login_asks_for_auth_login_in_spanish_too() {
        let p = Probe {
            identity: Identity::OAuth {
                secret: PathBuf::from("client_secret.json"),
                cache: None,
            },
            credentials: Err(CredentialsError::NoLogin(
                crate::i18n::Message::new(Text::GoogleNoCachedToken).with("path", "/t.json"),
            )),
            token: None,
            spreadsheet: None,
            drive_folder: None,
            server_time: None,
        };
        let checks = words(&p, &Google::default(), "sheetdrop.toml", Lang::Es);
        assert_eq!(
            names(&checks),
            [("destination", true), ("credentials", false)]
        );
        assert!(checks[1]
            .fix
            .as_deref()
            .unwrap()
            .starts_with("ejecute `sheetdrop auth login`"));
        assert_eq!(
            checks[1].detail,
            "no hay ningún token de OAuth guardado en /t.json"
        );
    }

    #[test]
    fn network_failures_are_said_in_the_users_language() {
        let no_answer = crate::i18n::Message::new(Text::GoogleNoAnswer)
            .with("url", "https://oauth2.googleapis.com/token")
            .with_number("n", 10);
        let mut p = probe();
        p.token = Some(Err(TokenError::Unreachable(no_answer)));
        let checks = words(&p, &Google::default(), "sheetdrop.toml", Lang::PtBr);
        let token = checks.last().unwrap();
        assert_eq!((token.name, token.ok), ("token", false));
        assert_eq!(
            token.detail,
            "https://oauth2.googleapis.com/token não respondeu em 10 s"
        );
        let mut p = probe();
        p.drive_folder.as_mut().unwrap().reach = Reach::Failed(
            crate::i18n::Message::new(Text::GoogleAnswerCutOff).with("url", "https://x/F1"),
        );
        let checks = words(&p, &Google::default(), "sheetdrop.toml", Lang::Es);
        let folder = checks.iter().find(|c| c.name == "drive_folder").unwrap();
        assert_eq!(folder.detail, "https://x/F1: la respuesta llegó cortada");
    }
}
