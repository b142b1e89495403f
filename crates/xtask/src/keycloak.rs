//! Bandeau's Keycloak login theme (`examples/keycloak-theme/`) rendered
//! without a Keycloak server, for the browser tests and the preview.
//!
//! The theme is loaded as Keycloak loads it: templates are looked up in
//! the theme, then in its parent (`tests/browser/keycloak/keycloak.v2/`, a
//! stand-in for Keycloak's `keycloak.v2`); properties and messages are the
//! parent's with the theme's on top; resources are served from one
//! `url.resourcesPath` that finds the theme's files and the parent's. On
//! top come an operator's settings (`tests/browser/keycloak/operator/`).
//! Each [`Scenario`] is rendered in every language it offers, with a data
//! model shaped like the one Keycloak's `FreeMarkerLoginFormsProvider`
//! builds (`realm`, `url`, `locale`, `message`, `auth`, `msg()`, …), by the
//! FreeMarker subset in [`ftl`].
//!
//! The pages go to `<site>/keycloak/`: one directory per scenario with
//! `index.html` (its first language, as a request without `kc_locale`)
//! and `<lang>.html`; the preview server answers `?kc_locale=<lang>` with
//! the latter (`endpoints.rs`), as Keycloak answers in that language.
//! `pages.json` describes them for `tests/browser/e2e/keycloak.test.mjs`.
//! Each page's first script is the examples' event log, the tests' watch
//! for CSP violations and errors ([`WATCH`]).

mod ftl;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use ftl::{escape_html, Renderer, Value};

use crate::{setup, util};

/// The nonce of the rendered pages; Keycloak makes one per response and
/// adds it to the policy's `script-src`, as the preview server does with
/// this one (`endpoints::KEYCLOAK_CSP`).
pub const NONCE: &str = "YmFuZGVhdS1rZXljbG9hay1ub25jZQ";
/// Keycloak's resource URLs carry a version; any short string will do.
const RESOURCES_VERSION: &str = "bd1x0";
/// The theme's name as an operator installs it (`themes/bandeau/`).
const THEME: &str = "bandeau";
/// Where the theme and the stand-ins live in the repository.
const THEME_DIR: &str = "examples/keycloak-theme";
const STAND_INS: &str = "tests/browser/keycloak";
/// The query of the login page's URL (an OIDC authorisation request), to
/// which Keycloak's locale links add `kc_locale`.
const QUERY: &str = "client_id=opendesk-portal&redirect_uri=https%3A%2F%2Fportal.example.org%2Funivention%2Fportal%2F&response_type=code&scope=openid";
/// The form action: Keycloak's `login-actions/authenticate?…`, pointed at
/// the preview server's echo endpoint (`endpoints.rs`).
const ACTION: &str = "/login/submit?session_code=Qm9uam91cg&execution=auth-username-password-form&client_id=opendesk-portal&tab_id=Xq3nW2sH";
const LANGUAGES: &[&str] = &["de", "en", "fr"];
/// The style sheet `bandeau-tokens` writes for the theme (its `keycloak`
/// target, in `target/tokens/`) and where the theme's `styles` list finds
/// it in `login/resources/`.
const PATTERNFLY_SHEET: &str = "keycloak-patternfly.css";
const THEME_SHEET: &str = "css/bandeau-patternfly.css";
/// Where keycloak.v2's `stylesCommon` finds PatternFly 5 in Keycloak's
/// `common/keycloak` resources, and what of the npm package is served
/// there: the style sheets the stand-in's `stylesCommon` names, and the
/// fonts and icon font they load.
const PATTERNFLY_VENDOR: &str = "vendor/patternfly-v5/";
const PATTERNFLY_ASSETS: [&str; 2] = ["assets/fonts", "assets/pficon"];

/// A Keycloak login page in a realistic state.
pub struct Scenario {
    pub slug: &'static str,
    pub title: &'static str,
    /// Keycloak's page template (from the parent theme).
    template: &'static str,
    /// The realm's display name.
    realm: &'static str,
    /// The realm's supported locales; empty: internationalisation is off.
    languages: &'static [&'static str],
    /// The language of a request without `kc_locale`.
    lang: &'static str,
    /// Keycloak's `message`: type and message key.
    message: Option<(&'static str, &'static str)>,
    /// Errors Keycloak attached to fields (`messagesPerField`): field and key.
    field_errors: &'static [(&'static str, &'static str)],
    /// What the person typed before (`login.username`).
    username: Option<&'static str>,
    /// The user of the flow, shown above later steps (`auth.attemptedUsername`).
    attempted: Option<&'static str>,
    try_another_way: bool,
}

const BASE: Scenario = Scenario {
    slug: "",
    title: "",
    template: "login.ftl",
    realm: "openDesk",
    languages: LANGUAGES,
    lang: "de",
    message: None,
    field_errors: &[],
    username: None,
    attempted: None,
    try_another_way: false,
};

/// A realm name made of everything HTML must escape.
pub const HOSTILE_REALM: &str = "Acme <script>window.__pwned=1</script> & \"Partner\" 'Portal'";
const HOSTILE_USERNAME: &str = "\"><img src=x onerror=window.__pwned=1>";

pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        slug: "login",
        title: "Username and password",
        ..BASE
    },
    Scenario {
        slug: "login-error",
        title: "An error message (Keycloak's general error, as for a locked account)",
        message: Some(("error", "invalidUserMessage")),
        username: Some("erika.mustermann"),
        ..BASE
    },
    Scenario {
        slug: "login-field-error",
        title: "An error at the fields (a wrong password): shown at the username, not as a message",
        message: Some(("error", "invalidUserMessage")),
        field_errors: &[("username", "invalidUserMessage")],
        username: Some("erika.mustermann"),
        ..BASE
    },
    Scenario {
        slug: "login-notice",
        title: "A notice (the password reset e-mail was sent)",
        message: Some(("success", "emailSentMessage")),
        ..BASE
    },
    Scenario {
        slug: "login-otp",
        title: "One-time code (login-otp.ftl), with \"try another way\"",
        template: "login-otp.ftl",
        attempted: Some("erika.mustermann"),
        try_another_way: true,
        ..BASE
    },
    Scenario {
        slug: "hostile",
        title: "A realm name and a typed username full of HTML special characters",
        realm: HOSTILE_REALM,
        lang: "en",
        username: Some(HOSTILE_USERNAME),
        ..BASE
    },
    Scenario {
        slug: "one-language",
        title: "Internationalisation off (one language, no picker)",
        languages: &[],
        lang: "en",
        ..BASE
    },
];

