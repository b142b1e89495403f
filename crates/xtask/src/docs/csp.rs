//! Content-Security-Policy lines in the guides must be the policies the
//! tests serve, so a guide never promises what no test has tried:
//! `examples/strict-csp/` runs under [`STRICT_CSP`], the Keycloak theme's
//! pages under [`KEYCLOAK_CSP`] (the e2e tests read both from
//! `docs/integration.md`, the preview server sends them from `endpoints.rs`).

use crate::endpoints::{KEYCLOAK_CSP, STRICT_CSP};

use super::Block;

/// Keycloak's own default policy: the part of [`KEYCLOAK_CSP`] before
/// Bandeau's additions.
fn keycloak_default() -> String {
    let directives: Vec<&str> = KEYCLOAK_CSP.split(';').map(str::trim).take(3).collect();
    format!("{};", directives.join("; "))
}

fn normalized(policy: &str) -> String {
    policy.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A policy as directive → sources.
fn directives(policy: &str) -> Vec<(String, Vec<String>)> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

/// ```` ```http ```` blocks: request lines and headers; a
/// `Content-Security-Policy` header must be one the tests serve.
pub fn check_http(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(policy) = line.strip_prefix("Content-Security-Policy:") {
            let policy = normalized(policy);
            let known = [
                normalized(STRICT_CSP),
                normalized(KEYCLOAK_CSP),
                keycloak_default(),
            ];
            if !known.contains(&policy) {
                problems.push(format!(
                    "this Content-Security-Policy is not one the tests serve; they use\n      {}\n      {}\n      {} (Keycloak's default)",
                    known[0], known[1], known[2]
                ));
            }
        } else if !is_request_line(line) && !line.contains(": ") {
            problems.push(format!(
                "`{line}` is neither a request line (GET URL) nor a header (Name: value)"
            ));
        }
    }
    problems
}

fn is_request_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    matches!(
        (words.next(), words.next()),
        (Some("GET" | "POST" | "HEAD"), Some(url)) if url.starts_with('/') || url.starts_with("http")
    )
}

/// ```` ```csp ```` blocks: directives a cross-origin page adds. Each must
/// be a directive of the strict-CSP example with the sources it proved
/// enough, where an origin (the portal's) takes the place of `'self'`.
pub fn check_directives(text: &str) -> Vec<String> {
    let strict = directives(STRICT_CSP);
    let given = directives(text);
    let mut problems = Vec::new();
    for (name, sources) in &given {
        let Some((_, proven)) = strict.iter().find(|(n, _)| n == name) else {
            problems.push(format!(
                "`{name}`: the strict-CSP example does not use this directive, so no test shows what it needs"
            ));
            continue;
        };
        for source in sources {
            let origin = source.starts_with("https://") && source[8..].find('/').is_none();
            let allowed =
                proven.contains(source) || (origin && proven.iter().any(|p| p == "'self'"));
            if !allowed {
                problems.push(format!(
                    "`{name} {source}`: the strict-CSP example ({name} {}) does not show that it is needed",
                    proven.join(" ")
                ));
            }
        }
    }
    for (name, _) in strict.iter().filter(|(n, _)| n != "default-src") {
        if !given.iter().any(|(n, _)| n == name) {
            problems.push(format!(
                "`{name}` is missing: the strict-CSP example needs it"
            ));
        }
    }
    problems
}

/// The e2e tests take the first `Content-Security-Policy:` line of
/// `docs/integration.md` as the strict-CSP example's policy.
pub fn first_policy(blocks: &[Block]) -> Vec<String> {
    let first = blocks.iter().find_map(|b| {
        b.text
            .lines()
            .find_map(|l| l.strip_prefix("Content-Security-Policy:"))
            .map(|p| (b, normalized(p)))
    });
    match first {
        Some((_, policy)) if policy == normalized(STRICT_CSP) => Vec::new(),
        Some((block, _)) => vec![format!(
            "{}: the first Content-Security-Policy line of this guide must be the strict-CSP example's ({STRICT_CSP}): tests/browser/e2e/csp.test.mjs reads it from here",
            block.place()
        )],
        None => vec![format!(
            "docs/integration.md states no Content-Security-Policy line; tests/browser/e2e/csp.test.mjs reads the strict-CSP example's ({STRICT_CSP}) from it"
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_served_policies_pass_and_others_fail() {
        assert!(check_http(&format!("Content-Security-Policy: {STRICT_CSP}\n")).is_empty());
        assert!(check_http(&format!("Content-Security-Policy: {KEYCLOAK_CSP}")).is_empty());
        assert!(check_http(
            "Content-Security-Policy: frame-src 'self'; frame-ancestors 'self'; object-src 'none';"
        )
        .is_empty());
        let loosened = STRICT_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
        assert_eq!(
            check_http(&format!("Content-Security-Policy: {loosened}")).len(),
            1
        );
        assert!(check_http(
            "GET https://portal.example.org/navigation.json?language=de\nAccept: application/json"
        )
        .is_empty());
        assert_eq!(check_http("just words").len(), 1);
    }

    #[test]
    fn cross_origin_directives_follow_the_strict_example() {
        let lines = "script-src  'self' https://portal.example.org 'wasm-unsafe-eval';\n\
                     connect-src 'self' https://portal.example.org;\n\
                     img-src     'self' https://portal.example.org data:;\n\
                     style-src   'self' https://portal.example.org;";
        assert_eq!(check_directives(lines), Vec::<String>::new());
        let problems = check_directives("script-src 'self' 'unsafe-eval';\nframe-src 'self';");
        let joined = problems.join("\n");
        assert!(joined.contains("`script-src 'unsafe-eval'`"), "{joined}");
        assert!(joined.contains("`frame-src`"), "{joined}");
        assert!(joined.contains("`connect-src` is missing"), "{joined}");
    }
}
