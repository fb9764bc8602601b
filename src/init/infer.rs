//! The ID column of each entity, the references between them by inclusion, and the order
//! parents first. Pure: [`super::FileFacts`] in, a [`Plan`] out.

use super::words::{has_id_word, id_name_score, is_measure, names_entity};
use super::{ColumnFacts, FileFacts};
use std::collections::HashSet;

/// An ID column may have defects (duplicate or empty cells) in up to 1 % of its rows: real
/// exports have some, and they are what `validate` must then report. While a file is read,
/// a column keeps the hashes of its values as long as its defects are at most this many or
/// at most 1 % of the rows read so far (a 1M-row export with 112 repeated IDs still has
/// its ID found).
pub const MAX_ID_DEFECTS: u64 = 1_000;

/// A reference needs this share of its column's non-empty values among the parent's IDs.
pub const MIN_SHARE: f64 = 0.98;

/// Below [`MIN_SHARE`] down to this share, a reference the names suggest is written
/// commented out.
const DOUBT_SHARE: f64 = 0.90;

/// The ID column chosen for one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdChoice {
    /// Its index among the file's columns.
    pub column: usize,
    /// Rows whose ID repeats an earlier one.
    pub duplicates: u64,
    /// Rows with no ID.
    pub empty: u64,
}

/// The most defects an ID column of `rows` rows may have: 1 % of them (at least 1).
pub fn allowed_defects(rows: u64) -> u64 {
    rows.div_ceil(100).max(1)
}

/// Whether a column with `defects` after `rows` rows read may still be an ID, so that its
/// values' hashes are worth keeping ([`MAX_ID_DEFECTS`]).
pub fn may_still_be_id(defects: u64, rows: u64) -> bool {
    defects <= MAX_ID_DEFECTS.max(allowed_defects(rows))
}

/// True when `column` may be an ID: every value kept, few enough duplicates and empties.
pub fn can_be_id(column: &ColumnFacts, rows: u64) -> bool {
    column.complete
        && column.distinct() > 0
        && column.duplicates + column.empty <= allowed_defects(rows)
}

/// The ID column of `file`: among the columns that [`can_be_id`], the one whose name says
/// it most ([`id_name_score`]), then the one with fewer defects, then the first.
pub fn choose_id(file: &FileFacts) -> Option<IdChoice> {
    file.columns
        .iter()
        .enumerate()
        .filter(|(_, c)| can_be_id(c, file.rows))
        .min_by_key(|(i, c)| {
            (
                std::cmp::Reverse(id_name_score(&c.name, &file.entity)),
                c.duplicates + c.empty,
                *i,
            )
        })
        .map(|(i, c)| IdChoice {
            column: i,
            duplicates: c.duplicates,
            empty: c.empty,
        })
}

/// Why a candidate reference is written commented out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// The column counts or measures (a year, kilometres, an amount): its numbers fall in
    /// the parent's ID range by coincidence.
    Measure,
    /// Numbers inside the parent's ID range, but few of its IDs and a narrow span of them.
    Coincidence,
    /// Numbers inside the parent's ID range, and the column's name says nothing of an ID.
    NameSaysNothing,
    /// The names suggest it, but too few values are IDs of the parent.
    LowShare,
    /// It would close a circle of references (parents must come first).
    Cycle,
    /// Found in the data, but not one of the preset's dependencies.
    NotInPreset,
}

/// A reference found by inclusion.
#[derive(Debug, Clone, PartialEq)]
pub struct RefGuess {
    /// The column's index in the child's file.
    pub column: usize,
    /// The parent, an index into the plan's entities.
    pub parent: usize,
    /// Non-empty rows (of those sampled) whose value is a parent ID.
    pub found: u64,
    /// Non-empty rows sampled.
    pub of: u64,
    /// Distinct parent IDs the column uses.
    pub covers: u64,
    /// The column has no empty cell.
    pub required: bool,
    /// `None`: written as an active reference; else commented out, with why.
    pub doubt: Option<Doubt>,
}

/// One entity of the plan.
#[derive(Debug, Clone)]
pub struct EntityPlan {
    /// What was read of its file.
    pub facts: FileFacts,
    /// Its ID column, when one column can be.
    pub id: Option<IdChoice>,
    /// Its references, active and doubtful.
    pub refs: Vec<RefGuess>,
}

