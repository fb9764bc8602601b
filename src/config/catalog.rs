//! The catalog: which entities exist, how their files are named, their ID column, their refs,
//! and the order they must be checked in (parents before children).

use super::Error;
use crate::i18n::{Message, Text};
use encoding_rs::Encoding;
use globset::{GlobBuilder, GlobMatcher};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The default catalog, used when no config declares entities (docs/contract.md §1): the
/// TECNOM catalog's six entities, parents first (`init --preset tecnom` writes them).
pub const DEFAULT_ENTITIES: [&str; 6] = [
    "usuarios",
    "sucursales",
    "clientes",
    "ventas",
    "unidades",
    "servicios",
];

/// One entity: one CSV file per snapshot, one tab in the destination.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The entity's name; also its tab name.
    pub name: String,
    /// The file name or glob, as configured (matched case-insensitively).
    pub file: String,
    /// The unique ID column; `None` means the file's first column.
    pub id: Option<String>,
    /// A forced encoding; `None` means detect.
    pub encoding: Option<&'static Encoding>,
    /// A forced delimiter; `None` means sniff.
    pub delimiter: Option<u8>,
    /// The sheet to read when the file is a workbook (`.xlsx`, `.xls`, `.ods`); `None` means
    /// its first sheet.
    pub sheet: Option<String>,
    /// References from this entity's columns to other entities' IDs.
    pub refs: Vec<Ref>,
    /// Rules on single columns (`columns = { X = { required, unique, format, severity } }`),
    /// in column-name order.
    pub columns: Vec<ColumnRule>,
    matcher: GlobMatcher,
    /// [`Specificity::of`] the pattern, computed once (`watch::owner` asks for every
    /// candidate of every file).
    specificity: Specificity,
}

impl Entity {
    /// True when a file called `file_name` is a snapshot of this entity's pattern. When
    /// several entities' patterns match one name, the file belongs to the most specific one
    /// only (`watch::owner`, by [`Entity::specificity`]).
    pub fn matches(&self, file_name: &str) -> bool {
        self.matcher.is_match(file_name)
    }

    /// How specifically this entity's pattern names its files ([`Specificity::of`]).
    pub fn specificity(&self) -> Specificity {
        self.specificity
    }
}

/// How specifically a file pattern names files: an exact name (no wildcard) beats any glob,
/// then the pattern with more literal characters (those that are not `*`, `?`, a `[...]`
/// class or a `{...}` alternation) wins. Ordered: greater is more specific; two equal ones
/// matching one name are a tie (`ambiguous-file`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Specificity {
    /// The pattern has no wildcard at all.
    pub exact: bool,
    /// Its literal characters.
    pub literal: usize,
}

impl Specificity {
    /// The specificity of `pattern` (a file name or glob, as configured).
    pub fn of(pattern: &str) -> Specificity {
        let mut literal = 0;
        let mut exact = true;
        let mut depth = 0usize;
        let mut escaped = false;
        for c in pattern.chars() {
            if escaped {
                escaped = false;
                literal += usize::from(depth == 0);
                continue;
            }
            match c {
                '\\' => escaped = true,
                '*' | '?' if depth == 0 => exact = false,
                '[' | '{' => {
                    exact = false;
                    depth += 1;
                }
                ']' | '}' if depth > 0 => depth -= 1,
                _ if depth == 0 => literal += 1,
                _ => {}
            }
        }
        Specificity { exact, literal }
    }
}

/// Two entities whose file patterns can both match one file name (found when a config
/// loads; a warning, not an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap {
    /// The entity declared first.
    pub first: String,
    /// Its pattern.
    pub first_pattern: String,
    /// The other entity.
    pub second: String,
    /// Its pattern.
    pub second_pattern: String,
    /// A file name both patterns match.
    pub example: String,
    /// The entity such a file goes to (the more specific pattern), or `None` when the two
    /// are equally specific: such a file is `ambiguous-file` and goes to neither.
    pub winner: Option<String>,
}

