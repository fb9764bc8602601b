//! The config `init` writes: commented TOML in the user's language, the entities parents
//! first, each inferred fact with its evidence, doubtful references commented out with why.

use super::infer::{Doubt, EntityPlan, Note, Plan};
use super::name::glob_of;
use crate::i18n::{Lang, Message, Text};
use std::fmt::Write;
use std::path::Path;

/// A TOML string (quoted, escaped).
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `# ` and each line of `text`.
fn comment(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "{indent}# {line}");
    }
}

/// The config text for `plan`, watching `folder`, in `lang`.
pub fn to_toml(plan: &Plan, folder: &Path, lang: Lang) -> String {
    let n = |v: u64| lang.number(v);
    let mut out = String::new();
    let header = Message::new(Text::InitHeader).with("folder", folder.display());
    comment(&mut out, "", &header.render(lang));
    comment(&mut out, "", lang.text(Text::InitReview));
    for note in &plan.notes {
        comment(&mut out, "", &note_message(note).render(lang));
    }
    let _ = writeln!(out, "\nlanguage = {}\n", quoted(lang.tag()));
    comment(&mut out, "", lang.text(Text::InitFolder));
    let _ = writeln!(
        out,
        "[source]\nfolder = {}",
        quoted(&folder.display().to_string())
    );
    for &i in &plan.order {
        let e = &plan.entities[i];
        let f = &e.facts;
        out.push('\n');
        let read = match &f.dialect {
            Some((encoding, delimiter)) => Message::new(Text::InitReadText)
                .with("encoding", encoding)
                .with("delimiter", delimiter.escape_default()),
            None => Message::new(Text::InitReadWorkbook),
        };
        let read = read.with("file", &f.file).with("rows", n(f.rows));
        comment(&mut out, "", &read.render(lang));
        let _ = writeln!(out, "[[entity]]\nname = {}", quoted(&f.entity));
        let _ = writeln!(out, "file = {}", quoted(&glob_of(&f.prefix, &f.exts)));
        match &e.id {
            Some(id) => {
                let column = &f.columns[id.column];
                let evidence = Message::new(Text::InitIdEvidence)
                    .with("distinct", n(column.distinct()))
                    .with("rows", n(f.rows))
                    .with("duplicates", n(id.duplicates))
                    .with("empty", n(id.empty));
                comment(&mut out, "", &evidence.render(lang));
                let _ = writeln!(out, "id = {}", quoted(&column.name));
            }
            None => comment(&mut out, "", lang.text(Text::InitNoId)),
        }
        write_rules(&mut out, plan, e, lang);
    }
    out
}

/// Writes `e`'s references, then the column rules `init` proposes for it.
fn write_rules(out: &mut String, plan: &Plan, e: &EntityPlan, lang: Lang) {
    let n = |v: u64| lang.number(v);
    let f = &e.facts;
    write_refs(out, plan, e, lang);
    let skip: Vec<usize> =
        e.id.iter()
            .map(|id| id.column)
            .chain(e.refs.iter().map(|r| r.column))
            .collect();
    for rule in super::rules::propose(f, &skip) {
        let column = &f.columns[rule.column];
        let name = &column.name;
        out.push('\n');
        let words = if column.sampled_rows() + column.empty == f.rows {
            Text::InitFormatEvidence
        } else {
            Text::InitFormatEvidenceSample
        };
        let evidence = Message::new(words)
            .with("matched", n(rule.matched))
            .with("of", n(rule.of))
            .with("format", rule.format);
        comment(out, "", &evidence.render(lang));
        if rule.unique {
            comment(out, "", lang.text(Text::InitUniqueEvidence));
        }
        let _ = writeln!(out, "[entity.columns.{}]", key(name));
        let _ = writeln!(out, "format = {}", quoted(rule.format));
        if rule.unique {
            out.push_str("unique = true\n");
        }
        out.push_str("severity = \"warning\"\n");
    }
}

