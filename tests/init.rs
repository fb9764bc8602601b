//! End-to-end tests of `sheetdrop init` through the binary: a folder of exports generated
//! here (other entity and column names than the sample, dated file names, Windows-1252 and
//! `;`, planted defects) → the config written names the true entities, IDs and references,
//! and no wrong reference is active; exit codes 0/1/2; `--force`.

mod util;

use sheetdrop::config::Config;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use util::*;

/// Writes `text` as Windows-1252 (CRLF line breaks).
fn write_1252(path: &Path, text: &str) {
    let text = text.replace('\n', "\r\n");
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!bad, "all of it is Windows-1252");
    fs::write(path, bytes).unwrap();
}

/// An auto-parts distributor's exports: vendedores (text codes), lojas (8 stores),
/// clientes (3,000, numeric IDs, a unique CPF beside them) and pedidos referencing all
/// three, with a fiscal-year column (2015..2024, inside clientes' ID range) and a quantity
/// column (1..5, inside lojas' range) that are not references. With `defects`: two
/// duplicate client IDs and one order of a client that does not exist.
fn exports(folder: &Path, defects: bool) {
    fs::create_dir_all(folder).unwrap();
    let mut v = String::from("ID_VENDEDOR,NOME,REGIAO\n");
    for i in 1..=30 {
        v += &format!("V{i:03},Vendedor {i},R{}\n", i % 4);
    }
    fs::write(folder.join("Vendedores 2026-12-07.csv"), v).unwrap();

    let mut l = String::from("CODIGO;CIDADE\n");
    for i in 1..=8 {
        l += &format!("{i};Cidade {i}\n");
    }
    write_1252(&folder.join("LOJAS_20261207.CSV"), &l);

    let mut c = String::from("NRO_CLIENTE;RAZÃO SOCIAL;CPF;CIDADE\n");
    for i in 1..=3000u32 {
        let id = match (defects, i) {
            (true, 100) => 99,
            (true, 200) => 199,
            _ => i,
        };
        let cpf = format!("{:03}.{:03}.{:03}-{:02}", i % 997, i / 7, i, i % 89);
        c += &format!("{id};Razão Social nº {i};{cpf};São Paulo\n");
    }
    write_1252(&folder.join("clientes (1).csv"), &c);

    let mut p = String::from("NUM_PEDIDO;CLIENTE;COD_VEND;LOJA;EJERCICIO;QTD;OBS\n");
    for i in 1..=4000u32 {
        let cliente = if defects && i == 77 {
            99_999
        } else {
            i * 7 % 3000 + 1
        };
        let loja = if i % 5 == 0 {
            String::new()
        } else {
            (i % 8 + 1).to_string()
        };
        p += &format!(
            "{};{cliente};V{:03};{loja};{};{};peça nº {i}\n",
            500_000 + i,
            i % 30 + 1,
            2015 + i % 10,
            i % 5 + 1
        );
    }
    write_1252(&folder.join("Pedidos-2026_12_07T1530.csv"), &p);
}