impl Scenario {
    fn page(&self) -> String {
        format!("/keycloak/{}/", self.slug)
    }

    /// The page's URL as Keycloak saw the request.
    fn request_url(&self, lang: Option<&str>) -> String {
        match lang {
            Some(lang) => self.locale_url(lang),
            None => format!("{}?{QUERY}", self.page()),
        }
    }

    /// Keycloak's `LocaleBean`: the request URL with `kc_locale` replaced
    /// (JAX-RS `replaceQueryParam` puts it last).
    fn locale_url(&self, lang: &str) -> String {
        format!("{}?{QUERY}&kc_locale={lang}", self.page())
    }

    /// The languages its pages are rendered in.
    fn page_languages(&self) -> Vec<&'static str> {
        if self.languages.is_empty() {
            vec![self.lang]
        } else {
            self.languages.to_vec()
        }
    }
}

// ---------------------------------------------------------------------------
// The theme, loaded as Keycloak loads it

struct Theme {
    /// `login/` directories where templates are looked up, the theme first.
    login_dirs: Vec<PathBuf>,
    /// `login/resources/` directories, in the order they are laid over one
    /// another (parent, theme, operator).
    resource_dirs: Vec<PathBuf>,
    /// Directories with `messages/`, in the same order.
    message_dirs: Vec<PathBuf>,
    properties: BTreeMap<String, String>,
}

impl Theme {
    fn load(repo: &Path) -> Result<Theme, String> {
        let login = repo.join(THEME_DIR).join("login");
        let own = read_properties(&login.join("theme.properties"))?;
        let parent = own
            .get("parent")
            .filter(|p| !p.is_empty())
            .ok_or("the theme's theme.properties names no parent")?;
        let parent_login = repo.join(STAND_INS).join(parent).join("login");
        if !parent_login.is_dir() {
            return Err(format!(
                "parent theme `{parent}` has no stand-in in {STAND_INS}/{parent}/"
            ));
        }
        let parent_properties = read_properties(&parent_login.join("theme.properties"))?;
        if parent_properties.contains_key("parent") {
            return Err(format!(
                "the stand-in for `{parent}` has a parent itself, which is not supported"
            ));
        }
        let operator = repo.join(STAND_INS).join("operator");
        let mut properties = parent_properties;
        properties.extend(own);
        properties.extend(read_properties(&operator.join("theme.properties"))?);
        Ok(Theme {
            resource_dirs: vec![
                parent_login.join("resources"),
                login.join("resources"),
                operator.join("resources"),
            ],
            message_dirs: vec![parent_login.clone(), login.clone(), operator],
            login_dirs: vec![login, parent_login],
            properties,
        })
    }

    /// A template by the name `<#import>` and Keycloak use.
    fn template(dirs: &[PathBuf], name: &str) -> Result<String, String> {
        if name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(format!("template name `{name}` is not a plain file name"));
        }
        for dir in dirs {
            let path = dir.join(name);
            if path.is_file() {
                return std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()));
            }
        }
        Err(format!(
            "template `{name}` is in neither the theme nor its parent"
        ))
    }

    /// `messages_<lang>.properties` of the parent, the theme's on top, the
    /// operator's on top of that.
    fn messages(&self, lang: &str) -> Result<BTreeMap<String, String>, String> {
        let mut messages = BTreeMap::new();
        for dir in &self.message_dirs {
            let path = dir.join(format!("messages/messages_{lang}.properties"));
            if path.is_file() {
                messages.extend(read_properties(&path)?);
            }
        }
        Ok(messages)
    }
}

