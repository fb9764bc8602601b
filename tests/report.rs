//! The HTML report (issue 5): rendered from a status with every issue code and hostile
//! cells, and written by the real agent after a pass; both opened in headless Chromium,
//! checked through the DOM (every issue row is there, nothing from a CSV became markup) and
//! screenshotted into `target/report-artifacts/` (kept as artifacts, never committed).
//!
//! Without Chromium (`apt-get install chromium`) the browser checks are skipped with a loud
//! message; the rendering checks still run. `SHEETDROP_CHROMIUM` names another binary.

mod util;

use sheetdrop::i18n::Lang;
use sheetdrop::report::html::{self, Destination, Page};
use sheetdrop::report::{StoredIssue, StoredReport};
use sheetdrop::state::{EntityStatus, Outcome, PassCounts, RunRow, Trigger};
use sheetdrop::status::{EntityView, Paths, Status};
use sheetdrop::validate::{Code, Facts, FileKind, LooksLike, OsErrorKind, UnverifiedReason};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// Every issue code (docs/contract.md §3), as reports write them.
fn codes() -> [&'static str; Code::ALL.len()] {
    Code::ALL.map(Code::as_str)
}

/// Per code, the facts validate gives its issues, and the Spanish detail they make: what the
/// `es` page must say instead of validate's English message.
fn facts_and_spanish(code: &str) -> (Facts, &'static str) {
    let to_ventas = |row: Option<u64>, reason: Option<UnverifiedReason>| Facts {
        ref_entity: Some("ventas".into()),
        ref_file: Some("ventas.csv".into()),
        ref_row: row,
        unverified_reason: reason,
        ..Facts::default()
    };
    let numbers = |n: &[u64]| Facts {
        column_numbers: Some(n.to_vec()),
        ..Facts::default()
    };
    match code {
        "empty-file" => (Facts::default(), "el archivo no tiene fila de encabezado"),
        "missing-column" => (
            Facts {
                closest_column: Some("COD_CLIENTES".into()),
                ..Facts::default()
            },
            "no está en el encabezado, que tiene: COD_CLIENTES, NOMBRE; la más parecida es COD_CLIENTES",
        ),
        "duplicate-header" => (numbers(&[2, 5]), "las columnas 2 y 5 tienen el mismo nombre"),
        "empty-header" => (numbers(&[3]), "la columna 3 del encabezado no tiene nombre"),
        "ragged-row" => (
            Facts {
                fields: Some(4),
                expected_fields: Some(2),
                ..Facts::default()
            },
            "la fila tiene 4 columnas, pero el encabezado tiene 2 columnas",
        ),
        "undecodable" => (Facts::default(), "tiene bytes que no son texto válido"),
        "empty-id" => (Facts::default(), "el ID está vacío"),
        "duplicate-id" => (Facts::default(), "ya usado en la fila 1"),
        "missing-ref" => (to_ventas(None, None), "cada fila debe indicar un ID de ventas"),
        "dangling-ref" => (to_ventas(None, None), "no es un ID de ventas (ventas.csv)"),
        "orphaned-ref" => (
            to_ventas(Some(7), None),
            "apunta a la fila 7 de ventas (ventas.csv), que quedó afuera",
        ),
        "unverified-refs" => (
            to_ventas(None, Some(UnverifiedReason::Missing)),
            "no hay archivo de ventas con el cual comparar",
        ),
        "shrink" => (
            Facts {
                rows_accepted: Some(1200),
                previous_rows_accepted: Some(5000),
                shrink_guard: Some("50%".into()),
                ..Facts::default()
            },
            "1.200 filas para publicar contra 5.000 la última vez (más de 50% menos)",
        ),
        "unreadable" => (
            Facts {
                os_error: Some("Permission denied (os error 13)".into()),
                os_error_kind: Some(OsErrorKind::PermissionDenied),
                ..Facts::default()
            },
            "no se puede leer el archivo: permiso denegado",
        ),
        "ambiguous-file" => (
            Facts {
                other_entity: Some("ventas_pagos".into()),
                ..Facts::default()
            },
            "coincide igual de bien con el patrón de archivos de ventas_pagos",
        ),
        "not-a-file" => (
            Facts {
                file_kind: Some(FileKind::Fifo),
                ..Facts::default()
            },
            "es una tubería con nombre (FIFO); no se abrió ni se leyó",
        ),
        "oversize-record" => (
            Facts {
                max_record_bytes: Some(16 << 20),
                ..Facts::default()
            },
            "supera el límite de 16 MiB ([policy] max_record_bytes)",
        ),
        "quarantined" => (
            Facts::default(),
            "el agente se detuvo mientras revisaba este archivo",
        ),
        "too-many-invalid-rows" => (
            Facts {
                invalid_rows: Some(2),
                total_rows: Some(20),
                max_invalid_rows: Some("5".into()),
                ..Facts::default()
            },
            "2 de 20 filas tuvieron errores (10%), más que el límite de 5 filas",
        ),
        "not-a-table" => (
            Facts {
                looks_like: Some(LooksLike::Zip),
                ..Facts::default()
            },
            "esto es un archivo ZIP que no es un libro de Excel ni OpenDocument (.xlsx, .ods), no un CSV",
        ),
        "invalid-character" => (
            Facts {
                character: Some("U+0000".into()),
                ..Facts::default()
            },
            "carácter de control invisible (U+0000)",
        ),
        "truncated" => (
            Facts {
                fields: Some(2),
                expected_fields: Some(4),
                open_quote: Some(true),
                ..Facts::default()
            },
            "el archivo termina dentro de un texto entre comillas que se abre en esta fila",
        ),
        "columns-changed" => (
            Facts {
                columns_added: Some(vec!["CUIT".into()]),
                ..Facts::default()
            },
            "las columnas cambiaron desde el último archivo aceptado (nuevas: CUIT)",
        ),
        "cell-error" => (
            Facts {
                cell: Some("C17".into()),
                ..Facts::default()
            },
            "la celda muestra el error de fórmula",
        ),
        "required-empty" => (Facts::default(), "la configuración dice que cada fila debe tenerla"),
        "duplicate-value" => (Facts::default(), "el mismo valor ya está en la fila 1"),
        "invalid-format" => (
            Facts {
                format: Some("cuit".into()),
                ..Facts::default()
            },
            "no tiene el formato cuit",
        ),
        "stray-quote" => (
            Facts {
                lines_swallowed: Some(1),
                open_quote: Some(false),
                ..Facts::default()
            },
            "una comilla que se abre en esta fila se tragó 1 línea más",
        ),
        other => panic!("no facts for {other}"),
    }
}

