//! The `bandeau-tokens` command as a user runs it: exit codes, error lines,
//! and outputs that are either all new or untouched.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bandeau-tokens"))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const GOOD: &str = r##"{
  "color": {
    "$type": "color",
    "ink": {"$value": {"colorSpace": "srgb", "components": [0.1, 0.1, 0.1], "hex": "#1a1a1a"},
            "$extensions": {"org.bandeau.contrast": {"background": "{color.paper}", "use": "text"}}},
    "paper": {"$value": {"colorSpace": "srgb", "components": [1, 1, 1], "hex": "#ffffff"}}
  },
  "space": {"$type": "dimension", "md": {"$value": {"value": 16, "unit": "px"}}}
}"##;

#[test]
fn build_writes_every_requested_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.tokens.json", GOOD);
    let out = dir.path().join("out");
    let o = bin()
        .args(["build"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--format", "css,scss,json,ts,rust,html"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "tokens.css",
        "_tokens.scss",
        "tokens.json",
        "tokens.ts",
        "tokens.rs",
        "gallery.html",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let css = std::fs::read_to_string(out.join("tokens.css")).unwrap();
    assert!(css.contains("--bd-color-ink: #1a1a1a;"), "{css}");
    assert!(css.contains("--bd-space-md: 16px;"), "{css}");
    // No staging directory is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn invalid_tokens_exit_1_report_every_problem_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("tokens.css"), "previous build").unwrap();
    let input = write(
        dir.path(),
        "bad.tokens.json",
        "{\n  \"a\": {\"$type\": \"color\", \"$value\": \"{missing}\"},\n  \"b\": {\"$type\": \"dimension\", \"$value\": {\"value\": 1, \"unit\": \"em\"}},\n  \"c\": {\"$value\": 3}\n}\n",
    );
    let o = bin()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let name = input.display().to_string();
    assert!(
        err.contains(&format!("{name}:2:37: a: unresolvable alias `{{missing}}`")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:3:62: b: unknown dimension unit `em`")),
        "{err}"
    );
    assert!(err.contains(&format!("{name}:4:19: c: no type")), "{err}");
    assert!(err.contains("3 problems"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("tokens.css")).unwrap(),
        "previous build"
    );
    assert!(!out.join("tokens.json").exists());
}

#[test]
fn failing_contrast_pair_fails_the_build_with_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "low.tokens.json",
        &GOOD.replace(
            "[0.1, 0.1, 0.1], \"hex\": \"#1a1a1a\"",
            "[0.8, 0.8, 0.8], \"hex\": \"#cccccc\"",
        ),
    );
    let out = dir.path().join("out");
    let o = bin()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("color.ink: contrast 1.61:1 on `color.paper`"),
        "{err}"
    );
    assert!(err.contains("foreground"), "{err}");
    assert!(!out.exists(), "nothing may be written");
}

#[test]
fn usage_errors_exit_2() {
    let o = bin().args(["build", "--out", "x"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.tokens.json", GOOD);
    let o = bin()
        .arg("build")
        .arg(&input)
        .args(["--out", "x", "--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown format `yaml`"));
    let o = bin()
        .args(["check", "does-not-exist.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read does-not-exist.json"));
}

#[test]
fn bad_json_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "broken.json", "{\n  \"a\": {\"$value\": 1,}\n}");
    let o = bin().arg("check").arg(&input).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{}:2:21: invalid JSON: trailing comma",
            input.display()
        )),
        "{err}"
    );
}

