//! The samples `bench/chrome.mjs` wrote, read back and turned into the
//! side-by-side table of `target/bench/chrome.md`: the statistics live
//! here, in one place, with tests.

use std::fmt::Write as _;

use serde_json::Value;

/// The script tag's budget on the wire, brotli, as `bundle.rs` states it.
pub const SIZE_BUDGET_BYTES: u64 = 70 * 1000;
/// Script start to the bar painted, from a cached navigation document.
pub const PAINT_BUDGET_MS: f64 = 50.0;
/// Keydown in the launcher search to the updated DOM, 240 apps.
pub const KEY_BUDGET_MS: f64 = 4.0;

pub const BANDEAU: &str = "bandeau";
pub const LAGAUFRE: &str = "lagaufre";
/// Bandeau's brand module, loaded on demand by a `brand` attribute.
pub const BRAND_MODULE: &str = "bandeau-brand";

/// The navigation documents the paint runs use, with how the table names them.
pub const NAVS: [(&str, &str); 2] = [
    ("opendesk", "openDesk `opendesk-de.json`"),
    ("large", "`large-240.json`"),
];

#[derive(Debug, Default)]
pub struct Results {
    pub browser: Option<String>,
    pub sizes: Vec<Size>,
    pub paint: Vec<Paint>,
    pub keys: Option<Keys>,
}

#[derive(Debug)]
pub struct Size {
    pub product: String,
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

#[derive(Debug)]
pub struct Paint {
    pub product: String,
    pub nav: String,
    pub runs: Vec<PaintRun>,
    /// Bandeau's `localStorage` keys for the navigation after the warm-up.
    pub cached: Option<Vec<String>>,
    pub error: Option<String>,
}

/// One page load; times in ms since navigation start.
#[derive(Debug)]
pub struct PaintRun {
    pub t0: f64,
    pub dom: f64,
    pub painted: f64,
    pub apps: u64,
    pub pinned: u64,
    /// Bandeau had stored a freshly fetched navigation document before the
    /// apps showed: the run may not have shown the cached one first.
    pub fetched_first: bool,
    /// When Bandeau stored the freshly fetched document, if it had by the
    /// time the frame was painted.
    pub refreshed: Option<f64>,
}

#[derive(Debug, Default)]
pub struct Keys {
    pub apps: Option<u64>,
    pub typed: Vec<Key>,
    pub erased: Vec<Key>,
    pub error: Option<String>,
}

/// One keystroke; times in ms since its keydown.
#[derive(Debug)]
pub struct Key {
    pub key: String,
    /// The last change to the shadow tree before the next frame; `None`
    /// when the keystroke changed nothing.
    pub dom: Option<f64>,
    pub painted: f64,
    pub shown: u64,
}

/// What the run was about, for the notes.
pub struct Context {
    pub version: String,
    pub runs: usize,
    pub cores: usize,
    pub node: String,
    /// The 1-minute load average when the browser runs started; other work
    /// on the machine shows in the timings.
    pub load: Option<String>,
    /// `Some(reason)` when La Gaufre was not measured.
    pub lagaufre_missing: Option<String>,
}

pub fn parse(text: &str) -> Result<Results, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("bench results: {e}"))?;
    let list = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let sizes = list("sizes")
        .iter()
        .map(|s| Size {
            product: string(s, "product"),
            name: string(s, "name"),
            raw: count(s, "raw"),
            gzip: count(s, "gzip"),
            brotli: count(s, "brotli"),
        })
        .collect();
    let paint = list("paint")
        .iter()
        .map(|p| Paint {
            product: string(p, "product"),
            nav: string(p, "nav"),
            runs: array(p, "runs")
                .iter()
                .map(|r| PaintRun {
                    t0: number(r, "t0").unwrap_or(0.0),
                    dom: number(r, "dom").unwrap_or(0.0),
                    painted: number(r, "painted").unwrap_or(0.0),
                    apps: count(r, "apps"),
                    pinned: count(r, "pinned"),
                    fetched_first: r.get("fetched_first").and_then(Value::as_bool) == Some(true),
                    refreshed: number(r, "refreshed"),
                })
                .collect(),
            cached: p.get("cached").and_then(Value::as_array).map(|keys| {
                keys.iter()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect()
            }),
            error: optional_string(p, "error"),
        })
        .collect();
    let keys = value.get("keys").filter(|k| !k.is_null()).map(|k| {
        let presses = |key: &str| {
            array(k, key)
                .iter()
                .map(|p| Key {
                    key: string(p, "key"),
                    dom: number(p, "dom"),
                    painted: number(p, "painted").unwrap_or(0.0),
                    shown: count(p, "shown"),
                })
                .collect()
        };
        Keys {
            apps: k.get("apps").and_then(Value::as_u64),
            typed: presses("typed"),
            erased: presses("erased"),
            error: optional_string(k, "error"),
        }
    });
    Ok(Results {
        browser: optional_string(&value, "browser"),
        sizes,
        paint,
        keys,
    })
}

