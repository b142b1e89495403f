//! The suite's top bar: launcher, logo link to the portal with the product
//! name, the current app's name, pinned apps as one-click links, two slots
//! for the vendor's own content (`search`, `actions`), and the user menu.
//! Under 600 px of its own width it switches to a compact layout (CSS
//! container query), so it fits wherever a vendor puts it.

pub mod stories;

use crate::i18n::Lang;
use crate::launcher::{follow, icon, Launcher};
use crate::user_menu::UserMenu;
use crate::{NavigateRequest, NavigationState, Theme, User};
use bandeau_navigation::{Entry, Target};
use leptos::prelude::*;
use web_sys::MouseEvent;

/// Everything the bar shows, as signals, and what it reports back.
///
/// `user: None` leaves the user menu out (an anonymous page). The callbacks
/// are those of [`Launcher`] and [`UserMenu`].
#[component]
pub fn Bar(
    #[prop(into)] nav: Signal<NavigationState>,
    #[prop(into)] current: Signal<Option<String>>,
    #[prop(into)] pinned: Signal<Vec<String>>,
    #[prop(into)] lang: Signal<Lang>,
    #[prop(into)] theme: Signal<Theme>,
    #[prop(into)] portal_url: Signal<Option<String>>,
    #[prop(into)] product_name: Signal<String>,
    #[prop(into)] user: Signal<Option<User>>,
    on_navigate: Callback<NavigateRequest, bool>,
    on_pin: Callback<(String, bool)>,
    #[prop(optional)] on_retry: Option<Callback<()>>,
    on_language: Callback<Lang>,
    on_theme: Callback<Theme>,
    on_logout: Callback<()>,
    launcher_open: RwSignal<bool>,
    menu_open: RwSignal<bool>,
) -> impl IntoView {
    let t = move || lang.get().strings();
    let entry = move |id: &str| -> Option<Entry> {
        nav.with(|state| {
            state.document().and_then(|doc| {
                doc.categories
                    .iter()
                    .flat_map(|c| &c.entries)
                    .find(|e| e.identifier == id)
                    .cloned()
            })
        })
    };
    let current_name = move || {
        current
            .get()
            .and_then(|id| entry(&id))
            .map(|e| e.display_name)
    };
    let pinned_links = move || {
        pinned
            .get()
            .into_iter()
            .filter_map(|id| entry(&id))
            .filter(|e| e.link.is_some())
            .map(|e| pinned_link(e, current, lang, on_navigate))
            .collect_view()
    };
    view! {
        <div class="frame">
            <header class="bar" part="bar">
                <Launcher
                    nav=nav
                    current=current
                    pinned=pinned
                    lang=lang
                    on_navigate=on_navigate
                    on_pin=on_pin
                    on_retry=on_retry
                    open=launcher_open
                />
                <a class="logo" part="logo" href=move || portal_url.get()>
                    <span class="product" part="product-name">{move || product_name.get()}</span>
                    <span class="vh">" ("{move || t().portal}")"</span>
                </a>
                {move || current_name().map(|name| view! {
                    <span class="app-name" part="current-app">
                        <span class="vh">{t().current_app}": "</span>
                        {name}
                    </span>
                })}
                <nav class="pinned" part="pinned" aria-label=move || t().pinned_apps>
                    <ul role="list">{pinned_links}</ul>
                </nav>
                <div class="search-slot" part="search-slot"><slot name="search"></slot></div>
                <div class="actions" part="actions">
                    <slot name="actions"></slot>
                    {move || user.get().map(|u| view! {
                        <UserMenu
                            user=Signal::derive(move || u.clone())
                            lang=lang
                            theme=theme
                            on_language=on_language
                            on_theme=on_theme
                            on_logout=on_logout
                            open=menu_open
                        />
                    })}
                </div>
            </header>
        </div>
    }
}

fn pinned_link(
    entry: Entry,
    current: Signal<Option<String>>,
    lang: Signal<Lang>,
    on_navigate: Callback<NavigateRequest, bool>,
) -> impl IntoView {
    let link = entry.link.clone().unwrap_or_default();
    let request = NavigateRequest {
        identifier: entry.identifier.clone(),
        link: link.clone(),
        target: entry.target.as_str().to_owned(),
    };
    let id = entry.identifier.clone();
    let is_current = move || current.with(|c| c.as_deref() == Some(id.as_str()));
    let new_tab = !matches!(entry.target, Target::SameWindow);
    let rel = matches!(entry.target, Target::NewWindow).then_some("noopener noreferrer");
    view! {
        <li>
            <a
                class="pinned-app"
                part="pinned-app"
                href=link
                target=entry.target.as_str().to_owned()
                rel=rel
                aria-current=move || is_current().then_some("page")
                on:click=move |event: MouseEvent| {
                    follow(&event, Some(&request), on_navigate);
                }
            >
                {icon(entry.icon_url.clone(), &entry.display_name)}
                <span class="pinned-name">{entry.display_name.clone()}</span>
                {new_tab.then(|| view! { <span class="vh">" ("{move || lang.get().strings().opens_new_tab}")"</span> })}
            </a>
        </li>
    }
}
