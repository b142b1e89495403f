//! Connecting a view to the page: one delegated listener per event type
//! on the view's root, and some on the window: presses outside, and
//! scrolling and resizing, which open panels follow.
//!
//! Delegation keeps listeners out of the views (a re-rendered list needs
//! no new closures) and works inside shadow roots, where every event
//! still reaches the root with its real target.

use crate::{Action, Model};
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, Event};

/// A view of the chrome, driven by its embedding.
pub trait View {
    /// The element to put into the page (or the shadow root).
    fn root(&self) -> &Element;
    /// Shows `model`; the view keeps what it needs of it.
    fn update(&mut self, model: &Model);
    /// Reacts to an event inside the view; returns what the embedding
    /// should do about it.
    fn handle(&mut self, event: &Event) -> Option<Action>;
    /// Opens or closes the view's panel, as the element's `open()` and
    /// `close()` methods do. Closing keeps focus where it is.
    fn set_open(&mut self, open: bool);
    fn is_open(&self) -> bool;
    /// A pointer press anywhere on the page: one outside the view closes
    /// its panels.
    fn press(&mut self, event: &Event);
    /// The page scrolled or resized: open panels follow their buttons.
    fn place(&self) {}
}

/// Listens while alive; dropping it detaches the view's listeners.
pub struct Mounted {
    _listeners: Vec<EventListener>,
}

/// Events the views react to. `error` does not bubble, so it is caught on
/// the way down.
const BUBBLING: [&str; 5] = ["click", "keydown", "input", "focusin", "focusout"];

/// Wires `view` to its events. `on_action` returns whether a
/// [`Action::Navigate`] may go ahead; other actions ignore the answer.
pub fn mount(view: Rc<RefCell<dyn View>>, on_action: Rc<dyn Fn(Action) -> bool>) -> Mounted {
    let root = view.borrow().root().clone();
    let mut listeners = Vec::with_capacity(BUBBLING.len() + 4);
    for name in BUBBLING {
        let (view, on_action) = (view.clone(), on_action.clone());
        // gloo's listeners are passive unless told otherwise; the views
        // cancel clicks and keys.
        let options = EventListenerOptions::enable_prevent_default();
        listeners.push(EventListener::new_with_options(
            &root,
            name,
            options,
            move |event| deliver(&view, &*on_action, event),
        ));
    }
    listeners.push(EventListener::new_with_options(
        &root,
        "error",
        EventListenerOptions::run_in_capture_phase(),
        |event| {
            crate::dom::image_failed(event);
        },
    ));
    if let Some(window) = web_sys::window() {
        let pressed = view.clone();
        listeners.push(EventListener::new(&window, "pointerdown", move |event| {
            if let Ok(mut view) = pressed.try_borrow_mut() {
                view.press(event);
            }
        }));
        // `scroll` does not bubble: caught on the way down, it tells of any
        // scrolling container of the page that may carry the button along.
        for (name, phase) in [
            ("scroll", EventListenerOptions::run_in_capture_phase()),
            ("resize", EventListenerOptions::default()),
        ] {
            let view = view.clone();
            listeners.push(EventListener::new_with_options(
                &window,
                name,
                phase,
                move |_| {
                    if let Ok(view) = view.try_borrow() {
                        view.place();
                    }
                },
            ));
        }
    }
    Mounted {
        _listeners: listeners,
    }
}

fn deliver(view: &RefCell<dyn View>, on_action: &dyn Fn(Action) -> bool, event: &Event) {
    // Moving focus inside `handle` fires focus events synchronously; the
    // view already knows about those moves, so they are not delivered.
    let Ok(mut borrowed) = view.try_borrow_mut() else {
        return;
    };
    let action = borrowed.handle(event);
    // The embedding's answer may reach back into the view (a language
    // change re-renders it), so the view is released first.
    drop(borrowed);
    let Some(action) = action else {
        return;
    };
    let navigate = matches!(action, Action::Navigate(_));
    let go_ahead = on_action(action);
    if navigate {
        if go_ahead {
            if let Ok(mut view) = view.try_borrow_mut() {
                view.set_open(false);
            }
        } else {
            event.prevent_default();
        }
    }
}
