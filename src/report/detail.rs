//! An issue's detail — the specifics of one finding, beside its column and value — said in
//! the report's language from the issue's code and facts (`validate::Facts`). The HTML
//! report's "Detalle" column and the text report both say it through [`detail`].
//!
//! validate's `message` is the same sentence in English, kept in the JSON for people reading
//! it raw and for reports stored by a sheetdrop older than the facts: when a fact the detail
//! needs is absent, [`detail`] says so with `None`, and the caller shows that message.

use super::StoredIssue;
use crate::i18n::{Lang, Message, Text};
use crate::validate::{Code, LooksLike, RefAgainst, UnverifiedReason, WorkbookProblem};

/// The detail of `issue` in `lang`; `header` is its file's column names (a missing column's
/// detail lists them). The text is untrusted (names and values from the file): escape it for
/// where it goes. `None` when the code is unknown or a fact the detail needs is absent.
pub fn detail(issue: &StoredIssue, header: &[String], lang: Lang) -> Option<String> {
    let f = &issue.facts;
    let text = match Code::from_name(&issue.code)? {
        Code::EmptyFile => lang.text(Text::DetailEmptyFile).to_string(),
        Code::MissingColumn if header.is_empty() => return None,
        Code::MissingColumn => {
            let header = header.join(", ");
            match &f.closest_column {
                Some(closest) => lang.format(
                    Text::DetailMissingColumnClosest,
                    &[("header", &header), ("closest", closest)],
                ),
                None => lang.format(Text::DetailMissingColumn, &[("header", &header)]),
            }
        }
        Code::DuplicateHeader => match f.column_numbers.as_deref()? {
            [first, second] => lang.format(
                Text::DetailDuplicateHeader,
                &[("first", first), ("second", second)],
            ),
            _ => return None,
        },
        Code::EmptyHeader => match f.column_numbers.as_deref()? {
            [n] => lang.format(Text::DetailEmptyHeader, &[("n", n)]),
            _ => return None,
        },
        Code::RaggedRow => {
            let fields = lang.plural(f.fields?, Text::FieldsOne, Text::FieldsMany);
            let expected = lang.plural(f.expected_fields?, Text::FieldsOne, Text::FieldsMany);
            lang.format(
                Text::DetailRaggedRow,
                &[("fields", &fields), ("expected", &expected)],
            )
        }
        // A cell of a record; without a row, the name of a column of the header.
        Code::Undecodable if issue.row.is_some() => lang.text(Text::DetailUndecodable).to_string(),
        Code::Undecodable => match f.column_numbers.as_deref()? {
            [n] => lang.format(Text::DetailUndecodableHeader, &[("n", n)]),
            _ => return None,
        },
        Code::EmptyId => lang.text(Text::DetailEmptyId).to_string(),
        Code::DuplicateId => lang.format(Text::FirstUsedOnRow, &[("row", &issue.first_row?)]),
        Code::MissingRef => lang.format(
            Text::DetailMissingRef,
            &[("entity", f.ref_entity.as_ref()?)],
        ),
        Code::DanglingRef => lang.format(
            match f.ref_against {
                Some(RefAgainst::LastAccepted) => Text::DetailDanglingRefLastAccepted,
                Some(RefAgainst::NotAccepted) => Text::DetailDanglingRefNotAccepted,
                _ => Text::DetailDanglingRef,
            },
            &[
                ("entity", f.ref_entity.as_ref()?),
                ("file", f.ref_file.as_ref()?),
            ],
        ),
        Code::OrphanedRef => lang.format(
            Text::DetailOrphanedRef,
            &[
                ("row", &f.ref_row?),
                ("entity", f.ref_entity.as_ref()?),
                ("file", f.ref_file.as_ref()?),
            ],
        ),
        Code::UnverifiedRefs => {
            let entity = f.ref_entity.as_ref()?;
            match f.unverified_reason? {
                UnverifiedReason::Missing => {
                    lang.format(Text::DetailUnverifiedMissing, &[("entity", entity)])
                }
                UnverifiedReason::Rejected => lang.format(
                    match f.ref_against {
                        Some(RefAgainst::NotAccepted) => Text::DetailUnverifiedRejectedChecked,
                        _ => Text::DetailUnverifiedRejected,
                    },
                    &[("entity", entity), ("file", f.ref_file.as_ref()?)],
                ),
                UnverifiedReason::Cycle => {
                    lang.format(Text::DetailUnverifiedCycle, &[("entity", entity)])
                }
                UnverifiedReason::Other => return None,
            }
        }
        Code::Shrink => match f.rows_accepted? {
            rows if f.ids_removed.is_some() => lang.format(
                Text::DetailShrinkRemoved,
                &[
                    ("removed", &lang.number(f.ids_removed?)),
                    ("before", &lang.number(f.previous_ids?)),
                    ("rows", &lang.plural(rows, Text::RowsOne, Text::RowsMany)),
                    // A count guard is a count of IDs here, not of rows.
                    ("guard", &f.shrink_guard.as_deref()?),
                ],
            ),
            0 => lang.text(Text::DetailShrinkEmpty).to_string(),
            rows => lang.format(
                Text::DetailShrink,
                &[
                    ("rows", &lang.plural(rows, Text::RowsOne, Text::RowsMany)),
                    ("before", &lang.number(f.previous_rows_accepted?)),
                    ("guard", &shrink_guard(f.shrink_guard.as_deref()?, lang)),
                ],
            ),
        },
        Code::Unreadable if f.sheets.is_some() => lang.format(
            Text::DetailMissingSheet,
            &[
                ("sheet", f.sheet.as_ref()?),
                ("sheets", &f.sheets.as_ref()?.join(", ")),
            ],
        ),
        Code::Unreadable if f.workbook_problem.is_some() => match f.workbook_problem? {
            WorkbookProblem::Cut => lang.text(Text::DetailWorkbookCut).to_string(),
            WorkbookProblem::TooBig => lang.format(
                Text::DetailWorkbookTooBig,
                &[("limit", &byte_size(f.max_workbook_bytes?))],
            ),
            WorkbookProblem::Damaged => lang.format(
                Text::DetailWorkbookDamaged,
                &[("error", f.os_error.as_ref()?)],
            ),
            _ => return None,
        },
        Code::Unreadable => {
            let os_error = f.os_error.as_ref()?;
            // Our words for the kinds people meet; the OS's own (verbatim) for the others.
            let reason = match f.os_error_kind {
                Some(kind) => {
                    Message::io(&std::io::Error::new(kind.io_kind(), os_error.clone())).render(lang)
                }
                None => os_error.clone(),
            };
            lang.format(Text::DetailUnreadable, &[("error", &reason)])
        }
        Code::NotAFile => {
            let kind = f.file_kind?.message().render(lang);
            lang.format(Text::DetailNotAFile, &[("kind", &kind)])
        }
        Code::AmbiguousFile => lang.format(
            Text::DetailAmbiguousFile,
            &[("other", f.other_entity.as_ref()?)],
        ),
        Code::OversizeRecord => {
            let limit = byte_size(f.max_record_bytes?);
            let key = match issue.row {
                Some(_) => Text::DetailOversizeRecord,
                None => Text::DetailOversizeHeader,
            };
            lang.format(key, &[("limit", &limit)])
        }
        Code::Quarantined => lang.text(Text::DetailQuarantined).to_string(),
        Code::NotATable => {
            let kind = lang.text(match f.looks_like? {
                LooksLike::Pdf => Text::LooksPdf,
                LooksLike::Zip => Text::LooksZip,
                LooksLike::Office => Text::LooksOffice,
                LooksLike::Image => Text::LooksImage,
                LooksLike::Executable => Text::LooksExecutable,
                LooksLike::Gzip => Text::LooksGzip,
                LooksLike::Binary | LooksLike::Other => Text::LooksBinary,
            });
            lang.format(Text::DetailNotATable, &[("kind", &kind)])
        }
        Code::InvalidCharacter => {
            let key = match issue.severity.as_str() {
                "error" => Text::DetailInvalidCharacterKey,
                _ => Text::DetailInvalidCharacter,
            };
            lang.format(key, &[("character", f.character.as_ref()?)])
        }
        Code::TooManyInvalidRows => {
            let (invalid, total) = (f.invalid_rows?, f.total_rows?);
            let percent = match lang {
                Lang::En => crate::validate::percent(invalid, total),
                Lang::Es | Lang::PtBr => crate::validate::percent(invalid, total).replace('.', ","),
            };
            let total = lang.plural(total, Text::RowsOne, Text::RowsMany);
            let invalid = lang.number(invalid);
            match f.max_invalid_rows.as_deref() {
                Some(limit) => lang.format(
                    Text::DetailTooManyInvalidRows,
                    &[
                        ("invalid", &invalid),
                        ("total", &total),
                        ("percent", &percent),
                        ("limit", &shrink_guard(limit, lang)),
                    ],
                ),
                None => lang.format(
                    Text::DetailTooManyInvalidRowsReject,
                    &[
                        ("invalid", &invalid),
                        ("total", &total),
                        ("percent", &percent),
                    ],
                ),
            }
        }
        Code::CellError => lang.format(Text::DetailCellError, &[("value", issue.value.as_ref()?)]),
        Code::Truncated => match (f.open_quote?, issue.row) {
            (true, Some(_)) => lang.text(Text::DetailTruncatedQuote).to_string(),
            (true, None) => lang.text(Text::DetailTruncatedHeader).to_string(),
            (false, _) => {
                let fields = lang.plural(f.fields?, Text::FieldsOne, Text::FieldsMany);
                lang.format(
                    Text::DetailTruncatedShort,
                    &[
                        ("fields", &fields),
                        ("expected", &lang.number(f.expected_fields?)),
                    ],
                )
            }
        },
        Code::ColumnsChanged => {
            let list = |names: &Option<Vec<String>>, key: Text| {
                names
                    .as_ref()
                    .filter(|n| !n.is_empty())
                    .map(|n| lang.format(key, &[("names", &n.join(", "))]))
            };
            let renamed = f.columns_renamed.as_ref().map(|r| {
                r.iter()
                    .map(|c| format!("{} → {}", c.from, c.to))
                    .collect::<Vec<_>>()
            });
            let parts: Vec<String> = [
                list(&f.columns_removed, Text::ColumnsRemoved),
                list(&renamed, Text::ColumnsRenamed),
                list(&f.columns_added, Text::ColumnsAdded),
                list(&f.columns_moved, Text::ColumnsMoved),
            ]
            .into_iter()
            .flatten()
            .collect();
            if parts.is_empty() {
                return None;
            }
            let key = match f.on_column_change {
                Some(_) => Text::DetailColumnsChangedHeld,
                None => Text::DetailColumnsChanged,
            };
            lang.format(key, &[("changes", &parts.join("; "))])
        }
        Code::StrayQuote => {
            let lines = lang.plural(f.lines_swallowed?, Text::LinesOne, Text::LinesMany);
            let key = if f.open_quote == Some(true) {
                Text::DetailStrayQuoteOpen
            } else {
                Text::DetailStrayQuote
            };
            lang.format(key, &[("lines", &lines)])
        }
        Code::RequiredEmpty => lang.text(Text::DetailRequiredEmpty).to_string(),
        Code::DuplicateValue => {
            lang.format(Text::DetailDuplicateValue, &[("row", &issue.first_row?)])
        }
        Code::InvalidFormat => {
            lang.format(Text::DetailInvalidFormat, &[("format", f.format.as_ref()?)])
        }
    };
    Some(match f.approved {
        Some(true) => lang.format(Text::DetailApproved, &[("detail", &text)]),
        _ => text,
    })
}

