//! The app launcher: a button that opens a panel with the suite's apps by
//! category, a search field, and pin buttons.
//!
//! Keyboard (WAI-ARIA APG menu button + grid): Enter, Space or ArrowDown on
//! the button open the panel and focus the first app; arrows, Home and End
//! move through the apps; typing letters jumps to an app; Escape closes
//! and returns focus to the button; Tab leaves (and closes), as does a
//! press outside.

pub mod stories;

use crate::disclosure::Disclosure;
use crate::dom::{self, add, el, set, set_flag, set_hidden, KEY};
use crate::i18n::{Lang, Strings};
use crate::typeahead::{self, Typeahead};
use crate::{roving_focus, unique_id, Action, Model, NavigateRequest, NavigationState, View};
use bandeau_navigation::{fold, matches, monogram, Entry, Target};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, KeyboardEvent, MouseEvent};

/// One app tile as rendered, for filtering and marking without
/// re-rendering.
struct Tile {
    tile: Element,
    app: HtmlElement,
    pin: Option<Element>,
    category: usize,
    entry: Entry,
    shown: bool,
}

/// The launcher button and its panel. Build with [`Launcher::new`], feed
/// with [`View::update`].
pub struct Launcher {
    disclosure: Disclosure,
    label: Element,
    search: HtmlInputElement,
    results: Element,
    /// Shown when a search hides every app.
    no_results: Option<Element>,
    categories: Vec<Element>,
    tiles: Vec<Tile>,
    model: Model,
    /// What the results were rendered from; they are rebuilt only when
    /// the document, the language or the retry offer changes.
    rendered: Option<(NavigationState, Lang, bool)>,
    query: String,
    typed: Typeahead,
}

impl Default for Launcher {
    fn default() -> Self {
        Self::new()
    }
}

impl Launcher {
    pub fn new() -> Launcher {
        let disclosure = Disclosure::new("launcher", "launcher-button", "panel", false);
        add(
            &disclosure.button,
            "span",
            &[("class", "waffle"), ("aria-hidden", "true")],
            "",
        );
        let label = add(&disclosure.button, "span", &[("class", "vh")], "");
        let search: HtmlInputElement = add(
            &disclosure.panel,
            "input",
            &[
                ("type", "search"),
                ("class", "search"),
                ("part", "search"),
                ("autocomplete", "off"),
                (KEY, "search"),
            ],
            "",
        )
        .unchecked_into();
        let results = add(
            &disclosure.panel,
            "div",
            &[("class", "results"), ("part", "results")],
            "",
        );
        Launcher {
            disclosure,
            label,
            search,
            results,
            no_results: None,
            categories: Vec::new(),
            tiles: Vec::new(),
            model: Model::default(),
            rendered: None,
            query: String::new(),
            typed: Typeahead::default(),
        }
    }