impl Overlap {
    /// The warning, for people.
    pub fn message(&self) -> Message {
        let message = match &self.winner {
            Some(winner) => Message::new(Text::ConfigPatternsOverlap).with("winner", winner),
            None => Message::new(Text::ConfigPatternsTie),
        };
        message
            .with("first", &self.first)
            .with("first_pattern", &self.first_pattern)
            .with("second", &self.second)
            .with("second_pattern", &self.second_pattern)
            .with("example", &self.example)
    }
}

/// File names built from `pattern` that it matches, for probing another pattern: each
/// wildcard run replaced by nothing, by `x`, and a `[...]`/`{...}` by its first literal
/// character or alternative.
fn witnesses(pattern: &str) -> Vec<String> {
    ["", "x"]
        .iter()
        .map(|star| {
            let mut out = String::new();
            let mut chars = pattern.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => out.extend(chars.next()),
                    '*' => out.push_str(star),
                    '?' => out.push('x'),
                    '[' => {
                        let mut first = None;
                        for c in chars.by_ref() {
                            if c == ']' && first.is_some() {
                                break;
                            }
                            if first.is_none() && c != '!' && c != '^' {
                                first = Some(c);
                            }
                        }
                        out.extend(first);
                    }
                    '{' => {
                        let mut taking = true;
                        for c in chars.by_ref() {
                            match c {
                                '}' => break,
                                ',' => taking = false,
                                c if taking => out.push(c),
                                _ => {}
                            }
                        }
                    }
                    c => out.push(c),
                }
            }
            out
        })
        .collect()
}

/// The part of `pattern` before its first wildcard, and after its last one.
fn literal_ends(pattern: &str) -> (&str, &str) {
    let start = pattern
        .find(['*', '?', '[', '{', '\\'])
        .unwrap_or(pattern.len());
    let end = pattern
        .rfind(['*', '?', ']', '}'])
        .map_or(pattern.len(), |i| i + 1);
    (&pattern[..start], &pattern[end.max(start)..])
}

/// A column whose values must be IDs of another entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The referencing column in this entity's file.
    pub column: String,
    /// The referenced entity.
    pub entity: String,
    /// A required ref must be filled and must resolve; an optional one only warns.
    pub required: bool,
}

/// What one column's values must be (`[[entity]] columns = { NAME = { ... } }`).
#[derive(Debug, Clone)]
pub struct ColumnRule {
    /// The column, as the header names it.
    pub column: String,
    /// Every row must have a value (not empty once trimmed): `required-empty`.
    pub required: bool,
    /// No two rows may have the same value (empty ones aside): `duplicate-value`.
    pub unique: bool,
    /// The format every non-empty value must have: `invalid-format`.
    pub format: Option<super::Format>,
    /// The format as the config writes it (`"cuit"`, `"date:dd/mm/yyyy"`), for issues.
    pub format_text: Option<String>,
    /// Whether a broken rule leaves the row out (error) or only reports it (warning).
    pub severity: RuleSeverity,
}

/// How a broken column rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RuleSeverity {
    /// The row is left out, like other row errors (the default).
    #[default]
    Error,
    /// The row is published; the issue only informs.
    Warning,
}

/// The entities, in an order where every entity comes after the entities it references.
#[derive(Debug, Clone)]
pub struct Catalog {
    entities: Vec<Entity>,
}

