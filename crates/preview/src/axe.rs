//! The accessibility panel: axe-core (served by the site as
//! `vendor/axe.min.js`, never fetched from elsewhere) runs inside the canvas
//! after every story render, token edit, theme or language change, and its
//! violations are listed with the offending elements, shadow roots
//! included.

use crate::workbench::Workbench;
use leptos::prelude::*;
use serde::Deserialize;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The rules run: WCAG 2.2 A and AA. Best practices about whole pages
/// (landmarks, one `h1`) would judge the canvas, not the story in it.
const TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/// Waits for a change to settle: the canvas applies new token CSS and
/// finishes the chrome's transitions before colours are measured.
const SETTLE: Duration = Duration::from_millis(600);
const AXE: &str = "vendor/axe.min.js";

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: Option<String>,
    pub nodes: Vec<Node>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Node {
    /// Selectors; a nested list is a path through shadow roots.
    pub target: Vec<serde_json::Value>,
    pub html: String,
    #[serde(rename = "failureSummary")]
    pub failure_summary: Option<String>,
}

/// `["bandeau-bar", ".button"]` (through a shadow root) →
/// `bandeau-bar >>> .button`; frames are separated by ` | `.
pub fn target_text(target: &[serde_json::Value]) -> String {
    let step = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(path) => path
            .iter()
            .filter_map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" >>> "),
        other => other.to_string(),
    };
    target.iter().map(step).collect::<Vec<_>>().join(" | ")
}

#[derive(Clone, Debug, PartialEq)]
enum State {
    Waiting,
    Running,
    Done(Vec<Violation>),
    Failed(String),
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Adds axe-core to the canvas document unless it is there already (a
/// story that reloads the canvas loses it).
async fn ensure_axe(window: &web_sys::Window, document: &web_sys::Document) -> Result<(), String> {
    if !get(window, "axe").is_undefined() {
        return Ok(());
    }
    // Relative to the preview page, which the static export keeps beside
    // `vendor/`, whatever address the canvas has.
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .ok_or("no page address")?;
    let src = web_sys::Url::new_with_base(AXE, &page)
        .map_err(|_| format!("{AXE}: not a URL"))?
        .href();
    let script: web_sys::HtmlElement = document
        .create_element("script")
        .map_err(|_| "the canvas cannot take a script")?
        .unchecked_into();
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    let _ = script.set_attribute("src", &src);
    let parent = document
        .head()
        .map(web_sys::Element::from)
        .or_else(|| document.document_element())
        .ok_or("the canvas has no document")?;
    parent
        .append_child(&script)
        .map_err(|_| "the canvas refused the script")?;
    JsFuture::from(loaded)
        .await
        .map_err(|_| format!("{src} did not load"))?;
    Ok(())
}

/// Runs axe on the canvas document and returns its violations.
async fn audit(canvas: web_sys::HtmlIFrameElement) -> Result<Vec<Violation>, String> {
    let (Some(window), Some(document)) = (canvas.content_window(), canvas.content_document())
    else {
        return Err("the canvas is not loaded".into());
    };
    ensure_axe(&window, &document).await?;
    let axe = get(&window, "axe");
    let run: js_sys::Function = get(&axe, "run")
        .dyn_into()
        .map_err(|_| "axe-core has no run()")?;
    let options = serde_json::json!({
        "runOnly": {"type": "tag", "values": TAGS},
        "resultTypes": ["violations"],
    });
    let options = js_sys::JSON::parse(&options.to_string()).map_err(|_| "bad axe options")?;
    let started = run
        .call2(&axe, &document, &options)
        .map_err(|e| format!("axe-core failed to start: {}", message(&e)))?;
    // The canvas's promise is of the canvas's realm, not an instance of
    // this page's `Promise`: adopt it instead of casting.
    let results = JsFuture::from(js_sys::Promise::resolve(&started))
        .await
        .map_err(|e| format!("axe-core failed: {}", message(&e)))?;
    let violations = js_sys::JSON::stringify(&get(&results, "violations"))
        .ok()
        .and_then(|s| s.as_string())
        .ok_or("axe-core's results are not JSON")?;
    serde_json::from_str(&violations).map_err(|e| format!("axe-core's results: {e}"))
}

/// An error's message, whichever realm (page or canvas) it comes from.
fn message(e: &JsValue) -> String {
    get(e, "message")
        .as_string()
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// `shown`: whether the panel is the one on screen; a hidden panel does not
/// audit (axe takes a moment per run, and every edit asks for one), and
/// audits once when it is shown.
#[component]
pub fn AxePanel(#[prop(into)] shown: Signal<bool>) -> impl IntoView {
    let workbench = use_context::<Workbench>().expect("inside the App");
    let state = RwSignal::new(State::Waiting);
    // One run at a time (axe refuses a second); a change during a run asks
    // for one more when it ends.
    let running = StoredValue::new(false);
    let again = StoredValue::new(false);
    let pending = StoredValue::new(None::<TimeoutHandle>);

    fn start(
        workbench: Workbench,
        state: RwSignal<State>,
        running: StoredValue<bool>,
        again: StoredValue<bool>,
    ) {
        if running.get_value() {
            again.set_value(true);
            return;
        }
        let Some(canvas) = workbench.canvas.get_untracked() else {
            state.set(State::Failed("the canvas is not there".into()));
            return;
        };
        running.set_value(true);
        state.set(State::Running);
        leptos::task::spawn_local(async move {
            let result = audit(canvas).await;
            running.set_value(false);
            if again.get_value() {
                again.set_value(false);
                start(workbench, state, running, again);
                return;
            }
            state.set(match result {
                Ok(v) => State::Done(v),
                Err(e) => State::Failed(e),
            });
        });
    }

    let schedule = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                start(workbench, state, running, again);
            },
            SETTLE,
        );
        pending.set_value(handle.ok());
    };
    Effect::new(move |_| {
        workbench.rendered.track();
        workbench.token_css.track();
        workbench.theme.track();
        workbench.lang.track();
        if shown.get() {
            schedule();
        }
    });

