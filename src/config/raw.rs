//! The serde mirror of `sheetdrop.toml`: every key of docs/contract.md §1, nothing else.

use super::bounds;
use super::catalog::{self, EntitySpec, RefSpec};
use super::problem::{self, Position};
use super::{
    datapackage, line_of, Config, Destination, Error, Google, Language, OnColumnChange, OnError,
};
use super::{ColumnRule, Format, Policy, RuleSeverity, Source, Threshold};
use crate::i18n::{Message, Text};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// `[destination.google] writes_per_minute` when absent.
const DEFAULT_WRITES_PER_MINUTE: u64 = 60;

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

/// Numbers are read as TOML's own integers (i64) and checked against their range in
/// [`bounds`], so that a negative or huge value is refused naming the key and the range.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawSource {
    folder: Option<PathBuf>,
    settle_seconds: Option<Spanned<RawNumber>>,
    rescan_seconds: Option<Spanned<RawNumber>>,
    follow_symlinks: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    #[serde(default)]
    on_error: RawOnError,
    max_invalid_rows: Option<Spanned<RawThreshold>>,
    shrink_guard: Option<Spanned<RawThreshold>>,
    max_record_bytes: Option<Spanned<RawThreshold>>,
    #[serde(default)]
    on_column_change: RawOnColumnChange,
}