/// `name` as a TOML key: bare when it can be, else quoted.
fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        name.to_string()
    } else {
        quoted(name)
    }
}

/// Writes `e`'s references (`plan` gives the parents), active and doubtful.
fn write_refs(out: &mut String, plan: &Plan, e: &EntityPlan, lang: Lang) {
    let n = |v: u64| lang.number(v);
    let f = &e.facts;
    if e.refs.is_empty() {
        return;
    }
    out.push_str("refs = [\n");
    for r in &e.refs {
        let column = &f.columns[r.column];
        let parent = &plan.entities[r.parent];
        let parent_id = parent
            .id
            .as_ref()
            .map_or("", |id| parent.facts.columns[id.column].name.as_str());
        let target = format!("{}.{}", parent.facts.entity, parent_id);
        let key = if column.sampled_rows() + column.empty == f.rows {
            Text::InitRefEvidence
        } else {
            Text::InitRefEvidenceSample
        };
        let evidence = Message::new(key)
            .with("found", n(r.found))
            .with("of", n(r.of))
            .with("target", &target);
        let empties = if r.required {
            Message::new(Text::InitRefRequired)
        } else {
            Message::new(Text::InitRefOptional).with("empty", n(column.empty))
        };
        let line = format!(
            "{{ column = {}, entity = {}, required = {} }},",
            quoted(&column.name),
            quoted(&parent.facts.entity),
            r.required
        );
        match r.doubt {
            None => {
                let text = format!("{}; {}", evidence.render(lang), empties.render(lang));
                comment(out, "  ", &text);
                let _ = writeln!(out, "  {line}");
            }
            Some(doubt) => {
                let why = doubt_message(doubt, &column.name, &parent.facts.entity);
                let text = Message::new(Text::InitDoubtful)
                    .with_message("reason", why)
                    .with_message("evidence", evidence);
                comment(out, "  ", &text.render(lang));
                let _ = writeln!(out, "  # {line}");
            }
        }
    }
    out.push_str("]\n");
}

/// What a preset could not match, in words.
pub fn note_message(note: &Note) -> Message {
    match note {
        Note::NoFile(entity) => Message::new(Text::InitPresetNoFile).with("entity", entity),
        Note::NoColumn { child, parent } => Message::new(Text::InitPresetNoColumn)
            .with("child", child)
            .with("parent", parent),
        Note::LeftOut(file) => Message::new(Text::InitPresetLeftOut).with("file", file),
    }
}

/// Why a reference is doubtful, in words.
fn doubt_message(doubt: Doubt, column: &str, parent: &str) -> Message {
    let key = match doubt {
        Doubt::Measure => Text::InitDoubtMeasure,
        Doubt::Coincidence => Text::InitDoubtCoincidence,
        Doubt::NameSaysNothing => Text::InitDoubtNameSaysNothing,
        Doubt::LowShare => Text::InitDoubtLowShare,
        Doubt::Cycle => Text::InitDoubtCycle,
        Doubt::NotInPreset => Text::InitDoubtNotInPreset,
    };
    Message::new(key)
        .with("column", column)
        .with("parent", parent)
}

#[cfg(test)]
mod tests {
    use super::super::infer::plan;
    use super::super::{ColumnFacts, FileFacts};
    use super::*;
    use crate::config::Config;

    fn strs(values: &[String]) -> Vec<&str> {
        values.iter().map(String::as_str).collect()
    }

    fn column(name: &str, values: &[&str]) -> ColumnFacts {
        ColumnFacts::of(name, values)
    }

    fn facts(entity: &str, rows: u64, columns: Vec<ColumnFacts>) -> FileFacts {
        FileFacts {
            file: format!("{} 2026-12-07.CSV", entity.to_uppercase()),
            entity: entity.into(),
            prefix: entity.into(),
            exts: vec!["csv".into()],
            rows,
            dialect: Some(("windows-1252".into(), ';')),
            columns,
        }
    }

