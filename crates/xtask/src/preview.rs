//! `cargo xtask preview`: assembles `target/preview/` from the build outputs
//! and serves it on loopback, so one command takes a fresh clone to a page.

use std::fmt::Write as _;
use std::path::Path;

use crate::endpoints::Endpoints;
use crate::{build, bundle, serve, setup, util};

pub fn run(host: &str, port: u16) -> Result<(), String> {
    setup::run()?;
    let tokens = build::run()?;
    bundle::run(&tokens)?;
    let site = util::target_dir().join("preview");
    assemble(&site, &tokens)?;
    let listener = serve::bind(host, port)?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("reading the bound address: {e}"))?;
    println!("Bandeau preview: http://{address}/");
    serve::serve(listener, &site, Endpoints::for_repo(&util::repo_root()))
}

/// Rebuilt from scratch each time so nothing from an older build lingers.
fn assemble(site: &Path, tokens: &Path) -> Result<(), String> {
    if site.exists() {
        std::fs::remove_dir_all(site).map_err(|e| format!("clearing {}: {e}", site.display()))?;
    }
    let site_tokens = site.join("tokens");
    std::fs::create_dir_all(&site_tokens)
        .map_err(|e| format!("creating {}: {e}", site_tokens.display()))?;
    let mut outputs = Vec::new();
    for entry in read_dir(tokens)? {
        let from = entry.path();
        if !from.is_file() {
            continue;
        }
        std::fs::copy(&from, site_tokens.join(entry.file_name()))
            .map_err(|e| format!("copying {}: {e}", from.display()))?;
        outputs.push(entry.file_name().to_string_lossy().into_owned());
    }
    outputs.sort();
    std::fs::write(site.join("index.html"), index_page(&outputs))
        .map_err(|e| format!("writing {}/index.html: {e}", site.display()))
}

fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>, String> {
    std::fs::read_dir(dir)
        .and_then(|entries| entries.collect())
        .map_err(|e| format!("reading {}: {e}", dir.display()))
}

/// Plain HTML with no script, so the landing page works with anything that
/// can render a link and never needs a content-security exception.
fn index_page(outputs: &[String]) -> String {
    let mut files = String::new();
    for name in outputs {
        let name = escape(name);
        let _ = writeln!(
            files,
            "        <li><a href=\"tokens/{name}\"><code>{name}</code></a></li>"
        );
    }
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Bandeau preview</title>
</head>
<body>
  <main>
    <h1>Bandeau preview</h1>
    <p>Design tokens compiled from <code>tokens/bandeau.resolver.json</code> by <code>bandeau-tokens</code>.</p>
    <h2>Tokens</h2>
    <ul>
      <li><a href="tokens/gallery.html">Token gallery</a> (<code>gallery.html</code>)</li>
      <li><a href="tokens/tokens.css">CSS custom properties</a> (<code>tokens.css</code>)</li>
      <li><a href="tokens/tokens.json">Tokens as JSON</a> (<code>tokens.json</code>)</li>
    </ul>
    <h2>Suite chrome</h2>
    <ul>
      <li><a href="/examples/">Vendor integration examples</a> (the script-tag bundle from <code>pkg/</code>)</li>
    </ul>
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

    #[test]
    fn index_links_every_output_and_runs_no_script() {
        let page = index_page(&["tokens.css".into(), "a&b.ts".into()]);
        assert!(page.contains(r#"<a href="tokens/gallery.html">"#));
        assert!(page.contains(r#"<a href="/examples/">"#));
        assert!(page.contains(r#"<a href="tokens/tokens.css"><code>tokens.css</code></a>"#));
        assert!(page.contains(r#"<a href="tokens/a&amp;b.ts">"#));
        assert!(page.contains(r#"<html lang="en">"#));
        assert!(!page.contains("<script"));
    }
}
