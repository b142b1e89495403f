//! The canvas: `canvas.html`, a same-origin frame that loads the script-tag
//! bundle as vendors do. The app drives it through `canvas.js`
//! (`bandeauCanvas.render(spec)`, `bandeauCanvas.setStyle(id, css)`) and
//! listens to the elements' events in it.

use bandeau_elements::EVENTS;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlIFrameElement;

use crate::state::Viewport;
use crate::workbench::Workbench;

/// Ids of the canvas's injected stylesheets; token edits go last.
const TOKEN_CSS: &str = "bandeau-token-css";
const BRAND_CSS: &str = "bandeau-brand-css";

/// One event an element fired in the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct Fired {
    pub name: String,
    pub detail: String,
}

/// Calls `bandeauCanvas[method](...args)` in the frame.
fn call(frame: &HtmlIFrameElement, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let window = frame
        .content_window()
        .ok_or("the canvas has no window yet")?;
    let canvas = js_sys::Reflect::get(&window, &JsValue::from_str("bandeauCanvas"))
        .ok()
        .filter(|v| v.is_object())
        .ok_or("canvas.js did not load in the canvas")?;
    let function: js_sys::Function = js_sys::Reflect::get(&canvas, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("canvas.js has no {method}()"))?;
    let args: js_sys::Array = args.iter().collect();
    function.apply(&canvas, &args).map_err(|e| describe(&e))
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the canvas failed".to_owned())
}

fn set_style(frame: &HtmlIFrameElement, id: &str, css: Option<String>) {
    let css = css.map_or(JsValue::NULL, |c| JsValue::from_str(&c));
    if let Err(e) = call(frame, "setStyle", &[JsValue::from_str(id), css]) {
        web_sys::console::warn_1(&JsValue::from_str(&format!("preview canvas: {e}")));
    }
}

/// Records the elements' events in the canvas document into `fired`.
fn listen(frame: &HtmlIFrameElement, fired: RwSignal<Vec<Fired>>) {
    let Some(document) = frame.content_document() else {
        return;
    };
    for event in EVENTS.iter() {
        let name = event.name;
        let record = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            let detail = js_sys::Reflect::get(&e, &JsValue::from_str("detail"))
                .ok()
                .filter(|d| !d.is_undefined())
                .and_then(|d| js_sys::JSON::stringify(&d).ok())
                .and_then(|s| s.as_string())
                .unwrap_or_default();
            fired.update(|list| {
                list.push(Fired {
                    name: name.to_owned(),
                    detail,
                })
            });
        });
        let _ = document.add_event_listener_with_callback(name, record.as_ref().unchecked_ref());
        // Lives as long as the frame's document, which drops it on reload.
        record.forget();
    }
}

#[component]
pub fn Canvas(
    /// `canvas.js`'s instructions for the current story and view.
    spec: Memo<String>,
    brand_css: Signal<Option<String>>,
    viewport: Signal<Viewport>,
    fired: RwSignal<Vec<Fired>>,
    /// Why the last render failed, if it did.
    failure: RwSignal<Option<String>>,
) -> impl IntoView {
    let workbench = use_context::<Workbench>().expect("inside the App");
    // Bumped on every load of the frame, so everything is re-applied to a
    // fresh document.
    let loads = RwSignal::new(0u32);
    let latest = StoredValue::new(0u32);

    Effect::new(move |_| {
        let spec = spec.get();
        if loads.get() == 0 {
            return;
        }
        let Some(frame) = workbench.canvas.get_untracked() else {
            return;
        };
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        fired.set(Vec::new());
        let promise = call(&frame, "render", &[JsValue::from_str(&spec)]);
        leptos::task::spawn_local(async move {
            let result = match promise {
                Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
                    .await
                    .map_err(|e| describe(&e)),
                Err(e) => Err(e),
            };
            if latest.get_value() != mine {
                return;
            }
            match result {
                Ok(done) if done.as_bool() == Some(true) => {
                    failure.set(None);
                    workbench.rendered.update(|n| *n += 1);
                }
                Ok(_) => {}
                Err(e) => failure.set(Some(e)),
            }
        });
    });
    Effect::new(move |_| {
        let css = brand_css.get();
        if loads.get() > 0 {
            if let Some(frame) = workbench.canvas.get_untracked() {
                set_style(&frame, BRAND_CSS, css);
            }
        }
    });
    Effect::new(move |_| {
        let css = workbench.token_css.get();
        if loads.get() > 0 {
            if let Some(frame) = workbench.canvas.get_untracked() {
                set_style(&frame, TOKEN_CSS, css);
            }
        }
    });

    let width = move || match viewport.get() {
        Viewport::Width(w) => format!("{w}px"),
        Viewport::Full => "100%".to_owned(),
    };
    view! {
        // `data-rendered` counts finished renders: what tests wait on.
        <div class="canvas-area" data-rendered=move || workbench.rendered.get()>
            <iframe
                node_ref=workbench.canvas
                src="canvas.html"
                title="Story canvas"
                style:width=width
                on:load=move |_| {
                    if let Some(frame) = workbench.canvas.get_untracked() {
                        listen(&frame, fired);
                    }
                    loads.update(|n| *n += 1);
                }
            ></iframe>
        </div>
    }
}
