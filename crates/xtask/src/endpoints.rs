//! What the preview server answers besides the files of `target/preview/`:
//! a stand-in for the Univention portal's `navigation.json` (with the failure
//! modes the elements must survive), the script-tag bundle under `/pkg/`, and
//! the vendor examples under `/examples/`, the strict-CSP one with its header.
//!
//! It also takes one kind of POST: `/login/submit`, where the login example's
//! form posts, answers with the fields it received as JSON, so a browser test
//! can see that a form in `<bandeau-login>`'s slot submits as usual.
//!
//! Routing is a pure function from the request target to a [`Route`], so it
//! is tested without sockets. The server carries out the one side effect a
//! route asks for (the delay of `/nav/slow`) on the connection's own thread.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The policy of `examples/strict-csp/`: exactly what `docs/integration.md`
/// tells vendors to send, so the example proves that those lines suffice.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' https: data:; connect-src 'self'";

/// The Content-Security-Policy docs/integration.md gives operators of the
/// Keycloak login theme (`examples/keycloak-theme/`): Keycloak's default
/// (`frame-src`, `frame-ancestors`, `object-src`) tightened for Bandeau.
pub const KEYCLOAK_CSP: &str = "frame-src 'self'; frame-ancestors 'self'; object-src 'none'; \
     default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'";

/// Where the login example's form posts.
pub const LOGIN_SUBMIT: &str = "/login/submit";

/// Larger form bodies are refused: a login form is a few hundred bytes.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// Longer than the elements' 5 s fetch timeout, so `/nav/slow` exercises it.
pub const SLOW_DELAY: Duration = Duration::from_secs(8);

/// A response header beyond the ones the server always sends.
pub type Header = (&'static str, String);

/// How to answer one request.
#[derive(Debug)]
pub enum Route {
    /// Not ours: a file of the preview site.
    Site,
    /// A file under another directory; `target` is the path inside it.
    File {
        root: PathBuf,
        target: String,
        headers: Vec<Header>,
    },
    /// A response built here.
    Reply(Reply),
    /// A file of the preview site at `target`, with these extra headers.
    SiteFile {
        target: String,
        headers: Vec<Header>,
    },
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub reason: &'static str,
    pub content_type: &'static str,
    pub headers: Vec<Header>,
    pub body: String,
    /// How long the server waits before answering.
    pub delay: Duration,
}

impl Reply {
    fn json(body: String) -> Reply {
        Reply {
            status: 200,
            reason: "OK",
            content_type: "application/json",
            headers: Vec::new(),
            body,
            delay: Duration::ZERO,
        }
    }

    fn text(status: u16, reason: &'static str, body: String) -> Reply {
        Reply {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body,
            delay: Duration::ZERO,
        }
    }
}

/// A directory served under a URL prefix.
#[derive(Debug)]
struct Mount {
    /// Starts and ends with `/`.
    prefix: &'static str,
    dir: PathBuf,
    /// Said in the 404 when the directory does not exist yet.
    missing_hint: &'static str,
}

/// The routes of one server. `Endpoints::default()` has none, which leaves a
/// plain static server.
#[derive(Debug, Default)]
pub struct Endpoints {
    /// `shared/fixtures/navigation` beside the repository; `None` disables
    /// the navigation routes.
    fixtures: Option<PathBuf>,
    mounts: Vec<Mount>,
    /// Whether the rendered Keycloak pages get their headers and `kc_locale`.
    keycloak: bool,
}

impl Endpoints {
    /// The preview's routes: fixtures from `../shared`, `pkg/` and `examples/`
    /// from the repository, read at request time so that a rebuilt bundle or
    /// an edited example shows on reload without restarting the server.
    pub fn for_repo(repo: &Path) -> Endpoints {
        let fixtures = repo
            .parent()
            .map(|parent| parent.join("shared/fixtures/navigation"));
        Endpoints {
            fixtures,
            keycloak: true,
            mounts: vec![
                Mount {
                    prefix: "/pkg/",
                    dir: repo.join("pkg"),
                    missing_hint: "pkg/ is built by `cargo xtask build`",
                },
                Mount {
                    prefix: "/examples/",
                    dir: repo.join("examples"),
                    missing_hint: "examples/ is missing from the repository",
                },
            ],
        }
    }

    /// The answer to a POST of `body` (with this `Content-Type`) to
    /// `target`; `None` when nothing here takes a POST there.
    pub fn post(&self, target: &str, content_type: &str, body: &[u8]) -> Option<Reply> {
        let (path, _) = split_target(target);
        (path == LOGIN_SUBMIT).then(|| login_submit(content_type, body))
    }

    pub fn route(&self, target: &str) -> Route {
        let (path, query) = split_target(target);
        if let Some(fixtures) = &self.fixtures {
            if let Some(reply) = navigation(fixtures, path, query) {
                return Route::Reply(reply);
            }
        }
        for mount in &self.mounts {
            if let Some(route) = mount.route(path, query) {
                return route;
            }
        }
        self.keycloak
            .then(|| keycloak(path, query))
            .flatten()
            .unwrap_or(Route::Site)
    }
}

impl Mount {
    fn route(&self, path: &str, query: &str) -> Option<Route> {
        let bare = self.prefix.trim_end_matches('/');
        let inner = path
            .strip_prefix(bare)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))?;
        // The static server checks that paths stay inside a canonical root;
        // a directory that does not exist yet has no canonical form.
        let Ok(root) = self.dir.canonicalize() else {
            return Some(Route::Reply(Reply::text(
                404,
                "Not Found",
                format!("404 Not Found: {}\n", self.missing_hint),
            )));
        };
        // Relative links in a page resolve against its directory only when
        // the URL ends in a slash. The static server would redirect too, but
        // without knowing our prefix.
        if inner.is_empty() || (!inner.ends_with('/') && is_directory(&root, inner)) {
            let query = if query.is_empty() {
                String::new()
            } else {
                format!("?{query}")
            };
            return Some(Route::Reply(Reply {
                headers: vec![("Location", format!("{path}/{query}"))],
                ..Reply::text(301, "Moved Permanently", "301 Moved Permanently\n".into())
            }));
        }
        let mut headers = Vec::new();
        if self.prefix == "/examples/" && inner.starts_with("/strict-csp/") {
            headers.push(("Content-Security-Policy", STRICT_CSP.to_string()));
        }
        Some(Route::File {
            root,
            target: inner.to_string(),
            headers,
        })
    }
}

