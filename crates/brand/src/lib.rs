//! `bandeau-brand`: an operator's brand, derived in the browser.
//!
//! An element with a `brand` attribute fetches a brand document (openDesk's
//! `theme.colors` keys) and hands it here; the token core checks it and
//! derives the overrides (tints, hover and link colours, dark-theme
//! variants, contrast against every theme) exactly as `bandeau-tokens
//! brand` does on the command line. This is its own wasm module, loaded
//! only by pages that set `brand`, so the script tag's budget does not pay
//! for the colour maths.

use bandeau_tokens::brand::{
    derive_brand, parse_brand_json, surfaces_from_json, Brand, BrandProblem, ThemeSurfaces,
};
use wasm_bindgen::prelude::*;

/// The `data-brand` value the derived stylesheet selects on; the element
/// sets it on itself once the sheet is adopted.
pub const NAME: &str = "bandeau-runtime";

const SURFACES: &str = include_str!(concat!(env!("OUT_DIR"), "/surfaces.json"));

/// The project's theme surfaces, computed from `tokens/` at build time.
pub fn surfaces() -> Vec<ThemeSurfaces> {
    serde_json::from_str(SURFACES)
        .map_err(|e| e.to_string())
        .and_then(|value| surfaces_from_json(&value))
        .expect("build.rs wrote readable surfaces")
}

/// The brand a document describes, named `name` (the `data-brand` its CSS
/// selects on), derived and checked against [`surfaces`]; or every
/// problem, one per line, each naming its colour key.
pub fn derive(name: &str, document: &str) -> Result<Brand, String> {
    let describe = |problems: Vec<BrandProblem>| {
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let input = parse_brand_json(document).map_err(describe)?;
    derive_brand(name, &input, &surfaces()).map_err(describe)
}

/// The stylesheet for a brand document (see [`derive`]).
pub fn css(document: &str) -> Result<String, String> {
    Ok(derive(NAME, document)?.to_css("bd"))
}

/// [`css`] for JavaScript: resolves to the stylesheet text, or throws the
/// problems as an `Error`.
#[wasm_bindgen(js_name = brandCss)]
pub fn brand_css(document: &str) -> Result<String, JsError> {
    css(document).map_err(|problems| JsError::new(&problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_primary_colour_gives_overrides_for_every_theme() {
        let sheet = css(r##"{"theme": {"colors": {"primary": "#0b6e4f"}}}"##).unwrap();
        assert!(sheet.contains("[data-brand=\"bandeau-runtime\"]"));
        assert!(sheet.contains(":host([data-brand=\"bandeau-runtime\"])"));
        assert!(sheet.contains("--bd-color-accent-default"));
        assert!(sheet.contains("data-theme=\"dark\""));
    }

    #[test]
    fn problems_name_their_key() {
        let problems = css(r##"{"primary": "not a colour", "bogus": "#fff"}"##).unwrap_err();
        assert!(problems.contains("primary"), "{problems}");
        assert!(problems.contains("bogus"), "{problems}");
        assert!(css("{").unwrap_err().contains("JSON"));
        assert!(css("{}").unwrap_err().contains("primary"));
    }

    #[test]
    fn a_primary_too_light_for_white_text_is_refused_with_the_ratio() {
        let problems = css(r##"{"primary": "#ffff00"}"##).unwrap_err();
        assert!(problems.contains("needs 4.5:1"), "{problems}");
        assert!(problems.starts_with("primary:"), "{problems}");
    }
}
