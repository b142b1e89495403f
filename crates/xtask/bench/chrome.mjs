// `cargo xtask bench chrome`, the browser half: bytes on the wire of each
// shipped file, then headless Chromium timings of the pages under
// examples/bench/ on the server xtask started. It writes raw samples to the
// JSON file named in the config; xtask turns them into the table, so every
// statistic is computed in one place. Timings are reported, never asserted.
//
// BANDEAU_BENCH_CONFIG names a JSON file:
//   { tools, origin, out, runs, keystrokes, lagaufre, pins: { opendesk, large },
//     files: [{ product, name, path }] }
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { join } from 'node:path';

const config = JSON.parse(readFileSync(process.env.BANDEAU_BENCH_CONFIG, 'utf8'));
const { chromium } = createRequire(join(config.tools, 'node_modules', '/'))('playwright-core');

const NAVS = ['opendesk', 'large'];
// Each one changes the 240-app list when typed into an empty search: the
// digits narrow it, the rest match nothing (every name is "Anwendung N-M",
// every keyword "stichwortN").
const KEYS = '0123456789bfjklmpqvxyz.,;/=[]\'`\\';
const SETTLE_FRAMES = 30;
const PAGE_TIMEOUT_MS = 15000;

const log = (line) => console.log(`bench: ${line}`);
const results = { browser: null, sizes: [], paint: [], keys: null };
const save = () => writeFileSync(config.out, `${JSON.stringify(results, null, 2)}\n`);

// Quality 11 and a 4 MiB window, as `cargo xtask build` states the budget;
// gzip at level 9, what a server without brotli would pre-compress.
for (const file of config.files) {
  const bytes = readFileSync(file.path);
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 22,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
  const gzip = gzipSync(bytes, { level: 9 }).length;
  results.sizes.push({ product: file.product, name: file.name, raw: bytes.length, gzip, brotli });
}
save();

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
results.browser = `Chromium ${browser.version()}`;
try {
  for (const nav of NAVS) {
    results.paint.push(await paint('bandeau', nav));
    save();
    if (config.lagaufre) {
      results.paint.push(await paint('lagaufre', nav));
      save();
    }
  }
  results.keys = await keystrokes();
  save();
} finally {
  await browser.close();
}

function pageUrl(product, nav) {
  return `${config.origin}/examples/bench/${product}.html?nav=${nav}`;
}

// `window.__bench.painted` of the page, or an error after a while.
function painted(page) {
  return page.evaluate((limit) => Promise.race([
    window.__bench.painted,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no frame with apps within ${limit} ms`)), limit)),
  ]), PAGE_TIMEOUT_MS);
}

// Script start to the first frame with the apps, over `runs` loads in one
// browser context after a load that fills Bandeau's navigation cache. A
// fresh context per product and document, so no cache is shared.
async function paint(product, nav) {
  const outcome = { product, nav, runs: [], cached: null, error: null };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const url = pageUrl(product, nav);
    log(`${product}, ${nav}: warm-up load`);
    await page.goto(url, { waitUntil: 'networkidle' });
    await painted(page);
    if (product === 'bandeau') {
      outcome.cached = await page.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith('bandeau.nav')));
      await page.evaluate((pins) => localStorage.setItem('bandeau.pinned', pins), config.pins[nav]);
    }
    log(`${product}, ${nav}: ${config.runs} measured loads`);
    for (let run = 0; run < config.runs; run++) {
      await page.goto(url, { waitUntil: 'load' });
      outcome.runs.push(await painted(page));
      // Let the background refresh finish so it does not spill into the next load.
      await page.waitForLoadState('networkidle');
    }
  } catch (error) {
    outcome.error = String(error.message || error).split('\n')[0];
    log(`${product}, ${nav}: ${outcome.error}`);
  } finally {
    await context.close();
  }
  return outcome;
}

// Keydown to the launcher's DOM being updated, one character typed into
// the empty search at a time with all 240 apps shown, then erased again.
async function keystrokes() {
  const outcome = { product: 'bandeau', apps: null, typed: [], erased: [], error: null };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(pageUrl('bandeau', 'large'), { waitUntil: 'networkidle' });
    await painted(page);
    await page.locator('bandeau-bar [part~="launcher-button"]').click();
    await page.locator('bandeau-bar [part~="search"]').click();
    outcome.apps = await shownApps(page);
    await page.evaluate(installKeyProbe, SETTLE_FRAMES);
    const press = async (key) => {
      await page.evaluate(() => window.__keys.arm());
      if (key === 'Backspace') await page.keyboard.press(key);
      else await page.keyboard.type(key);
      return page.evaluate(() => window.__keys.result());
    };
    // The first filtering runs code paths for the first time.
    for (const key of ['0', 'x']) {
      await press(key);
      await press('Backspace');
    }
    log(`bandeau: ${config.keystrokes} keystrokes in the launcher search, ${outcome.apps} apps`);
    for (let i = 0; i < config.keystrokes; i++) {
      const key = KEYS[i % KEYS.length];
      const typed = await press(key);
      const value = await page.locator('bandeau-bar [part~="search"]').inputValue();
      if (value !== key) throw new Error(`typing ${JSON.stringify(key)} left ${JSON.stringify(value)} in the search`);
      typed.key = key;
      typed.shown = await shownApps(page);
      outcome.typed.push(typed);
      const erased = await press('Backspace');
      erased.key = 'Backspace';
      erased.shown = await shownApps(page);
      outcome.erased.push(erased);
    }
  } catch (error) {
    outcome.error = String(error.message || error).split('\n')[0];
    log(`bandeau keystrokes: ${outcome.error}`);
  } finally {
    await context.close();
  }
  return outcome;
}

// Apps the launcher shows (rendered, not hidden by the filter).
function shownApps(page) {
  return page.evaluate(() => [...document.querySelector('bandeau-bar').shadowRoot
    .querySelectorAll('[part~="app"]')].filter((app) => app.getClientRects().length > 0).length);
}

// Runs in the page. A capture listener on the shadow root notes the
// keydown before any of the launcher's own handlers; a MutationObserver
// notes the last change to the shadow tree; the measurement ends with the
// first frame produced after a change (or after SETTLE_FRAMES without one).
function installKeyProbe(settleFrames) {
  const root = document.querySelector('bandeau-bar').shadowRoot;
  const probe = { armed: false, t0: null, last: null, mutations: 0, pending: null };
  probe.arm = () => {
    Object.assign(probe, { armed: true, t0: null, last: null, mutations: 0, pending: null });
  };
  probe.result = async () => {
    for (let i = 0; i < 200 && !probe.pending; i++) await new Promise((r) => setTimeout(r, 5));
    if (!probe.pending) throw new Error('the keystroke never reached the launcher');
    return probe.pending;
  };
  root.addEventListener('keydown', () => {
    if (!probe.armed || probe.t0 !== null) return;
    probe.t0 = performance.now();
    probe.pending = new Promise((resolve) => {
      let frames = 0;
      const frame = () => requestAnimationFrame(() => {
        const start = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          frames += 1;
          if (probe.last === null && frames < settleFrames) return frame();
          probe.armed = false;
          const since = (t) => (t === null ? null : t - probe.t0);
          resolve({
            dom: since(probe.last),
            frame: since(start),
            painted: since(performance.now()),
            mutations: probe.mutations,
          });
        };
        channel.port2.postMessage(null);
      });
      frame();
    });
  }, true);
  new MutationObserver((records) => {
    if (!probe.armed || probe.t0 === null) return;
    probe.last = performance.now();
    probe.mutations += records.length;
  }).observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  window.__keys = probe;
}