/// Only a hint for the redirect: the static server still refuses anything
/// that leaves the root, so `..` here can at worst cause a redirect to a 403.
fn is_directory(root: &Path, inner: &str) -> bool {
    !inner.split('/').any(|segment| segment == "..") && root.join(&inner[1..]).is_dir()
}

/// The Keycloak login pages the preview renders (`keycloak.rs`), served
/// with Keycloak's security headers and the policy of [`KEYCLOAK_CSP`] plus
/// the nonce Keycloak adds to it for each page. A page's `?kc_locale=de`
/// gets the page rendered in German, as Keycloak answers in the chosen
/// language at the same URL.
///
/// For the browser tests, `?csp=` serves a page under another policy
/// (WebDriver cannot rewrite responses): see [`KeycloakPolicy`].
fn keycloak(path: &str, query: &str) -> Option<Route> {
    path.strip_prefix("/keycloak/")?;
    let target = match query_value(query, "kc_locale") {
        Some(lang) if path.ends_with('/') && is_language_tag(&lang) => format!("{path}{lang}.html"),
        _ => path.to_string(),
    };
    let policy = match query_value(query, "csp").as_deref() {
        Some("keycloak-default") => KeycloakPolicy::KeycloakDefault,
        Some("without-nonce") => KeycloakPolicy::WithoutNonce,
        Some("without-wasm") => KeycloakPolicy::WithoutWasm,
        _ => KeycloakPolicy::Documented,
    };
    Some(Route::SiteFile {
        target,
        headers: keycloak_headers(policy),
    })
}

