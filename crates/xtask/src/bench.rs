//! `cargo xtask bench tokens`: our token compiler side by side with Style
//! Dictionary and Terrazzo on the same generated token sets, in one run on
//! one machine, so the ratios mean something even when the absolute numbers
//! drift between machines.
//!
//! Timings are reported, never asserted: nothing here belongs in `xtask test`.
//! `cargo xtask bench chrome` (in `chrome.rs`) does the same for the suite
//! chrome's budgets, next to La Gaufre v2.

pub mod chrome;
mod measure;
mod peers;
mod report;

use std::path::{Path, PathBuf};
use std::time::Duration;

use measure::{Failure, Invocation};
use report::{Outcome, Row, Sample, OURS};

use crate::{build, util};

/// 10k, 100k and 1M tokens (each group holds 10, plus a 256-token palette).
pub const DEFAULT_GROUPS: [u32; 3] = [1_000, 10_000, 100_000];
/// The largest set only shows that our compile time grows linearly; the peers
/// would take minutes there and tell us nothing new.
const PEER_MAX_GROUPS: u32 = 10_000;
const OUR_RUNS: usize = 5;
const PEER_RUNS: usize = 3;
/// A run slower than this is not repeated: its median would cost minutes.
const SLOW_RUN: Duration = Duration::from_secs(30);
const PEER_LIMIT: Duration = Duration::from_secs(120);
const OUR_LIMIT: Duration = Duration::from_secs(600);

/// One generated input: the generator's two files.
pub struct TokenSet {
    groups: u32,
    tokens: u64,
    dir: PathBuf,
    pub palette: PathBuf,
    pub semantic: PathBuf,
}

pub fn tokens(groups: &[u32]) -> Result<(), String> {
    let generator = util::repo_root().join("../shared/bench/gen_tokens.py");
    if !generator.is_file() {
        return Err(format!(
            "{} is missing: the bench needs the shared/ directory beside the repository",
            generator.display()
        ));
    }
    let bench = util::target_dir().join("bench");
    let ours = build::token_cli()
        .inspect_err(|e| {
            eprintln!("bench: bandeau-tokens did not build, measuring peers only: {e}")
        })
        .ok();
    let peers = peers::install(&bench)
        .inspect_err(|e| eprintln!("bench: the peers could not be installed: {e}"))
        .unwrap_or_default();

    let mut sizes = groups.to_vec();
    sizes.sort_unstable();
    sizes.dedup();
    let mut rows: Vec<Row> = Vec::new();
    for groups in sizes {
        let set = generate(&generator, &bench, groups)?;
        if let Some(cli) = &ours {
            let work = work_dir(&set, OURS);
            let invocation = Invocation {
                program: cli.into(),
                args: vec![
                    "build".into(),
                    set.palette.clone().into(),
                    set.semantic.clone().into(),
                    "--out".into(),
                    work.join("out").into(),
                    "--format".into(),
                    "css".into(),
                ],
                dir: util::repo_root(),
            };
            let outcome = sample(&set, OURS, &work, &invocation, OUR_RUNS, OUR_LIMIT);
            rows.push(row(OURS, env!("CARGO_PKG_VERSION"), &set, outcome));
        }
        if groups > PEER_MAX_GROUPS {
            continue;
        }
        for peer in &peers {
            let outcome = match expected_too_slow(&rows, peer.name, &set) {
                Some(why) => Outcome::skipped(why),
                None => {
                    let work = work_dir(&set, peer.name);
                    match peer.prepare(&set, &work, &work.join("out")) {
                        Ok(run) => sample(&set, peer.name, &work, &run, PEER_RUNS, PEER_LIMIT),
                        Err(why) => Outcome::failed(why),
                    }
                }
            };
            rows.push(row(peer.name, &peer.version, &set, outcome));
        }
    }

    let table = report::render(&rows);
    println!("\n{table}");
    let file = bench.join("tokens.md");
    std::fs::write(&file, markdown(&table))
        .map_err(|e| format!("writing {}: {e}", file.display()))?;
    println!("bench: table written to {}", util::shown(&file));
    match ours {
        Some(_) => Ok(()),
        None => Err("bandeau-tokens was not measured (see above)".to_string()),
    }
}

fn row(tool: &'static str, version: &str, set: &TokenSet, outcome: Outcome) -> Row {
    if let Outcome::NotMeasured { status, why } = &outcome {
        eprintln!("bench: {tool} at {} tokens {status}: {why}", set.tokens);
    }
    Row {
        tool,
        version: version.to_string(),
        groups: set.groups,
        tokens: set.tokens,
        outcome,
    }
}

/// Where `tool` works on `set`: its config, its log, and its output in `out/`.
fn work_dir(set: &TokenSet, tool: &str) -> PathBuf {
    set.dir.join(tool.to_lowercase().replace(' ', "-"))
}

