//! Named states of the login chrome.

use crate::i18n::Lang;
use crate::story::ElementStory;
use crate::{LoginModel, Model};

#[derive(Clone, Debug)]
pub struct LoginStory {
    pub name: &'static str,
    pub lang: Lang,
    pub product_name: String,
    pub login: LoginModel,
}

impl LoginStory {
    /// The story as the view is fed it.
    pub fn model(&self) -> Model {
        Model {
            lang: self.lang,
            product_name: self.product_name.clone(),
            login: self.login.clone(),
            ..Model::default()
        }
    }
}

/// Everything set, as openDesk's login has it.
pub fn sample_login() -> LoginModel {
    let url = |path: &str| Some(format!("https://portal.example.org/{path}"));
    LoginModel {
        slogan: "Souverän zusammenarbeiten".to_owned(),
        logo_url: url("logo.svg"),
        background_url: url("background.jpg"),
        languages: vec![Lang::De, Lang::En, Lang::Fr],
        links: [
            url("impressum"),
            url("datenschutz"),
            url("docs"),
            url("support"),
            url("feedback"),
        ],
    }
}

pub fn stories() -> Vec<LoginStory> {
    let full = LoginStory {
        name: "full-de",
        lang: Lang::De,
        product_name: "openDesk".to_owned(),
        login: sample_login(),
    };
    let mut some_links = sample_login();
    some_links.links[1] = None;
    some_links.links[3] = None;
    some_links.background_url = None;
    vec![
        full.clone(),
        LoginStory {
            name: "full-en",
            lang: Lang::En,
            ..full.clone()
        },
        LoginStory {
            name: "two-languages-fr",
            lang: Lang::Fr,
            login: LoginModel {
                languages: vec![Lang::Fr, Lang::De],
                ..some_links
            },
            ..full.clone()
        },
        LoginStory {
            name: "minimal",
            login: LoginModel::default(),
            ..full.clone()
        },
        LoginStory {
            name: "hostile-text",
            product_name: "<img src=x onerror=window.__pwned=1>".to_owned(),
            login: LoginModel {
                slogan: "\"><script>window.__pwned=1</script> &amp; <b>fett</b>".to_owned(),
                ..LoginModel::default()
            },
            ..full
        },
    ]
}

/// The login chrome as pages write it: see [`crate::story`]. The language
/// comes from the preview's toolbar, so every story shows in every one.
pub fn element_stories() -> Vec<ElementStory> {
    let url = |path: &str| format!("https://portal.example.org/{path}");
    let plain = ElementStory::new(
        "login/without-background",
        "bandeau-login",
        "Without background",
    )
    .attribute("product-name", "openDesk")
    .attribute("slogan", "Souverän zusammenarbeiten")
    .attribute("logo-url", "assets/logo.svg")
    .attribute("portal-url", url(""))
    .attribute("imprint-url", url("impressum"))
    .attribute("privacy-url", url("datenschutz"))
    .attribute("docs-url", url("docs"))
    .attribute("support-url", url("support"))
    .attribute("feedback-url", url("feedback"));
    vec![
        ElementStory {
            id: "login/with-background",
            title: "With background",
            ..plain.clone()
        }
        .attribute("background-url", "assets/background.svg"),
        plain.clone(),
        ElementStory {
            id: "login/two-languages",
            title: "Two languages, few links",
            ..plain
        }
        .attribute("languages", "de,fr")
        .without("support-url")
        .without("feedback-url"),
        ElementStory::new("login/minimal", "bandeau-login", "Minimal"),
    ]
}