/// The policies a Keycloak page can be served under (`?csp=` in the
/// tests' requests; the documented one otherwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeycloakPolicy {
    /// [`KEYCLOAK_CSP`] with the page's nonce, as an operator sets it.
    Documented,
    /// `keycloak-default`: Keycloak's own default policy, the part of
    /// [`KEYCLOAK_CSP`] before Bandeau's additions.
    KeycloakDefault,
    /// `without-nonce`: [`KEYCLOAK_CSP`] without the nonce Keycloak adds.
    WithoutNonce,
    /// `without-wasm`: the documented policy without `'wasm-unsafe-eval'`.
    WithoutWasm,
}

/// What Keycloak sends with its login pages (Realm settings → Security
/// defenses → Headers, defaults apart from the policy), with `which` policy.
pub fn keycloak_headers(which: KeycloakPolicy) -> Vec<Header> {
    let nonce = format!("'nonce-{}'", crate::keycloak::NONCE);
    let documented = KEYCLOAK_CSP
        .replace(
            "'wasm-unsafe-eval';",
            &format!("'wasm-unsafe-eval' {nonce};"),
        )
        .replace("style-src 'self';", &format!("style-src 'self' {nonce};"));
    let policy = match which {
        KeycloakPolicy::Documented => documented,
        KeycloakPolicy::KeycloakDefault => {
            let directives: Vec<&str> = KEYCLOAK_CSP.split(';').map(str::trim).take(3).collect();
            format!("{};", directives.join("; "))
        }
        KeycloakPolicy::WithoutNonce => KEYCLOAK_CSP.to_string(),
        KeycloakPolicy::WithoutWasm => documented.replace(" 'wasm-unsafe-eval'", ""),
    };
    vec![
        ("Content-Security-Policy", policy),
        ("X-Frame-Options", "SAMEORIGIN".into()),
        ("Referrer-Policy", "no-referrer".into()),
        ("X-Robots-Tag", "none".into()),
    ]
}

/// `de`, `fr`, `pt-BR`, `zh-Hant-TW`: letters, then letter-or-digit subtags.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn split_target(target: &str) -> (&str, &str) {
    let target = target.split('#').next().unwrap_or("");
    target.split_once('?').unwrap_or((target, ""))
}

/// The navigation routes, or `None` for any other path.
fn navigation(fixtures: &Path, path: &str, query: &str) -> Option<Reply> {
    let reply = match path {
        "/navigation.json" => {
            let name = if query_has(query, "large") {
                "large-240.json"
            } else if query_value(query, "language")
                .is_some_and(|language| language.to_ascii_lowercase().starts_with("en"))
            {
                "opendesk-en.json"
            } else {
                // The portal's default language and openDesk's first audience.
                "opendesk-de.json"
            };
            fixture(fixtures, name)
        }
        "/navigation-large.json" => fixture(fixtures, "large-240.json"),
        "/nav/500" => Reply::text(
            500,
            "Internal Server Error",
            "500 Internal Server Error\n".into(),
        ),
        "/nav/slow" => Reply {
            delay: SLOW_DELAY,
            ..fixture(fixtures, "opendesk-de.json")
        },
        // Valid JSON up to the point where a proxy cut the response off.
        "/nav/garbage" => Reply::json("{\"categories\": [".into()),
        "/nav/empty" => Reply::json(String::new()),
        "/nav/hostile" => Reply::json(hostile_document()),
        _ => return None,
    };
    Some(reply)
}

fn fixture(fixtures: &Path, name: &str) -> Reply {
    let path = fixtures.join(name);
    match std::fs::read_to_string(&path) {
        Ok(body) => Reply::json(body),
        // A missing `../shared` is a set-up problem of this machine; saying
        // where we looked is the fastest way to fix it.
        Err(e) => Reply::text(
            500,
            "Internal Server Error",
            format!("fixture {} unreadable: {e}\n", path.display()),
        ),
    }
}

fn query_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(key), form_decode(value))
        })
}

fn query_value(query: &str, key: &str) -> Option<String> {
    query_pairs(query).find(|(k, _)| k == key).map(|(_, v)| v)
}

/// `?large`, `?large=1` and `?large=true` ask for the big document;
/// `?large=0` and `?large=false` do not.
fn query_has(query: &str, key: &str) -> bool {
    query_value(query, key).is_some_and(|value| !matches!(value.as_str(), "0" | "false"))
}