/// Extrapolates linearly from the peer's last measured size, so a peer that
/// would blow the time limit is skipped up front instead of killed after it.
fn expected_too_slow(rows: &[Row], tool: &str, set: &TokenSet) -> Option<String> {
    let (tokens, sample) = rows
        .iter()
        .rev()
        .filter(|r| r.tool == tool)
        .find_map(|r| Some((r.tokens, r.sample()?)))?;
    let expected = sample.median.mul_f64(set.tokens as f64 / tokens as f64);
    (expected > PEER_LIMIT).then(|| {
        format!(
            "about {:.0} s expected from {tokens} tokens, over the {} s limit",
            expected.as_secs_f64(),
            PEER_LIMIT.as_secs()
        )
    })
}

/// Runs a tool up to `runs` times on `set`, each time into an emptied
/// `work/out` so the CSS we count is the CSS this run wrote.
fn sample(
    set: &TokenSet,
    tool: &str,
    work: &Path,
    invocation: &Invocation,
    runs: usize,
    limit: Duration,
) -> Outcome {
    let out = work.join("out");
    let log = work.join("run.log");
    let mut walls = Vec::with_capacity(runs);
    let mut peak_rss_kib = 0;
    for _ in 0..runs {
        if let Err(why) = remove_dir(&out).and_then(|()| create_dir(&out)) {
            return Outcome::failed(why);
        }
        println!(
            "bench: {tool}, {} tokens, run {}",
            set.tokens,
            walls.len() + 1
        );
        match measure::once(invocation, &log, limit) {
            Ok(run) => {
                peak_rss_kib = peak_rss_kib.max(run.peak_rss_kib);
                walls.push(run.wall);
                if run.wall > SLOW_RUN {
                    break;
                }
            }
            Err(Failure::TimedOut(limit)) => {
                return Outcome::skipped(format!("took more than {} s", limit.as_secs()))
            }
            Err(Failure::Failed(why)) => return Outcome::failed(why),
        }
    }
    let css_vars = count_css_vars(&out);
    if css_vars == 0 {
        return Outcome::failed(format!(
            "exited successfully but wrote no CSS custom properties under {}",
            util::shown(&out)
        ));
    }
    walls.sort_unstable();
    Outcome::Measured(Sample {
        runs: walls.len(),
        median: walls[walls.len() / 2],
        peak_rss_kib,
        css_vars,
    })
}

/// Declarations of custom properties in every `.css` file under `dir`.
fn count_css_vars(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                count_css_vars(&path)
            } else if path.extension().is_some_and(|e| e == "css") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                text.lines()
                    .filter(|l| l.trim_start().starts_with("--") && l.contains(':'))
                    .count()
            } else {
                0
            }
        })
        .sum()
}

/// Generates `groups` groups once and reuses them until the generator
/// changes: the 1M-token set takes the generator far longer than us.
fn generate(generator: &Path, bench: &Path, groups: u32) -> Result<TokenSet, String> {
    let dir = bench.join(format!("groups-{groups}"));
    let input = dir.join("input");
    let stamp = input.join("complete");
    let set = |tokens| TokenSet {
        groups,
        tokens,
        dir: dir.clone(),
        palette: input.join("palette.tokens.json"),
        semantic: input.join("semantic.tokens.json"),
    };
    if let Some(tokens) = fresh_stamp(&stamp, generator) {
        return Ok(set(tokens));
    }
    remove_dir(&input)?;
    println!("bench: generating {groups} token groups");
    let output = util::command("python3")
        .arg(generator)
        .arg(groups.to_string())
        .arg(&input)
        .output()
        .map_err(|e| format!("could not start python3: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "{} failed ({}):\n{stdout}{}",
            generator.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    // The generator prints "<count> tokens in <dir>".
    let tokens = stdout
        .split_whitespace()
        .next()
        .and_then(|count| count.parse().ok())
        .ok_or_else(|| format!("unexpected generator output: {stdout}"))?;
    std::fs::write(&stamp, format!("{tokens}\n"))
        .map_err(|e| format!("writing {}: {e}", stamp.display()))?;
    Ok(set(tokens))
}

/// The token count recorded by a finished generation newer than the generator.
fn fresh_stamp(stamp: &Path, generator: &Path) -> Option<u64> {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    if modified(stamp)? < modified(generator)? {
        return None;
    }
    std::fs::read_to_string(stamp).ok()?.trim().parse().ok()
}

fn create_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("clearing {}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

fn markdown(table: &str) -> String {
    let node = util::stdout_of(util::command("node").arg("--version")).unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "# Token compiler benchmark\n\n\
         Written by `cargo xtask bench tokens`. Inputs from `shared/bench/gen_tokens.py`; \
         each tool reads the same two files and writes CSS custom properties. \
         Median wall time of {OUR_RUNS} runs for bandeau and {PEER_RUNS} for the peers \
         (one when a run takes over {} s), peak resident memory of the process. \
         Machine: {cores} cores, Node {node}.\n\n{table}",
        SLOW_RUN.as_secs()
    )
}
