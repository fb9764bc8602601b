//! The tray end to end: `sheetdrop run` under Xvfb with a private D-Bus session bus shows its
//! StatusNotifierItem, serves its icon and menu, and a click on "Salir" (a dbusmenu `Event`,
//! as a tray host sends it) stops it with exit code 0. Without a display it runs headless
//! and says so once.
//!
//! Debian has no StatusNotifier host that runs without a full desktop, so this test is the
//! host: it owns `org.kde.StatusNotifierWatcher` on the private bus, takes the item's
//! registration, reads its icon and menu over D-Bus, draws the icon on the Xvfb screen with
//! ImageMagick's `display` and screenshots it with `import` (artifacts in
//! `target/tray-test/`, not committed). Without Xvfb or dbus-daemon it skips, loudly.
#![cfg(all(unix, not(target_os = "macos")))]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use zbus::zvariant::OwnedValue;

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

/// A folder with one clean entity file and a config publishing it to a local folder.
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

fn start_xvfb() -> (Guard, String) {
    let display = format!(":{}", 100 + std::process::id() % 800);
    let xvfb = Command::new("Xvfb")
        .args([&display, "-screen", "0", "240x200x24", "-nolisten", "tcp"])
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let socket = format!("/tmp/.X11-unix/X{}", &display[1..]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !Path::new(&socket).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    (Guard(xvfb), display)
}

fn get_property(conn: &zbus::blocking::Connection, name: &str, prop: &str) -> OwnedValue {
    let reply = conn
        .call_method(
            Some(name),
            "/StatusNotifierItem",
            Some("org.freedesktop.DBus.Properties"),
            "Get",
            &("org.kde.StatusNotifierItem", prop),
        )
        .unwrap_or_else(|e| panic!("{prop}: {e}"));
    reply.body().deserialize().unwrap()
}

/// The menu's current items (GetLayout), as (id, label); separators have no label.
fn menu_labels(conn: &zbus::blocking::Connection, name: &str) -> Vec<(i32, String)> {
    type Node = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);
    let reply = conn
        .call_method(
            Some(name),
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

#[test]
fn the_tray_comes_up_shows_its_icon_and_quits_from_its_menu() {
    if !have("Xvfb") || !have("dbus-daemon") {
        skip("Xvfb and dbus-daemon (apt-get install xvfb dbus)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = setup(dir.path());
    let (_bus, address) = start_bus(dir.path());
    let (_xvfb, display) = start_xvfb();

    let (tx, registered) = mpsc::channel();
    let conn = zbus::blocking::connection::Builder::address(address.as_str())
        .unwrap()
        .name("org.kde.StatusNotifierWatcher")
        .unwrap()
        .serve_at("/StatusNotifierWatcher", Watcher { registered: tx })
        .unwrap()
        .build()
        .expect("the test's watcher is on the bus");

    let log = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
    let agent = Command::new(env!("CARGO_BIN_EXE_sheetdrop"))
        .args(["run", "--config"])
        .arg(&config)
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .env("DISPLAY", &display)
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .env_remove("WAYLAND_DISPLAY")
        .stderr(log)
        .spawn()
        .unwrap();
    let mut agent = Guard(agent);
    let stderr = || std::fs::read_to_string(dir.path().join("stderr.log")).unwrap_or_default();

    let name = registered
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("the item never registered; agent's log:\n{}", stderr()));

    // The file is published; then the menu and the icon say so.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut labels = menu_labels(&conn, &name);
    while !labels
        .iter()
        .any(|(_, l)| l.starts_with("clientes: Aceptado"))
    {
        assert!(
            Instant::now() < deadline,
            "menu {labels:?}; log:\n{}",
            stderr()
        );
        std::thread::sleep(Duration::from_millis(200));
        labels = menu_labels(&conn, &name);
    }
    let tooltip: ToolTip = get_property(&conn, &name, "ToolTip").try_into().unwrap();
    assert!(
        tooltip.3.starts_with("Todo publicado · "),
        "tooltip {:?}",
        tooltip.3
    );
    let icons: Vec<(i32, i32, Vec<u8>)> =
        get_property(&conn, &name, "IconPixmap").try_into().unwrap();
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
    let label = |s: &str| labels.iter().find(|(_, l)| l == s).map(|(id, _)| *id);
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
        assert!(label(item).is_some(), "{item} in {text:?}");
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
                .env("DISPLAY", &display)
                .spawn()
                .unwrap(),
        );
        std::thread::sleep(Duration::from_secs(2));
        let shot = artifacts().join("screenshot.png");
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&shot)
            .env("DISPLAY", &display)
            .status()
            .unwrap();
        assert!(status.success() && shot.exists());
        eprintln!("tray screenshot: {}", shot.display());
    } else {
        skip("ImageMagick (display, import) for the screenshot; the rest was checked");
    }

    // "Pausar" changes the icon; "Salir" stops the agent with 0.
    conn.call_method(
        Some(name.as_str()),
        "/MenuBar",
        Some("com.canonical.dbusmenu"),
        "Event",
        &(
            label("Pausar").unwrap(),
            "clicked",
            zbus::zvariant::Value::from(0i32),
            0u32,
        ),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status: String = get_property(&conn, &name, "ToolTip")
            .try_into()
            .map(|t: ToolTip| t.3)
            .unwrap();
        if status.starts_with("En pausa") {
            break;
        }
        assert!(Instant::now() < deadline, "not paused: {status}");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(menu_labels(&conn, &name)
        .iter()
        .any(|(_, l)| l == "Reanudar"));
    let quit = menu_labels(&conn, &name)
        .into_iter()
        .find(|(_, l)| l == "Salir")
        .map(|(id, _)| id)
        .expect("Salir in the menu");
    conn.call_method(
        Some(name.as_str()),
        "/MenuBar",
        Some("com.canonical.dbusmenu"),
        "Event",
        &(quit, "clicked", zbus::zvariant::Value::from(0i32), 0u32),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    let code = loop {
        if let Some(status) = agent.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running after Salir:\n{}",
            stderr()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(code.success(), "{code:?}\n{}", stderr());
    let log = stderr();
    assert!(log.contains("tray icon shown"), "{log}");
    assert!(log.contains("Quit"), "{log}");
    assert!(dir.path().join("outbox/clientes.csv").exists());
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
