//! One scenario of an end-to-end test: a temp root holding a watched folder `in`, a
//! destination `out`, a data dir `data`, a `sheetdrop.toml`, an empty `home` and `procs` (the
//! output of every process started), and the real binary run against them with nothing of the
//! user's environment (HOME, the XDG dirs, the working directory, `SHEETDROP_LOG`, a display).

use super::{set_age, wait_until, Output, Running, TIMEOUT};
use serde_json::Value;
use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A temp root with `in`, `out` (made by the agent), `data`, the config, `home` and `procs`;
/// deleted when dropped.
pub struct Sandbox {
    root: tempfile::TempDir,
    /// Where `in`, `out`, `data` and `sheetdrop.toml` sit, relative to the root.
    base: PathBuf,
    /// How long [`Sandbox::run`] lets a command run before the test fails.
    timeout: Duration,
    spawned: Cell<u32>,
}

impl Sandbox {
    /// A sandbox whose `sheetdrop.toml` is `config(&sandbox)` (see [`Sandbox::local_config`]).
    pub fn new(config: impl FnOnce(&Sandbox) -> String) -> Sandbox {
        Sandbox::nested("", config)
    }

    /// Like [`Sandbox::new`], with `in`, `out`, `data` and `sheetdrop.toml` in the folder
    /// `base` under the root (`a/b`: a name climbing two levels up stays in the root).
    pub fn nested(base: &str, config: impl FnOnce(&Sandbox) -> String) -> Sandbox {
        let sandbox = Sandbox {
            root: tempfile::tempdir().unwrap(),
            base: PathBuf::from(base),
            timeout: TIMEOUT,
            spawned: Cell::new(0),
        };
        fs::create_dir_all(sandbox.input("")).unwrap();
        for sub in ["home", "procs"] {
            fs::create_dir(sandbox.path(sub)).unwrap();
        }
        sandbox.write_config(&config(&sandbox));
        sandbox
    }

    /// The same sandbox, whose commands may run `timeout` (120 s unless set).
    pub fn with_timeout(mut self, timeout: Duration) -> Sandbox {
        self.timeout = timeout;
        self
    }

    /// A config in `language` watching `in` with the `[source]` lines `source` (each ending in
    /// a line break), publishing to the local folder `out`, then `rest` (policy, entities).
    pub fn local_config(&self, language: &str, source: &str, rest: &str) -> String {
        format!(
            "language = \"{language}\"\n\n[source]\nfolder = '{}'\n{source}\n\
             [destination]\nkind = \"local\"\nfolder = '{}'\n{rest}",
            self.dir("in").display(),
            self.dir("out").display(),
        )
    }

    /// A config in `language` watching `in` (settled after a second) and publishing to Google
    /// at `endpoint` with the `[destination.google]` lines `google` (each ending in a line
    /// break), then `rest` (policy, entities).
    pub fn google_config(
        &self,
        language: &str,
        endpoint: &str,
        google: &str,
        rest: &str,
    ) -> String {
        format!(
            "language = \"{language}\"\n\n[source]\nfolder = '{}'\nsettle_seconds = 1\n\n\
             [destination]\nkind = \"google\"\n\n[destination.google]\nendpoint = \"{endpoint}\"\n\
             {google}\n{rest}",
            self.dir("in").display(),
        )
    }

    /// A path under the root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// A path under the folder of `in`, `out`, `data` and the config.
    fn dir(&self, rel: &str) -> PathBuf {
        self.root.path().join(&self.base).join(rel)
    }

    /// A file of the watched folder.
    pub fn input(&self, name: &str) -> PathBuf {
        self.dir("in").join(name)
    }

    /// The `--data-dir`.
    pub fn data_dir(&self) -> PathBuf {
        self.dir("data")
    }

    /// The config file.
    pub fn config(&self) -> PathBuf {
        self.dir("sheetdrop.toml")
    }

    /// Replaces the config file's text.
    pub fn write_config(&self, text: &str) {
        fs::write(self.config(), text).unwrap();
    }

    /// Writes a file of the watched folder dated a minute ago: settled already.
    pub fn write_old(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.input(name);
        fs::write(&path, bytes).unwrap();
        set_age(&path, 60);
        path
    }

    /// The published CSV of `entity`, if any.
    pub fn published(&self, entity: &str) -> Option<String> {
        fs::read_to_string(self.dir("out").join(format!("{entity}.csv"))).ok()
    }

    /// `manifest.json`'s entry for `entity` (`Null` when there is none).
    pub fn entry(&self, entity: &str) -> Value {
        match fs::read(self.dir("out/manifest.json")) {
            Ok(bytes) => {
                serde_json::from_slice::<Value>(&bytes).unwrap()["entities"][entity].clone()
            }
            Err(_) => Value::Null,
        }
    }

