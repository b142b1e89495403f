//! The guides' TypeScript and JavaScript blocks, compiled inside the
//! installed React example, with errors told at their markdown lines.

use super::*;

/// The example whose project also type-checks the docs' code blocks: it has
/// `bandeau`, React and Vite installed, which is what the blocks assume.
pub(super) const DOCS_HOST: &str = "vite-react";

/// Where the docs' blocks are written inside [`DOCS_HOST`]'s copy, outside
/// its `src/` so that the app's own check does not see them.
pub(super) const DOCS_DIR: &str = "docs-blocks";

/// Packages a block may ask for with a `needs=a,b` flag, pinned exactly as
/// the examples pin theirs, so a new release cannot break the docs overnight.
/// Node's types follow the Node major CI runs (Vite's config runs in Node).
/// Rollup and its plugins are the versions `examples/bundlers/` builds with.
pub(super) const DOCS_PACKAGES: [(&str, &str); 7] = [
    ("vue", "3.5.45"),
    ("@vitejs/plugin-vue", "6.0.11"),
    ("@angular/core", "22.2.6"),
    ("@types/node", "20.19.43"),
    ("rollup", "4.68.7"),
    ("@rollup/plugin-node-resolve", "16.0.3"),
    ("@web/rollup-plugin-import-meta-assets", "2.3.3"),
];

/// The docs' blocks in the languages the docs step leaves to this one.
pub(super) fn docs_blocks(root: &Path) -> Result<Vec<Block>, String> {
    Ok(docs::blocks(root)?
        .into_iter()
        .filter(|b| docs::COMPILED_ELSEWHERE.contains(&b.lang.as_str()))
        .collect())
}

/// The pinned packages the blocks' `needs=` flags ask for.
pub(super) fn needs(blocks: &[Block]) -> Result<Vec<(&'static str, &'static str)>, String> {
    let mut wanted = BTreeSet::new();
    for block in blocks {
        for flag in block.info.split_whitespace().skip(1) {
            let Some(names) = flag.strip_prefix("needs=") else {
                return Err(format!(
                    "{}: unknown flag `{flag}` (the only one is `needs=package,…`)",
                    block.place()
                ));
            };
            for name in names.split(',') {
                let pinned = DOCS_PACKAGES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .ok_or_else(|| {
                        format!(
                            "{}: needs `{name}`, which is not among the packages the docs may \
                             use ({}); pin it in DOCS_PACKAGES in crates/xtask/src/examples/docs_blocks.rs",
                            block.place(),
                            DOCS_PACKAGES.map(|(n, _)| n).join(", ")
                        )
                    })?;
                wanted.insert(*pinned);
            }
        }
    }
    Ok(wanted.into_iter().collect())
}

/// The file a block is written to: `docs_integration-118.js` for the
/// `js` block at line 118 of `docs/integration.md`.
pub(super) fn block_file(block: &Block) -> String {
    let shown = util::shown(&block.file);
    let stem = shown
        .strip_suffix(".md")
        .unwrap_or(&shown)
        .replace(['/', '.'], "_");
    format!("{stem}-{}.{}", block.line, block.lang)
}

/// Type-checks each block as its own module, with the example's strict
/// settings plus what the docs' conventions say (`docs/README.md`): every file a
/// module, JavaScript checked too, `bandeau`'s global types visible to
/// script-tag snippets that import nothing, and decorators as Angular
/// projects set them. Errors name the Markdown file and line.
pub(super) fn check_docs(dir: &Path, blocks: &[Block]) -> Result<(), String> {
    let out = dir.join(DOCS_DIR);
    std::fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    for block in blocks {
        let file = out.join(block_file(block));
        std::fs::write(&file, &block.text)
            .map_err(|e| format!("writing {}: {e}", file.display()))?;
    }
    let config = serde_json::json!({
        "extends": "./tsconfig.json",
        "compilerOptions": {
            "moduleDetection": "force",
            "allowJs": true,
            "checkJs": true,
            "types": ["vite/client", PACKAGE],
            "experimentalDecorators": true,
            // A snippet may show a declaration without using it.
            "noUnusedLocals": false,
            "noUnusedParameters": false,
            // The examples' own check reads every declaration file; here a
            // Vite config snippet would need Node's types for Vite's.
            "skipLibCheck": true
        },
        "include": [DOCS_DIR]
    });
    std::fs::write(dir.join("tsconfig.docs.json"), config.to_string())
        .map_err(|e| format!("writing tsconfig.docs.json: {e}"))?;
    let mut cmd = local_bin(dir, "tsc");
    cmd.args(["--noEmit", "--pretty", "false", "-p", "tsconfig.docs.json"]);
    let output = cmd
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", util::describe(&cmd)))?;
    if output.status.success() {
        return Ok(());
    }
    let report = String::from_utf8_lossy(&output.stdout);
    let mut errors = String::new();
    for line in report
        .lines()
        .chain(String::from_utf8_lossy(&output.stderr).lines())
    {
        errors.push_str(&in_markdown(line, blocks));
        errors.push('\n');
    }
    Err(format!(
        "the docs' code blocks do not type-check:\n{errors}"
    ))
}

/// Rewrites tsc's `docs-blocks/docs_x-12.ts(3,7): error …` as
/// `docs/x.md:15:7: error …`; other lines stay as they are.
pub(super) fn in_markdown(line: &str, blocks: &[Block]) -> String {
    let rewritten = (|| {
        let rest = line.strip_prefix(DOCS_DIR)?.strip_prefix('/')?;
        let (file, rest) = rest.split_once('(')?;
        let (position, message) = rest.split_once(')')?;
        let (row, column) = position.split_once(',')?;
        let row: usize = row.parse().ok()?;
        let block = blocks.iter().find(|b| block_file(b) == file)?;
        // Row 1 of the block is the line after its opening fence.
        Some(format!(
            "{}:{}:{column}{message}",
            util::shown(&block.file),
            block.line + row
        ))
    })();
    rewritten.unwrap_or_else(|| line.to_string())
}