/// What `init` writes: the entities, and [`Plan::order`] parents first.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The entities, in the order of the facts given.
    pub entities: Vec<EntityPlan>,
    /// Indexes into `entities`, parents before children.
    pub order: Vec<usize>,
    /// What a preset could not match, said in the config and on the command line.
    pub notes: Vec<Note>,
}

/// The plan for these files (one per entity).
pub fn plan(files: Vec<FileFacts>) -> Plan {
    let mut entities: Vec<EntityPlan> = files
        .into_iter()
        .map(|facts| EntityPlan {
            id: choose_id(&facts),
            facts,
            refs: Vec::new(),
        })
        .collect();
    for child in 0..entities.len() {
        let refs = find_refs(&entities, child);
        entities[child].refs = refs;
    }
    let order = order_parents_first(&mut entities);
    Plan {
        entities,
        order,
        notes: Vec::new(),
    }
}

/// The integers of a set of values, when every one is an integer: (min, max).
fn integer_span<'a>(values: impl Iterator<Item = &'a String>) -> Option<(i64, i64)> {
    let mut span: Option<(i64, i64)> = None;
    for v in values {
        let n: i64 = v.parse().ok()?;
        span = Some(span.map_or((n, n), |(lo, hi)| (lo.min(n), hi.max(n))));
    }
    span
}

/// The best reference of each column of entity `child`, if any.
fn find_refs(entities: &[EntityPlan], child: usize) -> Vec<RefGuess> {
    let me = &entities[child];
    let mut refs = Vec::new();
    for (ci, column) in me.facts.columns.iter().enumerate() {
        if me.id.as_ref().is_some_and(|id| id.column == ci) || column.values.is_empty() {
            continue; // ID columns do not reference each other.
        }
        let best = entities
            .iter()
            .enumerate()
            .filter(|&(p, _)| p != child)
            .filter_map(|(p, parent)| candidate(column, p, parent))
            .max_by(|a, b| rank(a, entities).partial_cmp(&rank(b, entities)).unwrap());
        if let Some(mut best) = best {
            best.column = ci;
            refs.push(best);
        }
    }
    refs
}

/// How a candidate ranks among a column's parents: active first, then named, then the
/// share of the parent's IDs it covers.
fn rank(r: &RefGuess, entities: &[EntityPlan]) -> (bool, bool, f64) {
    let parent = &entities[r.parent];
    let ids = parent
        .id
        .as_ref()
        .map_or(1, |id| parent.facts.columns[id.column].distinct().max(1));
    (
        r.doubt.is_none(),
        matches!(r.doubt, None | Some(Doubt::LowShare)),
        r.covers as f64 / ids as f64,
    )
}

/// Whether `column` references entity `parent` (index `p`), and how surely.
pub(super) fn candidate(column: &ColumnFacts, p: usize, parent: &EntityPlan) -> Option<RefGuess> {
    let id = parent.id.as_ref()?;
    let id_column = &parent.facts.columns[id.column];
    let of = column.sampled_rows();
    let (mut found, mut covers) = (0, 0);
    for (value, n) in &column.values {
        if id_column.contains(value) {
            found += n;
            covers += 1;
        }
    }
    if of == 0 || covers == 0 {
        return None;
    }
    let share = found as f64 / of as f64;
    let named = column.name.eq_ignore_ascii_case(&id_column.name)
        || names_entity(&column.name, &parent.facts.entity);
    if share < DOUBT_SHARE || (share < MIN_SHARE && !named) {
        return None;
    }
    let numeric = integer_span(column.values.keys());
    let doubt = if share < MIN_SHARE {
        Some(Doubt::LowShare)
    } else if named {
        None
    } else if is_measure(&column.name) {
        Some(Doubt::Measure)
    } else {
        match (numeric, integer_span(id_column.values.keys())) {
            // Codes that are not numbers: being among the parent's is no coincidence.
            (None, _) if column.values.len() >= 3 || has_id_word(&column.name) => None,
            (None, _) => Some(Doubt::NameSaysNothing),
            (Some(_), _) if !has_id_word(&column.name) => Some(Doubt::NameSaysNothing),
            (Some((lo, hi)), Some((plo, phi))) => {
                let span = (hi - lo + 1) as f64 / (phi - plo + 1).max(1) as f64;
                let coverage = covers as f64 / id_column.distinct().max(1) as f64;
                (span < 0.3 && coverage < 0.2).then_some(Doubt::Coincidence)
            }
            (Some(_), None) => None,
        }
    };
    Some(RefGuess {
        column: 0,
        parent: p,
        found,
        of,
        covers,
        required: column.empty == 0,
        doubt,
    })
}

