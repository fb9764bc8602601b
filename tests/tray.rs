//! The tray end to end: `sheetdrop run` under Xvfb with a private D-Bus session bus shows its
//! StatusNotifierItem, serves its icon and menu, and a click on "Salir" (a dbusmenu `Event`,
//! as a tray host sends it) stops it with exit code 0; its desktop notifications (a rejected
//! file, publishing failing and recovering, "Acerca de") reach the notification server once
//! each, and "Copiar diagnóstico" puts the diagnostic text on the X clipboard. Without a
//! display it runs headless and says so once.
//!
//! Debian has no StatusNotifier host or notification server that runs without a full
//! desktop, so this test is both: it owns `org.kde.StatusNotifierWatcher` and
//! `org.freedesktop.Notifications` on the private bus, takes the item's registration, reads
//! its icon and menu over D-Bus and records every notification. The icon is drawn on the Xvfb
//! screen with ImageMagick's `display` and screenshotted with `import` (artifacts in
//! `target/tray-test/`, not committed). Without Xvfb or dbus-daemon it skips, loudly.
#![cfg(all(unix, not(target_os = "macos")))]

mod util;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use util::{wait_until, Running};
use zbus::zvariant::OwnedValue;

/// How long anything the agent does may take before the test fails (it takes a second or
/// two; the margin is for a loaded CI machine).
const WITHIN: Duration = Duration::from_secs(30);

/// A StatusNotifierItem's `ToolTip`: icon name, icon pixmaps, title, description.
type ToolTip = (String, Vec<(i32, i32, Vec<u8>)>, String, String);

