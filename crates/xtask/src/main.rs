//! `cargo xtask`: the one entry point for setting up, building, previewing,
//! testing and benchmarking Bandeau.
//!
//! Set-up lives here rather than in a README checklist so that a fresh clone,
//! a developer machine and CI all reach the same state by the same code. The
//! tasks drive cargo, npm and our own CLIs; they never reimplement them.

mod bench;
mod build;
mod bundle;
mod docs;
mod endpoints;
mod examples;
mod keycloak;
mod npm;
mod package;
mod preview;
mod sbom;
mod serve;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Bandeau's build, preview, test and benchmark tasks"
)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Install what the other tasks need; skips what is already there
    Setup,
    /// Build the token compiler, compile tokens/ into target/tokens, and
    /// build the script-tag bundle into pkg/ once crates/embed is ready
    /// (and copy it into the Keycloak theme's resources)
    Build,
    /// Set up, build, and serve target/preview until interrupted
    Preview {
        /// First port to try; the next free one is used if it is taken
        #[arg(long, default_value_t = 8787)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Write the preview as a static site into DIR instead of serving it
        #[arg(long, value_name = "DIR")]
        export: Option<std::path::PathBuf>,
    },
    /// Set up, then run every check CI runs, stopping at the first failure
    Test {
        /// Browser engines for the cross-engine steps (default: all three)
        #[arg(
            long = "engine",
            value_delimiter = ',',
            value_name = "chromium|firefox|webkit"
        )]
        engines: Vec<String>,
        /// Only the steps whose name contains this text; later steps read
        /// what earlier ones wrote into target/
        #[arg(long)]
        step: Option<String>,
    },
    /// CycloneDX SBOMs of the npm package, the brand module and the token
    /// CLI into target/sbom
    Sbom,
    /// Time our tools against their peers (reported, never asserted)
    Bench {
        #[arg(value_enum, default_value_t = Suite::Tokens)]
        suite: Suite,
        /// Token-set sizes as group counts (10 tokens each); peers run only
        /// up to 10000 groups
        #[arg(long, value_delimiter = ',', default_values_t = bench::DEFAULT_GROUPS)]
        groups: Vec<u32>,
        /// chrome: page loads per product and navigation document
        #[arg(long, default_value_t = bench::chrome::DEFAULT_RUNS)]
        runs: usize,
        /// chrome: characters typed into the launcher search
        #[arg(long, default_value_t = bench::chrome::DEFAULT_KEYSTROKES)]
        keystrokes: usize,
        /// chrome: measure pkg/ as it is instead of building it first
        #[arg(long)]
        no_build: bool,
        /// chrome: La Gaufre v2's widget file (`lagaufre.js`), which is not
        /// on npm, to measure it next to Bandeau
        #[arg(long, value_name = "FILE")]
        lagaufre_js: Option<std::path::PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Suite {
    /// The token compiler against Style Dictionary and Terrazzo
    Tokens,
    /// The suite chrome's size and speed budgets, next to La Gaufre v2
    Chrome,
}

fn main() -> ExitCode {
    let result = match Cli::parse().task {
        Task::Setup => setup::run(),
        Task::Build => build::run().and_then(|tokens| {
            bundle::run(&tokens)?;
            keycloak::install_bundle(&tokens)
        }),
        Task::Preview { port, host, export } => preview::run(&host, port, export.as_deref()),
        Task::Test { engines, step } => test::run(test::Selection { engines, step }),
        Task::Sbom => sbom::run().map(drop),
        Task::Bench {
            suite: Suite::Tokens,
            groups,
            ..
        } => bench::tokens(&groups),
        Task::Bench {
            suite: Suite::Chrome,
            runs,
            keystrokes,
            no_build,
            lagaufre_js,
            ..
        } => bench::chrome::run(&bench::chrome::Options {
            runs,
            keystrokes,
            build: !no_build,
            lagaufre_js,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
