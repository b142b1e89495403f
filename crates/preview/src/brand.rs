//! The toolbar's typed or picked primary colour: derived and checked by
//! `bandeau-brand`, the module the elements' `brand` attribute loads, so
//! the preview shows what a vendor page would.

use bandeau_tokens::brand::{TEXT_CONTRAST, UI_CONTRAST};
use bandeau_tokens::color::{contrast_ratio, Color};

/// The `data-brand` the derived CSS selects on; the canvas puts it on the
/// story's element.
pub const NAME: &str = "preview";

/// One contrast the brand is held to.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub theme: String,
    pub pair: &'static str,
    pub ratio: f64,
    pub needed: f64,
}

impl Check {
    pub fn passes(&self) -> bool {
        self.ratio >= self.needed
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    pub css: String,
    pub checks: Vec<Check>,
    pub notes: Vec<String>,
}

/// The brand for `primary` (`#rrggbb`), or every reason it is refused.
pub fn derive(primary: &str) -> Result<Derived, Vec<String>> {
    let primary = primary.trim();
    let document = serde_json::json!({"theme": {"colors": {"primary": primary}}}).to_string();
    let brand = bandeau_brand::derive(NAME, &document)
        .map_err(|problems| problems.lines().map(str::to_owned).collect::<Vec<_>>())?;
    let themes = bandeau_brand::surfaces();
    let colour =
        Color::from_hex(primary).ok_or_else(|| vec![format!("{primary}: not a colour")])?;
    let mut checks = Vec::new();
    for theme in themes.iter().filter(|t| !t.dark && !t.brand_blind) {
        checks.push(Check {
            theme: theme.theme.clone(),
            pair: "text on the primary colour",
            ratio: contrast_ratio(&theme.on_accent, &colour),
            needed: TEXT_CONTRAST,
        });
        checks.push(Check {
            theme: theme.theme.clone(),
            pair: "primary colour on the surface",
            ratio: contrast_ratio(&colour, &theme.surface),
            needed: UI_CONTRAST,
        });
    }
    Ok(Derived {
        css: brand.to_css("bd"),
        checks,
        notes: brand.notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dark_green_passes_and_gives_css_for_the_preview_brand() {
        let derived = derive("#0b6e4f").unwrap();
        assert!(derived.css.contains("[data-brand=\"preview\"]"));
        assert!(derived.css.contains("--bd-color-accent-default"));
        assert!(!derived.checks.is_empty());
        assert!(
            derived.checks.iter().all(Check::passes),
            "{:?}",
            derived.checks
        );
    }

    #[test]
    fn a_yellow_is_refused_with_its_ratio_and_garbage_is_named() {
        let problems = derive("#ffff00").unwrap_err();
        assert!(problems.iter().any(|p| p.contains("4.5:1")), "{problems:?}");
        let problems = derive("green-ish").unwrap_err();
        assert!(
            problems.iter().any(|p| p.starts_with("primary")),
            "{problems:?}"
        );
    }
}
