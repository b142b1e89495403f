//! Arbitrary bytes through the whole core: JSON parsing, merging, `$extends`,
//! reference resolution, value checks, the resolver, the lint and every
//! output format. Any outcome but a panic (or a hang) is fine.
#![no_main]

use bandeau_tokens::emit::{self, Format, Options};
use bandeau_tokens::{lint, resolver, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Two files, so merging and cross-file aliases are exercised too.
    let mid = (text.len() / 2..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let (a, b) = text.split_at(mid);
    let sources = [Source::new("a.json", text), Source::new("b.json", b), Source::new("c.json", a)];
    if let Ok(compiled) = resolver::compile_files(&sources[..1]) {
        let _ = lint::check(&compiled);
        let _ = emit::emit(&compiled, &Format::ALL, &Options::default());
    }
    let _ = resolver::compile_files(&sources[1..]);
    let mut files = std::collections::HashMap::new();
    files.insert("t.json".to_string(), text.to_string());
    let doc = r##"{"version": "2025.10", "sets": {"s": {"sources": [{"$ref": "t.json"}]}},
        "modifiers": {"m": {"contexts": {"x": [], "y": [{"$ref": "t.json"}]}}},
        "resolutionOrder": [{"$ref": "#/sets/s"}, {"$ref": "#/modifiers/m"}]}"##;
    if let Ok(compiled) = resolver::compile_resolver("r.resolver.json", doc, &mut files) {
        let _ = emit::emit(&compiled, &[Format::Css], &Options::default());
    }
    let _ = resolver::compile_resolver("r.resolver.json", text, &mut files);
});