/// An issue's value for people: as stored, and when it was cut, its full length after it
/// ("AAAA… (1.234.567 caracteres)"). `None` when the issue has no value.
pub fn shown_value(issue: &StoredIssue, lang: Lang) -> Option<String> {
    let value = issue.value.as_ref()?;
    Some(match issue.facts.value_chars {
        Some(n) => lang.format(Text::ValueCut, &[("value", value), ("n", &lang.number(n))]),
        None => value.clone(),
    })
}

/// A size in bytes as the config writes it: "16 MiB", "512 KiB", else "1500 bytes".
fn byte_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// The shrink guard (or `max_invalid_rows`) as the config writes it, for people: a percentage as it is, a count of
/// rows in words ("100 filas").
fn shrink_guard(guard: &str, lang: Lang) -> String {
    match guard.parse::<u64>() {
        Ok(rows) => lang.plural(rows, Text::RowsOne, Text::RowsMany),
        Err(_) => guard.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Facts, OsErrorKind};

    /// An issue of `code` at row 7 with `facts`, as a report stores it.
    fn issue(code: &str, facts: Facts) -> StoredIssue {
        StoredIssue {
            code: code.into(),
            severity: "error".into(),
            row: Some(7),
            line: Some(8),
            column: Some("COD_CLIENTE".into()),
            value: Some("C9".into()),
            facts,
            message: format!("{code}: validate's English"),
            ..StoredIssue::default()
        }
    }

    /// Asserts the detail of `issue` in es, en and pt-BR, and that without its facts (a
    /// report stored by an older sheetdrop) there is none, so the message is shown.
    fn says(issue: StoredIssue, [es, en, pt]: [&str; 3]) {
        let header = ["COD_CLIENTE".to_string(), "NOMBRE".to_string()];
        for (lang, expected) in [(Lang::Es, es), (Lang::En, en), (Lang::PtBr, pt)] {
            assert_eq!(
                detail(&issue, &header, lang).as_deref(),
                Some(expected),
                "{} in {lang:?}",
                issue.code
            );
        }
        let old = StoredIssue {
            facts: Facts::default(),
            first_row: None,
            ..issue.clone()
        };
        assert_eq!(detail(&old, &header, Lang::Es), None, "{}", issue.code);
    }

    #[test]
    fn column_rules_say_the_first_row_and_the_format() {
        let duplicate = StoredIssue {
            first_row: Some(3),
            ..issue("duplicate-value", Facts::default())
        };
        says(
            duplicate,
            [
                "el mismo valor ya está en la fila 3, y la columna es única (unique)",
                "the same value is already on row 3, and the column is unique",
                "o mesmo valor já está no registro 3, e a coluna é única (unique)",
            ],
        );
        let format = Facts {
            format: Some("date:dd/mm/yyyy".into()),
            ..Facts::default()
        };
        says(
            issue("invalid-format", format),
            [
                "no tiene el formato date:dd/mm/yyyy",
                "not in the format date:dd/mm/yyyy",
                "não tem o formato date:dd/mm/yyyy",
            ],
        );
        let empty = issue("required-empty", Facts::default());
        assert_eq!(
            detail(&empty, &[], Lang::En).as_deref(),
            Some("empty, but the configuration says every row must fill it (required)")
        );
    }

    #[test]
    fn empty_file() {
        let i = issue("empty-file", Facts::default());
        let header = ["X".to_string()];
        assert_eq!(
            detail(&i, &[], Lang::Es).as_deref(),
            Some("el archivo no tiene fila de encabezado: está vacío o en blanco")
        );
        assert_eq!(
            detail(&i, &header, Lang::En).as_deref(),
            Some("the file has no header row: it is empty or blank")
        );
        assert_eq!(
            detail(&i, &[], Lang::PtBr).as_deref(),
            Some("o arquivo não tem linha de cabeçalho: está vazio ou em branco")
        );
    }

    #[test]
    fn missing_column() {
        let header = ["RAZON".to_string(), "CODCLIENTE".to_string()];
        let closest = issue(
            "missing-column",
            Facts {
                closest_column: Some("CODCLIENTE".into()),
                ..Facts::default()
            },
        );
        let expected = [
            (Lang::Es, "no está en el encabezado, que tiene: RAZON, CODCLIENTE; la más parecida es CODCLIENTE"),
            (Lang::En, "not in the header, which has: RAZON, CODCLIENTE; closest match: CODCLIENTE"),
            (Lang::PtBr, "não está no cabeçalho, que tem: RAZON, CODCLIENTE; a mais parecida é CODCLIENTE"),
        ];
        for (lang, text) in expected {
            assert_eq!(detail(&closest, &header, lang).as_deref(), Some(text));
        }
        // No name close enough: the header alone.
        let none = issue("missing-column", Facts::default());
        let expected = [
            (
                Lang::Es,
                "no está en el encabezado, que tiene: RAZON, CODCLIENTE",
            ),
            (Lang::En, "not in the header, which has: RAZON, CODCLIENTE"),
            (
                Lang::PtBr,
                "não está no cabeçalho, que tem: RAZON, CODCLIENTE",
            ),
        ];
        for (lang, text) in expected {
            assert_eq!(detail(&none, &header, lang).as_deref(), Some(text));
        }
        assert_eq!(detail(&none, &[], Lang::Es), None, "no header to list");
    }

    #[test]
    fn duplicate_header() {
        let facts = Facts {
            column_numbers: Some(vec![2, 5]),
            ..Facts::default()
        };
        says(
            issue("duplicate-header", facts),
            [
                "las columnas 2 y 5 tienen el mismo nombre",
                "columns 2 and 5 have the same name",
                "as colunas 2 e 5 têm o mesmo nome",
            ],
        );
    }

    #[test]
    fn empty_header() {
        let facts = Facts {
            column_numbers: Some(vec![4]),
            ..Facts::default()
        };
        says(
            issue("empty-header", facts),
            [
                "la columna 4 del encabezado no tiene nombre",
                "column 4 of the header has no name",
                "a coluna 4 do cabeçalho não tem nome",
            ],
        );
    }

    #[test]
    fn ragged_row() {
        let facts = Facts {
            fields: Some(1),
            expected_fields: Some(5),
            ..Facts::default()
        };
        says(
            issue("ragged-row", facts),
            [
                "la fila tiene 1 columna, pero el encabezado tiene 5 columnas",
                "the row has 1 field but the header has 5 fields",
                "o registro tem 1 coluna, mas o cabeçalho tem 5 colunas",
            ],
        );
    }

    #[test]
    fn undecodable_cell_and_header_name() {
        let cell = issue("undecodable", Facts::default());
        for (lang, text) in [
            (
                Lang::Es,
                "tiene bytes que no son texto válido en la codificación del archivo",
            ),
            (
                Lang::En,
                "has bytes that are not valid text in the file's encoding",
            ),
            (
                Lang::PtBr,
                "tem bytes que não são texto válido na codificação do arquivo",
            ),
        ] {
            assert_eq!(detail(&cell, &[], lang).as_deref(), Some(text));
        }
        let name = StoredIssue {
            row: None,
            ..issue(
                "undecodable",
                Facts {
                    column_numbers: Some(vec![3]),
                    ..Facts::default()
                },
            )
        };
        says(
            name,
            [
                "el nombre de la columna 3 tiene bytes que no son texto válido en la codificación del archivo",
                "the name of column 3 has bytes that are not valid text in the file's encoding",
                "o nome da coluna 3 tem bytes que não são texto válido na codificação do arquivo",
            ],
        );
    }

    #[test]
    fn empty_id() {
        let i = issue("empty-id", Facts::default());
        for (lang, text) in [
            (Lang::Es, "el ID está vacío"),
            (Lang::En, "the ID is empty"),
            (Lang::PtBr, "o ID está vazio"),
        ] {
            assert_eq!(detail(&i, &[], lang).as_deref(), Some(text));
        }
    }

    #[test]
    fn duplicate_id() {
        let i = StoredIssue {
            first_row: Some(3),
            ..issue("duplicate-id", Facts::default())
        };
        says(
            i,
            [
                "ya usado en la fila 3",
                "already used on row 3",
                "já usado no registro 3",
            ],
        );
    }

    fn to_clientes(row: Option<u64>) -> Facts {
        Facts {
            ref_entity: Some("clientes".into()),
            ref_file: Some("clientes.csv".into()),
            ref_row: row,
            ..Facts::default()
        }
    }

    #[test]
    fn missing_ref() {
        says(
            issue("missing-ref", to_clientes(None)),
            [
                "está vacía, pero cada fila debe indicar un ID de clientes",
                "empty, but every row must name one of clientes",
                "está vazia, mas cada registro deve indicar um ID de clientes",
            ],
        );
    }

    #[test]
    fn dangling_ref() {
        says(
            issue("dangling-ref", to_clientes(None)),
            [
                "no es un ID de clientes (clientes.csv)",
                "not an ID of clientes (clientes.csv)",
                "não é um ID de clientes (clientes.csv)",
            ],
        );
    }

    #[test]
    fn orphaned_ref() {
        says(
            issue("orphaned-ref", to_clientes(Some(4))),
            [
                "apunta a la fila 4 de clientes (clientes.csv), que quedó afuera por sus propios errores",
                "points at row 4 of clientes (clientes.csv), which is left out for its own errors",
                "aponta para o registro 4 de clientes (clientes.csv), que ficou de fora pelos próprios erros",
            ],
        );
        let no_row = issue("orphaned-ref", to_clientes(None));
        assert_eq!(detail(&no_row, &[], Lang::Es), None);
    }

    #[test]
    fn unverified_refs_for_each_reason() {
        let because = |reason, file: Option<&str>| {
            let facts = Facts {
                ref_entity: Some("clientes".into()),
                ref_file: file.map(str::to_string),
                unverified_reason: Some(reason),
                ..Facts::default()
            };
            StoredIssue {
                row: None,
                value: None,
                ..issue("unverified-refs", facts)
            }
        };
        says(
            because(UnverifiedReason::Missing, None),
            [
                "no hay archivo de clientes con el cual comparar",
                "there is no clientes file to check against",
                "não há arquivo de clientes com o qual comparar",
            ],
        );
        says(
            because(UnverifiedReason::Rejected, Some("clientes.csv")),
            [
                "clientes.csv (clientes) fue rechazado",
                "clientes.csv (clientes) was rejected",
                "clientes.csv (clientes) foi rejeitado",
            ],
        );
        says(
            because(UnverifiedReason::Cycle, None),
            [
                "clientes se revisa después de estos datos (las referencias forman un ciclo)",
                "clientes is checked after this data (a cycle of refs)",
                "clientes é verificado depois destes dados (as referências formam um ciclo)",
            ],
        );
        let unknown = because(UnverifiedReason::Other, None);
        assert_eq!(detail(&unknown, &[], Lang::Es), None, "a newer reason");
        let no_file = because(UnverifiedReason::Rejected, None);
        assert_eq!(detail(&no_file, &[], Lang::Es), None);
    }

    #[test]
    fn shrink_empty_and_smaller() {
        let held = |rows, previous, guard: &str| {
            let facts = Facts {
                rows_accepted: Some(rows),
                previous_rows_accepted: previous,
                shrink_guard: Some(guard.into()),
                ..Facts::default()
            };
            StoredIssue {
                row: None,
                column: None,
                value: None,
                ..issue("shrink", facts)
            }
        };
        says(
            held(0, None, "50%"),
            [
                "el archivo no tiene filas para publicar; retenido hasta que se apruebe",
                "the file has no rows to publish; held until approved",
                "o arquivo não tem registros para publicar; retido até ser aprovado",
            ],
        );
        says(
            held(1200, Some(10_000), "50%"),
            [
                "1.200 filas para publicar contra 10.000 la última vez (más de 50% menos); retenido hasta que se apruebe",
                "1,200 rows to publish against 10,000 last time (more than 50% fewer); held until approved",
                "1.200 registros para publicar contra 10.000 da última vez (mais de 50% a menos); retido até ser aprovado",
            ],
        );
        // A guard given as a count of rows.
        assert_eq!(
            detail(&held(1, Some(500), "100"), &[], Lang::Es).as_deref(),
            Some("1 fila para publicar contra 500 la última vez (más de 100 filas menos); retenido hasta que se apruebe")
        );
        let no_previous = held(3, None, "50%");
        assert_eq!(detail(&no_previous, &[], Lang::Es), None);
        // Held for the IDs it removes, with as many rows.
        let mut replaced = held(1200, Some(1200), "50%");
        replaced.facts.ids_removed = Some(1150);
        replaced.facts.previous_ids = Some(1200);
        says(
            replaced,
            [
                "faltan 1.150 de los 1.200 IDs publicados la última vez (más de 50%), aunque hay 1.200 filas para publicar: ¿la exportación de otra sucursal?; retenido hasta que se apruebe",
                "1,150 of the 1,200 IDs published last time are gone (more than 50%), though there are 1,200 rows to publish: another branch's export?; held until approved",
                "faltam 1.150 dos 1.200 IDs publicados da última vez (mais de 50%), embora haja 1.200 registros para publicar: a exportação de outra filial?; retido até ser aprovado",
            ],
        );
    }

    #[test]
    fn unreadable_in_our_words_or_the_os_words() {
        let os = "Permission denied (os error 13)";
        let denied = StoredIssue {
            row: None,
            column: None,
            value: None,
            ..issue(
                "unreadable",
                Facts {
                    os_error: Some(os.into()),
                    os_error_kind: Some(OsErrorKind::PermissionDenied),
                    ..Facts::default()
                },
            )
        };
        says(
            denied.clone(),
            [
                "no se puede leer el archivo: permiso denegado",
                "cannot read the file: Permission denied (os error 13)",
                "não é possível ler o arquivo: permissão negada",
            ],
        );
        // A kind without words of ours keeps the OS's, verbatim.
        let mut odd = denied;
        odd.facts.os_error = Some("Der Vorgang ist nicht zulässig".into());
        odd.facts.os_error_kind = Some(OsErrorKind::Other);
        assert_eq!(
            detail(&odd, &[], Lang::Es).as_deref(),
            Some("no se puede leer el archivo: Der Vorgang ist nicht zulässig")
        );
    }

    #[test]
    fn invalid_characters_say_which_and_whether_the_row_is_published() {
        let nul = Facts {
            character: Some("U+0000".into()),
            ..Facts::default()
        };
        says(
            issue("invalid-character", nul.clone()),
            [
                "tiene un carácter de control invisible (U+0000) en el ID o en una referencia: la fila no se publica",
                "holds an invisible control character (U+0000) in the ID or a reference: the row is not published",
                "tem um caractere de controle invisível (U+0000) no ID ou em uma referência: o registro não é publicado",
            ],
        );
        let warning = StoredIssue {
            severity: "warning".into(),
            ..issue("invalid-character", nul)
        };
        let en = detail(&warning, &[], Lang::En).unwrap();
        assert!(
            en.ends_with("the row is published all the same, with it"),
            "{en}"
        );
    }

    #[test]
    fn not_a_table_says_what_the_file_looks_like() {
        let looks = |kind| Facts {
            looks_like: Some(kind),
            ..Facts::default()
        };
        says(
            issue("not-a-table", looks(LooksLike::Pdf)),
            [
                "esto es un PDF, no un CSV: exporte los datos como CSV",
                "this is a PDF, not a CSV: export the data as CSV",
                "isto é um PDF, não um CSV: exporte os dados como CSV",
            ],
        );
        let zip = detail(&issue("not-a-table", looks(LooksLike::Zip)), &[], Lang::Es).unwrap();
        assert!(zip.contains("libro de Excel"), "{zip}");
        let newer = detail(
            &issue("not-a-table", looks(LooksLike::Other)),
            &[],
            Lang::En,
        )
        .unwrap();
        assert!(newer.contains("binary content"), "{newer}");
    }

    #[test]
    fn too_many_invalid_rows_says_the_numbers_and_the_limit_as_configured() {
        let facts = |limit: Option<&str>| Facts {
            invalid_rows: Some(2),
            total_rows: Some(20),
            max_invalid_rows: limit.map(String::from),
            ..Facts::default()
        };
        says(
            issue("too-many-invalid-rows", facts(Some("1%"))),
            [
                "2 de 20 filas tuvieron errores (10%), más que el límite de 1% ([policy] max_invalid_rows): no se publicó nada del archivo; corrija las filas listadas, o suba el límite",
                "2 of 20 rows had errors (10%), above the limit of 1% ([policy] max_invalid_rows): nothing of the file was published; fix the listed rows, or raise the limit",
                "2 de 20 registros tiveram erros (10%), acima do limite de 1% ([policy] max_invalid_rows): nada do arquivo foi publicado; corrija os registros listados, ou aumente o limite",
            ],
        );
        let by_count = detail(
            &issue("too-many-invalid-rows", facts(Some("1"))),
            &[],
            Lang::Es,
        );
        assert!(by_count.unwrap().contains("el límite de 1 fila ("));
        let mut small = issue("too-many-invalid-rows", facts(Some("0.5%")));
        small.facts.total_rows = Some(1000);
        small.facts.invalid_rows = Some(7);
        let es = detail(&small, &[], Lang::Es).unwrap();
        assert!(
            es.starts_with("7 de 1.000 filas tuvieron errores (0,7%), más que el límite de 0.5%"),
            "{es}"
        );
        let reject = detail(&issue("too-many-invalid-rows", facts(None)), &[], Lang::En);
        assert!(reject
            .unwrap()
            .contains(r#"with [policy] on_error = "reject" one is enough"#));
    }

    #[test]
    fn oversize_records_say_the_limit_and_cut_values_their_length() {
        let oversize = |row| StoredIssue {
            row,
            column: None,
            value: None,
            ..issue(
                "oversize-record",
                Facts {
                    max_record_bytes: Some(16 << 20),
                    ..Facts::default()
                },
            )
        };
        let text = detail(&oversize(Some(7)), &[], Lang::Es).unwrap();
        assert!(
            text.contains("la fila supera el límite de 16 MiB"),
            "{text}"
        );
        assert!(text.contains("max_record_bytes"), "{text}");
        let text = detail(&oversize(None), &[], Lang::En).unwrap();
        assert!(
            text.starts_with("the header is larger than the limit of 16 MiB"),
            "{text}"
        );
        assert_eq!(byte_size(1500), "1500 bytes");
        assert_eq!(byte_size(512 << 10), "512 KiB");
        let quarantined = detail(&issue("quarantined", Facts::default()), &[], Lang::PtBr);
        assert!(quarantined.unwrap().contains("o agente parou"));
        let cut = StoredIssue {
            value: Some("AAAA…".into()),
            facts: Facts {
                value_chars: Some(1_234_567),
                ..Facts::default()
            },
            ..issue("duplicate-id", Facts::default())
        };
        assert_eq!(
            shown_value(&cut, Lang::Es).as_deref(),
            Some("AAAA… (1.234.567 caracteres)")
        );
    }

    #[test]
    fn a_column_change_names_each_column_and_says_whether_it_was_held() {
        let held = issue(
            "columns-changed",
            Facts {
                columns_removed: Some(vec!["EMAIL".into()]),
                columns_renamed: Some(vec![crate::validate::RenamedColumn {
                    from: "TEL".into(),
                    to: "TELEFONO".into(),
                }]),
                on_column_change: Some("hold-removed".into()),
                ..Facts::default()
            },
        );
        says(
            held,
            [
                "las columnas cambiaron desde el último archivo aceptado (quitadas: EMAIL; renombradas: TEL → TELEFONO); retenido hasta que se apruebe",
                "the columns changed since the last accepted file (removed: EMAIL; renamed: TEL → TELEFONO); held until approved",
                "as colunas mudaram desde o último arquivo aceito (removidas: EMAIL; renomeadas: TEL → TELEFONO); retido até ser aprovado",
            ],
        );
        let warned = StoredIssue {
            severity: "warning".into(),
            ..issue(
                "columns-changed",
                Facts {
                    columns_added: Some(vec!["CUIT".into(), "ZONA".into()]),
                    columns_moved: Some(vec!["NOMBRE".into()]),
                    ..Facts::default()
                },
            )
        };
        says(
            warned,
            [
                "las columnas cambiaron desde el último archivo aceptado (nuevas: CUIT, ZONA; cambiadas de lugar: NOMBRE)",
                "the columns changed since the last accepted file (added: CUIT, ZONA; moved: NOMBRE)",
                "as colunas mudaram desde o último arquivo aceito (novas: CUIT, ZONA; mudadas de lugar: NOMBRE)",
            ],
        );
    }

    #[test]
    fn a_cut_file_says_where_and_that_the_export_looks_interrupted() {
        let short = issue(
            "truncated",
            Facts {
                fields: Some(1),
                expected_fields: Some(4),
                open_quote: Some(false),
                ..Facts::default()
            },
        );
        says(
            short,
            [
                "el archivo termina a mitad de esta fila, que tiene 1 columna de 4 y ningún salto de línea: la exportación parece interrumpida; vuelva a exportarlo",
                "the file ends in the middle of this row, which has 1 field of 4 and no line break: the export looks interrupted; export it again",
                "o arquivo termina no meio deste registro, que tem 1 coluna de 4 e nenhuma quebra de linha: a exportação parece interrompida; exporte-o novamente",
            ],
        );
        let quote = issue(
            "truncated",
            Facts {
                fields: Some(3),
                expected_fields: Some(4),
                open_quote: Some(true),
                ..Facts::default()
            },
        );
        says(
            quote.clone(),
            [
                "el archivo termina dentro de un texto entre comillas que se abre en esta fila: la exportación parece interrumpida; vuelva a exportarlo",
                "the file ends inside a quoted text that opens on this row: the export looks interrupted; export it again",
                "o arquivo termina dentro de um texto entre aspas que se abre neste registro: a exportação parece interrompida; exporte-o novamente",
            ],
        );
        let header = StoredIssue { row: None, ..quote };
        assert!(detail(&header, &[], Lang::Es)
            .unwrap()
            .starts_with("el archivo termina dentro de un texto entre comillas del encabezado"));
    }

    #[test]
    fn a_stray_quote_says_how_many_lines_it_swallowed_and_whether_it_closes() {
        let closed = issue(
            "stray-quote",
            Facts {
                lines_swallowed: Some(2),
                open_quote: Some(false),
                ..Facts::default()
            },
        );
        says(
            closed,
            [
                "una comilla que se abre en esta fila se tragó 2 líneas más, cada una con forma de fila entera: cuentan como filas con error; quite la comilla y vuelva a exportar",
                "a quote that opens on this row swallowed 2 lines after it, each shaped like a whole row: they count as rows with errors; remove the quote and export again",
                "uma aspa que se abre neste registro engoliu 2 linhas a mais, cada uma com forma de registro inteiro: contam como registros com erro; remova a aspa e exporte novamente",
            ],
        );
        let open = issue(
            "stray-quote",
            Facts {
                lines_swallowed: Some(1_000),
                open_quote: Some(true),
                ..Facts::default()
            },
        );
        assert!(detail(&open, &[], Lang::En).unwrap().starts_with(
            "a quote that opens on this row is never closed and swallowed 1,000 lines after it"
        ));
    }

    #[test]
    fn an_unknown_code_has_no_detail() {
        let i = issue("from-the-future", Facts::default());
        assert_eq!(detail(&i, &[], Lang::Es), None);
    }
}
