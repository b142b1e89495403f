//! npm packages installed into a directory of `target/`, never globally, so a
//! fresh clone needs nothing but Node and a reachable registry.

use std::path::{Path, PathBuf};

use crate::util;

/// A package pinned to one major version (`binaryen`'s majors are its
/// releases), or to one exact release where even minor versions break
/// (esbuild is 0.x).
#[derive(Clone, Copy)]
pub struct Package {
    pub name: &'static str,
    pin: Pin,
}

#[derive(Clone, Copy)]
enum Pin {
    Major(u32),
    Exact(&'static str),
}

impl Package {
    pub const fn new(name: &'static str, major: u32) -> Self {
        Package {
            name,
            pin: Pin::Major(major),
        }
    }

    pub const fn exact(name: &'static str, version: &'static str) -> Self {
        Package {
            name,
            pin: Pin::Exact(version),
        }
    }

    /// Where npm installs it under `prefix`.
    pub fn dir(&self, prefix: &Path) -> PathBuf {
        prefix.join("node_modules").join(self.name)
    }

    fn manifest(&self, prefix: &Path) -> PathBuf {
        self.dir(prefix).join("package.json")
    }

    /// The installed version, if it is the one pinned.
    pub fn installed(&self, prefix: &Path) -> Option<String> {
        let manifest = util::read_json(&self.manifest(prefix)).ok()?;
        let version = manifest.get("version")?.as_str()?;
        self.accepts(version).then(|| version.to_string())
    }

    fn accepts(&self, version: &str) -> bool {
        match self.pin {
            Pin::Major(major) => {
                version
                    .split('.')
                    .next()
                    .and_then(|m| m.parse::<u32>().ok())
                    == Some(major)
            }
            Pin::Exact(exact) => version == exact,
        }
    }

    /// The file its command-line entry point runs, so callers can start it
    /// with `node` directly instead of paying for npx or a shell shim.
    pub fn bin(&self, prefix: &Path, command: &str) -> Result<PathBuf, String> {
        let manifest_path = self.manifest(prefix);
        let manifest = util::read_json(&manifest_path)?;
        let relative = match manifest.get("bin") {
            Some(serde_json::Value::String(path)) => Some(path.as_str()),
            Some(serde_json::Value::Object(bins)) => bins.get(command).and_then(|v| v.as_str()),
            _ => None,
        }
        .ok_or_else(|| format!("{} declares no `{command}` bin", self.name))?;
        Ok(manifest_path.with_file_name(relative))
    }
}

impl std::fmt::Display for Package {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pin {
            Pin::Major(major) => write!(f, "{}@{major}", self.name),
            Pin::Exact(version) => write!(f, "{}@{version}", self.name),
        }
    }
}

/// Installs the packages not yet present at their pin; returns a line per
/// package saying what happened. npm records them in `<prefix>/package.json`,
/// which keeps later installs into the same prefix from pruning them.
pub fn ensure(prefix: &Path, packages: &[Package]) -> Result<Vec<String>, String> {
    let missing: Vec<&Package> = packages
        .iter()
        .filter(|p| p.installed(prefix).is_none())
        .collect();
    if !missing.is_empty() {
        std::fs::create_dir_all(prefix)
            .map_err(|e| format!("creating {}: {e}", prefix.display()))?;
        let mut cmd = util::command("npm");
        cmd.arg("install")
            .arg("--prefix")
            .arg(prefix)
            .args(["--no-audit", "--no-fund", "--loglevel=error"])
            .args(missing.iter().map(|p| p.to_string()));
        util::run(&mut cmd)?;
    }
    packages
        .iter()
        .map(|p| {
            let version = p.installed(prefix).ok_or_else(|| {
                format!(
                    "npm reported success but {p} is not in {}",
                    prefix.display()
                )
            })?;
            let verb = if missing.iter().any(|m| m.name == p.name) {
                "installed"
            } else {
                "already present:"
            };
            Ok(format!("{verb} {} {version}", p.name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_major_pin_accepts_its_releases_and_an_exact_pin_one_release() {
        let binaryen = Package::new("binaryen", 132);
        assert!(binaryen.accepts("132.0.0"));
        assert!(!binaryen.accepts("13.2.0"));
        assert!(!binaryen.accepts("133.0.0"));
        let esbuild = Package::exact("esbuild", "0.28.2");
        assert!(esbuild.accepts("0.28.2"));
        assert!(!esbuild.accepts("0.28.3"));
        assert!(!esbuild.accepts("0.29.0"));
        assert_eq!(binaryen.to_string(), "binaryen@132");
        assert_eq!(esbuild.to_string(), "esbuild@0.28.2");
    }
}
