//! One Rust `Handle` per connected element: its attributes as signals, its
//! shadow root, and the bridge from the views' callbacks to DOM events.

use crate::events::{detail, dispatch, report, report_problems};
use crate::loader::Source;
use crate::sheets::{self, Component};
use crate::storage;
use bandeau_navigation::{parse, safe_link};
use bandeau_widgets::bar::Bar;
use bandeau_widgets::launcher::Launcher;
use bandeau_widgets::user_menu::UserMenu;
use bandeau_widgets::{Lang, NavigateRequest, NavigationState, Theme, User};
use js_sys::{Array, Reflect, JSON};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::any::Any;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

#[wasm_bindgen(module = "/src/elements.js")]
extern "C" {
    fn define(
        name: &str,
        attributes: &Array,
        connect: &Closure<dyn FnMut(HtmlElement) -> JsValue>,
    ) -> bool;
}

/// The attributes every element observes; properties of the same name in
/// camelCase mirror them.
const ATTRIBUTES: &[&str] = &[
    "nav-url",
    "lang",
    "theme",
    "app",
    "base",
    "portal-url",
    "product-name",
    "user-name",
    "user-email",
    "avatar-url",
    "profile-url",
    "settings-url",
    "logout-url",
];

const URL_ATTRIBUTES: &[&str] = &[
    "portal-url",
    "avatar-url",
    "profile-url",
    "settings-url",
    "logout-url",
];

const ELEMENTS: [(&str, Component); 3] = [
    ("bandeau-bar", Component::Bar),
    ("bandeau-launcher", Component::Launcher),
    ("bandeau-user-menu", Component::UserMenu),
];

