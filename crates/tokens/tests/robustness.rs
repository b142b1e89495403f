//! No input makes the compiler panic: 20 000 deterministic pseudo-random
//! inputs (random bytes, and mutations of real token and resolver files)
//! go through `compile` and `compile_resolver`; whatever compiles is also
//! emitted in every format and linted. Errors are fine, panics are not.

use bandeau_tokens::emit::{emit, Format, Options};
use bandeau_tokens::resolver::{compile_resolver, Compiled};
use bandeau_tokens::{compile, lint, Source};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

const CASES: usize = 20_000;

const SEEDS: [(&str, &str); 5] = [
    (
        "base.tokens.json",
        include_str!("golden/input/base.tokens.json"),
    ),
    (
        "semantic.tokens.json",
        include_str!("golden/input/semantic.tokens.json"),
    ),
    (
        "dark.tokens.json",
        include_str!("golden/input/dark.tokens.json"),
    ),
    (
        "compact.tokens.json",
        include_str!("golden/input/compact.tokens.json"),
    ),
    (
        "tokens.resolver.json",
        include_str!("golden/input/tokens.resolver.json"),
    ),
];

/// Fragments that steer mutations towards the interesting paths: members
/// and references the compiler treats specially.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "\\u",
    "\\ud800",
    "null",
    "true",
    "-0",
    "1e308",
    "1e999",
    "\"$value\"",
    "\"$type\"",
    "\"$extends\"",
    "\"$root\"",
    "\"$ref\"",
    "\"$deprecated\"",
    "\"$extensions\"",
    "\"{color.white}\"",
    "\"{a.b}\"",
    "\"{}\"",
    "\"{.}\"",
    "\"#/\"",
    "\"#/color/blue/$root/$value/components/9\"",
    "{\"$ref\": \"#/sets/base\"}",
    "{\"$ref\": \"#/color\"}",
    "\"none\"",
    "\"shadow\"",
    "\"color\"",
    "\"typography\"",
    "\"contexts\"",
    "\"resolutionOrder\"",
    "\"sources\"",
    "é",
    "\u{feff}",
    "\u{0}",
];

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &str) -> Vec<u8> {
    let mut b = seed.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(8) {
            // Flip some bits of one byte.
            0 if !b.is_empty() => {
                let i = at.min(b.len() - 1);
                b[i] ^= 1 << rng.below(8);
            }
            // Truncate.
            1 => b.truncate(at),
            // Insert a structural or special fragment.
            2 | 3 => {
                let f = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                b.splice(at..at, f.iter().copied());
            }
            // Delete a range.
            4 => {
                let end = (at + rng.below(40)).min(b.len());
                b.drain(at..end);
            }
            // Duplicate a range elsewhere.
            5 => {
                let end = (at + rng.below(200)).min(b.len());
                let chunk = b[at..end].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, chunk);
            }
            // Replace a number or name character with another.
            6 if !b.is_empty() => {
                let i = at.min(b.len() - 1);
                let alphabet = b"0123456789.-{}[]\"$#/~ax";
                b[i] = alphabet[rng.below(alphabet.len())];
            }
            _ => {
                let i = at.min(b.len());
                b.insert(i, rng.next() as u8);
            }
        }
    }
    b
}

/// Values a tree mutation may put anywhere.
fn interesting(rng: &mut Rng) -> serde_json::Value {
    use serde_json::json;
    match rng.below(18) {
        0 => json!(null),
        1 => json!(true),
        2 => json!(-1),
        3 => json!(0),
        4 => json!(1.5),
        5 => json!(1e9),
        6 => json!("{color.white}"),
        7 => json!("{space.2}"),
        8 => json!("{nope}"),
        9 => json!("none"),
        10 => json!("#ffffff"),
        11 => json!("solid"),
        12 => json!({"$ref": "#/color/grey/100"}),
        13 => json!({"$ref": "#/color/blue/$root/$value/components/1"}),
        14 => json!({"value": 2, "unit": "rem"}),
        15 => json!([0.1, 0.2, 0.3, 0.4]),
        16 => json!({"colorSpace": "oklch", "components": [0.5, "none", 120]}),
        _ => json!([]),
    }
}

/// Keys a tree mutation may rename a member to.
const KEYS: &[&str] = &[
    "$value",
    "$type",
    "$root",
    "$extends",
    "$deprecated",
    "$description",
    "$extensions",
    "x.y",
    "new",
    "default",
    "dark",
    "sources",
    "contexts",
];