/// The entities' order, parents first (Kahn's, ties in the facts' order); a reference that
/// would close a circle is made doubtful ([`Doubt::Cycle`]).
fn order_parents_first(entities: &mut [EntityPlan]) -> Vec<usize> {
    let mut placed: Vec<usize> = Vec::new();
    let mut done: HashSet<usize> = HashSet::new();
    while placed.len() < entities.len() {
        let pending = |e: &EntityPlan, done: &HashSet<usize>| {
            e.refs
                .iter()
                .filter(|r| r.doubt.is_none() && !done.contains(&r.parent))
                .count()
        };
        let next = (0..entities.len())
            .filter(|i| !done.contains(i))
            .min_by_key(|&i| (pending(&entities[i], &done), i))
            .expect("an entity is left");
        for r in &mut entities[next].refs {
            if r.doubt.is_none() && !done.contains(&r.parent) {
                r.doubt = Some(Doubt::Cycle);
            }
        }
        done.insert(next);
        placed.push(next);
    }
    placed
}

/// What a preset (`preset.rs`) could not match, said with the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// No file for this entity of the preset.
    NoFile(String),
    /// No column of `child` holds IDs of `parent`: the dependency is not checked.
    NoColumn {
        /// The child entity.
        child: String,
        /// The parent entity.
        parent: String,
    },
    /// A file that is none of the preset's entities: left out.
    LeftOut(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column of `values` (one row each; "" is an empty cell), kept whole.
    fn column(name: &str, values: &[String]) -> ColumnFacts {
        ColumnFacts::of(name, values)
    }

    fn file(entity: &str, columns: Vec<ColumnFacts>) -> FileFacts {
        let rows = columns[0].sampled_rows() + columns[0].empty;
        FileFacts {
            file: format!("{entity}.csv"),
            entity: entity.into(),
            prefix: entity.into(),
            exts: vec!["csv".into()],
            rows,
            dialect: None,
            columns,
        }
    }

    fn seq(range: std::ops::Range<u64>, f: impl Fn(u64) -> String) -> Vec<String> {
        range.map(f).collect()
    }

    #[test]
    fn the_id_is_unique_allowing_a_few_defects_and_its_name_wins_over_position() {
        let mut codes = seq(0..1000, |i| format!("C{i}"));
        codes[10] = codes[11].clone(); // one duplicate
        codes[20] = String::new(); // one empty
        let f = file(
            "clientes",
            vec![
                column("NOMBRE", &seq(0..1000, |i| format!("n{i}"))),
                column("COD_CLIENTE", &codes),
                column("PROVINCIA", &seq(0..1000, |i| format!("p{}", i % 20))),
            ],
        );
        let id = choose_id(&f).unwrap();
        assert_eq!((id.column, id.duplicates, id.empty), (1, 1, 1));

        // Too many defects: not an ID; with no ID name, the first unique column wins.
        let mut bad = seq(0..1000, |i| format!("C{i}"));
        for v in bad.iter_mut().take(30) {
            *v = "C999".into();
        }
        let f = file(
            "x",
            vec![
                column("A", &seq(0..1000, |i| format!("a{i}"))),
                column("CODIGO", &bad),
                column("B", &seq(0..1000, |i| format!("b{i}"))),
            ],
        );
        assert_eq!(choose_id(&f).unwrap().column, 0);
        assert_eq!(allowed_defects(100_000), 1_000);
        assert_eq!(allowed_defects(1_000_000), 10_000);
        assert_eq!(allowed_defects(10), 1);
        // While reading, a column keeps its hashes through a few early defects.
        assert!(may_still_be_id(112, 5_000));
        assert!(may_still_be_id(5_000, 500_000));
        assert!(!may_still_be_id(1_001, 50_000));
    }

    /// usuarios (1..=40), sucursales (1..=5), clientes (1..=5000), ventas referencing them
    /// plus a year column and a quantity column inside the ID ranges by coincidence.
    fn dealership() -> Vec<FileFacts> {
        let usuarios = file(
            "usuarios",
            vec![column("COD_USUARIO", &seq(1..41, |i| i.to_string()))],
        );
        let sucursales = file(
            "sucursales",
            vec![column("COD_SUCURSAL", &seq(1..6, |i| i.to_string()))],
        );
        let clientes = file(
            "clientes",
            vec![
                column("COD_CLIENTE", &seq(1..5001, |i| i.to_string())),
                column("CUIT", &seq(1..5001, |i| format!("20-{i}-3"))),
            ],
        );
        let mut cliente = seq(0..2000, |i| (i * 7 % 5000 + 1).to_string());
        cliente[5] = "99999".into(); // a dangling ref
        let ventas = file(
            "ventas",
            vec![
                column("NRO_VENTA", &seq(1..2001, |i| (100_000 + i).to_string())),
                column("COD_CLIENTE", &cliente),
                column("COD_VENDEDOR", &seq(0..2000, |i| (i % 30 + 5).to_string())),
                column("ANIO", &seq(0..2000, |i| (2015 + i % 10).to_string())),
                column("CANTIDAD", &seq(0..2000, |i| (i % 3 + 1).to_string())),
                // A code, but of a postal area: 4 numbers out of clientes' 1..5000.
                column("COD_POSTAL", &seq(0..2000, |i| (4999 - i % 4).to_string())),
                column(
                    "SUCURSAL",
                    &seq(0..2000, |i| {
                        if i % 4 == 0 {
                            String::new()
                        } else {
                            (i % 5 + 1).to_string()
                        }
                    }),
                ),
            ],
        );
        // Children first, to see the order put right.
        vec![ventas, clientes, usuarios, sucursales]
    }

    /// (child, column, parent, active) of every reference in `plan`.
    fn refs(plan: &Plan) -> Vec<(String, String, String, bool, bool)> {
        let mut out = Vec::new();
        for e in &plan.entities {
            for r in &e.refs {
                out.push((
                    e.facts.entity.clone(),
                    e.facts.columns[r.column].name.clone(),
                    plan.entities[r.parent].facts.entity.clone(),
                    r.doubt.is_none(),
                    r.required,
                ));
            }
        }
        out
    }

    #[test]
    fn references_by_inclusion_and_never_by_coincidence_of_numbers() {
        let plan = plan(dealership());
        let active: Vec<_> = refs(&plan).into_iter().filter(|r| r.3).collect();
        let s = |a: &str, b: &str, c: &str, req: bool| {
            (a.to_string(), b.to_string(), c.to_string(), true, req)
        };
        assert_eq!(
            active,
            vec![
                s("ventas", "COD_CLIENTE", "clientes", true),
                s("ventas", "COD_VENDEDOR", "usuarios", true),
                s("ventas", "SUCURSAL", "sucursales", false),
            ],
            "{:#?}",
            refs(&plan)
        );
        // ANIO (2015..2024) is inside clientes' 1..5000, CANTIDAD inside all: never active.
        let ventas = &plan.entities[0];
        let anio = ventas.refs.iter().find(|r| r.column == 3).unwrap();
        assert_eq!(anio.doubt, Some(Doubt::Measure));
        let postal = ventas.refs.iter().find(|r| r.column == 5).unwrap();
        assert_eq!(postal.doubt, Some(Doubt::Coincidence));
        let sucursal = ventas.refs.iter().find(|r| r.column == 6).unwrap();
        assert_eq!(
            (sucursal.doubt, sucursal.required),
            (None, false),
            "SUCURSAL names sucursales, has empties"
        );
        let dangling = ventas.refs.iter().find(|r| r.column == 1).unwrap();
        assert_eq!((dangling.found, dangling.of), (1999, 2000));
    }

    #[test]
    fn entities_come_parents_first_and_a_circle_is_broken() {
        let plan = plan(dealership());
        let names: Vec<_> = plan
            .order
            .iter()
            .map(|&i| plan.entities[i].facts.entity.as_str())
            .collect();
        assert_eq!(names, ["clientes", "usuarios", "sucursales", "ventas"]);

        let a = file(
            "a",
            vec![
                column("ID", &seq(1..101, |i| format!("a{i}"))),
                column("COD_B", &seq(1..101, |i| format!("b{i}"))),
            ],
        );
        let b = file(
            "b",
            vec![
                column("ID", &seq(1..101, |i| format!("b{i}"))),
                column("COD_A", &seq(1..101, |i| format!("a{i}"))),
            ],
        );
        let plan = super::plan(vec![a, b]);
        let cycles = plan
            .entities
            .iter()
            .flat_map(|e| &e.refs)
            .filter(|r| r.doubt == Some(Doubt::Cycle))
            .count();
        assert_eq!(cycles, 1);
        assert_eq!(plan.order.len(), 2);
    }
}