    /// `sheetdrop ARGS --config … --data-dir …` with the sandbox's environment; stdout and
    /// stderr are set by [`Sandbox::start`].
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_with_data_dir(args, &self.data_dir())
    }

    /// The same with another `--data-dir`.
    pub fn command_with_data_dir(&self, args: &[&str], data_dir: &Path) -> Command {
        let cmd = Command::new(env!("CARGO_BIN_EXE_sheetdrop"));
        self.isolated(cmd, args, data_dir)
    }

    /// `sheetdrop ARGS` with the sandbox's environment, and neither `--config` nor
    /// `--data-dir`.
    pub fn bare_command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sheetdrop"));
        cmd.args(args);
        self.environment(&mut cmd);
        cmd
    }

    /// [`Sandbox::command`] started by `sh -c 'PRELUDE && exec "$@"'` (a `ulimit`, a `umask`): what the
    /// test sets on the very process, not a number the binary is trusted to apply.
    pub fn command_under(&self, prelude: &str, args: &[&str]) -> Command {
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg(format!("{prelude} && exec \"$@\""))
            .arg("sh")
            .arg(env!("CARGO_BIN_EXE_sheetdrop"));
        self.isolated(sh, args, &self.data_dir())
    }

    fn isolated(&self, mut cmd: Command, args: &[&str], data_dir: &Path) -> Command {
        cmd.args(args)
            .arg("--config")
            .arg(self.config())
            .arg("--data-dir")
            .arg(data_dir);
        self.environment(&mut cmd);
        cmd
    }

    /// The working directory `home`, HOME and the XDG dirs under it, no `SHEETDROP_LOG`, no
    /// display, no stdin.
    fn environment(&self, cmd: &mut Command) {
        cmd.current_dir(self.path("home"))
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home/.config"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env_remove("SHEETDROP_LOG")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null());
    }

    /// Starts `cmd` with its stdout and stderr to new files under `procs`; `what` names it in
    /// failure messages. The guard kills it if the test ends first.
    pub fn start(&self, mut cmd: Command, what: &str) -> Running {
        let n = self.spawned.get() + 1;
        self.spawned.set(n);
        let stdout = self.path(&format!("procs/{n}.out"));
        let stderr = self.path(&format!("procs/{n}.err"));
        cmd.stdout(fs::File::create(&stdout).unwrap())
            .stderr(fs::File::create(&stderr).unwrap());
        Running::spawn(cmd, what.to_string(), stdout, stderr)
    }

    /// Starts `sheetdrop ARGS`.
    pub fn spawn(&self, args: &[&str]) -> Running {
        let what = format!("sheetdrop {}", args.join(" "));
        self.start(self.command(args), &what)
    }

    /// Runs `sheetdrop ARGS` to its end.
    pub fn run(&self, args: &[&str]) -> Output {
        self.spawn(args).finish(self.timeout)
    }

    /// Runs `cmd` (from [`Sandbox::command`] and its kin) to its end; `what` names it in
    /// failure messages.
    pub fn run_command(&self, cmd: Command, what: &str) -> Output {
        self.start(cmd, what).finish(self.timeout)
    }

    /// `sheetdrop run --once --headless`.
    pub fn run_once(&self) -> Output {
        self.run(&["run", "--once", "--headless"])
    }

    /// `sheetdrop run --headless` (watching), once it says it watches the folder (within
    /// `within`).
    pub fn start_agent(&self, within: Duration) -> Running {
        let mut agent = self.spawn(&["run", "--headless"]);
        wait_until("the agent to watch the folder", within, || {
            agent.assert_running();
            agent.stderr().contains("watching").then_some(())
        });
        agent
    }

    /// The agent's log files (under the data dir's `logs`), one after the other.
    pub fn log(&self) -> String {
        let mut text = String::new();
        if let Ok(dir) = fs::read_dir(self.data_dir().join("logs")) {
            for e in dir.flatten() {
                text.push_str(&fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
        text
    }

    /// `sheetdrop status --json`, which must succeed.
    pub fn status_json(&self) -> Value {
        let out = self.run(&["status", "--json"]);
        out.assert_code(0, "status --json");
        out.json()
    }

    /// `entity`'s object in `status --json` (`Null` while the state store has none).
    pub fn entity_status(&self, entity: &str) -> Value {
        self.status_json()["entities"]
            .as_array()
            .expect("status entities")
            .iter()
            .find(|e| e["entity"] == entity)
            .cloned()
            .unwrap_or(Value::Null)
    }
}
