//! Named states of the login chrome.

use crate::i18n::Lang;
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
