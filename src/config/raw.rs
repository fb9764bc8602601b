//! The serde mirror of `sheetdrop.toml`: every key of CONTRACT.md §1, nothing else.

use super::catalog::{self, EntitySpec, RefSpec};
use super::{datapackage, line_of, Config, Destination, Error, Google, Language, OnError};
use super::{Policy, Source, Threshold};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    language: RawLanguage,
    #[serde(default)]
    source: RawSource,
    #[serde(default)]
    policy: RawPolicy,
    #[serde(default)]
    destination: RawDestination,
    catalog: Option<Spanned<String>>,
    #[serde(default, rename = "entity")]
    entities: Vec<RawEntity>,
}

#[derive(Deserialize, Default)]
enum RawLanguage {
    #[default]
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "pt-BR")]
    PtBr,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawSource {
    folder: Option<PathBuf>,
    settle_seconds: u64,
    rescan_seconds: u64,
}

impl Default for RawSource {
    fn default() -> Self {
        let d = Source::default();
        RawSource {
            folder: None,
            settle_seconds: d.settle_seconds,
            rescan_seconds: d.rescan_seconds,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    #[serde(default)]
    on_error: RawOnError,
    max_invalid_rows: Option<Threshold>,
    shrink_guard: Option<Threshold>,
}

#[derive(Deserialize, Default)]
enum RawOnError {
    #[default]
    #[serde(rename = "skip-rows")]
    SkipRows,
    #[serde(rename = "reject")]
    Reject,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDestination {
    #[serde(default)]
    kind: RawKind,
    folder: Option<PathBuf>,
    google: Option<RawGoogle>,
}

#[derive(Deserialize, Default, PartialEq)]
enum RawKind {
    #[default]
    #[serde(rename = "local")]
    Local,
    #[serde(rename = "google")]
    Google,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawGoogle {
    credentials: String,
    spreadsheet_id: String,
    drive_folder_id: String,
    share_with: Vec<String>,
    writes_per_minute: u32,
    endpoint: String,
    client_secret: String,
}

impl Default for RawGoogle {
    fn default() -> Self {
        RawGoogle {
            credentials: "service-account.json".into(),
            spreadsheet_id: String::new(),
            drive_folder_id: String::new(),
            share_with: Vec::new(),
            writes_per_minute: 60,
            endpoint: String::new(),
            client_secret: "client_secret.json".into(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    name: Spanned<String>,
    file: Option<String>,
    id: Option<String>,
    encoding: Option<catalog::EncodingSetting>,
    delimiter: Option<catalog::DelimiterSetting>,
    #[serde(default)]
    refs: Vec<RawRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRef {
    column: String,
    entity: Spanned<String>,
    #[serde(default)]
    required: bool,
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Count(u64),
            Text(String),
        }
        let bad = |s: &str| {
            serde::de::Error::custom(format!(
                "invalid limit `{s}`: write a row count like 50 or a percentage like \"1%\""
            ))
        };
        match Either::deserialize(d)? {
            Either::Count(n) => Ok(Threshold::Count(n)),
            Either::Text(s) => {
                let t = s.trim();
                if let Some(p) = t.strip_suffix('%') {
                    match p.trim().parse::<f64>() {
                        Ok(p) if (0.0..=100.0).contains(&p) => Ok(Threshold::Percent(p)),
                        _ => Err(bad(&s)),
                    }
                } else {
                    t.parse().map(Threshold::Count).map_err(|_| bad(&s))
                }
            }
        }
    }
}

/// Parses and validates the text of `sheetdrop.toml`.
pub(super) fn parse(text: &str, path: &Path) -> Result<Config, Error> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| Error::Syntax {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let defaults = Policy::default();
    let policy = Policy {
        on_error: match raw.policy.on_error {
            RawOnError::SkipRows => OnError::SkipRows,
            RawOnError::Reject => OnError::Reject,
        },
        max_invalid_rows: raw
            .policy
            .max_invalid_rows
            .unwrap_or(defaults.max_invalid_rows),
        shrink_guard: raw.policy.shrink_guard.unwrap_or(defaults.shrink_guard),
    };
    let destination = match raw.destination.kind {
        RawKind::Local => Destination::Local {
            folder: raw.destination.folder.map(|f| base.join(f)),
        },
        RawKind::Google => {
            let g = raw.destination.google.unwrap_or_default();
            Destination::Google(Google {
                credentials: g.credentials,
                spreadsheet_id: g.spreadsheet_id,
                drive_folder_id: g.drive_folder_id,
                share_with: g.share_with,
                writes_per_minute: g.writes_per_minute,
                endpoint: g.endpoint,
                client_secret: g.client_secret,
            })
        }
    };
    let catalog = match (&raw.catalog, raw.entities.is_empty()) {
        (Some(cat), true) => {
            let file = base.join(cat.get_ref());
            datapackage::load(&file)?
        }
        (Some(cat), false) => {
            return Err(Error::Invalid {
                path: path.to_path_buf(),
                line: Some(line_of(text, cat.span().start)),
                message: "give either `catalog = ...` or [[entity]] tables, not both".into(),
            })
        }
        (None, true) => catalog::Catalog::default(),
        (None, false) => {
            let specs = raw
                .entities
                .into_iter()
                .map(|e| entity_spec(e, text))
                .collect();
            catalog::Catalog::build(specs, path)?
        }
    };
    Ok(Config {
        path: Some(path.to_path_buf()),
        language: match raw.language {
            RawLanguage::Auto => Language::Auto,
            RawLanguage::Es => Language::Es,
            RawLanguage::En => Language::En,
            RawLanguage::PtBr => Language::PtBr,
        },
        source: Source {
            folder: raw.source.folder.map(|f| base.join(f)),
            settle_seconds: raw.source.settle_seconds,
            rescan_seconds: raw.source.rescan_seconds,
        },
        policy,
        destination,
        catalog,
    })
}

fn entity_spec(e: RawEntity, text: &str) -> EntitySpec {
    EntitySpec {
        line: Some(line_of(text, e.name.span().start)),
        name: e.name.into_inner(),
        file: e.file,
        id: e.id,
        encoding: e.encoding.and_then(|s| s.0),
        delimiter: e.delimiter.and_then(|s| s.0),
        refs: e
            .refs
            .into_iter()
            .map(|r| RefSpec {
                line: Some(line_of(text, r.entity.span().start)),
                column: r.column,
                entity: r.entity.into_inner(),
                required: r.required,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Threshold;

    fn parse_str(text: &str) -> Result<Config, Error> {
        parse(text, Path::new("/x/sheetdrop.toml"))
    }

    #[test]
    fn empty_file_gives_defaults_and_default_catalog() {
        let c = parse_str("").unwrap();
        assert_eq!(c.policy, Policy::default());
        let names: Vec<_> = c
            .catalog
            .entities()
            .iter()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "usuarios",
                "sucursales",
                "clientes",
                "ventas",
                "unidades",
                "servicios"
            ]
        );
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse_str("language = \"es\"\n[policy]\non_eror = \"reject\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("on_eror"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
    }

    #[test]
    fn thresholds_parse_as_count_or_percent() {
        let c = parse_str("[policy]\nmax_invalid_rows = 5\nshrink_guard = \"12.5%\"\n").unwrap();
        assert_eq!(c.policy.max_invalid_rows, Threshold::Count(5));
        assert_eq!(c.policy.shrink_guard, Threshold::Percent(12.5));
        let err = parse_str("[policy]\nmax_invalid_rows = \"lots\"\n").unwrap_err();
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn every_contract_key_is_accepted() {
        let text = r#"
language = "pt-BR"
[source]
folder = "C:/Exportaciones"
settle_seconds = 3
rescan_seconds = 60
[policy]
on_error = "skip-rows"
max_invalid_rows = "1%"
shrink_guard = "50%"
[destination]
kind = "google"
folder = "./outbox"
[destination.google]
credentials = "service-account.json"
spreadsheet_id = ""
drive_folder_id = ""
share_with = ["a@b.c"]
writes_per_minute = 60
endpoint = ""
[[entity]]
name = "clientes"
file = "clientes*.csv"
id = "COD"
encoding = "windows-1252"
delimiter = ";"
[[entity]]
name = "ventas"
file = "ventas*.csv"
id = "NRO_VENTA"
encoding = "auto"
delimiter = "auto"
refs = [ { column = "COD_CLIENTE", entity = "clientes", required = true } ]
"#;
        let c = parse_str(text).unwrap();
        assert_eq!(c.language, Language::PtBr);
        assert!(matches!(c.destination, Destination::Google(ref g) if g.share_with == ["a@b.c"]));
        assert_eq!(c.catalog.entities()[1].refs[0].entity, "clientes");
        assert_eq!(c.catalog.entities()[0].delimiter, Some(b';'));
    }

    #[test]
    fn bad_encoding_label_names_line() {
        let err = parse_str("[[entity]]\nname = \"a\"\nencoding = \"klingon\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("klingon") && msg.contains("line 3"), "{msg}");
    }
}