/// A limit as written: a row count or a text such as "1%" (checked in [`threshold`]);
/// anything else is kept to be refused in words.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawThreshold {
    Count(i64),
    Float(f64),
    Text(String),
    Other(toml::Value),
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
enum RawOnColumnChange {
    #[default]
    #[serde(rename = "hold-removed")]
    HoldRemoved,
    #[serde(rename = "hold")]
    Hold,
    #[serde(rename = "warn")]
    Warn,
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
    writes_per_minute: Option<Spanned<RawNumber>>,
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
            writes_per_minute: None,
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
    encoding: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    #[serde(default)]
    refs: Vec<RawRef>,
    sheet: Option<String>,
    #[serde(default)]
    columns: std::collections::BTreeMap<String, RawColumnRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumnRule {
    #[serde(default)]
    required: bool,
    #[serde(default)]
    unique: bool,
    format: Option<Spanned<String>>,
    #[serde(default)]
    severity: RawRuleSeverity,
}

#[derive(Deserialize, Default)]
enum RawRuleSeverity {
    #[default]
    #[serde(rename = "error")]
    Error,
    #[serde(rename = "warning")]
    Warning,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRef {
    column: String,
    entity: Spanned<String>,
    #[serde(default)]
    required: bool,
}

/// A limit as configured: a row count from 0 to `bound.max`, or a finite percentage from 0
/// to 100; `bound` names the key in the error.
fn threshold(raw: &RawThreshold, bound: bounds::Bound) -> Result<Threshold, Message> {
    let max = u64::try_from(bound.max).unwrap_or(0);
    let count = |n: u64| (n <= max).then_some(Threshold::Count(n));
    let (parsed, shown) = match raw {
        RawThreshold::Count(n) => (u64::try_from(*n).ok().and_then(count), n.to_string()),
        RawThreshold::Float(f) => (None, f.to_string()),
        RawThreshold::Other(v) => (None, v.to_string()),
        RawThreshold::Text(text) => {
            let t = text.trim();
            let parsed = match t.strip_suffix('%') {
                Some(p) => p
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
                    .map(Threshold::Percent),
                None => t.parse().ok().and_then(count),
            };
            (parsed, format!("{text:?}"))
        }
    };
    parsed.ok_or_else(|| {
        Message::new(Text::ConfigBadLimit)
            .with("key", bound.key)
            .with("value", shown)
            .with_number("max", max)
    })
}

/// A whole number as written, or anything else (a float, a text, NaN) to be refused naming
/// the key and its range.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawNumber {
    Int(i64),
    Other(toml::Value),
}

/// A number checked against its range; `default` when the key is absent.
fn number(
    raw: Option<&Spanned<RawNumber>>,
    bound: bounds::Bound,
    default: u64,
) -> Result<u64, (std::ops::Range<usize>, Message)> {
    match raw {
        Some(v) => match v.get_ref() {
            RawNumber::Int(n) => bound.check(*n).map(|n| n as u64),
            RawNumber::Other(other) => Err(bound.not_whole(other)),
        }
        .map_err(|m| (v.span(), m)),
        None => Ok(default),
    }
}

/// A size as configured: a count of bytes, or a text such as "16MiB", "512KiB", "1GiB" or
/// "10MB" (KB, MB, GB are powers of 1000; KiB, MiB, GiB of 1024), within
/// [`bounds::RECORD_BYTES_RANGE`].
fn byte_size(raw: &RawThreshold) -> Result<u64, Message> {
    let (parsed, shown) = match raw {
        RawThreshold::Count(n) => (u64::try_from(*n).ok(), n.to_string()),
        RawThreshold::Float(f) => (None, f.to_string()),
        RawThreshold::Other(value) => (None, value.to_string()),
        RawThreshold::Text(text) => {
            let t = text.trim();
            let split = t
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(t.len());
            let (number, unit) = (t[..split].trim(), t[split..].trim());
            let scale: Option<u64> = match unit.to_ascii_lowercase().as_str() {
                "" | "b" => Some(1),
                "kb" => Some(1_000),
                "mb" => Some(1_000_000),
                "gb" => Some(1_000_000_000),
                "kib" => Some(1 << 10),
                "mib" => Some(1 << 20),
                "gib" => Some(1 << 30),
                _ => None,
            };
            let parsed = match (number.parse::<f64>(), scale) {
                (Ok(n), Some(scale)) if n.is_finite() && n >= 0.0 => {
                    let bytes = (n * scale as f64).round();
                    (bytes <= u64::MAX as f64).then_some(bytes as u64)
                }
                _ => None,
            };
            (parsed, text.clone())
        }
    };
    parsed
        .filter(|n| bounds::RECORD_BYTES_RANGE.contains(n))
        .ok_or_else(|| Message::new(Text::ConfigBadSize).with("value", shown))
}

/// Parses and validates the text of `sheetdrop.toml`.
pub(super) fn parse(text: &str, path: &Path) -> Result<Config, Error> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let position = e
            .span()
            .map(|span| Position::at_offset(text, span.start, span.len()));
        Error::Syntax {
            path: path.to_path_buf(),
            line: position.as_ref().map(|p| p.line),
            column: position.as_ref().map(|p| p.column),
            problem: match text.parse::<toml::Table>() {
                Ok(_) => problem::describe(e.message()),
                Err(_) => problem::not_valid(Text::ConfigNotToml, e.message()),
            },
            snippet: position.map(|p| p.snippet).unwrap_or_default(),
        }
    })?;
    // A value serde took but sheetdrop cannot use: the file, its line and what to write.
    let invalid_at = |span: std::ops::Range<usize>, message: Message| Error::Invalid {
        path: path.to_path_buf(),
        line: Some(line_of(text, span.start)),
        message,
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let defaults = Policy::default();
    let limit = |raw: &Option<Spanned<RawThreshold>>, bound, default: Threshold| match raw {
        Some(raw) => threshold(raw.get_ref(), bound).map_err(|m| invalid_at(raw.span(), m)),
        None => Ok(default),
    };
    let number = |raw: Option<&Spanned<RawNumber>>, bound, default| {
        number(raw, bound, default).map_err(|(span, m)| invalid_at(span, m))
    };
    let source_defaults = Source::default();
    let settle_seconds = number(
        raw.source.settle_seconds.as_ref(),
        bounds::SETTLE_SECONDS,
        source_defaults.settle_seconds,
    )?;
    let rescan_seconds = number(
        raw.source.rescan_seconds.as_ref(),
        bounds::RESCAN_SECONDS,
        source_defaults.rescan_seconds,
    )?;
    let policy = Policy {
        on_error: match raw.policy.on_error {
            RawOnError::SkipRows => OnError::SkipRows,
            RawOnError::Reject => OnError::Reject,
        },
        max_invalid_rows: limit(
            &raw.policy.max_invalid_rows,
            bounds::MAX_INVALID_ROWS,
            defaults.max_invalid_rows,
        )?,
        shrink_guard: limit(
            &raw.policy.shrink_guard,
            bounds::SHRINK_GUARD,
            defaults.shrink_guard,
        )?,
        max_record_bytes: match &raw.policy.max_record_bytes {
            Some(raw) => byte_size(raw.get_ref()).map_err(|m| invalid_at(raw.span(), m))?,
            None => defaults.max_record_bytes,
        },
        on_column_change: match raw.policy.on_column_change {
            RawOnColumnChange::HoldRemoved => OnColumnChange::HoldRemoved,
            RawOnColumnChange::Hold => OnColumnChange::Hold,
            RawOnColumnChange::Warn => OnColumnChange::Warn,
        },
    };
    // Checked whatever the kind, so a bad value waiting in the file is found now.
    let writes_per_minute = number(
        raw.destination
            .google
            .as_ref()
            .and_then(|g| g.writes_per_minute.as_ref()),
        bounds::WRITES_PER_MINUTE,
        DEFAULT_WRITES_PER_MINUTE,
    )? as u32;
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
                writes_per_minute,
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
            return Err(invalid_at(
                cat.span(),
                Message::new(Text::ConfigCatalogAndEntities),
            ))
        }
        (None, true) => catalog::Catalog::default(),
        (None, false) => {
            let specs = raw
                .entities
                .into_iter()
                .map(|e| entity_spec(e, text).map_err(|(span, m)| invalid_at(span, m)))
                .collect::<Result<_, _>>()?;
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
            settle_seconds,
            rescan_seconds,
            follow_symlinks: raw.source.follow_symlinks,
        },
        policy,
        destination,
        catalog,
    })
}

