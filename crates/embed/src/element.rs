//! One Rust `Handle` per connected element: its model, its view in the
//! shadow root, and the bridge from the view's actions to DOM events.

use crate::brand;
use crate::events::{detail, dispatch, report, report_problems};
use crate::loader;
use crate::sheets::{self, Component};
use crate::storage;
use bandeau_elements::{self as elements, ATTRIBUTE_NAMES, URL_ATTRIBUTES};
use bandeau_navigation::{display_text, parse, safe_link};
use bandeau_widgets::bar::Bar;
use bandeau_widgets::launcher::Launcher;
use bandeau_widgets::login::{Login, LINKS};
use bandeau_widgets::user_menu::UserMenu;
use bandeau_widgets::{mount, Action, Lang, Model, Mounted, NavigationState, Theme, View};
use js_sys::{Array, Reflect, JSON};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, Element, HtmlElement, ShadowRootInit, ShadowRootMode};

#[wasm_bindgen(module = "/src/elements.js")]
extern "C" {
    fn define(
        name: &str,
        attributes: &Array,
        connect: &Closure<dyn FnMut(HtmlElement) -> JsValue>,
    ) -> bool;
    #[wasm_bindgen(js_name = pageLangChanges)]
    fn page_lang_changes() -> u32;
}

/// The elements' contract (names, attributes) is `bandeau-elements`; this
/// is which view each one shows.
const ELEMENTS: [(&str, Component); 4] = [
    (elements::BAR, Component::Bar),
    (elements::LAUNCHER, Component::Launcher),
    (elements::USER_MENU, Component::UserMenu),
    (elements::LOGIN, Component::Login),
];

pub fn define_all() {
    let attributes: Array = ATTRIBUTE_NAMES
        .iter()
        .map(|a| JsValue::from_str(a))
        .collect();
    for (name, component) in ELEMENTS {
        let connect =
            Closure::<dyn FnMut(HtmlElement) -> JsValue>::new(move |host: HtmlElement| {
                match Handle::connect(host.clone(), component) {
                    Ok(handle) => JsValue::from(handle),
                    Err(message) => {
                        report(&host, "element", &message);
                        JsValue::NULL
                    }
                }
            });
        define(name, &attributes, &connect);
        // The classes call it for every element, for the page's lifetime.
        connect.forget();
    }
}

/// An attribute's text as the chrome shows it: trimmed, one line, without
/// control or direction-override characters (as names from the navigation).
fn text(value: Option<String>) -> String {
    display_text(value.as_deref().unwrap_or(""))
}

/// One element's state, shared by its handle, its view's action handler
/// and requests under way.
pub struct Chrome {
    pub host: HtmlElement,
    pub component: Component,
    model: RefCell<Model>,
    view: Rc<RefCell<dyn View>>,
    /// The `navigation` property as JSON text, kept to read it again when
    /// `lang` or `base` change (names are localised, links relative).
    navigation: RefCell<Option<String>>,
    /// Bumped by every load, so an answer that arrives after a newer
    /// request was made (the language changed meanwhile) is dropped.
    pub generation: Cell<u32>,
    /// The same for the `brand` attribute's document.
    pub brand_generation: Cell<u32>,
    /// Aborted when the element leaves the page, and with it every request
    /// the element still has under way.
    pub life: AbortController,
}

thread_local! {
    /// The connected elements, so a pin, theme or language chosen in one
    /// reaches the others on the page.
    static LIVE: RefCell<Vec<Weak<Chrome>>> = const { RefCell::new(Vec::new()) };
    /// The language last chosen on this page, and how often `<html lang>`
    /// had changed then: elements connected later speak it too, until the
    /// page changes its own language.
    static CHOSEN: Cell<Option<(Lang, u32)>> = const { Cell::new(None) };
}

fn live() -> Vec<Rc<Chrome>> {
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        live.retain(|c| c.strong_count() > 0);
        live.iter().filter_map(Weak::upgrade).collect()
    })
}

impl Chrome {
    /// Changes the model and shows the change.
    pub fn change(&self, f: impl FnOnce(&mut Model)) {
        f(&mut self.model.borrow_mut());
        self.show();
    }

    /// Kept out of line: `change` is instantiated once per caller, and
    /// this part need not be (bytes in the bundle).
    #[inline(never)]
    fn show(&self) {
        // The view never reaches back into the model while updating.
        if let (Ok(mut view), Ok(model)) = (self.view.try_borrow_mut(), self.model.try_borrow()) {
            view.update(&model);
        }
    }