/// Cells a hostile or careless export could hold.
const HOSTILE: [&str; 5] = [
    "<script>document.title='pwned'</script>",
    "\"><img src=x onerror=alert(1)>",
    "O'Brien & \"Hijos\" <S.A.>",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "</td></tr></table><h1>injected</h1>",
];

/// Where the artifacts go: `target/report-artifacts/`.
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn issue(code: &str, row: u64, value: String) -> StoredIssue {
    StoredIssue {
        code: code.into(),
        severity: if code == "empty-header" || code == "unverified-refs" {
            "warning".into()
        } else {
            "error".into()
        },
        row: Some(row),
        line: Some(row + 1),
        column: Some("COD_CLIENTE".into()),
        value: Some(value),
        first_row: matches!(code, "duplicate-id" | "duplicate-value").then_some(1),
        facts: facts_and_spanish(code).0,
        message: format!("{code}: see row {row}"),
    }
}

/// A status whose one entity has two issues of every code: a marker value each (to find
/// its row in the DOM) and, in turn, the hostile cells and a 20,000-character cell.
fn every_code_status(now: SystemTime) -> Status {
    let mut report = StoredReport {
        file: Some("clientes <script>x</script>.csv".into()),
        encoding: Some("windows-1252".into()),
        delimiter: Some(";".into()),
        rows: 1234,
        rows_accepted: 1200,
        verdict: Some("partial".into()),
        columns: vec!["COD_CLIENTES".into(), "NOMBRE".into()],
        ..Default::default()
    };
    for (i, code) in codes().iter().enumerate() {
        let row = i as u64 * 10 + 2;
        report
            .issues
            .push(issue(code, row, format!("marker-{code}")));
        let hostile = match i {
            0 => "x".repeat(20_000),
            i => HOSTILE[i % HOSTILE.len()].to_string(),
        };
        report.issues.push(issue(code, row + 1, hostile));
        report.counts.insert(code.to_string(), 2);
    }
    let clean = StoredReport {
        file: Some("usuarios.csv".into()),
        encoding: Some("utf-8".into()),
        delimiter: Some(",".into()),
        rows: 42,
        rows_accepted: 42,
        verdict: Some("accepted".into()),
        ..Default::default()
    };
    let view = |name: &str, verdict: &str, report: StoredReport| EntityView {
        status: EntityStatus {
            entity: name.into(),
            last_snapshot_id: Some(1),
            last_file: report.file.clone(),
            last_received_at: Some(now - Duration::from_secs(240)),
            last_verdict: Some(verdict.into()),
            rows: report.rows,
            rows_accepted: report.rows_accepted,
            last_published_at: Some(now - Duration::from_secs(180)),
            last_error: None,
            updated_at: now,
            pending: false,
            next_attempt_at: None,
        },
        counts: report.counts.clone(),
        report: Some(report),
    };
    let runs = (0..60usize)
        .map(|i| RunRow {
            id: 60 - i as i64,
            started_at: now - Duration::from_secs(180 + 600 * i as u64),
            finished_at: Some(now - Duration::from_secs(179 + 600 * i as u64)),
            trigger: [Trigger::Change, Trigger::Rescan, Trigger::Startup][i % 3],
            summary: Some(format!(
                "checked {}, unchanged 0, refused 0, published {}, pending 0",
                i % 2,
                i % 2
            )),
            outcome: Some(Outcome::Pass(PassCounts {
                checked: (i % 2) as u64,
                published: (i % 2) as u64,
                ..PassCounts::default()
            })),
        })
        .collect();
    Status {
        paths: Paths {
            data_dir: "/var/lib/sheetdrop".into(),
            report: "/var/lib/sheetdrop/report.html".into(),
            log: "/var/lib/sheetdrop/logs".into(),
        },
        initialized: true,
        entities: vec![
            view("usuarios", "accepted", clean),
            view("clientes", "partial", report),
        ],
        outbox: vec![],
        runs,
    }
}