/// The spec of a declared entity; a bad `encoding` or `delimiter` is refused with its span.
fn entity_spec(e: RawEntity, text: &str) -> Result<EntitySpec, (std::ops::Range<usize>, Message)> {
    fn setting<T>(
        value: Option<Spanned<String>>,
        parse: fn(&str) -> Result<Option<T>, Message>,
    ) -> Result<Option<T>, (std::ops::Range<usize>, Message)> {
        match value {
            Some(v) => parse(v.get_ref()).map_err(|m| (v.span(), m)),
            None => Ok(None),
        }
    }
    let mut columns = Vec::with_capacity(e.columns.len());
    for (column, rule) in e.columns {
        let format = match &rule.format {
            Some(f) => Some(Format::parse(f.get_ref()).map_err(|reason| {
                let message = Message::new(Text::ConfigColumnRule)
                    .with("entity", e.name.get_ref())
                    .with("column", &column)
                    .with_message("reason", reason);
                (f.span(), message)
            })?),
            None => None,
        };
        columns.push(ColumnRule {
            column,
            required: rule.required,
            unique: rule.unique,
            format,
            format_text: rule.format.map(|f| f.into_inner().trim().to_string()),
            severity: match rule.severity {
                RawRuleSeverity::Error => RuleSeverity::Error,
                RawRuleSeverity::Warning => RuleSeverity::Warning,
            },
        });
    }
    Ok(EntitySpec {
        line: Some(line_of(text, e.name.span().start)),
        name: e.name.into_inner(),
        file: e.file,
        id: e.id,
        encoding: setting(e.encoding, catalog::encoding_setting)?,
        delimiter: setting(e.delimiter, catalog::delimiter_setting)?,
        sheet: e.sheet,
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
        columns,
    })
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
    fn numbers_out_of_range_name_key_line_and_range() {
        let err = parse_str("[source]\nsettle_seconds = 9223372036854775807\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/x/sheetdrop.toml, line 2: `settle_seconds` = 9223372036854775807 is out of range: \
             write a whole number from 0 to 3,600"
        );
        let err = parse_str("[source]\n\nrescan_seconds = 0\n").unwrap_err();
        assert!(
            err.to_string().contains("line 3: `rescan_seconds` = 0"),
            "{err}"
        );
        let err = parse_str("[destination.google]\nwrites_per_minute = -5\n").unwrap_err();
        assert!(
            err.to_string().contains("line 2: `writes_per_minute` = -5"),
            "{err}"
        );
        let err = parse_str("[source]\nsettle_seconds = \"NaN\"\n").unwrap_err();
        assert_eq!(
            err.message(crate::i18n::Lang::Es),
            "/x/sheetdrop.toml, línea 2: `settle_seconds` = \"NaN\" no es un número entero: \
             escriba uno de 0 a 3.600"
        );
        let err = parse_str("[source]\nrescan_seconds = 2.5\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("line 2: `rescan_seconds` = 2.5 is not a whole number"),
            "{err}"
        );
        for (value, shown) in [
            ("-1", "-1"),
            ("1.5", "1.5"),
            ("\"nan%\"", "\"nan%\""),
            ("true", "true"),
        ] {
            let err = parse_str(&format!("[policy]\nshrink_guard = {value}\n")).unwrap_err();
            assert!(
                err.to_string()
                    .contains(&format!("line 2: invalid limit `shrink_guard` = {shown}")),
                "{err}"
            );
        }
        let c = parse_str("[source]\nsettle_seconds = 3600\nrescan_seconds = 86400\n").unwrap();
        assert_eq!(
            (c.source.settle_seconds, c.source.rescan_seconds),
            (3600, 86400)
        );
    }

    #[test]
    fn max_record_bytes_takes_bytes_or_a_size_in_range() {
        let bytes = |v: &str| {
            parse_str(&format!("[policy]\nmax_record_bytes = {v}\n"))
                .map(|c| c.policy.max_record_bytes)
        };
        assert_eq!(parse_str("").unwrap().policy.max_record_bytes, 16 << 20);
        assert_eq!(bytes("2048").unwrap(), 2048);
        assert_eq!(bytes("\"16MiB\"").unwrap(), 16 << 20);
        assert_eq!(bytes("\"512 KiB\"").unwrap(), 512 << 10);
        assert_eq!(bytes("\"1GiB\"").unwrap(), 1 << 30);
        assert_eq!(bytes("\"10MB\"").unwrap(), 10_000_000);
        assert_eq!(bytes("\"1.5mib\"").unwrap(), 3 << 19);
        for bad in [
            "0",
            "1023",
            "\"2GiB\"",
            "\"lots\"",
            "\"16 XB\"",
            "\"-1MiB\"",
            "\"\"",
        ] {
            let err = bytes(bad).unwrap_err().to_string();
            assert!(err.contains("line 2"), "{bad}: {err}");
        }
    }

    #[test]
    fn on_column_change_takes_its_three_values_and_refuses_others_with_the_line() {
        let value = |v: &str| {
            parse_str(&format!("[policy]\non_column_change = {v}\n"))
                .map(|c| c.policy.on_column_change)
        };
        assert_eq!(
            parse_str("").unwrap().policy.on_column_change,
            OnColumnChange::HoldRemoved
        );
        assert_eq!(
            value("\"hold-removed\"").unwrap(),
            OnColumnChange::HoldRemoved
        );
        assert_eq!(value("\"hold\"").unwrap(), OnColumnChange::Hold);
        assert_eq!(value("\"warn\"").unwrap(), OnColumnChange::Warn);
        for bad in ["\"ignore\"", "\"Hold\"", "true", "1"] {
            let err = value(bad).unwrap_err().to_string();
            assert!(err.contains("line 2"), "{bad}: {err}");
            assert!(err.contains("on_column_change"), "{bad}: {err}");
        }
    }

    #[test]
    fn every_contract_key_is_accepted() {
        let text = r#"
language = "pt-BR"
[source]
folder = "C:/Exportaciones"
settle_seconds = 3
rescan_seconds = 60
follow_symlinks = true
[policy]
on_error = "skip-rows"
max_invalid_rows = "1%"
shrink_guard = "50%"
max_record_bytes = "16MiB"
on_column_change = "hold-removed"
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
columns = { CUIT = { required = true, unique = true, format = "cuit", severity = "error" } }
"#;
        let c = parse_str(text).unwrap();
        assert_eq!(c.language, Language::PtBr);
        assert!(c.source.follow_symlinks);
        assert!(
            !parse_str("").unwrap().source.follow_symlinks,
            "off by default"
        );
        assert!(matches!(c.destination, Destination::Google(ref g) if g.share_with == ["a@b.c"]));
        assert_eq!(c.catalog.entities()[1].refs[0].entity, "clientes");
        assert_eq!(c.catalog.entities()[0].delimiter, Some(b';'));
        assert_eq!(c.catalog.entities()[1].columns[0].column, "CUIT");
    }

    #[test]
    fn a_workbook_entity_names_its_sheet() {
        let c = parse_str(
            "[[entity]]\nname = \"clientes\"\nfile = \"clientes*.xlsx\"\nsheet = \"Hoja 1\"\n\
             [[entity]]\nname = \"ventas\"\n",
        )
        .unwrap();
        let [clientes, ventas] = c.catalog.entities() else {
            panic!("two entities");
        };
        assert_eq!(clientes.sheet.as_deref(), Some("Hoja 1"));
        assert!(clientes.matches("CLIENTES_2024.XLSX") && !clientes.matches("clientes.csv"));
        // The default pattern stays `<name>.csv`: a workbook is named in `file`.
        assert_eq!(
            (ventas.sheet.as_deref(), ventas.file.as_str()),
            (None, "ventas.csv")
        );
    }

    #[test]
    fn bad_encoding_label_names_line() {
        let err = parse_str("[[entity]]\nname = \"a\"\nencoding = \"klingon\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("klingon") && msg.contains("line 3"), "{msg}");
    }

    #[test]
    fn column_rules_are_read_and_a_bad_one_names_entity_column_value_and_line() {
        // TOML's inline tables are one line; the sub-table form says the same on several.
        let text = "[[entity]]\nname = \"clientes\"\ncolumns = { NRO_DOC = { required = true, \
                    unique = true, format = \"cuit\" }, EMAIL = { format = \"email\", \
                    severity = \"warning\" } }\n[[entity]]\nname = \"ventas\"\n\
                    [entity.columns.FECHA]\nrequired = true\nformat = \"date:dd/mm/yyyy\"\n";
        let c = parse_str(text).unwrap();
        let rules = &c.catalog.get("clientes").unwrap().columns;
        let names: Vec<_> = rules.iter().map(|r| r.column.as_str()).collect();
        assert_eq!(names, ["EMAIL", "NRO_DOC"]);
        let (email, doc) = (&rules[0], &rules[1]);
        assert!(doc.required && doc.unique && doc.severity == RuleSeverity::Error);
        assert!(matches!(doc.format, Some(Format::Cuit)));
        assert_eq!(email.format_text.as_deref(), Some("email"));
        assert!(!email.required && !email.unique && email.severity == RuleSeverity::Warning);
        let fecha = &c.catalog.get("ventas").unwrap().columns[0];
        assert!(fecha.required && matches!(fecha.format, Some(Format::Date(_))));
        // A bad format: the entity, the column, the value and the line.
        let bad =
            "[[entity]]\nname = \"clientes\"\n\ncolumns = { NRO_DOC = { format = \"cuitt\" } }\n";
        let msg = parse_str(bad).unwrap_err().to_string();
        for part in ["clientes", "NRO_DOC", "cuitt", "line 4"] {
            assert!(msg.contains(part), "{part}: {msg}");
        }
        // An unknown key of a rule, and a severity that does not exist: refused with the line.
        for (bad, word) in [
            ("columns = { X = { requried = true } }", "requried"),
            ("columns = { X = { severity = \"info\" } }", "info"),
        ] {
            let msg = parse_str(&format!("[[entity]]\nname = \"a\"\n{bad}\n"))
                .unwrap_err()
                .to_string();
            assert!(msg.contains(word) && msg.contains("line 3"), "{msg}");
        }
    }
}
