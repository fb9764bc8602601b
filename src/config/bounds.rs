//! The allowed range of every number in `sheetdrop.toml`, checked when the file is loaded:
//! a value out of range is an error naming the key, its line and the range, instead of a
//! panic later (a `settle_seconds` of 2^63 once overflowed `run --once`'s deadline).
//!
//! | key | range |
//! |---|---|
//! | `[source] settle_seconds` | 0 to 3,600 (one hour) |
//! | `[source] rescan_seconds` | 1 to 86,400 (one day) |
//! | `[destination.google] writes_per_minute` | 1 to 6,000 (Sheets allows 60 a minute per user by default; a raised quota stays far below) |
//! | `[policy] max_invalid_rows`, `shrink_guard` | a count from 0 to 10^12 rows, or a finite percentage from 0 to 100 |
//! | `[policy] max_record_bytes` | 1 KiB to 1 GiB |

use crate::i18n::{Message, Text};

/// One numeric key: its name as written in the file and its inclusive range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    /// The key, e.g. `settle_seconds`.
    pub key: &'static str,
    /// The smallest value allowed.
    pub min: i64,
    /// The largest value allowed.
    pub max: i64,
}

/// `[source] settle_seconds`: a file must be unchanged this long (at most an hour).
pub const SETTLE_SECONDS: Bound = Bound {
    key: "settle_seconds",
    min: 0,
    max: 3_600,
};

/// `[source] rescan_seconds`: the safety-net rescan (at least every second, at most daily).
pub const RESCAN_SECONDS: Bound = Bound {
    key: "rescan_seconds",
    min: 1,
    max: 86_400,
};

/// `[destination.google] writes_per_minute`: the pacer's ceiling.
pub const WRITES_PER_MINUTE: Bound = Bound {
    key: "writes_per_minute",
    min: 1,
    max: 6_000,
};

/// The largest row count a limit (`max_invalid_rows`, `shrink_guard`) may give.
pub const MAX_ROW_COUNT: u64 = 1_000_000_000_000;

/// `[policy] max_record_bytes`, in bytes: below 1 KiB real headers do not fit; above 1 GiB
/// one record could take the memory of a small machine.
pub const RECORD_BYTES_RANGE: std::ops::RangeInclusive<u64> = (1 << 10)..=(1 << 30);

/// `[policy] max_invalid_rows` as a count.
pub const MAX_INVALID_ROWS: Bound = Bound {
    key: "max_invalid_rows",
    min: 0,
    max: MAX_ROW_COUNT as i64,
};

/// `[policy] shrink_guard` as a count.
pub const SHRINK_GUARD: Bound = Bound {
    key: "shrink_guard",
    min: 0,
    max: MAX_ROW_COUNT as i64,
};

/// Every numeric key's bound (the counts of the two limits included).
#[cfg(test)]
const ALL: [Bound; 5] = [
    SETTLE_SECONDS,
    RESCAN_SECONDS,
    WRITES_PER_MINUTE,
    MAX_INVALID_ROWS,
    SHRINK_GUARD,
];

impl Bound {
    /// `value` when it is within the range, else the message that names the key, the value
    /// and the range.
    pub fn check(&self, value: i64) -> Result<i64, Message> {
        if (self.min..=self.max).contains(&value) {
            Ok(value)
        } else {
            Err(self.out_of_range(value))
        }
    }

    /// "`key` = value is not a whole number: write one from min to max" (a float, a text).
    pub fn not_whole(&self, value: impl std::fmt::Display) -> Message {
        self.message(Text::ConfigNotWholeNumber, value)
    }

    /// "`key` = value is out of range: from min to max".
    pub fn out_of_range(&self, value: impl std::fmt::Display) -> Message {
        self.message(Text::ConfigOutOfRange, value)
    }

