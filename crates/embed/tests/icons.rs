//! `data:image/…` icons in a navigation document, in the browser: shown as
//! images, never run.

#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod support;

use support::*;

wasm_bindgen_test_configure!(run_in_browser);

const SVG: &str = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8' onload='top.__bandeauIconRan=1'><rect width='8' height='8' fill='teal'/></svg>";
const PNG: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const HTML: &str = "data:text/html,<script>top.__bandeauIconRan=1</script>";

/// Whether an `<img>` has loaded and drawn something.
fn drawn(img: &Element) -> bool {
    let get = |key: &str| Reflect::get(img, &key.into()).unwrap();
    get("complete").is_truthy() && get("naturalWidth").as_f64().unwrap_or(0.0) > 0.0
}

#[wasm_bindgen_test]
async fn image_data_icons_are_shown_as_images_and_run_nothing() {
    let el = element(
        "bandeau-launcher",
        &[("lang", "en"), ("base", "https://portal.example.org/")],
    );
    let document = format!(
        r#"{{"categories": [{{"identifier": "c", "display_name": "C", "entries": [
            {{"identifier": "svg", "display_name": "Svg", "link": "/s", "icon_url": "{SVG}"}},
            {{"identifier": "png", "display_name": "Png", "link": "/p", "icon_url": "{PNG}"}},
            {{"identifier": "html", "display_name": "Html", "link": "/h", "icon_url": "{HTML}"}}
        ]}}]}}"#
    );
    Reflect::set(&el, &"navigation".into(), &JsValue::from_str(&document)).unwrap();
    settle().await;
    // Tiles' icons load once the panel is first shown.
    let open: Function = Reflect::get(&el, &"open".into()).unwrap().unchecked_into();
    open.call0(&el).unwrap();
    let root = shadow(&el);
    let tiles = root.query_selector_all("a[part~=app]").unwrap();
    assert_eq!(tiles.length(), 3);
    let icon = |at: u32| -> Option<Element> {
        let tile: HtmlElement = tiles.item(at).unwrap().unchecked_into();
        tile.query_selector("[part~=app-icon] img").unwrap()
    };
    for _ in 0..40 {
        if (0..2).all(|at| icon(at).is_some_and(|img| drawn(&img))) {
            break;
        }
        sleep(50).await;
    }
    for (at, url) in [(0, SVG), (1, PNG)] {
        let img =
            icon(at).unwrap_or_else(|| panic!("no <img> in tile {at}: {}", root.inner_html()));
        assert_eq!(img.get_attribute("src").as_deref(), Some(url));
        assert!(drawn(&img), "tile {at}'s image is drawn");
        let tile: HtmlElement = tiles.item(at).unwrap().unchecked_into();
        assert!(
            tile.query_selector("[part~=monogram]").unwrap().is_none(),
            "tile {at} shows its image, not the monogram"
        );
    }
    let html_tile: HtmlElement = tiles.item(2).unwrap().unchecked_into();
    assert!(icon(2).is_none(), "a data:text/html icon is dropped");
    assert!(html_tile
        .query_selector("[part~=monogram]")
        .unwrap()
        .is_some());
    let window = web_sys::window().unwrap();
    assert!(
        Reflect::get(&window, &"__bandeauIconRan".into())
            .unwrap()
            .is_undefined(),
        "the SVG image's onload did not run"
    );
    el.remove();
}
