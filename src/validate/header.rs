//! The header: where the ID and ref columns are, and what is wrong with the names.

use super::findings::{cut, Findings};
use super::{Code, Facts, Issue, Severity};
use crate::config::{Entity, Ref};
use crate::table::Header;
use std::collections::HashMap;

/// The positions of the columns the checks need.
pub(super) struct Columns<'e> {
    /// The ID column, if found.
    pub id: Option<usize>,
    /// The ID column's name.
    pub id_name: String,
    /// Each ref, with its column if found.
    pub refs: Vec<(&'e Ref, Option<usize>)>,
}

impl<'e> Columns<'e> {
    /// Finds the ID and ref columns, reporting header problems on the way.
    pub fn resolve(entity: &'e Entity, header: &Header, findings: &mut Findings) -> Self {
        let names = &header.names;
        let line = Some(header.line);
        let mut first_at: HashMap<&str, usize> = HashMap::new();
        // Column numbers as people count them, from 1.
        let numbers = |columns: &[usize]| Facts {
            column_numbers: Some(columns.iter().map(|&c| c as u64 + 1).collect()),
            ..Facts::default()
        };
        for (i, name) in names.iter().enumerate() {
            if header.undecodable.contains(&i) {
                findings.add(Code::Undecodable, Severity::Error, |blank| Issue {
                    line,
                    column: Some(name.clone()),
                    value: Some(name.clone()),
                    facts: numbers(&[i]),
                    message: format!(
                        "the name of column {} has bytes invalid in the file's encoding",
                        i + 1
                    ),
                    ..blank
                });
            }
            if name.is_empty() {
                findings.add(Code::EmptyHeader, Severity::Warning, |blank| Issue {
                    line,
                    facts: numbers(&[i]),
                    message: format!("column {} of the header has no name", i + 1),
                    ..blank
                });
            } else if let Some(&first) = first_at.get(name.as_str()) {
                findings.add(Code::DuplicateHeader, Severity::Error, |blank| Issue {
                    line,
                    column: Some(name.clone()),
                    facts: numbers(&[first, i]),
                    message: format!(
                        "columns {} and {} are both called {}",
                        first + 1,
                        i + 1,
                        cut(name)
                    ),
                    ..blank
                });
            } else {
                first_at.insert(name, i);
            }
        }
        let mut find = |wanted: &str| -> Option<usize> {
            let found = first_at.get(wanted).copied();
            if found.is_none() {
                let closest = closest_column(wanted, names);
                findings.add(Code::MissingColumn, Severity::Error, |i| Issue {
                    line,
                    column: Some(wanted.to_string()),
                    message: missing_column_message(wanted, names, closest),
                    facts: Facts {
                        closest_column: closest.cloned(),
                        ..Facts::default()
                    },
                    ..i
                });
            }
            found
        };
        let (id, id_name) = match &entity.id {
            Some(name) => (find(name), name.clone()),
            None => (Some(0), names[0].clone()),
        };
        let refs = entity.refs.iter().map(|r| (r, find(&r.column))).collect();
        Columns { id, id_name, refs }
    }
}

/// The header's name most like `wanted` (ignoring case), when one is close enough to be
/// what was meant.
pub(super) fn closest_column<'n>(wanted: &str, names: &'n [String]) -> Option<&'n String> {
    names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| {
            (
                strsim::jaro_winkler(&wanted.to_lowercase(), &n.to_lowercase()),
                n,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.7)
        .map(|(_, name)| name)
}

/// "column X is not in the header, which has: A, B, C; closest match: B"
pub(super) fn missing_column_message(
    wanted: &str,
    names: &[String],
    closest: Option<&String>,
) -> String {
    let mut msg = format!("column {wanted} is not in the header, which has: ");
    for (i, name) in names.iter().enumerate() {
        if msg.len() > super::findings::MAX_MESSAGE_CHARS {
            msg.push('…');
            break;
        }
        if i > 0 {
            msg.push_str(", ");
        }
        msg.push_str(&cut(name));
    }
    if let Some(name) = closest {
        msg.push_str(&format!("; closest match: {}", cut(name)));
    }
    msg
}
