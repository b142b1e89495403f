//! The token compilers we compare against, installed by the bench itself and
//! configured to do what ours does: read the same two files, write CSS
//! custom properties.

use std::path::{Path, PathBuf};

use super::measure::Invocation;
use super::TokenSet;
use crate::npm::{self, Package};

const STYLE_DICTIONARY: Package = Package::new("style-dictionary", 5);
const TERRAZZO_CLI: Package = Package::new("@terrazzo/cli", 2);
const TERRAZZO_CSS: Package = Package::new("@terrazzo/plugin-css", 2);

pub struct Peer {
    pub name: &'static str,
    pub version: String,
    /// The CLI's entry file, run with `node` directly so no npx or shell shim
    /// start-up lands in the timings.
    entry: PathBuf,
    config: Config,
}

enum Config {
    StyleDictionary,
    Terrazzo,
}

/// Installs the peers into `<bench>/node_modules` (skipped when present).
pub fn install(bench: &Path) -> Result<Vec<Peer>, String> {
    for line in npm::ensure(bench, &[STYLE_DICTIONARY, TERRAZZO_CLI, TERRAZZO_CSS])? {
        println!("bench: {line}");
    }
    let version = |p: Package| p.installed(bench).unwrap_or_default();
    Ok(vec![
        Peer {
            name: "Style Dictionary",
            version: version(STYLE_DICTIONARY),
            entry: STYLE_DICTIONARY.bin(bench, "style-dictionary")?,
            config: Config::StyleDictionary,
        },
        Peer {
            name: "Terrazzo",
            version: version(TERRAZZO_CLI),
            entry: TERRAZZO_CLI.bin(bench, "terrazzo")?,
            config: Config::Terrazzo,
        },
    ])
}

impl Peer {
    /// Writes this peer's configuration for `set` into `work` and returns how
    /// to run it so that it writes its CSS under `out`.
    pub fn prepare(&self, set: &TokenSet, work: &Path, out: &Path) -> Result<Invocation, String> {
        let inputs = [
            set.palette.to_string_lossy(),
            set.semantic.to_string_lossy(),
        ];
        let (file, text) = match self.config {
            Config::StyleDictionary => (
                "config.json",
                serde_json::to_string_pretty(&serde_json::json!({
                    "source": inputs,
                    "usesDtcg": true,
                    "platforms": {
                        "css": {
                            "transformGroup": "css",
                            "buildPath": format!("{}/", out.display()),
                            "files": [{ "destination": "tokens.css", "format": "css/variables" }],
                        }
                    }
                }))
                .expect("a JSON value always serialises"),
            ),
            // The config must sit under the bench directory: Node resolves its
            // imports from the node_modules above it.
            Config::Terrazzo => (
                "terrazzo.config.mjs",
                format!(
                    "import {{ defineConfig }} from '@terrazzo/cli';\n\
                     import css from '@terrazzo/plugin-css';\n\n\
                     export default defineConfig({{\n  \
                       tokens: {tokens},\n  \
                       outDir: {out_dir},\n  \
                       plugins: [css({{ filename: 'tokens.css' }})],\n\
                     }});\n",
                    tokens = serde_json::json!(inputs),
                    out_dir = serde_json::json!(format!("{}/", out.display())),
                ),
            ),
        };
        std::fs::create_dir_all(work).map_err(|e| format!("creating {}: {e}", work.display()))?;
        let config = work.join(file);
        std::fs::write(&config, text).map_err(|e| format!("writing {}: {e}", config.display()))?;
        Ok(Invocation {
            program: "node".into(),
            args: vec![
                self.entry.clone().into(),
                "build".into(),
                "--config".into(),
                config.into(),
            ],
            dir: work.to_path_buf(),
        })
    }
}
