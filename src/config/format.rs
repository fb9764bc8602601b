//! The formats a column rule can demand of its values (`[[entity]] columns = { X = { format
//! = "cuit" } }`): parsed once from the config's text ([`Format::parse`]), then a pure
//! [`Format::matches`] per cell. Tax IDs are checked by their published check-digit
//! algorithms, not by their shape alone.
//!
//! It lives in `config` (not `validate`) because the config refuses a bad format when it
//! loads, and `config` sits below `validate` (docs/architecture.md).

use crate::i18n::{Message, Text};

/// A format a column's non-empty values must have.
#[derive(Debug, Clone)]
pub enum Format {
    /// An Argentine CUIT/CUIL: 11 digits, with or without dashes (`20-12345678-6`), the last
    /// a mod-11 check digit.
    Cuit,
    /// A Spanish NIF: a DNI (8 digits and their control letter), a NIE (X/Y/Z, 7 digits and
    /// the letter) or a CIF (an organisation letter, 7 digits and a control digit or letter).
    Nif,
    /// A Brazilian CPF: 11 digits, with or without `.` and `-`, two mod-11 check digits.
    Cpf,
    /// A Brazilian CNPJ: 14 characters (digits, or since 2026 letters in the first 12), with
    /// or without `.`, `/` and `-`, two mod-11 check digits.
    Cnpj,
    /// An e-mail address: a local part, one `@`, a domain with a dot.
    Email,
    /// A date (and time) in a strftime-like pattern, checked as a real calendar date.
    Date(Vec<DatePart>),
    /// A number written the Spanish way (`1.234,56`: `.` groups thousands, `,` decimals).
    NumberEs,
    /// A number written the English way (`1,234.56`).
    NumberEn,
    /// A regular expression the whole value must match.
    Regex(regex::Regex),
}

/// One piece of a date pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatePart {
    /// Text that must be there as it is (`/`, `-`, a space).
    Literal(char),
    /// The day of the month: exactly two digits, or (`d`) one or two.
    Day(bool),
    /// The month: exactly two digits, or (`m`) one or two.
    Month(bool),
    /// The year: four digits, or two.
    Year(bool),
    /// The hour, 00 to 23.
    Hour,
    /// The minutes, 00 to 59.
    Minute,
    /// The seconds, 00 to 59.
    Second,
}

impl Format {
    /// Parses a format as the config writes it: `cuit`, `nif`, `cpf`, `cnpj`, `email`,
    /// `date:dd/mm/yyyy` (or strftime's `date:%d/%m/%Y`), `number:es`, `number:en`,
    /// `regex:...`. The error says what is wrong, in words (the caller adds the entity, the
    /// column and the line).
    pub fn parse(text: &str) -> Result<Format, Message> {
        let bad = |why: Message| {
            Message::new(Text::ConfigBadFormat)
                .with("value", text)
                .with_message("reason", why)
        };
        let (kind, arg) = match text.split_once(':') {
            Some((kind, arg)) => (kind.trim(), Some(arg)),
            None => (text.trim(), None),
        };
        match (kind.to_ascii_lowercase().as_str(), arg) {
            ("cuit" | "cuil", None) => Ok(Format::Cuit),
            ("nif" | "dni" | "nie" | "cif", None) => Ok(Format::Nif),
            ("cpf", None) => Ok(Format::Cpf),
            ("cnpj", None) => Ok(Format::Cnpj),
            ("email", None) => Ok(Format::Email),
            ("number", Some(lang)) => match lang.trim() {
                "es" => Ok(Format::NumberEs),
                "en" => Ok(Format::NumberEn),
                _ => Err(bad(Message::new(Text::ConfigFormatNumber))),
            },
            ("date", Some(pattern)) => date_pattern(pattern)
                .map(Format::Date)
                .ok_or_else(|| bad(Message::new(Text::ConfigFormatDate))),
            ("regex", Some(pattern)) => regex::Regex::new(&format!("^(?:{pattern})$"))
                .map(Format::Regex)
                .map_err(|e| {
                    let detail = e.to_string();
                    let last = detail.lines().last().unwrap_or_default().trim().to_string();
                    bad(Message::new(Text::ConfigFormatRegex).with("error", last))
                }),
            _ => Err(bad(Message::new(Text::ConfigFormatUnknown))),
        }
    }

