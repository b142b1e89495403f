//! The bench's results as a Markdown table, which reads as well in a
//! terminal as in `target/bench/tokens.md`.

use std::fmt::Write as _;
use std::time::Duration;

pub const OURS: &str = "bandeau";

pub struct Row {
    pub tool: &'static str,
    pub version: String,
    pub groups: u32,
    pub tokens: u64,
    pub outcome: Outcome,
}

pub enum Outcome {
    Measured(Sample),
    /// `status` is "failed" or "skipped"; `why` goes into the notes.
    NotMeasured {
        status: &'static str,
        why: String,
    },
}

impl Outcome {
    pub fn failed(why: impl Into<String>) -> Self {
        Outcome::NotMeasured {
            status: "failed",
            why: why.into(),
        }
    }

    pub fn skipped(why: impl Into<String>) -> Self {
        Outcome::NotMeasured {
            status: "skipped",
            why: why.into(),
        }
    }
}

pub struct Sample {
    pub runs: usize,
    pub median: Duration,
    pub peak_rss_kib: u64,
    /// Declarations written, to show every tool really emitted the whole set.
    pub css_vars: usize,
}

impl Row {
    pub fn sample(&self) -> Option<&Sample> {
        match &self.outcome {
            Outcome::Measured(sample) => Some(sample),
            _ => None,
        }
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The table, then one ratio line per peer and size, then notes on what
/// failed or was skipped.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from(
        "| tool | version | tokens | runs | median ms | peak MB | tokens/ms | CSS vars | vs bandeau |\n\
         |---|---|--:|--:|--:|--:|--:|--:|--:|\n",
    );
    let ours_at = |groups: u32| {
        rows.iter()
            .find(|r| r.tool == OURS && r.groups == groups)
            .and_then(Row::sample)
    };
    let mut ratios = String::new();
    let mut notes = String::new();
    for row in rows {
        let _ = write!(out, "| {} | {} | {} |", row.tool, row.version, row.tokens);
        match &row.outcome {
            Outcome::Measured(sample) => {
                let ratio = ours_at(row.groups).map(|ours| ms(sample.median) / ms(ours.median));
                let _ = writeln!(
                    out,
                    " {} | {:.1} | {:.1} | {:.1} | {} | {} |",
                    sample.runs,
                    ms(sample.median),
                    sample.peak_rss_kib as f64 / 1024.0,
                    row.tokens as f64 / ms(sample.median).max(0.001),
                    sample.css_vars,
                    ratio.map_or("–".to_string(), |r| format!("{r:.1}×")),
                );
                if let (Some(ratio), false) = (ratio, row.tool == OURS) {
                    let _ = writeln!(
                        ratios,
                        "{} / {OURS} = {ratio:.1}× at {} tokens",
                        row.tool, row.tokens
                    );
                }
            }
            Outcome::NotMeasured { status, why } => {
                let _ = writeln!(out, " – | {status} | | | | |");
                let _ = writeln!(
                    notes,
                    "- {} at {} tokens {status}: {why}",
                    row.tool, row.tokens
                );
            }
        }
    }
    for section in [ratios, notes] {
        if !section.is_empty() {
            out.push('\n');
            out.push_str(&section);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(tool: &'static str, median_ms: u64) -> Row {
        Row {
            tool,
            version: "1.0.0".into(),
            groups: 1000,
            tokens: 10256,
            outcome: Outcome::Measured(Sample {
                runs: 3,
                median: Duration::from_millis(median_ms),
                peak_rss_kib: 20 * 1024,
                css_vars: 10256,
            }),
        }
    }

    #[test]
    fn peers_are_compared_with_ours_at_the_same_size() {
        let table = render(&[measured(OURS, 10), measured("Style Dictionary", 451)]);
        assert!(
            table.contains("| bandeau | 1.0.0 | 10256 | 3 | 10.0 | 20.0 | 1025.6 | 10256 | 1.0× |")
        );
        assert!(table.contains("Style Dictionary / bandeau = 45.1× at 10256 tokens"));
    }

    #[test]
    fn a_failed_peer_is_listed_with_its_reason() {
        let failed = Row {
            outcome: Outcome::failed("exit status 1"),
            ..measured("Terrazzo", 1)
        };
        let table = render(&[measured(OURS, 10), failed]);
        assert!(table.contains("| Terrazzo | 1.0.0 | 10256 | – | failed |"));
        assert!(table.contains("- Terrazzo at 10256 tokens failed: exit status 1"));
    }
}