    /// The message `text` naming the key, `value` and the range.
    fn message(&self, text: Text, value: impl std::fmt::Display) -> Message {
        Message::new(text)
            .with("key", self.key)
            .with("value", value)
            .with_number("min", self.min.max(0) as u64)
            .with_number("max", self.max.max(0) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_value_in_range_passes_and_one_outside_names_key_and_range() {
        assert_eq!(SETTLE_SECONDS.check(0), Ok(0));
        assert_eq!(SETTLE_SECONDS.check(3_600), Ok(3_600));
        let m = SETTLE_SECONDS.check(i64::MAX).unwrap_err();
        assert_eq!(
            m.render(Lang::En),
            "`settle_seconds` = 9223372036854775807 is out of range: write a whole number from 0 to 3,600"
        );
        assert!(m.render(Lang::Es).contains("de 0 a 3.600"), "{m}");
        assert!(RESCAN_SECONDS.check(0).is_err());
        assert!(WRITES_PER_MINUTE.check(-1).is_err());
        for b in ALL {
            assert!(b.min <= b.max && b.min >= 0, "{b:?}");
        }
    }

    use crate::config::{Config, Destination, Threshold};
    use proptest::prelude::*;
    use std::path::Path;

    /// Where each numeric key is written: its table, and whether the destination is Google.
    const KEYS: [(&str, &str); 5] = [
        ("source", "settle_seconds"),
        ("source", "rescan_seconds"),
        ("destination.google", "writes_per_minute"),
        ("policy", "max_invalid_rows"),
        ("policy", "shrink_guard"),
    ];

    /// Values a hostile or careless file may hold, as TOML text (some are not TOML at all).
    fn value() -> impl Strategy<Value = String> {
        let extremes = [
            "0",
            "1",
            "-1",
            "60",
            "3600",
            "3601",
            "86400",
            "86401",
            "6000",
            "6001",
            "9223372036854775807",
            "-9223372036854775808",
            "99999999999999999999",
            "1000000000000",
            "1000000000001",
            "1.5",
            "-0.0",
            "1e308",
            "nan",
            "inf",
            "-inf",
            "\"NaN\"",
            "\"nan%\"",
            "\"inf%\"",
            "\"-inf%\"",
            "\"-1%\"",
            "\"101%\"",
            "\"1e400%\"",
            "\"100%\"",
            "\"0%\"",
            "\"12.5%\"",
            "\"18446744073709551615\"",
            "\"1000000000001\"",
            "\"%\"",
            "\"\"",
            "true",
            "[]",
            "{}",
            "[1, 2]",
            "'5'",
        ];
        prop_oneof![
            proptest::sample::select(extremes.to_vec()).prop_map(str::to_string),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|f| format!("{f:?}")),
            any::<String>().prop_map(|s| toml::Value::String(s).to_string()),
            "[0-9.%eE+-]{0,12}".prop_map(|s| toml::Value::String(s).to_string()),
        ]
    }

    fn within(t: Threshold) -> bool {
        match t {
            Threshold::Count(n) => n <= MAX_ROW_COUNT,
            Threshold::Percent(p) => p.is_finite() && (0.0..=100.0).contains(&p),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever number (or not-a-number) a key holds, loading never panics: it gives a
        /// value within the key's range, or an error naming the key's line.
        #[test]
        fn any_value_of_any_numeric_key_loads_in_range_or_names_its_line(
            which in 0..KEYS.len(),
            padding in 0usize..3,
            google in any::<bool>(),
            v in value(),
        ) {
            let (table, key) = KEYS[which];
            let kind = if google { "google" } else { "local" };
            let head = format!("language = \"en\"\n[destination]\nkind = \"{kind}\"\n");
            let line = head.lines().count() + padding + 2;
            let text = format!("{head}{}[{table}]\n{key} = {v}\n", "# -\n".repeat(padding));
            match Config::from_toml(&text, Path::new("/x/sheetdrop.toml")) {
                Ok(c) => {
                    prop_assert!(c.source.settle_seconds <= SETTLE_SECONDS.max as u64);
                    prop_assert!((1..=RESCAN_SECONDS.max as u64).contains(&c.source.rescan_seconds));
                    prop_assert!(within(c.policy.max_invalid_rows) && within(c.policy.shrink_guard));
                    if let Destination::Google(g) = &c.destination {
                        prop_assert!((1..=WRITES_PER_MINUTE.max as u32).contains(&g.writes_per_minute));
                    }
                }
                Err(e) => {
                    let message = e.to_string();
                    prop_assert!(
                        message.contains(&format!("line {line}")),
                        "{text}\n=> {message}"
                    );
                }
            }
        }
    }
}
