use super::*;
use crate::report::{StoredIssue, StoredReport};
use crate::state::{EntityStatus, OutboxItem, RunRow};
use crate::status::{EntityView, Paths};
use crate::validate::{Facts, OsErrorKind, UnverifiedReason};
use std::time::Duration;

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_714_745_100)
}

fn issue(code: &str, row: u64, value: &str) -> StoredIssue {
    StoredIssue {
        code: code.into(),
        severity: "error".into(),
        row: Some(row),
        line: Some(row + 1),
        column: Some("COD".into()),
        value: Some(value.into()),
        first_row: None,
        facts: Facts::default(),
        message: format!("{code} on row {row}"),
    }
}

/// [`issue`] with the facts validate gives an issue of `code` (and `first_row` for a
/// duplicate ID), as the store keeps them.
fn issue_with_facts(code: &str, row: u64, value: &str) -> StoredIssue {
    let mut issue = issue(code, row, value);
    let f = &mut issue.facts;
    match code {
        "missing-column" => f.closest_column = Some("CODIGO".into()),
        "duplicate-header" => f.column_numbers = Some(vec![1, 3]),
        "empty-header" => f.column_numbers = Some(vec![4]),
        "ragged-row" => (f.fields, f.expected_fields) = (Some(2), Some(3)),
        "duplicate-id" | "duplicate-value" => issue.first_row = Some(1),
        "invalid-format" => f.format = Some("cuit".into()),
        "missing-ref" | "dangling-ref" | "orphaned-ref" | "unverified-refs" => {
            f.ref_entity = Some("usuarios".into());
            f.ref_file = Some("usuarios.csv".into());
            f.ref_row = (code == "orphaned-ref").then_some(9);
            f.unverified_reason = (code == "unverified-refs").then_some(UnverifiedReason::Rejected);
        }
        "shrink" => {
            f.rows_accepted = Some(10);
            f.previous_rows_accepted = Some(100);
            f.shrink_guard = Some("50%".into());
        }
        "unreadable" => {
            f.os_error = Some("Permission denied (os error 13)".into());
            f.os_error_kind = Some(OsErrorKind::PermissionDenied);
        }
        "not-a-file" => f.file_kind = Some(crate::validate::FileKind::LinkOutside),
        "ambiguous-file" => f.other_entity = Some("usuarios_bajas".into()),
        "oversize-record" => f.max_record_bytes = Some(1 << 20),
        "invalid-character" => f.character = Some("U+001B".into()),
        "not-a-table" => f.looks_like = Some(crate::validate::LooksLike::Pdf),
        "too-many-invalid-rows" => {
            (f.invalid_rows, f.total_rows) = (Some(2), Some(20));
            f.max_invalid_rows = Some("1%".into());
        }
        "truncated" => {
            (f.fields, f.expected_fields, f.open_quote) = (Some(1), Some(3), Some(false))
        }
        "columns-changed" => {
            f.columns_removed = Some(vec!["EMAIL".into()]);
            f.on_column_change = Some("hold-removed".into());
        }
        "cell-error" => f.cell = Some("C17".into()),
        "stray-quote" => (f.lines_swallowed, f.open_quote) = (Some(100), Some(true)),
        _ => {}
    }
    issue
}

fn entity(name: &str, verdict: &str, report: StoredReport) -> EntityView {
    EntityView {
        status: EntityStatus {
            entity: name.into(),
            last_snapshot_id: Some(1),
            last_file: report.file.clone(),
            last_received_at: Some(now() - Duration::from_secs(300)),
            last_verdict: Some(verdict.into()),
            rows: report.rows,
            rows_accepted: report.rows_accepted,
            last_published_at: Some(now() - Duration::from_secs(180)),
            last_error: None,
            updated_at: now(),
            pending: false,
            next_attempt_at: None,
        },
        counts: report.counts.clone(),
        report: Some(report),
    }
}

fn status(entities: Vec<EntityView>) -> Status {
    Status {
        paths: Paths {
            data_dir: "/data".into(),
            report: "/data/report.html".into(),
            log: "/data/logs".into(),
        },
        initialized: true,
        entities,
        outbox: vec![],
        runs: vec![RunRow {
            id: 1,
            started_at: now() - Duration::from_secs(200),
            finished_at: Some(now() - Duration::from_secs(199)),
            trigger: crate::state::Trigger::Change,
            summary: Some("checked 1, unchanged 0, refused 0, published 1, pending 0".into()),
            outcome: Some(crate::state::Outcome::Pass(crate::state::PassCounts {
                checked: 1,
                published: 1,
                ..Default::default()
            })),
        }],
    }
}