fn read_properties(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_properties(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Java `.properties`: `key=value` or `key: value`, `#` and `!` comments,
/// lines continued with `\`, escapes such as `\u00e4`. Read as UTF-8, as
/// Keycloak reads message bundles.
fn parse_properties(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut entries = BTreeMap::new();
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let mut logical = line.trim_start().to_string();
        if logical.is_empty() || logical.starts_with(['#', '!']) {
            continue;
        }
        // A line ending in an odd number of backslashes continues.
        while logical.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1 {
            logical.pop();
            match lines.next() {
                Some((_, next)) => logical.push_str(next.trim_start()),
                None => break,
            }
        }
        let mut key = String::new();
        let mut chars = logical.chars().peekable();
        while let Some(&c) = chars.peek() {
            if matches!(c, '=' | ':') || c.is_whitespace() {
                break;
            }
            chars.next();
            key.push(if c == '\\' {
                unescape(&mut chars).map_err(|e| format!("line {}: {e}", number + 1))?
            } else {
                c
            });
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if matches!(chars.peek(), Some('=' | ':')) {
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            value.push(if c == '\\' {
                unescape(&mut chars).map_err(|e| format!("line {}: {e}", number + 1))?
            } else {
                c
            });
        }
        entries.insert(key, value);
    }
    Ok(entries)
}

fn unescape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<char, String> {
    Ok(match chars.next() {
        Some('t') => '\t',
        Some('n') => '\n',
        Some('r') => '\r',
        Some('f') => '\u{c}',
        Some('u') => {
            let hex: String = chars.by_ref().take(4).collect();
            u32::from_str_radix(&hex, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("bad escape \\u{hex}"))?
        }
        Some(other) => other,
        None => return Err("a backslash at the end".into()),
    })
}

/// Java's `MessageFormat`, as Keycloak's `msg()` applies it to every
/// message: `{0}` is an argument, `''` an apostrophe, `'…'` quoted text.
fn message_format(pattern: &str, args: &[String]) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('\'');
            }
            '\'' => quoted = !quoted,
            '{' if !quoted => {
                let spec: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let index: usize = spec
                    .trim()
                    .parse()
                    .map_err(|_| format!("`{{{spec}}}` in {pattern:?}: only {{n}} is supported"))?;
                let arg = args
                    .get(index)
                    .ok_or_else(|| format!("{pattern:?} needs argument {index}"))?;
                out.push_str(arg);
            }
            c => out.push(c),
        }
    }
    if quoted {
        return Err(format!(
            "{pattern:?} has an unclosed quote (write '' for an apostrophe)"
        ));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// The data model of one page

/// Messages of one language, falling back to English as Keycloak does.
struct Messages {
    lang: BTreeMap<String, String>,
    english: BTreeMap<String, String>,
}

impl Messages {
    /// Unlike Keycloak, which shows the key itself, a missing key fails:
    /// the stand-ins must hold every key the templates use.
    fn get(&self, key: &str, args: &[String]) -> Result<String, String> {
        let pattern = self
            .lang
            .get(key)
            .or_else(|| self.english.get(key))
            .ok_or_else(|| format!("message `{key}` is in no bundle"))?;
        message_format(pattern, args)
    }
}

fn strings(args: &[Value]) -> Result<Vec<String>, String> {
    args.iter()
        .map(|a| a.as_str().map(str::to_string))
        .collect()
}

fn url(path: &str) -> String {
    format!("/login/{path}?client_id=opendesk-portal&tab_id=Xq3nW2sH")
}

fn resources_path() -> String {
    format!("/keycloak/resources/{RESOURCES_VERSION}/login/{THEME}")
}

/// The data model Keycloak would hand `scenario.template` for a request
/// in `lang` (`None`: no `kc_locale`, the realm's default language).
fn data_model(
    theme: &Theme,
    scenario: &Scenario,
    request_lang: Option<&str>,
) -> Result<HashMap<String, Value>, String> {
    let lang = request_lang.unwrap_or(scenario.lang);
    let messages = Rc::new(Messages {
        lang: theme.messages(lang)?,
        english: theme.messages("en")?,
    });
    let i18n = !scenario.languages.is_empty();
    let mut data: HashMap<String, Value> = HashMap::new();
    let realm = Value::hash([
        ("name", Value::str("opendesk")),
        ("displayName", Value::str(scenario.realm)),
        ("displayNameHtml", Value::str(escape_html(scenario.realm))),
        ("internationalizationEnabled", Value::Bool(i18n)),
        ("password", Value::Bool(true)),
        ("rememberMe", Value::Bool(true)),
        ("resetPasswordAllowed", Value::Bool(true)),
        ("registrationAllowed", Value::Bool(false)),
        ("loginWithEmailAllowed", Value::Bool(true)),
        ("registrationEmailAsUsername", Value::Bool(false)),
    ]);
    data.insert("realm".into(), realm);
    data.insert(
        "url".into(),
        Value::hash([
            ("loginAction", Value::str(ACTION)),
            ("resourcesPath", Value::str(resources_path())),
            (
                "resourcesCommonPath",
                Value::str(format!(
                    "/keycloak/resources/{RESOURCES_VERSION}/common/keycloak"
                )),
            ),
            ("loginRestartFlowUrl", Value::str(url("restart"))),
            (
                "loginResetCredentialsUrl",
                Value::str(url("reset-credentials")),
            ),
            ("registrationUrl", Value::str(url("registration"))),
            (
                "ssoLoginInOtherTabsUrl",
                Value::str(url("sso-login-in-other-tabs")),
            ),
        ]),
    );
    data.insert("lang".into(), Value::str(lang));
    if i18n {
        let label = |tag: &str| messages.get(&format!("locale_{tag}"), &[]);
        let mut supported = Vec::new();
        for tag in scenario.languages {
            supported.push(Value::hash([
                ("languageTag", Value::str(*tag)),
                ("label", Value::str(label(tag)?)),
                ("url", Value::str(scenario.locale_url(tag))),
            ]));
        }
        data.insert(
            "locale".into(),
            Value::hash([
                ("currentLanguageTag", Value::str(lang)),
                ("current", Value::str(label(lang)?)),
                ("rtl", Value::Bool(false)),
                ("supported", Value::seq(supported)),
            ]),
        );
    }
    if let Some((kind, key)) = scenario.message {
        data.insert(
            "message".into(),
            Value::hash([
                ("type", Value::str(kind)),
                ("summary", Value::str(messages.get(key, &[])?)),
            ]),
        );
    }
    let mut field_errors = BTreeMap::new();
    for (field, key) in scenario.field_errors {
        field_errors.insert(field.to_string(), messages.get(key, &[])?);
    }
    let field_errors = Rc::new(field_errors);
    let first_error = {
        let errors = Rc::clone(&field_errors);
        move |args: &[Value]| -> Result<Value, String> {
            let fields = strings(args)?;
            Ok(Value::str(
                fields
                    .iter()
                    .find_map(|f| errors.get(f))
                    .cloned()
                    .unwrap_or_default(),
            ))
        }
    };
    let exists = {
        let errors = Rc::clone(&field_errors);
        move |args: &[Value]| -> Result<Value, String> {
            Ok(Value::Bool(
                strings(args)?.iter().any(|f| errors.contains_key(f)),
            ))
        }
    };
    let first = Rc::new(first_error);
    let exists = Rc::new(exists);
    data.insert(
        "messagesPerField".into(),
        Value::hash([
            ("existsError", {
                let exists = Rc::clone(&exists);
                Value::method(move |args| exists(args))
            }),
            ("exists", Value::method(move |args| exists(args))),
            ("getFirstError", {
                let first = Rc::clone(&first);
                Value::method(move |args| first(args))
            }),
            ("get", Value::method(move |args| first(args))),
        ]),
    );
    let attempted = scenario.attempted;
    let try_another_way = scenario.try_another_way;
    let mut auth = vec![
        (
            "showUsername",
            Value::method(move |_| Ok(Value::Bool(attempted.is_some()))),
        ),
        (
            "showResetCredentials",
            Value::method(|_| Ok(Value::Bool(false))),
        ),
        (
            "showTryAnotherWayLink",
            Value::method(move |_| Ok(Value::Bool(try_another_way))),
        ),
    ];
    if let Some(user) = attempted {
        auth.push(("attemptedUsername", Value::str(user)));
    }
    data.insert("auth".into(), Value::hash(auth));
    let mut login = Vec::new();
    if let Some(username) = scenario.username {
        login.push(("username", Value::str(username)));
    }
    data.insert("login".into(), Value::hash(login));
    data.insert(
        "otpLogin".into(),
        Value::hash([
            (
                "userOtpCredentials",
                Value::seq([Value::hash([
                    ("id", Value::str("7d3c1a52-otp")),
                    ("userLabel", Value::str("Smartphone")),
                ])]),
            ),
            ("selectedCredentialId", Value::str("7d3c1a52-otp")),
        ]),
    );
    data.insert(
        "properties".into(),
        Value::hash(
            theme
                .properties
                .iter()
                .map(|(k, v)| (k.clone(), Value::str(v.clone()))),
        ),
    );
    let bundle = Rc::clone(&messages);
    data.insert(
        "msg".into(),
        Value::method(move |args| {
            let args = strings(args)?;
            let (key, rest) = args.split_first().ok_or("msg() needs a key")?;
            Ok(Value::str(bundle.get(key, rest)?))
        }),
    );
    // `${key}` as the whole text is a message; any other text stays.
    let bundle = Rc::clone(&messages);
    data.insert(
        "advancedMsg".into(),
        Value::method(move |args| {
            let args = strings(args)?;
            let (text, rest) = args.split_first().ok_or("advancedMsg() needs text")?;
            Ok(Value::str(
                match text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) {
                    Some(key) => bundle.get(key, rest)?,
                    None if rest.is_empty() => text.clone(),
                    None => message_format(text, rest)?,
                },
            ))
        }),
    );
    // Keycloak's sanitiser lets some formatting markup through; this one
    // lets none, which is the same for the plain-text messages used here.
    data.insert(
        "kcSanitize".into(),
        Value::method(|args| {
            Ok(Value::str(escape_html(
                args.first().ok_or("kcSanitize() needs text")?.as_str()?,
            )))
        }),
    );
    data.insert(
        "nonce".into(),
        Value::hash([("script", Value::str(NONCE)), ("style", Value::str(NONCE))]),
    );
    data.insert("darkMode".into(), Value::Bool(true));
    data.insert(
        "authenticationSession".into(),
        Value::hash([("authSessionIdHash", Value::str("c2Vzc2lvbi1oYXNo"))]),
    );
    Ok(data)
}

