//! Entry links and icon URLs, made safe to put into `href` and `src`.
//!
//! What counts is how a browser will read the string, so the checks follow
//! the WHATWG URL parser where it is more forgiving than RFC 3986: it strips
//! leading and trailing control characters and spaces, deletes tabs and
//! newlines anywhere (`java\tscript:` is `javascript:`), matches schemes
//! without regard to case and reads `\` as `/` in http(s) URLs. A link
//! survives only if the browser would see `http:`, `https:` or a reference
//! relative to the page. Relative references are resolved against the
//! portal's base URL (RFC 3986 §5.2), because the chrome is embedded in
//! other apps whose origin is not the portal's.
//!
//! Icons may also be `data:image/…` URLs ([`safe_icon`]): they only ever go
//! into an `<img src>`, where no format runs script (an SVG image is drawn
//! without its scripts, event handlers and external loads), so the media
//! type is all that needs checking. Links never may: a `data:` page opened
//! from the launcher is a document that can run script.

use crate::text::short;
use std::borrow::Cow;

/// Longer links are refused rather than cut, since a cut URL points
/// somewhere else. Real portal links are far shorter.
pub const MAX_LINK_BYTES: usize = 4096;

/// `data:` icons longer than this are refused: the document is cached in
/// `localStorage` with its icons, and real icons are a few kilobytes.
pub const MAX_ICON_DATA_BYTES: usize = 32 * 1024;

/// Checks `raw` and resolves it against `base`. Returns an absolute
/// `http(s)` URL, or, when `base` is not an absolute `http(s)` URL (empty,
/// say), a relative reference as given, which the browser will resolve
/// against the page. The error says why the link cannot be used.
pub fn safe_link(raw: &str, base: &str) -> Result<String, String> {
    Base::new(base).resolve(raw)
}

/// [`safe_link`] for an icon: the same, plus `data:image/…` URLs (see the
/// module's documentation), returned as the browser will read them.
pub fn safe_icon(raw: &str, base: &str) -> Result<String, String> {
    Base::new(base).icon(raw)
}

/// A base URL checked once for a whole document.
pub(crate) struct Base(Option<String>);

impl Base {
    pub(crate) fn new(raw: &str) -> Base {
        let usable = browser_view(raw).ok().filter(|s| {
            let p = Parts::split(s);
            p.scheme.is_some_and(is_http) && has_host(p.authority)
        });
        Base(usable.map(|s| lowercase_scheme(&s)))
    }

    pub(crate) fn is_usable(&self) -> bool {
        self.0.is_some()
    }

    pub(crate) fn icon(&self, raw: &str) -> Result<String, String> {
        let view = unwrapped(raw, MAX_ICON_DATA_BYTES)?;
        match Parts::split(&view).scheme {
            Some(scheme) if scheme.eq_ignore_ascii_case("data") => data_image(&view[5..]),
            Some(scheme) if !is_http(scheme) => Err(format!(
                "`{}:` icons are not allowed, only http, https, relative and `data:image` ones",
                short(scheme)
            )),
            _ => self.resolve(raw),
        }
    }

    pub(crate) fn resolve(&self, raw: &str) -> Result<String, String> {
        let view = browser_view(raw)?;
        let r = Parts::split(&view);
        if let Some(scheme) = r.scheme {
            if !is_http(scheme) {
                return Err(format!(
                    "`{}:` links are not allowed, only http, https and relative ones",
                    short(scheme)
                ));
            }
            if !has_host(r.authority) {
                return Err("the link has no host".into());
            }
            let path = remove_dot_segments(r.path);
            return Ok(lowercase_scheme(&Parts { path: &path, ..r }.join()));
        }
        if r.authority.is_some() && !has_host(r.authority) {
            return Err("the link has no host".into());
        }
        let Some(base) = &self.0 else {
            return Ok(view.into_owned());
        };
        let b = Parts::split(base);
        let merged;
        let t = if r.authority.is_some() {
            merged = remove_dot_segments(r.path);
            Parts {
                scheme: b.scheme,
                path: &merged,
                ..r
            }
        } else if r.path.is_empty() {
            Parts {
                query: r.query.or(b.query),
                fragment: r.fragment,
                ..b
            }
        } else {
            merged = if r.path.starts_with('/') {
                remove_dot_segments(r.path)
            } else if b.path.is_empty() {
                remove_dot_segments(&format!("/{}", r.path))
            } else {
                let dir = &b.path[..b.path.rfind('/').map_or(0, |i| i + 1)];
                remove_dot_segments(&format!("{dir}{}", r.path))
            };
            Parts {
                path: &merged,
                query: r.query,
                fragment: r.fragment,
                ..b
            }
        };
        Ok(t.join())
    }
}