impl Catalog {
    /// The entities in dependency order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity called `name`.
    pub fn get(&self, name: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.name == name)
    }

    /// Every pair of entities whose patterns can match one file name, with such a name and
    /// who would get that file. Probed with names built from each pattern (see
    /// `witnesses`), and with one pattern's literal start joined to the other's literal end
    /// (`ventas*` and `*_pagos.csv` both match `ventas_pagos.csv`): a pair it misses can
    /// still overlap, but every overlap it reports is real.
    pub fn overlaps(&self) -> Vec<Overlap> {
        let mut out = Vec::new();
        for (i, a) in self.entities.iter().enumerate() {
            for b in &self.entities[i + 1..] {
                let (a_start, a_end) = literal_ends(&a.file);
                let (b_start, b_end) = literal_ends(&b.file);
                let mut probes = witnesses(&a.file);
                probes.extend(witnesses(&b.file));
                probes.push(format!("{a_start}{b_end}"));
                probes.push(format!("{b_start}{a_end}"));
                let Some(example) = probes.into_iter().find(|n| a.matches(n) && b.matches(n))
                else {
                    continue;
                };
                let (sa, sb) = (a.specificity(), b.specificity());
                let winner = match sa.cmp(&sb) {
                    std::cmp::Ordering::Greater => Some(a.name.clone()),
                    std::cmp::Ordering::Less => Some(b.name.clone()),
                    std::cmp::Ordering::Equal => None,
                };
                // Declaration order is lost to the dependency order: name them sorted.
                let (first, second) = if a.name <= b.name { (a, b) } else { (b, a) };
                out.push(Overlap {
                    first: first.name.clone(),
                    first_pattern: first.file.clone(),
                    second: second.name.clone(),
                    second_pattern: second.file.clone(),
                    example,
                    winner,
                });
            }
        }
        out
    }

    /// Checks the declared entities and orders them parents-first. `path` names the file
    /// the specs came from, for errors.
    pub(super) fn build(specs: Vec<EntitySpec>, path: &Path) -> Result<Catalog, Error> {
        let invalid = |line, message: Message| Error::Invalid {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut seen = HashMap::new();
        let mut folded: HashMap<String, &str> = HashMap::new();
        for spec in &specs {
            if spec.name.trim().is_empty() {
                return Err(invalid(
                    spec.line,
                    Message::new(Text::ConfigEmptyEntityName),
                ));
            }
            check_name(&spec.name).map_err(|m| invalid(spec.line, m))?;
            if seen.insert(spec.name.as_str(), spec.line).is_some() {
                return Err(invalid(
                    spec.line,
                    Message::new(Text::ConfigEntityTwice).with("entity", &spec.name),
                ));
            }
            if let Some(other) = folded.insert(spec.name.to_lowercase(), &spec.name) {
                return Err(invalid(
                    spec.line,
                    Message::new(Text::ConfigEntitySameName)
                        .with("entity", other)
                        .with("other", &spec.name),
                ));
            }
        }
        for spec in &specs {
            for r in &spec.refs {
                if r.entity == spec.name {
                    return Err(invalid(
                        r.line,
                        Message::new(Text::ConfigSelfRef)
                            .with("entity", &spec.name)
                            .with("column", &r.column),
                    ));
                }
                if !seen.contains_key(r.entity.as_str()) {
                    let known: Vec<_> = specs.iter().map(|s| s.name.as_str()).collect();
                    return Err(invalid(
                        r.line,
                        Message::new(Text::ConfigUnknownRef)
                            .with("column", &r.column)
                            .with("entity", &spec.name)
                            .with("target", &r.entity)
                            .with("known", known.join(", ")),
                    ));
                }
            }
        }
        let order = dependency_order(&specs, false)
            .or_else(|_| dependency_order(&specs, true))
            .map_err(|cycle| {
                let first = &specs[cycle[0]];
                let line = first.refs.iter().find(|r| r.required).and_then(|r| r.line);
                let names: Vec<_> = cycle.iter().map(|&i| specs[i].name.as_str()).collect();
                invalid(
                    line.or(first.line),
                    Message::new(Text::ConfigRefCycle).with("names", names.join(", ")),
                )
            })?;
        let mut slots: Vec<Option<EntitySpec>> = specs.into_iter().map(Some).collect();
        let mut entities = Vec::with_capacity(order.len());
        for i in order {
            let spec = slots[i].take().expect("each index once");
            entities.push(spec.into_entity().map_err(|m| invalid(None, m))?);
        }
        Ok(Catalog { entities })
    }
}

impl Default for Catalog {
    /// The six entities of a dealership export, each in `<name>.csv`, ID in the first column, no refs.
    fn default() -> Self {
        let specs = DEFAULT_ENTITIES
            .iter()
            .map(|name| EntitySpec {
                name: name.to_string(),
                ..EntitySpec::default()
            })
            .collect();
        Catalog::build(specs, Path::new("(built-in catalog)"))
            .expect("the default catalog is valid")
    }
}

/// The longest entity name, in characters (a Google Sheets tab title allows 100).
pub const MAX_NAME_CHARS: usize = 100;