    fn sample() -> Plan {
        let clientes = facts(
            "clientes",
            3,
            vec![
                column("COD_CLIENTE", &["C1", "C2", "C3"]),
                column("NOMBRE \"x\"", &["a", "b", "c"]),
            ],
        );
        let ventas = facts(
            "ventas",
            4,
            vec![
                column("NRO_VENTA", &["1", "2", "3", "4"]),
                column("COD_CLIENTE", &["C1", "C1", "C2", "C3"]),
                column("ANIO", &["1", "2", "3", "4"]),
            ],
        );
        plan(vec![ventas, clientes])
    }

    #[test]
    fn the_written_config_loads_with_its_entities_ids_and_refs_parents_first() {
        for lang in [Lang::Es, Lang::En, Lang::PtBr] {
            let text = to_toml(&sample(), Path::new("/data/exports \"x\""), lang);
            let config = Config::from_toml(&text, Path::new("/tmp/sheetdrop.toml"))
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
            let entities = config.catalog.entities();
            let names: Vec<_> = entities.iter().map(|e| e.name.as_str()).collect();
            assert_eq!(names, ["clientes", "ventas"], "{text}");
            assert_eq!(entities[0].id.as_deref(), Some("COD_CLIENTE"));
            assert!(entities[1].matches("VENTAS_20261208.csv"));
            let refs: Vec<_> = entities[1]
                .refs
                .iter()
                .map(|r| (r.column.as_str(), r.entity.as_str(), r.required))
                .collect();
            assert_eq!(refs, [("COD_CLIENTE", "clientes", true)], "{text}");
            assert_eq!(
                config.source.folder.as_deref(),
                Some(Path::new("/data/exports \"x\""))
            );
        }
    }

    #[test]
    fn proposed_column_rules_are_written_as_tables_that_load() {
        // 25 e-mails and 25 ISO dates; a column whose name needs quotes.
        let emails: Vec<String> = (0..25).map(|i| format!("c{i}@mail.com")).collect();
        let dates: Vec<String> = (1..=25).map(|d| format!("2024-01-{d:02}")).collect();
        let codes: Vec<String> = (0..25).map(|i| format!("C{i}")).collect();
        let clientes = facts(
            "clientes",
            25,
            vec![
                column("COD_CLIENTE", &strs(&codes)),
                column("E-MAIL", &strs(&emails)),
                column("FECHA ALTA", &strs(&dates)),
            ],
        );
        for lang in [Lang::Es, Lang::En, Lang::PtBr] {
            let text = to_toml(&plan(vec![clientes.clone()]), Path::new("/x"), lang);
            let config = Config::from_toml(&text, Path::new("/tmp/sheetdrop.toml"))
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
            let rules: Vec<_> = config.catalog.entities()[0]
                .columns
                .iter()
                .map(|r| {
                    let format = r.format_text.as_deref().unwrap_or_default();
                    (r.column.as_str(), format.to_string(), r.unique, r.severity)
                })
                .collect();
            let warning = crate::config::RuleSeverity::Warning;
            assert_eq!(
                rules,
                [
                    ("E-MAIL", "email".to_string(), false, warning),
                    ("FECHA ALTA", "date:yyyy-mm-dd".to_string(), false, warning),
                ],
                "{text}"
            );
        }
        let text = to_toml(&plan(vec![clientes]), Path::new("/x"), Lang::Es);
        assert!(
            text.contains("# 25 de 25 valores tienen el formato email."),
            "{text}"
        );
    }

    #[test]
    fn evidence_is_written_in_the_users_language() {
        let text = to_toml(&sample(), Path::new("/x"), Lang::Es);
        assert!(
            text.contains("# 4 de 4 valores están en clientes.COD_CLIENTE"),
            "{text}"
        );
        assert!(text.contains("language = \"es\""), "{text}");
        let text = to_toml(&sample(), Path::new("/x"), Lang::En);
        assert!(
            text.contains("# 4 of 4 values are in clientes.COD_CLIENTE"),
            "{text}"
        );
    }
}