    fn strings(&self) -> &'static Strings {
        self.model.lang.strings()
    }

    fn render_results(&mut self) {
        let t = self.strings();
        let results = self.results.clone();
        dom::clear(&results);
        self.categories.clear();
        self.tiles.clear();
        self.no_results = None;
        let state = |role: &str, text: &str| {
            add(
                &results,
                "p",
                &[("class", "state"), ("part", "state"), ("role", role)],
                text,
            )
        };
        let doc = match &self.model.nav {
            NavigationState::Loading => {
                state("status", t.loading);
                return;
            }
            NavigationState::Failed => {
                let alert = add(
                    &results,
                    "div",
                    &[("class", "state"), ("part", "state"), ("role", "alert")],
                    "",
                );
                add(&alert, "p", &[], t.load_failed);
                if self.model.can_retry {
                    add(
                        &alert,
                        "button",
                        &[
                            ("type", "button"),
                            ("class", "retry"),
                            ("part", "retry-button"),
                            (KEY, "retry"),
                        ],
                        t.retry,
                    );
                }
                return;
            }
            NavigationState::Ready(doc) if doc.entry_count() == 0 => {
                state("status", t.no_apps);
                return;
            }
            NavigationState::Ready(doc) => doc.clone(),
        };
        for category in doc.categories.iter().filter(|c| !c.entries.is_empty()) {
            let heading = unique_id("category");
            let section = add(
                &results,
                "section",
                &[
                    ("class", "category"),
                    ("part", "category"),
                    ("aria-labelledby", &heading),
                ],
                "",
            );
            add(
                &section,
                "h3",
                &[
                    ("class", "category-name"),
                    ("part", "category-name"),
                    ("id", &heading),
                ],
                &category.display_name,
            );
            let list = add(&section, "ul", &[("class", "tiles"), ("role", "list")], "");
            for entry in &category.entries {
                let tile = tile(&list, entry, self.tiles.len(), self.categories.len(), t);
                self.tiles.push(tile);
            }
            self.categories.push(section);
        }
        let no_results = state("status", t.no_results);
        set_hidden(&no_results, true);
        self.no_results = Some(no_results);
    }

    /// Shows the apps matching the search and hides the others (and the
    /// categories left empty); nodes are kept, so typing costs no
    /// rendering.
    fn apply_filter(&mut self) {
        let mut any_in = vec![false; self.categories.len()];
        for tile in &mut self.tiles {
            let shown = matches(&tile.entry, &self.query);
            if shown != tile.shown {
                set_hidden(&tile.tile, !shown);
                // Hidden apps leave the keyboard order too.
                set(&tile.app, "data-roving", shown.then_some(""));
                tile.shown = shown;
            }
            any_in[tile.category] |= shown;
        }
        for (section, any) in self.categories.iter().zip(&any_in) {
            set_hidden(section, !any);
        }
        if let Some(no_results) = &self.no_results {
            set_hidden(no_results, any_in.iter().any(|a| *a));
        }
        self.set_active(0);
    }

    /// Marks the current app and the pinned ones.
    fn mark(&self) {
        let current = self.model.current.as_deref().unwrap_or("");
        for tile in &self.tiles {
            let id = tile.entry.identifier.as_str();
            set(
                &tile.app,
                "aria-current",
                (!id.is_empty() && id == current).then_some("page"),
            );
            if let Some(pin) = &tile.pin {
                let pinned = self.model.pinned.iter().any(|p| p == id);
                set_flag(pin, "aria-pressed", pinned);
                if let Some(glyph) = pin.first_element_child() {
                    glyph.set_text_content(Some(if pinned { "★" } else { "☆" }));
                }
            }
        }
    }

    fn shown_apps(&self) -> Vec<HtmlElement> {
        self.tiles
            .iter()
            .filter(|t| t.shown)
            .map(|t| t.app.clone())
            .collect()
    }

    /// Makes the `index`-th shown app the grid's one Tab stop (with its
    /// pin button after it).
    fn set_active(&self, index: usize) {
        for (at, tile) in self.tiles.iter().filter(|t| t.shown).enumerate() {
            let stop = if at == index { 0 } else { -1 };
            tile.app.set_tab_index(stop);
            if let Some(pin) = tile.pin.as_ref().and_then(|p| p.dyn_ref::<HtmlElement>()) {
                pin.set_tab_index(stop);
            }
        }
    }

    /// Makes `element`, if it is a shown app, the grid's Tab stop.
    fn activate(&self, element: &Element) {
        if let Some(index) = self
            .shown_apps()
            .iter()
            .position(|a| a.is_same_node(Some(element)))
        {
            self.set_active(index);
        }
    }

    fn focus_app(&self, index: usize) {
        if let Some(app) = self.shown_apps().get(index) {
            self.set_active(index);
            let _ = app.focus();
        }
    }

    fn open_to(&mut self, first_app: bool) {
        self.disclosure.set_open(true);
        if first_app {
            self.focus_app(0);
        } else {
            let _ = self.search.focus();
        }
    }

    fn on_click(&mut self, event: &Event) -> Option<Action> {
        if self.disclosure.on_button(event) {
            if self.disclosure.open {
                self.disclosure.set_open(false);
            } else {
                // `detail` counts pointer clicks; 0 means Enter or Space.
                let keyboard = event
                    .dyn_ref::<MouseEvent>()
                    .is_some_and(|m| m.detail() == 0);
                self.open_to(keyboard);
            }
            return None;
        }
        if dom::closest(event, "button.retry").is_some() {
            return Some(Action::Retry);
        }
        if let Some(pin) = dom::closest(event, "button.pin") {
            let id = pin.get_attribute("data-id").unwrap_or_default();
            let pinned = pin.get_attribute("aria-pressed").as_deref() == Some("true");
            return Some(Action::Pin(id, !pinned));
        }
        let app = dom::closest(event, "a.app")?;
        let index: usize = app.get_attribute("data-index")?.parse().ok()?;
        let entry = &self.tiles.get(index)?.entry;
        follow(event, entry)
    }

    fn on_key(&mut self, event: &Event) -> Option<Action> {
        let key_event: &KeyboardEvent = event.dyn_ref()?;
        let key = key_event.key();
        if self.disclosure.on_button(event) {
            if key == "ArrowDown" {
                event.prevent_default();
                self.open_to(true);
            }
            return None;
        }
        if dom::target(event).is_some_and(|t| t.is_same_node(Some(&self.search))) {
            if key == "ArrowDown" {
                event.prevent_default();
                self.focus_app(0);
            }
            return None;
        }
        dom::closest(event, "a.app")?;
        let apps = self.shown_apps();
        if let Some(index) = roving_focus::handle_key(&apps, key_event, true) {
            event.prevent_default();
            self.set_active(index);
            return None;
        }
        let mut chars = key.chars();
        let (Some(typed), None) = (chars.next(), chars.next()) else {
            return None;
        };
        if key_event.ctrl_key() || key_event.meta_key() || key_event.alt_key() || typed == ' ' {
            return None;
        }
        let labels: Vec<&str> = self
            .tiles
            .iter()
            .filter(|t| t.shown)
            .map(|t| t.entry.display_name.as_str())
            .collect();
        let current = roving_focus::position(&apps, key_event);
        let prefix = self.typed.push(typed, now()).to_owned();
        if let Some(index) = typeahead::find(&labels, current, &prefix) {
            event.prevent_default();
            self.focus_app(index);
        }
        None
    }
}

