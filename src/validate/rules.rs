//! Column rules (`[[entity]] columns = { X = { required, unique, format, severity } }`):
//! where their columns are in the header, and their checks of one record — `required-empty`,
//! `invalid-format`, `duplicate-value` — in the same pass as the file's other checks. The
//! values of a `unique` column are remembered in an [`IdIndex`], as IDs are, so memory grows
//! with the distinct values, not with the rows; a tax ID is compared without its separators
//! (`Format::canonical`).

use super::findings::{cut, Findings};
use super::header::{closest_column, missing_column_message};
use super::{Code, Facts, IdIndex, Issue, Severity};
use crate::config::{ColumnRule, Entity, RuleSeverity};
use crate::table::{Header, Record};

/// One rule, its column's place in the header, and the values seen so far when unique.
struct Resolved<'e> {
    rule: &'e ColumnRule,
    column: usize,
    severity: Severity,
    seen: Option<IdIndex>,
}

/// The rules of one file whose columns are in its header.
pub(super) struct Rules<'e> {
    rules: Vec<Resolved<'e>>,
}

/// The issue severity of a rule's severity.
fn severity(rule: &ColumnRule) -> Severity {
    match rule.severity {
        RuleSeverity::Error => Severity::Error,
        RuleSeverity::Warning => Severity::Warning,
    }
}