    /// `value` as a `unique` column compares it: a tax ID (CUIT, NIF, CPF, CNPJ) without its
    /// separators and in capitals, so `20-12345678-6` and `20123456786` are the same tax ID;
    /// any other format's value as it is.
    pub fn canonical<'v>(&self, value: &'v str) -> std::borrow::Cow<'v, str> {
        match self {
            Format::Cuit | Format::Nif | Format::Cpf | Format::Cnpj
                if value
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) =>
            {
                value.into()
            }
            Format::Cuit | Format::Nif | Format::Cpf | Format::Cnpj => value
                .chars()
                .filter(|c| !matches!(c, '-' | '.' | '/' | ' '))
                .flat_map(char::to_uppercase)
                .collect::<String>()
                .into(),
            _ => value.into(),
        }
    }

    /// True when `value` (already trimmed, not empty) has this format.
    pub fn matches(&self, value: &str) -> bool {
        match self {
            Format::Cuit => cuit(value),
            Format::Nif => nif(value),
            Format::Cpf => cpf(value),
            Format::Cnpj => cnpj(value),
            Format::Email => email(value),
            Format::Date(parts) => date(parts, value),
            Format::NumberEs => number(value, b'.', b','),
            Format::NumberEn => number(value, b',', b'.'),
            Format::Regex(re) => re.is_match(value),
        }
    }
}

/// The `N` digits of `value` once the separators in `allowed` are taken out; `None` when
/// anything else is there, or another number of digits (no allocation: this runs per cell).
fn digits<const N: usize>(value: &str, allowed: &[u8]) -> Option<[u32; N]> {
    let mut out = [0; N];
    let mut n = 0;
    for b in value.bytes() {
        match b {
            b'0'..=b'9' => {
                *out.get_mut(n)? = u32::from(b - b'0');
                n += 1;
            }
            _ if allowed.contains(&b) => {}
            _ => return None,
        }
    }
    (n == N).then_some(out)
}

/// The `N` characters of `value` other than the separators in `skip`, in capitals; `None`
/// when there are more or fewer.
fn compact<const N: usize>(value: &str, skip: &[u8]) -> Option<[u8; N]> {
    let mut out = [0; N];
    let mut n = 0;
    for b in value.bytes().filter(|b| !skip.contains(b)) {
        *out.get_mut(n)? = b.to_ascii_uppercase();
        n += 1;
    }
    (n == N).then_some(out)
}

/// A CUIT/CUIL: 11 digits (dashes allowed), check digit `11 - Σ dᵢ·wᵢ mod 11` with weights
/// 5 4 3 2 7 6 5 4 3 2 (11 → 0; 10 is never issued).
fn cuit(value: &str) -> bool {
    let Some(d) = digits::<11>(value, b"-") else {
        return false;
    };
    if d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: u32 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        .iter()
        .zip(&d)
        .map(|(w, x)| w * x)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == d[10]
}

/// The DNI/NIE control letters, indexed by the number mod 23.
const NIF_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// A Spanish DNI, NIE or CIF (case and separators `-`, ` `, `.` ignored).
fn nif(value: &str) -> bool {
    let Some(v) = compact::<9>(value, b"- .") else {
        return false;
    };
    let number = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let (first, last) = (v[0], v[8]);
    let nie = match first {
        b'X' => Some(0),
        b'Y' => Some(1),
        b'Z' => Some(2),
        _ => None,
    };
    if first.is_ascii_digit() || nie.is_some() {
        let prefix = nie.unwrap_or(0) * 10_000_000;
        let body = if nie.is_some() { &v[1..8] } else { &v[..8] };
        return number(body).is_some_and(|n| NIF_LETTERS[((prefix + n) % 23) as usize] == last);
    }
    // A CIF: the organisation's letter, 7 digits, a control digit or letter.
    if !b"ABCDEFGHJNPQRSUVW".contains(&first) || number(&v[1..8]).is_none() {
        return false;
    }
    let mut sum = 0;
    for (i, &b) in v[1..8].iter().enumerate() {
        let d = u32::from(b - b'0');
        sum += if i % 2 == 0 {
            (d * 2) / 10 + (d * 2) % 10
        } else {
            d
        };
    }
    let control = (10 - sum % 10) % 10;
    let letter = b"JABCDEFGHI"[control as usize];
    let digit = b'0' + control as u8;
    match first {
        // Organisations of these kinds always end in the letter, these in the digit.
        b'P' | b'Q' | b'R' | b'S' | b'N' | b'W' => last == letter,
        b'A' | b'B' | b'E' | b'H' => last == digit,
        _ => last == letter || last == digit,
    }
}