/// Checks an entity name, which becomes a folder of the spool, a file of the outbox and a tab
/// of the spreadsheet: 1 to [`MAX_NAME_CHARS`] letters of any script, ASCII digits, `_` and
/// `-`; not starting with `_` (kept for sheetdrop's own tabs, `_manifest` and `_status`); not
/// a name Windows reserves for a device (`CON`, `NUL`, `COM1`...). So no dot, space, slash or
/// backslash: a name can never climb out of its folder (`../../escape`).
pub fn check_name(name: &str) -> Result<(), Message> {
    let shown = format!("{name:?}");
    let refuse = |reason: Message| {
        Err(Message::new(Text::ConfigEntityName)
            .with("name", &shown)
            .with_message("reason", reason))
    };
    if let Some(c) = name
        .chars()
        .find(|&c| !(c.is_alphabetic() || c.is_ascii_digit() || c == '_' || c == '-'))
    {
        let c = match c {
            ' ' => "\" \"".to_string(),
            c => format!("`{}`", c.escape_debug()),
        };
        return refuse(Message::new(Text::ConfigNameChar).with("char", c));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return refuse(Message::new(Text::ConfigNameLong).with_number("n", chars as u64));
    }
    if name.starts_with('_') {
        return refuse(Message::new(Text::ConfigNameUnderscore));
    }
    let upper = name.to_ascii_uppercase();
    let device = matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && matches!(upper.as_bytes()[3], b'1'..=b'9'));
    if device {
        return refuse(Message::new(Text::ConfigNameWindows).with("name", name));
    }
    Ok(())
}

/// Orders specs so that every entity follows those it references (stable: declaration order
/// where free). With `required_only`, optional refs do not constrain the order. On a cycle,
/// returns the indices of the entities left in it.
fn dependency_order(specs: &[EntitySpec], required_only: bool) -> Result<Vec<usize>, Vec<usize>> {
    let index: HashMap<&str, usize> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let parents: Vec<BTreeSet<usize>> = specs
        .iter()
        .map(|s| {
            s.refs
                .iter()
                .filter(|r| r.required || !required_only)
                .map(|r| index[r.entity.as_str()])
                .collect()
        })
        .collect();
    let mut done = vec![false; specs.len()];
    let mut order = Vec::with_capacity(specs.len());
    while order.len() < specs.len() {
        let next = (0..specs.len()).find(|&i| !done[i] && parents[i].iter().all(|&p| done[p]));
        match next {
            Some(i) => {
                done[i] = true;
                order.push(i);
            }
            None => return Err((0..specs.len()).filter(|&i| !done[i]).collect()),
        }
    }
    Ok(order)
}

/// An entity as declared, before it is checked.
#[derive(Debug, Default)]
pub(super) struct EntitySpec {
    pub line: Option<usize>,
    pub name: String,
    pub file: Option<String>,
    pub id: Option<String>,
    pub encoding: Option<&'static Encoding>,
    pub delimiter: Option<u8>,
    pub sheet: Option<String>,
    pub refs: Vec<RefSpec>,
    pub columns: Vec<ColumnRule>,
}

/// A ref as declared, before it is checked.
#[derive(Debug)]
pub(super) struct RefSpec {
    pub line: Option<usize>,
    pub column: String,
    pub entity: String,
    pub required: bool,
}

impl EntitySpec {
    fn into_entity(self) -> Result<Entity, Message> {
        let file = self.file.unwrap_or_else(|| format!("{}.csv", self.name));
        let matcher = GlobBuilder::new(&file)
            .case_insensitive(true)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                Message::new(Text::ConfigBadPattern)
                    .with("entity", &self.name)
                    .with("pattern", &file)
                    .with("error", e.kind())
            })?
            .compile_matcher();
        let specificity = Specificity::of(&file);
        Ok(Entity {
            name: self.name,
            file,
            id: self.id.filter(|s| !s.trim().is_empty()),
            encoding: self.encoding,
            delimiter: self.delimiter,
            sheet: self.sheet.filter(|s| !s.is_empty()),
            refs: self
                .refs
                .into_iter()
                .map(|r| Ref {
                    column: r.column,
                    entity: r.entity,
                    required: r.required,
                })
                .collect(),
            columns: self.columns,
            matcher,
            specificity,
        })
    }
}