fn array(value: &Value, key: &str) -> Vec<Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn string(value: &Value, key: &str) -> String {
    optional_string(value, key).unwrap_or_default()
}

fn optional_string(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn number(value: &Value, key: &str) -> Option<f64> {
    value.get(key).and_then(Value::as_f64)
}

fn count(value: &Value, key: &str) -> u64 {
    value.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// Median, 90th percentile (nearest rank) and maximum.
#[derive(Debug, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub median: f64,
    pub p90: f64,
    pub max: f64,
}

pub fn stats(values: impl IntoIterator<Item = f64>) -> Option<Stats> {
    let mut sorted: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    let rank = (n * 9).div_ceil(10).max(1);
    Some(Stats {
        n,
        median,
        p90: sorted[rank - 1],
        max: sorted[n - 1],
    })
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn verdict(within: bool, words: (&'static str, &'static str)) -> &'static str {
    if within {
        words.0
    } else {
        words.1
    }
}

/// The whole of `chrome.md` after its heading: the side-by-side table, the
/// bytes per file, and notes on what each figure means.
pub fn render(results: &Results, context: &Context) -> String {
    let lagaufre_cell = |figure: Option<String>| match (&context.lagaufre_missing, figure) {
        (Some(_), _) => "not measured (1)".to_string(),
        (None, Some(figure)) => figure,
        (None, None) => "failed (see notes)".to_string(),
    };
    let mut out = format!(
        "| figure | budget | Bandeau {} | La Gaufre v2 |\n|---|--:|--:|--:|\n",
        context.version
    );
    let mut notes: Vec<String> = Vec::new();

    // 1. Bytes on the wire.
    let files = |product: &str| -> Vec<&Size> {
        results
            .sizes
            .iter()
            .filter(|s| s.product == product)
            .collect()
    };
    let total = |product: &str, pick: fn(&Size) -> u64| -> Option<u64> {
        let files = files(product);
        (!files.is_empty()).then(|| files.iter().map(|s| pick(s)).sum())
    };
    let ours_brotli = total(BANDEAU, |s| s.brotli);
    let _ = writeln!(
        out,
        "| script tag on the wire, brotli 11, all files | ≤ {} | {} | {} |",
        kb(SIZE_BUDGET_BYTES),
        ours_brotli.map_or("–".into(), |b| format!(
            "**{}** {}",
            kb(b),
            verdict(b <= SIZE_BUDGET_BYTES, ("PASS", "OVER"))
        )),
        lagaufre_cell(total(LAGAUFRE, |s| s.brotli).map(kb)),
    );
    let _ = writeln!(
        out,
        "| script tag on the wire, gzip 9, all files | | {} | {} |",
        total(BANDEAU, |s| s.gzip).map_or("–".into(), kb),
        lagaufre_cell(total(LAGAUFRE, |s| s.gzip).map(kb)),
    );

    if let Some(brand) = total(BRAND_MODULE, |s| s.brotli) {
        let _ = writeln!(
            out,
            "| + the brand module, only on pages with a `brand` attribute, brotli 11 | | {} | n/a |",
            kb(brand)
        );
    }

    // 2. Script start to painted, cached navigation.
    for (nav, label) in NAVS {
        let mut cell = |product: &str| -> Option<String> {
            let paint = results
                .paint
                .iter()
                .find(|p| p.product == product && p.nav == nav)?;
            if let Some(error) = &paint.error {
                notes.push(format!("{product}, {nav}: {error}"));
            }
            let total = stats(paint.runs.iter().map(|r| r.painted - r.t0))?;
            let dom = stats(paint.runs.iter().map(|r| r.dom - r.t0))?;
            let apps = paint.runs.iter().map(|r| r.apps).max().unwrap_or(0);
            let fetched = paint.runs.iter().filter(|r| r.fetched_first).count();
            if fetched > 0 {
                notes.push(format!(
                    "{product}, {nav}: in {fetched} of {} runs the fresh navigation document \
                     had arrived before the apps showed, so those runs may show it rather than \
                     the cached one",
                    total.n
                ));
            }
            let refreshed_before_paint = paint
                .runs
                .iter()
                .filter(|r| !r.fetched_first && r.refreshed.is_some_and(|t| t <= r.painted))
                .count();
            if refreshed_before_paint > 0 {
                notes.push(format!(
                    "{product}, {nav}: in {refreshed_before_paint} of {} runs the background \
                     refresh (the fetched document parsed, stored and shown) ran between the \
                     cached apps reaching the DOM and the frame being painted, so its work is \
                     part of the figure",
                    total.n
                ));
            }
            if product == BANDEAU {
                let pinned = paint.runs.iter().map(|r| r.pinned).max().unwrap_or(0);
                if paint.cached.as_ref().is_some_and(Vec::is_empty) {
                    notes.push(format!(
                        "{product}, {nav}: no `bandeau.nav…` key in localStorage after the \
                         warm-up load, so the runs may not have started from a cache"
                    ));
                }
                Some(format!(
                    "{:.1} ms (p90 {:.1}, DOM {:.1}; {apps} apps, {pinned} pinned) {}",
                    total.median,
                    total.p90,
                    dom.median,
                    verdict(total.median <= PAINT_BUDGET_MS, ("within", "OVER"))
                ))
            } else {
                Some(format!(
                    "{:.1} ms (p90 {:.1}, DOM {:.1}; {apps} apps)",
                    total.median, total.p90, dom.median
                ))
            }
        };
        let ours = cell(BANDEAU);
        let theirs = cell(LAGAUFRE);
        let _ = writeln!(
            out,
            "| script start → bar painted, cached navigation, {label}, median of {} | ≤ {PAINT_BUDGET_MS:.0} ms | {} | {} |",
            context.runs,
            ours.unwrap_or_else(|| "failed (see notes)".into()),
            lagaufre_cell(theirs),
        );
    }

    // 3. Keystrokes.
    let keys = results.keys.as_ref();
    if let Some(error) = keys.and_then(|k| k.error.as_ref()) {
        notes.push(format!("bandeau keystrokes: {error}"));
    }
    let apps = keys.and_then(|k| k.apps).unwrap_or(0);
    let typed = keys.map(|k| &k.typed[..]).unwrap_or_default();
    let erased = keys.map(|k| &k.erased[..]).unwrap_or_default();
    let unchanged: Vec<&str> = typed
        .iter()
        .filter(|k| k.dom.is_none())
        .map(|k| k.key.as_str())
        .collect();
    if !unchanged.is_empty() {
        notes.push(format!(
            "{} of {} typed characters changed nothing in the launcher's DOM and are left out \
             of the keystroke median: `{}`",
            unchanged.len(),
            typed.len(),
            unchanged.join("`, `")
        ));
    }
    let no_search = "n/a (no search)";
    let key_cell = |presses: &[Key], budget: bool| -> String {
        match stats(presses.iter().filter_map(|k| k.dom)) {
            None => "failed (see notes)".into(),
            Some(s) => {
                let shown: Vec<u64> = presses.iter().map(|k| k.shown).collect();
                let (least, most) = (
                    shown.iter().min().copied().unwrap_or(0),
                    shown.iter().max().copied().unwrap_or(0),
                );
                let range = if least == most {
                    format!("{least}")
                } else {
                    format!("{least}–{most}")
                };
                let word = if budget {
                    format!(
                        " {}",
                        verdict(s.median <= KEY_BUDGET_MS, ("within", "OVER"))
                    )
                } else {
                    String::new()
                };
                format!(
                    "{:.1} ms (p90 {:.1}, max {:.1}; {range} apps after){word}",
                    s.median, s.p90, s.max
                )
            }
        }
    };
    let _ = writeln!(
        out,
        "| keystroke in the launcher search → DOM updated, {apps} apps, median of {} characters | ≤ {KEY_BUDGET_MS:.0} ms | {} | {no_search} |",
        typed.len(),
        key_cell(typed, true),
    );
    let _ = writeln!(
        out,
        "| Backspace back to the empty search → DOM updated, median of {} | | {} | {no_search} |",
        erased.len(),
        key_cell(erased, false),
    );
    let paint_cell = |presses: &[Key]| {
        stats(presses.iter().map(|k| k.painted)).map_or("–".into(), |s| {
            format!("{:.1} ms (p90 {:.1})", s.median, s.p90)
        })
    };
    let _ = writeln!(
        out,
        "| keystroke → next frame painted (typed / Backspace), median | | {} / {} | {no_search} |",
        paint_cell(typed),
        paint_cell(erased),
    );

    // Bytes per file.
    out.push_str("\n| file | raw | gzip 9 | brotli 11 |\n|---|--:|--:|--:|\n");
    for (product, name) in [
        (BANDEAU, "Bandeau"),
        (BRAND_MODULE, "Bandeau brand module (on demand)"),
        (LAGAUFRE, "La Gaufre v2"),
    ] {
        let files = files(product);
        if files.is_empty() {
            continue;
        }
        for file in &files {
            let _ = writeln!(
                out,
                "| {name}: `{}` | {} | {} | {} |",
                file.name,
                kb(file.raw),
                kb(file.gzip),
                kb(file.brotli)
            );
        }
        let sum = |pick: fn(&Size) -> u64| kb(files.iter().map(|s| pick(s)).sum());
        let _ = writeln!(
            out,
            "| **{name}: total** | {} | {} | **{}** |",
            sum(|s| s.raw),
            sum(|s| s.gzip),
            sum(|s| s.brotli)
        );
    }

    out.push_str(&format!(
        "\nMachine: {} cores{}, {}, Node {}. 1 KB = 1000 bytes.\n",
        context.cores,
        context.load.as_ref().map_or(String::new(), |load| format!(
            " (load average {load} at the start)"
        )),
        results
            .browser
            .as_deref()
            .unwrap_or("Chromium (version unknown)"),
        context.node
    ));
    if let Some(why) = &context.lagaufre_missing {
        out.push_str(&format!("\n(1) La Gaufre v2 not measured: {why}\n"));
    }
    if !notes.is_empty() {
        out.push('\n');
        for note in notes {
            out.push_str(&format!("- {note}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(lagaufre_missing: Option<&str>) -> Context {
        Context {
            version: "0.1.0".into(),
            runs: 3,
            cores: 2,
            node: "v20".into(),
            load: Some("0.50".into()),
            lagaufre_missing: lagaufre_missing.map(str::to_owned),
        }
    }

    const SAMPLE: &str = r#"{
      "browser": "Chromium 156",
      "sizes": [
        {"product": "bandeau", "name": "bandeau.js", "raw": 1300, "gzip": 700, "brotli": 600},
        {"product": "bandeau", "name": "bandeau_embed_bg.wasm", "raw": 400000, "gzip": 150000, "brotli": 69500},
        {"product": "lagaufre", "name": "lagaufre.js", "raw": 20000, "gzip": 7000, "brotli": 6000}
      ],
      "paint": [
        {"product": "bandeau", "nav": "opendesk", "cached": ["bandeau.navigation.de"], "error": null, "runs": [
          {"t0": 10, "ready": 30, "dom": 31, "frame": 35, "painted": 40, "apps": 11, "pinned": 3, "fetched_first": false},
          {"t0": 10, "ready": 30, "dom": 32, "frame": 35, "painted": 50, "apps": 11, "pinned": 3, "fetched_first": false, "refreshed": 40},
          {"t0": 10, "ready": 30, "dom": 33, "frame": 35, "painted": 45, "apps": 11, "pinned": 3, "fetched_first": true}
        ]},
        {"product": "lagaufre", "nav": "opendesk", "cached": null, "error": null, "runs": [
          {"t0": 5, "dom": 9, "painted": 12, "apps": 11, "pinned": 0}
        ]}
      ],
      "keys": {"product": "bandeau", "apps": 240, "error": null,
        "typed": [
          {"key": "0", "dom": 2.5, "frame": 3, "painted": 8, "mutations": 40, "shown": 42},
          {"key": "b", "dom": 1.5, "frame": 3, "painted": 6, "mutations": 12, "shown": 0},
          {"key": "a", "dom": null, "frame": 3, "painted": 6, "mutations": 0, "shown": 240}
        ],
        "erased": [
          {"key": "Backspace", "dom": 5.0, "frame": 6, "painted": 12, "mutations": 300, "shown": 240}
        ]}
    }"#;

    #[test]
    fn stats_take_the_middle_and_the_nearest_rank() {
        assert_eq!(
            stats([3.0, 1.0, 2.0]),
            Some(Stats {
                n: 3,
                median: 2.0,
                p90: 3.0,
                max: 3.0
            })
        );
        let even = stats([4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!(even.median, 2.5);
        let twenty = stats((1..=20).map(f64::from)).unwrap();
        assert_eq!((twenty.p90, twenty.max), (18.0, 20.0));
        assert_eq!(stats([]), None);
        assert_eq!(stats([f64::NAN]), None);
    }

    #[test]
    fn the_table_puts_both_products_side_by_side() {
        let results = parse(SAMPLE).unwrap();
        let table = render(&results, &context(None));
        assert!(
            table.contains(
                "| script tag on the wire, brotli 11, all files | ≤ 70.0 KB | **70.1 KB** OVER | 6.0 KB |"
            ),
            "{table}"
        );
        assert!(table.contains(
            "openDesk `opendesk-de.json`, median of 3 | ≤ 50 ms | 35.0 ms (p90 40.0, DOM 22.0; 11 apps, 3 pinned) within | 7.0 ms (p90 7.0, DOM 4.0; 11 apps) |"
        ), "{table}");
        assert!(
            table.contains(
                "| ≤ 4 ms | 2.0 ms (p90 2.5, max 2.5; 0–240 apps after) within | n/a (no search) |"
            ),
            "{table}"
        );
        assert!(table.contains("| **Bandeau: total** | 401.3 KB | 150.7 KB | **70.1 KB** |"));
        assert!(table.contains("| La Gaufre v2: `lagaufre.js` | 20.0 KB | 7.0 KB | 6.0 KB |"));
        assert!(table.contains("in 1 of 3 runs the fresh navigation document had arrived"));
        assert!(table.contains("in 1 of 3 runs the background refresh"));
        assert!(table.contains("1 of 3 typed characters changed nothing"));
        assert!(table.contains("Machine: 2 cores (load average 0.50 at the start), Chromium 156,"));
    }

    #[test]
    fn a_missing_la_gaufre_is_said_once_with_its_reason() {
        let mut results = parse(SAMPLE).unwrap();
        results.sizes.retain(|s| s.product == BANDEAU);
        results.paint.retain(|p| p.product == BANDEAU);
        let table = render(&results, &context(Some("not on npm")));
        assert!(
            table.contains("| **70.1 KB** OVER | not measured (1) |"),
            "{table}"
        );
        assert!(table.contains("(1) La Gaufre v2 not measured: not on npm"));
        assert!(!table.contains("La Gaufre v2: `"));
    }

    #[test]
    fn failures_show_in_the_cells_and_the_notes() {
        let results = parse(
            r#"{"sizes": [], "paint": [{"product": "bandeau", "nav": "large", "runs": [],
                "error": "no frame with apps within 15000 ms"}],
                "keys": {"apps": null, "typed": [], "erased": [], "error": "boom"}}"#,
        )
        .unwrap();
        let table = render(&results, &context(Some("x")));
        assert!(table.contains("- bandeau, large: no frame with apps within 15000 ms"));
        assert!(table.contains("- bandeau keystrokes: boom"));
        assert!(table.contains("| ≤ 50 ms | failed (see notes) | not measured (1) |"));
    }
}
