//! The user menu: an avatar button that opens a panel with the person's
//! name and e-mail, profile and settings links, the language and theme
//! switches, and logout.
//!
//! Keyboard: Enter, Space or ArrowDown on the button open the panel and
//! focus its first item; the arrow keys, Home and End move between items;
//! Escape closes and returns focus to the button; Tab moves on normally and
//! closes the panel once focus leaves it.

pub mod stories;

use crate::i18n::Lang;
use crate::{after_render, dismiss, roving_focus, unique_id, Theme, User};
use bandeau_navigation::monogram;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{FocusEvent, KeyboardEvent, MouseEvent};

/// - `user`: who is signed in.
/// - `lang`, `theme`: the current choices, shown as pressed buttons.
/// - `on_language`, `on_theme`: a choice was made; the embedding applies
///   and remembers it.
/// - `on_logout`: the logout button was pressed.
/// - `open`: whether the panel is shown.
#[component]
pub fn UserMenu(
    #[prop(into)] user: Signal<User>,
    #[prop(into)] lang: Signal<Lang>,
    #[prop(into)] theme: Signal<Theme>,
    on_language: Callback<Lang>,
    on_theme: Callback<Theme>,
    on_logout: Callback<()>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let root = NodeRef::<html::Div>::new();
    let button = NodeRef::<html::Button>::new();
    let panel = NodeRef::<html::Div>::new();
    let panel_id = unique_id("user-menu");
    dismiss::on_outside_press(root, open);
    let t = move || lang.get().strings();

    let focus_first = move || {
        after_render(move || {
            if let Some(panel) = panel.get_untracked() {
                roving_focus::focus_first(&panel);
            }
        })
    };
    let on_button_click = move |_: MouseEvent| {
        let opening = !open.get_untracked();
        open.set(opening);
        if opening {
            focus_first();
        }
    };
    let on_button_key = move |event: KeyboardEvent| {
        if event.key() == "ArrowDown" {
            event.prevent_default();
            open.set(true);
            focus_first();
        }
    };
    let on_panel_key = move |event: KeyboardEvent| {
        if dismiss::is_escape(&event) {
            event.prevent_default();
            open.set(false);
            if let Some(button) = button.get_untracked() {
                let _ = button.focus();
            }
        } else if let Some(panel) = panel.get_untracked() {
            if roving_focus::handle_key(&panel, &event, false) {
                event.prevent_default();
            }
        }
    };
    let on_focus_out = move |event: FocusEvent| {
        let (Some(root), Some(next)) = (
            root.get_untracked(),
            event
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
        ) else {
            return;
        };
        if !root.contains(Some(&next)) {
            open.set(false);
        }
    };

    let name = move || user.with(|u| u.name.clone());
    let link = move |url: Option<String>, label: fn(Lang) -> &'static str| {
        url.map(|url| {
            view! {
                <li><a class="item" part="menu-item" href=url data-roving="">{move || label(lang.get())}</a></li>
            }
        })
    };
    let links = move || {
        let (profile, settings) = user.with(|u| (u.profile_url.clone(), u.settings_url.clone()));
        view! {
            {link(profile, |l| l.strings().profile)}
            {link(settings, |l| l.strings().settings)}
        }
    };
    let languages = Lang::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <button type="button" class="choice" part="language-option" data-roving=""
                    lang=choice.tag()
                    aria-pressed=move || if lang.get() == choice { "true" } else { "false" }
                    on:click=move |_| on_language.run(choice)
                >{choice.endonym()}</button>
            }
        })
        .collect_view();
    let themes = Theme::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <button type="button" class="choice" part="theme-option" data-roving=""
                    aria-pressed=move || if theme.get() == choice { "true" } else { "false" }
                    on:click=move |_| on_theme.run(choice)
                >{move || choice.label(lang.get())}</button>
            }
        })
        .collect_view();

    view! {
        <div class="user-menu" part="user-menu" node_ref=root on:focusout=on_focus_out>
            <button
                type="button"
                class="user-button"
                part="user-button"
                node_ref=button
                aria-haspopup="dialog"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=panel_id.clone()
                on:click=on_button_click
                on:keydown=on_button_key
            >
                {move || avatar(user.get())}
                <span class="vh">{move || t().user_menu}": "{name}</span>
            </button>
            <div
                class="user-panel"
                part="user-panel"
                id=panel_id
                role="dialog"
                aria-label=move || t().user_menu
                hidden=move || !open.get()
                node_ref=panel
                on:keydown=on_panel_key
            >
                <div class="identity" part="identity">
                    <p class="name" part="user-name">{name}</p>
                    <p class="email" part="user-email">{move || user.with(|u| u.email.clone())}</p>
                </div>
                <ul class="links" role="list">{links}</ul>
                <div class="group" role="group" aria-label=move || t().language>
                    <p class="group-label" aria-hidden="true">{move || t().language}</p>
                    {languages}
                </div>
                <div class="group" role="group" aria-label=move || t().theme>
                    <p class="group-label" aria-hidden="true">{move || t().theme}</p>
                    {themes}
                </div>
                <button type="button" class="item logout" part="logout-button" data-roving=""
                    on:click=move |_| on_logout.run(())>{move || t().logout}</button>
            </div>
        </div>
    }
}

/// The avatar image, or the person's initials when there is none or it
/// fails to load.
fn avatar(user: User) -> impl IntoView {
    let failed = RwSignal::new(user.avatar_url.is_none());
    let initials = monogram(&user.name);
    let url = user.avatar_url;
    view! {
        <span class="avatar" part="avatar" aria-hidden="true">
            {move || {
                if failed.get() {
                    view! { <span class="initials">{initials.clone()}</span> }.into_any()
                } else {
                    view! { <img src=url.clone() alt="" on:error=move |_| failed.set(true) /> }.into_any()
                }
            }}
        </span>
    }
}
