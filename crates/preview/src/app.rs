//! The workbench's layout: the story sidebar, the toolbar, the canvas with
//! its panels, the docs and the token pages; and the URL, which holds all
//! of it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::brand;
use crate::canvas::{Canvas, Fired};
use crate::catalogue::{self, BrandSetting};
use crate::controls::Controls;
use crate::docs::Docs;
use crate::state::{
    Brand, Panel, Tab, View, Viewport, LANGUAGES, SAMPLE_BRAND_URL, THEMES, VIEWPORTS, ZOOMS,
};
use crate::workbench::Workbench;

/// The query string as decoded pairs.
fn query_pairs() -> Vec<(String, String)> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    let Ok(Some(entries)) = js_sys::try_iter(&params) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// Replaces the URL's query without a navigation, so the address bar can
/// be copied as a link to this exact view.
fn write_query(pairs: &[(String, String)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return;
    };
    for (key, value) in pairs {
        params.append(key, value);
    }
    let query = format!("?{}", String::from(params.to_string()));
    if window.location().search().ok().as_deref() == Some(query.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&query));
    }
}

fn select_options(options: &[&'static str], current: Signal<String>) -> impl IntoView {
    options
        .iter()
        .map(|option| {
            let option = *option;
            view! { <option value=option selected=move || current.get() == option>{option}</option> }
        })
        .collect_view()
}

#[component]
fn Sidebar(view: RwSignal<View>) -> impl IntoView {
    let current = Memo::new(move |_| view.with(|v| v.story.clone()));
    let groups = catalogue::groups()
        .into_iter()
        .map(|(tag, stories)| {
            let heading = format!("heading-{tag}");
            let labelled_by = heading.clone();
            let links = stories
                .into_iter()
                .map(|story| {
                    let id = story.id;
                    view! {
                        <li>
                            <a
                                href=format!("?story={id}")
                                data-story=id
                                aria-current=move || (current.get() == id).then_some("page")
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    view.update(|v| {
                                        v.select(id);
                                        if matches!(v.tab, Tab::Tokens | Tab::Targets) {
                                            v.tab = Tab::Canvas;
                                        }
                                    });
                                }
                            >
                                {story.title}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=heading><code>{tag}</code></h2>
                    <ul>{links}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <nav class="sidebar" aria-label="Stories">
            {groups}
            <h2>"More"</h2>
            <ul>
                <li><a href="examples.html">"Examples and token files"</a></li>
            </ul>
        </nav>
    }
}

#[component]
fn BrandStatus(derived: Memo<Option<Result<brand::Derived, Vec<String>>>>) -> impl IntoView {
    move || match derived.get() {
        None => ().into_any(),
        Some(Err(problems)) => view! {
            <div class="brand-status brand-refused" role="alert">
                <strong>"Brand refused, the default is kept: "</strong>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Some(Ok(derived)) => view! {
            <div class="brand-status" role="status">
                <ul>
                    {derived
                        .checks
                        .into_iter()
                        .map(|c| {
                            let verdict = if c.passes() { "passes" } else { "FAILS" };
                            view! {
                                <li class:fails=!c.passes()>
                                    {format!(
                                        "{} ({}): {:.2}:1, needs {}:1 — {verdict}",
                                        c.pair, c.theme, c.ratio, c.needed
                                    )}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
        .into_any(),
    }
}

/// A token brand's option in the brand select: `context:ocean`.
const CONTEXT_OPTION: &str = "context:";

fn brand_option(brand: &Brand) -> String {
    match brand {
        Brand::Context(name) => format!("{CONTEXT_OPTION}{name}"),
        other => other.key().to_owned(),
    }
}

#[component]
fn Toolbar(
    view: RwSignal<View>,
    derived: Memo<Option<Result<brand::Derived, Vec<String>>>>,
) -> impl IntoView {
    let workbench = use_context::<Workbench>().expect("inside the App");
    let theme = Signal::derive(move || workbench.theme.get());
    let lang = Signal::derive(move || workbench.lang.get());
    let tokens = crate::tokens::use_tokens();
    let brand_key = Signal::derive(move || view.with(|v| brand_option(&v.brand)));
    // The token project's own brands, once it compiled; a brand the URL
    // names is offered before that, so the select shows it.
    let token_brands = move || {
        let mut names = tokens
            .project
            .with(|p| p.as_ref().map(|p| crate::tokens::brands(&p.compiled)))
            .unwrap_or_default();
        if let Some(named) = view.with(|v| v.brand.context().map(str::to_owned)) {
            if !names.contains(&named) {
                names.push(named);
            }
        }
        names
            .into_iter()
            .map(|name| {
                let value = brand_option(&Brand::Context(name.clone()));
                let shown = value.clone();
                view! {
                    <option value=value selected=move || brand_key.get() == shown>
                        {format!("{name} (token brand)")}
                    </option>
                }
            })
            .collect_view()
    };
    let colour = move || match view.with(|v| v.brand.clone()) {
        Brand::Primary(c) => c,
        _ => String::new(),
    };
    let is_primary = move || matches!(view.with(|v| v.brand.clone()), Brand::Primary(_));
    let set_colour = move |text: String| view.update(|v| v.brand = Brand::Primary(text));
    let viewport = Signal::derive(move || view.with(|v| v.viewport.key()));
    let zoom = Signal::derive(move || view.with(|v| v.zoom.to_string()));
    let viewports: Vec<&'static str> = VIEWPORTS
        .iter()
        .map(|v| match v {
            Viewport::Width(320) => "320",
            Viewport::Width(768) => "768",
            Viewport::Width(1280) => "1280",
            _ => "full",
        })
        .collect();
    let zooms: Vec<&'static str> = ZOOMS
        .iter()
        .map(|z| if *z == 200 { "200" } else { "100" })
        .collect();
    view! {
        <div class="toolbar" role="group" aria-label="View settings">
            <label>
                "Theme "
                <select id="toolbar-theme" on:change=move |ev| workbench.theme.set(event_target_value(&ev))>
                    {select_options(&THEMES, theme)}
                </select>
            </label>
            <label>
                "Brand "
                <select id="toolbar-brand" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    view.update(|v| {
                        v.brand = match key.as_str() {
                            "sample" => Brand::Sample,
                            "primary" => Brand::Primary("#0b6e4f".to_owned()),
                            _ => match key.strip_prefix(CONTEXT_OPTION) {
                                Some(name) => Brand::Context(name.to_owned()),
                                None => Brand::Default,
                            },
                        }
                    });
                }>
                    <option value="default" selected=move || brand_key.get() == "default">"Default"</option>
                    <option value="sample" selected=move || brand_key.get() == "sample">"Sample (green.json)"</option>
                    <option value="primary" selected=move || brand_key.get() == "primary">"Primary colour…"</option>
                    {token_brands}
                </select>
            </label>
            <Show when=is_primary>
                <label>
                    "Primary "
                    <input
                        id="toolbar-primary"
                        type="text"
                        size="9"
                        spellcheck="false"
                        prop:value=colour
                        on:input=move |ev| set_colour(event_target_value(&ev))
                    />
                </label>
                <label>
                    <span class="visually-hidden">"Pick the primary colour"</span>
                    <input
                        type="color"
                        prop:value=move || {
                            let c = colour();
                            if c.len() == 7 && c.starts_with('#') { c } else { "#000000".to_owned() }
                        }
                        on:input=move |ev| set_colour(event_target_value(&ev))
                    />
                </label>
            </Show>
            <label>
                "Language "
                <select id="toolbar-lang" on:change=move |ev| workbench.lang.set(event_target_value(&ev))>
                    {select_options(&LANGUAGES, lang)}
                </select>
            </label>
            <label>
                "Direction "
                <select id="toolbar-dir" on:change=move |ev| {
                    let rtl = event_target_value(&ev) == "rtl";
                    view.update(|v| v.rtl = rtl);
                }>
                    <option value="ltr" selected=move || !view.with(|v| v.rtl)>"ltr"</option>
                    <option value="rtl" selected=move || view.with(|v| v.rtl)>"rtl"</option>
                </select>
            </label>
            <label>
                "Viewport "
                <select id="toolbar-viewport" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(chosen) = VIEWPORTS.into_iter().find(|v| v.key() == key) {
                        view.update(|v| v.viewport = chosen);
                    }
                }>
                    {select_options(&viewports, viewport)}
                </select>
            </label>
            <label>
                "Zoom "
                <select id="toolbar-zoom" on:change=move |ev| {
                    if let Ok(z) = event_target_value(&ev).parse::<u16>() {
                        view.update(|v| v.zoom = z);
                    }
                }>
                    {select_options(&zooms, zoom)}
                </select>
                " %"
            </label>
        </div>
        <BrandStatus derived=derived />
    }
}

#[component]
fn Events(fired: RwSignal<Vec<Fired>>) -> impl IntoView {
    view! {
        <div class="events">
            <p>"What the element reported since the story rendered (links and logout are cancelled so the canvas stays)."</p>
            <ol aria-live="polite">
                {move || {
                    fired
                        .get()
                        .into_iter()
                        .map(|f| {
                            let name = f.name.clone();
                            view! { <li data-event=name><code>{f.name}</code>" "<code>{f.detail}</code></li> }
                        })
                        .collect_view()
                }}
            </ol>
        </div>
    }
}

/// The id of the tab that shows the panel `key`, and of that panel.
fn tab_id(key: &str) -> String {
    format!("tab-{key}")
}

fn panel_id(key: &str) -> String {
    format!("tabpanel-{key}")
}

fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Where a key press on tab `index` of `count` moves (WAI-ARIA APG tabs:
/// the arrows wrap around, Home and End go to the ends), if anywhere.
fn tab_target(key: &str, index: usize, count: usize) -> Option<usize> {
    let last = count.checked_sub(1)?;
    match key {
        "ArrowRight" => Some(if index >= last { 0 } else { index + 1 }),
        "ArrowLeft" => Some(if index == 0 { last } else { index - 1 }),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

/// A WAI-ARIA tab list whose tabs show the panels `panel_id(key(item))`.
/// One tab stop: the arrow keys, Home and End move between the tabs and
/// show their panel at once (automatic activation).
fn tabs<T: Copy + PartialEq + Send + Sync + 'static>(
    label: &'static str,
    items: &'static [T],
    text: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
    current: Signal<T>,
    choose: impl Fn(T) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let buttons = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let item = *item;
            let selected = move || current.get() == item;
            view! {
                <button
                    type="button"
                    role="tab"
                    id=tab_id(key(item))
                    data-tab=key(item)
                    aria-controls=panel_id(key(item))
                    aria-selected=move || if selected() { "true" } else { "false" }
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| choose(item)
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
                            return;
                        }
                        if let Some(next) = tab_target(&ev.key(), index, items.len()) {
                            ev.prevent_default();
                            choose(items[next]);
                            focus(&tab_id(key(items[next])));
                        }
                    }
                >
                    {text(item)}
                </button>
            }
        })
        .collect_view();
    view! { <div class="tablist" role="tablist" aria-label=label>{buttons}</div> }
}

#[component]
pub fn App() -> impl IntoView {
    let workbench = Workbench::new();
    provide_context(workbench);
    crate::tokens::provide_tokens();

    let first = catalogue::stories()[0].id;
    let initial = View::from_query(&query_pairs(), first);
    let initial = View {
        story: catalogue::find(&initial.story).id.to_owned(),
        ..initial
    };
    workbench.theme.set(initial.theme.clone());
    workbench.lang.set(initial.lang.clone());
    let view = RwSignal::new(initial);

    // The URL follows every change.
    Effect::new(move |_| {
        let mut current = view.get();
        current.theme = workbench.theme.get();
        current.lang = workbench.lang.get();
        write_query(&current.to_query());
    });

    let derived = Memo::new(move |_| match view.with(|v| v.brand.clone()) {
        Brand::Primary(colour) => Some(brand::derive(&colour)),
        _ => None,
    });
    let brand_css = Signal::derive(move || match derived.get() {
        Some(Ok(d)) => Some(d.css),
        _ => None,
    });
    let spec = Memo::new(move |_| {
        let v = view.get();
        let story = catalogue::find(&v.story);
        let setting = match &v.brand {
            Brand::Default => BrandSetting::default(),
            Brand::Sample => BrandSetting {
                document: Some(SAMPLE_BRAND_URL.to_owned()),
                data_brand: None,
            },
            Brand::Primary(_) => BrandSetting {
                document: None,
                data_brand: Some(brand::NAME.to_owned()),
            },
            // The bundle's token sheet (and the editor's) has its rules.
            Brand::Context(name) => BrandSetting {
                document: None,
                data_brand: Some(name.clone()),
            },
        };
        catalogue::spec(
            story,
            &v,
            &workbench.theme.get(),
            &workbench.lang.get(),
            &setting,
        )
    });
    let usage = Signal::derive(move || {
        let v = view.get();
        let story = catalogue::find(&v.story);
        let attributes = v
            .attributes_over(&story.attributes)
            .into_iter()
            .chain([
                ("lang".to_owned(), workbench.lang.get()),
                ("theme".to_owned(), workbench.theme.get()),
            ])
            .collect();
        (
            attributes,
            v.navigation.clone().or_else(|| story.navigation.clone()),
            v.user.clone().or_else(|| story.user.clone()),
        )
    });
    let tag = Signal::derive(move || view.with(|v| catalogue::find(&v.story).tag));
    let title = move || {
        view.with(|v| {
            let story = catalogue::find(&v.story);
            format!("{} — {}", story.tag, story.title)
        })
    };
    let tab = Signal::derive(move || view.with(|v| v.tab));
    let panel = Signal::derive(move || view.with(|v| v.panel));
    let viewport = Signal::derive(move || view.with(|v| v.viewport));
    let fired = RwSignal::new(Vec::new());
    let failure = RwSignal::new(None::<String>);

    view! {
        <a class="skip-link" href="#workbench">"Skip to the workbench"</a>
        <header class="masthead">
            <h1>"Bandeau preview"</h1>
            <p class="story-title" aria-live="polite">{title}</p>
        </header>
        <div class="layout">
            <Sidebar view=view />
            <main id="workbench" class="workbench" tabindex="-1">
                <Toolbar view=view derived=derived />
                {tabs("Views", &Tab::ALL, Tab::label, Tab::key, tab, move |t| view.update(|v| v.tab = t))}
                <section
                    class="canvas-tab"
                    role="tabpanel"
                    id=panel_id(Tab::Canvas.key())
                    aria-labelledby=tab_id(Tab::Canvas.key())
                    hidden=move || tab.get() != Tab::Canvas
                >
                    {move || failure.get().map(|e| view! { <p class="canvas-failure" role="alert">{e}</p> })}
                    <Canvas spec=spec brand_css=brand_css viewport=viewport fired=fired failure=failure />
                    <div class="panels">
                        {tabs("Panels", &Panel::ALL, Panel::label, Panel::key, panel, move |p| view.update(|v| v.panel = p))}
                        {Panel::ALL
                            .into_iter()
                            .map(|p| {
                                let content = match p {
                                    Panel::Controls => view! { <Controls view=view /> }.into_any(),
                                    Panel::Events => view! { <Events fired=fired /> }.into_any(),
                                    Panel::Editor => view! { <crate::tokens::TokenEditor /> }.into_any(),
                                    Panel::Accessibility => view! { <crate::axe::AxePanel shown=Signal::derive(move || panel.get() == Panel::Accessibility) /> }.into_any(),
                                };
                                view! {
                                    <div
                                        class="panel"
                                        role="tabpanel"
                                        id=panel_id(p.key())
                                        aria-labelledby=tab_id(p.key())
                                        hidden=move || panel.get() != p
                                    >
                                        {content}
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </section>
                <section
                    class="docs-tab"
                    role="tabpanel"
                    id=panel_id(Tab::Docs.key())
                    aria-labelledby=tab_id(Tab::Docs.key())
                    hidden=move || tab.get() != Tab::Docs
                >
                    <Docs tag=tag usage=usage />
                </section>
                <section
                    class="tokens-tab"
                    role="tabpanel"
                    id=panel_id(Tab::Tokens.key())
                    aria-labelledby=tab_id(Tab::Tokens.key())
                    hidden=move || tab.get() != Tab::Tokens
                >
                    <crate::tokens::TokenPages />
                </section>
                <section
                    class="targets-tab"
                    role="tabpanel"
                    id=panel_id(Tab::Targets.key())
                    aria-labelledby=tab_id(Tab::Targets.key())
                    hidden=move || tab.get() != Tab::Targets
                >
                    <crate::tokens::TargetPages
                        brand=Signal::derive(move || view.with(|v| v.brand.clone()))
                        shown=Signal::derive(move || tab.get() == Tab::Targets)
                    />
                </section>
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::tab_target;

    #[test]
    fn arrows_wrap_and_home_and_end_go_to_the_ends() {
        assert_eq!(tab_target("ArrowRight", 0, 3), Some(1));
        assert_eq!(tab_target("ArrowRight", 2, 3), Some(0));
        assert_eq!(tab_target("ArrowLeft", 0, 3), Some(2));
        assert_eq!(tab_target("ArrowLeft", 2, 3), Some(1));
        assert_eq!(tab_target("Home", 2, 3), Some(0));
        assert_eq!(tab_target("End", 0, 3), Some(2));
        assert_eq!(tab_target("Enter", 0, 3), None);
        assert_eq!(tab_target("ArrowDown", 0, 3), None);
        assert_eq!(tab_target("End", 0, 0), None);
    }
}
