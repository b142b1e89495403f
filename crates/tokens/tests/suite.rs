//! The suite's app targets built from the project's real `tokens/` and
//! `tokens/targets/`: golden files per target and brand (each file holds
//! its themes), the openDesk round trip through the brand derivation, and
//! every kind of bad input the mappings can hold.
//!
//! Regenerate the golden files after an intended change with
//!
//!     BLESS=1 cargo test -p bandeau-tokens --test suite

mod common;

use bandeau_tokens::brand::{derive_brand, parse_brand_json, theme_surfaces};
use bandeau_tokens::resolver::Compiled;
use bandeau_tokens::suite::{build, Output, Target};
use bandeau_tokens::{Diagnostic, Severity, Source};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tokens() -> Compiled {
    let resolver = repo().join("tokens/bandeau.resolver.json");
    bandeau_tokens::files::compile_resolver_file(&resolver)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

fn mapping(target: Target) -> Source {
    let path = format!("tokens/targets/{}", target.mapping_file());
    let text = std::fs::read_to_string(repo().join(&path)).unwrap();
    Source::new(path, text)
}

fn built(compiled: &Compiled, target: Target) -> Output {
    build(
        compiled,
        target,
        &mapping(target),
        "tokens/bandeau.resolver.json",
    )
    .unwrap_or_else(|d| panic!("{}", lines(&d)))
}

fn lines(d: &[Diagnostic]) -> String {
    d.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Builds `target` with its real mapping edited by `edit`; returns the
/// problems, or the warnings when it builds.
fn with_mapping(target: Target, edit: impl Fn(&str) -> String) -> Result<Vec<String>, Vec<String>> {
    let real = mapping(target);
    let source = Source::new(real.name.clone(), edit(&real.text));
    let text = |d: Vec<Diagnostic>| d.iter().map(ToString::to_string).collect();
    build(&tokens(), target, &source, "t")
        .map(|o| text(o.warnings))
        .map_err(text)
}

#[test]
fn every_target_matches_its_golden_files() {
    let compiled = tokens();
    let expected = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/expected/suite");
    for target in Target::ALL {
        let out = built(&compiled, target);
        assert!(out.warnings.is_empty(), "{}", lines(&out.warnings));
        // One file set per brand, each with the target's themes.
        assert_eq!(out.sets.len(), 2, "{target:?}");
        assert_eq!(out.files.len(), 2 * target.files().len());
        common::check_golden(&expected, target.name(), &out.files);
    }
}

#[test]
fn the_opendesk_values_hold_every_colour_key_as_hex() {
    let out = built(&tokens(), Target::Opendesk);
    let yaml = &out
        .files
        .iter()
        .find(|f| f.name == "opendesk-theme.yaml")
        .unwrap()
        .contents;
    let values: serde_json::Value = serde_yaml_ng::from_str(yaml).unwrap();
    let colors = values["theme"]["colors"].as_object().unwrap();
    for key in bandeau_tokens::brand::BRAND_KEYS {
        let v = colors[key]
            .as_str()
            .unwrap_or_else(|| panic!("{key} missing"));
        assert!(
            v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit()),
            "{key}: {v}"
        );
    }
    assert_eq!(colors.len(), 13);
    assert_eq!(values["theme"]["texts"]["productName"], "openDesk");
    assert_eq!(colors["primary"], "#571efa");
}

/// tokens → openDesk values → brand document → tokens: every colour the
/// values carry comes back as the same light-theme colour.
#[test]
fn the_opendesk_values_round_trip_through_the_brand_derivation() {
    let compiled = tokens();
    let out = built(&compiled, Target::Opendesk);
    let surfaces = theme_surfaces(&compiled);
    for (file, brand) in [
        ("opendesk-theme.yaml", "default"),
        ("ocean/opendesk-theme.yaml", "ocean"),
    ] {
        let yaml = &out.files.iter().find(|f| f.name == file).unwrap().contents;
        let values: serde_json::Value = serde_yaml_ng::from_str(yaml).unwrap();
        let input =
            parse_brand_json(&values.to_string()).unwrap_or_else(|p| panic!("{file}: {p:?}"));
        let derived = derive_brand(brand, &input, &surfaces).unwrap_or_else(|p| panic!("{p:?}"));
        let light = compiled
            .find(&[("theme", "light"), ("brand", brand)])
            .unwrap();
        let mut compared = 0;
        for (path, color) in &derived.tokens {
            // The brand derives these from the primary instead of reading
            // them; they are checked for contrast, not equal by design.
            if path == "color.accent.strong" || path == "color.text.link" {
                continue;
            }
            let ours = light.tokens.get(path).unwrap().value.as_color().unwrap();
            assert_eq!(color.to_hex(), ours.to_hex(), "{brand}: {path}");
            compared += 1;
        }
        assert!(compared >= 10, "{brand}: only {compared} colours compared");
    }
}

#[test]
fn themes_reach_the_targets_that_have_them() {
    let compiled = tokens();
    let portal = built(&compiled, Target::Opendesk);
    let css = &portal
        .files
        .iter()
        .find(|f| f.name == "portal.css")
        .unwrap()
        .contents;
    let dark = compiled.find(&[("theme", "dark")]).unwrap();
    let dark_accent = dark
        .tokens
        .get("color.accent.default")
        .unwrap()
        .value
        .as_color()
        .unwrap()
        .to_hex();
    let media = css
        .split("@media (prefers-color-scheme: dark)")
        .nth(1)
        .unwrap();
    assert!(
        media.contains(&format!("--color-accent: {dark_accent};")),
        "{css}"
    );
    assert!(css.contains("@media (prefers-contrast: more)"));

    let element = built(&compiled, Target::Element);
    let json: serde_json::Value = serde_json::from_str(&element.files[0].contents).unwrap();
    let themes = json["setting_defaults"]["custom_themes"]
        .as_array()
        .unwrap();
    assert_eq!(themes.len(), 2);
    assert_eq!(themes[1]["is_dark"], true);
    assert_eq!(
        themes[1]["compound"]["--cpd-color-bg-action-primary-rest"],
        dark_accent.as_str()
    );
    assert_eq!(
        json["default_theme"],
        format!("custom-{}", themes[0]["name"].as_str().unwrap())
    );
}

#[test]
fn a_mapping_that_names_a_missing_token_fails_naming_target_key_and_path() {
    let err = with_mapping(Target::Opendesk, |t| {
        t.replace(
            r#""theme.colors.primary": "{color.brand.primary}""#,
            r#""theme.colors.primary": "{color.brand.primry}""#,
        )
    })
    .unwrap_err();
    assert_eq!(err.len(), 1, "{err:#?}");
    assert!(
        err[0].starts_with("tokens/targets/opendesk.json:"),
        "{}",
        err[0]
    );
    assert!(
        err[0]
            .contains("opendesk: theme.colors.primary: token `color.brand.primry` does not exist"),
        "{}",
        err[0]
    );
}

#[test]
fn a_key_the_target_needs_but_the_mapping_leaves_out_is_named() {
    let err = with_mapping(Target::Openproject, |t| {
        t.replace(
            "    \"header-border-bottom-color\": \"{color.border.default}\",\n",
            "",
        )
    });
    let err = err.unwrap_err();
    assert!(
        err.iter().any(|e| e.contains(
            "openproject: header-border-bottom-color: the target needs this key, but variant `light` maps no token to it"
        )),
        "{err:#?}"
    );
}

#[test]
fn a_dimension_where_a_colour_is_expected_is_refused() {
    let err = with_mapping(Target::Nextcloud, |t| {
        t.replace(
            r#""primary_color": "{color.brand.primary}""#,
            r#""primary_color": "{radius.sm}""#,
        )
    })
    .unwrap_err();
    assert_eq!(err.len(), 1, "{err:#?}");
    assert!(
        err[0]
            .contains("nextcloud: primary_color: needs a colour, but `{radius.sm}` is a dimension"),
        "{}",
        err[0]
    );
}

#[test]
fn a_translucent_colour_for_a_hex_key_is_refused() {
    let err = with_mapping(Target::Opendesk, |t| {
        t.replace(
            r#""theme.colors.secondaryGrey": "{color.text.muted}""#,
            r#""theme.colors.secondaryGrey": "{color.surface.overlay}""#,
        )
    })
    .unwrap_err();
    assert!(
        err.iter().any(|e| e.contains(
            "opendesk: theme.colors.secondaryGrey: `{color.surface.overlay}` is translucent"
        )),
        "{err:#?}"
    );
}

#[test]
fn an_unknown_key_is_refused() {
    let err = with_mapping(Target::Nextcloud, |t| {
        t.replace(
            r#""slogan":"#,
            r#""primaryColour": "{color.brand.primary}", "slogan":"#,
        )
    })
    .unwrap_err();
    assert!(
        err.iter()
            .any(|e| e.contains("nextcloud: primaryColour: nextcloud has no such key")),
        "{err:#?}"
    );
}

#[test]
fn a_broken_contrast_pair_is_reported_like_the_lint() {
    let err = with_mapping(Target::Element, |t| {
        t.replace(
            r#""compound.--cpd-color-text-on-solid-primary": "{color.text.on-accent}""#,
            r#""compound.--cpd-color-text-on-solid-primary": "{color.accent.muted}""#,
        )
    })
    .unwrap_err();
    assert!(
        err.iter().any(|e| e.contains("element: compound.--cpd-color-text-on-solid-primary on compound.--cpd-color-bg-action-primary-rest: contrast ")
            && e.contains(" in openDesk (default.light) is below 4.5:1 for text")),
        "{err:#?}"
    );
}

/// A brand colour outside sRGB for a `#rrggbb` key: written gamut-mapped,
/// and said so, naming the target, key and token.
#[test]
fn a_colour_outside_srgb_is_gamut_mapped_and_reported() {
    let mut files = std::collections::BTreeMap::new();
    files.insert(
        "tokens.json".to_string(),
        r#"{"c": {"$type": "color", "$value": {"colorSpace": "display-p3", "components": [0, 1, 0]}}}"#.to_string(),
    );
    files.insert(
        "targets/nextcloud.json".to_string(),
        r#"{"variants": [{"name": "light", "inputs": {}}], "keys": {"primary_color": "{c}"}}"#
            .to_string(),
    );
    let project = bandeau_tokens::project::compile(&files).unwrap();
    let out = bandeau_tokens::project::build_target(&files, &project.compiled, Target::Nextcloud)
        .unwrap();
    assert_eq!(out.warnings.len(), 1);
    let w = &out.warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    let text = w.to_string();
    assert!(text.starts_with("targets/nextcloud.json:1:"), "{text}");
    assert!(
        text.contains("nextcloud: primary_color: `{c}` (color(display-p3 0 1 0)) is outside sRGB"),
        "{text}"
    );
    let hex = out.sets[0].variants[0].entries[0].text.clone();
    assert!(
        text.ends_with(&format!("written gamut-mapped as {hex}")),
        "{text}"
    );
    assert!(out.files[0]
        .contents
        .contains(&format!("theming:config -- primary_color '{hex}'")));
}

#[test]
fn a_variant_with_an_unknown_theme_is_refused() {
    let err = with_mapping(Target::Cunningham, |t| {
        t.replacen(
            r#""inputs": {"theme": "dark"}"#,
            r#""inputs": {"theme": "dusk"}"#,
            1,
        )
    })
    .unwrap_err();
    assert!(
        err.iter().any(|e| e.contains("cunningham: variant `dark` asks for theme `dusk`; the contexts are light, dark, high-contrast")),
        "{err:#?}"
    );
}

#[test]
fn text_from_a_mapping_stays_text_in_every_file() {
    let hostile = r#"x'; rm -rf / #\"</style>\n"#;
    let edit = |t: &str, key: &str| {
        t.replace(
            &format!(r#""{key}": {{"text": "openDesk"}}"#),
            &format!(r#""{key}": {{"text": "{hostile}"}}"#),
        )
    };
    let compiled = tokens();
    let nc = mapping(Target::Nextcloud);
    let nc = Source::new(nc.name.clone(), edit(&nc.text, "name"));
    let out = build(&compiled, Target::Nextcloud, &nc, "t").unwrap();
    let script = &out.files[0].contents;
    assert!(
        script.contains(r#"$OCC theming:config -- name 'x'\''; rm -rf / #"</style>"#),
        "{script}"
    );
    let od = mapping(Target::Opendesk);
    let od = Source::new(od.name.clone(), edit(&od.text, "theme.texts.productName"));
    let out = build(&compiled, Target::Opendesk, &od, "t").unwrap();
    let yaml = &out.files[0].contents;
    let values: serde_json::Value = serde_yaml_ng::from_str(yaml).unwrap();
    assert_eq!(
        values["theme"]["texts"]["productName"],
        "x'; rm -rf / #\"</style>\n"
    );
}

/// The XWiki script, run by a real shell against a stand-in `curl` that
/// logs its arguments: it fetches the CSRF token, writes each colour theme
/// (creating the object when there is none to update) and picks the first.
#[cfg(unix)]
#[test]
fn the_xwiki_script_writes_each_theme_through_the_rest_api() {
    use std::os::unix::fs::PermissionsExt;
    let out = built(&tokens(), Target::Xwiki);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("xwiki-colortheme.sh");
    std::fs::write(&script, &out.files[0].contents).unwrap();
    let log = dir.path().join("curl.log");
    let curl = dir.path().join("curl");
    // No object yet: updating object 0 fails the way `curl --fail` does.
    std::fs::write(
        &curl,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}'\ncase \"$*\" in\n  *'-D -'*) printf 'HTTP/1.1 200 OK\\r\\nXWiki-Form-Token: tok123\\r\\n\\r\\n' ;;\n  *'-X PUT'*'/objects/FlamingoThemesCode.ThemeClass/0') exit 22 ;;\nesac\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&curl, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap()
    );
    let run = std::process::Command::new("sh")
        .arg(&script)
        .env("PATH", path)
        .env("XWIKI_URL", "https://wiki.test/xwiki")
        .env("XWIKI_AUTH", "Admin:pw")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let calls: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let rest = "https://wiki.test/xwiki/rest/wikis/xwiki";
    assert!(
        calls[0].contains("-D -") && calls[0].ends_with(rest),
        "{calls:#?}"
    );
    let page = format!("{rest}/spaces/FlamingoThemes/pages/openDesk");
    let posted: Vec<&String> = calls
        .iter()
        .filter(|c| c.contains("-X POST") && c.ends_with(&format!("{page}/objects")))
        .collect();
    assert_eq!(posted.len(), 1, "{calls:#?}");
    assert!(posted[0].contains("XWiki-Form-Token: tok123"));
    assert!(posted[0].contains("className=FlamingoThemesCode.ThemeClass"));
    assert!(
        posted[0].contains("property#brand-primary=#571efa"),
        "{}",
        posted[0]
    );
    assert!(calls.iter().any(|c| c.ends_with(&format!(
        "{rest}/spaces/FlamingoThemes/pages/openDesk%20Dark/objects"
    ))));
    let last = calls.last().unwrap();
    assert!(
        last.contains("--data-binary FlamingoThemes.openDesk ")
            && last.ends_with("/spaces/XWiki/pages/XWikiPreferences/objects/XWiki.XWikiPreferences/0/properties/colorTheme"),
        "{last}"
    );
}

/// A PatternFly component's own variable is declared on the component, so
/// a value on `:root` would never reach it: the keycloak target refuses it
/// and says which key.
#[test]
fn a_patternfly_component_variable_is_not_a_keycloak_key() {
    let err = with_mapping(Target::Keycloak, |t| {
        t.replace(
            r#""--keycloak-card-top-color":"#,
            r#""--pf-v5-c-button--m-primary--BackgroundColor": "{color.accent.default}", "--keycloak-card-top-color":"#,
        )
    })
    .unwrap_err();
    assert!(
        err.iter().any(|e| e.contains(
            "keycloak: --pf-v5-c-button--m-primary--BackgroundColor: keycloak has no such key"
        )),
        "{err:#?}"
    );
}

#[test]
fn keycloak_dark_goes_on_the_class_keycloak_puts_on_html() {
    let out = built(&tokens(), Target::Keycloak);
    let css = &out.files[0].contents;
    let dark = tokens();
    let dark = dark.find(&[("theme", "dark")]).unwrap();
    let accent = dark
        .tokens
        .get("color.accent.default")
        .unwrap()
        .value
        .as_color()
        .unwrap()
        .to_hex();
    let block = css.split(":root.pf-v5-theme-dark {").nth(1).unwrap();
    assert!(
        block.contains(&format!("--pf-v5-global--primary-color--100: {accent};")),
        "{css}"
    );
    assert!(
        css.contains("@media (prefers-contrast: more) {\n  :root, :root.pf-v5-theme-dark {"),
        "{css}"
    );
}

/// Context names come from the tokens, and a file set's folder is made of
/// them: none may climb out of the output folder or name another set's.
#[test]
fn context_names_cannot_lead_files_out_of_the_output_folder() {
    let files: std::collections::BTreeMap<String, String> = [
        (
            "t.resolver.json",
            r##"{"version": "2025.10", "sets": {"base": {"sources": [{"$ref": "base.json"}]}},
              "modifiers": {"brand": {"contexts": {"main": [{"$ref": "main.json"}],
                  "../../escaped": [{"$ref": "other.json"}], "/abs": [{"$ref": "other.json"}],
                  ".": [{"$ref": "other.json"}]}, "default": "main"}},
              "resolutionOrder": [{"$ref": "#/sets/base"}, {"$ref": "#/modifiers/brand"}]}"##,
        ),
        ("base.json", r#"{"c": {"$type": "color", "$value": {"colorSpace": "srgb", "components": [0, 0, 0]}}}"#),
        ("main.json", r#"{"p": {"$type": "color", "$value": {"colorSpace": "srgb", "components": [0.3, 0.1, 0.9]}}}"#),
        ("other.json", r#"{"p": {"$type": "color", "$value": {"colorSpace": "srgb", "components": [0.8, 0.1, 0.1]}}}"#),
        (
            "targets/nextcloud.json",
            r#"{"variants": [{"name": "light", "inputs": {}}], "keys": {"primary_color": "{p}"}}"#,
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let project = bandeau_tokens::project::compile(&files).unwrap();
    let out = bandeau_tokens::project::build_target(&files, &project.compiled, Target::Nextcloud)
        .unwrap();
    let names: Vec<&str> = out.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    for name in &names {
        assert!(
            !name.starts_with('/') && name.split('/').all(|s| s != ".." && s != "."),
            "{name}"
        );
    }
    let unique: std::collections::BTreeSet<&&str> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
}

#[test]
fn cunningham_themes_are_named_as_the_cli_needs() {
    let err = with_mapping(Target::Cunningham, |t| {
        t.replacen(r#"{"name": "default""#, r#"{"name": "light""#, 1)
            .replacen(r#"{"name": "dark""#, r#"{"name": "dark mode""#, 1)
    })
    .unwrap_err();
    let all = err.join("\n");
    assert!(all.contains("cunningham: the first variant is Cunningham's `default` theme and must be named so, not `light`"), "{all}");
    assert!(
        all.contains(
            "cunningham: variant `dark mode` becomes the class .cunningham-theme--dark mode"
        ),
        "{all}"
    );
}
