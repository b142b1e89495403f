//! Where things live and how child processes are started.
//!
//! Every child goes through [`command`] so that all of them see the same
//! `PATH` (tools installed by `setup` first) and none of them can block on a
//! terminal prompt: CI runs us with no standard input.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root: xtask always lives at `<root>/crates/xtask`.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/xtask sits two levels below the workspace root")
        .to_path_buf()
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR` so that binaries we
/// build are found where cargo put them.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => repo_root().join(dir),
        None => repo_root().join("target"),
    }
}

/// Project-local npm installs (wasm-opt, browser-test libraries).
pub fn tools_dir() -> PathBuf {
    target_dir().join("tools")
}

pub fn cargo_bin_dir() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => home_dir().join(".cargo").join("bin"),
    }
}

fn home_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

/// `PATH` for children: our `cargo install`s and npm tools shadow whatever the
/// system has, because Debian's binaryen 108 corrupts modules built by
/// current wasm-bindgen and must never be picked up by accident.
pub fn tools_path() -> OsString {
    let mut dirs = vec![
        cargo_bin_dir(),
        tools_dir().join("node_modules").join(".bin"),
    ];
    if let Some(existing) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

/// A command that runs in the repository root with [`tools_path`] and no stdin.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(repo_root())
        .env("PATH", tools_path())
        .stdin(Stdio::null());
    cmd
}

/// The cargo that started us, so nested builds use the same toolchain.
pub fn cargo() -> Command {
    command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs with output going straight to our terminal; fails naming the command.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)))
    }
}

/// Stdout of a command that succeeded; `None` when it is missing or failed,
/// which is what version probes want to know.
pub fn stdout_of(cmd: &mut Command) -> Option<String> {
    let output = cmd.stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The command as a person would type it: `cargo build`, not the full path
/// of the toolchain's cargo.
pub fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program());
    let name = program.file_name().unwrap_or(program.as_os_str());
    let mut words = vec![name.to_string_lossy().into_owned()];
    words.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

/// A path as shown to people: relative to the repository when inside it.
pub fn shown(path: &Path) -> String {
    path.strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A directory's entries, with the directory named in the error.
pub fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>, String> {
    std::fs::read_dir(dir)
        .and_then(|entries| entries.collect())
        .map_err(|e| format!("reading {}: {e}", dir.display()))
}

pub fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("parsing {}: {e}", path.display()))
}

/// Empties `dir` but for the entries named in `keep`.
pub fn clear_dir_except(dir: &Path, keep: &[&str]) -> Result<(), String> {
    for entry in read_dir(dir)? {
        if keep.iter().any(|k| entry.file_name() == *k) {
            continue;
        }
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| format!("clearing {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Copies one file, making the folders on the way to `to`.
pub fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

/// Copies the files under `from` into `to` whose path relative to `from`
/// passes `keep` (asked for directories too).
pub fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<(), String> {
    fn walk(
        base: &Path,
        dir: &Path,
        to: &Path,
        keep: &dyn Fn(&Path) -> bool,
    ) -> Result<(), String> {
        for entry in read_dir(dir)? {
            let path = entry.path();
            let relative = path.strip_prefix(base).expect("below the base");
            if !keep(relative) {
                continue;
            }
            if path.is_dir() {
                walk(base, &path, to, keep)?;
            } else {
                copy_file(&path, &to.join(relative))?;
            }
        }
        Ok(())
    }
    walk(from, from, to, keep)
}