/// The string as the browser's URL parser sees it, or why it is refused.
fn browser_view(raw: &str) -> Result<Cow<'_, str>, String> {
    let mut s = unwrapped(raw, MAX_LINK_BYTES)?;
    let end = s.find(['?', '#']).unwrap_or(s.len());
    if s[..end].contains('\\') {
        s = Cow::Owned(s[..end].replace('\\', "/") + &s[end..]);
    }
    Ok(s)
}

/// What every URL goes through first, as in the browser: surrounding
/// spaces and control characters trimmed, tabs and newlines deleted; any
/// other control character refuses it.
fn unwrapped(raw: &str, max: usize) -> Result<Cow<'_, str>, String> {
    let s = raw.trim_matches(|c: char| c <= ' ');
    if s.is_empty() {
        return Err("the link is empty".into());
    }
    if s.len() > max {
        return Err(format!("the link is longer than {max} bytes"));
    }
    let mut s = Cow::Borrowed(s);
    if s.contains(['\t', '\n', '\r']) {
        s = Cow::Owned(s.replace(['\t', '\n', '\r'], ""));
    }
    if s.contains(char::is_control) {
        return Err("the link contains control characters".into());
    }
    Ok(s)
}

/// `data:` followed by `rest`, if its media type is `image/<subtype>`
/// with at most `name=value` parameters and a final `;base64` (RFC 2397,
/// RFC 6838 names). Stricter than browsers, which trim spaces and fall
/// back to `text/plain`: anything they might read differently is refused.
fn data_image(rest: &str) -> Result<String, String> {
    let refused = || Err("`data:` icons must be images (`data:image/…`)".to_owned());
    let Some((header, _)) = rest.split_once(',') else {
        return refused();
    };
    let mut parts = header.split(';');
    let media_type = parts.next().unwrap_or_default();
    let Some((kind, subtype)) = media_type.split_once('/') else {
        return refused();
    };
    if !kind.eq_ignore_ascii_case("image") || !is_name(subtype) {
        return refused();
    }
    let mut parts = parts.peekable();
    while let Some(part) = parts.next() {
        let last = parts.peek().is_none();
        let ok = match part.split_once('=') {
            Some((name, value)) => is_name(name) && is_name(value),
            None => last && part.eq_ignore_ascii_case("base64"),
        };
        if !ok {
            return refused();
        }
    }
    Ok(format!("data:{rest}"))
}

/// An RFC 6838 `restricted-name`.
fn is_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    s.len() <= 127
        && bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
}

