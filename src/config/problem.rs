//! What a parser said about a config file, for people: serde's and toml's usual complaints
//! (an unknown key, a missing one, a value of the wrong type or not among the choices)
//! recognized and put in words of the i18n table; anything else is kept as the parser said
//! it. Also the source snippet under the message (`2 | folder = 3` and a caret), drawn from
//! the file's text the way toml draws it.

use crate::i18n::{Message, Text};

/// The parser's message (without its position) as a [`Message`].
pub(super) fn describe(parser_message: &str) -> Message {
    let text = parser_message.trim();
    recognize(text).unwrap_or_else(|| Message::verbatim(text))
}

/// A syntax error: the file is not TOML (or JSON) at all; `key` frames the parser's words,
/// put on one line.
pub(super) fn not_valid(key: Text, parser_message: &str) -> Message {
    let detail: Vec<&str> = parser_message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Message::new(key).with("detail", detail.join(", "))
}

fn recognize(text: &str) -> Option<Message> {
    if let Some(rest) = text.strip_prefix("unknown field ") {
        let (key, rest) = quoted(rest)?;
        let message = match expected_list(rest) {
            Some(list) => Message::new(Text::ConfigUnknownKey)
                .with("key", key)
                .with("expected", list),
            None => Message::new(Text::ConfigUnknownKeyNone).with("key", key),
        };
        return Some(message);
    }
    if let Some(rest) = text.strip_prefix("unknown variant ") {
        let (value, rest) = quoted(rest)?;
        let list = expected_list(rest)?;
        return Some(
            Message::new(Text::ConfigUnknownValue)
                .with("value", value)
                .with("expected", list),
        );
    }
    if let Some(rest) = text.strip_prefix("missing field ") {
        let (key, rest) = quoted(rest)?;
        return rest
            .is_empty()
            .then(|| Message::new(Text::ConfigMissingKey).with("key", key));
    }
    for prefix in ["duplicate field ", "duplicate key "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let (key, _) = quoted(rest)?;
            return Some(Message::new(Text::ConfigDuplicateKey).with("key", key));
        }
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let (found, expected) = rest.rsplit_once(", expected ")?;
            return Some(
                Message::new(Text::ConfigWrongType)
                    .with_message("found", found_value(found))
                    .with_message("expected", expected_value(expected)),
            );
        }
    }
    None
}

/// `` `name` `` at the start of `text`, and what follows it.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('`')?;
    let end = rest.find('`')?;
    Some((&rest[..end], &rest[end + 1..]))
}

/// The choices of ", expected one of `a`, `b`" or ", expected `a`"; `None` when there are
/// none (", there are no fields").
fn expected_list(rest: &str) -> Option<&str> {
    let rest = rest.strip_prefix(", expected ")?;
    Some(rest.strip_prefix("one of ").unwrap_or(rest).trim())
}

/// serde's `Unexpected` ("integer `3`", "string \"x\"") in words.
fn found_value(found: &str) -> Message {
    let kinds = [
        ("integer ", Text::ConfigFoundNumber),
        ("floating point ", Text::ConfigFoundNumber),
        ("boolean ", Text::ConfigFoundBool),
        ("string ", Text::ConfigFoundText),
    ];
    for (prefix, key) in kinds {
        if let Some(value) = found.strip_prefix(prefix) {
            return Message::new(key).with("value", value.trim_matches('`'));
        }
    }
    match found {
        "sequence" => Message::new(Text::ConfigFoundList),
        "map" => Message::new(Text::ConfigFoundTable),
        other => Message::verbatim(other),
    }
}

/// What a Deserialize impl says it expects ("path string", "u64", "a boolean") in words.
fn expected_value(expected: &str) -> Message {
    let key = match expected.trim() {
        "path string" | "a string" | "string" | "a borrowed string" | "a character" => {
            Text::ConfigExpectText
        }
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" | "an integer" => {
            Text::ConfigExpectInteger
        }
        "a boolean" => Text::ConfigExpectBool,
        "a sequence" => Text::ConfigExpectList,
        e if e.starts_with("struct ") || e == "a map" => Text::ConfigExpectTable,
        other => return Message::verbatim(other),
    };
    Message::new(key)
}

