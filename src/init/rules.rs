//! The column rules `init` proposes (`[[entity]] columns`): a `format` when nearly all of a
//! column's values have one, and `unique` for a tax ID that is unique beside the entity's
//! own ID. Pure: the facts of a file in, the rules out.

use super::infer::can_be_id;
use super::{ColumnFacts, FileFacts};
use crate::config::Format;

/// The formats tried, in this order (the first that fits is proposed). Numbers are not: a
/// column of plain integers fits both `number:es` and `number:en`, and says little.
const FORMATS: [&str; 8] = [
    "cuit",
    "cpf",
    "cnpj",
    "nif",
    "email",
    "date:dd/mm/yyyy",
    "date:yyyy-mm-dd",
    "date:dd-mm-yyyy",
];

/// A format is proposed when at least this share of the values sampled have it.
pub const MIN_FORMAT_SHARE: f64 = 0.98;

/// Fewer non-empty values than this say nothing about a format.
const MIN_VALUES: u64 = 20;

/// A rule `init` proposes for one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleGuess {
    /// The column's index in the file.
    pub column: usize,
    /// The format its values have, as the config writes it.
    pub format: &'static str,
    /// Values sampled that have the format, and values sampled.
    pub matched: u64,
    /// Values sampled.
    pub of: u64,
    /// True for a tax ID whose values are all distinct (a second unique column).
    pub unique: bool,
}

/// The rules for `file`'s columns but `skip` (its ID and reference columns).
pub fn propose(file: &FileFacts, skip: &[usize]) -> Vec<RuleGuess> {
    file.columns
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .filter_map(|(i, column)| {
            let (format, matched, of) = format_of(column)?;
            let tax_id = matches!(format, "cuit" | "cpf" | "cnpj" | "nif");
            Some(RuleGuess {
                column: i,
                format,
                matched,
                of,
                unique: tax_id && column.duplicates == 0 && can_be_id_ignoring_empty(column),
            })
        })
        .collect()
}

/// The first of [`FORMATS`] that at least [`MIN_FORMAT_SHARE`] of the column's sampled
/// values (each counted as often as it occurs) have, with how many had it and of how many.
fn format_of(column: &ColumnFacts) -> Option<(&'static str, u64, u64)> {
    let of: u64 = column.values.values().sum();
    if of < MIN_VALUES {
        return None;
    }
    FORMATS.iter().find_map(|&name| {
        let format = Format::parse(name).expect("the formats tried are valid");
        let matched: u64 = column
            .values
            .iter()
            .filter(|(value, _)| format.matches(value))
            .map(|(_, n)| n)
            .sum();
        (matched as f64 >= of as f64 * MIN_FORMAT_SHARE).then_some((name, matched, of))
    })
}

/// Whether every non-empty value of `column` was seen, once each (its empty cells aside: a
/// tax ID is often left empty for people who have none).
fn can_be_id_ignoring_empty(column: &ColumnFacts) -> bool {
    let filled = ColumnFacts {
        empty: 0,
        ..column.clone()
    };
    let rows = column.rows - column.empty;
    column.complete && can_be_id(&filled, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, values: &[String]) -> ColumnFacts {
        ColumnFacts::of(name, values)
    }

    fn file(columns: Vec<ColumnFacts>) -> FileFacts {
        let rows = columns.first().map_or(0, |c| c.rows);
        FileFacts {
            columns,
            rows,
            ..FileFacts::default()
        }
    }

    /// A CUIT for `dni` with a check digit the format accepts (none when AFIP would change
    /// the prefix instead).
    fn cuit(dni: u64) -> Option<String> {
        let format = Format::parse("cuit").unwrap();
        (0..10)
            .map(|d| format!("20-{dni:08}-{d}"))
            .find(|c| format.matches(c))
    }

    #[test]
    fn a_tax_id_column_gets_its_format_and_unique_an_email_its_format_a_name_nothing() {
        let cuits: Vec<String> = (30_000_000..30_000_200)
            .filter_map(cuit)
            .take(100)
            .collect();
        let mut tax = cuits.clone();
        tax.extend(std::iter::repeat_n(String::new(), 30));
        let emails: Vec<String> = (0..130)
            .map(|i| format!("cliente{i}@mail.com.ar"))
            .collect();
        let names: Vec<String> = (0..130).map(|i| format!("Nombre {}", i % 40)).collect();
        let codes: Vec<String> = (0..130).map(|i| format!("C{i}")).collect();
        let f = file(vec![
            column("COD", &codes),
            column("CUIT", &tax),
            column("EMAIL", &emails),
            column("NOMBRE", &names),
        ]);
        let rules = propose(&f, &[0]);
        assert_eq!(
            rules
                .iter()
                .map(|r| (r.column, r.format, r.unique, r.matched, r.of))
                .collect::<Vec<_>>(),
            [(1, "cuit", true, 100, 100), (2, "email", false, 130, 130)]
        );
    }

    #[test]
    fn a_repeated_tax_id_is_not_unique_and_a_few_bad_values_still_give_the_format() {
        let mut tax: Vec<String> = (30_000_000..30_000_400)
            .filter_map(cuit)
            .take(200)
            .collect();
        tax[5] = tax[4].clone();
        // 2 bad of 200: 99% have the format.
        tax[10] = "20-1-1".into();
        tax[11] = "no tiene".into();
        let rules = propose(&file(vec![column("CUIT", &tax)]), &[]);
        assert_eq!(rules.len(), 1);
        assert_eq!((rules[0].format, rules[0].unique), ("cuit", false));
        assert_eq!((rules[0].matched, rules[0].of), (198, 200));
        // 5 bad of 100 is too many.
        let mut tax: Vec<String> = (30_000_000..30_000_200)
            .filter_map(cuit)
            .take(100)
            .collect();
        for value in &mut tax[..5] {
            *value = "x".into();
        }
        assert!(propose(&file(vec![column("CUIT", &tax)]), &[]).is_empty());
    }

    #[test]
    fn dates_are_told_by_their_pattern_and_few_values_say_nothing() {
        let dates: Vec<String> = (1..=28).map(|d| format!("{d:02}/03/2024")).collect();
        let iso: Vec<String> = (1..=28).map(|d| format!("2024-03-{d:02}")).collect();
        let f = file(vec![column("ALTA", &dates), column("BAJA", &iso)]);
        let rules = propose(&f, &[]);
        assert_eq!(
            rules.iter().map(|r| r.format).collect::<Vec<_>>(),
            ["date:dd/mm/yyyy", "date:yyyy-mm-dd"]
        );
        let few: Vec<String> = dates[..10].to_vec();
        assert!(propose(&file(vec![column("ALTA", &few)]), &[]).is_empty());
    }
}