/// `sheetdrop init FOLDER --config CONFIG [extra...]`.
fn init(folder: &Path, config: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "init".as_ref(),
        folder.as_os_str(),
        "--config".as_ref(),
        config.as_os_str(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    sheetdrop(&args)
}

/// The written config's entities in order, with their file pattern and ID, and its active
/// references.
fn read_back(config: &Path) -> (Vec<(String, String, String)>, BTreeSet<String>) {
    let config = Config::from_file(config).unwrap();
    let mut entities = Vec::new();
    let mut refs = BTreeSet::new();
    for e in config.catalog.entities() {
        entities.push((
            e.name.clone(),
            e.file.clone(),
            e.id.clone().unwrap_or_default(),
        ));
        for r in &e.refs {
            refs.insert(format!(
                "{}.{} -> {} {}",
                e.name, r.column, r.entity, r.required
            ));
        }
    }
    (entities, refs)
}

#[test]
fn init_writes_the_true_entities_ids_and_references_and_no_wrong_one() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("exports");
    exports(&folder, true);
    let config = dir.path().join("conf/sheetdrop.toml");
    let out = init(&folder, &config, &[]);
    // Written, and the folder checked with it: the planted defects are errors (exit 1).
    out.assert_code(1, "init on a folder with defects");
    let (entities, refs) = read_back(&config);
    let text = fs::read_to_string(&config).unwrap();
    let names: Vec<&str> = entities.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        names.last(),
        Some(&"pedidos"),
        "parents first: {names:?}\n{text}"
    );
    let sorted: BTreeSet<_> = entities.iter().cloned().collect();
    let expected: BTreeSet<(String, String, String)> = [
        ("clientes", "clientes*.csv", "NRO_CLIENTE"),
        ("lojas", "lojas*.csv", "CODIGO"),
        ("pedidos", "pedidos*.csv", "NUM_PEDIDO"),
        ("vendedores", "vendedores*.csv", "ID_VENDEDOR"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(sorted, expected, "{text}");
    let expected: BTreeSet<String> = [
        "pedidos.CLIENTE -> clientes true",
        "pedidos.COD_VEND -> vendedores true",
        "pedidos.LOJA -> lojas false",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        refs, expected,
        "only the true references are active:\n{text}"
    );
    // The year and the quantity are written commented out, with why.
    for column in ["EJERCICIO", "QTD"] {
        let line = format!("# {{ column = \"{column}\"");
        assert!(text.contains(&line), "{column} commented out:\n{text}");
    }
    // The evidence beside the reference: 3,996 of 4,000 values (the dangling one, and the
    // orders of the two clients whose IDs were overwritten by duplicates), in any
    // language's thousands separator.
    let evidence = text
        .lines()
        .find(|l| l.contains("clientes.NRO_CLIENTE") && !l.contains("EJERCICIO"))
        .unwrap_or_default();
    assert!(
        evidence.contains("3.996") || evidence.contains("3,996"),
        "evidence:\n{text}"
    );
    // The summary of the check that followed names the defects.
    assert!(out.stdout.contains("pedidos"), "{}", out.stdout);
}

#[test]
fn init_exits_0_on_a_clean_folder_2_without_force_and_replaces_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("exports");
    exports(&folder, false);
    let config = dir.path().join("sheetdrop.toml");
    init(&folder, &config, &[]).assert_code(0, "a clean folder");
    let first = fs::read_to_string(&config).unwrap();

    // An existing file is never replaced without --force: exit 2, untouched.
    fs::write(&config, "# mine\n").unwrap();
    let out = init(&folder, &config, &[]);
    out.assert_code(2, "the config exists");
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(fs::read_to_string(&config).unwrap(), "# mine\n");

    init(&folder, &config, &["--force"]).assert_code(0, "--force");
    assert_eq!(fs::read_to_string(&config).unwrap(), first);

    // A folder with no exports: nothing written, exit 2.
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    fs::write(empty.join("notes.pdf"), "x").unwrap();
    let none = dir.path().join("none.toml");
    init(&empty, &none, &[]).assert_code(2, "no exports");
    assert!(!none.exists());
    // A folder that does not exist: the same.
    init(&dir.path().join("missing"), &none, &[]).assert_code(2, "no folder");
    assert!(!none.exists());
}

