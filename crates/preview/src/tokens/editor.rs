//! The live token editor: any file of `tokens/` (or pasted DTCG JSON) in a
//! text area; every pause in typing recompiles the whole project with the
//! edit and re-themes the canvas. Problems name file, line, column and
//! token path; the canvas keeps the last tokens that compiled.

use super::live::{FOLDER, PASTED, RESOLVER};
use super::use_tokens;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Long enough that a word typed at speed compiles once.
const PAUSE: Duration = Duration::from_millis(250);

/// A 1-based line and column (in characters) as an offset in UTF-16 code
/// units, which is how a text area counts.
pub fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0u32;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let within: u32 = l
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(|c| c.len_utf16() as u32)
                .sum();
            return offset + within;
        }
        offset += l.encode_utf16().count() as u32;
    }
    offset
}

pub(super) fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Offers `text` as a file download of media type `media`; nothing leaves
/// the browser.
pub(super) fn download(name: &str, text: &str, media: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to make the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to make the file")?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlElement = document
        .create_element("a")
        .map_err(|_| "no link")?
        .unchecked_into();
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[component]
pub fn TokenEditor() -> impl IntoView {
    let tokens = use_tokens();
    let selected = RwSignal::new("tokens/themes/light.tokens.json".to_string());
    // Bumped when the text area must show the stored text again (a revert);
    // typing never re-sets it, so the caret stays where it is.
    let reload = RwSignal::new(0u32);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let notice = RwSignal::new(None::<String>);

    let shown_text = move || {
        reload.track();
        let path = selected.get();
        tokens
            .files
            .with_untracked(|f| f.get(&path).cloned().unwrap_or_default())
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let path = selected.get_untracked();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                tokens.files.update(|f| {
                    f.insert(path, text);
                });
            },
            PAUSE,
        );
        pending.set_value(handle.ok());
    };
    // A pending edit belongs to the file it was typed in: apply it before
    // another file is shown.
    let flush = move || {
        if let (Some(handle), Some(area)) = (pending.get_value(), area.get_untracked()) {
            handle.clear();
            pending.set_value(None);
            let path = selected.get_untracked();
            tokens.files.update(|f| {
                f.insert(path, area.value());
            });
        }
    };
    let options = move || {
        let original = tokens.original.get();
        let files = tokens.files.get();
        let mut names: Vec<String> = original.keys().cloned().collect();
        names.push(PASTED.to_string());
        names
            .into_iter()
            .map(|path| {
                let edited = match path.as_str() {
                    PASTED => files.get(PASTED).is_some_and(|t| !t.trim().is_empty()),
                    _ => files.get(&path) != original.get(&path),
                };
                let mut label = match path.as_str() {
                    PASTED => "Pasted DTCG JSON (layered over every file)".to_string(),
                    _ => path.strip_prefix(FOLDER).unwrap_or(&path).to_string(),
                };
                if edited {
                    label.push_str(" (edited)");
                }
                let value = path.clone();
                view! {
                    <option value=value selected=move || selected.get() == path>
                        {label}
                    </option>
                }
            })
            .collect_view()
    };
    let go_to = move |file: String, line: u32, column: u32| {
        if file != selected.get_untracked() {
            flush();
            selected.set(file);
        }
        if let Some(area) = area.get_untracked() {
            let offset = utf16_offset(&area.value(), line, column);
            let _ = area.focus();
            let _ = area.set_selection_range(offset, offset);
        }
    };
    let problems = move || {
        let known = tokens.files.with(|f| f.keys().cloned().collect::<Vec<_>>());
        tokens
            .problems
            .get()
            .into_iter()
            .map(|d| {
                let text = d.to_string();
                let class = if d.is_error() {
                    "problem-error"
                } else {
                    "problem-warning"
                };
                let in_project = known.contains(&d.file);
                let (file, line, column) = (d.file.clone(), d.line, d.column);
                view! {
                    <li class=class data-path=d.path.clone().unwrap_or_default()>
                        {if in_project {
                            view! {
                                <button
                                    type="button"
                                    class="problem-place"
                                    title="Show this place in the editor"
                                    on:click=move |_| go_to(file.clone(), line, column)
                                >
                                    {text}
                                </button>
                            }
                                .into_any()
                        } else {
                            view! { <span>{text}</span> }.into_any()
                        }}
                    </li>
                }
            })
            .collect_view()
    };
    let status = move || {
        if let Some(e) = tokens.load_error.get() {
            return format!("The token sources did not load: {e}");
        }
        if tokens.original.with(|o| o.is_empty()) {
            return "Loading the token sources…".to_string();
        }
        let edited = tokens
            .original
            .with(|o| tokens.files.with(|f| super::live::edited(o, f)));
        match (tokens.compiled.get(), edited) {
            (false, _) => {
                "Not compiled: the canvas keeps the last tokens that compiled.".to_string()
            }
            (true, false) => "The project's tokens, unedited.".to_string(),
            (true, true) => tokens.project.with(|p| {
                let p = p.as_ref();
                format!(
                    "Compiled: {} tokens in {} permutations; the canvas shows the edit.",
                    p.map_or(0, |p| p.compiled.base().tokens.len()),
                    p.map_or(0, |p| p.compiled.permutations.len()),
                )
            }),
        }
    };
    let revert_file = move |_| {
        flush();
        let path = selected.get_untracked();
        let original = tokens.original.with_untracked(|o| o.get(&path).cloned());
        tokens.files.update(|f| match original {
            Some(text) => {
                f.insert(path, text);
            }
            None => {
                f.remove(&path);
            }
        });
        reload.update(|n| *n += 1);
    };
    let revert_all = move |_| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        tokens.files.set(tokens.original.get_untracked());
        reload.update(|n| *n += 1);
    };
    let save = move |_| {
        flush();
        let path = selected.get_untracked();
        let text = tokens
            .files
            .with_untracked(|f| f.get(&path).cloned().unwrap_or_default());
        notice.set(download(file_name(&path), &text, "application/json").err());
    };

    view! {
        <div class="token-editor">
            <div class="token-editor-bar">
                <label>
                    "File "
                    <select on:change=move |ev| {
                        flush();
                        selected.set(event_target_value(&ev));
                    }>{options}</select>
                </label>
                <button type="button" on:click=save>
                    "Download"
                </button>
                <button type="button" on:click=revert_file>
                    "Revert file"
                </button>
                <button type="button" on:click=revert_all>
                    "Revert all"
                </button>
            </div>
            <textarea
                node_ref=area
                class="token-source"
                aria-label=move || format!("Source of {}", selected.get())
                spellcheck="false"
                autocomplete="off"
                wrap="off"
                placeholder=move || {
                    (selected.get() == PASTED)
                        .then_some(
                            "Paste DTCG JSON here, e.g. {\"bar\": {\"background\": {\"$type\": \"color\", \"$value\": \"#0b3d91\"}}}",
                        )
                }
                prop:value=shown_text
                on:input=on_input
            ></textarea>
            <p class="token-status" role="status">
                {status}
            </p>
            {move || notice.get().map(|n| view! { <p class="token-error" role="alert">{n}</p> })}
            <ul class="token-problems" aria-label="Problems">
                {problems}
            </ul>
            <p class="token-hint">
                "Edits stay in this tab; the resolver is " <code>{RESOLVER}</code>
                ". Download a file and put it in the repository to keep it."
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_count_as_a_text_area_does() {
        let text = "{\n  \"é\": 1,\n  \"😀x\": 2\n}";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 3), 4);
        // The emoji is one character but two UTF-16 units.
        let at = utf16_offset(text, 3, 5);
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[at as usize..at as usize + 1]).unwrap(),
            "x"
        );
        assert_eq!(utf16_offset(text, 9, 1), units.len() as u32);
    }

    #[test]
    fn downloads_are_named_after_the_file() {
        assert_eq!(
            file_name("tokens/themes/dark.tokens.json"),
            "dark.tokens.json"
        );
        assert_eq!(file_name(PASTED), "pasted.tokens.json");
    }
}
