//! The vanilla example bundled by webpack 5 and Rollup 4 (with and
//! without its assets plugin), for what `docs/integration.md` promises
//! of each.

use super::*;

/// The example that webpack and Rollup build too, with the configurations
/// of [`BUNDLERS`] copied over it, and that Vite's development server serves.
pub(super) const BUNDLED: &str = "vite-vanilla";

/// The directory of `examples/` with the webpack and Rollup setups.
pub(super) const BUNDLERS: &str = "bundlers";

/// `examples/bundlers/rollup.config.mjs` minus `importMetaAssets()`: the
/// build the docs warn about, which the browser test expects to fail.
pub(super) const ROLLUP_WITHOUT_ASSETS: &str = "\
import config from './rollup.config.mjs';
const plugins = config.plugins.filter((p) => p.name !== 'rollup-plugin-import-meta-assets');
if (plugins.length !== config.plugins.length - 1) {
  throw new Error('rollup.config.mjs has no importMetaAssets() to leave out');
}
export default { ...config, output: { ...config.output, dir: 'dist-rollup-no-assets' }, plugins };
";

/// Builds [`BUNDLED`] with webpack and with Rollup (with and without the
/// plugin that emits the wasm), serves each output, and returns what
/// `tests/browser/npm/bundlers.test.mjs` needs to know about them.
pub(super) fn bundlers(
    root: &Path,
    pkg: &Path,
    build: &Path,
    tarball: &Path,
) -> Result<Vec<(String, String)>, String> {
    let dir = build.join(BUNDLERS);
    timed("bundlers: copy and npm install", || {
        copy_example(&root.join("examples").join(BUNDLED), &dir)?;
        copy_tree(&root.join("examples").join(BUNDLERS), &dir)?;
        install(&dir, tarball, &[])?;
        same_files(pkg, &dir.join("node_modules").join(PACKAGE))
    })?;
    // Writes src/main.js next to src/main.ts, for the bundlers to take.
    timed("bundlers: tsc", || {
        util::run(local_bin(&dir, "tsc").args(["-p", "tsconfig.json"]))
    })?;
    std::fs::write(dir.join("rollup.no-assets.mjs"), ROLLUP_WITHOUT_ASSETS)
        .map_err(|e| format!("writing rollup.no-assets.mjs: {e}"))?;
    let builds: [(&str, &str, Command, &str); 3] = [
        (
            "webpack",
            "dist-webpack",
            bin_with(
                &dir,
                "webpack",
                &["--fail-on-warnings", "--stats", "errors-warnings"],
            ),
            r#"<script defer src="/main.js"></script>"#,
        ),
        (
            "rollup",
            "dist-rollup",
            bin_with(&dir, "rollup", &["-c", "--failAfterWarnings"]),
            r#"<script type="module" src="/main.js"></script>"#,
        ),
        (
            "rollup-no-assets",
            "dist-rollup-no-assets",
            bin_with(
                &dir,
                "rollup",
                &["-c", "rollup.no-assets.mjs", "--failAfterWarnings"],
            ),
            r#"<script type="module" src="/main.js"></script>"#,
        ),
    ];
    let mut env = Vec::new();
    for (name, out, mut cmd, script) in builds {
        let dist = dir.join(out);
        timed(&format!("bundlers: {name}"), || {
            if dist.exists() {
                std::fs::remove_dir_all(&dist)
                    .map_err(|e| format!("clearing {}: {e}", dist.display()))?;
            }
            util::run(&mut cmd)?;
            page_for(&dir, &dist, script)
        })?;
        let key = name.to_uppercase().replace('-', "_");
        if name != "rollup-no-assets" {
            no_build_paths(&dist, &dir)?;
            let (chrome, brand) = emitted_wasm(pkg, &dist)?;
            println!("examples: {name} emitted {chrome} and {brand}");
            env.push((format!("BANDEAU_{key}_WASM"), chrome));
            env.push((format!("BANDEAU_{key}_BRAND_WASM"), brand));
        }
        let base = serve_in_background(&dist)?;
        println!("examples: {name} serves {base}/");
        env.push((format!("BANDEAU_{key}_URL"), base));
    }
    Ok(env)
}

/// A bundle must not carry the machine it was built on: a bundler that
/// turns the package's `import.meta.url` (or anything else) into a file
/// path would ship it to every user.
pub(super) fn no_build_paths(dist: &Path, build_dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    crate::bundle::all_files(dist, &mut files);
    let build_dir = build_dir.display().to_string();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "js"))
    {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("reading {}: {e}", file.display()))?;
        if text.contains("file://") || text.contains(&build_dir) {
            return Err(format!(
                "{} contains a path of the build machine (`file://` or {build_dir})",
                file.display()
            ));
        }
    }
    Ok(())
}

pub(super) fn bin_with(dir: &Path, name: &str, args: &[&str]) -> Command {
    let mut cmd = local_bin(dir, name);
    cmd.args(args);
    cmd
}

/// The Vite example's `index.html` loading the bundle by `script` instead
/// of `src/main.ts`, and its `public/` files, in `dist`: what Vite's build
/// does for them and the other bundlers leave to the app. The page gets the
/// browser tests' event log too, as the Vite builds' pages do.
pub(super) fn page_for(dir: &Path, dist: &Path, script: &str) -> Result<(), String> {
    const VITE_ENTRY: &str = r#"<script type="module" src="/src/main.ts"></script>"#;
    let html = std::fs::read_to_string(dir.join("index.html"))
        .map_err(|e| format!("reading {}/index.html: {e}", dir.display()))?;
    if !html.contains(VITE_ENTRY) {
        return Err(format!(
            "examples/{BUNDLED}/index.html no longer loads its code with `{VITE_ENTRY}`, \
             which the other bundlers' pages replace"
        ));
    }
    std::fs::write(dist.join("index.html"), html.replace(VITE_ENTRY, script))
        .map_err(|e| format!("writing {}/index.html: {e}", dist.display()))?;
    with_event_log(&util::repo_root(), &dist.join("index.html"))?;
    copy_tree(&dir.join("public"), dist)
}

/// The site paths of the package's two wasm files as a bundler emitted
/// them, told apart by content since each bundler names them its own way:
/// the suite chrome's and the brand module's. Any other wasm in the output,
/// or either of them missing or twice, is an error.
pub(super) fn emitted_wasm(pkg: &Path, dist: &Path) -> Result<(String, String), String> {
    let read =
        |path: &Path| std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()));
    let chrome = read(&pkg.join(format!("{CHROME_WASM}.wasm")))?;
    let brand = read(&pkg.join("brand/bandeau_brand_bg.wasm"))?;
    let mut files = Vec::new();
    list_files(dist, Path::new(""), &mut files)?;
    let (mut chromes, mut brands) = (Vec::new(), Vec::new());
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
    {
        let bytes = read(&dist.join(file))?;
        let site_path = format!("/{}", file.display());
        if bytes == chrome {
            chromes.push(site_path);
        } else if bytes == brand {
            brands.push(site_path);
        } else {
            return Err(format!(
                "{} holds {}, which is neither of the package's wasm files",
                dist.display(),
                file.display()
            ));
        }
    }
    match (
        <[String; 1]>::try_from(chromes),
        <[String; 1]>::try_from(brands),
    ) {
        (Ok([chrome]), Ok([brand])) => Ok((chrome, brand)),
        (chromes, brands) => Err(format!(
            "{} should hold the suite chrome's wasm and the brand module's once each; \
             it holds {:?} and {:?}",
            dist.display(),
            chromes.map_or_else(|v| v, Vec::from),
            brands.map_or_else(|v| v, Vec::from)
        )),
    }
}