fn is_http(scheme: &str) -> bool {
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

fn has_host(authority: Option<&str>) -> bool {
    authority
        .and_then(|a| a.rsplit('@').next())
        .is_some_and(|host| !host.is_empty() && !host.starts_with(':'))
}

fn lowercase_scheme(url: &str) -> String {
    let colon = url.find(':').unwrap_or(0);
    url[..colon].to_ascii_lowercase() + &url[colon..]
}

/// The five components of RFC 3986 §3, borrowed from the reference.
#[derive(Clone, Copy)]
struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

impl<'a> Parts<'a> {
    fn split(s: &'a str) -> Self {
        let (rest, fragment) = s.split_once('#').map_or((s, None), |(a, f)| (a, Some(f)));
        let (rest, query) = rest
            .split_once('?')
            .map_or((rest, None), |(a, q)| (a, Some(q)));
        // A colon counts only after a valid scheme name; `a b:c` and
        // `1x:y` are relative paths to the browser, and so to us.
        let (scheme, rest) = match rest.find([':', '/']) {
            Some(i) if rest[i..].starts_with(':') && is_scheme(&rest[..i]) => {
                (Some(&rest[..i]), &rest[i + 1..])
            }
            _ => (None, rest),
        };
        let (authority, path) = match rest.strip_prefix("//") {
            Some(r) => {
                let end = r.find('/').unwrap_or(r.len());
                (Some(&r[..end]), &r[end..])
            }
            None => (None, rest),
        };
        Parts {
            scheme,
            authority,
            path,
            query,
            fragment,
        }
    }

    /// RFC 3986 §5.3.
    fn join(&self) -> String {
        let mut out = String::new();
        if let Some(s) = self.scheme {
            out.push_str(s);
            out.push(':');
        }
        if let Some(a) = self.authority {
            out.push_str("//");
            out.push_str(a);
        }
        out.push_str(self.path);
        if let Some(q) = self.query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = self.fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }
}

fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// RFC 3986 §5.2.4, for the absolute paths that resolution produces.
fn remove_dot_segments(path: &str) -> String {
    let Some(rest) = path.strip_prefix('/') else {
        return path.to_owned();
    };
    let mut kept: Vec<&str> = Vec::new();
    let mut open_end = false;
    for segment in rest.split('/') {
        open_end = matches!(segment, "." | "..");
        match segment {
            "." => {}
            ".." => {
                kept.pop();
            }
            s => kept.push(s),
        }
    }
    let mut out = String::with_capacity(path.len());
    for segment in &kept {
        out.push('/');
        out.push_str(segment);
    }
    if open_end || kept.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_BASE: &str = "http://a/b/c/d;p?q";

    fn join(reference: &str) -> String {
        safe_link(reference, RFC_BASE).unwrap()
    }

    #[test]
    fn relative_links_join_the_base_like_rfc_3986_normal_examples() {
        for (reference, expected) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"),
            ("g;x", "http://a/b/c/g;x"),
            ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../", "http://a/"),
            ("../../g", "http://a/g"),
        ] {
            if reference.is_empty() {
                // An empty link is no link at all for an entry.
                assert!(safe_link(reference, RFC_BASE).is_err());
                continue;
            }
            assert_eq!(join(reference), expected, "{reference}");
        }
    }

    #[test]
    fn relative_links_join_the_base_like_rfc_3986_abnormal_examples() {
        for (reference, expected) in [
            ("../../../g", "http://a/g"),
            ("../../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            (".g", "http://a/b/c/.g"),
            ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"),
            ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g#s/../x", "http://a/b/c/g#s/../x"),
        ] {
            assert_eq!(join(reference), expected, "{reference}");
        }
    }

    #[test]
    fn a_base_without_a_path_gets_a_root() {
        assert_eq!(
            safe_link("icons/mail.svg", "https://portal.example.org").unwrap(),
            "https://portal.example.org/icons/mail.svg"
        );
    }

    #[test]
    fn protocol_relative_links_take_the_base_scheme() {
        assert_eq!(
            safe_link(
                "//evil.example/x",
                "https://portal.example.org/univention/portal/"
            )
            .unwrap(),
            "https://evil.example/x"
        );
    }

    #[test]
    fn absolute_http_links_are_kept_with_a_lowercase_scheme() {
        assert_eq!(
            safe_link("HTTPS://Mail.example.org/a/./b/../c?x=1#top", "").unwrap(),
            "https://Mail.example.org/a/c?x=1#top"
        );
        assert_eq!(safe_link("http://h", "").unwrap(), "http://h");
    }

    #[test]
    fn without_a_usable_base_relative_links_are_kept_as_given() {
        for base in [
            "",
            "/univention/portal/",
            "ftp://files.example.org/",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_link("/icons/a.svg", base).unwrap(), "/icons/a.svg");
            assert_eq!(safe_link("../a?b#c", base).unwrap(), "../a?b#c");
        }
    }

    #[test]
    fn script_and_other_schemes_are_refused_however_they_are_written() {
        let base = "https://portal.example.org/";
        for raw in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  JAVASCRIPT:alert(1)",
            "\u{1}\u{1f} javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "javascript\t:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "mailto:a@example.org",
            "c:/windows",
            "web+app:x",
        ] {
            let error = safe_link(raw, base).unwrap_err();
            assert!(error.contains("not allowed"), "{raw:?}: {error}");
            assert!(safe_link(raw, "").is_err(), "{raw:?} without base");
        }
    }

    #[test]
    fn control_characters_inside_a_link_refuse_it() {
        assert!(safe_link("java\u{0}script:alert(1)", "").is_err());
        assert!(safe_link("https://a.example/\u{7f}", "").is_err());
        assert!(safe_link("https://a.example/\u{85}", "").is_err());
    }

    #[test]
    fn things_that_only_look_like_schemes_stay_relative() {
        let base = "https://p.example/dir/";
        assert_eq!(
            safe_link("a b:c", base).unwrap(),
            "https://p.example/dir/a b:c"
        );
        assert_eq!(
            safe_link("1x:y", base).unwrap(),
            "https://p.example/dir/1x:y"
        );
        assert_eq!(
            safe_link("x?javascript:1", base).unwrap(),
            "https://p.example/dir/x?javascript:1"
        );
    }

    #[test]
    fn http_links_need_a_host() {
        assert!(safe_link("https:evil.example", "https://p.example/").is_err());
        assert!(safe_link("https:///x", "").is_err());
        assert!(safe_link("///x", "https://p.example/").is_err());
        assert!(safe_link("https://user@:80/", "").is_err());
        assert!(safe_link("https://user@h:80/", "").is_ok());
    }

    #[test]
    fn backslashes_before_the_query_are_slashes_as_in_browsers() {
        assert_eq!(
            safe_link("\\\\evil.example\\x?a\\b", "https://p.example/").unwrap(),
            "https://evil.example/x?a\\b"
        );
    }

    #[test]
    fn overlong_links_are_refused_not_cut() {
        let long = format!("https://a.example/{}", "x".repeat(MAX_LINK_BYTES));
        assert!(safe_link(&long, "").unwrap_err().contains("longer"));
    }

    #[test]
    fn a_hostile_scheme_is_quoted_short() {
        let raw = format!("{}:x", "j".repeat(10_000));
        assert!(safe_link(&raw, "").unwrap_err().len() < 200);
    }

    #[test]
    fn image_data_icons_are_kept_whatever_the_subtype() {
        for raw in [
            "data:image/png;base64,iVBORw0KGgo=",
            "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
            "data:image/svg+xml;charset=utf-8,%3Csvg%3E",
            "data:image/svg+xml;charset=utf-8;base64,PHN2Zz4=",
            "data:image/webp;base64,UklGRg==",
            "data:image/x-icon;BASE64,AAAB",
            "data:image/vnd.microsoft.icon,x",
            "data:image/gif,",
        ] {
            assert_eq!(safe_icon(raw, "https://p.example/").as_deref(), Ok(raw));
        }
    }

    #[test]
    fn image_data_icons_are_read_as_the_browser_reads_them() {
        for (raw, seen) in [
            ("DATA:Image/PNG;Base64,AAAA", "data:Image/PNG;Base64,AAAA"),
            (" \u{1}data:image/png,x\u{1f} ", "data:image/png,x"),
            ("da\tta:image/png,x", "data:image/png,x"),
            ("data:image/\npng;base\r64,x", "data:image/png;base64,x"),
        ] {
            assert_eq!(safe_icon(raw, "").as_deref(), Ok(seen), "{raw:?}");
        }
    }

    #[test]
    fn data_icons_that_are_not_plainly_images_are_refused() {
        for raw in [
            "data:text/html,<script>alert(1)</script>",
            "data:text/html;base64,PHNjcmlwdD4=",
            "da\tta:text/html,<script>alert(1)</script>",
            "data:,x",
            "data:;base64,x",
            "data:image,x",
            "data:image/,x",
            "data:/png,x",
            "data:image/png",
            "data: image/png,x",
            "data:image/png ,x",
            "data:image/png; base64,x",
            "data:image/png;base64 ,x",
            "data:image/png;base64;charset=utf-8,x",
            "data:image/svg+xml;text/html,<script>alert(1)</script>",
            "data:text/html;x=image/png,<script>alert(1)</script>",
            "data:image/png;charset=\"utf-8\",x",
            "data:image/png;=x,x",
            "data:image%2Fpng,x",
            "data:image/svg%2Bxml,x",
            "data:imäge/png,x",
            "data:image/pñg,x",
            "data:application/octet-stream;image/png,x",
            "data:image/png\u{0},x",
            "data\u{0}:image/png,x",
            "data:image/png\u{85},x",
        ] {
            let error = safe_icon(raw, "https://p.example/").unwrap_err();
            assert!(
                error.contains("data:image") || error.contains("control"),
                "{raw:?}: {error}"
            );
        }
    }

    #[test]
    fn links_stay_http_and_relative_only_even_for_image_data() {
        for raw in ["data:image/png;base64,AAAA", "data:image/svg+xml,<svg/>"] {
            let error = safe_link(raw, "https://p.example/").unwrap_err();
            assert!(error.contains("`data:` links are not allowed"), "{error}");
        }
    }

    #[test]
    fn other_schemes_are_refused_for_icons_too() {
        for raw in [
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "  JAVASCRIPT:alert(1)",
            "vbscript:msgbox(1)",
            "blob:https://p.example/0c5f",
            "file:///etc/passwd",
            "ftp://files.example/i.png",
            "filesystem:https://p.example/temporary/i.png",
        ] {
            let error = safe_icon(raw, "https://p.example/").unwrap_err();
            assert!(error.contains("icons are not allowed"), "{raw:?}: {error}");
        }
    }

    #[test]
    fn http_and_relative_icons_follow_the_link_rules() {
        let base = "https://p.example/portal/";
        for raw in [
            "icons/a.svg",
            "/a.svg",
            "HTTPS://cdn.example/a.svg",
            "\\\\evil.example\\a.svg",
        ] {
            assert_eq!(safe_icon(raw, base), safe_link(raw, base), "{raw}");
        }
        assert!(safe_icon("https:///x.svg", base).is_err());
    }

    #[test]
    fn data_icons_have_their_own_size_limit() {
        let at_limit = format!(
            "data:image/png;base64,{}",
            "A".repeat(MAX_ICON_DATA_BYTES - 22)
        );
        assert_eq!(at_limit.len(), MAX_ICON_DATA_BYTES);
        assert!(safe_icon(&at_limit, "").is_ok());
        assert!(safe_icon(&format!("{at_limit}A"), "")
            .unwrap_err()
            .contains("longer"));
        let long_http = format!("https://a.example/{}", "x".repeat(MAX_LINK_BYTES));
        assert!(safe_icon(&long_http, "").unwrap_err().contains("longer"));
    }
}
