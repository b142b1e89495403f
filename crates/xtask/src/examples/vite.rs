//! Type checks and `vite build` of an installed example, and the hashed
//! wasm its build must emit.

use super::*;

pub(super) fn tsc(dir: &Path) -> Result<(), String> {
    util::run(local_bin(dir, "tsc").args(["--noEmit", "-p", "tsconfig.json"]))
}

/// `vite build` with the example's own configuration. With `--logLevel
/// warn` Vite prints only warnings and errors, and a package that makes a
/// default build warn (an asset it cannot find, say) fails here.
pub(super) fn vite_build(dir: &Path) -> Result<(), String> {
    let mut cmd = local_bin(dir, "vite");
    cmd.args(["build", "--logLevel", "warn"]);
    let output = cmd
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", util::describe(&cmd)))?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if !output.status.success() {
        return Err(format!(
            "`{}` failed ({}):\n{said}",
            util::describe(&cmd),
            output.status
        ));
    }
    if !said.trim().is_empty() {
        return Err(format!("`{}` warned:\n{said}", util::describe(&cmd)));
    }
    Ok(())
}

/// The suite chrome's wasm as Vite emitted it, as a path on the site. Every
/// wasm file must sit in `assets/` under a hashed name, which proves that
/// Vite found the package's `new URL('….wasm', import.meta.url)` and took
/// the file in; an unhashed copy would be one the build did not handle.
pub(super) fn built_wasm(dist: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    list_files(dist, Path::new(""), &mut files)?;
    let mut chrome = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
    {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.strip_suffix(".wasm").unwrap_or(name);
        // The package's wasm names have no `-`; Vite's hash (8 characters
        // of base64url) may have some.
        let hashed = stem.split_once('-').is_some_and(|(_, hash)| {
            hash.len() >= 8
                && hash
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        if file.parent() != Some(Path::new("assets")) || !hashed {
            return Err(format!(
                "Vite emitted {}, not a hashed file in assets/",
                file.display()
            ));
        }
        if stem.starts_with(CHROME_WASM) {
            chrome.push(format!("/assets/{name}"));
        }
    }
    match <[String; 1]>::try_from(chrome) {
        Ok([only]) => Ok(only),
        Err(found) => Err(format!(
            "{} holds {} files named {CHROME_WASM}-*.wasm ({found:?}); the build should emit one",
            dist.display(),
            found.len()
        )),
    }
}
