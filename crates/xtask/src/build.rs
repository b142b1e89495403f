//! `cargo xtask build`: the token compiler in release mode, then the
//! project's own tokens through it, exactly as a vendor would run it.

use std::path::PathBuf;

use bandeau_tokens::emit::Format;
use bandeau_tokens::suite::Target;

use crate::util;

pub const RESOLVER: &str = "tokens/bandeau.resolver.json";
/// Every format of the compiler, then every one of the suite's apps
/// (`targets/` beside the resolver maps tokens to each app's own settings).
/// The apps' files of the default brand land at the top of
/// `target/tokens`, those of each other brand in a folder named after it
/// (`ocean/`).
fn formats() -> String {
    let mut all: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    all.extend(Target::ALL.iter().map(|t| t.name()));
    all.join(",")
}

/// Builds `bandeau-tokens` in release mode and returns the CLI's path.
pub fn token_cli() -> Result<PathBuf, String> {
    util::run(util::cargo().args(["build", "--release", "-p", "bandeau-tokens"]))?;
    Ok(token_cli_path())
}

/// Where `token_cli` puts the binary.
pub fn token_cli_path() -> PathBuf {
    util::target_dir().join("release").join("bandeau-tokens")
}

/// Compiles `tokens/` into `target/tokens` and returns that directory.
pub fn run() -> Result<PathBuf, String> {
    let cli = token_cli()?;
    let out = util::target_dir().join("tokens");
    // A format dropped from the compiler must not live on as a stale file that the
    // preview keeps serving.
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("clearing {}: {e}", out.display()))?;
    }
    let mut compile = util::command(&cli);
    compile
        .args(["build", RESOLVER, "--out"])
        .arg(&out)
        .arg("--format")
        .arg(formats())
        // Component tokens stay `var()` references to semantic ones, so a
        // brand block that overrides semantic colours at run time reaches them.
        .arg("--output-references");
    util::run(&mut compile).map_err(|e| format!("the project's tokens do not compile: {e}"))?;
    println!("build: {RESOLVER} compiled into {}", util::shown(&out));
    Ok(out)
}