/// A check digit of the Brazilian mod-11 scheme: `Σ vᵢ·wᵢ mod 11`, below 2 → 0, else 11 − it.
fn mod11(values: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(weights).map(|(v, w)| v * w).sum();
    match sum % 11 {
        r if r < 2 => 0,
        r => 11 - r,
    }
}

/// A CPF: 11 digits (`.` and `-` allowed), not all equal, two check digits.
fn cpf(value: &str) -> bool {
    let Some(d) = digits::<11>(value, b".-") else {
        return false;
    };
    if d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let first = mod11(&d[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
    let second = mod11(&d[..10], &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    d[9] == first && d[10] == second
}

/// A CNPJ: 14 characters (`.`, `/` and `-` allowed); the first 12 digits or capital letters
/// (each worth its ASCII code − 48, as the 2026 alphanumeric CNPJ counts them), the last two
/// check digits; not all equal.
fn cnpj(value: &str) -> bool {
    let Some(v) = compact::<14>(value, b"./-") else {
        return false;
    };
    if !v[..12].iter().all(u8::is_ascii_alphanumeric)
        || !v[12..].iter().all(u8::is_ascii_digit)
        || v.iter().all(|&b| b == v[0])
    {
        return false;
    }
    let values = v.map(|b| u32::from(b) - 48);
    let weights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let first = mod11(&values[..12], &weights[1..]);
    let second = mod11(&values[..13], &weights);
    values[12] == first && values[13] == second
}

/// An e-mail address as people type them: one `@`, a local part without spaces, a domain of
/// dot-separated labels (letters, digits, `-`, not at a label's ends), the last of at least
/// two letters.
fn email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()));
    local_ok && labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok
}

