//! The design tokens in the package: the compiler's CSS, SCSS and JSON
//! outputs as they are, a JavaScript module with its declarations made
//! from the TypeScript output, the suite's apps' theme files in
//! `themes/`, and the elements' styling API (their components' custom
//! properties) for `custom-elements.json`.

use std::collections::BTreeMap;
use std::path::Path;

use bandeau_tokens::emit::properties::custom_properties;
use bandeau_tokens::emit::Options;
use bandeau_tokens::files::compile_resolver_file;
use bandeau_tokens::suite::Target;

use crate::{setup, util};

/// `(output of cargo xtask build, name in the package)`.
pub const COPIED: [(&str, &str); 3] = [
    ("tokens.css", "tokens.css"),
    ("tokens.json", "tokens.json"),
    // A partial's underscore only matters to `@use 'tokens'` lookups;
    // the package's export spells the file out.
    ("_tokens.scss", "tokens.scss"),
];

/// The package's folder of the suite's apps' files.
pub const THEMES_DIR: &str = "themes";

/// The files `cargo xtask build` writes for the suite's apps (every target
/// of the compiler, mapped by `tokens/targets/`), shipped as they are: the
/// default brand's at the top of `target/tokens` and in `themes/`, every
/// other brand's in a folder named after it, there and in
/// `themes/<brand>/`.
pub fn theme_files() -> impl Iterator<Item = &'static str> {
    Target::ALL
        .into_iter()
        .flat_map(|t| t.files().iter().copied())
}

/// Copies the compiled outputs in `tokens` into `out`, the apps' files
/// into `out/themes`, and writes `tokens.js` and `tokens.d.ts` there from
/// `tokens.ts`.
pub fn write(tokens: &Path, out: &Path) -> Result<(), String> {
    for (from, to) in COPIED {
        util::copy_file(&tokens.join(from), &out.join(to))?;
    }
    themes(tokens, &out.join(THEMES_DIR))?;
    module(&tokens.join("tokens.ts"), out)
}

/// The apps' files of the default brand from the top of `tokens`, and
/// those of every brand folder below it. A brand folder holds nothing
/// but apps' files, so one that no target writes is a stray, not a file
/// to ship quietly.
fn themes(tokens: &Path, out: &Path) -> Result<(), String> {
    let mut sets = vec![(tokens.to_path_buf(), out.to_path_buf())];
    for entry in util::read_dir(tokens)? {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        for file in util::read_dir(&path)? {
            let name = file.file_name().to_string_lossy().into_owned();
            if !theme_files().any(|t| t == name) {
                return Err(format!(
                    "{} is written by none of the compiler's app targets",
                    file.path().display(),
                ));
            }
        }
        sets.push((path, out.join(entry.file_name())));
    }
    for (from, to) in sets {
        std::fs::create_dir_all(&to).map_err(|e| format!("creating {}: {e}", to.display()))?;
        for name in theme_files() {
            util::copy_file(&from.join(name), &to.join(name))?;
        }
    }
    Ok(())
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

    #[test]
    fn theme_files_go_to_themes_and_each_brand_to_its_folder() {
        let scratch =
            std::env::temp_dir().join(format!("xtask-package-themes-{}", std::process::id()));
        let (tokens, out) = (scratch.join("tokens"), scratch.join("pkg/themes"));
        std::fs::create_dir_all(tokens.join("ocean")).unwrap();
        std::fs::write(tokens.join("tokens.css"), ":root{}").unwrap();
        for name in theme_files() {
            std::fs::write(tokens.join(name), format!("default {name}")).unwrap();
            std::fs::write(tokens.join("ocean").join(name), format!("ocean {name}")).unwrap();
        }
        themes(&tokens, &out).unwrap();
        let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
        assert_eq!(read("cunningham.ts"), "default cunningham.ts");
        assert_eq!(read("ocean/portal.css"), "ocean portal.css");
        assert!(!out.join("tokens.css").exists());

        std::fs::write(tokens.join("ocean/new-app.conf"), "").unwrap();
        let error = themes(&tokens, &out).unwrap_err();
        assert!(
            error.contains("new-app.conf") && error.contains("none of the compiler's app targets"),
            "{error}"
        );
        std::fs::remove_file(tokens.join("ocean/new-app.conf")).unwrap();

        std::fs::remove_file(tokens.join("ocean/openproject.env")).unwrap();
        let error = themes(&tokens, &out).unwrap_err();
        assert!(error.contains("ocean/openproject.env"), "{error}");
        std::fs::remove_dir_all(&scratch).unwrap();
    }
}
