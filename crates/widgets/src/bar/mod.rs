//! The suite's top bar: launcher, logo link to the portal with the product
//! name, the current app's name, pinned apps as one-click links, two slots
//! for the vendor's own content (`search`, `actions`), and the user menu.
//! Under 600 px of its own width it switches to a compact layout (CSS
//! container query), so it fits wherever a vendor puts it.

pub mod stories;

use crate::dom::{self, add, el, set_hidden, KEY};
use crate::launcher::{app_content, follow, link_attributes, Launcher};
use crate::user_menu::UserMenu;
use crate::{Action, Model, View};
use web_sys::{Element, Event};

/// The bar: its own parts around a [`Launcher`] and a [`UserMenu`].
pub struct Bar {
    root: Element,
    launcher: Launcher,
    user_menu: UserMenu,
    logo: Element,
    product: Element,
    portal_label: Element,
    current: Element,
    pinned_nav: Element,
    pinned: Element,
    model: Model,
}

impl Default for Bar {
    fn default() -> Self {
        Self::new()
    }
}

impl Bar {
    pub fn new() -> Bar {
        let root = el("div", &[("class", "frame")]);
        let header = add(&root, "header", &[("class", "bar"), ("part", "bar")], "");
        let launcher = Launcher::new();
        dom::append(&header, launcher.root());
        let logo = add(
            &header,
            "a",
            &[("class", "logo"), ("part", "logo"), (KEY, "logo")],
            "",
        );
        let product = add(
            &logo,
            "span",
            &[("class", "product"), ("part", "product-name")],
            "",
        );
        let portal_label = add(&logo, "span", &[("class", "vh")], "");
        let current = add(
            &header,
            "span",
            &[
                ("class", "app-name"),
                ("part", "current-app"),
                ("hidden", ""),
            ],
            "",
        );
        let pinned_nav = add(
            &header,
            "nav",
            &[("class", "pinned"), ("part", "pinned")],
            "",
        );
        let pinned = add(&pinned_nav, "ul", &[("role", "list")], "");
        let search = add(
            &header,
            "div",
            &[("class", "search-slot"), ("part", "search-slot")],
            "",
        );
        add(&search, "slot", &[("name", "search")], "");
        let actions = add(
            &header,
            "div",
            &[("class", "actions"), ("part", "actions")],
            "",
        );
        add(&actions, "slot", &[("name", "actions")], "");
        let user_menu = UserMenu::new();
        dom::append(&actions, user_menu.root());
        Bar {
            root,
            launcher,
            user_menu,
            logo,
            product,
            portal_label,
            current,
            pinned_nav,
            pinned,
            model: Model::default(),
        }
    }

    fn render_own(&self) {
        let m = &self.model;
        let t = m.lang.strings();
        dom::set(&self.logo, "href", m.portal_url.as_deref());
        self.product.set_text_content(Some(&m.product_name));
        self.portal_label
            .set_text_content(Some(&format!(" ({})", t.portal)));

        let current = m.current.as_deref().and_then(|id| m.entry(id));
        dom::clear(&self.current);
        if let Some(entry) = current {
            add(
                &self.current,
                "span",
                &[("class", "vh")],
                &format!("{}: ", t.current_app),
            );
            dom::text(&self.current, &entry.display_name);
        }
        set_hidden(&self.current, current.is_none());

        let _ = self.pinned_nav.set_attribute("aria-label", t.pinned_apps);
        let pinned = self.pinned.clone();
        dom::keeping_focus(&pinned, || {
            dom::clear(&pinned);
            let entries = m
                .pinned
                .iter()
                .filter_map(|id| m.entry(id))
                .filter(|e| e.link.is_some());
            for (index, entry) in entries.enumerate() {
                let item = add(&pinned, "li", &[], "");
                let link = el(
                    "a",
                    &[
                        ("class", "pinned-app"),
                        ("part", "pinned-app"),
                        ("data-id", &entry.identifier),
                        (KEY, &format!("pinned:{index}:{}", entry.identifier)),
                    ],
                );
                for (name, value) in link_attributes(entry) {
                    let _ = link.set_attribute(name, &value);
                }
                if m.current.as_deref() == Some(entry.identifier.as_str()) {
                    let _ = link.set_attribute("aria-current", "page");
                }
                app_content(&link, entry, t);
                dom::append(&item, &link);
            }
        });
        set_hidden(self.user_menu.root(), m.user.name.is_empty());
    }
}

impl View for Bar {
    fn root(&self) -> &Element {
        &self.root
    }

    fn update(&mut self, model: &Model) {
        self.model = model.clone();
        self.launcher.update(model);
        self.user_menu.update(model);
        self.render_own();
    }

    fn handle(&mut self, event: &Event) -> Option<Action> {
        if let Some(action) = self.launcher.handle(event) {
            return Some(action);
        }
        if let Some(action) = self.user_menu.handle(event) {
            return Some(action);
        }
        if event.type_() != "click" {
            return None;
        }
        let link = dom::closest(event, "a.pinned-app")?;
        let id = link.get_attribute("data-id")?;
        follow(event, self.model.entry(&id)?)
    }

    /// The element's `open()` opens the launcher, its main popup.
    fn set_open(&mut self, open: bool) {
        self.launcher.set_open(open);
        if !open {
            self.user_menu.set_open(false);
        }
    }

    fn is_open(&self) -> bool {
        self.launcher.is_open()
    }

    fn press(&mut self, event: &Event) {
        self.launcher.press(event);
        self.user_menu.press(event);
    }

    fn place(&self) {
        self.launcher.place();
        self.user_menu.place();
    }
}