/// `application/x-www-form-urlencoded` decoding; broken escapes stay as
/// they are, since a query value here only selects a fixture.
fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match (bytes[i], escaped) {
            (_, Some(byte)) => {
                out.push(byte);
                i += 3;
                continue;
            }
            (b'+', None) => out.push(b' '),
            (byte, None) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Echoes a posted form as JSON: `{"fields": [[name, value], …]}` in the
/// order the browser sent them. Passwords are not echoed, only their length,
/// so the page never shows one. JSON (with the server's `nosniff`) is never
/// read as HTML, whatever the fields hold.
fn login_submit(content_type: &str, body: &[u8]) -> Reply {
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Reply::text(
            415,
            "Unsupported Media Type",
            "415: post the form as application/x-www-form-urlencoded\n".into(),
        );
    }
    let body = String::from_utf8_lossy(body);
    let fields: Vec<(String, String)> = query_pairs(&body)
        .map(|(name, value)| {
            if name.to_ascii_lowercase().contains("password") {
                let shown = format!("({} characters)", value.chars().count());
                (name, shown)
            } else {
                (name, value)
            }
        })
        .collect();
    Reply::json(serde_json::json!({ "fields": fields }).to_string())
}

/// Marker the payloads set; a browser test asserts it stays undefined.
const PWNED: &str = "window.__pwned=1";