#[test]
fn the_project_tokens_build_in_every_theme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tokens/bandeau.resolver.json");
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .arg("build")
        .arg(&root)
        .arg("--out")
        .arg(dir.path())
        .args(["--format", "css,json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let css = std::fs::read_to_string(dir.path().join("tokens.css")).unwrap();
    for sel in [
        ":root, :host {",
        "[data-theme=\"dark\"], :host([data-theme=\"dark\"]) {",
        "[data-theme=\"high-contrast\"], :host([data-theme=\"high-contrast\"]) {",
        "@media (prefers-color-scheme: dark) {",
    ] {
        assert!(css.contains(sel), "missing {sel}");
    }
    // openDesk's default brand colour is the light accent.
    assert!(css.contains("--bd-color-accent-default: #571efa;"));
    for theme in ["light", "dark", "high-contrast"] {
        assert!(dir
            .path()
            .join(format!("tokens.default.{theme}.json"))
            .is_file());
    }
}

#[test]
fn brand_command_derives_a_brand_block() {
    let dir = tempfile::tempdir().unwrap();
    let colors = write(
        dir.path(),
        "brand.json",
        r##"{"theme": {"colors": {"primary": "#571efa"}}}"##,
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tokens/bandeau.resolver.json");
    let o = bin()
        .arg("brand")
        .arg(&colors)
        .args(["--name", "acme", "--tokens"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let css = String::from_utf8(o.stdout).unwrap();
    assert!(css.contains("[data-brand=\"acme\"]"), "{css}");
    assert!(css.contains("--bd-color-accent-default: #571efa;"), "{css}");

    let pale = write(dir.path(), "pale.json", r##"{"primary": "#ffe600"}"##);
    let o = bin()
        .arg("brand")
        .arg(&pale)
        .args(["--name", "pale", "--tokens"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(":1"), "{}", stderr(&o));
}

/// A broken app mapping fails the whole build: one line per problem, each
/// naming the mapping, the target, its key and the token; the stylesheet
/// formats asked for in the same run are not written either.
#[test]
fn a_broken_target_mapping_writes_nothing_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.tokens.json", GOOD);
    let targets = dir.path().join("targets");
    std::fs::create_dir(&targets).unwrap();
    write(
        &targets,
        "nextcloud.json",
        r#"{"variants": [{"name": "light", "inputs": {}}],
  "keys": {"primary_color": "{color.inc}", "background_color": "{space.md}"}}"#,
    );
    let out = dir.path().join("out");
    let build = || {
        bin()
            .arg("build")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .args(["--format", "css,nextcloud"])
            .output()
            .unwrap()
    };
    let o = build();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let mapping = targets.join("nextcloud.json").display().to_string();
    assert!(
        err.contains(&format!(
            "{mapping}:2:29: nextcloud: primary_color: token `color.inc` does not exist"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{mapping}:2:64: nextcloud: background_color: needs a colour, but `{{space.md}}` is a dimension"
        )),
        "{err}"
    );
    assert!(
        err.contains("2 problems in the app targets; nothing was written"),
        "{err}"
    );
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());

    // Mended, the same run writes the target beside the stylesheet.
    write(
        &targets,
        "nextcloud.json",
        r#"{"variants": [{"name": "light", "inputs": {}}], "keys": {"primary_color": "{color.ink}"}}"#,
    );
    let o = build();
    assert!(o.status.success(), "{}", stderr(&o));
    let script = std::fs::read_to_string(out.join("nextcloud-theming.sh")).unwrap();
    assert!(
        script.contains("$OCC theming:config -- primary_color '#1a1a1a'"),
        "{script}"
    );
    assert!(out.join("tokens.css").is_file());
}

/// A format named twice is written once; two mappings that are missing
/// are both named, and nothing is written.
#[test]
fn repeated_formats_are_one_and_every_missing_mapping_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.tokens.json", GOOD);
    let out = dir.path().join("out");
    let o = bin()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--format", "css,css,json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("tokens.css").is_file() && out.join("tokens.json").is_file());

    let o = bin()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(dir.path().join("out2"))
        .args(["--format", "css,ox,element"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("cannot read the ox mapping"), "{err}");
    assert!(err.contains("cannot read the element mapping"), "{err}");
    assert!(!dir.path().join("out2").exists());
}

/// A resolver document named otherwise (`resolver.json` is common) is
/// known by its content, and its permutations are built.
#[test]
fn a_resolver_is_known_by_its_content() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/input");
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&golden).unwrap() {
        let path = entry.unwrap().path();
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace("tokens.resolver.json", "resolver.json");
        std::fs::copy(&path, dir.path().join(name)).unwrap();
    }
    let o = bin()
        .arg("check")
        .arg(dir.path().join("resolver.json"))
        .output()
        .unwrap();
    // The fixture's dark theme fails the lint on purpose; that it is
    // checked in `dark.compact` shows the resolver's permutations were built.
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(" in dark.compact is below 4.5:1"), "{err}");
    assert!(!err.contains("invalid"), "{err}");
}