#[test]
fn report_with_every_issue_code_in_headless_chromium() {
    let now = SystemTime::now();
    let status = every_code_status(now);
    let destination = Destination::Local {
        folder: "/srv/sheetdrop/outbox".into(),
    };
    let page = Page {
        lang: Lang::Es,
        now,
        destination: &destination,
    };
    let path = artifacts().join("report-every-code.html");
    html::write(&path, &status, &page).unwrap();
    let source = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        source.matches("<tr class=\"issue\"").count(),
        codes().len() * 2
    );
    assert_eq!(
        source.matches("\n<tr><td>").count(),
        html::TIMELINE_RUNS,
        "the timeline shows the last 50 runs"
    );
    assert!(
        !source.contains("<script"),
        "no script element in the source"
    );

    let Some(chromium) = chromium() else { return };
    let dom = dump_dom(&chromium, &path);
    // Every issue row is in the DOM, with its marker, and every hostile cell is text.
    assert_eq!(
        dom.matches("<tr class=\"issue\"").count(),
        codes().len() * 2,
        "issue rows in the DOM"
    );
    for code in codes() {
        assert!(
            dom.contains(&format!(">marker-{code}<")),
            "{code}: no row in the DOM"
        );
        assert!(
            dom.contains(&format!("data-code=\"{code}\"")),
            "{code}: no group"
        );
        // The detail is said in Spanish, from the issue's facts.
        let spanish = facts_and_spanish(code).1;
        assert!(dom.contains(spanish), "{code}: no {spanish:?} in the DOM");
    }
    // No detail fell back to validate's English message.
    assert!(
        !dom.contains("see row"),
        "an English message in the es report"
    );
    assert!(
        !dom.contains("<span lang=\"en\">"),
        "a detail marked English"
    );
    assert!(
        !dom.contains("<script"),
        "a <script> element was injected:\n{dom}"
    );
    assert!(!dom.contains("<img"), "an <img> element was injected");
    assert!(!dom.contains("<h1>injected"), "markup was injected");
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(dom.contains("O'Brien &amp; \"Hijos\" &lt;S.A.&gt;"));
    assert!(dom.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h1&gt;injected"));
    assert!(dom.contains(&"x".repeat(20_000)), "the long cell is whole");
    assert!(!dom.contains("pwned</title>"), "no script ran");
    screenshot(
        &chromium,
        &path,
        &artifacts().join("report-every-code.png"),
        1280,
        7200,
    );
}