/// A navigation document whose every string tries to run script, in the
/// places a renderer might let it: names (HTML injection), links and icons
/// (URL schemes, with the case and whitespace tricks browsers forgive), and
/// attribute break-outs in identifiers and targets. One harmless entry stays
/// so the launcher has something legitimate to show.
fn hostile_document() -> String {
    let img = format!("<img src=x onerror={PWNED}>");
    let script = format!("\"><script>{PWNED}</script>");
    let entry = |identifier: String, name: String, link: String, icon: String| {
        serde_json::json!({
            "identifier": identifier,
            "display_name": name,
            "link": link,
            "icon_url": icon,
            "target": "_blank",
            "keywords": { "de": [img.clone(), script.clone()] },
        })
    };
    let safe_icon = "https://portal.example.org/univention/portal/icons/entries/swp.files.svg";
    let document = serde_json::json!({
        "categories": [
            {
                "identifier": format!("hostile\" onmouseover=\"{PWNED}"),
                "display_name": img,
                "entries": [
                    entry("hostile.img".into(), img.clone(), "https://files.example.org/".into(), format!("javascript:{PWNED}")),
                    entry("hostile.script".into(), script.clone(), format!("javascript:{PWNED}"), safe_icon.into()),
                    entry("hostile.case".into(), "JaVaScRiPt".into(), format!("JaVaScRiPt:{PWNED}"), safe_icon.into()),
                    entry("hostile.whitespace".into(), "Leerzeichen".into(), format!(" \tjava\nscript:{PWNED}"), safe_icon.into()),
                    entry("hostile.data".into(), "data:".into(), format!("data:text/html,<script>{PWNED}</script>"), format!("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='{PWNED}'/>")),
                    entry("hostile.vbscript".into(), "vbscript:".into(), "vbscript:msgbox(1)".into(), "vbscript:msgbox(1)".into()),
                    entry("hostile.entity".into(), "&lt;b&gt;fett&lt;/b&gt; &amp; <b>fett</b>".into(), format!("javascript&colon;{PWNED}"), safe_icon.into()),
                ],
            },
            {
                "identifier": "hostile.safe",
                "display_name": "Dateien",
                "entries": [{
                    "identifier": format!("files\"><svg onload={PWNED}>"),
                    "display_name": "Dateien",
                    "link": "https://files.example.org/apps/files/",
                    "icon_url": safe_icon,
                    "target": format!("_blank\" onfocus=\"{PWNED}"),
                    "keywords": { "de": "Dokumente" },
                }],
            },
        ],
    });
    serde_json::to_string_pretty(&document).expect("a json! value serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoints() -> Endpoints {
        Endpoints::for_repo(&crate::util::repo_root())
    }

    fn reply(target: &str) -> Reply {
        match endpoints().route(target) {
            Route::Reply(reply) => reply,
            other => panic!("{target}: expected a reply, got {other:?}"),
        }
    }

    fn categories(reply: &Reply) -> Vec<String> {
        let document: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        document["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["display_name"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn shared(name: &str) -> String {
        let path = crate::util::repo_root()
            .parent()
            .unwrap()
            .join("shared/fixtures/navigation")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn navigation_follows_the_language_parameter() {
        let de = reply("/navigation.json?language=de-DE&base=https%3A%2F%2Fportal.example.org");
        assert_eq!((de.status, de.content_type), (200, "application/json"));
        assert_eq!(de.body, shared("opendesk-de.json"));
        assert_eq!(reply("/navigation.json").body, shared("opendesk-de.json"));
        for english in ["en", "en-US", "EN-gb"] {
            let en = reply(&format!("/navigation.json?base=x&language={english}"));
            assert_eq!(en.body, shared("opendesk-en.json"), "{english}");
        }
    }

    #[test]
    fn the_large_document_has_a_parameter_and_a_path() {
        let large = shared("large-240.json");
        assert_eq!(
            reply("/navigation.json?language=en&large").body,
            large.as_str()
        );
        assert_eq!(reply("/navigation.json?large=1").body, large.as_str());
        assert_eq!(reply("/navigation-large.json").body, large.as_str());
        assert_ne!(reply("/navigation.json?large=0").body, large.as_str());
    }

    #[test]
    fn failure_modes_answer_as_their_names_say() {
        assert_eq!(reply("/nav/500").status, 500);
        let slow = reply("/nav/slow");
        assert_eq!((slow.status, slow.delay), (200, SLOW_DELAY));
        assert!(slow.delay > Duration::from_secs(5), "beyond the timeout");
        let garbage = reply("/nav/garbage");
        assert_eq!(
            (garbage.status, garbage.body.as_str()),
            (200, "{\"categories\": [")
        );
        assert!(serde_json::from_str::<serde_json::Value>(&garbage.body).is_err());
        let empty = reply("/nav/empty?language=de-DE");
        assert_eq!((empty.status, empty.body.as_str()), (200, ""));
        assert_eq!(empty.content_type, "application/json");
    }

    #[test]
    fn hostile_document_is_valid_json_full_of_payloads() {
        let hostile = reply("/nav/hostile");
        assert_eq!(hostile.status, 200);
        let names = categories(&hostile);
        assert_eq!(names[0], "<img src=x onerror=window.__pwned=1>");
        for needle in [
            "\"><script>window.__pwned=1</script>",
            "\"link\": \"javascript:window.__pwned=1\"",
            "\"icon_url\": \"javascript:window.__pwned=1\"",
            "\"link\": \"data:text/html,",
            "\"link\": \"vbscript:",
        ] {
            assert!(hostile.body.contains(needle), "{needle}");
        }
    }

    #[test]
    fn examples_and_the_bundle_are_mounted() {
        let examples = crate::util::repo_root()
            .join("examples")
            .canonicalize()
            .unwrap();
        match endpoints().route("/examples/script-tag/index.html?x=1") {
            Route::File {
                root,
                target,
                headers,
            } => {
                assert_eq!(root, examples);
                assert_eq!(target, "/script-tag/index.html");
                assert!(headers.is_empty());
            }
            other => panic!("{other:?}"),
        }
        match endpoints().route("/pkg/bandeau.js") {
            Route::File { target, .. } => assert_eq!(target, "/bandeau.js"),
            // Before the first `cargo xtask build`.
            Route::Reply(reply) => assert!(reply.body.contains("cargo xtask build")),
            Route::Site | Route::SiteFile { .. } => panic!("/pkg/ is not mounted"),
        }
    }

    #[test]
    fn only_the_strict_csp_example_gets_the_policy() {
        let csp = |target: &str| match endpoints().route(target) {
            Route::File { headers, .. } => headers
                .iter()
                .find(|(name, _)| *name == "Content-Security-Policy")
                .map(|(_, value)| value.clone()),
            other => panic!("{target}: {other:?}"),
        };
        assert_eq!(
            csp("/examples/strict-csp/index.html").as_deref(),
            Some(STRICT_CSP)
        );
        assert_eq!(csp("/examples/strict-csp/").as_deref(), Some(STRICT_CSP));
        assert_eq!(csp("/examples/script-tag/index.html"), None);
        assert_eq!(csp("/examples/strict-cspx/index.html"), None);
        assert!(STRICT_CSP.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!STRICT_CSP.contains("unsafe-inline"));
    }

    #[test]
    fn mounted_directories_redirect_to_their_slash_form() {
        for (target, location) in [
            ("/examples", "/examples/"),
            ("/examples/strict-csp", "/examples/strict-csp/"),
            ("/examples/double?v=2", "/examples/double/?v=2"),
        ] {
            let moved = reply(target);
            assert_eq!(moved.status, 301, "{target}");
            assert_eq!(moved.headers, vec![("Location", location.to_string())]);
        }
    }

    #[test]
    fn everything_else_is_left_to_the_site() {
        for target in [
            "/",
            "/tokens/tokens.css",
            "/examplesx/",
            "/nav/other",
            "/pkgs",
        ] {
            assert!(matches!(endpoints().route(target), Route::Site), "{target}");
        }
        assert!(matches!(
            Endpoints::default().route("/navigation.json"),
            Route::Site
        ));
    }

    /// The routes through the real server: headers and statuses reach the
    /// wire, and a request to a missing fixture directory still answers.
    #[test]
    fn the_preview_server_sends_routes_over_http() {
        use std::io::{Read, Write};
        let base = std::env::temp_dir().join(format!("xtask-endpoints-{}", std::process::id()));
        let repo = base.join("repo");
        std::fs::create_dir_all(repo.join("examples/strict-csp")).unwrap();
        std::fs::write(repo.join("examples/strict-csp/index.html"), "<p>csp</p>").unwrap();
        let site = repo.join("site");
        std::fs::create_dir_all(&site).unwrap();
        let listener = crate::serve::bind("127.0.0.1", 0).unwrap();
        let address = listener.local_addr().unwrap();
        let endpoints = Endpoints::for_repo(&repo);
        std::thread::spawn(move || crate::serve::serve(listener, &site, endpoints));
        let get = |target: &str| {
            let mut stream = std::net::TcpStream::connect(address).unwrap();
            write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            response
        };

        let page = get("/examples/strict-csp/");
        assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
        assert!(page.contains(&format!("\r\nContent-Security-Policy: {STRICT_CSP}\r\n")));
        assert!(page.ends_with("\r\n\r\n<p>csp</p>"));
        let moved = get("/examples/strict-csp");
        assert!(moved.starts_with("HTTP/1.1 301"), "{moved}");
        assert!(moved.contains("\r\nLocation: /examples/strict-csp/\r\n"));
        assert!(get("/nav/500").starts_with("HTTP/1.1 500"));
        let garbage = get("/nav/garbage");
        assert!(garbage.contains("\r\nContent-Type: application/json\r\n"));
        assert!(garbage.ends_with("\r\n\r\n{\"categories\": ["));
        let bundle = get("/pkg/bandeau.js");
        assert!(bundle.starts_with("HTTP/1.1 404"), "{bundle}");
        assert!(bundle.contains("cargo xtask build"));
        let form = "username=erika&password=geheim";
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        write!(
            stream,
            "POST /login/submit HTTP/1.1\r\nHost: x\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\n\r\n{form}",
            form.len()
        )
        .unwrap();
        let mut echo = String::new();
        stream.read_to_string(&mut echo).unwrap();
        assert!(echo.starts_with("HTTP/1.1 200 OK\r\n"), "{echo}");
        assert!(echo.ends_with(
            "\r\n\r\n{\"fields\":[[\"username\",\"erika\"],[\"password\",\"(6 characters)\"]]}"
        ));
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn the_login_form_is_echoed_without_its_password() {
        let echo = endpoints()
            .post(
                "/login/submit?session=1",
                "application/x-www-form-urlencoded; charset=UTF-8",
                b"username=erika.mustermann&password=s%C3%A9cret+1&credentialId=&lang=%3Cb%3E",
            )
            .unwrap();
        assert_eq!((echo.status, echo.content_type), (200, "application/json"));
        let value: serde_json::Value = serde_json::from_str(&echo.body).unwrap();
        assert_eq!(
            value,
            serde_json::json!({ "fields": [
                ["username", "erika.mustermann"],
                ["password", "(8 characters)"],
                ["credentialId", ""],
                ["lang", "<b>"],
            ] })
        );
        assert!(!echo.body.contains("sécret"));
        let multipart = endpoints()
            .post(LOGIN_SUBMIT, "multipart/form-data; boundary=x", b"")
            .unwrap();
        assert_eq!(multipart.status, 415);
        assert!(endpoints().post("/login/other", "", b"").is_none());
        assert!(endpoints().post("/", "", b"").is_none());
    }

    #[test]
    fn keycloak_pages_get_keycloaks_headers_and_kc_locale_picks_the_language() {
        let route = |target: &str| match endpoints().route(target) {
            Route::SiteFile { target, headers } => (target, headers),
            other => panic!("{target}: {other:?}"),
        };
        let (target, headers) = route("/keycloak/login/?client_id=x&kc_locale=fr");
        assert_eq!(target, "/keycloak/login/fr.html");
        let csp = &headers
            .iter()
            .find(|(name, _)| *name == "Content-Security-Policy")
            .unwrap()
            .1;
        let nonce = format!("'nonce-{}'", crate::keycloak::NONCE);
        assert!(csp.starts_with("frame-src 'self'; frame-ancestors 'self'; object-src 'none';"));
        assert!(
            csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {nonce};")),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert!(headers.contains(&("X-Frame-Options", "SAMEORIGIN".into())));
        assert_eq!(route("/keycloak/login/?client_id=x").0, "/keycloak/login/");
        assert_eq!(
            route("/keycloak/login/?kc_locale=pt-BR").0,
            "/keycloak/login/pt-BR.html"
        );
        for odd in ["../x", "de/../../x", "", "d", "de_DE", "de-"] {
            let target = format!("/keycloak/login/?kc_locale={odd}");
            assert_eq!(route(&target).0, "/keycloak/login/", "{odd}");
        }
        assert_eq!(
            route("/keycloak/login/index.html?kc_locale=fr").0,
            "/keycloak/login/index.html"
        );
        assert_eq!(
            route("/keycloak/resources/x.js").0,
            "/keycloak/resources/x.js"
        );
        let policy = |target: &str| {
            route(target)
                .1
                .into_iter()
                .find(|(name, _)| *name == "Content-Security-Policy")
                .unwrap()
                .1
        };
        assert_eq!(
            policy("/keycloak/login/?client_id=x&csp=keycloak-default"),
            "frame-src 'self'; frame-ancestors 'self'; object-src 'none';"
        );
        assert_eq!(policy("/keycloak/login/?csp=without-nonce"), KEYCLOAK_CSP);
        let without_wasm = policy("/keycloak/login/?kc_locale=fr&csp=without-wasm");
        assert_eq!(without_wasm, csp.replace(" 'wasm-unsafe-eval'", ""));
        assert!(without_wasm.contains(&format!("script-src 'self' {nonce};")));
        assert_eq!(policy("/keycloak/login/?csp=other"), *csp);
        assert!(matches!(endpoints().route("/keycloakx/"), Route::Site));
        assert!(matches!(
            Endpoints::default().route("/keycloak/login/"),
            Route::Site
        ));
    }

    #[test]
    fn query_values_are_form_decoded() {
        assert_eq!(form_decode("de-DE"), "de-DE");
        assert_eq!(form_decode("a+b%20c%2Fd"), "a b c/d");
        assert_eq!(form_decode("100%"), "100%");
        assert_eq!(form_decode("%zz"), "%zz");
        assert_eq!(
            query_value("base=https%3A%2F%2Fp.example&language=en", "base").as_deref(),
            Some("https://p.example")
        );
    }
}
