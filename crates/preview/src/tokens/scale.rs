//! The non-colour tokens shown as what they are: type set in each style,
//! spacing and sizes as bars, radii as rounded boxes, shadows on cards and
//! motion as a dot that moves with the token's timing.

use super::swatches::grouped;
use bandeau_tokens::emit::css::Renderer;
use bandeau_tokens::project::Project;
use bandeau_tokens::{Token, Type};
use leptos::prelude::*;
use std::sync::Arc;

const SAMPLE: &str = "Sovereign office, one suite";

/// Which page section a token belongs on, by type and path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Type,
    Spacing,
    Radius,
    Size,
    Shadow,
    Motion,
}

pub fn kind(t: &Token) -> Option<Kind> {
    let segments: Vec<&str> = t.path.split('.').collect();
    let named = |word: &str| segments.iter().any(|s| s.contains(word));
    match t.ty {
        Type::Typography => Some(Kind::Type),
        Type::Dimension if t.path.starts_with("font.size") => Some(Kind::Type),
        Type::Dimension if named("radius") => Some(Kind::Radius),
        Type::Dimension if segments[0] == "space" || named("padding") || named("gap") => {
            Some(Kind::Spacing)
        }
        Type::Dimension => Some(Kind::Size),
        Type::Shadow => Some(Kind::Shadow),
        Type::Duration | Type::CubicBezier | Type::Transition => Some(Kind::Motion),
        _ => None,
    }
}

fn title(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Type => ("token-type", "Type scale"),
        Kind::Spacing => ("token-spacing", "Spacing"),
        Kind::Radius => ("token-radii", "Radii"),
        Kind::Size => ("token-sizes", "Sizes"),
        Kind::Shadow => ("token-shadows", "Shadows"),
        Kind::Motion => ("token-motion", "Motion"),
    }
}

/// The specimen of one token: an element styled with its value.
fn specimen(t: &Token, kind: Kind, value: String) -> AnyView {
    match kind {
        Kind::Type if t.ty == Type::Typography => view! {
            <p class="type-sample" style:font=value>{SAMPLE}</p>
        }
        .into_any(),
        Kind::Type => view! {
            <p class="type-sample" style:font-size=value>{SAMPLE}</p>
        }
        .into_any(),
        Kind::Spacing | Kind::Size => view! {
            <span class="size-bar" style:width=value aria-hidden="true"></span>
        }
        .into_any(),
        Kind::Radius => view! {
            <span class="radius-box" style:border-radius=value aria-hidden="true"></span>
        }
        .into_any(),
        Kind::Shadow => view! {
            <span class="shadow-card" style:box-shadow=value aria-hidden="true"></span>
        }
        .into_any(),
        Kind::Motion => motion(t, value),
    }
}

/// A dot crossing a track with the token's timing, on demand: motion that
/// starts by itself would distract from the rest of the page.
fn motion(t: &Token, value: String) -> AnyView {
    let transition = match t.ty {
        Type::Duration => format!("transform {value} linear"),
        Type::CubicBezier => format!("transform 1s {value}"),
        _ => format!("transform {value}"),
    };
    let moved = RwSignal::new(false);
    let label = format!("Play {}", t.path);
    view! {
        <span class="motion-demo">
            <button type="button" aria-label=label on:click=move |_| moved.update(|m| *m = !*m)>
                "Play"
            </button>
            <span class="motion-track" aria-hidden="true">
                <span class="motion-dot" class:moved=move || moved.get() style:transition=transition></span>
            </span>
        </span>
    }
    .into_any()
}

#[component]
pub fn Scales(project: Arc<Project>) -> impl IntoView {
    let compiled = &project.compiled;
    let renderer = Renderer {
        set: &compiled.base().tokens,
        prefix: "bd",
        references: false,
    };
    [
        Kind::Type,
        Kind::Spacing,
        Kind::Radius,
        Kind::Size,
        Kind::Shadow,
        Kind::Motion,
    ]
    .into_iter()
    .map(|k| {
        let (id, heading) = title(k);
        let groups = grouped(compiled, |t| kind(t) == Some(k))
            .into_iter()
            .map(|(group, list)| {
                let rows = list
                    .into_iter()
                    .map(|t| {
                        let value = renderer.value(&t.value);
                        view! {
                            <li class="token-row" data-token=t.path.clone()>
                                <span class="token-name">
                                    <code>{t.path.clone()}</code>
                                </span>
                                <code class="token-value">{value.clone()}</code>
                                {specimen(t, k, value)}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="token-group">
                        <h3>
                            <code>{group}</code>
                        </h3>
                        <ul class="token-rows">{rows}</ul>
                    </div>
                }
            })
            .collect_view();
        view! {
            <section class="token-section" id=id aria-label=heading>
                <h2>{heading}</h2>
                {groups}
            </section>
        }
    })
    .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::live;

    #[test]
    fn every_token_of_the_project_that_is_not_a_colour_has_a_section_or_a_reason() {
        let files = live::tests_support::repo_tokens();
        let project = live::compile(&files).unwrap();
        let base = &project.compiled.base().tokens;
        let of = |p: &str| kind(base.get(p).unwrap());
        assert_eq!(of("typography.body"), Some(Kind::Type));
        assert_eq!(of("font.size.md"), Some(Kind::Type));
        assert_eq!(of("space.4"), Some(Kind::Spacing));
        assert_eq!(of("login.card.padding"), Some(Kind::Spacing));
        assert_eq!(of("radius.md"), Some(Kind::Radius));
        assert_eq!(of("launcher.panel.radius"), Some(Kind::Radius));
        assert_eq!(of("size.icon.md"), Some(Kind::Size));
        assert_eq!(of("shadow.md"), Some(Kind::Shadow));
        assert_eq!(of("motion.duration.fast"), Some(Kind::Motion));
        assert_eq!(of("motion.easing.standard"), Some(Kind::Motion));
        assert_eq!(of("transition.popover"), Some(Kind::Motion));
        // Shown elsewhere (colours) or not a visual quantity.
        assert_eq!(of("color.accent.default"), None);
        assert_eq!(of("opacity.disabled"), None);
    }
}
