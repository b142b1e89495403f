//! Mounting views inside a shadow root, as the custom elements do, and
//! driving them with events.

#![allow(dead_code)]

use bandeau_widgets::{
    Action, Model, View, BAR_CSS, LAUNCHER_CSS, LOGIN_CSS, SHARED_CSS, USER_MENU_CSS,
};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CssStyleSheet, Element, EventInit, HtmlElement, KeyboardEvent, KeyboardEventInit, MouseEvent,
    MouseEventInit, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

/// Sizes that the token stylesheet would give, so the grid lays out in
/// rows of a known width without pulling the tokens into this crate.
const LAYOUT: &str = "--bd-launcher-panel-width: 480px; --bd-launcher-tile-size: 100px; \
    --bd-launcher-tile-gap: 8px; --bd-launcher-panel-padding: 16px; --bd-launcher-icon-size: 32px;";

/// A view mounted in a shadow root, with a stand-in for the embedding: it
/// keeps the model, records every action and answers navigations.
pub struct Mounted<V: View + 'static> {
    pub host: HtmlElement,
    pub root: ShadowRoot,
    pub view: Rc<RefCell<V>>,
    model: Rc<RefCell<Model>>,
    actions: Rc<RefCell<Vec<Action>>>,
    /// What the embedding answers to [`Action::Navigate`].
    pub follow: Rc<Cell<bool>>,
    /// Whether the embedding applies pins, languages and themes to the
    /// model at once, from inside the action, as the custom elements do.
    pub apply: Rc<Cell<bool>>,
    /// The view's listeners; dropped with the rest, so a test's view
    /// stops hearing the page once the test ends.
    _listeners: bandeau_widgets::Mounted,
}

impl<V: View> Drop for Mounted<V> {
    fn drop(&mut self) {
        self.host.remove();
    }
}

/// Mounts `view` showing `model` into a fresh shadow root with the
/// component styles. Navigations are answered with `follow`.
pub fn mount<V: View + 'static>(view: V, model: Model, follow: bool) -> Mounted<V> {
    mount_styled(
        view,
        model,
        follow,
        &[SHARED_CSS, LAUNCHER_CSS, BAR_CSS, USER_MENU_CSS],
    )
}

/// The login's stylesheets, as its element adopts them (besides tokens).
pub const LOGIN_SHEETS: [&str; 2] = [SHARED_CSS, LOGIN_CSS];

/// [`mount`] with these component stylesheets instead of the bar's.
pub fn mount_styled<V: View + 'static>(
    mut view: V,
    model: Model,
    follow: bool,
    styles: &[&str],
) -> Mounted<V> {
    let document = document();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    host.set_attribute("style", LAYOUT).unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let root = host.attach_shadow(&init).unwrap();
    let sheets = js_sys::Array::new();
    for css in styles {
        let sheet = CssStyleSheet::new().unwrap();
        sheet.replace_sync(css).expect("component CSS parses");
        sheets.push(&sheet);
    }
    root.set_adopted_style_sheets(&sheets);

    view.update(&model);
    root.append_child(view.root()).unwrap();
    let view = Rc::new(RefCell::new(view));
    let model = Rc::new(RefCell::new(model));
    let actions = Rc::new(RefCell::new(Vec::new()));
    let follow = Rc::new(Cell::new(follow));
    let apply = Rc::new(Cell::new(false));

    let on_action: Rc<dyn Fn(Action) -> bool> = {
        let (view, model, actions, follow, apply) = (
            view.clone(),
            model.clone(),
            actions.clone(),
            follow.clone(),
            apply.clone(),
        );
        Rc::new(move |action: Action| {
            actions.borrow_mut().push(action.clone());
            if apply.get() {
                let mut model = model.borrow_mut();
                let changed = match action {
                    Action::Pin(ref id, true) if !model.pinned.contains(id) => {
                        model.pinned.push(id.clone());
                        true
                    }
                    Action::Pin(ref id, false) => {
                        model.pinned.retain(|p| p != id);
                        true
                    }
                    Action::Language(lang) => {
                        model.lang = lang;
                        true
                    }
                    Action::Theme(theme) => {
                        model.theme = theme;
                        true
                    }
                    _ => false,
                };
                if changed {
                    view.borrow_mut().update(&model);
                }
            }
            match action {
                Action::Navigate(_) => follow.get(),
                _ => true,
            }
        })
    };
    let listeners = bandeau_widgets::mount(view.clone(), on_action);
    Mounted {
        host,
        root,
        view,
        model,
        actions,
        follow,
        apply,
        _listeners: listeners,
    }
}

impl<V: View> Mounted<V> {
    /// Changes the model as the embedding would and shows the change.
    pub fn update(&self, change: impl FnOnce(&mut Model)) {
        let mut model = self.model.borrow_mut();
        change(&mut model);
        self.view.borrow_mut().update(&model);
    }

