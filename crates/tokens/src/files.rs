//! Token sources on disk, for the CLI and for build scripts (feature `fs`).
//! The core never touches the file system itself, so it still runs in wasm.

use crate::resolver::{compile_resolver, Compiled, Loader};
use std::path::{Path, PathBuf};

/// Reads the files a resolver document names, relative to `dir`, and
/// remembers every path it read, so a build script can rerun when one
/// changes.
pub struct Files {
    pub dir: PathBuf,
    pub read: Vec<PathBuf>,
}

impl Files {
    pub fn new(dir: impl Into<PathBuf>) -> Files {
        Files {
            dir: dir.into(),
            read: Vec::new(),
        }
    }
}

impl Loader for Files {
    fn load(&mut self, reference: &str) -> Result<(String, String), String> {
        let path = self.dir.join(reference);
        self.read.push(path.clone());
        std::fs::read_to_string(&path)
            .map(|text| (path.display().to_string(), text))
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Compiles the resolver document at `path`, with the files it names.
/// Returns the compiled tokens and every file read (the document
/// included); the error is every diagnostic, one per line.
pub fn compile_resolver_file(path: &Path) -> Result<(Compiled, Vec<PathBuf>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut files = Files::new(dir);
    let compiled =
        compile_resolver(&path.display().to_string(), &text, &mut files).map_err(|failure| {
            failure
                .diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })?;
    let mut read = files.read;
    read.insert(0, path.to_path_buf());
    Ok((compiled, read))
}

/// For build scripts: compiles the resolver document at `path`, has Cargo
/// run the script again when any file read changes, and fails the build
/// with every diagnostic.
pub fn compile_in_build_script(path: &Path) -> Compiled {
    let (compiled, read) = compile_resolver_file(path)
        .unwrap_or_else(|problems| panic!("the project's tokens do not compile:\n{problems}"));
    for file in read {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    compiled
}