pub fn define_all() {
    let attributes: Array = ATTRIBUTES.iter().map(|a| JsValue::from_str(a)).collect();
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

/// The signals behind one element. All `Copy`, so the views' callbacks
/// can hold them; the host is wrapped because callbacks must be `Send`,
/// and the page only ever has one thread.
#[derive(Clone)]
struct State {
    host: SendWrapper<HtmlElement>,
    lang: RwSignal<Lang>,
    theme: RwSignal<Theme>,
    app: RwSignal<Option<String>>,
    portal_url: RwSignal<Option<String>>,
    product_name: RwSignal<String>,
    user: RwSignal<User>,
    logout_url: RwSignal<Option<String>>,
    nav: RwSignal<NavigationState>,
    launcher_open: RwSignal<bool>,
    menu_open: RwSignal<bool>,
}

/// A connected element, held by its JavaScript object.
#[wasm_bindgen]
pub struct Handle {
    component: Component,
    state: State,
    /// The `navigation` property as JSON text, kept to read it again when
    /// `lang` or `base` change (names are localised, links relative).
    navigation: Option<String>,
    source: Source,
    _mounted: Box<dyn Any>,
}

#[wasm_bindgen]
impl Handle {
    /// An observed attribute changed (`None`: removed).
    pub fn attribute(&mut self, name: &str, value: Option<String>) {
        self.apply(name, value);
        if name == "base" {
            // Relative URLs given earlier resolve against the new base.
            for url_attribute in URL_ATTRIBUTES {
                if let Some(raw) = self.host().get_attribute(url_attribute) {
                    self.apply(url_attribute, Some(raw));
                }
            }
        }
        if name == "lang" || name == "base" || name == "nav-url" {
            self.refresh();
        }
    }

    /// Reads the navigation again: the `navigation` property if set,
    /// otherwise from `nav-url`.
    pub fn refresh(&self) {
        if self.navigation.is_some() {
            self.read_navigation();
        } else {
            self.source.load();
        }
    }

    /// The `navigation` property: a navigation object, its JSON text, or
    /// `null`.
    pub fn navigation(&mut self, value: JsValue) {
        self.navigation = if value.is_null() || value.is_undefined() {
            None
        } else if let Some(text) = value.as_string() {
            Some(text)
        } else {
            JSON::stringify(&value).ok().and_then(|s| s.as_string())
        };
        // A request still under way must not overwrite what the page set.
        self.source.generation.fetch_add(1, Ordering::Relaxed);
        if self.navigation.is_none() {
            self.state.nav.set(NavigationState::Loading);
        }
        self.refresh();
    }

    /// The `user` property: `{name, email, avatarUrl, profileUrl,
    /// settingsUrl}`; it replaces what the `user-*` attributes said.
    pub fn user(&mut self, value: JsValue) {
        let text = |key: &str| {
            Reflect::get(&value, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        let user = User {
            name: text("name").unwrap_or_default(),
            email: text("email").unwrap_or_default(),
            avatar_url: self.url("avatarUrl", text("avatarUrl")),
            profile_url: self.url("profileUrl", text("profileUrl")),
            settings_url: self.url("settingsUrl", text("settingsUrl")),
        };
        self.state.user.set(user);
    }

    pub fn set_open(&self, open: bool) {
        self.open_signal().set(open);
    }

    pub fn toggle(&self) {
        self.open_signal().update(|open| *open = !*open);
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
        let document = host.owner_document().ok_or("the element has no document")?;
        let container: HtmlElement = document
            .create_element("div")
            .map_err(|_| "cannot create the view's container".to_owned())?
            .unchecked_into();
        root.append_child(&container)
            .map_err(|_| "cannot fill the shadow root".to_owned())?;

        let state = State {
            host: SendWrapper::new(host.clone()),
            lang: RwSignal::new(Lang::De),
            theme: RwSignal::new(Theme::Light),
            app: RwSignal::new(None),
            portal_url: RwSignal::new(None),
            product_name: RwSignal::new("openDesk".to_owned()),
            user: RwSignal::new(User::default()),
            logout_url: RwSignal::new(None),
            nav: RwSignal::new(NavigationState::Loading),
            launcher_open: RwSignal::new(false),
            menu_open: RwSignal::new(false),
        };
        let source = Source {
            host: state.host.clone(),
            nav: state.nav,
            lang: state.lang,
            generation: Arc::new(AtomicU32::new(0)),
        };
        let mut handle = Handle {
            component,
            state: state.clone(),
            navigation: None,
            source: source.clone(),
            _mounted: Box::new(()),
        };
        // Attributes present before the element was connected were not
        // delivered to a handle; read them all now.
        for name in ATTRIBUTES {
            handle.apply(name, host.get_attribute(name));
        }
        let retry = Callback::new(move |()| source.load());
        handle._mounted = mount(container, component, state, retry);
        dispatch(&host, "bandeau-ready", &JsValue::UNDEFINED, false);
        handle.refresh();
        Ok(handle)
    }

    fn open_signal(&self) -> RwSignal<bool> {
        match self.component {
            Component::UserMenu => self.state.menu_open,
            Component::Bar | Component::Launcher => self.state.launcher_open,
        }
    }

    fn host(&self) -> &HtmlElement {
        &self.state.host
    }

    fn base(&self) -> String {
        self.host().get_attribute("base").unwrap_or_default()
    }

    /// A URL from an attribute or property, if it is safe to use; an
    /// unsafe one is reported and dropped.
    fn url(&self, source: &str, raw: Option<String>) -> Option<String> {
        let raw = raw.filter(|r| !r.trim().is_empty())?;
        match safe_link(&raw, &self.base()) {
            Ok(url) => Some(url),
            Err(message) => {
                report(self.host(), source, &message);
                None
            }
        }
    }

    fn apply(&mut self, name: &str, value: Option<String>) {
        let s = &self.state;
        match name {
            "lang" => {
                let tag = value.or_else(|| {
                    self.host()
                        .owner_document()
                        .and_then(|d| d.document_element())
                        .and_then(|html| html.get_attribute("lang"))
                });
                s.lang.set(Lang::from_tag(tag.as_deref().unwrap_or("")));
            }
            "theme" => self.apply_theme(value),
            "app" => s.app.set(value.filter(|v| !v.is_empty())),
            "portal-url" => s.portal_url.set(self.url(name, value)),
            "product-name" => s
                .product_name
                .set(value.unwrap_or_else(|| "openDesk".to_owned())),
            "user-name" => s.user.update(|u| u.name = value.unwrap_or_default()),
            "user-email" => s.user.update(|u| u.email = value.unwrap_or_default()),
            "avatar-url" => {
                let url = self.url(name, value);
                s.user.update(|u| u.avatar_url = url);
            }
            "profile-url" => {
                let url = self.url(name, value);
                s.user.update(|u| u.profile_url = url);
            }
            "settings-url" => {
                let url = self.url(name, value);
                s.user.update(|u| u.settings_url = url);
            }
            "logout-url" => s.logout_url.set(self.url(name, value)),
            _ => {}
        }
    }

    /// Themes change only `data-theme` on the host: the token stylesheet
    /// selects on it, so nothing re-renders.
    fn apply_theme(&self, value: Option<String>) {
        let chosen = value.clone().or_else(storage::theme);
        let theme = match chosen.as_deref().map(Theme::parse) {
            Some(Some(theme)) => theme,
            Some(None) => {
                let shown = chosen.unwrap_or_default();
                report(
                    self.host(),
                    "theme",
                    &format!("`{shown}` is not light, dark, auto or high-contrast; light is used"),
                );
                Theme::Light
            }
            None => Theme::Light,
        };
        let _ = self.host().set_attribute("data-theme", theme.as_str());
        self.state.theme.set(theme);
    }

    fn read_navigation(&self) {
        let Some(text) = &self.navigation else {
            return;
        };
        let lang = self.state.lang.get_untracked();
        match parse(text, &self.base(), lang.tag()) {
            Ok((document, problems)) => {
                report_problems(self.host(), &problems);
                self.state
                    .nav
                    .set(NavigationState::Ready(Arc::new(document)));
            }
            Err(problem) => {
                report(
                    self.host(),
                    "navigation",
                    &format!("{}: {}", problem.place, problem.message),
                );
                // A document already shown stays: a bad update must not
                // blank the launcher.
                if self.state.nav.with_untracked(|n| n.document().is_none()) {
                    self.state.nav.set(NavigationState::Failed);
                }
            }
        }
    }
}

/// The views' callbacks, turned into events on the host.
fn on_navigate(state: &State) -> Callback<NavigateRequest, bool> {
    let host = state.host.clone();
    Callback::new(move |request: NavigateRequest| {
        dispatch(
            &host,
            "bandeau-navigate",
            &detail(&[
                ("identifier", &request.identifier),
                ("link", &request.link),
                ("target", &request.target),
            ]),
            true,
        )
    })
}

fn on_pin() -> Callback<(String, bool)> {
    Callback::new(|(identifier, pin)| storage::set_pinned(identifier, pin))
}

fn on_language(state: &State) -> Callback<Lang> {
    let host = state.host.clone();
    Callback::new(move |lang: Lang| {
        if dispatch(
            &host,
            "bandeau-language-change",
            &detail(&[("language", lang.tag())]),
            true,
        ) {
            let _ = host.set_attribute("lang", lang.tag());
        }
    })
}

fn on_theme(state: &State) -> Callback<Theme> {
    let host = state.host.clone();
    Callback::new(move |theme: Theme| {
        if dispatch(
            &host,
            "bandeau-theme-change",
            &detail(&[("theme", theme.as_str())]),
            true,
        ) {
            storage::set_theme(theme.as_str());
            let _ = host.set_attribute("theme", theme.as_str());
        }
    })
}

fn on_logout(state: &State) -> Callback<()> {
    let host = state.host.clone();
    let logout_url = state.logout_url;
    Callback::new(move |()| {
        if !dispatch(&host, "bandeau-logout", &detail(&[]), true) {
            return;
        }
        if let (Some(url), Some(window)) = (logout_url.get_untracked(), web_sys::window()) {
            let _ = window.location().assign(&url);
        }
    })
}

fn mount(
    container: HtmlElement,
    component: Component,
    s: State,
    retry: Callback<()>,
) -> Box<dyn Any> {
    let pinned = storage::pinned();
    match component {
        Component::Launcher => Box::new(leptos::mount::mount_to(container, move || {
            view! {
                <Launcher
                    nav=s.nav
                    current=s.app
                    pinned=pinned
                    lang=s.lang
                    on_navigate=on_navigate(&s)
                    on_pin=on_pin()
                    on_retry=Some(retry)
                    open=s.launcher_open
                />
            }
        })),
        Component::UserMenu => Box::new(leptos::mount::mount_to(container, move || {
            view! {
                <UserMenu
                    user=s.user
                    lang=s.lang
                    theme=s.theme
                    on_language=on_language(&s)
                    on_theme=on_theme(&s)
                    on_logout=on_logout(&s)
                    open=s.menu_open
                />
            }
        })),
        Component::Bar => Box::new(leptos::mount::mount_to(container, move || {
            let user = s.user;
            view! {
                <Bar
                    nav=s.nav
                    current=s.app
                    pinned=pinned
                    lang=s.lang
                    theme=s.theme
                    portal_url=s.portal_url
                    product_name=s.product_name
                    user=Signal::derive(move || {
                        let user = user.get();
                        (!user.name.is_empty()).then_some(user)
                    })
                    on_navigate=on_navigate(&s)
                    on_pin=on_pin()
                    on_retry=retry
                    on_language=on_language(&s)
                    on_theme=on_theme(&s)
                    on_logout=on_logout(&s)
                    launcher_open=s.launcher_open
                    menu_open=s.menu_open
                />
            }
        })),
    }
}