fn render_in(lang: Lang, status: &Status) -> String {
    let dest = Destination::Local {
        folder: "/out box".into(),
    };
    render(
        status,
        &Page {
            lang,
            now: now(),
            destination: &dest,
        },
    )
}

fn hostile_report() -> StoredReport {
    let long = "x".repeat(5000);
    let mut report = StoredReport {
        file: Some("<img src=x onerror=alert(1)>.csv".into()),
        encoding: Some("utf-8".into()),
        delimiter: Some(";".into()),
        rows: 10,
        rows_accepted: 7,
        verdict: Some("partial".into()),
        ..Default::default()
    };
    report.issues = vec![
        issue("dangling-ref", 2, "<script>alert('x')</script>"),
        issue("dangling-ref", 3, "\"quoted\" & 'single' <b>bold</b>"),
        issue("dangling-ref", 4, &long),
        issue("dangling-ref", 5, "=HYPERLINK(\"http://evil\")\u{1b}[2J"),
    ];
    report.counts.insert("dangling-ref".into(), 4);
    report
}

#[test]
fn escape_replaces_markup_characters() {
    assert_eq!(escape("plain"), "plain");
    assert_eq!(escape("<script>\"&'"), "&lt;script&gt;&quot;&amp;&#39;");
    assert_eq!(cell("a\u{1b}[2J<b>"), "a\\u{1b}[2J&lt;b&gt;");
}

#[test]
fn cells_and_file_names_render_as_text() {
    let page = render_in(
        Lang::Es,
        &status(vec![entity("ventas", "partial", hostile_report())]),
    );
    // Exactly one <script ...> could only come from markup; the page has none at all.
    assert!(!page.contains("<script"), "a cell became a script element");
    assert!(!page.contains("<img"), "a file name became an element");
    assert!(!page.contains("<b>bold"), "a cell became markup");
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("&quot;quoted&quot; &amp; &#39;single&#39; &lt;b&gt;bold&lt;/b&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;.csv"));
    assert!(
        page.contains(&"x".repeat(5000)),
        "a long cell is shown whole, as text"
    );
    assert!(
        page.contains("\\u{1b}[2J"),
        "control characters are shown escaped"
    );
    assert!(!page.contains('\u{1b}'));
    // The only style is the inline sheet; nothing is loaded from elsewhere.
    assert!(!page.contains("src=\"http") && !page.contains("<link"));
    assert!(page.contains("default-src 'none'"));
}

#[test]
fn every_issue_of_every_code_has_a_row_and_an_explanation() {
    let codes = crate::validate::Code::ALL.map(crate::validate::Code::as_str);
    let mut report = StoredReport {
        file: Some("clientes.csv".into()),
        rows: 100,
        columns: vec!["COD".into(), "NOMBRE".into(), "COD".into(), String::new()],
        ..Default::default()
    };
    for (i, code) in codes.iter().enumerate() {
        for k in 0..3 {
            let row = (i * 10 + k) as u64 + 1;
            let mut issue = issue_with_facts(code, row, &format!("v-{code}-{k}"));
            if *code == "empty-header" || k == 2 && *code == "dangling-ref" {
                issue.severity = "warning".into();
            }
            report.issues.push(issue);
        }
        report.counts.insert(code.to_string(), 3);
    }
    // More counted than listed.
    report.counts.insert("ragged-row".into(), 1503);
    for lang in Lang::ALL {
        let page = render_in(
            lang,
            &status(vec![entity("clientes", "rejected", report.clone())]),
        );
        assert_eq!(
            page.matches("<tr class=\"issue\"").count(),
            codes.len() * 3,
            "{lang:?}"
        );
        for code in codes {
            for k in 0..3 {
                assert!(
                    page.contains(&format!(">v-{code}-{k}<")),
                    "{code} {k} {lang:?}"
                );
            }
            let c = crate::validate::Code::from_name(code).unwrap();
            assert!(
                page.contains(&*escape(c.explanation(lang))),
                "{code} {lang:?}"
            );
            assert!(page.contains(c.title(lang)), "{code} {lang:?}");
        }
        assert!(page.contains(&lang.format(Text::MoreNotListed, &[("n", &lang.number(1500))])));
        assert!(page.contains(&*escape(&lang.format(Text::FirstUsedOnRow, &[("row", &1)]))));
        // Every detail is said from the facts, in the page's language: none is validate's
        // English message.
        for issue in &report.issues {
            let said = crate::report::detail(issue, &report.columns, lang).unwrap();
            assert!(page.contains(&cell(&said)), "{} {lang:?}", issue.code);
            assert!(!page.contains(&issue.message), "{} {lang:?}", issue.message);
        }
        assert!(!page.contains("<span lang=\"en\">"), "{lang:?}");
        // dangling-ref mixes errors and warnings: its table says which is which.
        assert!(page.contains(lang.text(Text::ColSeverity)));
    }
}