    pub fn model(&self) -> Model {
        self.model.borrow().clone()
    }

    /// As the element's `open()` and `close()` do.
    pub fn set_open(&self, open: bool) {
        self.view.borrow_mut().set_open(open);
    }

    pub fn is_open(&self) -> bool {
        self.view.borrow().is_open()
    }

    /// Every action so far, in order.
    pub fn actions(&self) -> Vec<Action> {
        self.actions.borrow().clone()
    }

    pub fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(selector)
            .ok()
            .flatten()
            .map(|e| e.unchecked_into())
    }

    pub fn get(&self, selector: &str) -> HtmlElement {
        self.find(selector)
            .unwrap_or_else(|| panic!("nothing matches `{selector}`"))
    }

    pub fn all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self
            .root
            .query_selector_all(selector)
            .expect("valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.unchecked_into())
            .collect()
    }

    /// The matches a person can see: not inside anything `hidden`.
    pub fn visible(&self, selector: &str) -> Vec<HtmlElement> {
        self.all(selector)
            .into_iter()
            .filter(|e| is_visible(e))
            .collect()
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn focused(&self) -> Option<Element> {
        self.root.active_element()
    }

    pub fn is_focused(&self, el: &HtmlElement) -> bool {
        self.focused().is_some_and(|f| f.is_same_node(Some(el)))
    }

    /// Describes the focused element, for assertion messages.
    pub fn focus_report(&self) -> String {
        match self.focused() {
            Some(e) => e.outer_html(),
            None => "nothing".to_owned(),
        }
    }
}

/// Whether `el` is laid out: no `hidden` ancestor-or-self, and no
/// `display: none` from the styles (which leaves no offset parent; the
/// chrome has no fixed-position parts, the other case without one).
pub fn is_visible(el: &Element) -> bool {
    el.closest("[hidden]").unwrap().is_none()
        && el.unchecked_ref::<HtmlElement>().offset_parent().is_some()
}

/// Waits for a real asynchronous boundary (a network answer, layout after
/// a style change): a few turns of the event loop.
pub async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

/// Waits until `done` holds, for at most five seconds (an answer from the
/// network). Returns whether it came to hold.
pub async fn eventually(done: impl Fn() -> bool) -> bool {
    let start = js_sys::Date::now();
    while !done() {
        if js_sys::Date::now() - start > 5000.0 {
            return false;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    true
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn body() -> HtmlElement {
    document().body().unwrap()
}

pub fn key(target: &Element, key: &str) -> KeyboardEvent {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event
}

/// A click as Enter or Space on a button produces it (`detail` 0).
pub fn keyboard_click(target: &Element) -> MouseEvent {
    click_with(target, 0, false)
}

pub fn pointer_click(target: &Element) -> MouseEvent {
    click_with(target, 1, false)
}

/// A Ctrl+click (open in a new tab).
pub fn modified_click(target: &Element) -> MouseEvent {
    click_with(target, 1, true)
}

fn click_with(target: &Element, detail: i32, ctrl: bool) -> MouseEvent {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    init.set_detail(detail);
    init.set_ctrl_key(ctrl);
    let event = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    event
}

pub fn pointer_down(target: &Element) {
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let event = MouseEvent::new_with_mouse_event_init_dict("pointerdown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

pub fn plain_event(target: &Element, name: &str) {
    let init = EventInit::new();
    init.set_bubbles(false);
    let event = web_sys::Event::new_with_event_init_dict(name, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

pub fn type_into(input: &HtmlElement, text: &str) {
    let input: &web_sys::HtmlInputElement = input.unchecked_ref();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

pub fn js(value: &str) -> JsValue {
    JsValue::from_str(value)
}

/// Cancels clicks once they have bubbled out of the view to the host, so a
/// link the view lets through does not navigate the test page away.
/// Records whether the view had already cancelled each one.
pub struct ClickGuard {
    prevented_by_view: Rc<RefCell<Vec<bool>>>,
    _listener: gloo_events::EventListener,
}

impl ClickGuard {
    pub fn new(host: &HtmlElement) -> ClickGuard {
        let prevented_by_view = Rc::new(RefCell::new(Vec::new()));
        let record = prevented_by_view.clone();
        let listener = gloo_events::EventListener::new_with_options(
            host,
            "click",
            gloo_events::EventListenerOptions::enable_prevent_default(),
            move |event| {
                record.borrow_mut().push(event.default_prevented());
                event.prevent_default();
            },
        );
        ClickGuard {
            prevented_by_view,
            _listener: listener,
        }
    }

    /// For each click that reached the host: whether the view cancelled it.
    pub fn prevented_by_view(&self) -> Vec<bool> {
        self.prevented_by_view.borrow().clone()
    }
}