#[cfg(unix)]
#[test]
fn the_agent_writes_the_report_after_a_pass() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("exportaciones");
    util::copy_dir(&util::fixture("six/defective"), &folder);
    for entry in std::fs::read_dir(&folder).unwrap() {
        util::set_age(&entry.unwrap().path(), 60);
    }
    let mut config = std::fs::read_to_string(util::fixture("six/sheetdrop.toml")).unwrap();
    config = config.replace("language = \"en\"", "language = \"pt-BR\"");
    config.push_str(&format!(
        "\n[source]\nfolder = {:?}\nsettle_seconds = 1\n\n[destination]\nkind = \"local\"\nfolder = {:?}\n",
        folder,
        tmp.path().join("outbox")
    ));
    let config_path = tmp.path().join("sheetdrop.toml");
    std::fs::write(&config_path, config).unwrap();
    let data = tmp.path().join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sheetdrop"))
        .arg("run")
        .arg("--once")
        .arg("--config")
        .arg(&config_path)
        .arg("--data-dir")
        .arg(&data)
        .env("HOME", tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("sheetdrop run --once did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(matches!(code, Some(0 | 1)), "run --once failed: {code:?}");
    let report = data.join("report.html");
    let source = std::fs::read_to_string(&report).expect("report.html written after the pass");
    assert!(source.contains("<html lang=\"pt-BR\">"), "config language");
    for entity in ["usuarios", "clientes", "ventas", "unidades", "servicios"] {
        assert!(
            source.contains(&format!("id=\"e-{entity}\"")),
            "{entity} has no section"
        );
    }
    let status: serde_json::Value = {
        let out = Command::new(env!("CARGO_BIN_EXE_sheetdrop"))
            .args(["status", "--json", "--data-dir"])
            .arg(&data)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let counted: u64 = status["entities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["counts"].as_object().unwrap().values())
        .map(|n| n.as_u64().unwrap())
        .sum();
    let rows = source.matches("<tr class=\"issue\"").count() as u64;
    assert!(
        rows > 0 && rows <= counted,
        "{rows} issue rows, {counted} counted"
    );
    assert!(source.contains("Atividade recente"));
    // The agent stores each issue's facts, so every detail is said in Portuguese: none falls
    // back to validate's English message. (six/defective: ventas row 2 names client C9.)
    assert!(
        !source.contains("<span lang=\"en\">"),
        "a detail in English in the pt-BR report"
    );
    for words in [
        "não é um ID de clientes (clientes.csv)",
        "já usado no registro 2",
        "o registro tem ",
    ] {
        assert!(source.contains(words), "{words:?} in the pt-BR report");
    }
    // No temp file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("report") && n != "report.html")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let Some(chromium) = chromium() else { return };
    let dom = dump_dom(&chromium, &report);
    assert_eq!(dom.matches("<tr class=\"issue\"").count() as u64, rows);
    let copy = artifacts().join("report-agent-run.html");
    std::fs::copy(&report, &copy).unwrap();
    screenshot(
        &chromium,
        &copy,
        &artifacts().join("report-agent-run.png"),
        1280,
        3600,
    );
}

/// The Chromium binary, or `None` after a loud message saying the browser checks are skipped.
fn chromium() -> Option<PathBuf> {
    let candidates = std::env::var_os("SHEETDROP_CHROMIUM")
        .map(|p| vec![PathBuf::from(p)])
        .unwrap_or_else(|| {
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .map(PathBuf::from)
                .collect()
        });
    for candidate in candidates {
        let found = Command::new(&candidate)
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if found {
            return Some(candidate);
        }
    }
    // Straight to the process's stderr: libtest captures `eprintln!` of passing tests, and
    // this must show in CI's log.
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        b"\n################################################################################\n\
         ### SKIPPED: the headless-Chromium checks of the HTML report did not run:     ###\n\
         ### chromium is not installed. Install it with `apt-get install -y chromium`  ###\n\
         ### (.ci/run does), or point SHEETDROP_CHROMIUM at a Chromium binary.        ###\n\
         ################################################################################\n",
    );
    None
}

/// Runs Chromium headless on `page` with `extra` arguments; returns its stdout.
fn run_chromium(chromium: &Path, page: &Path, extra: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    assert!(status.success(), "chromium failed: {status}\n{err}");
    out
}

/// The DOM Chromium built from `page`, serialized.
fn dump_dom(chromium: &Path, page: &Path) -> String {
    let dom = run_chromium(chromium, page, &["--dump-dom".into()]);
    assert!(dom.contains("<main>"), "chromium dumped no page:\n{dom}");
    dom
}

/// A `width`×`height` screenshot of `page` into `png`.
fn screenshot(chromium: &Path, page: &Path, png: &Path, width: u32, height: u32) {
    let _ = std::fs::remove_file(png);
    run_chromium(
        chromium,
        page,
        &[
            format!("--screenshot={}", png.display()),
            format!("--window-size={width},{height}"),
        ],
    );
    let bytes = std::fs::read(png).expect("chromium wrote the screenshot");
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    let line = format!("report screenshot: {}\n", png.display());
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
}