    pub fn lang(&self) -> Lang {
        self.model.borrow().lang
    }

    pub fn has_document(&self) -> bool {
        self.model.borrow().nav.document().is_some()
    }

    fn base(&self) -> String {
        self.host.get_attribute("base").unwrap_or_default()
    }

    /// A URL from an attribute or property, if it is safe to use; an
    /// unsafe one is reported and dropped.
    fn url(&self, source: &str, raw: Option<String>) -> Option<String> {
        let raw = raw.filter(|r| !r.trim().is_empty())?;
        match safe_link(&raw, &self.base()) {
            Ok(url) => Some(url),
            Err(message) => {
                report(&self.host, source, &message);
                None
            }
        }
    }

    /// Goes to the URL from an attribute, if it is safe (see [`Self::url`]).
    fn follow(&self, source: &str, raw: String) {
        if let (Some(url), Some(window)) = (self.url(source, Some(raw)), web_sys::window()) {
            let _ = window.location().assign(&url);
        }
    }

    fn apply(&self, name: &str, value: Option<String>) {
        match name {
            "lang" => {
                let lang = match value {
                    Some(tag) => Lang::from_tag(&tag),
                    None => match CHOSEN.get() {
                        Some((lang, then)) if then == page_lang_changes() => lang,
                        _ => Lang::from_tag(
                            &self
                                .host
                                .owner_document()
                                .and_then(|d| d.document_element())
                                .and_then(|html| html.get_attribute("lang"))
                                .unwrap_or_default(),
                        ),
                    },
                };
                self.change(|m| m.lang = lang);
            }
            "theme" => self.apply_theme(value),
            "app" => self.change(|m| m.current = value.filter(|v| !v.is_empty())),
            "portal-url" => {
                let url = self.url(name, value);
                self.change(|m| m.portal_url = url);
            }
            "product-name" => {
                let name = value.map_or_else(|| "openDesk".to_owned(), |v| display_text(&v));
                self.change(|m| m.product_name = name)
            }
            "user-name" => self.change(|m| m.user.name = text(value)),
            "user-email" => self.change(|m| m.user.email = text(value)),
            "avatar-url" => {
                let url = self.url(name, value);
                self.change(|m| m.user.avatar_url = url);
            }
            "profile-url" => {
                let url = self.url(name, value);
                self.change(|m| m.user.profile_url = url);
            }
            "settings-url" => {
                let url = self.url(name, value);
                self.change(|m| m.user.settings_url = url);
            }
            "slogan" => self.change(|m| m.login.slogan = text(value)),
            "languages" => {
                self.change(|m| m.login.languages = Lang::list(&value.unwrap_or_default()))
            }
            "logo-url" | "background-url" => {
                let url = self.url(name, value);
                self.change(|m| match name {
                    "logo-url" => m.login.logo_url = url,
                    _ => m.login.background_url = url,
                });
            }
            // Read again when used; checked now so that a bad value is
            // reported when it is set, not when someone clicks.
            "logout-url" | "nav-url" => {
                self.url(name, value);
            }
            "locale-url" => {
                self.url(name, value.map(|v| v.replace("{lang}", "de")));
            }
            _ => {
                if let Some(at) = LINKS.iter().position(|l| *l == name) {
                    let url = self.url(name, value);
                    self.change(|m| m.login.links[at] = url);
                }
            }
        }
    }

    /// Themes change only `data-theme` on the host: the token stylesheet
    /// selects on it, so nothing re-renders.
    fn apply_theme(&self, value: Option<String>) {
        let chosen = value.or_else(storage::theme);
        let theme = match chosen.as_deref().map(Theme::parse) {
            Some(Some(theme)) => theme,
            Some(None) => {
                let shown = chosen.unwrap_or_default();
                report(
                    &self.host,
                    "theme",
                    &format!("`{shown}` is not light, dark, auto or high-contrast; light is used"),
                );
                Theme::Light
            }
            None => Theme::Light,
        };
        let _ = self.host.set_attribute("data-theme", theme.as_str());
        self.change(|m| m.theme = theme);
    }

