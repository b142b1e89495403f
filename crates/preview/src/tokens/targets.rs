//! The suite's apps as the tokens theme them: for each target of
//! `bandeau_tokens::suite` (openDesk, Cunningham, Element, Nextcloud,
//! OpenProject, OX), what it receives in the toolbar's theme and brand,
//! key by key, and its files to download. Built from the same live
//! project as the other token pages, with the mappings in
//! `tokens/targets/` as edited, so a designer sees what an edit does to
//! every app before anything is deployed.

use super::editor::{download, file_name};
use super::use_tokens;
use crate::state::Brand;
use crate::workbench::Workbench;
use bandeau_tokens::emit::OutputFile;
use bandeau_tokens::lint::PairResult;
use bandeau_tokens::project::{self, Project};
use bandeau_tokens::resolver::Compiled;
use bandeau_tokens::suite::{Output, Rendered, RenderedVariant, Target};
use bandeau_tokens::Diagnostic;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The resolver's modifiers the toolbar's theme and brand pick contexts of.
const THEME: &str = "theme";
const BRAND: &str = "brand";

/// One target built from the project.
pub struct Built {
    pub target: Target,
    /// Where its mapping is in the project (`tokens/targets/opendesk.json`).
    pub mapping: String,
    pub result: Result<Output, Vec<Diagnostic>>,
}

/// Every target, each on its own: one broken mapping leaves the others
/// standing.
pub fn build_all(files: &BTreeMap<String, String>, project: &Project) -> Vec<Built> {
    Target::ALL
        .into_iter()
        .map(|target| Built {
            target,
            mapping: project::mapping_path(files, target),
            result: project::build_target(files, &project.compiled, target),
        })
        .collect()
}

/// The token project's brands besides its default, for the toolbar.
pub fn brands(compiled: &Compiled) -> Vec<String> {
    compiled
        .modifiers
        .iter()
        .filter(|m| m.name == BRAND)
        .flat_map(|m| m.contexts.iter().filter(|c| **c != m.default).cloned())
        .collect()
}

/// What the page shows of one built target.
pub struct Chosen<'a> {
    pub set: &'a Rendered,
    pub variant: &'a RenderedVariant,
    /// The files of that set, as the build names them (`ocean/portal.css`).
    pub files: Vec<&'a OutputFile>,
    pub contrast: &'a [PairResult],
    /// Why this is not exactly what the toolbar asks for.
    pub notes: Vec<String>,
}

/// The file set of `brand` (a context of the brand modifier; `None` for
/// the default) and the variant of `theme`. A target that has no variant
/// for the theme (OpenProject is light only) or no set for the brand shows
/// its first, and says so: the page must not look as if the app followed
/// the toolbar when it cannot.
pub fn choose<'a>(
    output: &'a Output,
    compiled: &Compiled,
    theme: &str,
    brand: Option<&str>,
) -> Option<Chosen<'a>> {
    let first = output.sets.first()?;
    let name = first.target.name();
    let mut notes = Vec::new();
    let set = match brand {
        None => output
            .sets
            .iter()
            .find(|s| s.folder.is_empty())
            .unwrap_or(first),
        Some(brand) => {
            let found = output
                .sets
                .iter()
                .find(|s| s.set.iter().any(|(m, c)| m == BRAND && c == brand));
            found.unwrap_or_else(|| {
                notes.push(format!(
                    "{name} writes no files for brand `{brand}`: showing its default set."
                ));
                first
            })
        }
    };
    let theme_of = |v: &RenderedVariant| {
        compiled
            .permutations
            .iter()
            .find(|p| p.label() == v.permutation)
            .and_then(|p| p.context(THEME))
            .map(str::to_owned)
    };
    let variant = match set
        .variants
        .iter()
        .find(|v| theme_of(v).as_deref() == Some(theme))
    {
        Some(v) => v,
        None => {
            let v = set.variants.first()?;
            let names: Vec<&str> = set.variants.iter().map(|v| v.name.as_str()).collect();
            notes.push(if theme == "auto" {
                format!(
                    "`auto` is each viewer's own setting, not a variant: showing {name}'s {} variant (it has {}).",
                    v.name,
                    names.join(", ")
                )
            } else {
                format!(
                    "{name} has no {theme} variant (only {}): showing {}.",
                    names.join(", "),
                    v.name
                )
            });
            v
        }
    };
    let files = output
        .files
        .iter()
        .filter(|f| {
            f.name
                .strip_prefix(set.folder.as_str())
                .is_some_and(|rest| !rest.contains('/'))
        })
        .collect();
    let contrast = &variant.contrast;
    Some(Chosen {
        set,
        variant,
        files,
        contrast,
        notes,
    })
}

