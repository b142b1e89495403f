//! Documents written to break the chrome: script in names, script links,
//! wrong types everywhere, sheer size, and random junk.

use bandeau_navigation::{
    filter, fold, monogram, parse, safe_link, NavigationDocument, Target, MAX_CHARS, MAX_KEYWORDS,
};
use serde_json::{json, Map, Value};

const BASE: &str = "https://portal.example.org/univention/portal/";

/// The scheme a browser would read from `href`, following the WHATWG URL
/// parser's first steps; written independently of the crate's own check.
fn browser_scheme(href: &str) -> Option<String> {
    let s: String = href
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = s.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))?;
    let first = s.chars().next()?;
    (first.is_ascii_alphabetic() && s[end..].starts_with(':'))
        .then(|| s[..end].to_ascii_lowercase())
}

/// What must hold for any document the reader returns.
fn assert_safe(doc: &NavigationDocument, base_usable: bool) {
    for category in &doc.categories {
        assert!(category.display_name.chars().count() <= MAX_CHARS);
        for entry in &category.entries {
            for text in [&entry.display_name, &entry.identifier]
                .into_iter()
                .chain(&entry.keywords)
            {
                assert!(text.chars().count() <= MAX_CHARS, "{text:?}");
                assert!(!text.chars().any(char::is_control), "{text:?}");
                assert_eq!(text.trim(), text);
            }
            assert!(!entry.display_name.is_empty());
            assert!(entry.keywords.len() <= MAX_KEYWORDS);
            assert!(entry
                .keywords
                .iter()
                .all(|k| !k.is_empty() && !k.contains(',')));
            if let Target::Named(name) = &entry.target {
                assert!((1..=64).contains(&name.len()));
                assert!(name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
            }
            for url in entry.link.iter().chain(&entry.icon_url) {
                match browser_scheme(url) {
                    Some(scheme) => assert!(scheme == "http" || scheme == "https", "{url:?}"),
                    None => assert!(!base_usable, "unresolved {url:?}"),
                }
                assert!(!url.chars().any(char::is_control), "{url:?}");
            }
            assert!(!monogram(&entry.display_name).is_empty());
        }
    }
}

#[test]
fn hostile_document_yields_only_safe_links() {
    let script_name = "<img src=x onerror=alert(1)>";
    let bad_links = [
        "javascript:alert(1)",
        "  JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "\u{0}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ];
    let mut entries: Vec<Value> = bad_links
        .iter()
        .enumerate()
        .map(|(i, link)| json!({"identifier": format!("bad{i}"), "display_name": script_name, "link": link, "icon_url": link}))
        .collect();
    // `&colon;` means nothing to a URL parser: a harmless relative path.
    entries.push(json!({"identifier": "entity", "link": "javascript&colon;alert(1)"}));
    // Every field of the wrong type.
    entries.push(
        json!({"identifier": 1, "display_name": ["x"], "link": {"a": 1}, "icon_url": false,
                        "target": {"_blank": true}, "keywords": 3.5}),
    );
    entries.push(json!({"identifier": {"de": "x"}, "display_name": true, "link": [], "target": [], "keywords": [[["deep"]]]}));
    entries.push(json!({"identifier": "huge", "display_name": "x".repeat(1_000_000), "link": format!("https://a.example/{}", "y".repeat(100_000)),
                        "keywords": (0..100_000).map(|i| format!("k{i},")).collect::<String>(), "target": "t".repeat(10_000)}));
    entries.push(json!(null));
    entries.push(json!([[[[{"categories": []}]]]]));
    let big: Vec<Value> = (0..10_000)
        .map(|i| {
            let link = if i % 2 == 0 { format!("apps/{i}") } else { bad_links[i % bad_links.len()].to_owned() };
            json!({"identifier": format!("e{i}"), "display_name": format!("{script_name} {i}"), "link": link, "target": "_blank"})
        })
        .collect();
    let doc = json!({"categories": [
        {"identifier": script_name, "display_name": script_name, "entries": entries},
        {"identifier": "big", "display_name": {"de": 5}, "entries": big},
        {"identifier": [], "display_name": {}, "entries": "none"},
        "junk", 7, null,
    ], "extra": {"deep": [[[[[[1]]]]]]}});

    let (read, problems) = parse(&doc.to_string(), BASE, "de").unwrap();
    assert_safe(&read, true);
    let hostile = &read.categories[0];
    assert_eq!(
        hostile.display_name, script_name,
        "markup is text, kept verbatim"
    );
    assert!(hostile.entries[..bad_links.len()]
        .iter()
        .all(|e| e.display_name == script_name));
    assert!(hostile.entries[..bad_links.len()]
        .iter()
        .all(|e| e.link.is_none() && e.icon_url.is_none()));
    let entity = hostile
        .entries
        .iter()
        .find(|e| e.identifier == "entity")
        .unwrap();
    assert_eq!(
        entity.link.as_deref(),
        Some("https://portal.example.org/univention/portal/javascript&colon;alert(1)")
    );
    let huge = hostile
        .entries
        .iter()
        .find(|e| e.identifier == "huge")
        .unwrap();
    assert_eq!(huge.display_name.len(), MAX_CHARS);
    assert_eq!(huge.link, None);
    assert_eq!(huge.keywords.len(), MAX_KEYWORDS);
    assert_eq!(huge.target, Target::SameWindow);

    let big = &read.categories[1];
    assert_eq!(big.entries.len(), 10_000);
    assert_eq!(big.display_name, "big");
    assert_eq!(
        big.entries.iter().filter(|e| e.link.is_some()).count(),
        5_000
    );
    assert_eq!(
        big.entries[2].link.as_deref(),
        Some("https://portal.example.org/univention/portal/apps/2")
    );
    assert_eq!(
        filter(&read, "e9999").len(),
        0,
        "identifiers are not searched"
    );
    assert_eq!(filter(&read, "alert(1) 9999")[0].1.len(), 1);

    assert_eq!(
        read.categories.len(),
        3,
        "non-object categories are skipped"
    );
    assert!(read.categories[2].is_empty());
    assert!(
        problems.iter().all(|p| p.to_string().len() < 300),
        "problems stay short"
    );
    assert!(problems.last().unwrap().message.ends_with("more problems"));
    for url in bad_links {
        assert!(safe_link(url, BASE).is_err(), "{url:?}");
        assert!(safe_link(url, "").is_err(), "{url:?}");
    }
}

/// xorshift64*: deterministic, so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const KEYS: &[&str] = &[
    "categories",
    "identifier",
    "display_name",
    "entries",
    "link",
    "icon_url",
    "target",
    "keywords",
    "de",
    "en",
    "de_DE",
    "locale",
    "value",
    "x",
];
const PIECES: &[&str] = &[
    "",
    " ",
    "a",
    "Büro",
    "E-Mail",
    "ß",
    "Ærø",
    "e\u{301}",
    "😀",
    "日本",
    "\u{0}",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\t",
    "\n",
    ",",
    ":",
    "/",
    "//",
    "\\",
    "?",
    "#",
    "..",
    ".",
    "%",
    "&colon;",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "JAVASCRIPT:",
    "java\tscript:",
    "data:",
    "vbscript:",
    "file:",
    "http:",
    "https:",
    "HTTPS://",
    "evil.example",
    "@",
    "_blank",
    "_self",
    "tab_x",
    "alert(1)",
];

fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(6)).map(|_| rng.pick(PIECES)).collect()
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    let leaf = depth > 5 || rng.below(3) == 0;
    match if leaf { rng.below(5) } else { 5 + rng.below(3) } {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64 as f64 / 7.0),
        3 | 4 => Value::String(random_text(rng)),
        5 => Value::Array(
            (0..rng.below(5))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(8) {
                let key = if rng.below(4) == 0 {
                    random_text(rng)
                } else {
                    rng.pick(KEYS).to_owned()
                };
                map.insert(key, random_value(rng, depth + 1));
            }
            Value::Object(map)
        }
    }
}

/// Mostly navigation-shaped, so the reader gets past the top level and
/// meets the junk where it matters.
fn random_document(rng: &mut Rng) -> Value {
    let categories: Vec<Value> = (0..rng.below(4))
        .map(|_| {
            if rng.below(6) == 0 {
                return random_value(rng, 2);
            }
            let entries: Vec<Value> = (0..rng.below(6))
                .map(|_| {
                    let mut entry = Map::new();
                    for key in ["identifier", "display_name", "link", "icon_url", "target", "keywords"] {
                        if rng.below(5) > 0 {
                            let value = if rng.below(2) == 0 { Value::String(random_text(rng)) } else { random_value(rng, 3) };
                            entry.insert(key.into(), value);
                        }
                    }
                    Value::Object(entry)
                })
                .collect();
            json!({"identifier": random_value(rng, 4), "display_name": random_value(rng, 4), "entries": entries})
        })
        .collect();
    if rng.below(10) == 0 {
        random_value(rng, 0)
    } else {
        json!({ "categories": categories })
    }
}

#[test]
fn random_documents_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let bases = [
        BASE,
        "",
        "javascript:alert(1)",
        "https://p.example",
        "/relative/",
    ];
    let languages = ["de", "de-DE", "en_US", "", "x"];
    let mut read_ok = 0;
    for round in 0..5_000 {
        let doc = random_document(&mut rng);
        let base = bases[round % bases.len()];
        let language = languages[rng.below(languages.len())];
        let text = doc.to_string();
        // Also feed cut-off text: a truncated download must be an error.
        let cut = &text[..text
            .char_indices()
            .map(|(i, _)| i)
            .nth(rng.below(text.len() + 1))
            .unwrap_or(text.len())];
        let _ = parse(cut, base, language);
        let Ok((read, _)) = parse(&text, base, language) else {
            continue;
        };
        read_ok += 1;
        let usable = base.starts_with("https://");
        assert_safe(&read, usable);
        let (again, _) = parse(&read.to_json(), base, language).unwrap();
        assert_eq!(again, read, "round {round}");
        let query = random_text(&mut rng);
        let _ = filter(&read, &query);
        let _ = fold(&query);
        let _ = monogram(&query);
        let _ = safe_link(&query, base);
    }
    assert!(
        read_ok > 4_000,
        "the generator should mostly make readable documents ({read_ok})"
    );
}
