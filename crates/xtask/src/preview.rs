//! `cargo xtask preview`: builds the designers' workbench (`crates/preview`)
//! and assembles `target/preview/` around it from the build outputs, then
//! serves it on loopback, so one command takes a fresh clone to a page; or,
//! with `--export DIR`, writes the same site for any static host.

mod app;

use std::fmt::Write as _;
use std::path::Path;

use crate::endpoints::Endpoints;
use crate::{build, bundle, keycloak, serve, setup, util};

pub fn run(host: &str, port: u16, export: Option<&Path>) -> Result<(), String> {
    setup::run()?;
    let tokens = build::run()?;
    bundle::run(&tokens)?;
    let app = app::build()?;
    if let Some(dir) = export {
        assemble(dir, &tokens, Some(&app), Site::Exported)?;
        println!(
            "Bandeau preview: written to {} (open index.html through any static web server)",
            dir.display()
        );
        return Ok(());
    }
    let site = util::target_dir().join("preview");
    assemble(&site, &tokens, Some(&app), Site::Served)?;
    let listener = serve::bind(host, port)?;
    let address = bound_address(&listener)?;
    println!("Bandeau preview: http://{address}/");
    serve::serve(listener, &site, Endpoints::for_repo(&util::repo_root()))
}

/// The workbench app built for the browser tests (see [`spawn`]).
pub fn build_app() -> Result<std::path::PathBuf, String> {
    app::build()
}

/// The same site and routes as [`run`], assembled into `site` from the
/// compiled `tokens` (and the workbench `app` when given; without it the
/// examples page is the index) and served on a free loopback port by a
/// background thread that lives as long as the process. Returns the base
/// URL (no trailing slash). For the browser tests of `cargo xtask test`; it
/// leaves `target/preview` alone, so a preview someone is running keeps
/// working.
pub fn spawn(site: &Path, tokens: &Path, app: Option<&Path>) -> Result<String, String> {
    assemble(site, tokens, app, Site::Served)?;
    serve_in_background(site, Endpoints::for_repo(&util::repo_root()))
}

/// What `--export` writes, assembled into `dir`, served by a plain static
/// server (no navigation endpoints, no mounts): what a static host does.
pub fn spawn_export(dir: &Path, tokens: &Path, app: &Path) -> Result<String, String> {
    assemble(dir, tokens, Some(app), Site::Exported)?;
    serve_in_background(dir, Endpoints::default())
}

fn serve_in_background(site: &Path, endpoints: Endpoints) -> Result<String, String> {
    // Port 0: the system picks one that is free.
    let listener = serve::bind("127.0.0.1", 0)?;
    let address = bound_address(&listener)?;
    let site = site.to_path_buf();
    std::thread::spawn(move || {
        if let Err(e) = serve::serve(listener, &site, endpoints) {
            eprintln!("preview server: {e}");
        }
    });
    Ok(format!("http://{address}"))
}

/// Whether our server stands behind the site: it maps `/pkg/` and
/// `/examples/` from the repository and answers the navigation endpoints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Site {
    Served,
    Exported,
}

fn bound_address(listener: &std::net::TcpListener) -> Result<std::net::SocketAddr, String> {
    listener
        .local_addr()
        .map_err(|e| format!("reading the bound address: {e}"))
}

/// Rebuilt from scratch each time so nothing from an older build lingers.
fn assemble(site: &Path, tokens: &Path, app: Option<&Path>, kind: Site) -> Result<(), String> {
    if site.exists() {
        std::fs::remove_dir_all(site).map_err(|e| format!("clearing {}: {e}", site.display()))?;
    }
    let site_tokens = site.join("tokens");
    std::fs::create_dir_all(&site_tokens)
        .map_err(|e| format!("creating {}: {e}", site_tokens.display()))?;
    // Every output, the other brands' app files in their folders (`ocean/`)
    // included.
    util::copy_tree(tokens, &site_tokens, &|_| true)?;
    let mut found = Vec::new();
    bundle::all_files(&site_tokens, &mut found);
    let mut outputs: Vec<String> = found
        .iter()
        .map(|path| {
            let relative = path.strip_prefix(&site_tokens).unwrap_or(path);
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            parts.join("/")
        })
        .collect();
    outputs.sort();
    // The Keycloak login theme rendered for a few Keycloak contexts, with
    // the bundle from pkg/ when it is built.
    keycloak::render_site(site, tokens)?;
    let examples = index_page(&outputs, kind);
    let write = |name: &str, text: &str| {
        std::fs::write(site.join(name), text)
            .map_err(|e| format!("writing {}/{name}: {e}", site.display()))
    };
    write("examples.html", &examples)?;
    match app {
        Some(app) => {
            let pkg = (kind == Site::Exported).then(|| util::repo_root().join("pkg"));
            app::install(site, app, pkg.as_deref())
        }
        None => write("index.html", &examples),
    }
}