/// Changes one node of a JSON document, keeping it valid JSON, so the
/// input gets past the parser to the format rules.
fn mutate_tree(rng: &mut Rng, v: &mut serde_json::Value) {
    use serde_json::Value as V;
    // Descend a random number of levels, then change something there.
    let stop = rng.below(6) == 0;
    match v {
        V::Object(m) if !m.is_empty() && !stop => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = keys[rng.below(keys.len())].clone();
            match rng.below(10) {
                0 => {
                    m.remove(&k);
                }
                1 => {
                    let x = m.remove(&k).unwrap();
                    m.insert(KEYS[rng.below(KEYS.len())].to_string(), x);
                }
                2 => {
                    let other = keys[rng.below(keys.len())].clone();
                    let copy = m[&other].clone();
                    m.insert(k, copy);
                }
                _ => mutate_tree(rng, m.get_mut(&k).unwrap()),
            }
        }
        V::Array(a) if !a.is_empty() && !stop => {
            let i = rng.below(a.len());
            match rng.below(8) {
                0 => {
                    a.remove(i);
                }
                1 => a.push(a[i].clone()),
                _ => mutate_tree(rng, &mut a[i]),
            }
        }
        _ => *v = interesting(rng),
    }
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let n = rng.below(300);
    (0..n)
        .map(|_| match rng.below(4) {
            // Bias towards JSON's own alphabet so the parser goes deep.
            0 | 1 => {
                let alphabet = b"{}[]\",:0123456789-.eEtrufalsn \n\\$";
                alphabet[rng.below(alphabet.len())]
            }
            _ => rng.next() as u8,
        })
        .collect()
}

fn exercise(c: &Compiled) {
    let _ = emit(c, &Format::ALL, &Options::default());
    let _ = emit(
        c,
        &[Format::Css],
        &Options {
            output_references: true,
            ..Options::default()
        },
    );
    let (results, _) = lint::check(c);
    let _ = lint::failures(c, &results);
}

/// Runs one input every way it can be used; returns how many of those
/// compiled (and so went on to the emitters and the lint).
fn run_one(text: &str, loader: &HashMap<String, String>, target: &str) -> usize {
    let mut compiled = 0;
    // As a token file on its own.
    if let Ok((set, _)) = compile(&[Source::new("fuzz.json", text)]) {
        let c = bandeau_tokens::resolver::compile_files(&[Source::new("fuzz.json", text)]).unwrap();
        assert_eq!(c.permutations[0].tokens.len(), set.len());
        exercise(&c);
        compiled += 1;
    }
    // As the resolver document.
    if let Ok(c) = compile_resolver("fuzz.resolver.json", text, &mut loader.clone()) {
        exercise(&c);
        compiled += 1;
    }
    // As one of the files a real resolver loads.
    let mut files = loader.clone();
    files.insert(target.to_string(), text.to_string());
    if let Ok(c) = compile_resolver("tokens.resolver.json", SEEDS[4].1, &mut files) {
        exercise(&c);
        compiled += 1;
    }
    compiled
}

#[test]
fn random_and_mutated_input_never_panics() {
    let loader: HashMap<String, String> = SEEDS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let mut rng = Rng(0x5eed_0bad_cafe_f00d);
    let mut compiled_ok = 0usize;
    for case in 0..CASES {
        let (name, seed) = SEEDS[rng.below(SEEDS.len())];
        let target = if name.ends_with("resolver.json") {
            "dark.tokens.json"
        } else {
            name
        };
        let bytes = match case % 5 {
            // Random bytes, mostly from JSON's alphabet.
            0 => random_bytes(&mut rng),
            // Byte-level damage: flips, truncations, inserted braces and quotes.
            1 | 2 => mutate(&mut rng, seed),
            // Valid JSON with one or two nodes changed.
            _ => {
                let mut doc: serde_json::Value = serde_json::from_str(seed).unwrap();
                for _ in 0..1 + rng.below(2) {
                    mutate_tree(&mut rng, &mut doc);
                }
                doc.to_string().into_bytes()
            }
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match catch_unwind(AssertUnwindSafe(|| run_one(&text, &loader, target))) {
            Ok(n) => compiled_ok += usize::from(n > 0),
            Err(_) => panic!("case {case} panicked on this input (as {target}):\n{text}"),
        }
    }
    // The mutations must not all be rejected at the first byte: a fair
    // share still compiles and reaches the emitters.
    eprintln!("{compiled_ok} of {CASES} inputs compiled somewhere");
    assert!(
        compiled_ok > CASES / 20,
        "only {compiled_ok} inputs compiled"
    );
}

#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    for open in ["[", "{\"a\":", "{\"a\": {\"$value\": "] {
        let text = open.repeat(50_000);
        let errors = compile(&[Source::new("deep.json", text.as_str())]).unwrap_err();
        assert!(errors.errors().count() >= 1);
        assert!(compile_resolver("deep.json", &text, &mut HashMap::new()).is_err());
    }
}

#[test]
fn deep_groups_within_the_parser_limit_compile() {
    // 100 nested groups: well within the JSON nesting limit.
    let mut text = String::from(r#"{"$type": "number", "$value": 1}"#);
    for i in 0..100 {
        text = format!(r#"{{"g{i}": {text}}}"#);
    }
    let (set, _) = compile(&[Source::new("t.json", text.as_str())]).unwrap();
    assert_eq!(set.len(), 1);
    assert!(set.tokens[0].path.starts_with("g99.g98."));
}
