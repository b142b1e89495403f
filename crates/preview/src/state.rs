//! What the preview shows, as the query string holds it: a shared link
//! opens the same story, toolbar settings, control edits and tab.
//!
//! Pure data and parsing, so the round trip is tested on the host; the
//! browser glue (reading `location.search`, `history.replaceState`) is in
//! `app.rs`.

pub const THEMES: [&str; 4] = ["light", "dark", "auto", "high-contrast"];
pub const LANGUAGES: [&str; 3] = ["de", "en", "fr"];
pub const VIEWPORTS: [Viewport; 4] = [
    Viewport::Width(320),
    Viewport::Width(768),
    Viewport::Width(1280),
    Viewport::Full,
];
pub const ZOOMS: [u16; 2] = [100, 200];

/// The sample brand document of the brand picker, served with the preview.
pub const SAMPLE_BRAND_URL: &str = "brands/green.json";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewport {
    Width(u32),
    Full,
}

impl Viewport {
    pub fn key(self) -> String {
        match self {
            Viewport::Width(w) => w.to_string(),
            Viewport::Full => "full".to_owned(),
        }
    }

    fn parse(text: &str) -> Option<Viewport> {
        VIEWPORTS.into_iter().find(|v| v.key() == text)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Brand {
    Default,
    /// The sample brand document, through the elements' `brand` attribute.
    Sample,
    /// An openDesk primary colour, derived and checked in the preview.
    Primary(String),
    /// A context of the token project's own brand modifier (`ocean`): the
    /// compiled tokens' `data-brand` rules, and the file set the suite
    /// targets write for it.
    Context(String),
}

impl Brand {
    pub fn key(&self) -> &str {
        match self {
            Brand::Default => "default",
            Brand::Sample => "sample",
            Brand::Primary(_) => "primary",
            Brand::Context(_) => "context",
        }
    }

    /// The token brand this names, if any: the sample document and a typed
    /// colour are derived in the browser, outside the token project.
    pub fn context(&self) -> Option<&str> {
        match self {
            Brand::Context(name) => Some(name),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Canvas,
    Docs,
    Tokens,
    Targets,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Canvas, Tab::Docs, Tab::Tokens, Tab::Targets];

    pub fn key(self) -> &'static str {
        match self {
            Tab::Canvas => "canvas",
            Tab::Docs => "docs",
            Tab::Tokens => "tokens",
            Tab::Targets => "targets",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Canvas => "Canvas",
            Tab::Docs => "Docs",
            Tab::Tokens => "Tokens",
            Tab::Targets => "App themes",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Controls,
    Events,
    Editor,
    Accessibility,
}

impl Panel {
    pub const ALL: [Panel; 4] = [
        Panel::Controls,
        Panel::Events,
        Panel::Editor,
        Panel::Accessibility,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Panel::Controls => "controls",
            Panel::Events => "events",
            Panel::Editor => "editor",
            Panel::Accessibility => "a11y",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Panel::Controls => "Controls",
            Panel::Events => "Events",
            Panel::Editor => "Token editor",
            Panel::Accessibility => "Accessibility",
        }
    }
}

/// Everything the query string holds. Attribute edits are kept in the
/// order they were made; `None` removes an attribute the story sets.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub story: String,
    pub tab: Tab,
    pub panel: Panel,
    pub theme: String,
    pub brand: Brand,
    pub lang: String,
    pub rtl: bool,
    pub viewport: Viewport,
    pub zoom: u16,
    pub attributes: Vec<(String, Option<String>)>,
    pub navigation: Option<String>,
    pub user: Option<String>,
}

impl View {
    pub fn new(story: &str) -> View {
        View {
            story: story.to_owned(),
            tab: Tab::Canvas,
            panel: Panel::Controls,
            theme: "light".to_owned(),
            brand: Brand::Default,
            lang: "de".to_owned(),
            rtl: false,
            viewport: Viewport::Full,
            zoom: 100,
            attributes: Vec::new(),
            navigation: None,
            user: None,
        }
    }

    /// Reads query pairs (already percent-decoded). Unknown keys and values
    /// fall back to the defaults, so an old or mangled link still opens.
    pub fn from_query(pairs: &[(String, String)], first_story: &str) -> View {
        let mut view = View::new(first_story);
        let mut colour = None;
        let mut context = None;
        for (key, value) in pairs {
            match key.as_str() {
                "story" if !value.is_empty() => view.story = value.clone(),
                "tab" => {
                    if let Some(tab) = Tab::ALL.into_iter().find(|t| t.key() == value) {
                        view.tab = tab;
                    }
                }
                "panel" => {
                    if let Some(panel) = Panel::ALL.into_iter().find(|p| p.key() == value) {
                        view.panel = panel;
                    }
                }
                "theme" if THEMES.contains(&value.as_str()) => view.theme = value.clone(),
                "lang" if LANGUAGES.contains(&value.as_str()) => view.lang = value.clone(),
                "dir" => view.rtl = value == "rtl",
                "viewport" => view.viewport = Viewport::parse(value).unwrap_or(Viewport::Full),
                "zoom" => {
                    if let Some(zoom) = ZOOMS.into_iter().find(|z| z.to_string() == *value) {
                        view.zoom = zoom;
                    }
                }
                "brand" => match value.as_str() {
                    "sample" => view.brand = Brand::Sample,
                    "primary" => view.brand = Brand::Primary(String::new()),
                    "context" => view.brand = Brand::Context(String::new()),
                    _ => view.brand = Brand::Default,
                },
                "primary" => colour = Some(value.clone()),
                "context" => context = Some(value.clone()),
                "nav" => view.navigation = Some(value.clone()),
                "user" => view.user = Some(value.clone()),
                _ => {
                    if let Some(name) = key.strip_prefix("a.") {
                        view.set_attribute(name, Some(value.clone()));
                    } else if let Some(name) = key.strip_prefix("unset.") {
                        view.set_attribute(name, None);
                    }
                }
            }
        }
        if let (Brand::Primary(c), Some(given)) = (&mut view.brand, colour) {
            *c = given;
        }
        // Which contexts exist is known only once the tokens compiled; a
        // link without one is the default brand.
        match (&mut view.brand, context) {
            (Brand::Context(c), Some(given)) if !given.is_empty() => *c = given,
            (Brand::Context(_), _) => view.brand = Brand::Default,
            _ => {}
        }
        view
    }

    /// The pairs that differ from a fresh view of the same story.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let fresh = View::new(&self.story);
        let mut pairs = vec![("story".to_owned(), self.story.clone())];
        let mut put = |key: &str, value: String| pairs.push((key.to_owned(), value));
        if self.tab != fresh.tab {
            put("tab", self.tab.key().to_owned());
        }
        if self.panel != fresh.panel {
            put("panel", self.panel.key().to_owned());
        }
        if self.theme != fresh.theme {
            put("theme", self.theme.clone());
        }
        if self.brand != fresh.brand {
            put("brand", self.brand.key().to_owned());
            match &self.brand {
                Brand::Primary(colour) => put("primary", colour.clone()),
                Brand::Context(name) => put("context", name.clone()),
                _ => {}
            }
        }
        if self.lang != fresh.lang {
            put("lang", self.lang.clone());
        }
        if self.rtl {
            put("dir", "rtl".to_owned());
        }
        if self.viewport != fresh.viewport {
            put("viewport", self.viewport.key());
        }
        if self.zoom != fresh.zoom {
            put("zoom", self.zoom.to_string());
        }
        for (name, value) in &self.attributes {
            match value {
                Some(value) => put(&format!("a.{name}"), value.clone()),
                None => put(&format!("unset.{name}"), String::new()),
            }
        }
        if let Some(json) = &self.navigation {
            put("nav", json.clone());
        }
        if let Some(json) = &self.user {
            put("user", json.clone());
        }
        pairs
    }

    pub fn set_attribute(&mut self, name: &str, value: Option<String>) {
        self.attributes.retain(|(known, _)| known != name);
        self.attributes.push((name.to_owned(), value));
    }

    /// Another story: the control edits belonged to the last one.
    pub fn select(&mut self, story: &str) {
        self.story = story.to_owned();
        self.attributes.clear();
        self.navigation = None;
        self.user = None;
    }

    /// The story's attributes with the edits applied, in the story's order
    /// and then the order of the edits.
    pub fn attributes_over(&self, story: &[(&str, String)]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = story
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone()))
            .collect();
        for (name, value) in &self.attributes {
            match value {
                Some(value) => match out.iter_mut().find(|(known, _)| known == name) {
                    Some(slot) => slot.1 = value.clone(),
                    None => out.push((name.clone(), value.clone())),
                },
                None => out.retain(|(known, _)| known != name),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn every_setting_round_trips() {
        let mut view = View::new("launcher/open");
        view.tab = Tab::Docs;
        view.panel = Panel::Events;
        view.theme = "high-contrast".into();
        view.brand = Brand::Primary("#0b6e4f".into());
        view.lang = "fr".into();
        view.rtl = true;
        view.viewport = Viewport::Width(320);
        view.zoom = 200;
        view.set_attribute("app", Some("mail & more".into()));
        view.set_attribute("base", None);
        view.navigation = Some(r#"{"categories": []}"#.into());
        view.user = Some(r#"{"name": "A"}"#.into());
        assert_eq!(View::from_query(&view.to_query(), "bar/default"), view);
    }

    #[test]
    fn a_token_brand_round_trips_and_needs_its_name() {
        let mut view = View::new("bar/default");
        view.tab = Tab::Targets;
        view.brand = Brand::Context("ocean".into());
        assert_eq!(
            view.to_query(),
            pairs(&[
                ("story", "bar/default"),
                ("tab", "targets"),
                ("brand", "context"),
                ("context", "ocean")
            ])
        );
        assert_eq!(View::from_query(&view.to_query(), "bar/default"), view);
        let nameless = View::from_query(&pairs(&[("brand", "context")]), "bar/default");
        assert_eq!(nameless.brand, Brand::Default);
    }

    #[test]
    fn a_fresh_view_needs_only_its_story() {
        let view = View::new("bar/default");
        assert_eq!(view.to_query(), pairs(&[("story", "bar/default")]));
        assert_eq!(View::from_query(&[], "bar/default"), view);
    }

    #[test]
    fn unknown_values_fall_back_to_defaults() {
        let view = View::from_query(
            &pairs(&[
                ("theme", "sepia"),
                ("lang", "xx"),
                ("zoom", "150"),
                ("viewport", "99"),
                ("tab", "nope"),
                ("brand", "bogus"),
                ("whatever", "1"),
            ]),
            "bar/default",
        );
        assert_eq!(view, View::new("bar/default"));
    }

    #[test]
    fn edits_apply_over_the_story_in_order() {
        let mut view = View::new("bar/default");
        view.set_attribute("app", Some("mail".into()));
        view.set_attribute("portal-url", None);
        view.set_attribute("base", Some("https://x.example/".into()));
        let story = [
            ("app", "files".to_owned()),
            ("portal-url", "https://p.example/".to_owned()),
        ];
        assert_eq!(
            view.attributes_over(&story),
            pairs(&[("app", "mail"), ("base", "https://x.example/")])
        );
        view.select("bar/narrow");
        assert_eq!(view.attributes_over(&story).len(), 2);
    }
}
