//! `index.js`, the package's entry for bundlers and import maps.
//!
//! Importing it does nothing; `defineElements()` loads the wasm and defines
//! the elements. The wasm is referenced as the literal
//! `new URL('./<name>_bg.wasm', import.meta.url)`, the pattern Vite, Rollup
//! and webpack 5 recognise to emit a file as an asset with default settings.
//! It shares `globalThis.__bandeau` with the script tag `bandeau.js`, so a
//! page that has both instantiates the wasm once.

use bandeau_elements::TAG_NAMES;

/// The entry for the glue `glue_js`, its wasm `wasm` (file names beside
/// it) with the hash `wasm_integrity`, and the export that defines the
/// elements after init, if the glue does not do so by itself.
pub fn index_js(glue_js: &str, wasm: &str, wasm_integrity: &str, start: Option<&str>) -> String {
    let (import, call) = match start {
        Some(name) => (
            format!("init, {{ {name} }}"),
            format!(".then(() => {name}())"),
        ),
        None => ("init".to_string(), String::new()),
    };
    let tags: Vec<String> = TAG_NAMES.iter().map(|t| format!("'{t}'")).collect();
    let version = env!("CARGO_PKG_VERSION");
    format!(
        r#"// Bandeau for bundlers and import maps, written by `cargo xtask build`.
// Importing this module has no effect; defineElements() loads the wasm and
// defines the elements. The wasm's URL below is spelled the way bundlers
// recognise to emit it as an asset.
import {import} from './{glue_js}';

// A plain literal, not `Object.freeze(…)`: minified code keeps no purity
// annotation, and a call would make bundlers keep it. Its type is readonly.
export const tagNames = [{tags}];

let defined;

export function defineElements() {{
  if (!defined) {{
    defined = start().then(classes);
    // A failure (offline, no WebAssembly) may pass: the next call tries again.
    defined.catch(() => {{
      defined = undefined;
    }});
  }}
  return defined;
}}

function start() {{
  if (typeof customElements === 'undefined') {{
    return Promise.reject(
      new Error('bandeau: defineElements() needs a browser: customElements is undefined'),
    );
  }}
  // The script tag, or another copy of this package, started Bandeau
  // already: its elements are the ones to use.
  const running = globalThis.__bandeau;
  if (running) {{
    return Promise.resolve(running.ready).then((ok) => {{
      if (!ok) throw new Error('bandeau: the suite chrome could not start (see the console)');
    }});
  }}
  const wasm = fetch(new URL('./{wasm}', import.meta.url), {{
    integrity: '{wasm_integrity}',
  }});
  const started = init({{ module_or_path: wasm }}){call};
  const ours = {{
    version: '{version}',
    // Not `import.meta.url`: bundlers such as webpack replace it with the
    // build machine's file path, which would then ship in vendors' bundles.
    src: 'npm:bandeau@{version}/index.js',
    ready: started.then(
      () => true,
      () => false,
    ),
  }};
  globalThis.__bandeau = ours;
  return started.catch((error) => {{
    // Let a later call, or a script tag, start afresh.
    if (globalThis.__bandeau === ours) delete globalThis.__bandeau;
    throw error;
  }});
}}

function classes() {{
  const found = {{}};
  for (const tag of tagNames) {{
    const constructor = customElements.get(tag);
    if (!constructor) throw new Error(`bandeau: <${{tag}}> is not defined`);
    found[tag] = constructor;
  }}
  return Object.freeze(found);
}}
"#,
        tags = tags.join(", ")
    )
}

/// `bandeau.d.ts`: the script tag's entry has no exports; importing it
/// (`import 'bandeau/bandeau.js'`) brings the package's global declarations.
pub const SCRIPT_TAG_D_TS: &str = "\
// `bandeau/bandeau.js` defines the elements when imported; it exports
// nothing. Importing it brings the package's global declarations (tag
// names, events, JSX).
import './index.js';
export {};
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_the_wasm_url_for_bundlers_and_shares_the_script_tags_global() {
        let js = index_js(
            "bandeau_embed.js",
            "bandeau_embed_bg.wasm",
            "sha384-abc",
            None,
        );
        assert!(js.contains("import init from './bandeau_embed.js';"));
        assert!(js.contains("new URL('./bandeau_embed_bg.wasm', import.meta.url)"));
        assert!(js.contains("integrity: 'sha384-abc',"));
        assert!(js.contains("const running = globalThis.__bandeau;"));
        assert!(js.contains("globalThis.__bandeau = ours;"));
        assert!(js.contains(
            "export const tagNames = ['bandeau-bar', 'bandeau-launcher', 'bandeau-user-menu', 'bandeau-login'];"
        ));
        for forbidden in ["eval(", "new Function", "http://", "https://"] {
            assert!(!js.contains(forbidden), "{forbidden}");
        }
        let exported = index_js("g.js", "g_bg.wasm", "sha384-abc", Some("define"));
        assert!(exported.contains("import init, { define } from './g.js';"));
        assert!(exported.contains("init({ module_or_path: wasm }).then(() => define());"));
    }

    /// Nothing but declarations runs at import: no call outside functions.
    #[test]
    fn importing_the_entry_has_no_side_effect() {
        let js = index_js("g.js", "g_bg.wasm", "sha384-abc", None);
        let top_level: Vec<&str> = js
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with("//") && !l.starts_with('}'))
            .filter(|l| !l.is_empty())
            .collect();
        for line in top_level {
            let declaration = ["import ", "export function ", "function ", "let defined;"]
                .iter()
                .any(|p| line.starts_with(p))
                || (line.starts_with("export const tagNames = [") && !line.contains('('));
            assert!(declaration, "runs at import: {line}");
        }
    }
}
