//! The app launcher: a button that opens a panel with the suite's apps by
//! category, a search field, and pin buttons.
//!
//! Keyboard (WAI-ARIA APG menu button + grid): Enter, Space or ArrowDown on
//! the button open the panel and focus the first app; arrows, Home and End
//! move through the apps; typing letters jumps to an app; Escape closes
//! and returns focus to the button; Tab leaves (and closes), as does a
//! press outside.

pub mod stories;

use crate::i18n::Lang;
use crate::typeahead::{self, Typeahead};
use crate::{after_render, dismiss, roving_focus, unique_id, NavigateRequest, NavigationState};
use bandeau_navigation::{filter, monogram, Entry, Target};
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::sync::{Arc, Mutex};
use web_sys::{Element, FocusEvent, KeyboardEvent, MouseEvent};

/// One category as shown after filtering.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    name: String,
    entries: Vec<Entry>,
}

/// The launcher button and its panel.
///
/// - `nav`: the apps (or loading / failed).
/// - `current`: identifier of the app this page belongs to (`aria-current`).
/// - `pinned`: identifiers pinned to the bar; the pin buttons show them.
/// - `on_navigate`: asked before a plain click follows an app's link;
///   return `false` to cancel (the embedding routes itself).
/// - `on_pin`: `(identifier, pinned)` when a pin button is pressed.
/// - `on_retry`: shown as a retry button in the failed state.
/// - `open`: whether the panel is shown; the embedding may open it too.
#[component]
pub fn Launcher(
    #[prop(into)] nav: Signal<NavigationState>,
    #[prop(into)] current: Signal<Option<String>>,
    #[prop(into)] pinned: Signal<Vec<String>>,
    #[prop(into)] lang: Signal<Lang>,
    on_navigate: Callback<NavigateRequest, bool>,
    on_pin: Callback<(String, bool)>,
    #[prop(default = None)] on_retry: Option<Callback<()>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    let button = NodeRef::<html::Button>::new();
    let grid = NodeRef::<html::Div>::new();
    let search = NodeRef::<html::Input>::new();
    let panel_id = unique_id("launcher");
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let typed = Arc::new(Mutex::new(Typeahead::default()));

    dismiss::on_outside_press(root, open);

    let shown = Memo::new(move |_| {
        nav.with(|state| {
            state.document().map(|doc| {
                query.with(|q| {
                    filter(doc, q)
                        .into_iter()
                        .map(|(category, entries)| Shown {
                            name: category.display_name.clone(),
                            entries: entries.into_iter().cloned().collect(),
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });

    let focus_first_app = move || {
        after_render(move || {
            if let Some(grid) = grid.get_untracked() {
                roving_focus::focus_first(&grid);
            }
        })
    };
    let close_to_button = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };

    let on_button_click = move |event: MouseEvent| {
        let opening = !open.get_untracked();
        open.set(opening);
        if opening {
            // `detail` counts pointer clicks; 0 means Enter or Space.
            if event.detail() == 0 {
                focus_first_app();
            } else {
                after_render(move || {
                    if let Some(search) = search.get_untracked() {
                        let _ = search.focus();
                    }
                });
            }
        }
    };
    let on_button_key = move |event: KeyboardEvent| {
        if event.key() == "ArrowDown" {
            event.prevent_default();
            open.set(true);
            focus_first_app();
        }
    };

    let on_panel_key = move |event: KeyboardEvent| {
        if dismiss::is_escape(&event) {
            event.prevent_default();
            close_to_button();
        }
    };
    let on_search_key = move |event: KeyboardEvent| {
        if event.key() == "ArrowDown" {
            event.prevent_default();
            if let Some(grid) = grid.get_untracked() {
                roving_focus::focus_first(&grid);
            }
        }
    };
    let on_grid_key = move |event: KeyboardEvent| {
        let Some(grid) = grid.get_untracked() else {
            return;
        };
        if roving_focus::handle_key(&grid, &event, true) {
            event.prevent_default();
            return;
        }
        let key = event.key();
        let mut chars = key.chars();
        let (Some(typed_char), None) = (chars.next(), chars.next()) else {
            return;
        };
        if event.ctrl_key() || event.meta_key() || event.alt_key() || typed_char == ' ' {
            return;
        }
        let items = roving_focus::items(&grid);
        let labels: Vec<String> = items
            .iter()
            .map(|item| item.get_attribute("data-name").unwrap_or_default())
            .collect();
        let current = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| items.iter().position(|item| item.is_same_node(Some(&t))));
        let now = js_sys_now();
        let found = {
            let mut typed = typed.lock().unwrap_or_else(|e| e.into_inner());
            let prefix = typed.push(typed_char, now).to_owned();
            typeahead::find(&labels, current, &prefix)
        };
        if let Some(index) = found {
            event.prevent_default();
            let _ = items[index].focus();
        }
    };
    let on_grid_focus = move |event: FocusEvent| {
        let index = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.get_attribute(roving_focus::ITEM_ATTRIBUTE))
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(index) = index {
            active.set(index);
        }
    };
    // Tab out of the panel closes it; focus moving inside does not.
    let on_focus_out = move |event: FocusEvent| {
        let Some(root) = root.get_untracked() else {
            return;
        };
        let next = event
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if let Some(next) = next {
            if !root.contains(Some(&next)) {
                open.set(false);
            }
        }
    };

    let t = move || lang.get().strings();
    let content = move || {
        let t = t();
        match nav.get() {
            NavigationState::Loading => view! {
                <p class="state" part="state" role="status">{t.loading}</p>
            }
            .into_any(),
            NavigationState::Failed => view! {
                <div class="state" part="state" role="alert">
                    <p>{t.load_failed}</p>
                    {on_retry.map(|retry| view! {
                        <button type="button" class="retry" part="retry-button"
                            on:click=move |_| retry.run(())>{t.retry}</button>
                    })}
                </div>
            }
            .into_any(),
            NavigationState::Ready(doc) if doc.entry_count() == 0 => view! {
                <p class="state" part="state" role="status">{t.no_apps}</p>
            }
            .into_any(),
            NavigationState::Ready(_) => {
                let categories = shown.get().unwrap_or_default();
                if categories.is_empty() {
                    return view! {
                        <p class="state" part="state" role="status">{t.no_results}</p>
                    }
                    .into_any();
                }
                let total: usize = categories.iter().map(|c| c.entries.len()).sum();
                let mut index = 0;
                categories
                    .into_iter()
                    .map(|category| {
                        let heading = unique_id("category");
                        let labelled_by = heading.clone();
                        let tiles = category
                            .entries
                            .into_iter()
                            .map(|entry| {
                                let at = index;
                                index += 1;
                                tile(entry, at, total, active, current, pinned, lang, on_navigate, on_pin, open)
                            })
                            .collect_view();
                        view! {
                            <section class="category" part="category" aria-labelledby=labelled_by>
                                <h3 class="category-name" part="category-name" id=heading>{category.name}</h3>
                                <ul class="tiles" role="list">{tiles}</ul>
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            }
        }
    };

    view! {
        <div class="launcher" part="launcher" node_ref=root on:focusout=on_focus_out>
            <button
                type="button"
                class="launcher-button"
                part="launcher-button"
                node_ref=button
                aria-haspopup="dialog"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=panel_id.clone()
                on:click=on_button_click
                on:keydown=on_button_key
            >
                <span class="waffle" aria-hidden="true"></span>
                <span class="vh">{move || t().launcher_button}</span>
            </button>
            <div
                class="panel"
                part="panel"
                id=panel_id
                role="dialog"
                aria-label=move || t().launcher_panel
                hidden=move || !open.get()
                on:keydown=on_panel_key
            >
                <input
                    type="search"
                    class="search"
                    part="search"
                    node_ref=search
                    autocomplete="off"
                    aria-label=move || t().search_label
                    placeholder=move || t().search_placeholder
                    prop:value=move || query.get()
                    on:input=move |event| {
                        query.set(event_target_value(&event));
                        active.set(0);
                    }
                    on:keydown=on_search_key
                />
                <div class="results" part="results" node_ref=grid on:keydown=on_grid_key on:focusin=on_grid_focus>
                    {content}
                </div>
            </div>
        </div>
    }
}

fn js_sys_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[allow(clippy::too_many_arguments)]
fn tile(
    entry: Entry,
    index: usize,
    total: usize,
    active: RwSignal<usize>,
    current: Signal<Option<String>>,
    pinned: Signal<Vec<String>>,
    lang: Signal<Lang>,
    on_navigate: Callback<NavigateRequest, bool>,
    on_pin: Callback<(String, bool)>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let t = move || lang.get().strings();
    let tab_index = move || {
        if active.get().min(total - 1) == index {
            "0"
        } else {
            "-1"
        }
    };
    let identifier = entry.identifier.clone();
    let is_current = {
        let id = identifier.clone();
        move || !id.is_empty() && current.with(|c| c.as_deref() == Some(id.as_str()))
    };
    let is_pinned = {
        let id = identifier.clone();
        move || pinned.with(|p| p.contains(&id))
    };
    let new_tab = !matches!(entry.target, Target::SameWindow);
    let target = entry.target.as_str().to_owned();
    let rel = matches!(entry.target, Target::NewWindow).then_some("noopener noreferrer");
    let icon = icon(entry.icon_url.clone(), &entry.display_name);
    let name = entry.display_name.clone();
    let data_name = name.clone();

    let on_click = {
        let request = entry.link.clone().map(|link| NavigateRequest {
            identifier: identifier.clone(),
            link,
            target: target.clone(),
        });
        move |event: MouseEvent| {
            if follow(&event, request.as_ref(), on_navigate) {
                open.set(false);
            }
        }
    };

    let pin_id = identifier.clone();
    let pin_name = name.clone();
    let pin = (!identifier.is_empty()).then(move || {
        let is_pinned = is_pinned.clone();
        let pressed = is_pinned.clone();
        let glyph = is_pinned.clone();
        view! {
            <button
                type="button"
                class="pin"
                part="pin-button"
                tabindex=tab_index
                aria-pressed=move || if pressed() { "true" } else { "false" }
                on:click=move |_| on_pin.run((pin_id.clone(), !is_pinned()))
            >
                <span aria-hidden="true">{move || if glyph() { "★" } else { "☆" }}</span>
                <span class="vh">{move || t().pin}": "{pin_name.clone()}</span>
            </button>
        }
    });

    let link_view = view! {
        <a
            class="app"
            part="app"
            href=entry.link.clone()
            target=target
            rel=rel
            role=entry.link.is_none().then_some("link")
            aria-disabled=entry.link.is_none().then_some("true")
            aria-current=move || is_current().then_some("page")
            data-roving=index.to_string()
            data-name=data_name
            tabindex=tab_index
            on:click=on_click
        >
            {icon}
            <span class="name" part="app-name">{name}</span>
            {new_tab.then(|| view! { <span class="vh">" ("{move || t().opens_new_tab}")"</span> })}
            {entry.link.is_none().then(|| view! { <span class="vh">" ("{move || t().unavailable}")"</span> })}
        </a>
    };
    view! {
        <li class="tile" part="tile">
            {link_view}
            {pin}
        </li>
    }
}

/// Handles a click on an app link: asks `on_navigate` before a plain click
/// is followed and cancels the click if it says no. Returns whether the
/// link is being followed. Entries without a usable link go nowhere.
pub(crate) fn follow(
    event: &MouseEvent,
    request: Option<&NavigateRequest>,
    on_navigate: Callback<NavigateRequest, bool>,
) -> bool {
    let Some(request) = request else {
        event.prevent_default();
        return false;
    };
    // Modified clicks (new tab, download) are the browser's business.
    let modified = event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
    if event.button() != 0 || modified {
        return true;
    }
    let followed = on_navigate.run(request.clone());
    if !followed {
        event.prevent_default();
    }
    followed
}

/// The app's icon, or its monogram when there is none or it fails to load.
pub(crate) fn icon(url: Option<String>, name: &str) -> impl IntoView {
    let failed = RwSignal::new(url.is_none());
    let letters = monogram(name);
    view! {
        <span class="icon" part="app-icon" aria-hidden="true">
            {move || {
                if failed.get() {
                    view! { <span class="monogram" part="monogram">{letters.clone()}</span> }.into_any()
                } else {
                    view! {
                        <img src=url.clone() alt="" decoding="async" on:error=move |_| failed.set(true) />
                    }
                    .into_any()
                }
            }}
        </span>
    }
}