#[test]
fn in_spanish_every_detail_is_spanish() {
    let spanish = [
        ("empty-file", "el archivo no tiene fila de encabezado: está vacío o en blanco"),
        ("missing-column", "no está en el encabezado, que tiene: COD, NOMBRE; la más parecida es CODIGO"),
        ("duplicate-header", "las columnas 1 y 3 tienen el mismo nombre"),
        ("empty-header", "la columna 4 del encabezado no tiene nombre"),
        ("ragged-row", "la fila tiene 2 columnas, pero el encabezado tiene 3 columnas"),
        ("undecodable", "tiene bytes que no son texto válido en la codificación del archivo"),
        ("empty-id", "el ID está vacío"),
        ("duplicate-id", "ya usado en la fila 1"),
        ("missing-ref", "está vacía, pero cada fila debe indicar un ID de usuarios"),
        ("dangling-ref", "no es un ID de usuarios (usuarios.csv)"),
        ("orphaned-ref", "apunta a la fila 9 de usuarios (usuarios.csv), que quedó afuera por sus propios errores"),
        ("unverified-refs", "usuarios.csv (usuarios) fue rechazado"),
        ("shrink", "10 filas para publicar contra 100 la última vez (más de 50% menos); retenido hasta que se apruebe"),
        ("unreadable", "no se puede leer el archivo: permiso denegado"),
        ("not-a-file", "es un enlace que apunta fuera de la carpeta vigilada (no se sigue); no se abrió ni se leyó"),
        ("ambiguous-file", "el nombre coincide igual de bien con el patrón de archivos de usuarios_bajas: no se sabe de cuál entidad es"),
        ("oversize-record", "la fila supera el límite de 1 MiB ([policy] max_record_bytes): el archivo se rechaza sin leer el resto; si los datos son reales, suba el límite"),
        ("quarantined", "el agente se detuvo mientras revisaba este archivo; no se vuelve a leer hasta que cambie"),
        ("invalid-character", "tiene un carácter de control invisible (U+001B) en el ID o en una referencia: la fila no se publica"),
        ("not-a-table", "esto es un PDF, no un CSV: exporte los datos como CSV"),
        ("too-many-invalid-rows", "2 de 20 filas tuvieron errores (10%), más que el límite de 1% ([policy] max_invalid_rows): no se publicó nada del archivo; corrija las filas listadas, o suba el límite"),
        ("truncated", "el archivo termina a mitad de esta fila, que tiene 1 columna de 3 y ningún salto de línea: la exportación parece interrumpida; vuelva a exportarlo"),
        ("columns-changed", "las columnas cambiaron desde el último archivo aceptado (quitadas: EMAIL); retenido hasta que se apruebe"),
        ("cell-error", "la celda muestra el error de fórmula x: se publica así, como texto; corrija la fórmula o sus datos en la planilla"),
        ("required-empty", "está vacía, pero la configuración dice que cada fila debe tenerla (required)"),
        ("duplicate-value", "el mismo valor ya está en la fila 1, y la columna es única (unique)"),
        ("invalid-format", "no tiene el formato cuit"),
        ("stray-quote", "una comilla que se abre en esta fila nunca se cierra y se tragó 100 líneas más, cada una con forma de fila entera, hasta el final del archivo: el archivo se rechaza entero; quite la comilla y vuelva a exportar"),
    ];
    let mut report = StoredReport {
        file: Some("clientes.csv".into()),
        rows: 100,
        columns: vec!["COD".into(), "NOMBRE".into()],
        ..Default::default()
    };
    for (i, (code, _)) in spanish.iter().enumerate() {
        report
            .issues
            .push(issue_with_facts(code, i as u64 + 1, "x"));
        report.counts.insert(code.to_string(), 1);
    }
    let page = render_in(
        Lang::Es,
        &status(vec![entity("clientes", "rejected", report)]),
    );
    for (code, words) in spanish {
        let row = page
            .lines()
            .find(|l| l.starts_with(&format!("<tr class=\"issue\" data-code=\"{code}\">")))
            .unwrap_or_else(|| panic!("no row of {code}"));
        assert!(
            row.ends_with(&format!("<td>{}</td></tr>", escape(words))),
            "{code}: {row}"
        );
    }
    assert!(!page.contains("<span lang=\"en\">"));
}

