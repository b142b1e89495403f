//! The user menu: an avatar button that opens a panel with the person's
//! name and e-mail, profile and settings links, the language and theme
//! switches, and logout.
//!
//! Keyboard: Enter, Space or ArrowDown on the button open the panel and
//! focus its first item; the arrow keys, Home and End move between items;
//! Escape closes and returns focus to the button; Tab moves on normally and
//! closes the panel once focus leaves it.

pub mod stories;

use crate::disclosure::Disclosure;
use crate::dom::{self, add, KEY};
use crate::i18n::Lang;
use crate::{roving_focus, Action, Model, Theme, User, View};
use bandeau_navigation::monogram;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent};

/// The avatar button and its panel. Build with [`UserMenu::new`], feed
/// with [`View::update`].
pub struct UserMenu {
    disclosure: Disclosure,
    /// What the panel was rendered from.
    rendered: Option<(User, Lang, Theme)>,
}

impl Default for UserMenu {
    fn default() -> Self {
        Self::new()
    }
}

impl UserMenu {
    pub fn new() -> UserMenu {
        UserMenu {
            disclosure: Disclosure::new("user-menu", "user-button", "user-panel", true),
            rendered: None,
        }
    }

    fn render(&self, user: &User, lang: Lang, theme: Theme) {
        let t = lang.strings();
        let button = &self.disclosure.button;
        dom::clear(button);
        let avatar = add(
            button,
            "span",
            &[
                ("class", "avatar"),
                ("part", "avatar"),
                ("aria-hidden", "true"),
            ],
            "",
        );
        dom::image_or_letters(
            &avatar,
            user.avatar_url.as_deref(),
            &monogram(&user.name),
            "initials",
        );
        add(
            button,
            "span",
            &[("class", "vh")],
            &format!("{}: {}", t.user_menu, user.name),
        );

        let panel = &self.disclosure.panel;
        let _ = panel.set_attribute("aria-label", t.user_menu);
        dom::keeping_focus(panel, || {
            dom::clear(panel);
            let identity = add(
                panel,
                "div",
                &[("class", "identity"), ("part", "identity")],
                "",
            );
            add(
                &identity,
                "p",
                &[("class", "name"), ("part", "user-name")],
                &user.name,
            );
            add(
                &identity,
                "p",
                &[("class", "email"), ("part", "user-email")],
                &user.email,
            );
            let links = add(panel, "ul", &[("class", "links"), ("role", "list")], "");
            for (url, label, key) in [
                (&user.profile_url, t.profile, "profile"),
                (&user.settings_url, t.settings, "settings"),
            ] {
                if let Some(url) = url {
                    let item = add(&links, "li", &[], "");
                    add(
                        &item,
                        "a",
                        &[
                            ("class", "item"),
                            ("part", "menu-item"),
                            ("href", url),
                            ("data-roving", ""),
                            (KEY, key),
                        ],
                        label,
                    );
                }
            }
            let group = |label: &str| {
                let group = add(
                    panel,
                    "div",
                    &[("class", "group"), ("role", "group"), ("aria-label", label)],
                    "",
                );
                add(
                    &group,
                    "p",
                    &[("class", "group-label"), ("aria-hidden", "true")],
                    label,
                );
                group
            };
            let languages = group(t.language);
            for choice in Lang::ALL {
                let option = add(
                    &languages,
                    "button",
                    &[
                        ("type", "button"),
                        ("class", "choice"),
                        ("part", "language-option"),
                        ("data-roving", ""),
                        ("lang", choice.tag()),
                        ("data-language", choice.tag()),
                        (KEY, choice.tag()),
                    ],
                    choice.endonym(),
                );
                dom::set_flag(&option, "aria-pressed", choice == lang);
            }
            let themes = group(t.theme);
            for choice in Theme::ALL {
                let option = add(
                    &themes,
                    "button",
                    &[
                        ("type", "button"),
                        ("class", "choice"),
                        ("part", "theme-option"),
                        ("data-roving", ""),
                        ("data-theme-choice", choice.as_str()),
                        (KEY, choice.as_str()),
                    ],
                    choice.label(lang),
                );
                dom::set_flag(&option, "aria-pressed", choice == theme);
            }
            add(
                panel,
                "button",
                &[
                    ("type", "button"),
                    ("class", "item logout"),
                    ("part", "logout-button"),
                    ("data-roving", ""),
                    (KEY, "logout"),
                ],
                t.logout,
            );
        });
    }

    fn focus_first(&self) {
        if let Some(first) = roving_focus::items(&self.disclosure.panel).first() {
            let _ = first.focus();
        }
    }
}

impl View for UserMenu {
    fn root(&self) -> &Element {
        &self.disclosure.root
    }

    fn update(&mut self, model: &Model) {
        let wanted = (model.user.clone(), model.lang, model.theme);
        if self.rendered.as_ref() != Some(&wanted) {
            self.render(&wanted.0, wanted.1, wanted.2);
            self.rendered = Some(wanted);
            self.disclosure.place();
        }
    }

    fn handle(&mut self, event: &Event) -> Option<Action> {
        if !self.disclosure.contains(event) || self.disclosure.handle(event) {
            return None;
        }
        let on_button = self.disclosure.on_button(event);
        match event.type_().as_str() {
            "click" if on_button => {
                let opening = !self.disclosure.open;
                self.disclosure.set_open(opening);
                if opening {
                    self.focus_first();
                }
                None
            }
            "click" => {
                if let Some(choice) = dom::closest(event, "[data-language]") {
                    let tag = choice.get_attribute("data-language").unwrap_or_default();
                    return Some(Action::Language(Lang::from_tag(&tag)));
                }
                if let Some(choice) = dom::closest(event, "[data-theme-choice]") {
                    let value = choice
                        .get_attribute("data-theme-choice")
                        .unwrap_or_default();
                    return Theme::parse(&value).map(Action::Theme);
                }
                dom::closest(event, ".logout").map(|_| Action::Logout)
            }
            "keydown" => {
                let key: &KeyboardEvent = event.dyn_ref()?;
                if on_button {
                    if key.key() == "ArrowDown" {
                        event.prevent_default();
                        self.disclosure.set_open(true);
                        self.focus_first();
                    }
                } else if roving_focus::handle_key(
                    &roving_focus::items(&self.disclosure.panel),
                    key,
                    false,
                )
                .is_some()
                {
                    event.prevent_default();
                }
                None
            }
            _ => None,
        }
    }

    fn set_open(&mut self, open: bool) {
        self.disclosure.set_open(open);
    }

    fn is_open(&self) -> bool {
        self.disclosure.open
    }

    fn press(&mut self, event: &Event) {
        self.disclosure.press(event);
    }

    fn place(&self) {
        self.disclosure.place();
    }
}