/// Parses an encoding setting: "auto" (or empty) or any WHATWG label.
pub(super) fn encoding_setting(label: &str) -> Result<Option<&'static Encoding>, Message> {
    let label = label.trim();
    if label.is_empty() || label.eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    Encoding::for_label(label.as_bytes())
        .map(Some)
        .ok_or_else(|| Message::new(Text::ConfigUnknownEncoding).with("label", label))
}

/// Parses a delimiter setting: "auto" (or empty) or one of `,` `;` TAB `|`.
pub(super) fn delimiter_setting(text: &str) -> Result<Option<u8>, Message> {
    match text {
        "" | "auto" => Ok(None),
        "," => Ok(Some(b',')),
        ";" => Ok(Some(b';')),
        "\t" | "\\t" | "tab" => Ok(Some(b'\t')),
        "|" => Ok(Some(b'|')),
        other => Err(Message::new(Text::ConfigBadDelimiter).with("value", other.escape_debug())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str, refs: &[(&str, bool)]) -> EntitySpec {
        EntitySpec {
            name: name.into(),
            refs: refs
                .iter()
                .map(|&(e, required)| RefSpec {
                    line: Some(9),
                    column: format!("C_{e}"),
                    entity: e.into(),
                    required,
                })
                .collect(),
            ..EntitySpec::default()
        }
    }

    fn names(c: &Catalog) -> Vec<&str> {
        c.entities().iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn parents_come_first() {
        let c = Catalog::build(
            vec![
                spec("servicios", &[("clientes", true)]),
                spec("clientes", &[]),
            ],
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(names(&c), ["clientes", "servicios"]);
    }

    #[test]
    fn optional_cycle_is_broken_required_cycle_is_an_error() {
        let c = Catalog::build(
            vec![spec("a", &[("b", false)]), spec("b", &[("a", true)])],
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(names(&c), ["a", "b"]);
        let err = Catalog::build(
            vec![spec("a", &[("b", true)]), spec("b", &[("a", true)])],
            Path::new("x.toml"),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("cycle") && err.to_string().contains("line 9"),
            "{err}"
        );
    }

    #[test]
    fn unknown_entity_is_named() {
        let err = Catalog::build(vec![spec("a", &[("zz", true)])], Path::new("x")).unwrap_err();
        assert!(err.to_string().contains("`zz`"), "{err}");
    }

    #[test]
    fn entity_names_are_letters_digits_underscore_and_dash_only() {
        use crate::i18n::Lang;
        for good in [
            "ventas",
            "ventas_2024",
            "órdenes-de-compra",
            "клиенты",
            "顧客",
            "a",
            "Com10",
        ] {
            assert_eq!(check_name(good), Ok(()), "{good}");
        }
        assert_eq!(check_name(&"x".repeat(MAX_NAME_CHARS)), Ok(()));
        let bad = [
            ("../../escape", "`.`"),
            ("a/b", "`/`"),
            ("a\\b", "`\\\\`"),
            (".hidden", "`.`"),
            ("dos palabras", "\" \""),
            ("tab\there", "`\\t`"),
            ("c:x", "`:`"),
        ];
        for (name, shown) in bad {
            let m = check_name(name).unwrap_err().render(Lang::En);
            assert!(m.contains(&format!("it contains {shown}")), "{name}: {m}");
            assert!(m.contains(&format!("{name:?}")), "{m}");
        }
        let long = check_name(&"x".repeat(MAX_NAME_CHARS + 1)).unwrap_err();
        assert!(
            long.render(Lang::Es).contains("tiene 101 caracteres"),
            "{long}"
        );
        let reserved = check_name("_manifest").unwrap_err().render(Lang::PtBr);
        assert!(reserved.contains("_manifest e _status"), "{reserved}");
        for device in ["CON", "nul", "Aux", "prn", "COM1", "lpt9"] {
            let m = check_name(device).unwrap_err().render(Lang::En);
            assert!(m.contains("Windows reserves"), "{device}: {m}");
        }
    }

    #[test]
    fn a_bad_name_or_names_that_differ_only_in_case_name_the_line() {
        let mut s = spec("../../escape", &[]);
        s.line = Some(4);
        let err = Catalog::build(vec![s], Path::new("x.toml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.toml, line 4: the entity name \"../../escape\""),
            "{err}"
        );
        let mut b = spec("Clientes", &[]);
        b.line = Some(7);
        let err = Catalog::build(vec![spec("clientes", &[]), b], Path::new("x.toml")).unwrap_err();
        assert!(err.to_string().contains("line 7"), "{err}");
        assert!(err.to_string().contains("upper and lower case"), "{err}");
    }

    #[test]
    fn specificity_prefers_exact_names_then_longer_literals() {
        let s = Specificity::of;
        assert!(s("ventas.csv") > s("ventas*.csv"));
        assert!(
            s("ventas.csv") > s("ventas_pagos_muy_largo*.csv"),
            "exact beats any glob"
        );
        assert!(s("ventas_pagos*.csv") > s("ventas*.csv"));
        assert_eq!(s("ventas*.csv"), s("ventas?.csv"));
        assert_eq!(
            s("a[bc]d.csv"),
            Specificity {
                exact: false,
                literal: 6
            }
        );
        assert_eq!(s("{a,b}.csv").literal, 4);
        assert!(s("clientes.csv").exact && !s("clientes*.csv").exact);
    }

    fn catalog(entities: &[(&str, &str)]) -> Catalog {
        let specs = entities
            .iter()
            .map(|(name, file)| EntitySpec {
                name: name.to_string(),
                file: Some(file.to_string()),
                ..EntitySpec::default()
            })
            .collect();
        Catalog::build(specs, Path::new("t.toml")).unwrap()
    }

    #[test]
    fn overlapping_patterns_are_found_with_an_example_and_who_wins() {
        let c = catalog(&[
            ("ventas", "ventas*.csv"),
            ("ventas_pagos", "ventas_pagos*.csv"),
            ("clientes", "clientes*.csv"),
        ]);
        let overlaps = c.overlaps();
        assert_eq!(overlaps.len(), 1, "{overlaps:?}");
        let o = &overlaps[0];
        assert_eq!(
            (o.first.as_str(), o.second.as_str()),
            ("ventas", "ventas_pagos")
        );
        assert_eq!(o.winner.as_deref(), Some("ventas_pagos"));
        assert!(o.example.starts_with("ventas_pagos"), "{o:?}");
        let text = o.message().render(crate::i18n::Lang::En);
        assert!(
            text.contains("ventas_pagos*.csv") && text.contains(&o.example),
            "{text}"
        );

        // Equally specific: a tie, said as such.
        let tie = catalog(&[("a", "x*.csv"), ("b", "*x.csv")]).overlaps();
        assert_eq!(tie.len(), 1, "{tie:?}");
        assert_eq!(tie[0].winner, None);
        assert!(tie[0]
            .message()
            .render(crate::i18n::Lang::En)
            .contains("neither"));

        // Exact name against a glob that matches it: the exact one wins, still worth saying.
        let exact = catalog(&[("a", "ventas.csv"), ("b", "ventas*.csv")]).overlaps();
        assert_eq!(exact[0].winner.as_deref(), Some("a"));
        // The literal ends of two globs joined: ventas* and *_pagos.csv.
        let ends = catalog(&[("a", "ventas*"), ("b", "*_pagos.csv")]).overlaps();
        assert_eq!(ends[0].example, "ventas_pagos.csv");

        assert!(Catalog::default().overlaps().is_empty());
        assert!(catalog(&[("a", "a*.csv"), ("b", "b*.csv")])
            .overlaps()
            .is_empty());
    }

    #[test]
    fn file_patterns_match_case_insensitively() {
        let mut s = spec("ventas", &[]);
        s.file = Some("ventas_*.csv".into());
        let c = Catalog::build(vec![s], Path::new("x")).unwrap();
        let e = &c.entities()[0];
        assert!(e.matches("VENTAS_2026.CSV"));
        assert!(!e.matches("ventas.csv"));
        let d = Catalog::default();
        assert!(d.get("clientes").unwrap().matches("CLIENTES.CSV"));
    }
}
