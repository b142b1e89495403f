// examples/vite-vanilla's page under the other bundlers the package claims
// (crates/xtask/src/examples/ builds them from examples/bundlers/): webpack
// 5 with no setting for Bandeau, Rollup 4 with importMetaAssets(), the same
// Rollup setup without that plugin (which must fail, or the docs say too
// much), and Vite's development server, which serves dependencies in its
// own way (pre-bundled) rather than as `vite build` emits them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ENGINE, example, launch, newPage, open, pageLog, part, appNames, SAMPLE_APPS } from './support.mjs';

const HOST = 'header > bandeau-launcher';
/** public/brand.json's primary colour. */
const BRAND_ACCENT = '#0b6e4f';
let browser;

before(async () => { browser = await launch(); });
after(() => browser?.close());

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with \`cargo xtask test\``);
  return value;
}

/** The launcher's accent colour once the brand applied it (or as it is after 5 s). */
async function accent(page) {
  const read = (expected) => {
    const button = document.querySelector('bandeau-launcher')?.shadowRoot?.querySelector('[part~="launcher-button"]');
    const value = button ? getComputedStyle(button).getPropertyValue('--bd-color-accent-default').trim() : null;
    // WebDriver passes a missing argument as null.
    return expected == null ? value : value === expected;
  };
  await page.waitForFunction(read, BRAND_ACCENT, { timeout: 5000 }).catch(() => {});
  return page.evaluate(read);
}

/**
 * Opens the page, picks Notes in the launcher and checks what a user and
 * the vendor's code would see: the apps listed, the page's typed
 * `bandeau-navigate` handler run, the brand's colour applied.
 */
async function clickThrough(base) {
  const page = await newPage(browser, base);
  await open(page);
  const button = part(page, HOST, 'launcher-button');
  await button.click({ timeout: 10000 });
  await part(page, HOST, 'panel').waitFor({ state: 'visible' });
  assert.deepEqual(await appNames(page, HOST), SAMPLE_APPS);
  await part(page, HOST, 'app').filter({ hasText: 'Notes' }).click();
  const destination = page.locator('#destination');
  await destination.filter({ hasText: 'Navigating to' }).waitFor({ timeout: 2000 }).catch(() => {});
  assert.equal(await destination.textContent(), 'Navigating to swp.notes');
  assert.equal(await page.url(), `${base}/`, 'the handler kept the page where it was');
  const colour = await accent(page);
  assert.equal(colour, BRAND_ACCENT, `brand not applied; console: ${JSON.stringify((await pageLog(page)).console)}`);
  return page;
}

async function assertClean(page) {
  const { console: messages, pageErrors, offsite, responses } = await pageLog(page);
  assert.deepEqual(responses.filter((r) => r.status >= 400), [], 'every file the page asked for was there');
  assert.deepEqual(pageErrors, [], 'no uncaught errors');
  assert.deepEqual(messages.filter((m) => /^(error|warning):/.test(m) && !refusedHmr(page, m)), [],
    'no console errors or warnings');
  assert.deepEqual(offsite, [], 'nothing fetched from other origins');
}

/**
 * Whether `message` is the Vite client saying that its hot-reload socket
 * could not connect because the engine's proxy refused the tunnel to the
 * dev server (the proxy tunnels nothing): the test's doing, not the page's.
 */
function refusedHmr(page, message) {
  const server = new URL(page.base).host;
  return message.startsWith('error: [vite] failed to connect to websocket')
    && page.proxy.refused.includes(`https://${server}`);
}

const wasmFetched = async (page) => (await pageLog(page)).responses.filter((r) => r.path.endsWith('.wasm'));

for (const [bundler, name] of [['webpack 5', 'webpack'], ['Rollup 4 with importMetaAssets()', 'rollup']]) {
  test(`${bundler}: the page works, with both wasm modules from the assets the build emitted`, async () => {
    const { base, wasm } = example(name);
    const brandWasm = env(`BANDEAU_${name.toUpperCase()}_BRAND_WASM`);
    const page = await clickThrough(base);
    // The paths come from the build's output, found by content: the
    // package's two wasm files under the names the bundler gave them.
    assert.deepEqual(await wasmFetched(page), [
      { path: wasm, status: 200, type: 'application/wasm' },
      { path: brandWasm, status: 200, type: 'application/wasm' },
    ]);
    await assertClean(page);
    await page.close();
  });
}

