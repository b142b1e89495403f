//! The login chrome around an identity provider's form: a `header` with the
//! operator's logo, the product name (the page's one `h1`), a slogan and
//! the language picker; a `main` with an `info` slot (the IdP's messages)
//! and the default slot (its form); a `footer` with the legal and help
//! links and a `footer` slot; behind them an optional background image
//! under a scrim.
//!
//! The slotted form stays the IdP's: it lives in the page, so password
//! managers, native validation and the IdP's scripts and CSS work as
//! before. Reading and focus order are the markup's: logo, product name,
//! language picker, the slotted form, footer links. A missing value leaves
//! its part out; the card's width follows `--bandeau-login-form-width`.

pub mod stories;

use crate::dom::{self, add, el, KEY};
use crate::i18n::Lang;
use crate::{Action, LoginModel, Model, View};
use web_sys::{Element, Event};

/// The footer links' attributes, in the order of [`LoginModel::links`] and
/// of the link texts in [`crate::i18n::Strings::login_links`].
pub const LINKS: [&str; 5] = [
    "imprint-url",
    "privacy-url",
    "docs-url",
    "support-url",
    "feedback-url",
];

pub struct Login {
    root: Element,
    backdrop: Element,
    header: Element,
    links: Element,
    /// What the view was rendered from.
    rendered: Option<(LoginModel, String, Lang)>,
}

impl Default for Login {
    fn default() -> Self {
        Self::new()
    }
}

impl Login {
    pub fn new() -> Login {
        let root = el("div", &[("class", "page"), ("part", "page")]);
        let backdrop = add(
            &root,
            "div",
            &[("class", "backdrop"), ("aria-hidden", "true")],
            "",
        );
        let card = named(&root, "div", "card", "");
        let header = named(&card, "header", "header", "");
        let main = named(&card, "main", "main", "");
        add(
            &named(&main, "div", "info", ""),
            "slot",
            &[("name", "info")],
            "",
        );
        add(&main, "slot", &[], "");
        let footer = named(&root, "footer", "footer", "");
        let links = add(
            &footer,
            "ul",
            &[("class", "links"), ("role", "list"), ("hidden", "")],
            "",
        );
        add(&footer, "slot", &[("name", "footer")], "");
        Login {
            root,
            backdrop,
            header,
            links,
            rendered: None,
        }
    }

    fn render(&self, login: &LoginModel, product_name: &str, lang: Lang) {
        let t = lang.strings();
        let (header, links) = (&self.header, &self.links);
        dom::keeping_focus(&self.root, || {
            dom::clear(&self.backdrop);
            dom::clear(header);
            dom::clear(links);
            // Both pictures are decorative: the product name is the heading.
            for (parent, url, name) in [
                (&self.backdrop, &login.background_url, "background"),
                (header, &login.logo_url, "logo"),
            ] {
                if let Some(url) = url {
                    let img = named(parent, "img", name, "");
                    dom::set(&img, "alt", Some(""));
                    dom::set(&img, "src", Some(url));
                }
            }
            for (tag, name, text) in [
                ("h1", "product-name", product_name),
                ("p", "slogan", login.slogan.as_str()),
            ] {
                if !text.is_empty() {
                    named(header, tag, name, text);
                }
            }
            // One language is no choice.
            if login.languages.len() > 1 {
                let group = named(header, "div", "languages", "");
                dom::set(&group, "role", Some("group"));
                dom::set(&group, "aria-label", Some(t.language));
                for choice in &login.languages {
                    let option = named(&group, "button", "language-option", choice.endonym());
                    for (name, value) in [
                        ("type", "button"),
                        ("lang", choice.tag()),
                        (KEY, choice.tag()),
                    ] {
                        dom::set(&option, name, Some(value));
                    }
                    dom::set_flag(&option, "aria-pressed", *choice == lang);
                }
            }
            for ((url, label), key) in login.links.iter().zip(t.login_links).zip(LINKS) {
                if let Some(url) = url {
                    let link = named(&add(links, "li", &[], ""), "a", "footer-link", label);
                    dom::set(&link, "href", Some(url));
                    dom::set(&link, KEY, Some(key));
                }
            }
        });
        dom::set_hidden(links, links.child_element_count() == 0);
    }
}

/// A new child whose class and part are both `name`, with a text child.
#[inline(never)]
fn named(parent: &Element, tag: &str, name: &str, text: &str) -> Element {
    add(parent, tag, &[("class", name), ("part", name)], text)
}

impl View for Login {
    fn root(&self) -> &Element {
        &self.root
    }

    fn update(&mut self, model: &Model) {
        let wanted = (model.login.clone(), model.product_name.clone(), model.lang);
        if self.rendered.as_ref() != Some(&wanted) {
            self.render(&wanted.0, &wanted.1, wanted.2);
            self.rendered = Some(wanted);
        }
    }

    /// A language button other than the current one asks for its language.
    fn handle(&mut self, event: &Event) -> Option<Action> {
        if event.type_() != "click" {
            return None;
        }
        // Clicks in the slotted form reach here too; only our buttons count.
        let choice = dom::closest(event, ".language-option[aria-pressed=false]")
            .filter(|c| self.header.contains(Some(c)))?;
        Some(Action::Language(Lang::from_tag(
            &choice.get_attribute("lang")?,
        )))
    }

    fn set_open(&mut self, _open: bool) {}

    fn is_open(&self) -> bool {
        false
    }

    fn press(&mut self, _event: &Event) {}
}
