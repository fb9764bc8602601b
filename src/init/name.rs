//! An entity's name and file pattern from an export's file name: dates, timestamps, sequence
//! numbers, versions and copy marks stripped (`CLIENTES 2026-12-07.CSV`, `clientes (1).csv`,
//! `Clientes-2026_12_07T1530.csv` → `clientes`, `clientes*.csv`). Pure: a name in, words out.

/// The extensions `init` reads: text exports and workbooks.
pub const EXTENSIONS: [&str; 7] = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"];

/// What a file name says about its entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameGuess {
    /// The entity's name: the words left, lowercased, joined by `_`.
    pub entity: String,
    /// The words as they stand in the file name, lowercased, each separator a `?` (so
    /// `notas credito` and `notas_credito` both match), after a `*` when something was
    /// stripped before them (`20261207_clientes.csv` → `*clientes`): the glob's start.
    pub prefix: String,
    /// The extension, lowercased, without its dot.
    pub ext: String,
}

impl NameGuess {
    /// The `file` glob of one extension: `clientes*.csv` (matched case-insensitively).
    pub fn glob(&self) -> String {
        format!("{}*.{}", self.prefix, self.ext)
    }
}

/// The glob of an entity whose files have `exts` (one or several extensions).
pub fn glob_of(prefix: &str, exts: &[String]) -> String {
    match exts {
        [one] => format!("{prefix}*.{one}"),
        many => format!("{prefix}*.{{{}}}", many.join(",")),
    }
}

/// Copy marks in the user's languages, removed wherever they stand.
const COPY_WORDS: [&str; 6] = ["copia", "copy", "cópia", "copie", "kopie", "backup"];

/// The entity a file called `file_name` is a snapshot of, or `None` when it is not an
/// export `init` reads (another extension, a temporary file) or no word is left.
pub fn guess(file_name: &str) -> Option<NameGuess> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    let ext = ext.to_lowercase();
    if !EXTENSIONS.contains(&ext.as_str()) || crate::watch::is_temporary(file_name) {
        return None;
    }
    let lower = stem.to_lowercase();
    // Words with their byte span, split on anything not a letter or digit.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in lower.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, lower.len()));
    }
    let noise = |&(s, e): &(usize, usize)| is_noise(&lower[s..e]);
    // "Copia de clientes", "copy of clientes": a leading copy mark and its "de"/"of".
    while words.first().is_some_and(noise)
        || words
            .first()
            .is_some_and(|&(s, e)| matches!(&lower[s..e], "de" | "of" | "da"))
    {
        words.remove(0);
    }
    while words.last().is_some_and(noise) {
        words.pop();
    }
    // What is left ends at the last real word: drop noise words inside too ("ventas v2 final").
    let kept: Vec<(usize, usize)> = words
        .iter()
        .copied()
        .filter(|w| !noise(w) && !is_filler(&lower[w.0..w.1]))
        .collect();
    let (&(first, _), &(_, last)) = (kept.first()?, kept.last()?);
    let entity: Vec<&str> = kept.iter().map(|&(s, e)| &lower[s..e]).collect();
    let entity = entity.join("_");
    // The glob keeps the file name's own text from the first to the last word kept, each
    // non-word character a `?`, glob metacharacters never passed through.
    let mut prefix: String = lower[first..last]
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '?' })
        .collect();
    // Something stripped before the name (a date, "Copia de"): the glob must allow it.
    if first > 0 {
        prefix.insert(0, '*');
    }
    Some(NameGuess {
        entity,
        prefix,
        ext,
    })
}

/// A word that is not part of a name: a number or date (`20261207`, `07t1530`, `2026`), a
/// version (`v2`), a copy mark.
fn is_noise(word: &str) -> bool {
    if COPY_WORDS.contains(&word) {
        return true;
    }
    let digits = word.chars().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    // Numbers, timestamps like 07t1530 or 1530hs, versions like v2 or v10.
    let letters: String = word.chars().filter(|c| !c.is_ascii_digit()).collect();
    matches!(
        letters.as_str(),
        "" | "t" | "v" | "hs" | "h" | "z" | "r" | "rev"
    )
}

/// Words that mean a date or a copy inside a name, not the entity ("final", "hoy").
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "final" | "hoy" | "today" | "ultimo" | "último" | "nuevo" | "new"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_timestamps_sequences_and_copy_marks_are_stripped() {
        for name in [
            "clientes_20261207.csv",
            "CLIENTES 2026-12-07.CSV",
            "clientes (1).csv",
            "Clientes-2026_12_07T1530.csv",
            "clientes - copia.csv",
            "clientes_v2 - copia (3).csv",
            "clientes.csv",
        ] {
            let g = guess(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(g.entity, "clientes", "{name}");
            assert_eq!(g.glob(), "clientes*.csv", "{name}");
        }
        // Something before the name: the glob allows it.
        for name in ["20261207_clientes.csv", "Copia de clientes.csv"] {
            let g = guess(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(g.entity, "clientes", "{name}");
            assert_eq!(g.glob(), "*clientes*.csv", "{name}");
        }
    }

    #[test]
    fn a_name_of_several_words_keeps_them_and_its_glob_matches_either_separator() {
        let g = guess("Notas Credito 2026-12-07 1530.xlsx").unwrap();
        assert_eq!(g.entity, "notas_credito");
        assert_eq!(g.glob(), "notas?credito*.xlsx");
        let g = guess("ventas_v2 - copia.csv").unwrap();
        assert_eq!((g.entity.as_str(), g.ext.as_str()), ("ventas", "csv"));
        let g = guess("órdenes_servicio_2026.ods").unwrap();
        assert_eq!(g.entity, "órdenes_servicio");
    }

    #[test]
    fn the_guessed_glob_matches_every_variant_as_the_config_matches_files() {
        let toml = "[[entity]]\nname = \"clientes\"\nfile = \"clientes*.csv\"\n";
        let config =
            crate::config::Config::from_toml(toml, std::path::Path::new("x.toml")).expect("loads");
        let clientes = &config.catalog.entities()[0];
        // Every name's own glob matches it.
        for name in [
            "20261207_clientes.csv",
            "Notas Credito 2026-12-07 1530.xlsx",
            "Copia de clientes (2).CSV",
            "ventas_v2 - copia.csv",
        ] {
            let glob = guess(name).unwrap().glob();
            let toml = format!("[[entity]]\nname = \"x\"\nfile = \"{glob}\"\n");
            let config = crate::config::Config::from_toml(&toml, std::path::Path::new("x.toml"))
                .expect("loads");
            assert!(
                config.catalog.entities()[0].matches(name),
                "{glob} ~ {name}"
            );
        }
        for name in [
            "clientes_20261207.csv",
            "CLIENTES 2026-12-07.CSV",
            "clientes (1).csv",
            "Clientes-2026_12_07T1530.csv",
        ] {
            assert!(clientes.matches(name), "{name}");
        }
    }

    #[test]
    fn other_files_and_names_without_words_are_not_exports() {
        assert_eq!(guess("notas.pdf"), None);
        assert_eq!(guess("~$clientes.xlsx"), None);
        assert_eq!(guess("20261207.csv"), None);
        assert_eq!(guess("sin_extension"), None);
        assert_eq!(
            glob_of("clientes", &["csv".into(), "xlsx".into()]),
            "clientes*.{csv,xlsx}"
        );
    }
}
