//! The contrast matrix: every declared foreground/background pair
//! (`org.bandeau.contrast`) in every permutation, with its WCAG 2.1 ratio,
//! failures marked. The same check the CLI refuses tokens for.

use bandeau_tokens::lint::{PairResult, Use};
use bandeau_tokens::project::Project;
use bandeau_tokens::resolver::Permutation;
use leptos::prelude::*;
use std::sync::Arc;

/// One row: a declared pair, with its result per column.
pub struct Row<'a> {
    pub foreground: &'a str,
    pub background: &'a str,
    pub usage: Use,
    pub cells: Vec<Option<&'a PairResult>>,
}

/// The permutations as the lint names them (`default.light`), in the
/// resolver's order.
pub fn columns(project: &Project) -> Vec<(String, &Permutation)> {
    project
        .compiled
        .permutations
        .iter()
        .map(|p| {
            let label = p.label();
            (
                if label.is_empty() {
                    "default".into()
                } else {
                    label
                },
                p,
            )
        })
        .collect()
}

/// Pairs in the order they are declared, each with a cell per column.
pub fn rows<'a>(project: &'a Project, columns: &[(String, &Permutation)]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = Vec::new();
    for r in &project.contrast {
        let at = columns
            .iter()
            .position(|(label, _)| *label == r.permutation);
        let Some(at) = at else { continue };
        let same = |row: &Row<'_>| {
            row.foreground == r.foreground && row.background == r.background && row.usage == r.usage
        };
        let index = match rows.iter().position(same) {
            Some(i) => i,
            None => {
                rows.push(Row {
                    foreground: &r.foreground,
                    background: &r.background,
                    usage: r.usage,
                    cells: vec![None; columns.len()],
                });
                rows.len() - 1
            }
        };
        rows[index].cells[at] = Some(r);
    }
    rows
}

fn colour(p: &Permutation, path: &str) -> String {
    p.tokens
        .get(path)
        .and_then(|t| t.value.as_color())
        .map(|c| c.to_css())
        .unwrap_or_default()
}

/// The pair as it is used: text at the size its minimum is for, and a
/// UI pair as a shape (a border and a dot), since 3:1 holds for large
/// text and non-text contrast, not for small text.
fn sample(usage: Use, foreground: String, background: String) -> AnyView {
    match usage {
        Use::Text | Use::LargeText => view! {
            <span
                class="contrast-sample"
                class:contrast-sample-large=usage == Use::LargeText
                aria-hidden="true"
                style:color=foreground
                style:background-color=background
            >
                "Aa"
            </span>
        }
        .into_any(),
        Use::Ui => {
            let border = foreground.clone();
            view! {
                <span
                    class="contrast-sample contrast-sample-ui"
                    aria-hidden="true"
                    style:border-color=border
                    style:background-color=background
                >
                    <span class="contrast-dot" style:background-color=foreground></span>
                </span>
            }
            .into_any()
        }
    }
}

#[component]
pub fn Matrix(project: Arc<Project>) -> impl IntoView {
    let columns = columns(&project);
    let rows = rows(&project, &columns);
    let failing = project.contrast.iter().filter(|r| !r.passes()).count();
    let headers = columns
        .iter()
        .map(|(label, p)| {
            let shown = p
                .inputs
                .iter()
                .map(|(_, context)| context.as_str())
                .collect::<Vec<_>>()
                .join(" / ");
            view! {
                <th scope="col" data-permutation=label.clone()>
                    {if shown.is_empty() { label.clone() } else { shown }}
                </th>
            }
        })
        .collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .zip(&columns)
                .map(|(cell, (label, p))| match cell {
                    None => view! { <td data-permutation=label.clone()>"—"</td> }.into_any(),
                    Some(r) => {
                        let passes = r.passes();
                        let ratio = format!("{:.2}:1", r.shown_ratio());
                        let verdict = if passes {
                            "passes".to_string()
                        } else {
                            format!("fails, needs {}:1", r.usage.minimum())
                        };
                        view! {
                            <td
                                data-permutation=label.clone()
                                data-ratio=format!("{:.2}", r.shown_ratio())
                                class=if passes { "contrast-pass" } else { "contrast-fail" }
                            >
                                {sample(row.usage, colour(p, row.foreground), colour(p, row.background))}
                                <span class="contrast-ratio">{ratio}</span>
                                <span class="contrast-verdict">
                                    {if passes { "✓ " } else { "✗ " }}
                                    {verdict}
                                </span>
                            </td>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! {
                <tr data-pair=format!("{} on {}", row.foreground, row.background)>
                    <th scope="row">
                        <code>{row.foreground.to_string()}</code>
                        " on "
                        <code>{row.background.to_string()}</code>
                        <span class="contrast-use">
                            {format!(" ({}, {}:1)", row.usage.name(), row.usage.minimum())}
                        </span>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let summary = format!(
        "{} declared pairs in {} permutations; {}.",
        rows.len(),
        columns.len(),
        match failing {
            0 => "all pass WCAG 2.1".to_string(),
            1 => "1 check fails".to_string(),
            n => format!("{n} checks fail"),
        }
    );
    view! {
        <section class="token-section" id="token-contrast" aria-label="Contrast">
            <h2>"Contrast"</h2>
            <p class="contrast-summary" data-failures=failing.to_string()>{summary}</p>
            <div class="contrast-scroll">
                <table class="contrast-matrix">
                    <thead>
                        <tr>
                            <th scope="col">"Pair"</th>
                            {headers}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::live::{self, tests_support::repo_tokens};

    #[test]
    fn every_pair_has_a_cell_in_every_permutation() {
        let project = live::compile(&repo_tokens()).unwrap();
        let columns = columns(&project);
        assert_eq!(columns.len(), 6, "three themes × two brands");
        let rows = rows(&project, &columns);
        assert!(rows.len() >= 10, "{}", rows.len());
        for row in &rows {
            assert!(row.cells.iter().all(Option::is_some), "{}", row.foreground);
        }
        assert_eq!(rows.len() * columns.len(), project.contrast.len());
    }
}