fn skip(why: &str) {
    let line = format!("SKIPPED: the tray test needs {why}");
    let bar = "#".repeat(line.len() + 4);
    eprintln!("\n{bar}\n# {line} #\n{bar}\n");
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Kills and reaps a helper process when the test ends, however it ends.
struct Guard(Child);
impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tray-test");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A folder with one clean entity file and a config (in Spanish) publishing it to a local
/// folder.
fn setup(dir: &Path) -> PathBuf {
    let exports = dir.join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    std::fs::write(
        exports.join("clientes.csv"),
        "COD_CLIENTE;NOMBRE\n1;Ana\n2;Luis\n",
    )
    .unwrap();
    let config = dir.join("sheetdrop.toml");
    std::fs::write(
        &config,
        "language = \"es\"\n\n[source]\nfolder = \"exports\"\nsettle_seconds = 1\n\n\
         [destination]\nkind = \"local\"\nfolder = \"outbox\"\n\n\
         [[entity]]\nname = \"clientes\"\nfile = \"clientes.csv\"\nid = \"COD_CLIENTE\"\n",
    )
    .unwrap();
    config
}

/// The minimal StatusNotifierWatcher a host provides: items register with it.
struct Watcher {
    registered: mpsc::Sender<String>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(
        &self,
        service: String,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) {
        // The service is a bus name, or an object path on the caller's connection.
        let name = if service.starts_with('/') {
            header.sender().map(|s| s.to_string()).unwrap_or_default()
        } else {
            service
        };
        let _ = self.registered.send(name);
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        vec![]
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

/// One `Notify` call, as the notification server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    app_name: String,
    summary: String,
    body: String,
}

/// The desktop's notification server (Desktop Notifications Specification 1.2), reduced to
/// recording what it is asked to show, in order.
struct Notifications {
    shown: mpsc::Sender<Shown>,
    last_id: AtomicU32,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Notifications {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let _ = self.shown.send(Shown {
            app_name,
            summary,
            body,
        });
        match replaces_id {
            0 => self.last_id.fetch_add(1, Ordering::SeqCst) + 1,
            id => id,
        }
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into()]
    }

    #[zbus(out_args("name", "vendor", "version", "spec_version"))]
    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "tray-test".into(),
            "sheetdrop".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    fn close_notification(&self, _id: u32) {}
}

fn start_bus(dir: &Path) -> (Guard, String) {
    let mut bus = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .arg(format!("--address=unix:path={}", dir.join("bus").display()))
        .stdout(Stdio::piped())
        .spawn()
        .expect("dbus-daemon starts");
    let mut line = String::new();
    BufReader::new(bus.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (Guard(bus), line.trim().to_string())
}

/// An Xvfb on a display it picks itself (`-displayfd`), so tests running at once never
/// collide; it prints the number once it accepts clients.
fn start_xvfb() -> (Guard, String) {
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "240x200x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let mut line = String::new();
    BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let number: u32 = line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("Xvfb -displayfd printed {line:?}"));
    (Guard(xvfb), format!(":{number}"))
}

/// A desktop for one test: Xvfb, a private session bus on which the test is the tray host and
/// the notification server, and `sheetdrop run --config <config>` shown on both.
struct Desktop {
    /// Where the agent's data (state store, log) is.
    data: PathBuf,
    /// The X display, `:N`.
    display: String,
    /// The test's connection: the watcher and the notification server.
    host: zbus::blocking::Connection,
    /// The agent's StatusNotifierItem (its bus name).
    item: String,
    /// Every notification shown, in order.
    notices: mpsc::Receiver<Shown>,
    /// Fields drop in order: the agent goes before its display and bus.
    agent: Running,
    _xvfb: Guard,
    _bus: Guard,
}

impl Desktop {
    fn start(dir: &Path, config: &Path) -> Desktop {
        let (bus, address) = start_bus(dir);
        let (xvfb, display) = start_xvfb();
        let (registered_tx, registered) = mpsc::channel();
        let (shown, notices) = mpsc::channel();
        let host = zbus::blocking::connection::Builder::address(address.as_str())
            .unwrap()
            .name("org.kde.StatusNotifierWatcher")
            .unwrap()
            .name("org.freedesktop.Notifications")
            .unwrap()
            .serve_at(
                "/StatusNotifierWatcher",
                Watcher {
                    registered: registered_tx,
                },
            )
            .unwrap()
            .serve_at(
                "/org/freedesktop/Notifications",
                Notifications {
                    shown,
                    last_id: AtomicU32::new(0),
                },
            )
            .unwrap()
            .build()
            .expect("the test's host is on the bus");

        let data = dir.join("data");
        let (stdout, stderr) = (dir.join("stdout.log"), dir.join("stderr.log"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sheetdrop"));
        cmd.args(["run", "--config"])
            .arg(config)
            .arg("--data-dir")
            .arg(&data)
            .env("DISPLAY", &display)
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap());
        let agent = Running::spawn(cmd, "sheetdrop run".into(), stdout, stderr);
        let item = registered
            .recv_timeout(WITHIN)
            .unwrap_or_else(|_| panic!("the item never registered; log:\n{}", agent.stderr()));
        Desktop {
            data,
            display,
            host,
            item,
            notices,
            agent,
            _xvfb: xvfb,
            _bus: bus,
        }
    }

    fn property(&self, prop: &str) -> OwnedValue {
        let reply = self
            .host
            .call_method(
                Some(self.item.as_str()),
                "/StatusNotifierItem",
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.kde.StatusNotifierItem", prop),
            )
            .unwrap_or_else(|e| panic!("{prop}: {e}"));
        reply.body().deserialize().unwrap()
    }

    /// The tooltip's description (the status line).
    fn tooltip(&self) -> String {
        let tooltip: ToolTip = self.property("ToolTip").try_into().unwrap();
        tooltip.3
    }

    /// The menu's current items (GetLayout), as (id, label); separators have no label.
    fn menu(&self) -> Vec<(i32, String)> {
        type Node = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);
        let reply = self
            .host
            .call_method(
                Some(self.item.as_str()),
                "/MenuBar",
                Some("com.canonical.dbusmenu"),
                "GetLayout",
                &(0i32, -1i32, Vec::<String>::new()),
            )
            .expect("GetLayout");
        let (_revision, root): (u32, Node) = reply.body().deserialize().unwrap();
        root.2
            .into_iter()
            .filter_map(|child| {
                let (id, props, _): Node = child.try_into().unwrap();
                let label = props.get("label")?.try_clone().ok()?;
                Some((id, String::try_from(label).ok()?))
            })
            .collect()
    }

    /// The menu once one of its labels starts with `prefix`.
    fn wait_menu(&self, prefix: &str) -> Vec<(i32, String)> {
        let start = Instant::now();
        loop {
            let labels = self.menu();
            if labels.iter().any(|(_, l)| l.starts_with(prefix)) {
                return labels;
            }
            assert!(
                start.elapsed() < WITHIN,
                "no {prefix:?} in the menu {labels:?}; log:\n{}",
                self.agent.stderr()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Clicks the menu item labelled `label`, as a tray host does (dbusmenu `Event`).
    fn click(&self, label: &str) {
        let labels = self.menu();
        let id = labels
            .iter()
            .find(|(_, l)| l == label)
            .map(|(id, _)| *id)
            .unwrap_or_else(|| panic!("{label} in the menu {labels:?}"));
        self.host
            .call_method(
                Some(self.item.as_str()),
                "/MenuBar",
                Some("com.canonical.dbusmenu"),
                "Event",
                &(id, "clicked", zbus::zvariant::Value::from(0i32), 0u32),
            )
            .unwrap_or_else(|e| panic!("click {label}: {e}"));
    }

    /// The next notification shown; fails the test after [`WITHIN`] without one.
    fn next_notice(&self, waiting_for: &str) -> Shown {
        let shown = self.notices.recv_timeout(WITHIN).unwrap_or_else(|_| {
            panic!(
                "no notification ({waiting_for}); menu {:?}; log:\n{}",
                self.menu(),
                self.agent.stderr()
            )
        });
        assert_eq!(shown.app_name, "sheetdrop", "{shown:?}");
        shown
    }

    /// The agent's status, read from its state store as `sheetdrop status` does.
    fn status(&self) -> sheetdrop::status::Status {
        let data = sheetdrop::agent::DataDir {
            root: self.data.clone(),
        };
        sheetdrop::status::Status::read(&data.state_db(), data.status_paths())
            .expect("the state store reads")
    }

    /// What the clipboard of the test's display holds, as another X client pastes it.
    fn clipboard(&self) -> Result<String, arboard::Error> {
        // arboard connects to $DISPLAY. Only this test sets it in this process: the others
        // give their children a display (or none) explicitly.
        std::env::set_var("DISPLAY", &self.display);
        arboard::Clipboard::new()?.get_text()
    }

    /// Clicks "Salir" and waits for the agent to exit 0; gives its log.
    fn quit(&mut self) -> String {
        self.click("Salir");
        let code = self.agent.wait_exit(WITHIN / 2);
        let log = self.agent.stderr();
        assert!(
            code.is_some_and(|c| c.success()),
            "{code:?} after Salir:\n{log}"
        );
        assert!(log.contains("Quit"), "{log}");
        log
    }
}

fn png(path: &Path, width: u32, height: u32, rgba: &[u8]) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(rgba)
        .unwrap();
}

/// True (after saying so) when this machine cannot run a desktop for the test.
fn no_desktop() -> bool {
    let missing = !have("Xvfb") || !have("dbus-daemon");
    if missing {
        skip("Xvfb and dbus-daemon (apt-get install xvfb dbus)");
    }
    missing
}

#[test]
fn the_tray_comes_up_shows_its_icon_and_quits_from_its_menu() {
    if no_desktop() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = setup(dir.path());
    let mut desktop = Desktop::start(dir.path(), &config);

    // The file is published; then the menu and the icon say so.
    let labels = desktop.wait_menu("clientes: Aceptado");
    let tooltip = desktop.tooltip();
    assert!(
        tooltip.starts_with("Todo publicado · "),
        "tooltip {tooltip:?}"
    );
    let icons: Vec<(i32, i32, Vec<u8>)> = desktop.property("IconPixmap").try_into().unwrap();
    let sizes: Vec<_> = icons.iter().map(|(w, h, _)| (*w, *h)).collect();
    assert_eq!(sizes, [(16, 16), (24, 24), (32, 32)]);
    let (w, h, argb) = icons.last().unwrap();
    let rgba: Vec<u8> = argb
        .chunks(4)
        .flat_map(|p| [p[1], p[2], p[3], p[0]])
        .collect();
    let expected = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/tray/published-32.png"),
    )
    .unwrap();
    let icon_png = artifacts().join("icon-from-dbus.png");
    png(&icon_png, *w as u32, *h as u32, &rgba);
    let decoded = {
        let mut reader = png::Decoder::new(std::io::Cursor::new(expected))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        buf
    };
    assert!(decoded == rgba, "the item serves the 'published' icon");

    let text: Vec<_> = labels.iter().map(|(id, l)| format!("{id}: {l}")).collect();
    std::fs::write(artifacts().join("menu.txt"), text.join("\n") + "\n").unwrap();
    assert!(labels[0].1.starts_with("Todo publicado"), "{text:?}");
    assert!(
        labels[1]
            .1
            .starts_with("clientes: Aceptado · 2 filas · publicado "),
        "{text:?}"
    );
    for item in [
        "Sincronizar ahora",
        "Pausar",
        "Abrir carpeta de exportaciones",
        "Ver informe",
        "Abrir registro",
        "Copiar diagnóstico",
        "Acerca de",
    ] {
        assert!(labels.iter().any(|(_, l)| l == item), "{item} in {text:?}");
    }

    // The host shows the icon: drawn on the Xvfb screen, screenshotted.
    if have("display") && have("import") {
        let scaled = artifacts().join("icon-from-dbus-x4.png");
        let _ = Command::new("convert")
            .arg(&icon_png)
            .args(["-filter", "point", "-resize", "400%"])
            .arg(&scaled)
            .status();
        let shown = if scaled.exists() { &scaled } else { &icon_png };
        let _viewer = Guard(
            Command::new("display")
                .args(["-geometry", "+20+20", "-background", "white"])
                .arg(shown)
                .env("DISPLAY", &desktop.display)
                .spawn()
                .unwrap(),
        );
        std::thread::sleep(Duration::from_secs(2));
        let shot = artifacts().join("screenshot.png");
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&shot)
            .env("DISPLAY", &desktop.display)
            .status()
            .unwrap();
        assert!(status.success() && shot.exists());
        eprintln!("tray screenshot: {}", shot.display());
    } else {
        skip("ImageMagick (display, import) for the screenshot; the rest was checked");
    }

    // "Pausar" changes the icon; "Salir" stops the agent with 0.
    desktop.click("Pausar");
    wait_until("the tooltip to say paused", WITHIN / 3, || {
        desktop.tooltip().starts_with("En pausa").then_some(())
    });
    assert!(desktop.menu().iter().any(|(_, l)| l == "Reanudar"));
    let log = desktop.quit();
    assert!(log.contains("tray icon shown"), "{log}");
    assert!(dir.path().join("outbox/clientes.csv").exists());
}

#[test]
fn notifications_and_the_diagnostics_reach_the_desktop_once_each() {
    if no_desktop() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = setup(dir.path());
    // Secrets beside the config, where a Google key and a token cache would be: the
    // diagnostic text must not carry them.
    let secret = "s3cr3t-7f2c9a41-do-not-copy";
    std::fs::write(
        dir.path().join("service-account.json"),
        format!("{{\"private_key\": \"-----BEGIN PRIVATE KEY-----{secret}\"}}"),
    )
    .unwrap();
    std::fs::write(dir.path().join("token.json"), secret).unwrap();
    let csv = dir.path().join("exports/clientes.csv");
    let outbox = dir.path().join("outbox");
    let mut desktop = Desktop::start(dir.path(), &config);
    let clientes = |desktop: &Desktop| {
        desktop
            .status()
            .entities
            .into_iter()
            .find(|e| e.entity == "clientes")
    };

    // Published at start: nothing to say (the menu shows it; notifications come before the
    // menu is redrawn, so one would be here already).
    desktop.wait_menu("clientes: Aceptado");
    assert_eq!(desktop.notices.try_recv().ok(), None);

    // A rejected file: one notification naming the entity and the file, in Spanish.
    let duplicate_ids = "COD_CLIENTE;NOMBRE\n1;Ana\n1;Luis\n";
    std::fs::write(&csv, duplicate_ids).unwrap();
    let rejected = desktop.next_notice("rejected");
    assert_eq!(
        rejected.summary,
        "clientes: el archivo clientes.csv fue rechazado y no se publicó"
    );
    assert_eq!(rejected.body, "Abra «Ver informe» para ver qué corregir.");

    // The same bad file exported again: checked again (a new snapshot), not news.
    let first = clientes(&desktop).and_then(|e| e.last_snapshot_id);
    std::fs::write(&csv, duplicate_ids).unwrap();
    wait_until("the same file checked again", WITHIN, || {
        let e = clientes(&desktop)?;
        let again = e.last_snapshot_id > first && e.last_verdict.as_deref() == Some("rejected");
        again.then_some(())
    });

    // Publishing starts failing: the destination folder is a file now, and a good file comes.
    std::fs::remove_dir_all(&outbox).unwrap();
    std::fs::write(&outbox, "not a folder").unwrap();
    std::fs::write(&csv, "COD_CLIENTE;NOMBRE\n1;Ana\n2;Luis\n3;Eva\n").unwrap();
    // Notifications come in order: a second "rejected" would come before this one.
    let failing = desktop.next_notice("publishing failing");
    assert_eq!(
        failing.summary,
        "clientes: no se puede publicar; se reintenta solo"
    );
    assert_eq!(failing.body, "Abra «Ver informe» para ver qué corregir.");

    // Still failing on the next attempt ("Sincronizar ahora" retries at once): nothing new.
    desktop.click("Sincronizar ahora");
    wait_until("a second failed attempt", WITHIN, || {
        let status = desktop.status();
        status
            .outbox
            .iter()
            .any(|o| o.entity == "clientes" && o.attempts >= 2)
            .then_some(())
    });

    // Fixed: one "recovered" (and no second "failing" before it).
    std::fs::remove_file(&outbox).unwrap();
    desktop.click("Sincronizar ahora");
    let recovered = desktop.next_notice("recovered");
    assert_eq!(
        recovered.summary,
        "clientes: se volvió a publicar con normalidad"
    );
    assert_eq!(recovered.body, "");
    assert_eq!(
        std::fs::read_to_string(outbox.join("clientes.csv")).unwrap(),
        "COD_CLIENTE,NOMBRE\n1,Ana\n2,Luis\n3,Eva\n"
    );

    // "Copiar diagnóstico": the text is on the clipboard, and a notification says so.
    desktop.click("Copiar diagnóstico");
    let copied = desktop.next_notice("diagnostics copied");
    assert_eq!(copied.summary, "Diagnóstico copiado al portapapeles");
    let text = wait_until("the diagnostics on the clipboard", WITHIN / 3, || {
        desktop.clipboard().ok()
    });
    std::fs::write(artifacts().join("diagnostics.txt"), &text).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        text.starts_with(&format!("sheetdrop {version}\n")),
        "{text}"
    );
    for line in [
        format!("config: {}", config.display()),
        format!("folder: {}", dir.path().join("exports").display()),
        format!("destination: folder {}", outbox.display()),
        "entity clientes: accepted rows=3".into(),
        "last runs:\n  ".into(),
    ] {
        assert!(text.contains(&line), "{line:?} in:\n{text}");
    }
    assert!(
        !text.contains(secret),
        "a secret in the diagnostics:\n{text}"
    );

    // "Acerca de": the version, and where things are.
    desktop.click("Acerca de");
    let about = desktop.next_notice("about");
    assert_eq!(about.summary, format!("sheetdrop {version}"));
    assert!(
        about
            .body
            .contains(&dir.path().join("exports").display().to_string()),
        "{about:?}"
    );
    // The destination in the config's language, unlike the diagnostics (for support).
    assert!(
        about
            .body
            .contains(&format!("Destino: carpeta {}", outbox.display())),
        "{about:?}"
    );

    // Nothing else, up to the end (the agent has exited: all it sent is here).
    desktop.quit();
    let more: Vec<Shown> = desktop.notices.try_iter().collect();
    assert!(
        more.is_empty(),
        "more notifications than expected: {more:?}"
    );
}

#[test]
fn without_a_display_it_runs_headless_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let config = setup(dir.path());
    let log = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
    let agent = Command::new(env!("CARGO_BIN_EXE_sheetdrop"))
        .args(["run", "--config"])
        .arg(&config)
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stderr(log)
        .spawn()
        .unwrap();
    let mut agent = Guard(agent);
    let stderr = || std::fs::read_to_string(dir.path().join("stderr.log")).unwrap_or_default();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !dir.path().join("outbox/clientes.csv").exists() {
        assert!(Instant::now() < deadline, "not published:\n{}", stderr());
        std::thread::sleep(Duration::from_millis(100));
    }
    // SIGTERM: the agent finishes its step and exits 0.
    unsafe { libc::kill(agent.0.id() as i32, libc::SIGTERM) };
    let status = agent.0.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let log = stderr();
    assert_eq!(log.matches("running headless").count(), 1, "{log}");
    assert!(log.contains("no desktop session"), "{log}");
}