#[test]
fn an_issue_stored_without_facts_shows_the_english_message() {
    // Stored by a sheetdrop older than the facts: the detail cannot be said in Spanish.
    let mut report = StoredReport {
        file: Some("ventas.csv".into()),
        rows: 3,
        ..Default::default()
    };
    let mut old = issue("dangling-ref", 2, "C9");
    old.message = "COD_CLIENTE C9 is not an ID of clientes (clientes.csv)".into();
    report.issues.push(old);
    report.counts.insert("dangling-ref".into(), 1);
    let s = status(vec![entity("ventas", "partial", report)]);
    assert!(render_in(Lang::Es, &s).contains(
        "<span lang=\"en\">COD_CLIENTE C9 is not an ID of clientes (clientes.csv)</span>"
    ));
    assert!(render_in(Lang::En, &s)
        .contains("<td>COD_CLIENTE C9 is not an ID of clientes (clientes.csv)</td></tr>"));
}

#[test]
fn page_shows_the_overall_state_facts_and_timeline() {
    let mut clean = StoredReport {
        file: Some("usuarios.csv".into()),
        encoding: Some("windows-1252".into()),
        delimiter: Some("\t".into()),
        rows: 12345,
        rows_accepted: 12345,
        verdict: Some("accepted".into()),
        ..Default::default()
    };
    let s = status(vec![entity("usuarios", "accepted", clean.clone())]);
    assert_eq!(s.health(), Health::Published);
    let page = render_in(Lang::Es, &s);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<html lang=\"es\">"));
    assert!(page.contains("Todo publicado · hace 3 min"), "{page}");
    assert!(page.contains("12.345"));
    assert!(page.contains("windows-1252"));
    assert!(page.contains("tabulador"));
    assert!(page.contains("Sin problemas"));
    assert!(page.contains("/out box/usuarios.csv"));
    assert!(page.contains("href=\"file:///out%20box\""));
    assert!(page.contains("archivo nuevo o modificado"));
    assert!(page.contains("1 publicados"));
    assert!(page.contains("<th scope=\"col\">"), "tables have headers");
    assert!(page.contains("href=\"#e-usuarios\""));

    clean.verdict = Some("held".into());
    let mut held = entity("usuarios", "held", clean);
    held.status.pending = true;
    held.status.last_error = Some("disk full".into());
    held.status.next_attempt_at = Some(now() + Duration::from_secs(4));
    let mut s = status(vec![held]);
    s.outbox.push(OutboxItem {
        id: 1,
        entity: "usuarios".into(),
        snapshot_id: 1,
        destination: "local".into(),
        attempts: 1,
        next_attempt_at: now() + Duration::from_secs(4),
        last_error: Some("disk full".into()),
        created_at: now(),
    });
    assert_eq!(s.health(), Health::Error);
    let page = render_in(Lang::En, &s);
    assert!(page.contains("Something failed"));
    assert!(page.contains("<code>sheetdrop approve usuarios</code>"));
    assert!(page.contains("next attempt in 4 s"));
    assert!(page.contains("disk full"));
}

#[test]
fn empty_and_uninitialized_states() {
    let mut s = status(vec![]);
    s.runs.clear();
    let page = render_in(Lang::PtBr, &s);
    assert!(page.contains("Nenhum arquivo chegou"));
    assert!(page.contains("Nenhuma atividade ainda"));
    s.initialized = false;
    assert!(render_in(Lang::En, &s).contains("has not run"));
}

