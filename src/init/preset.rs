//! `init --preset tecnom`: the six entities of the TECNOM catalog and their dependencies,
//! matched to the files and columns found; what cannot be matched is said plainly
//! ([`Note`]). Pure: a [`Plan`] inferred from the data in, the preset's plan out.

use super::infer::{candidate, Doubt, EntityPlan, Note, Plan, RefGuess};
use super::words::{same_word, words};

/// A dependency of a preset: child, parent, required.
type Dependency = (&'static str, &'static str, bool);

/// The TECNOM catalog: its entities parents first, and their dependencies.
pub const TECNOM: (&[&str], &[Dependency]) = (
    &crate::config::DEFAULT_ENTITIES,
    &[
        ("ventas", "clientes", true),
        ("ventas", "usuarios", false),
        ("ventas", "sucursales", false),
        ("unidades", "ventas", false),
        ("unidades", "clientes", false),
        ("unidades", "sucursales", false),
        ("servicios", "clientes", false),
        ("servicios", "unidades", false),
        ("servicios", "sucursales", true),
        ("servicios", "usuarios", false),
    ],
);

/// True when a file's inferred entity is the preset's `name` (`clientes`, `Clientes 2026`,
/// `cliente`).
fn is(entity: &str, name: &str) -> bool {
    let w = words(entity);
    w.len() == 1 && same_word(&w[0], name)
}

/// The preset `(entities, dependencies)` applied to `plan`.
pub fn apply(plan: Plan, (names, deps): (&[&str], &[Dependency])) -> Plan {
    let mut notes = Vec::new();
    let mut entities: Vec<EntityPlan> = Vec::new();
    let mut used = vec![false; plan.entities.len()];
    for name in names {
        let found = (0..plan.entities.len())
            .find(|&i| !used[i] && is(&plan.entities[i].facts.entity, name));
        match found {
            Some(i) => {
                used[i] = true;
                let mut e = plan.entities[i].clone();
                e.facts.entity = name.to_string();
                e.refs.clear();
                entities.push(e);
            }
            None => notes.push(Note::NoFile(name.to_string())),
        }
    }
    for (i, e) in plan.entities.iter().enumerate() {
        if !used[i] {
            notes.push(Note::LeftOut(e.facts.file.clone()));
        }
    }
    let index = |name: &str| entities.iter().position(|e| e.facts.entity == name);
    let mut refs: Vec<Vec<RefGuess>> = vec![Vec::new(); entities.len()];
    for &(child, parent, required) in deps {
        let (Some(c), Some(p)) = (index(child), index(parent)) else {
            continue; // The missing file is said once, as NoFile.
        };
        let best = entities[c]
            .facts
            .columns
            .iter()
            .enumerate()
            .filter(|(ci, _)| entities[c].id.as_ref().is_none_or(|id| id.column != *ci))
            .filter_map(|(ci, column)| {
                let r = candidate(column, p, &entities[p])?;
                matches!(r.doubt, None | Some(Doubt::Coincidence)).then_some((ci, r))
            })
            .max_by_key(|(_, r)| (r.doubt.is_none(), r.found * 1000 / r.of.max(1), r.covers));
        match best {
            Some((ci, mut r)) => {
                r.column = ci;
                r.doubt = None;
                // The preset's [req], or no empty cell in the data.
                r.required |= required;
                refs[c].push(r);
            }
            None => notes.push(Note::NoColumn {
                child: child.to_string(),
                parent: parent.to_string(),
            }),
        }
    }
    // What the data says beyond the preset: written commented out.
    for (c, e) in entities.iter().enumerate() {
        let Some(old) = plan
            .entities
            .iter()
            .position(|o| o.facts.file == e.facts.file)
        else {
            continue;
        };
        for r in &plan.entities[old].refs {
            let parent_file = &plan.entities[r.parent].facts.file;
            let Some(p) = entities.iter().position(|e| &e.facts.file == parent_file) else {
                continue;
            };
            if r.doubt.is_none() && !refs[c].iter().any(|k| k.column == r.column) {
                refs[c].push(RefGuess {
                    parent: p,
                    doubt: Some(Doubt::NotInPreset),
                    ..r.clone()
                });
            }
        }
    }
    for (e, r) in entities.iter_mut().zip(refs) {
        e.refs = r;
    }
    Plan {
        order: (0..entities.len()).collect(),
        entities,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::super::infer::plan;
    use super::super::{ColumnFacts, FileFacts};
    use super::*;

    fn file(entity: &str, columns: &[(&str, Vec<String>)]) -> FileFacts {
        let columns: Vec<ColumnFacts> = columns
            .iter()
            .map(|(name, values)| {
                let mut c = ColumnFacts::new(name);
                values.iter().for_each(|v| c.add(v));
                c
            })
            .collect();
        FileFacts {
            file: format!("{entity}_20261207.csv"),
            entity: entity.into(),
            prefix: entity.into(),
            exts: vec!["csv".into()],
            rows: columns[0].sampled_rows() + columns[0].empty,
            dialect: None,
            columns,
        }
    }

    fn codes(prefix: &str, n: u64) -> Vec<String> {
        (1..=n).map(|i| format!("{prefix}{i}")).collect()
    }

    #[test]
    fn the_tecnom_catalog_is_matched_and_what_is_missing_is_said() {
        let facts = vec![
            file("clientes", &[("COD_CLIENTE", codes("C", 50))]),
            file("usuarios", &[("LEGAJO", codes("U", 10))]),
            file(
                "ventas",
                &[
                    ("NRO_VENTA", codes("V", 40)),
                    (
                        "CLIENTE",
                        (1..=40).map(|i| format!("C{}", i % 50 + 1)).collect(),
                    ),
                    (
                        "VENDEDOR",
                        (1..=40).map(|i| format!("U{}", i % 10 + 1)).collect(),
                    ),
                ],
            ),
            file("proveedores", &[("COD_PROV", codes("P", 5))]),
        ];
        let plan = apply(plan(facts), TECNOM);
        let names: Vec<_> = plan
            .entities
            .iter()
            .map(|e| e.facts.entity.as_str())
            .collect();
        assert_eq!(names, ["usuarios", "clientes", "ventas"]);
        let ventas = &plan.entities[2];
        let refs: Vec<_> = ventas
            .refs
            .iter()
            .map(|r| {
                (
                    ventas.facts.columns[r.column].name.as_str(),
                    plan.entities[r.parent].facts.entity.as_str(),
                    r.required,
                    r.doubt,
                )
            })
            .collect();
        assert_eq!(
            refs,
            [
                ("CLIENTE", "clientes", true, None),
                ("VENDEDOR", "usuarios", true, None)
            ]
        );
        for note in [
            Note::NoFile("sucursales".into()),
            Note::NoFile("unidades".into()),
            Note::NoFile("servicios".into()),
            Note::LeftOut("proveedores_20261207.csv".into()),
        ] {
            assert!(plan.notes.contains(&note), "{note:?} in {:?}", plan.notes);
        }
    }
}