fn render(theme: &Theme, template: &str, data: HashMap<String, Value>) -> Result<String, String> {
    let dirs = theme.login_dirs.clone();
    let loader = Box::new(move |name: &str| Theme::template(&dirs, name));
    Renderer::new(loader, data).render(template)
}

fn render_page(
    theme: &Theme,
    scenario: &Scenario,
    request_lang: Option<&str>,
) -> Result<String, String> {
    let data = data_model(theme, scenario, request_lang)?;
    render(theme, scenario.template, data).map_err(|e| {
        format!(
            "rendering {} ({}, {}): {e}",
            scenario.slug,
            scenario.template,
            request_lang.unwrap_or("no kc_locale")
        )
    })
}

// ---------------------------------------------------------------------------
// The site

/// Writes the rendered pages, the theme's resources with its PatternFly
/// settings from the compiled `tokens`, the parent's PatternFly 5 (npm
/// `@patternfly/patternfly`, installed by `cargo xtask setup`) and the
/// bundle from `pkg/` (when built) into `<site>/keycloak/`.
pub fn render_site(site: &Path, tokens: &Path) -> Result<(), String> {
    let patternfly = setup::PATTERNFLY.dir(&util::tools_dir());
    render_site_with(site, tokens, &patternfly)
}

fn render_site_with(site: &Path, tokens: &Path, patternfly: &Path) -> Result<(), String> {
    let repo = util::repo_root();
    let theme = Theme::load(&repo)?;
    let root = site.join("keycloak");
    let resources = root.join(format!("resources/{RESOURCES_VERSION}/login/{THEME}"));
    for dir in &theme.resource_dirs {
        if dir.is_dir() {
            util::copy_tree(dir, &resources, &|relative| {
                relative != Path::new("bandeau")
            })?;
        }
    }
    copy_file(
        &tokens.join(PATTERNFLY_SHEET),
        &resources.join(THEME_SHEET),
        "run `cargo xtask build`",
    )?;
    let common = root.join(format!("resources/{RESOURCES_VERSION}/common/keycloak"));
    install_patternfly(&theme, patternfly, &common)?;
    let pkg = repo.join("pkg");
    if pkg.join("bandeau.js").is_file() {
        util::copy_tree(&pkg, &resources.join("bandeau"), &shipped)?;
    }
    let mut manifest = Vec::new();
    for scenario in SCENARIOS {
        let dir = root.join(scenario.slug);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        write(
            &dir.join("index.html"),
            &watched(&render_page(&theme, scenario, None)?),
        )?;
        let mut texts = serde_json::Map::new();
        for lang in scenario.page_languages() {
            if !scenario.languages.is_empty() {
                write(
                    &dir.join(format!("{lang}.html")),
                    &watched(&render_page(&theme, scenario, Some(lang))?),
                )?;
            }
            let messages = Messages {
                lang: theme.messages(lang)?,
                english: theme.messages("en")?,
            };
            let text = |key: &str| messages.get(key, &[]);
            let mut page = serde_json::json!({
                "title": messages.get("loginTitle", &[scenario.realm.to_string()])?,
                "submit": text("doLogIn")?,
            });
            if let Some((_, key)) = scenario.message {
                page["message"] = text(key)?.into();
            }
            if let Some(key) = theme
                .properties
                .get("bandeauSlogan")
                .and_then(|s| s.strip_prefix("${"))
                .and_then(|s| s.strip_suffix('}'))
            {
                page["slogan"] = text(key)?.into();
            }
            texts.insert(lang.to_string(), page);
        }
        manifest.push(serde_json::json!({
            "slug": scenario.slug,
            "title": scenario.title,
            "template": scenario.template,
            "realm": scenario.realm,
            "languages": scenario.languages,
            "lang": scenario.lang,
            "url": scenario.request_url(None),
            "localeUrls": scenario.languages.iter()
                .map(|l| (l.to_string(), serde_json::Value::from(scenario.locale_url(l))))
                .collect::<serde_json::Map<_, _>>(),
            "action": ACTION,
            "message": scenario.message.map(|(kind, _)| kind),
            "fieldErrors": scenario.field_errors.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            "username": scenario.username,
            "attemptedUsername": scenario.attempted,
            "tryAnotherWay": scenario.try_another_way,
            "texts": texts,
        }));
    }
    let properties = |key: &str| theme.properties.get(key).cloned().unwrap_or_default();
    let manifest = serde_json::json!({
        "nonce": NONCE,
        "resourcesPath": resources_path(),
        "links": {
            "imprint-url": properties("bandeauImprintUrl"),
            "privacy-url": properties("bandeauPrivacyUrl"),
            "docs-url": properties("bandeauDocsUrl"),
            "support-url": properties("bandeauSupportUrl"),
            "feedback-url": properties("bandeauFeedbackUrl"),
        },
        "scenarios": manifest,
    });
    write(
        &root.join("pages.json"),
        &serde_json::to_string_pretty(&manifest).expect("json! serialises"),
    )?;
    write(&root.join("index.html"), &index_page())
}