    let data_state = move || match state.get() {
        State::Waiting => "waiting",
        State::Running => "running",
        State::Done(_) => "done",
        State::Failed(_) => "failed",
    };
    let count = move || match state.get() {
        State::Done(v) => v.len().to_string(),
        _ => String::new(),
    };
    let body = move || match state.get() {
        State::Waiting | State::Running => {
            view! { <p class="axe-status">"Checking the canvas…"</p> }.into_any()
        }
        State::Failed(e) => view! {
            <p class="axe-status token-error" role="alert">
                "axe-core could not run: "
                {e}
            </p>
        }
        .into_any(),
        State::Done(v) if v.is_empty() => view! {
            <p class="axe-status">"No violations of WCAG 2.2 A or AA in the canvas."</p>
        }
        .into_any(),
        State::Done(v) => {
            let total: usize = v.iter().map(|v| v.nodes.len()).sum();
            let summary = match (v.len(), total) {
                (1, 1) => "1 violation, on 1 element.".to_string(),
                (1, n) => format!("1 violation, on {n} elements."),
                (r, n) => format!("{r} violations, on {n} elements."),
            };
            let items = v
                .into_iter()
                .map(|v| {
                    let nodes = v
                        .nodes
                        .iter()
                        .map(|n| {
                            view! {
                                <li class="axe-node">
                                    <code class="axe-target">{target_text(&n.target)}</code>
                                    <pre class="axe-html">{n.html.clone()}</pre>
                                    {n
                                        .failure_summary
                                        .clone()
                                        .map(|s| view! { <p class="axe-summary">{s}</p> })}
                                </li>
                            }
                        })
                        .collect_view();
                    let impact = v.impact.clone().unwrap_or_else(|| "unknown".into());
                    let impact_attr = impact.clone();
                    view! {
                        <li class="axe-violation" data-rule=v.id.clone() data-impact=impact_attr>
                            <p>
                                <strong>{v.help.clone()}</strong>
                                " "
                                <span class="axe-impact">{impact}</span>
                                " "
                                <code>{v.id.clone()}</code>
                                {v
                                    .help_url
                                    .clone()
                                    .map(|href| {
                                        view! {
                                            " "
                                            <a href=href target="_blank" rel="noopener noreferrer">
                                                "About this rule"
                                            </a>
                                        }
                                    })}
                            </p>
                            <ul class="axe-nodes">{nodes}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="axe-status">{summary}</p>
                <ol class="axe-violations">{items}</ol>
            }
            .into_any()
        }
    };

    view! {
        <div class="axe-panel" data-state=data_state data-count=count>
            <div class="axe-bar">
                <button type="button" on:click=move |_| start(workbench, state, running, again)>
                    "Check again"
                </button>
                <span class="axe-rules">"axe-core, WCAG 2.2 A and AA"</span>
            </div>
            <div role="status">{body}</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_through_shadow_roots() {
        let target: Vec<serde_json::Value> =
            serde_json::from_str(r#"[["bandeau-bar", "button.launcher"]]"#).unwrap();
        assert_eq!(target_text(&target), "bandeau-bar >>> button.launcher");
        let plain: Vec<serde_json::Value> = serde_json::from_str(r##"["#main", "img"]"##).unwrap();
        assert_eq!(target_text(&plain), "#main | img");
    }

    #[test]
    fn violations_parse_from_axe_results() {
        let json = r#"[{"id": "color-contrast", "impact": "serious", "help": "Elements must meet minimum color contrast ratio thresholds",
            "helpUrl": "https://example.org/rule", "tags": ["wcag2aa"],
            "nodes": [{"target": [["bandeau-bar", ".name"]], "html": "<span class=\"name\">Mail</span>",
              "failureSummary": "Fix any of the following: low contrast", "any": []}]}]"#;
        let v: Vec<Violation> = serde_json::from_str(json).unwrap();
        assert_eq!(v[0].id, "color-contrast");
        assert_eq!(v[0].nodes[0].html, "<span class=\"name\">Mail</span>");
        assert_eq!(target_text(&v[0].nodes[0].target), "bandeau-bar >>> .name");
    }
}