impl View for Launcher {
    fn root(&self) -> &Element {
        &self.disclosure.root
    }

    fn update(&mut self, model: &Model) {
        let relabel = self.model.lang != model.lang || self.rendered.is_none();
        self.model = model.clone();
        let t = self.strings();
        if relabel {
            self.label.set_text_content(Some(t.launcher_button));
            let _ = self
                .disclosure
                .panel
                .set_attribute("aria-label", t.launcher_panel);
            let _ = self.search.set_attribute("aria-label", t.search_label);
            let _ = self
                .search
                .set_attribute("placeholder", t.search_placeholder);
        }
        let wanted = (model.nav.clone(), model.lang, model.can_retry);
        let stale = match &self.rendered {
            Some((nav, lang, retry)) => {
                !same_nav(nav, &wanted.0) || *lang != wanted.1 || *retry != wanted.2
            }
            None => true,
        };
        if stale {
            let results = self.results.clone();
            dom::keeping_focus(&results, || {
                self.render_results();
                self.apply_filter();
            });
            // The view hears no `focusin` while it is being updated: the
            // app focus came back to stays the grid's Tab stop.
            if let Some(focused) = dom::focused_within(&results) {
                self.activate(&focused);
            }
            self.rendered = Some(wanted);
            self.disclosure.place();
        }
        self.mark();
    }