/// The examples' event log (`examples/shared/event-log.js`) as the first
/// script of a rendered page, classic and so before anything else runs:
/// the browser tests, which WebDriver drives without a way to run a script
/// before the page's own, read from it the CSP violations (the import map's
/// among them), uncaught errors and console errors of the page. Keycloak
/// would not send it; it is the tests' watch, served from `/examples/`
/// like the page (`'self'`), and it is no inline code.
const WATCH: &str = "<script src=\"/examples/shared/event-log.js\"></script>";

fn watched(page: &str) -> String {
    match page.find("<head>") {
        Some(at) => {
            let end = at + "<head>".len();
            format!("{}\n    {WATCH}{}", &page[..end], &page[end..])
        }
        None => page.to_string(),
    }
}

/// PatternFly 5 where keycloak.v2's `stylesCommon` loads it from
/// (`<common>/vendor/patternfly-v5/…`), with the fonts it refers to.
fn install_patternfly(theme: &Theme, patternfly: &Path, common: &Path) -> Result<(), String> {
    let styles = theme
        .properties
        .get("stylesCommon")
        .map(String::as_str)
        .unwrap_or_default();
    for style in styles.split_whitespace() {
        let file = style.strip_prefix(PATTERNFLY_VENDOR).ok_or_else(|| {
            format!("stylesCommon entry `{style}` is not under {PATTERNFLY_VENDOR}")
        })?;
        copy_file(
            &patternfly.join(file),
            &common.join(style),
            "run `cargo xtask setup`",
        )?;
    }
    for assets in PATTERNFLY_ASSETS {
        let from = patternfly.join(assets);
        if !from.is_dir() {
            return Err(format!(
                "{} is missing; run `cargo xtask setup`",
                from.display()
            ));
        }
        util::copy_tree(&from, &common.join(PATTERNFLY_VENDOR).join(assets), &|_| {
            true
        })?;
    }
    Ok(())
}

/// [`util::copy_file`], saying which command makes a missing source.
fn copy_file(from: &Path, to: &Path, hint: &str) -> Result<(), String> {
    if !from.is_file() {
        return Err(format!("{} is missing; {hint}", from.display()));
    }
    util::copy_file(from, to)
}

/// The bundle's files as shipped: not wasm-pack's `package.json` and
/// TypeScript declarations.
fn shipped(relative: &Path) -> bool {
    let name = relative.to_string_lossy();
    // The theme loads the script tag; what only npm consumers and their
    // bundlers read stays out of it.
    const NPM_ONLY: [&str; 8] = [
        "package.json",
        "index.js",
        "tokens.js",
        "tokens.json",
        "tokens.scss",
        "custom-elements.json",
        "README.md",
        // The suite's apps' theme files, for their own deployments.
        "themes",
    ];
    !(NPM_ONLY.contains(&name.as_ref())
        || name.ends_with(".d.ts")
        || name == ".gitignore"
        || name == ".gitkeep")
}

/// Copies `pkg/` into the theme (`login/resources/bandeau/`) and the
/// theme's PatternFly settings from the compiled `tokens` into
/// `login/resources/css/bandeau-patternfly.css`, so that the theme
/// directory can be installed as it is after `cargo xtask build`.
pub fn install_bundle(tokens: &Path) -> Result<(), String> {
    let repo = util::repo_root();
    let resources = repo.join(THEME_DIR).join("login/resources");
    let sheet = resources.join(THEME_SHEET);
    copy_file(
        &tokens.join(PATTERNFLY_SHEET),
        &sheet,
        "the token build did not write it",
    )?;
    println!(
        "keycloak theme: PatternFly settings copied to {}",
        util::shown(&sheet)
    );
    let dest = resources.join("bandeau");
    if install_bundle_into(&repo.join("pkg"), &dest)? {
        println!("keycloak theme: bundle copied to {}", util::shown(&dest));
    } else {
        println!("keycloak theme: no bundle in pkg/, nothing copied");
    }
    Ok(())
}