/// The parts of a date pattern: `dd`, `d`, `mm`, `m`, `yyyy`, `yy`, `HH`, `MM` (minutes),
/// `SS`/`ss`, or strftime's `%d %m %Y %y %H %M %S`; any other character is literal. `None`
/// when it has no day, month or year, or repeats one.
fn date_pattern(pattern: &str) -> Option<Vec<DatePart>> {
    const TOKENS: [(&str, DatePart); 17] = [
        ("yyyy", DatePart::Year(true)),
        ("YYYY", DatePart::Year(true)),
        ("aaaa", DatePart::Year(true)),
        ("yy", DatePart::Year(false)),
        ("dd", DatePart::Day(true)),
        ("DD", DatePart::Day(true)),
        ("mm", DatePart::Month(true)),
        ("HH", DatePart::Hour),
        ("hh", DatePart::Hour),
        ("MM", DatePart::Minute),
        ("SS", DatePart::Second),
        ("ss", DatePart::Second),
        ("d", DatePart::Day(false)),
        ("m", DatePart::Month(false)),
        ("%d", DatePart::Day(true)),
        ("%m", DatePart::Month(true)),
        ("%Y", DatePart::Year(true)),
    ];
    let mut parts = Vec::new();
    let mut rest = pattern.trim();
    while let Some(c) = rest.chars().next() {
        let strftime = match rest.get(..2) {
            Some("%y") => Some(DatePart::Year(false)),
            Some("%H") => Some(DatePart::Hour),
            Some("%M") => Some(DatePart::Minute),
            Some("%S") => Some(DatePart::Second),
            _ => None,
        };
        if let Some(part) = strftime {
            parts.push(part);
            rest = &rest[2..];
        } else if let Some((token, part)) = TOKENS.iter().find(|(t, _)| rest.starts_with(t)) {
            parts.push(part.clone());
            rest = &rest[token.len()..];
        } else if c.is_ascii_alphanumeric() || c == '%' {
            return None;
        } else {
            parts.push(DatePart::Literal(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    let count = |f: fn(&DatePart) -> bool| parts.iter().filter(|p| f(p)).count();
    let once = [
        count(|p| matches!(p, DatePart::Day(_))),
        count(|p| matches!(p, DatePart::Month(_))),
        count(|p| matches!(p, DatePart::Year(_))),
    ];
    let at_most_once = [
        count(|p| *p == DatePart::Hour),
        count(|p| *p == DatePart::Minute),
        count(|p| *p == DatePart::Second),
    ];
    (once == [1, 1, 1] && at_most_once.iter().all(|&n| n <= 1)).then_some(parts)
}

/// True when `value` is a real date (and time) written as `parts` say.
fn date(parts: &[DatePart], value: &str) -> bool {
    let mut rest = value.as_bytes();
    // Takes `min..=max` digits from the front of `rest`.
    fn take(rest: &mut &[u8], min: usize, max: usize) -> Option<u32> {
        let n = rest
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if n < min {
            return None;
        }
        let number = rest[..n]
            .iter()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
        *rest = &rest[n..];
        Some(number)
    }
    let (mut day, mut month, mut year) = (0, 0, 0);
    for part in parts {
        let ok = match part {
            DatePart::Literal(c) => {
                let mut buf = [0u8; 4];
                let lit = c.encode_utf8(&mut buf).as_bytes();
                let found = rest.starts_with(lit);
                if found {
                    rest = &rest[lit.len()..];
                }
                found
            }
            DatePart::Day(two) => take(&mut rest, if *two { 2 } else { 1 }, 2)
                .map(|d| day = d)
                .is_some(),
            DatePart::Month(two) => take(&mut rest, if *two { 2 } else { 1 }, 2)
                .map(|m| month = m)
                .is_some(),
            DatePart::Year(four) => {
                let n = if *four { 4 } else { 2 };
                take(&mut rest, n, n).map(|y| year = y).is_some()
            }
            DatePart::Hour => take(&mut rest, 2, 2).is_some_and(|h| h < 24),
            DatePart::Minute | DatePart::Second => take(&mut rest, 2, 2).is_some_and(|m| m < 60),
        };
        if !ok {
            return false;
        }
    }
    // A two-digit year: any century will do for the leap day.
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    rest.is_empty() && (1..=days).contains(&day)
}

/// A number with `group` between thousands and `decimal` before decimals: an optional sign,
/// digits either plain or grouped by threes, optional decimals (`1234,5`, `1.234,56`,
/// `-0,5`; not `1.23,4` or `12.34`).
fn number(value: &str, group: u8, decimal: u8) -> bool {
    let v = value.as_bytes();
    let v = match v.first() {
        Some(b'-' | b'+') => &v[1..],
        _ => v,
    };
    let (int, frac) = match v.iter().position(|&b| b == decimal) {
        Some(at) => (&v[..at], Some(&v[at + 1..])),
        None => (v, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.iter().all(u8::is_ascii_digit)) {
        return false;
    }
    if int.is_empty() {
        // ",5" is a number; "," alone is not.
        return frac.is_some();
    }
    if int.iter().all(u8::is_ascii_digit) {
        return true;
    }
    let groups: Vec<&[u8]> = int.split(|&b| b == group).collect();
    let (first, others) = groups
        .split_first()
        .expect("split gives one piece at least");
    (1..=3).contains(&first.len())
        && first.iter().all(u8::is_ascii_digit)
        && others
            .iter()
            .all(|g| g.len() == 3 && g.iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(text: &str) -> Format {
        Format::parse(text).unwrap_or_else(|m| panic!("{text}: {m:?}"))
    }

    /// Asserts each of `good` matches `format` and each of `bad` does not.
    fn check(text: &str, good: &[&str], bad: &[&str]) {
        let f = format(text);
        for v in good {
            assert!(f.matches(v), "{text} should accept {v:?}");
        }
        for v in bad {
            assert!(!f.matches(v), "{text} should refuse {v:?}");
        }
    }

    #[test]
    fn a_cuit_is_checked_by_its_mod_11_digit_with_or_without_dashes() {
        // 20-12345678: 2·5+0·4+1·3+2·2+3·7+4·6+5·5+6·4+7·3+8·2 = 148; 148 mod 11 = 5;
        // 11 − 5 = 6. AFIP's own CUIT is 33-69345023-9.
        check(
            "cuit",
            &[
                "20-12345678-6",
                "20123456786",
                "33-69345023-9",
                "33693450239",
            ],
            &[
                "20-12345678-5",
                "20-12345678-7",
                "2012345678",
                "201234567860",
                "20.12345678.6",
                "00000000000",
                "CUIT20123456786",
            ],
        );
        assert!(matches!(format("CUIL"), Format::Cuit));
        assert_eq!(format("cuit").canonical("20-12345678-6"), "20123456786");
        assert_eq!(format("nif").canonical("x-1234567 l"), "X1234567L");
        assert_eq!(format("email").canonical("A@b.io"), "A@b.io");
    }

    #[test]
    fn a_nif_is_a_dni_nie_or_cif_with_its_control_character() {
        // 12345678 mod 23 = 14 → Z; X1234567: 1234567 mod 23 = 19 → L;
        // Y1234567: 11234567 mod 23 = 10 → X.
        // CIF B1234567: odd places 1,3,5,7 doubled → 2+6+(1+0)+(1+4) = 14, even 2+4+6 = 12,
        // 26 → control 4; A58818501 is a published one (control 1).
        check(
            "nif",
            &[
                "12345678Z",
                "12345678-z",
                "X1234567L",
                "Y1234567X",
                "B12345674",
                "A58818501",
                "Q1234567D",
            ],
            &[
                "12345678A",
                "1234567Z",
                "X1234567M",
                "B12345675",
                "Q12345674",
                "I12345674",
                "123456789",
            ],
        );
    }

    #[test]
    fn cpf_and_cnpj_have_two_check_digits() {
        // 529.982.247-25 and 11.222.333/0001-81 are the examples Brazil's tools use;
        // 12.ABC.345/01DE-35 is the Receita Federal's alphanumeric example.
        check(
            "cpf",
            &["529.982.247-25", "52998224725"],
            &[
                "529.982.247-24",
                "111.111.111-11",
                "5299822472",
                "529982247-2X",
            ],
        );
        check(
            "cnpj",
            &["11.222.333/0001-81", "11222333000181", "12.ABC.345/01DE-35"],
            &[
                "11.222.333/0001-82",
                "00000000000000",
                "1122233300018",
                "12.ABC.345/01DE-36",
            ],
        );
    }

    #[test]
    fn an_email_needs_a_local_part_an_at_and_a_dotted_domain() {
        check(
            "email",
            &[
                "ana@example.com",
                "j.perez+ventas@mail.empresa.com.ar",
                "A_B@x.io",
            ],
            &[
                "ana.example.com",
                "ana@example",
                "ana@@example.com",
                "@example.com",
                "ana perez@example.com",
                "ana@example..com",
                "ana@-x.com",
                "ana.@example.com",
                "ana@example.c",
            ],
        );
    }

    #[test]
    fn a_date_follows_its_pattern_and_the_calendar() {
        check(
            "date:dd/mm/yyyy",
            &["07/12/2026", "29/02/2024", "31/01/2026"],
            &[
                "7/12/2026",
                "2026-12-07",
                "31/04/2026",
                "29/02/2026",
                "00/01/2026",
                "07/13/2026",
                "07/12/26",
                "07/12/2026 10:00",
            ],
        );
        check(
            "date:%Y-%m-%d %H:%M:%S",
            &["2026-12-07 23:59:00"],
            &["2026-12-07 24:00:00", "2026-12-07"],
        );
        check("date:d/m/yy", &["7/1/26", "07/01/26"], &["7/1/2026"]);
    }

    #[test]
    fn numbers_follow_the_language_s_separators() {
        check(
            "number:es",
            &["1.234,56", "1234,56", "-0,5", "1.234.567", "42", "+3", ",5"],
            &["1,234.56", "12.34", "1.23,4", "1.234,", "abc", "-", "1 234"],
        );
        check(
            "number:en",
            &["1,234.56", "1234.56", "-0.5", "1,234,567"],
            &["1.234,56", "12,34", "1,234."],
        );
    }

    #[test]
    fn a_regex_must_match_the_whole_value() {
        check(
            r"regex:[A-Z]{2}\d{4}",
            &["AB1234"],
            &["AB12345", "xAB1234", "ab1234"],
        );
        check("regex:a|b", &["a", "b"], &["ab"]);
    }

    #[test]
    fn a_bad_format_is_refused_saying_what_is_wrong() {
        for bad in [
            "cuitt",
            "number:fr",
            "date:",
            "date:dd/mm",
            "date:dd/mm/yyyy/yyyy",
            "date:qq",
            "regex:(",
            "email:x",
            "",
        ] {
            let err = Format::parse(bad).expect_err(bad);
            let text = err.render(crate::i18n::Lang::En);
            assert!(text.contains(&format!("`{bad}`")), "{bad}: {text}");
        }
        let text = Format::parse("regex:(")
            .unwrap_err()
            .render(crate::i18n::Lang::En);
        assert!(text.contains("unclosed"), "{text}");
    }
}