    fn handle(&mut self, event: &Event) -> Option<Action> {
        if !self.disclosure.contains(event) {
            return None;
        }
        if self.disclosure.handle(event) {
            return None;
        }
        match event.type_().as_str() {
            "click" => self.on_click(event),
            "keydown" => self.on_key(event),
            "input" => {
                self.query = fold(&self.search.value());
                self.apply_filter();
                None
            }
            "focusin" => {
                // A click or Tab onto an app makes it the grid's stop.
                self.activate(&dom::target(event)?);
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

/// Two navigation states show the same thing (documents compared by
/// identity: a new document is rendered even if equal).
fn same_nav(a: &NavigationState, b: &NavigationState) -> bool {
    match (a, b) {
        (NavigationState::Ready(a), NavigationState::Ready(b)) => Arc::ptr_eq(a, b),
        (NavigationState::Loading, NavigationState::Loading)
        | (NavigationState::Failed, NavigationState::Failed) => true,
        _ => false,
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The link attributes an entry's target asks for: `_blank` opens an
/// isolated new tab; a named target (`tab_groupware`) reuses its window.
pub(crate) fn link_attributes(entry: &Entry) -> Vec<(&'static str, String)> {
    let mut attributes = Vec::with_capacity(3);
    if let Some(link) = &entry.link {
        attributes.push(("href", link.clone()));
        attributes.push(("target", entry.target.as_str().to_owned()));
        if matches!(entry.target, Target::NewWindow) {
            attributes.push(("rel", "noopener noreferrer".to_owned()));
        }
    }
    attributes
}

/// Renders one app into `list`.
fn tile(list: &Element, entry: &Entry, index: usize, category: usize, t: &Strings) -> Tile {
    let tile = add(list, "li", &[("class", "tile"), ("part", "tile")], "");
    let index_text = index.to_string();
    let key = format!("app:{index}:{}", entry.identifier);
    let app = el(
        "a",
        &[
            ("class", "app"),
            ("part", "app"),
            ("data-roving", ""),
            ("tabindex", "-1"),
            ("data-index", &index_text),
            (KEY, &key),
        ],
    );
    for (name, value) in link_attributes(entry) {
        let _ = app.set_attribute(name, &value);
    }
    if entry.link.is_none() {
        let _ = app.set_attribute("role", "link");
        let _ = app.set_attribute("aria-disabled", "true");
    }
    app_content(&app, entry, t);
    if entry.link.is_none() {
        add(
            &app,
            "span",
            &[("class", "vh")],
            &format!(" ({})", t.unavailable),
        );
    }
    dom::append(&tile, &app);
    // Pinned apps are links in the bar: one without a usable link has
    // nothing to pin.
    let pin = (!entry.identifier.is_empty() && entry.link.is_some()).then(|| {
        let pin = add(
            &tile,
            "button",
            &[
                ("type", "button"),
                ("class", "pin"),
                ("part", "pin-button"),
                ("tabindex", "-1"),
                ("aria-pressed", "false"),
                ("data-id", &entry.identifier),
                (KEY, &format!("pin:{index}:{}", entry.identifier)),
            ],
            "",
        );
        add(&pin, "span", &[("aria-hidden", "true")], "☆");
        add(
            &pin,
            "span",
            &[("class", "vh")],
            &format!("{}: {}", t.pin, entry.display_name),
        );
        pin
    });
    Tile {
        tile,
        app: app.unchecked_into(),
        pin,
        category,
        entry: entry.clone(),
        shown: true,
    }
}

/// An app link's content: icon (or monogram), name, and the new-tab
/// notice for screen readers. Shared with the bar's pinned apps.
pub(crate) fn app_content(link: &Element, entry: &Entry, t: &Strings) {
    let icon = add(
        link,
        "span",
        &[
            ("class", "icon"),
            ("part", "app-icon"),
            ("aria-hidden", "true"),
        ],
        "",
    );
    // A tile's icon waits until the launcher's panel is first shown; a
    // pinned app's, in the bar, loads at once.
    let tile = link.class_name() == "app";
    dom::image_or_letters_loading(
        &icon,
        entry.icon_url.as_deref(),
        &monogram(&entry.display_name),
        "monogram",
        tile,
    );
    let name_class = if tile { "name" } else { "pinned-name" };
    add(
        link,
        "span",
        &[("class", name_class), ("part", "app-name")],
        &entry.display_name,
    );
    if entry.link.is_some() && !matches!(entry.target, Target::SameWindow) {
        add(
            link,
            "span",
            &[("class", "vh")],
            &format!(" ({})", t.opens_new_tab),
        );
    }
}

/// What a click on an app link means: a plain click asks the embedding
/// first; modified clicks (new tab, download) are the browser's business;
/// an entry without a usable link goes nowhere.
pub(crate) fn follow(event: &Event, entry: &Entry) -> Option<Action> {
    let Some(link) = &entry.link else {
        event.prevent_default();
        return None;
    };
    let mouse: &MouseEvent = event.dyn_ref()?;
    let modified = mouse.ctrl_key() || mouse.meta_key() || mouse.shift_key() || mouse.alt_key();
    if mouse.button() != 0 || modified {
        return None;
    }
    Some(Action::Navigate(NavigateRequest {
        identifier: entry.identifier.clone(),
        link: link.clone(),
        target: entry.target.as_str().to_owned(),
    }))
}