    /// Lets go of the page: requests are aborted, answers still on their
    /// way are ignored, the view leaves the shadow root, and choices made
    /// elsewhere no longer reach the element.
    fn unmount(self: &Rc<Self>) {
        self.life.abort();
        self.generation.set(self.generation.get().wrapping_add(1));
        self.brand_generation
            .set(self.brand_generation.get().wrapping_add(1));
        if let Ok(view) = self.view.try_borrow() {
            view.root().remove();
        }
        let me = Rc::downgrade(self);
        LIVE.with(|live| live.borrow_mut().retain(|c| !c.ptr_eq(&me)));
    }

    /// Reads the navigation again: the `navigation` property if set,
    /// otherwise from `nav-url`.
    fn refresh(self: &Rc<Self>) {
        let navigation = self.navigation.borrow().clone();
        match navigation {
            Some(text) => self.read_navigation(&text),
            None => loader::load(self),
        }
    }

    fn read_navigation(&self, text: &str) {
        match parse(text, &self.base(), self.lang().tag()) {
            Ok((document, problems)) => {
                report_problems(&self.host, &problems);
                self.change(|m| m.nav = NavigationState::Ready(Arc::new(document)));
            }
            Err(problem) => {
                report(
                    &self.host,
                    "navigation",
                    &format!("{}: {}", problem.place, problem.message),
                );
                // A document already shown stays: a bad update must not
                // blank the launcher.
                if !self.has_document() {
                    self.change(|m| m.nav = NavigationState::Failed);
                }
            }
        }
    }

    /// What the view's actions mean for the page: events a vendor can
    /// cancel, then the change.
    fn act(self: &Rc<Self>, action: Action) -> bool {
        let host = &self.host;
        match action {
            Action::Navigate(request) => dispatch(
                host,
                "bandeau-navigate",
                &detail(&[
                    ("identifier", &request.identifier),
                    ("link", &request.link),
                    ("target", &request.target),
                ]),
                true,
            ),
            Action::Pin(identifier, pin) => {
                let pinned = storage::set_pinned(&identifier, pin);
                for chrome in live() {
                    chrome.change(|m| m.pinned = pinned.clone());
                }
                true
            }
            Action::Retry => {
                self.refresh();
                true
            }
            Action::Language(lang) => {
                let tag = lang.tag();
                if dispatch(
                    host,
                    "bandeau-language-change",
                    &detail(&[("language", tag)]),
                    true,
                ) {
                    CHOSEN.set(Some((lang, page_lang_changes())));
                    for chrome in live() {
                        let _ = chrome.host.set_attribute("lang", tag);
                    }
                    // The login's identity provider owns the locale.
                    if let Some(template) = host.get_attribute("locale-url") {
                        self.follow("locale-url", loader::locale_url(&template, tag));
                    }
                }
                true
            }
            Action::Theme(theme) => {
                let name = theme.as_str();
                if dispatch(
                    host,
                    "bandeau-theme-change",
                    &detail(&[("theme", name)]),
                    true,
                ) {
                    storage::set_theme(name);
                    for chrome in live() {
                        let _ = chrome.host.set_attribute("theme", name);
                    }
                }
                true
            }
            Action::Logout => {
                if dispatch(host, "bandeau-logout", &detail(&[]), true) {
                    if let Some(raw) = host.get_attribute("logout-url") {
                        self.follow("logout-url", raw);
                    }
                }
                true
            }
        }
    }
}

/// A connected element, held by its JavaScript object. When the element
/// leaves the page, [`Handle::disconnect`] lets go of everything at once;
/// the handle is freed after the call that removed the element returns.
#[wasm_bindgen]
pub struct Handle {
    chrome: Rc<Chrome>,
    mounted: Cell<Option<Mounted>>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.disconnect();
    }
}

#[wasm_bindgen]
impl Handle {
    /// The element left the page: its listeners go with the view, and
    /// [`Chrome::unmount`] does the rest.
    pub fn disconnect(&self) {
        drop(self.mounted.take());
        self.chrome.unmount();
    }

    /// Another tab changed what the chrome stores: the pins are read again
    /// (the theme is followed by `elements.js`, which knows the old value).
    pub fn stored(&self) {
        let pinned = storage::pinned();
        self.chrome.change(|m| m.pinned = pinned);
    }