/// Replaces everything in `dest` but its README by the bundle in `pkg`;
/// `false` when `pkg` holds no bundle.
fn install_bundle_into(pkg: &Path, dest: &Path) -> Result<bool, String> {
    if !pkg.join("bandeau.js").is_file() {
        return Ok(false);
    }
    util::clear_dir_except(dest, &["README.md"])?;
    util::copy_tree(pkg, dest, &shipped)?;
    Ok(true)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn index_page() -> String {
    let mut items = String::new();
    for scenario in SCENARIOS {
        let languages: Vec<String> = scenario
            .languages
            .iter()
            .map(|l| {
                format!(
                    "<a href=\"{}\" hreflang=\"{l}\">{l}</a>",
                    escape_html(&scenario.locale_url(l))
                )
            })
            .collect();
        let _ = writeln!(
            items,
            "      <li><a href=\"{}\">{}</a> <code>{}</code>{}</li>",
            escape_html(&scenario.request_url(None)),
            escape_html(scenario.title),
            scenario.template,
            if languages.is_empty() {
                String::new()
            } else {
                format!(" ({})", languages.join(", "))
            }
        );
    }
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Bandeau Keycloak login theme, rendered</title>
</head>
<body>
  <main>
    <h1>Bandeau's Keycloak login theme, rendered</h1>
    <p>
      <code>examples/keycloak-theme/login/template.ftl</code> rendered around stand-ins for
      Keycloak's page templates (<code>tests/browser/keycloak/</code>), with Keycloak's
      security headers and a Content-Security-Policy without <code>'unsafe-inline'</code>.
      The forms post to <code>/login/submit</code>, which answers with what it received.
    </p>
    <ul>
{items}    </ul>
  </main>
</body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_gets_the_script_tag_and_not_the_npm_entry_points() {
        for file in [
            "bandeau.js",
            "bandeau_embed_bg.wasm",
            "snippets/bandeau-embed-1/src/elements.js",
            "brand/bandeau_brand.js",
            "tokens.css",
            "sbom.cdx.json",
        ] {
            assert!(shipped(Path::new(file)), "{file}");
        }
        for file in [
            "index.js",
            "index.d.ts",
            "package.json",
            "tokens.js",
            "custom-elements.json",
            "themes",
        ] {
            assert!(!shipped(Path::new(file)), "{file}");
        }
    }

    fn theme() -> Theme {
        Theme::load(&util::repo_root()).unwrap()
    }

    fn scenario(slug: &str) -> &'static Scenario {
        SCENARIOS.iter().find(|s| s.slug == slug).unwrap()
    }

    fn page(slug: &str, lang: Option<&str>) -> String {
        render_page(&theme(), scenario(slug), lang).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The start tag of `<bandeau-login …>`, with its attributes.
    fn login_tag(html: &str) -> &str {
        let start = html.find("<bandeau-login").expect("a <bandeau-login>");
        let end = start + html[start..].find('>').unwrap();
        &html[start..=end]
    }

    fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
        let needle = format!("\n    {name}=\"");
        let start = tag.find(&needle)? + needle.len();
        Some(&tag[start..start + tag[start..].find('"').unwrap()])
    }

    #[test]
    fn the_theme_inherits_from_its_parent_and_the_operator_settles_last() {
        let theme = theme();
        let p = |k: &str| theme.properties.get(k).map(String::as_str);
        assert_eq!(p("parent"), Some("keycloak.v2"));
        assert_eq!(
            p("styles"),
            Some("css/styles.css css/bandeau-patternfly.css"),
            "the parent's styles first, as a child's list replaces its parent's"
        );
        assert_eq!(
            p("stylesCommon"),
            Some("vendor/patternfly-v5/patternfly.min.css vendor/patternfly-v5/patternfly-addons.css"),
            "PatternFly 5, inherited from the parent"
        );
        assert_eq!(p("locales"), Some("de,en,fr"));
        assert_eq!(p("kcFormClass"), Some("pf-v5-c-form pf-v5-u-w-100"));
        assert_eq!(p("bandeauSlogan"), Some("${bandeauSlogan}"));
        assert_eq!(
            theme.messages("fr").unwrap()["bandeauSlogan"],
            "L''environnement de travail souverain",
            "a MessageFormat pattern, as Keycloak reads it"
        );
        assert_eq!(
            p("bandeauBrand"),
            Some(""),
            "declared by the theme, left empty"
        );
        assert!(Theme::template(&theme.login_dirs, "template.ftl")
            .unwrap()
            .contains("<bandeau-login"));
        assert!(Theme::template(&theme.login_dirs, "login.ftl").is_ok());
        assert!(Theme::template(&theme.login_dirs, "../template.ftl").is_err());
        assert!(Theme::template(&theme.login_dirs, "register.ftl")
            .unwrap_err()
            .contains("neither the theme nor its parent"));
    }

    #[test]
    fn the_login_page_puts_keycloaks_form_into_the_element() {
        let html = page("login", None);
        let tag = login_tag(&html);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"),
            "{html}"
        );
        assert!(html.contains("<title>Anmeldung bei openDesk</title>"));
        assert_eq!(attribute(tag, "product-name"), Some("openDesk"));
        assert_eq!(
            attribute(tag, "slogan"),
            Some("Die souveräne Arbeitsumgebung")
        );
        assert_eq!(attribute(tag, "lang"), Some("de"));
        assert_eq!(attribute(tag, "theme"), Some("auto"));
        assert_eq!(attribute(tag, "languages"), Some("de,en,fr"));
        assert_eq!(
            attribute(tag, "locale-url"),
            Some(escape_html(&format!("/keycloak/login/?{QUERY}&kc_locale={{lang}}")).as_str())
        );
        assert_eq!(
            attribute(tag, "logo-url"),
            Some("/keycloak/resources/bd1x0/login/bandeau/img/logo.svg")
        );
        assert_eq!(
            attribute(tag, "feedback-url"),
            Some("https://www.example.org/feedback?source=login&amp;product=opendesk")
        );
        assert_eq!(
            attribute(tag, "background-url"),
            None,
            "empty settings stay out"
        );
        assert_eq!(attribute(tag, "brand"), None);
        // The form is a child of the element, in its default slot.
        let form = html.find("<form id=\"kc-form-login\"").unwrap();
        assert!(html.find("<bandeau-login").unwrap() < form);
        assert!(form < html.find("</bandeau-login>").unwrap());
        assert!(html.contains(&format!("action=\"{}\"", escape_html(ACTION))));
        assert!(html.contains("<h2 id=\"kc-page-title\">"));
        assert!(
            !html.contains("<h1"),
            "the element's product name is the h1"
        );
        assert!(!html.contains("slot=\"info\""), "no message, no info");
        assert!(html.contains(
            "<script type=\"module\" src=\"/keycloak/resources/bd1x0/login/bandeau/bandeau/bandeau.js\"></script>"
        ));
    }

    #[test]
    fn no_inline_code_but_the_import_map_with_keycloaks_nonce() {
        for scenario in SCENARIOS {
            let html = page(scenario.slug, None);
            let scripts: Vec<&str> = html
                .match_indices("<script")
                .map(|(i, _)| &html[i..])
                .collect();
            for script in &scripts {
                let tag = &script[..script.find('>').unwrap()];
                assert!(
                    tag.contains(" src=\"")
                        || tag.contains(&format!("type=\"importmap\" nonce=\"{NONCE}\"")),
                    "{}: inline script {tag}",
                    scenario.slug
                );
            }
            for inline in [
                " onclick=",
                " onsubmit=",
                " onchange=",
                " style=",
                "<style",
                "javascript:",
            ] {
                assert!(!html.contains(inline), "{}: {inline}", scenario.slug);
            }
        }
    }

    #[test]
    fn a_hostile_realm_name_and_username_stay_text() {
        let html = page("hostile", None);
        let escaped = "Acme &lt;script&gt;window.__pwned=1&lt;/script&gt; &amp; &quot;Partner&quot; &#39;Portal&#39;";
        assert_eq!(attribute(login_tag(&html), "product-name"), Some(escaped));
        assert!(html.contains(&format!("<title>Sign in to {escaped}</title>")));
        assert!(html.contains("value=\"&quot;&gt;&lt;img src=x onerror=window.__pwned=1&gt;\""));
        assert!(!html.contains("<script>window"));
        assert!(!html.contains("<img src=x"));
    }

    #[test]
    fn messages_go_to_the_info_slot_unless_shown_at_a_field() {
        let error = page("login-error", Some("fr"));
        assert!(error.contains(
            "<div slot=\"info\" id=\"kc-message\" class=\"pf-v5-c-alert pf-m-inline pf-v5-u-mb-md pf-m-danger\" role=\"alert\">"
        ), "{error}");
        assert!(error.contains("Nom d&#39;utilisateur ou mot de passe invalide."));
        assert!(error.contains("value=\"erika.mustermann\""));
        let notice = page("login-notice", Some("en"));
        assert!(
            notice.contains("pf-m-success\" role=\"status\">"),
            "{notice}"
        );
        let field = page("login-field-error", Some("de"));
        assert!(!field.contains("slot=\"info\""), "{field}");
        assert!(field.contains("aria-invalid=\"true\" aria-describedby=\"input-error-username\""));
        assert!(field.contains(">Ungültiger Benutzername oder Passwort.</span>"));
    }

    #[test]
    fn the_otp_step_shows_the_user_and_another_way() {
        let html = page("login-otp", Some("en"));
        assert!(html.contains("<form id=\"kc-otp-login-form\""));
        assert!(html.contains("autocomplete=\"one-time-code\""));
        assert!(html.contains("<span class=\"pf-v5-c-form-control pf-m-readonly\"><input id=\"kc-attempted-username\" value=\"erika.mustermann\" readonly></span>"));
        assert!(html.contains("<a id=\"reset-login\" href=\"/login/restart?client_id=opendesk-portal&amp;tab_id=Xq3nW2sH\">Restart login</a>"));
        assert!(html.contains("<input type=\"hidden\" name=\"tryAnotherWay\" value=\"on\">"));
        assert!(html.contains(">Try Another Way</button>"));
        assert!(!page("login", None).contains("tryAnotherWay"));
    }

    #[test]
    fn one_language_means_no_picker() {
        let html = page("one-language", None);
        let tag = login_tag(&html);
        assert_eq!(attribute(tag, "lang"), Some("en"));
        assert_eq!(attribute(tag, "languages"), None);
        assert_eq!(attribute(tag, "locale-url"), None);
        assert!(!html.contains("kc-locale-links"));
    }

    #[test]
    fn locale_urls_of_another_shape_fall_back_to_keycloaks_links() {
        let theme = theme();
        let scenario = scenario("login");
        let mut data = data_model(&theme, scenario, None).unwrap();
        let odd = |tag: &str, url: &str| {
            Value::hash([
                ("languageTag", Value::str(tag)),
                ("label", Value::str(tag.to_uppercase())),
                ("url", Value::str(url)),
            ])
        };
        data.insert(
            "locale".into(),
            Value::hash([
                ("currentLanguageTag", Value::str("de")),
                (
                    "supported",
                    Value::seq([odd("de", "/de/login"), odd("en", "/en/login")]),
                ),
            ]),
        );
        let html = render(&theme, "login.ftl", data).unwrap();
        let tag = login_tag(&html);
        assert_eq!(attribute(tag, "languages"), Some("de,en"));
        assert_eq!(attribute(tag, "locale-url"), None);
        assert!(
            html.contains("<nav slot=\"footer\" id=\"kc-locale-links\" aria-label=\"Sprachen\">")
        );
        assert!(html.contains("<a href=\"/en/login\" hreflang=\"en\" lang=\"en\">EN</a>"));
    }

    #[test]
    fn every_page_of_every_scenario_renders() {
        let theme = theme();
        for scenario in SCENARIOS {
            render_page(&theme, scenario, None).unwrap();
            for lang in scenario.languages {
                let html = render_page(&theme, scenario, Some(lang)).unwrap();
                assert!(html.contains(&format!("<html lang=\"{lang}\">")));
            }
        }
    }

    #[test]
    fn properties_files_are_read_as_java_does() {
        let parsed = parse_properties(
            "# comment\n! also\n  a = 1\nb:2\nc 3\nd=x\\\n   y\ne=\\u00e4\\t\\\\\nf=\n",
        )
        .unwrap();
        let get = |k: &str| parsed.get(k).map(String::as_str);
        assert_eq!(
            (get("a"), get("b"), get("c"), get("d"), get("e"), get("f")),
            (
                Some("1"),
                Some("2"),
                Some("3"),
                Some("xy"),
                Some("ä\t\\"),
                Some("")
            )
        );
        assert!(parse_properties("x=\\uzzzz").is_err());
    }

    #[test]
    fn message_format_as_java_does() {
        let args = ["Acme".to_string()];
        assert_eq!(
            message_format("Sign in to {0}", &args).unwrap(),
            "Sign in to Acme"
        );
        assert_eq!(
            message_format("Nom d''utilisateur", &[]).unwrap(),
            "Nom d'utilisateur"
        );
        assert_eq!(
            message_format("'{0}' is {0}", &args).unwrap(),
            "{0} is Acme"
        );
        assert!(message_format("{1}", &args).is_err());
        assert!(message_format("{0,number}", &args).is_err());
        assert!(message_format("d'accord", &[]).is_err(), "a lone quote");
    }

    #[test]
    fn the_site_has_every_page_the_resources_and_a_manifest() {
        let base = std::env::temp_dir().join(format!("xtask-keycloak-{}", std::process::id()));
        let (site, tokens, patternfly) = (base.join("site"), base.join("tokens"), base.join("pf"));
        std::fs::create_dir_all(&tokens).unwrap();
        std::fs::write(tokens.join(PATTERNFLY_SHEET), ":root {}").unwrap();
        assert!(render_site_with(&site, &tokens, &patternfly)
            .unwrap_err()
            .contains("cargo xtask setup"));
        for dir in PATTERNFLY_ASSETS {
            std::fs::create_dir_all(patternfly.join(dir)).unwrap();
        }
        std::fs::write(patternfly.join("assets/fonts/a.woff2"), "font").unwrap();
        for file in ["patternfly.min.css", "patternfly-addons.css"] {
            std::fs::write(patternfly.join(file), file).unwrap();
        }
        render_site_with(&site, &tokens, &patternfly).unwrap();
        let root = site.join("keycloak");
        for scenario in SCENARIOS {
            let index =
                std::fs::read_to_string(root.join(scenario.slug).join("index.html")).unwrap();
            let first_script = &index[index.find("<script").unwrap()..];
            assert!(
                first_script.starts_with(WATCH),
                "the tests' watch runs first"
            );
            for lang in scenario.languages {
                assert!(root
                    .join(scenario.slug)
                    .join(format!("{lang}.html"))
                    .is_file());
            }
        }
        let resources = root.join("resources/bd1x0/login/bandeau");
        assert_eq!(
            std::fs::read_to_string(resources.join("css/bandeau-patternfly.css")).unwrap(),
            ":root {}",
            "the compiled tokens' sheet, where theme.properties lists it"
        );
        let common = root.join("resources/bd1x0/common/keycloak/vendor/patternfly-v5");
        for file in [
            "patternfly.min.css",
            "patternfly-addons.css",
            "assets/fonts/a.woff2",
        ] {
            assert!(common.join(file).is_file(), "{file}");
        }
        for file in [
            "css/styles.css",
            "js/authChecker.js",
            "js/bandeau-keycloak.js",
            "img/logo.svg",
            "img/favicon.ico",
        ] {
            assert!(resources.join(file).is_file(), "{file}");
        }
        assert!(!resources.join("bandeau/README.md").exists());
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join("pages.json")).unwrap())
                .unwrap();
        assert_eq!(
            manifest["scenarios"].as_array().unwrap().len(),
            SCENARIOS.len()
        );
        assert_eq!(
            manifest["scenarios"][0]["texts"]["fr"]["title"],
            "Se connecter à openDesk"
        );
        assert_eq!(
            manifest["scenarios"][5]["texts"]["en"]["title"],
            format!("Sign in to {HOSTILE_REALM}")
        );
        assert!(std::fs::read_to_string(root.join("index.html"))
            .unwrap()
            .contains("login-otp"));
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn the_bundle_is_installed_into_the_theme_without_build_leftovers() {
        let base = std::env::temp_dir().join(format!("xtask-kc-install-{}", std::process::id()));
        let (pkg, dest) = (base.join("pkg"), base.join("bandeau"));
        std::fs::create_dir_all(pkg.join("snippets/x/src")).unwrap();
        std::fs::create_dir_all(dest.join("snippets/old")).unwrap();
        for file in [
            "bandeau.js",
            "bandeau_embed_bg.wasm",
            "package.json",
            "bandeau_embed.d.ts",
            ".gitkeep",
            "snippets/x/src/elements.js",
        ] {
            std::fs::write(pkg.join(file), file).unwrap();
        }
        std::fs::write(dest.join("README.md"), "keep").unwrap();
        std::fs::write(dest.join("stale.js"), "old").unwrap();
        assert!(install_bundle_into(&pkg, &dest).unwrap());
        let mut files = Vec::new();
        for file in [
            "README.md",
            "bandeau.js",
            "bandeau_embed_bg.wasm",
            "snippets/x/src/elements.js",
            "stale.js",
            "package.json",
            "bandeau_embed.d.ts",
            ".gitkeep",
            "snippets/old",
        ] {
            files.push((file, dest.join(file).exists()));
        }
        assert_eq!(
            files,
            [
                ("README.md", true),
                ("bandeau.js", true),
                ("bandeau_embed_bg.wasm", true),
                ("snippets/x/src/elements.js", true),
                ("stale.js", false),
                ("package.json", false),
                ("bandeau_embed.d.ts", false),
                (".gitkeep", false),
                ("snippets/old", false)
            ]
        );
        assert!(!install_bundle_into(&base.join("nothing"), &dest).unwrap());
        std::fs::remove_dir_all(&base).unwrap();
    }
}