#[test]
fn init_on_the_bundled_sample_finds_the_hand_written_ids_and_references() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("sample");
    fs::create_dir_all(&folder).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    for entry in fs::read_dir(&sample).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
        }
    }
    let config = dir.path().join("sheetdrop.toml");
    init(&folder, &config, &[]).assert_code(0, "the sample is clean");
    let (written, refs) = read_back(&config);
    let (by_hand, hand_refs) = read_back(&sample.join("sheetdrop.toml"));
    let ids = |e: &[(String, String, String)]| -> BTreeSet<(String, String)> {
        e.iter().map(|(n, _, id)| (n.clone(), id.clone())).collect()
    };
    assert_eq!(ids(&written), ids(&by_hand));
    // Every reference written by hand, and one more the sample's config leaves out: each
    // user's branch.
    let extra: Vec<_> = refs.difference(&hand_refs).collect();
    assert_eq!(extra, ["usuarios.SUCURSAL -> sucursales true"]);
    assert!(hand_refs.is_subset(&refs), "{refs:?}");
}

#[test]
fn init_preset_tecnom_matches_the_catalog_and_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("sample");
    fs::create_dir_all(&folder).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    // Dated names, and no servicios file.
    for name in ["usuarios", "sucursales", "clientes", "ventas", "unidades"] {
        let to = folder.join(format!("{} 2026-12-07.csv", name.to_uppercase()));
        fs::copy(sample.join(format!("{name}.csv")), to).unwrap();
    }
    let config = dir.path().join("sheetdrop.toml");
    let out = init(&folder, &config, &["--preset", "tecnom"]);
    out.assert_code(0, "the sample is clean");
    assert!(out.stderr.contains("servicios"), "said: {}", out.stderr);
    let (written, refs) = read_back(&config);
    let names: Vec<&str> = written.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        names,
        ["usuarios", "sucursales", "clientes", "ventas", "unidades"]
    );
    let (_, hand_refs) = read_back(&sample.join("sheetdrop.toml"));
    let expected: BTreeSet<String> = hand_refs
        .into_iter()
        .filter(|r| !r.starts_with("servicios."))
        .collect();
    // The preset's dependencies only: usuarios.SUCURSAL, found in the data, stays commented.
    assert_eq!(refs, expected);
    let text = fs::read_to_string(&config).unwrap();
    assert!(text.contains("# { column = \"SUCURSAL\""), "{text}");
}

/// A CUIT for `dni` with a check digit the config's format accepts (none when AFIP would
/// change the prefix instead).
fn cuit(dni: u32) -> Option<String> {
    let format = sheetdrop::config::Format::parse("cuit").unwrap();
    (0..10)
        .map(|d| format!("20-{dni:08}-{d}"))
        .find(|c| format.matches(c))
}

#[test]
fn init_proposes_the_formats_the_values_have_and_unique_for_a_tax_id() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("exports");
    fs::create_dir_all(&folder).unwrap();
    let mut c = String::from("COD_CLIENTE;NOMBRE;CUIT;EMAIL;ALTA\n");
    for (i, cuit) in (30_000_000..).filter_map(cuit).take(300).enumerate() {
        c += &format!(
            "C{i};Nombre {};{cuit};cliente{i}@correo.com.ar;{:02}/{:02}/2024\n",
            i % 50,
            i % 28 + 1,
            i % 12 + 1
        );
    }
    write_1252(&folder.join("clientes_20261207.csv"), &c);
    let config = dir.path().join("sheetdrop.toml");
    let out = init(&folder, &config, &[]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let loaded = Config::from_file(&config).unwrap();
    // The config keeps the rules by column name.
    let rules: Vec<(String, String, bool)> = loaded.catalog.entities()[0]
        .columns
        .iter()
        .map(|r| {
            let format = r.format_text.clone().unwrap_or_default();
            (r.column.clone(), format, r.unique)
        })
        .collect();
    let rule = |c: &str, f: &str, u| (c.to_string(), f.to_string(), u);
    assert_eq!(
        rules,
        [
            rule("ALTA", "date:dd/mm/yyyy", false),
            rule("CUIT", "cuit", true),
            rule("EMAIL", "email", false),
        ],
        "{}",
        fs::read_to_string(&config).unwrap()
    );
    let text = fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("# 300 de 300 valores tienen el formato cuit."),
        "{text}"
    );
}
