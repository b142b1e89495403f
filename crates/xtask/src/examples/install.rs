//! The package as `npm install` gives it: `pkg/` packed, examples copied
//! under `target/` and installed from the tarball, byte for byte.

use super::*;

/// Packs `pkg` into a fresh `into` and returns the tarball.
pub(super) fn pack(pkg: &Path, into: &Path) -> Result<PathBuf, String> {
    let manifest = read_json(&pkg.join("package.json"))?;
    let name = manifest.get("name").and_then(|n| n.as_str());
    if name != Some(PACKAGE) {
        return Err(format!(
            "{}/package.json names the package {name:?}; the examples depend on `{PACKAGE}` \
             (run `cargo xtask build`)",
            util::shown(pkg)
        ));
    }
    if into.exists() {
        std::fs::remove_dir_all(into).map_err(|e| format!("clearing {}: {e}", into.display()))?;
    }
    std::fs::create_dir_all(into).map_err(|e| format!("creating {}: {e}", into.display()))?;
    let (tarball, _) = crate::package::check::pack(pkg, into)?;
    if !tarball.is_file() {
        return Err(format!(
            "npm pack reported {}, but it is not there",
            tarball.display()
        ));
    }
    println!("examples: packed {}", util::shown(&tarball));
    Ok(tarball)
}

/// Copies the example's sources over the last copy, keeping only its
/// `node_modules` (so npm reinstalls only what changed) minus the package
/// under test, which must come from this run's tarball.
pub(super) fn copy_example(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    util::clear_dir_except(to, &["node_modules"])?;
    let installed = to.join("node_modules").join(PACKAGE);
    if installed.exists() {
        std::fs::remove_dir_all(&installed)
            .map_err(|e| format!("removing {}: {e}", installed.display()))?;
    }
    copy_tree(from, to)
}

/// What a developer's own `npm install` or `vite build` left in the example.
pub(super) const NOT_SOURCES: [&str; 3] = ["node_modules", "dist", "package-lock.json"];

/// The example's sources: what is not in [`NOT_SOURCES`].
pub(super) fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    let source = |relative: &Path| {
        !relative
            .components()
            .any(|c| NOT_SOURCES.iter().any(|n| c.as_os_str() == *n))
    };
    util::copy_tree(from, to, &source)
}

/// Points the copy's `bandeau` dependency at the tarball, adds `extra`
/// packages, and installs. `--prefer-offline` reuses npm's cache but still
/// fetches what is missing, so a fresh CI machine works too.
pub(super) fn install(dir: &Path, tarball: &Path, extra: &[(&str, &str)]) -> Result<(), String> {
    let manifest_path = dir.join("package.json");
    let mut manifest = read_json(&manifest_path)?;
    let dependencies = manifest
        .get_mut("dependencies")
        .and_then(|d| d.as_object_mut())
        .ok_or_else(|| format!("{} has no dependencies", manifest_path.display()))?;
    if !dependencies.contains_key(PACKAGE) {
        return Err(format!(
            "{} does not depend on `{PACKAGE}`",
            manifest_path.display()
        ));
    }
    dependencies.insert(PACKAGE.into(), format!("file:{}", tarball.display()).into());
    for (name, version) in extra {
        dependencies.insert((*name).into(), (*version).into());
    }
    let text = serde_json::to_string_pretty(&manifest).expect("JSON values serialize");
    std::fs::write(&manifest_path, text + "\n")
        .map_err(|e| format!("writing {}: {e}", manifest_path.display()))?;
    util::run(util::command("npm").current_dir(dir).args([
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--loglevel=error",
    ]))
}

/// Fails unless every file npm installed as the package is byte for byte
/// the one in `pkg/`: a stale install would test yesterday's package.
pub(super) fn same_files(pkg: &Path, installed: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    list_files(installed, Path::new(""), &mut files)?;
    if !files
        .iter()
        .any(|f| f.extension().is_some_and(|e| e == "wasm"))
    {
        return Err(format!("{} holds no .wasm file", installed.display()));
    }
    for file in files {
        let read = |root: &Path| std::fs::read(root.join(&file)).ok();
        if read(installed) != read(pkg) {
            return Err(format!(
                "the installed {} differs from {} in pkg/",
                installed.join(&file).display(),
                file.display()
            ));
        }
    }
    Ok(())
}

pub(super) fn list_files(
    root: &Path,
    relative: &Path,
    out: &mut Vec<PathBuf>,
) -> Result<(), String> {
    for entry in read_dir(&root.join(relative))? {
        let path = relative.join(entry.file_name());
        if entry.path().is_dir() {
            list_files(root, &path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// A command of the example's own `node_modules/.bin`, so the versions its
/// `package.json` pins are the ones that run.
pub(super) fn local_bin(dir: &Path, name: &str) -> Command {
    let mut cmd = util::command(dir.join("node_modules/.bin").join(name));
    cmd.current_dir(dir);
    cmd
}