    /// An observed attribute changed (`None`: removed).
    pub fn attribute(&self, name: &str, value: Option<String>) {
        let chrome = &self.chrome;
        chrome.apply(name, value);
        if name == "base" {
            // Relative URLs given earlier resolve against the new base.
            for url_attribute in URL_ATTRIBUTES {
                if let Some(raw) = chrome.host.get_attribute(url_attribute) {
                    chrome.apply(url_attribute, Some(raw));
                }
            }
        }
        if name == "brand" {
            brand::apply(chrome, chrome.host.get_attribute("brand"));
        }
        if name == "lang" || name == "base" || name == "nav-url" {
            chrome.refresh();
        }
    }

    pub fn refresh(&self) {
        self.chrome.refresh();
    }

    /// The `navigation` property: a navigation object, its JSON text, or
    /// `null`.
    pub fn navigation(&self, value: JsValue) {
        let chrome = &self.chrome;
        let text = if value.is_null() || value.is_undefined() {
            None
        } else if let Some(text) = value.as_string() {
            Some(text)
        } else {
            JSON::stringify(&value).ok().and_then(|s| s.as_string())
        };
        let cleared = text.is_none();
        *chrome.navigation.borrow_mut() = text;
        // A request still under way must not overwrite what the page set.
        chrome
            .generation
            .set(chrome.generation.get().wrapping_add(1));
        if cleared {
            chrome.change(|m| m.nav = NavigationState::Loading);
        }
        chrome.refresh();
    }

    /// The `user` property: `{name, email, avatarUrl, profileUrl,
    /// settingsUrl}`; it replaces what the `user-*` attributes said.
    pub fn user(&self, value: JsValue) {
        let chrome = &self.chrome;
        let text = |key: &str| {
            Reflect::get(&value, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        let user = bandeau_widgets::User {
            name: display_text(&text("name").unwrap_or_default()),
            email: display_text(&text("email").unwrap_or_default()),
            avatar_url: chrome.url("avatarUrl", text("avatarUrl")),
            profile_url: chrome.url("profileUrl", text("profileUrl")),
            settings_url: chrome.url("settingsUrl", text("settingsUrl")),
        };
        chrome.change(|m| m.user = user);
    }

    pub fn set_open(&self, open: bool) {
        if let Ok(mut view) = self.chrome.view.try_borrow_mut() {
            view.set_open(open);
        }
    }

    pub fn toggle(&self) {
        if let Ok(mut view) = self.chrome.view.try_borrow_mut() {
            let open = view.is_open();
            view.set_open(!open);
        }
    }
}

impl Handle {
    fn connect(host: HtmlElement, component: Component) -> Result<Handle, String> {
        let root = match host.shadow_root() {
            Some(root) => root,
            None => host
                .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
                .map_err(|_| "cannot attach a shadow root".to_owned())?,
        };
        root.set_adopted_style_sheets(&sheets::for_component(component));
        let view: Rc<RefCell<dyn View>> = match component {
            Component::Bar => Rc::new(RefCell::new(Bar::new())),
            Component::Launcher => Rc::new(RefCell::new(Launcher::new())),
            Component::UserMenu => Rc::new(RefCell::new(UserMenu::new())),
            Component::Login => Rc::new(RefCell::new(Login::new())),
        };
        let view_root: Element = view.borrow().root().clone();
        root.append_child(&view_root)
            .map_err(|_| "cannot fill the shadow root".to_owned())?;

        let chrome = Rc::new(Chrome {
            host: host.clone(),
            model: RefCell::new(Model {
                pinned: storage::pinned(),
                ..Model::default()
            }),
            view: view.clone(),
            navigation: RefCell::new(None),
            generation: Cell::new(0),
            brand_generation: Cell::new(0),
            life: AbortController::new().map_err(|_| "AbortController is missing".to_owned())?,
            component,
        });
        LIVE.with(|live| live.borrow_mut().push(Rc::downgrade(&chrome)));
        // Attributes present before the element was connected were not
        // delivered to a handle; read them all now.
        for name in ATTRIBUTE_NAMES {
            chrome.apply(name, host.get_attribute(name));
        }
        chrome.change(|_| {});
        brand::apply(&chrome, host.get_attribute("brand"));
        let weak = Rc::downgrade(&chrome);
        let mounted = mount(
            view,
            Rc::new(move |action| weak.upgrade().is_none_or(|chrome| chrome.act(action))),
        );
        dispatch(&host, "bandeau-ready", &JsValue::UNDEFINED, false);
        chrome.refresh();
        Ok(Handle {
            chrome,
            mounted: Cell::new(Some(mounted)),
        })
    }
}
