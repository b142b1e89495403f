// cargo's runner for wasm32 test binaries in the engine BANDEAU_ENGINE
// names (`cargo xtask test` sets CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER
// to `node tests/browser/wasm-test.mjs`). wasm-bindgen-test-runner does
// what only it can (bind the test binary, serve the page that runs it);
// this script opens that page through ./engine.mjs, the same WebDriver
// runner as the other browser tests, because wasm-bindgen-test-runner's
// own driver code cannot start WebKitGTK. The page prints the libtest
// report into #output; it is echoed here, and the exit code follows it.
//
//   node tests/browser/wasm-test.mjs <test.wasm> [libtest arguments]
import { spawn } from 'node:child_process';
import { launch, freePort, ENGINE } from './engine.mjs';

// `cargo test -q` passes --quiet on, which wasm-bindgen-test-runner refuses;
// it only shortens the report.
const [wasm, ...args] = process.argv.slice(2).filter((a) => a !== '--quiet' && a !== '-q');
if (!wasm) {
  console.error('usage: node tests/browser/wasm-test.mjs <test.wasm> [libtest arguments]');
  process.exit(2);
}

/** How long one test binary may run in the page. */
const BUDGET_MS = 10 * 60 * 1000;

/**
 * Starts wasm-bindgen-test-runner's interactive server; resolves to its
 * address, or to null when the runner finished by itself (a binary with
 * no tests, which it reports and leaves).
 */
async function serve() {
  const address = `127.0.0.1:${await freePort()}`;
  const child = spawn('wasm-bindgen-test-runner', [wasm, ...args], {
    env: { ...process.env, NO_HEADLESS: '1', WASM_BINDGEN_TEST_ADDRESS: address },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const found = text.match(/available at (http:\/\/\S+)/);
      if (found) resolve({ url: found[1], child });
    });
    child.on('exit', (code) => {
      if (code === 0) {
        process.stdout.write(text);
        resolve({ url: null, child });
      } else {
        reject(new Error(`wasm-bindgen-test-runner exited with ${code}:\n${text}`));
      }
    });
    child.on('error', reject);
  });
}

const { url, child } = await serve();
if (url === null) process.exit(0);
const browser = await launch();
let passed = false;
try {
  const page = await browser.newPage();
  await page.goto(url);
  const end = Date.now() + BUDGET_MS;
  let shown = 0;
  let output = '';
  // WebKitWebDriver now and then fails to hand back a script's result
  // ("Could not parse script result") while the page is busy compiling or
  // running the wasm; the read has no side effect, so it is asked again.
  let misses = 0;
  for (;;) {
    try {
      output = await page.evaluate(() => document.getElementById('output')?.textContent ?? '');
      misses = 0;
    } catch (error) {
      misses += 1;
      if (misses > 20) throw error;
      console.error(`wasm tests: reading the page failed (${error.message}); asking again`);
    }
    process.stdout.write(output.slice(shown));
    shown = output.length;
    if (output.includes('test result: ')) break;
    if (Date.now() > end) throw new Error(`no test result after ${BUDGET_MS / 1000} s in ${ENGINE}`);
    await new Promise((resolve) => { setTimeout(resolve, 200); });
  }
  process.stdout.write('\n');
  passed = output.includes('test result: ok');
  if (!passed) console.error(`wasm tests failed in ${ENGINE}: ${wasm}`);
} finally {
  await browser.close();
  child.kill();
}
process.exit(passed ? 0 : 1);