/// Plain HTML with no script, so the page works with anything that can
/// render a link and never needs a content-security exception. Relative
/// links, so it works where the site is exported to.
fn index_page(outputs: &[String], kind: Site) -> String {
    let mut files = String::new();
    for name in outputs {
        let name = escape(name);
        let _ = writeln!(
            files,
            "        <li><a href=\"tokens/{name}\"><code>{name}</code></a></li>"
        );
    }
    let chrome = match kind {
        Site::Served => concat!(
            "      <li><a href=\"examples/\">Vendor integration examples</a> (the script-tag bundle from <code>pkg/</code>)</li>\n",
            "      <li><a href=\"keycloak/\">Keycloak login theme</a> (<code>examples/keycloak-theme/</code> rendered for a few Keycloak contexts)</li>\n",
        ),
        Site::Exported => concat!(
            "      <li>Vendor integration examples and the Keycloak login theme need the navigation endpoints and headers of ",
            "<code>cargo xtask preview</code>; they are not part of this static export.</li>\n",
        ),
    };
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Bandeau preview: examples and files</title>
</head>
<body>
  <main>
    <h1>Bandeau preview</h1>
    <p><a href="index.html">The workbench</a>: every element, story, theme, brand and language.</p>
    <p>Design tokens compiled from <code>tokens/bandeau.resolver.json</code> by <code>bandeau-tokens</code>.</p>
    <h2>Tokens</h2>
    <ul>
      <li><a href="tokens/gallery.html">Token gallery</a> (<code>gallery.html</code>)</li>
      <li><a href="tokens/tokens.css">CSS custom properties</a> (<code>tokens.css</code>)</li>
      <li><a href="tokens/tokens.json">Tokens as JSON</a> (<code>tokens.json</code>)</li>
    </ul>
    <h2>Suite chrome</h2>
    <ul>
{chrome}    </ul>
    <h2>All generated files</h2>
    <ul>
{files}    </ul>
  </main>
</body>
</html>
"#
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn get(base: &str, path: &str) -> String {
        let address = base.strip_prefix("http://").expect("an http URL");
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    #[test]
    fn spawn_serves_the_site_and_the_routes_on_a_free_loopback_port() {
        let scratch = std::env::temp_dir().join(format!("xtask-spawn-{}", std::process::id()));
        let tokens = scratch.join("tokens");
        std::fs::create_dir_all(&tokens).unwrap();
        std::fs::write(tokens.join("tokens.css"), ":root{}").unwrap();
        // The Keycloak pages' PatternFly settings (PatternFly itself comes
        // from target/tools, where `cargo xtask setup` installs it).
        std::fs::write(tokens.join("keycloak-patternfly.css"), ":root{}").unwrap();
        std::fs::create_dir_all(tokens.join("ocean")).unwrap();
        std::fs::write(tokens.join("ocean/portal.css"), ":root{}").unwrap();
        let base = spawn(&scratch.join("site"), &tokens, None).unwrap();
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        assert!(!base.ends_with('/'));

        assert!(get(&base, "/").contains("<h1>Bandeau preview</h1>"));
        assert!(get(&base, "/examples.html").contains("<h1>Bandeau preview</h1>"));
        assert!(get(&base, "/tokens/tokens.css").ends_with("\r\n\r\n:root{}"));
        assert!(get(&base, "/tokens/ocean/portal.css").ends_with("\r\n\r\n:root{}"));
        assert!(get(&base, "/").contains(r#"<a href="tokens/ocean/portal.css">"#));
        assert!(get(&base, "/examples/").starts_with("HTTP/1.1 200 OK\r\n"));
        let keycloak = get(&base, "/keycloak/login/?client_id=x&kc_locale=fr");
        assert!(keycloak.starts_with("HTTP/1.1 200 OK\r\n"), "{keycloak}");
        assert!(keycloak.contains("\r\nContent-Security-Policy: frame-src 'self';"));
        assert!(keycloak.contains("<html lang=\"fr\">"));
        assert!(get(&base, "/nav/500").starts_with("HTTP/1.1 500 "));
        let csp = get(&base, "/examples/strict-csp/");
        assert!(csp.contains(&format!(
            "Content-Security-Policy: {}\r\n",
            crate::endpoints::STRICT_CSP
        )));
        std::fs::remove_dir_all(&scratch).unwrap();
    }

    #[test]
    fn index_links_every_output_and_runs_no_script() {
        let page = index_page(&["tokens.css".into(), "a&b.ts".into()], Site::Served);
        assert!(page.contains(r#"<a href="tokens/gallery.html">"#));
        assert!(page.contains(r#"<a href="examples/">"#));
        assert!(page.contains(r#"<a href="keycloak/">"#));
        assert!(page.contains(r#"<a href="index.html">The workbench</a>"#));
        assert!(page.contains(r#"<a href="tokens/tokens.css"><code>tokens.css</code></a>"#));
        assert!(page.contains(r#"<a href="tokens/a&amp;b.ts">"#));
        assert!(page.contains(r#"<html lang="en">"#));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn an_exported_index_says_what_needs_the_server_instead_of_linking_it() {
        let page = index_page(&[], Site::Exported);
        assert!(!page.contains(r#"href="examples/""#));
        assert!(!page.contains(r#"href="keycloak/""#));
        assert!(page.contains("not part of this static export"));
    }
}
