//! Every colour token as a swatch, with its value in each theme.

use bandeau_tokens::project::Project;
use bandeau_tokens::resolver::{Compiled, Permutation};
use bandeau_tokens::{Token, Type};
use leptos::prelude::*;
use std::sync::Arc;

/// The permutations that differ from the default only in their theme, in
/// the resolver's order, named by theme: the columns of the per-theme
/// tables. A project without a `theme` modifier has one column.
pub fn themes(compiled: &Compiled) -> Vec<(String, &Permutation)> {
    let with_theme: Vec<(String, &Permutation)> = compiled
        .permutations
        .iter()
        .filter(|p| compiled.is_default(p, Some("theme")))
        .filter_map(|p| Some((p.context("theme")?.to_string(), p)))
        .collect();
    if with_theme.is_empty() {
        vec![("default".to_string(), compiled.base())]
    } else {
        with_theme
    }
}

/// The group a token is shown under: its path without the last segment.
pub fn group_of(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(group, _)| group)
}

/// Tokens of the base permutation that `keep` selects, in document order,
/// grouped by [`group_of`].
pub fn grouped(compiled: &Compiled, keep: impl Fn(&Token) -> bool) -> Vec<(String, Vec<&Token>)> {
    let mut groups: Vec<(String, Vec<&Token>)> = Vec::new();
    for t in compiled.base().tokens.tokens.iter().filter(|t| keep(t)) {
        let group = group_of(&t.path);
        match groups.last_mut() {
            Some((g, list)) if g == group => list.push(t),
            _ => groups.push((group.to_string(), vec![t])),
        }
    }
    groups
}

/// `color.accent.default` → `light: #…`, one entry per theme column.
fn per_theme(themes: &[(String, &Permutation)], path: &str) -> Vec<(String, Option<String>)> {
    themes
        .iter()
        .map(|(name, p)| {
            let value = p
                .tokens
                .get(path)
                .and_then(|t| t.value.as_color())
                .map(|c| c.to_css());
            (name.clone(), value)
        })
        .collect()
}

#[component]
pub fn Swatches(project: Arc<Project>) -> impl IntoView {
    let compiled = &project.compiled;
    let themes = themes(compiled);
    let groups = grouped(compiled, |t| t.ty == Type::Color);
    let theme_names: Vec<String> = themes.iter().map(|(n, _)| n.clone()).collect();
    let groups = groups
        .into_iter()
        .map(|(group, list)| {
            let swatches = list
                .into_iter()
                .map(|t| {
                    let alias = t
                        .alias
                        .map(|a| compiled.base().tokens.by_index(a).path.clone());
                    let values = per_theme(&themes, &t.path)
                        .into_iter()
                        .map(|(theme, value)| {
                            let shown = value.clone().unwrap_or_else(|| "—".into());
                            let theme_attr = theme.clone();
                            view! {
                                <div class="swatch-value" data-theme-name=theme_attr>
                                    <span
                                        class="swatch-chip"
                                        aria-hidden="true"
                                        style:background-color=value.unwrap_or_default()
                                    ></span>
                                    <dt>{theme}</dt>
                                    <dd>
                                        <code>{shown}</code>
                                    </dd>
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <figure class="swatch" data-token=t.path.clone()>
                            <figcaption>
                                <code>{t.path.clone()}</code>
                                {alias.map(|a| view! { <span class="token-alias">" → " {a}</span> })}
                            </figcaption>
                            <dl>{values}</dl>
                        </figure>
                    }
                })
                .collect_view();
            view! {
                <div class="token-group">
                    <h3>
                        <code>{group}</code>
                    </h3>
                    <div class="swatch-grid">{swatches}</div>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="token-section" id="token-colours" aria-label="Colours">
            <h2>"Colours"</h2>
            <p>"Each colour in the " {theme_names.join(", ")} " themes, with the default brand."</p>
            {groups}
        </section>
    }
}