impl<'e> Rules<'e> {
    /// Finds each rule's column in `header`. A column not there is `missing-column` with the
    /// rule's severity: an error rejects the file, as a missing ID column does; a warning
    /// only says the rule was not checked.
    /// `expected` rows size a unique column's index up front.
    pub fn resolve(
        entity: &'e Entity,
        header: &Header,
        expected: usize,
        findings: &mut Findings,
    ) -> Rules<'e> {
        let mut rules = Vec::with_capacity(entity.columns.len());
        for rule in &entity.columns {
            let severity = severity(rule);
            match header.names.iter().position(|n| *n == rule.column) {
                Some(column) => rules.push(Resolved {
                    rule,
                    column,
                    severity,
                    seen: rule.unique.then(|| IdIndex::with_capacity(expected)),
                }),
                None => {
                    let closest = closest_column(&rule.column, &header.names);
                    findings.add(Code::MissingColumn, severity, |i| Issue {
                        line: Some(header.line),
                        column: Some(rule.column.clone()),
                        message: missing_column_message(&rule.column, &header.names, closest),
                        facts: Facts {
                            closest_column: closest.cloned(),
                            ..Facts::default()
                        },
                        ..i
                    });
                }
            }
        }
        Rules { rules }
    }

    /// Checks `record` (as wide as the header) against every rule; `at` places an issue on
    /// the record. An error leaves the row out (the caller counts `findings.errors`).
    pub fn check(&mut self, record: &Record, findings: &mut Findings, at: &dyn Fn(Issue) -> Issue) {
        for r in &mut self.rules {
            let Some(text) = record.field(r.column) else {
                continue;
            };
            let value = text.trim();
            let name = &r.rule.column;
            if value.is_empty() {
                if r.rule.required {
                    findings.add(Code::RequiredEmpty, r.severity, |i| Issue {
                        column: Some(name.clone()),
                        message: format!("{name} is empty, but the configuration requires it"),
                        ..at(i)
                    });
                }
                continue;
            }
            if let (Some(format), Some(spelled)) = (&r.rule.format, &r.rule.format_text) {
                if !format.matches(value) {
                    findings.add(Code::InvalidFormat, r.severity, |i| Issue {
                        column: Some(name.clone()),
                        value: Some(value.to_string()),
                        facts: Facts {
                            format: Some(spelled.clone()),
                            ..Facts::default()
                        },
                        message: format!("{name} {} is not in the format {spelled}", cut(value)),
                        ..at(i)
                    });
                }
            }
            if let Some(seen) = &mut r.seen {
                let key = match &r.rule.format {
                    Some(format) => format.canonical(value),
                    None => value.into(),
                };
                if let Err(first) = seen.insert(&key, record.row(), true) {
                    findings.add(Code::DuplicateValue, r.severity, |i| Issue {
                        column: Some(name.clone()),
                        value: Some(value.to_string()),
                        first_row: Some(first.row),
                        message: format!(
                            "{name} {} is already on row {}, and the column is unique",
                            cut(value),
                            first.row
                        ),
                        ..at(i)
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::validate::{check_file, Code, EntityReport, Parent, Severity, Unverified, Verdict};
    use std::path::Path;

    /// Checks `data` as `clientes` (ID `COD`) with the rules `columns`; 80% of rows may be
    /// left out.
    fn check(columns: &str, data: &str) -> EntityReport {
        let toml = format!(
            "[policy]\nmax_invalid_rows = \"80%\"\n[[entity]]\nname = \"clientes\"\nid = \
             \"COD\"\ncolumns = {{ {columns} }}\n"
        );
        let config = Config::from_toml(&toml, Path::new("t.toml")).unwrap();
        let entity = config.catalog.get("clientes").unwrap();
        let input = std::io::Cursor::new(data.as_bytes().to_vec());
        let no_parent = |_: &str| Parent::Unavailable(Unverified::Missing);
        check_file(entity, &config.policy, "c.csv", (input, None), &no_parent)
            .unwrap()
            .0
    }

    const DATA: &str = "COD;CUIT;EMAIL\n\
        C1;20-12345678-6;ana@example.com\n\
        C2; ;bob@example.com\n\
        C3;20-12345678-5;carla@example\n\
        C4;20123456786;dan@example.com\n\
        C5;33-69345023-9;\n";

    #[test]
    fn each_broken_rule_is_an_issue_and_an_error_leaves_its_row_out() {
        let report = check(
            "CUIT = { required = true, unique = true, format = \"cuit\" }, \
             EMAIL = { format = \"email\", severity = \"warning\" }",
            DATA,
        );
        let found: Vec<_> = report
            .issues
            .iter()
            .map(|i| (i.code, i.severity, i.row, i.column.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            [
                (Code::RequiredEmpty, Severity::Error, Some(2), "CUIT"),
                (Code::InvalidFormat, Severity::Error, Some(3), "CUIT"),
                (Code::InvalidFormat, Severity::Warning, Some(3), "EMAIL"),
                (Code::DuplicateValue, Severity::Error, Some(4), "CUIT"),
            ]
        );
        let format = &report.issues[1];
        assert_eq!(format.value.as_deref(), Some("20-12345678-5"));
        assert_eq!(format.facts.format.as_deref(), Some("cuit"));
        assert_eq!(report.issues[2].facts.format.as_deref(), Some("email"));
        // A tax ID is the same with or without its dashes.
        let duplicate = &report.issues[3];
        assert_eq!(duplicate.first_row, Some(1), "{duplicate:?}");
        assert_eq!(report.verdict, Verdict::Partial);
        assert_eq!(report.left_out_rows, [2, 3, 4]);
        assert_eq!(report.rows_accepted, 2);
    }

    #[test]
    fn warnings_only_report_and_a_rule_without_its_column_is_a_missing_column() {
        let report = check(
            "CUIT = { required = true, unique = true, format = \"cuit\", severity = \"warning\" }",
            DATA,
        );
        assert_eq!(report.verdict, Verdict::Accepted, "{:?}", report.issues);
        assert_eq!(report.rows_accepted, 5);
        assert!(report
            .issues
            .iter()
            .all(|i| i.severity == Severity::Warning));
        assert_eq!(report.issues.len(), 3);
        // A missing column: an error rejects the file, a warning only says so.
        let report = check("CUIL = { required = true }", DATA);
        assert_eq!(report.verdict, Verdict::Rejected);
        let issue = &report.issues[0];
        assert_eq!(
            (issue.code, issue.column.as_deref()),
            (Code::MissingColumn, Some("CUIL"))
        );
        assert_eq!(issue.facts.closest_column.as_deref(), Some("CUIT"));
        let report = check("CUIL = { required = true, severity = \"warning\" }", DATA);
        assert_eq!(report.verdict, Verdict::Accepted);
        assert_eq!(report.issues[0].severity, Severity::Warning);
    }
}