/// Where an error is in a file, and the file's lines around it as the parser shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The offending line with a gutter and a caret under the column:
    /// `"  |\n2 | folder = 3\n  |          ^"`.
    pub snippet: String,
}

impl Position {
    /// The position of byte offset `at` (and `len` bytes after it) in `text`.
    pub(super) fn at_offset(text: &str, at: usize, len: usize) -> Position {
        let at = floor_char_boundary(text, at.min(text.len()));
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..at].matches('\n').count() + 1;
        let column = text[start..at].chars().count() + 1;
        let line_text = text[start..].lines().next().unwrap_or("");
        let width = text[at..]
            .chars()
            .take(len.max(1))
            .take_while(|&c| c != '\n')
            .count()
            .max(1);
        Position {
            line,
            column,
            snippet: snippet(line, line_text, column, width),
        }
    }

    /// The position of 1-based `line` and `column` (as serde_json counts them) in `text`.
    pub(super) fn at_line(text: &str, line: usize, column: usize) -> Position {
        let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let column = column.max(1);
        Position {
            line,
            column,
            snippet: snippet(line, line_text, column, 1),
        }
    }
}

/// The largest char boundary at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// toml's snippet: an empty gutter line, the numbered line, a caret line.
fn snippet(line: usize, text: &str, column: usize, width: usize) -> String {
    let gutter = " ".repeat(line.to_string().len());
    let pad: String = text
        .chars()
        .take(column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{gutter} |\n{line} | {}\n{gutter} | {pad}{}",
        text.trim_end_matches('\r'),
        "^".repeat(width)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn serde_complaints_are_put_in_words() {
        let m = describe("unknown field `on_eror`, expected one of `on_error`, `max_invalid_rows`");
        assert_eq!(m.key(), Some(Text::ConfigUnknownKey));
        assert!(m.render(Lang::Es).contains("`on_eror`"), "{m}");
        assert!(m
            .render(Lang::Es)
            .contains("`on_error`, `max_invalid_rows`"));
        let m = describe("unknown field `x`, there are no fields");
        assert_eq!(m.key(), Some(Text::ConfigUnknownKeyNone));
        let m = describe("unknown variant `fr`, expected one of `auto`, `es`");
        assert_eq!(m.key(), Some(Text::ConfigUnknownValue));
        assert_eq!(
            describe("missing field `name`").key(),
            Some(Text::ConfigMissingKey)
        );
        let m = describe("invalid type: integer `3`, expected path string");
        assert_eq!(
            m.render(Lang::Es),
            "aquí va un texto entre comillas, no el número 3"
        );
        assert_eq!(
            m.render(Lang::En),
            "expected a text in quotes, found the number 3"
        );
        let m = describe("invalid type: string \"x\", expected u64");
        assert_eq!(
            m.render(Lang::PtBr),
            "aqui vai um número inteiro, não o texto \"x\""
        );
        // A complaint sheetdrop does not know keeps the parser's words.
        let m = describe("invalid key\n");
        assert_eq!((m.key(), m.to_string()), (None, "invalid key".to_string()));
        let m = not_valid(Text::ConfigNotToml, "invalid array\nexpected `]`\n");
        assert_eq!(
            m.render(Lang::Es),
            "el texto no es TOML válido: invalid array, expected `]`"
        );
    }

    #[test]
    fn the_snippet_points_at_the_column() {
        let text = "[source]\nfolder = 3\n";
        let at = text.find('3').unwrap();
        let p = Position::at_offset(text, at, 1);
        assert_eq!((p.line, p.column), (2, 10));
        assert_eq!(p.snippet, "  |\n2 | folder = 3\n  |          ^");
        let p = Position::at_line("{\n  \"a\": x\n}", 2, 8);
        assert_eq!(p.snippet, "  |\n2 |   \"a\": x\n  |        ^");
        let p = Position::at_offset("ñandú = ", 8, 0);
        assert_eq!((p.line, p.column), (1, 7));
    }
}