/**
 * Opens the Rollup build without importMetaAssets() and waits until
 * `done(page)` holds (or 10 s passed).
 */
async function openWithoutAssets(done) {
  const base = env('BANDEAU_ROLLUP_NO_ASSETS_URL');
  const page = await newPage(browser, base);
  await open(page);
  for (let waited = 0; !(await done(page)) && waited < 10000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return page;
}

test('Rollup 4 without importMetaAssets(): the wasm is not in the build and the page has no launcher', async () => {
  // What the docs warn about: Rollup keeps `new URL('….wasm',
  // import.meta.url)` but copies nothing, so the browser asks for a file
  // next to the bundle that is not there.
  const failed = (page) => page.evaluate(() => window.__bandeauExample.problems.length > 0
    || (performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')) && !globalThis.__bandeau));
  const page = await openWithoutAssets(failed);
  assert.deepEqual((await wasmFetched(page)).map(({ path, status }) => ({ path, status })),
    [{ path: '/bandeau_embed_bg.wasm', status: 404 }]);
  assert.equal(await page.evaluate(() => customElements.get('bandeau-launcher') ?? null), null);
  assert.equal(await page.locator('bandeau-launcher').count(), 0, 'main.js stopped at its await');
  // The package sets `globalThis.__bandeau` as it starts and deletes it
  // only when the start fails, so, with the wasm asked for, its absence
  // means defineElements() rejected.
  assert.equal(await page.evaluate(() => globalThis.__bandeau ?? null), null, 'defineElements() rejected');
  await page.close();
});

test('Rollup 4 without importMetaAssets(): the rejection reaches the page as an uncaught error', {
  skip: ENGINE === 'webkit'
    && 'WebKitGTK fires no error event when a module\'s top-level await rejects (Chromium and Firefox do)',
}, async () => {
  const page = await openWithoutAssets((p) => p.evaluate(() => window.__bandeauExample.problems.length > 0));
  const log = await pageLog(page);
  assert.ok(log.pageErrors.length > 0, 'defineElements() rejected where the page can see it');
  await page.close();
});

/** A free loopback port (free when asked; the dev server is told to fail if it is taken). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

test('Vite\'s development server: the page works, with the wasm served from node_modules', async (t) => {
  const dir = env('BANDEAU_VITE_VANILLA_DIR');
  const port = await freePort();
  // --force: dependencies pre-bundled afresh, as on a developer's first
  // `npx vite` (vitejs/vite#8427 lost the wasm in that step).
  const server = spawn(join(dir, 'node_modules', '.bin', 'vite'),
    ['--host', '127.0.0.1', '--port', String(port), '--strictPort', '--force', '--clearScreen', 'false'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  server.stdout.on('data', (chunk) => { said += chunk; });
  server.stderr.on('data', (chunk) => { said += chunk; });
  t.after(() => server.kill());
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) assert.fail(`vite exited (${server.exitCode}):\n${said}`);
    if (await fetch(`${base}/`).then((r) => r.ok, () => false)) break;
    if (Date.now() - started > 30000) assert.fail(`vite did not answer in 30 s:\n${said}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const page = await clickThrough(base);
  // Vite 8 serves them from the installed package, where `new URL` points.
  const fetched = await wasmFetched(page);
  assert.deepEqual(fetched.map(({ status, type }) => ({ status, type })),
    [{ status: 200, type: 'application/wasm' }, { status: 200, type: 'application/wasm' }]);
  assert.match(fetched[0].path, /\/bandeau_embed_bg\.wasm$/);
  assert.match(fetched[1].path, /\/bandeau_brand_bg\.wasm$/);
  await assertClean(page);
  await page.close();
  assert.doesNotMatch(said, /error|warn/i, 'the dev server reported no problem');
});
