//! The doctor's outputs: text for people (one line per check, its fix on the next) and JSON
//! for scripts (stable English check names, details and fixes in the user's language).

use super::{Check, Doctor};
use crate::i18n::{Lang, Text};

impl Doctor {
    /// The text output: version and paths, one line per check (`OK`/`FAIL`, its name, what
    /// was found), the fix of a failure on the line below, and the result.
    pub fn to_text(&self) -> String {
        let lang = self.lang;
        let info = &self.info;
        let config = info.config.as_ref().map_or_else(
            || lang.text(Text::DoctorInfoNoConfig).to_string(),
            |p| p.display().to_string(),
        );
        let mut out = format!("sheetdrop {} ({})\n", info.version, info.os);
        for line in [
            lang.format(Text::DoctorInfoConfig, &[("path", &config)]),
            lang.format(
                Text::DoctorInfoDataDir,
                &[("path", &info.data_dir.display())],
            ),
            lang.format(Text::DoctorInfoLogDir, &[("path", &info.log_dir.display())]),
        ] {
            out.push_str(&crate::report::printable(&line));
            out.push('\n');
        }
        out.push('\n');
        let (ok, fail) = (lang.text(Text::DoctorOk), lang.text(Text::DoctorFail));
        let warn = lang.text(Text::DoctorWarn);
        let width = ok.chars().count().max(fail.chars().count());
        // The warning's label widens the column only when some check is one.
        let width = if self.checks.iter().any(|c| c.warning) {
            width.max(warn.chars().count())
        } else {
            width
        };
        for check in &self.checks {
            let verdict = match (check.ok, check.warning) {
                (true, true) => warn,
                (true, false) => ok,
                (false, _) => fail,
            };
            let name = label(check.name, lang);
            out.push_str(&format!("{verdict:<width$} {name}: {}\n", check.detail));
            if let Some(fix) = &check.fix {
                let fix = lang.format(Text::DoctorFix, &[("fix", fix)]);
                out.push_str(&format!("{:width$} {fix}\n", ""));
            }
        }
        out.push('\n');
        let failed = self.checks.iter().filter(|c| !c.ok).count() as u64;
        out.push_str(&if failed == 0 {
            lang.text(Text::DoctorAllOk).to_string()
        } else {
            lang.plural(failed, Text::DoctorFailedOne, Text::DoctorFailedMany)
        });
        out.push('\n');
        out
    }

    /// The JSON output: `{"ok", "version", "os", "config", "data_dir", "log_dir", "checks":
    /// [{"name", "ok", "detail", "fix"}]}`; a warning also has `"warning": true`.
    pub fn to_json(&self) -> String {
        let info = &self.info;
        let checks: Vec<_> = self.checks.iter().map(check_json).collect();
        serde_json::json!({
            "ok": self.ok(),
            "version": info.version,
            "os": info.os,
            "config": info.config.as_ref().map(|p| p.display().to_string()),
            "data_dir": info.data_dir.display().to_string(),
            "log_dir": info.log_dir.display().to_string(),
            "checks": checks,
        })
        .to_string()
    }
}

/// One check in JSON; `"warning": true` is added only to a warning.
fn check_json(check: &Check) -> serde_json::Value {
    let mut json = serde_json::json!({
        "name": check.name,
        "ok": check.ok,
        "detail": check.detail,
        "fix": check.fix,
    });
    if check.warning {
        json["warning"] = serde_json::Value::Bool(true);
    }
    json
}

/// The check's name for people; an unknown name is shown as is.
fn label(name: &str, lang: Lang) -> &str {
    let key = match name {
        "config" => Text::DoctorNameConfig,
        "folder" => Text::DoctorNameFolder,
        "data_dir" => Text::DoctorNameDataDir,
        "state" => Text::DoctorNameState,
        "destination" => Text::DoctorNameDestination,
        "credentials" => Text::DoctorNameCredentials,
        "token" => Text::DoctorNameToken,
        "spreadsheet" => Text::DoctorNameSpreadsheet,
        "drive_folder" => Text::DoctorNameDriveFolder,
        "clock" => Text::DoctorNameClock,
        "patterns" => Text::DoctorNamePatterns,
        other => return other,
    };
    lang.text(key)
}

#[cfg(test)]
mod tests {
    use super::super::Info;
    use super::*;
    use std::path::PathBuf;

    fn doctor(lang: Lang, checks: Vec<Check>) -> Doctor {
        Doctor {
            lang,
            info: Info {
                version: "9.9.9",
                os: "linux x86_64".into(),
                config: Some(PathBuf::from("/etc/sheetdrop/sheetdrop.toml")),
                data_dir: PathBuf::from("/var/lib/sheetdrop"),
                log_dir: PathBuf::from("/var/lib/sheetdrop/logs"),
            },
            checks,
        }
    }

    fn sample() -> Vec<Check> {
        vec![
            Check::pass("config", "/etc/sheetdrop/sheetdrop.toml (system-wide)"),
            Check::fail(
                "folder",
                "/srv/in does not exist",
                "create the folder /srv/in",
            ),
        ]
    }

    #[test]
    fn text_has_one_line_per_check_and_the_fix_below_a_failure() {
        let text = doctor(Lang::En, sample()).to_text();
        assert_eq!(
            text,
            "sheetdrop 9.9.9 (linux x86_64)\n\
             config: /etc/sheetdrop/sheetdrop.toml\n\
             data dir: /var/lib/sheetdrop\n\
             logs: /var/lib/sheetdrop/logs\n\
             \n\
             OK   config: /etc/sheetdrop/sheetdrop.toml (system-wide)\n\
             FAIL folder: /srv/in does not exist\n     fix: create the folder /srv/in\n\
             \n\
             Result: 1 check failed.\n"
        );
        let spanish = doctor(Lang::Es, vec![Check::pass("clock", "2024-05-01T12:00:00Z")]);
        let text = spanish.to_text();
        assert!(
            text.contains("\nOK    reloj: 2024-05-01T12:00:00Z\n"),
            "{text}"
        );
        assert!(text.ends_with("Resultado: todo en orden.\n"), "{text}");
    }

    #[test]
    fn json_has_stable_names_and_mirrors_the_verdicts() {
        let d = doctor(Lang::Es, sample());
        let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        assert_eq!(json["ok"], false);
        assert_eq!(json["version"], "9.9.9");
        assert_eq!(json["config"], "/etc/sheetdrop/sheetdrop.toml");
        assert_eq!(json["log_dir"], "/var/lib/sheetdrop/logs");
        assert_eq!(
            json["checks"],
            serde_json::json!([
                {"name": "config", "ok": true, "detail": "/etc/sheetdrop/sheetdrop.toml (system-wide)", "fix": null},
                {"name": "folder", "ok": false, "detail": "/srv/in does not exist", "fix": "create the folder /srv/in"},
            ])
        );
        let all_ok = doctor(Lang::En, vec![Check::pass("clock", "now")]);
        let json: serde_json::Value = serde_json::from_str(&all_ok.to_json()).unwrap();
        assert_eq!(json["ok"], true);
    }
}