#[test]
fn web_links_only_for_web_urls() {
    assert_eq!(
        web_link("https://docs.google.com/x"),
        Some("https://docs.google.com/x")
    );
    assert_eq!(web_link(" JavaScript:alert(1)"), None);
    assert_eq!(web_link("data:text/html,x"), None);
    let dest = Destination::Other {
        description: "Google Sheets <abc>".into(),
        links: [
            ("a".to_string(), "https://sheets/\"x".to_string()),
            ("b".to_string(), "javascript:alert(1)".to_string()),
        ]
        .into(),
    };
    assert_eq!(
        entity::destination_for_tests(&dest, "a"),
        "<a href=\"https://sheets/&quot;x\">Google Sheets &lt;abc&gt;</a>"
    );
    assert_eq!(
        entity::destination_for_tests(&dest, "b"),
        "Google Sheets &lt;abc&gt;"
    );
    assert_eq!(entity::anchor("ventas \"x\""), "e-ventas--x-");
}

#[test]
fn health_follows_the_status() {
    let partial = StoredReport {
        rows: 4,
        rows_accepted: 3,
        ..Default::default()
    };
    assert_eq!(
        status(vec![entity("a", "partial", partial.clone())]).health(),
        Health::Attention
    );
    let mut warned = partial.clone();
    warned.issues.push(StoredIssue {
        severity: "warning".into(),
        ..issue("unverified-refs", 1, "")
    });
    assert_eq!(
        status(vec![entity("a", "accepted", warned)]).health(),
        Health::Attention
    );
    let mut waiting = status(vec![entity("a", "accepted", StoredReport::default())]);
    waiting.outbox.push(OutboxItem {
        id: 1,
        entity: "a".into(),
        snapshot_id: 1,
        destination: "local".into(),
        attempts: 0,
        next_attempt_at: now(),
        last_error: None,
        created_at: now(),
    });
    assert_eq!(waiting.health(), Health::Working);
    let page = render_in(Lang::Es, &waiting);
    assert!(page.contains("class=\"card banner h-working\""));
    assert!(page.contains("Trabajando"));
    assert_eq!(
        status(vec![entity("a", "rejected", StoredReport::default())]).health(),
        Health::Error
    );
}

#[test]
fn a_workbook_issue_shows_its_cell_where_a_csv_shows_the_line() {
    let mut report = StoredReport {
        file: Some("clientes.xlsx".into()),
        rows: 20,
        columns: vec!["COD".into(), "NOMBRE".into()],
        ..Default::default()
    };
    report
        .issues
        .push(issue_with_facts("cell-error", 16, "#N/A"));
    report
        .issues
        .push(issue_with_facts("duplicate-id", 4, "X-1"));
    for code in ["cell-error", "duplicate-id"] {
        report.counts.insert(code.to_string(), 1);
    }
    let page = render_in(
        Lang::Es,
        &status(vec![entity("clientes", "partial", report)]),
    );
    let row = |code: &str| {
        page.lines()
            .find(|l| l.starts_with(&format!("<tr class=\"issue\" data-code=\"{code}\">")))
            .unwrap_or_else(|| panic!("no row of {code}"))
            .to_string()
    };
    let cell = row("cell-error");
    assert!(
        cell.contains("<td class=\"num\">16</td><td class=\"num\">celda C17</td>"),
        "{cell}"
    );
    let line = row("duplicate-id");
    assert!(
        line.contains("<td class=\"num\">4</td><td class=\"num\">5</td>"),
        "{line}"
    );
}

#[test]
fn the_delta_and_its_removed_ids_are_shown_escaped_and_the_first_time_is_said() {
    let with_delta = StoredReport {
        file: Some("clientes.csv".into()),
        rows: 9,
        rows_accepted: 9,
        verdict: Some("accepted".into()),
        delta: Some(crate::validate::Delta {
            added: 1,
            removed: 2,
            changed: 1234,
            previous: 10,
            removed_ids: vec!["C01".into(), "<b>x</b>".into()],
        }),
        ..Default::default()
    };
    let first = StoredReport {
        file: Some("ventas.csv".into()),
        verdict: Some("accepted".into()),
        ..Default::default()
    };
    let html = render_in(
        Lang::Es,
        &status(vec![
            entity("clientes", "accepted", with_delta),
            entity("ventas", "accepted", first),
        ]),
    );
    assert!(html.contains("altas: 1 · bajas: 2 · modificaciones: 1.234"));
    assert!(html.contains(
        "IDs quitados (los primeros 2 de 2): <code>C01</code> <code>&lt;b&gt;x&lt;/b&gt;</code>"
    ));
    assert!(!html.contains("<b>x</b>"));
    assert!(html.contains("primera vez: no hay nada anterior con qué comparar"));
}
