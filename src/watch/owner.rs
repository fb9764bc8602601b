//! Which entity a file name belongs to: the one rule every part of sheetdrop asks (`scan`,
//! the agent's batches, `run --once`), so no two places can disagree.
//!
//! A name belongs to the ONE entity whose pattern matches it most specifically
//! ([`crate::config::Specificity`]: an exact name beats a glob, then the glob with more
//! literal characters); two equally specific matches are a tie, and the file belongs to
//! neither (`ambiguous-file` on both). Temporary and lock files belong to no one.

use super::is_temporary;
use crate::config::{Catalog, Entity};

/// Who a file name belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    /// One entity, the most specific match.
    One(&'a Entity),
    /// Two entities match it equally specifically (in catalog order): neither gets it.
    Ambiguous(&'a Entity, &'a Entity),
    /// No entity's pattern matches it (or it is a temporary file).
    None,
}

impl<'a> Owner<'a> {
    /// True when the name concerns `entity`: it owns it, or shares it in a tie.
    pub fn concerns(&self, entity: &str) -> bool {
        match self {
            Owner::One(e) => e.name == entity,
            Owner::Ambiguous(a, b) => a.name == entity || b.name == entity,
            Owner::None => false,
        }
    }

    /// In a tie concerning `entity`, the other entity.
    pub fn rival(&self, entity: &str) -> Option<&'a Entity> {
        match *self {
            Owner::Ambiguous(a, b) if a.name == entity => Some(b),
            Owner::Ambiguous(a, b) if b.name == entity => Some(a),
            _ => None,
        }
    }

    /// The owning entity, when there is exactly one.
    pub fn entity(&self) -> Option<&'a Entity> {
        match *self {
            Owner::One(e) => Some(e),
            _ => None,
        }
    }

    /// True when some entity (or two, in a tie) claims the name.
    pub fn is_some(&self) -> bool {
        !matches!(self, Owner::None)
    }
}

/// The entity (or tie) a file called `name` belongs to; see the module doc.
pub fn owner<'a>(catalog: &'a Catalog, name: &str) -> Owner<'a> {
    if is_temporary(name) {
        return Owner::None;
    }
    let mut best: Option<&Entity> = None;
    let mut tie: Option<&Entity> = None;
    for entity in catalog.entities().iter().filter(|e| e.matches(name)) {
        match best {
            None => best = Some(entity),
            Some(b) => match entity.specificity().cmp(&b.specificity()) {
                std::cmp::Ordering::Greater => (best, tie) = (Some(entity), None),
                std::cmp::Ordering::Equal if tie.is_none() => tie = Some(entity),
                _ => {}
            },
        }
    }
    match (best, tie) {
        (Some(a), Some(b)) => Owner::Ambiguous(a, b),
        (Some(a), None) => Owner::One(a),
        _ => Owner::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    fn catalog(entities: &[(&str, &str)]) -> Catalog {
        let text: String = entities
            .iter()
            .map(|(name, file)| format!("[[entity]]\nname = \"{name}\"\nfile = \"{file}\"\n"))
            .collect();
        Config::from_toml(&text, Path::new("t.toml"))
            .unwrap()
            .catalog
    }

    fn name_of(o: Owner) -> String {
        match o {
            Owner::One(e) => e.name.clone(),
            Owner::Ambiguous(a, b) => format!("{}|{}", a.name, b.name),
            Owner::None => "-".into(),
        }
    }

    #[test]
    fn the_most_specific_pattern_owns_a_name_and_a_tie_owns_nothing() {
        let c = catalog(&[
            ("ventas", "ventas*.csv"),
            ("ventas_pagos", "ventas_pagos*.csv"),
            ("clientes", "clientes.csv"),
            ("clientes_todos", "clientes*.csv"),
            ("a", "x*.txt"),
            ("b", "*x.txt"),
        ]);
        let cases = [
            ("ventas_pagos.csv", "ventas_pagos"),
            ("VENTAS_PAGOS_2026.CSV", "ventas_pagos"),
            ("ventas.csv", "ventas"),
            ("ventas_2026.csv", "ventas"),
            ("clientes.csv", "clientes"),
            ("clientes_2.csv", "clientes_todos"),
            ("x.txt", "a|b"),
            ("xyzx.txt", "a|b"),
            ("x1.txt", "a"),
            ("otro.csv", "-"),
            ("~$ventas.csv", "-"),
        ];
        for (name, expected) in cases {
            assert_eq!(name_of(owner(&c, name)), expected, "{name}");
        }
        let tie = owner(&c, "x.txt");
        assert!(tie.concerns("a") && tie.concerns("b") && !tie.concerns("ventas"));
        assert_eq!(tie.rival("a").map(|e| e.name.as_str()), Some("b"));
        assert_eq!(tie.rival("b").map(|e| e.name.as_str()), Some("a"));
        assert!(tie.entity().is_none() && tie.is_some());
        let one = owner(&c, "ventas_pagos.csv");
        assert!(one.concerns("ventas_pagos") && !one.concerns("ventas"));
        assert!(one.rival("ventas_pagos").is_none());
    }
}
