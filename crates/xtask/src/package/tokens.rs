//! The design tokens in the package: the compiler's CSS, SCSS and JSON
//! outputs as they are, a JavaScript module with its declarations made
//! from the TypeScript output, and the elements' styling API (their
//! components' custom properties) for `custom-elements.json`.

use std::collections::BTreeMap;
use std::path::Path;

use bandeau_tokens::emit::properties::custom_properties;
use bandeau_tokens::emit::Options;
use bandeau_tokens::files::compile_resolver_file;

use crate::{setup, util};

/// `(output of cargo xtask build, name in the package)`.
pub const COPIED: [(&str, &str); 3] = [
    ("tokens.css", "tokens.css"),
    ("tokens.json", "tokens.json"),
    // A partial's underscore only matters to `@use 'tokens'` lookups;
    // the package's export spells the file out.
    ("_tokens.scss", "tokens.scss"),
];

/// Copies the compiled outputs in `tokens` into `out` and writes
/// `tokens.js` and `tokens.d.ts` there from `tokens.ts`.
pub fn write(tokens: &Path, out: &Path) -> Result<(), String> {
    for (from, to) in COPIED {
        let source = tokens.join(from);
        std::fs::copy(&source, out.join(to))
            .map_err(|e| format!("copying {}: {e}", source.display()))?;
    }
    module(&tokens.join("tokens.ts"), out)
}

/// `tsc` turns the compiler's `tokens.ts` (`export const … = {…} as const
/// satisfies …`) into JavaScript and exact declarations; writing either by
/// hand would mean parsing TypeScript.
fn module(ts: &Path, out: &Path) -> Result<(), String> {
    let tsc = setup::typescript()?;
    let project = util::target_dir().join("package-tokens");
    std::fs::create_dir_all(&project)
        .map_err(|e| format!("creating {}: {e}", project.display()))?;
    let config = serde_json::json!({
        "compilerOptions": {
            "target": "es2020",
            "module": "es2020",
            "declaration": true,
            "strict": true,
            "types": [],
            "rootDir": ts.parent(),
            "outDir": out,
        },
        "files": [ts],
    });
    let config_path = project.join("tsconfig.json");
    std::fs::write(&config_path, format!("{config:#}\n"))
        .map_err(|e| format!("writing {}: {e}", config_path.display()))?;
    let mut compile = util::command("node");
    compile.arg(&tsc).arg("-p").arg(&config_path);
    util::run(&mut compile).map_err(|e| format!("compiling {}: {e}", ts.display()))?;
    for made in ["tokens.js", "tokens.d.ts"] {
        if !out.join(made).is_file() {
            return Err(format!("tsc did not write {made} from {}", ts.display()));
        }
    }
    Ok(())
}

/// One custom property an element's styles read, as the light theme sets it.
pub use bandeau_tokens::emit::properties::CustomProperty as CssProperty;

/// The custom properties of every token group (the first segment of a
/// token's path: `launcher.panel.background` is in `launcher`), compiled
/// from the resolver document at `resolver` in its light theme, values
/// resolved.
pub fn css_properties(resolver: &Path) -> Result<BTreeMap<String, Vec<CssProperty>>, String> {
    let (compiled, _) = compile_resolver_file(resolver)
        .map_err(|e| format!("compiling {}: {e}", resolver.display()))?;
    Ok(custom_properties(
        &compiled,
        &[("theme", "light")],
        &Options::default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> BTreeMap<String, Vec<CssProperty>> {
        css_properties(&util::repo_root().join(crate::build::RESOLVER)).unwrap()
    }

    #[test]
    fn every_element_token_group_has_properties_named_like_the_css() {
        let groups = project();
        for element in bandeau_elements::ELEMENTS.iter() {
            for group in element.token_groups {
                let properties = groups
                    .get(*group)
                    .unwrap_or_else(|| panic!("{}: no tokens in group {group}", element.tag));
                assert!(!properties.is_empty());
                for property in properties {
                    assert!(
                        property.name.starts_with(&format!("--bd-{group}-")),
                        "{}",
                        property.name
                    );
                    assert!(!property.value.is_empty());
                    assert!(!property.value.contains("var("), "{property:?}");
                }
            }
        }
    }

    #[test]
    fn defaults_are_the_light_theme_and_descriptions_come_along() {
        let groups = project();
        let login = &groups["login"];
        let width = login
            .iter()
            .find(|p| p.name == "--bd-login-form-width")
            .unwrap();
        assert_eq!(width.value, "400px");
        assert!(width
            .description
            .as_deref()
            .unwrap()
            .contains("identity provider's form"));
        // Typography has a property per part besides the shorthand.
        assert!(login.iter().any(|p| p.name == "--bd-login-heading"));
        let size = login
            .iter()
            .find(|p| p.name == "--bd-login-heading-font-size")
            .unwrap();
        assert_eq!(size.value, "1.25rem");
        assert!(size.description.as_deref().unwrap().contains("font-size"));
    }
}