/// What the browser is told the download is; the name carries the rest.
pub fn media_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("json") => "application/json",
        Some("css") => "text/css",
        _ => "text/plain",
    }
}

/// A project built once for the page: the memo hands out the same `Arc`
/// until the tokens compile again.
struct Page {
    project: Arc<Project>,
    targets: Vec<Built>,
}

fn files_view(files: &[&OutputFile], notice: RwSignal<Option<String>>) -> impl IntoView {
    files
        .iter()
        .map(|f| {
            let path = f.name.clone();
            let name = file_name(&f.name).to_string();
            let contents = f.contents.clone();
            let label = format!("Download {path}");
            let data = path.clone();
            view! {
                <li data-file=data>
                    <button
                        type="button"
                        class="target-download"
                        aria-label=label
                        on:click=move |_| {
                            notice.set(download(&name, &contents, media_type(&name)).err())
                        }
                    >
                        "Download "
                        <code>{path}</code>
                    </button>
                </li>
            }
        })
        .collect_view()
}

fn keys_view(name: &str, chosen: &Chosen<'_>) -> impl IntoView {
    let rows = chosen
        .variant
        .entries
        .iter()
        .map(|e| {
            let swatch = e.color.as_ref().map(|c| {
                view! {
                    <span class="swatch-chip" aria-hidden="true" style:background-color=c.to_css()></span>
                }
            });
            view! {
                <tr data-key=e.key.clone()>
                    <th scope="row">
                        <code>{e.key.clone()}</code>
                    </th>
                    <td class="target-source">
                        <code>{e.source.clone()}</code>
                    </td>
                    <td class="target-value" data-value=e.text.clone()>
                        {swatch}
                        <code>{e.text.clone()}</code>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let caption = format!(
        "What {name} receives in its {} variant ({})",
        chosen.variant.name, chosen.variant.permutation
    );
    view! {
        <table
            class="target-keys"
            data-variant=chosen.variant.name.clone()
            data-permutation=chosen.variant.permutation.clone()
            data-folder=chosen.set.folder.clone()
        >
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Key"</th>
                    <th scope="col">"Mapping"</th>
                    <th scope="col">"Value"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn contrast_view(checks: &[PairResult]) -> impl IntoView {
    if checks.is_empty() {
        return ().into_any();
    }
    let items = checks
        .iter()
        .map(|c| {
            let passes = c.passes();
            let verdict = if passes {
                "✓ passes".to_string()
            } else {
                format!("✗ fails, needs {}:1", c.usage.minimum())
            };
            view! {
                <li
                    class=if passes { "contrast-pass" } else { "contrast-fail" }
                    data-pair=format!("{} on {}", c.foreground, c.background)
                >
                    <code>{c.foreground.clone()}</code>
                    " on "
                    <code>{c.background.clone()}</code>
                    {format!(
                        " ({}): {:.2}:1, {verdict}",
                        c.usage.name(),
                        c.shown_ratio()
                    )}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="target-contrast" aria-label="Contrast of the mapping's pairs">
            {items}
        </ul>
    }
    .into_any()
}

fn target_view(
    built: &Built,
    compiled: &Compiled,
    theme: &str,
    brand: Option<&str>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = built.target.name();
    let heading = format!("target-{name}");
    let labelled_by = heading.clone();
    let body = match &built.result {
        Err(problems) => view! {
            <p class="token-error">"Not built; its problems:"</p>
            <ul class="target-problems">
                {problems
                    .iter()
                    .map(|d| {
                        let class = if d.is_error() { "problem-error" } else { "problem-warning" };
                        view! { <li class=class>{d.to_string()}</li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Ok(output) => match choose(output, compiled, theme, brand) {
            None => view! { <p>"The mapping defines no variant."</p> }.into_any(),
            Some(chosen) => {
                let notes = chosen
                    .notes
                    .iter()
                    .map(|n| view! { <p class="target-note">{n.clone()}</p> })
                    .collect_view();
                // Gamut mapping and the like: the files are written anyway.
                let warnings = (!output.warnings.is_empty()).then(|| {
                    let items = output
                        .warnings
                        .iter()
                        .map(|d| view! { <li class="problem-warning">{d.to_string()}</li> })
                        .collect_view();
                    view! { <ul class="target-problems">{items}</ul> }
                });
                view! {
                    {notes}
                    <ul class="target-files" aria-label=format!("Files of {name}")>
                        {files_view(&chosen.files, notice)}
                    </ul>
                    {keys_view(name, &chosen)}
                    {contrast_view(chosen.contrast)}
                    {warnings}
                }
                .into_any()
            }
        },
    };
    view! {
        <section
            class="target"
            data-target=name
            data-built=if built.result.is_ok() { "true" } else { "false" }
            aria-labelledby=labelled_by
        >
            <h3 id=heading>{name}</h3>
            <p class="target-mapping">"Mapping: " <code>{built.mapping.clone()}</code></p>
            {body}
        </section>
    }
}

/// The page. `shown`: whether its tab is on screen; a hidden page builds
/// nothing, so typing in the editor costs no target builds.
#[component]
pub fn TargetPages(
    #[prop(into)] brand: Signal<Brand>,
    #[prop(into)] shown: Signal<bool>,
) -> impl IntoView {
    let tokens = use_tokens();
    let workbench = use_context::<Workbench>().expect("inside the App");
    let notice = RwSignal::new(None::<String>);
    // Every edit that compiles sets a new project, a mapping edit too (the
    // resolver does not read mappings, so it always compiles); the files are
    // the ones that project was compiled from.
    let page = Memo::new_with_compare(
        move |_| {
            if !shown.get() {
                return None;
            }
            let project = tokens.project.get()?;
            let targets = tokens.files.with_untracked(|f| build_all(f, &project));
            Some(Arc::new(Page { project, targets }))
        },
        |_, _| true,
    );
    let brand_note = move || {
        let text = match brand.get() {
            Brand::Sample => "The sample brand document is derived in the browser, not a brand of the token project: the apps below get the default brand.",
            Brand::Primary(_) => "A typed primary colour is derived in the browser, not a brand of the token project: the apps below get the default brand.",
            _ => return None,
        };
        Some(view! { <p class="target-note">{text}</p> })
    };
    let intro = move || {
        let theme = workbench.theme.get();
        let brand = brand.with(|b| b.context().unwrap_or("default").to_string());
        format!(
            "What each of the suite's apps receives from the tokens through its mapping in tokens/targets/, in the {theme} theme and the {brand} brand of the toolbar. Edits in the token editor, mappings included, show here as they compile."
        )
    };
    let stale = move || {
        (!tokens.compiled.get()).then(|| {
            view! {
                <p class="token-error" role="status">
                    "The latest edit does not compile: the apps get the last tokens that did."
                </p>
            }
        })
    };
    let targets = move || {
        let Some(page) = page.get() else {
            return view! { <p class="token-loading">"Compiling the tokens…"</p> }.into_any();
        };
        let theme = workbench.theme.get();
        let brand = brand.with(|b| b.context().map(str::to_owned));
        page.targets
            .iter()
            .map(|built| {
                target_view(
                    built,
                    &page.project.compiled,
                    &theme,
                    brand.as_deref(),
                    notice,
                )
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="token-pages target-pages">
            <section class="token-section" id="token-targets" aria-labelledby="token-targets-heading">
                <h2 id="token-targets-heading">"App themes"</h2>
                <p class="target-intro">{intro}</p>
                {brand_note}
                {stale}
                {move || tokens.load_error.get().map(|e| view! { <p class="token-error" role="alert">{e}</p> })}
                {move || notice.get().map(|n| view! { <p class="token-error" role="alert">{n}</p> })}
                {targets}
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::live::{self, tests_support::repo_tokens};

    fn built(files: &BTreeMap<String, String>) -> (Project, Vec<Built>) {
        let project = live::compile(files).unwrap();
        let targets = build_all(files, &project);
        (project, targets)
    }

    fn output(targets: &[Built], target: Target) -> &Output {
        let b = targets.iter().find(|b| b.target == target).unwrap();
        b.result.as_ref().unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn every_target_builds_from_the_repository_and_shows_its_files() {
        let (project, targets) = built(&repo_tokens());
        assert_eq!(targets.len(), Target::ALL.len());
        for b in &targets {
            let out = b.result.as_ref().unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(
                b.mapping,
                format!("tokens/targets/{}.json", b.target.name())
            );
            let chosen = choose(out, &project.compiled, "light", None).unwrap();
            let names: Vec<&str> = chosen.files.iter().map(|f| f.name.as_str()).collect();
            assert_eq!(names, b.target.files(), "{}", b.target.name());
            assert!(!chosen.variant.entries.is_empty());
            assert!(chosen.notes.is_empty(), "{:?}", chosen.notes);
        }
        assert_eq!(brands(&project.compiled), ["ocean"]);
    }

    #[test]
    fn theme_and_brand_pick_the_variant_and_the_file_set() {
        let (project, targets) = built(&repo_tokens());
        let opendesk = output(&targets, Target::Opendesk);
        let primary = |theme, brand| {
            let c = choose(opendesk, &project.compiled, theme, brand).unwrap();
            (
                c.variant.name.clone(),
                c.variant.get("--color-accent").unwrap().text.clone(),
                c.variant.get("theme.colors.primary").unwrap().text.clone(),
                c.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
            )
        };
        let light = primary("light", None);
        assert_eq!(light.0, "light");
        assert_eq!(light.2, "#571efa");
        let dark = primary("dark", None);
        assert_eq!(dark.0, "dark");
        assert_ne!(dark.1, light.1);
        let ocean = primary("light", Some("ocean"));
        assert_eq!(ocean.2, "#0b6e99");
        assert_eq!(ocean.3, ["ocean/opendesk-theme.yaml", "ocean/portal.css"]);
        let c = choose(opendesk, &project.compiled, "light", None).unwrap();
        assert!(!c.contrast.is_empty());
        assert!(c
            .contrast
            .iter()
            .all(|p| p.permutation == c.variant.permutation));
    }

    #[test]
    fn a_target_without_the_theme_shows_its_first_variant_and_says_so() {
        let (project, targets) = built(&repo_tokens());
        let openproject = output(&targets, Target::Openproject);
        let c = choose(openproject, &project.compiled, "dark", None).unwrap();
        assert_eq!(c.variant.name, "light");
        assert_eq!(
            c.notes,
            ["openproject has no dark variant (only light): showing light."]
        );
        let opendesk = output(&targets, Target::Opendesk);
        let auto = choose(opendesk, &project.compiled, "auto", None).unwrap();
        assert_eq!(auto.variant.name, "light");
        assert!(auto.notes[0].starts_with("`auto`"), "{:?}", auto.notes);
        let unknown = choose(opendesk, &project.compiled, "light", Some("nope")).unwrap();
        assert!(unknown.set.folder.is_empty());
        assert_eq!(unknown.notes.len(), 1);
    }

    #[test]
    fn a_broken_mapping_names_its_file_and_key_and_leaves_the_others() {
        let mut files = repo_tokens();
        let path = "tokens/targets/opendesk.json";
        let text = files[path].replace(
            r#""theme.colors.primary": "{color.brand.primary}""#,
            r#""theme.colors.primary": "{color.nope}""#,
        );
        assert_ne!(text, files[path]);
        files.insert(path.into(), text);
        let (_, targets) = built(&files);
        let broken = targets[0].result.as_ref().unwrap_err();
        let first = broken[0].to_string();
        assert!(
            first.starts_with("tokens/targets/opendesk.json:"),
            "{first}"
        );
        assert!(first.contains("theme.colors.primary"), "{first}");
        assert!(first.contains("color.nope"), "{first}");
        assert!(targets[1..].iter().all(|b| b.result.is_ok()));
    }

    #[test]
    fn downloads_say_what_they_hold() {
        assert_eq!(media_type("element-config.json"), "application/json");
        assert_eq!(media_type("portal.css"), "text/css");
        assert_eq!(media_type("openproject.env"), "text/plain");
    }
}
