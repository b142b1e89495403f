// The package's entry in headless Chromium, served from the tarball's
// files: defineElements() defines working elements from one wasm fetch,
// and it shares the module with the script tag `bandeau.js` whichever
// comes first. BANDEAU_PACKAGE is the installed package, BANDEAU_TOOLS the
// directory playwright-core is installed in.
import assert from 'node:assert/strict';
import { test, before, after } from 'node:test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, normalize, extname } from 'node:path';

const require = createRequire(join(process.env.BANDEAU_TOOLS, 'node_modules', '/'));
const { chromium } = require('playwright-core');
const PACKAGE = process.env.BANDEAU_PACKAGE;
const ORIGIN = 'http://bandeau.test';
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.css': 'text/css' };

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => browser?.close());

/**
 * A page on ORIGIN whose `/` is `html` and whose `/pkg/…` are the
 * package's files; `wasm(body)` may change what the wasm request gets.
 * Returns the page and the list of wasm requests it made.
 */
async function open(html, { wasm = (body) => ({ body }) } = {}) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const wasmRequests = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html });
    const relative = normalize(url.pathname.replace(/^\/pkg\//, ''));
    if (!url.pathname.startsWith('/pkg/') || relative.startsWith('..')) return route.fulfill({ status: 404 });
    let body;
    try {
      body = await readFile(join(PACKAGE, relative));
    } catch {
      return route.fulfill({ status: 404 });
    }
    const contentType = TYPES[extname(relative)] ?? 'application/octet-stream';
    // Not cached, so every fetch of the wasm is counted.
    const headers = { 'cache-control': 'no-store' };
    if (relative.endsWith('.wasm')) {
      wasmRequests.push(relative);
      return route.fulfill({ contentType, headers, status: 200, ...wasm(body) });
    }
    return route.fulfill({ contentType, headers, body });
  });
  await page.goto(`${ORIGIN}/`);
  return { page, wasmRequests, errors };
}

const IMPORT_MAP = '<script type="importmap">{"imports": {"bandeau": "/pkg/index.js"}}</script>';

/** Runs defineElements() in the page; returns what a test needs to know. */
async function define(page) {
  return page.evaluate(async () => {
    const { defineElements, tagNames } = await import('bandeau');
    const classes = await defineElements();
    const again = await defineElements();
    const login = document.createElement('bandeau-login');
    login.setAttribute('product-name', 'Acme Office');
    const ready = new Promise((resolve) => login.addEventListener('bandeau-ready', resolve, { once: true }));
    document.body.append(login);
    await ready;
    return {
      tags: Object.keys(classes),
      same: classes === again,
      registered: tagNames.every((tag) => customElements.get(tag) === classes[tag]),
      upgraded: login instanceof classes['bandeau-login'],
      heading: login.shadowRoot?.querySelector('[part~="product-name"]')?.textContent,
      src: globalThis.__bandeau?.src,
    };
  });
}

test('defineElements() defines four working elements from one wasm fetch', async () => {
  const { page, wasmRequests, errors } = await open(`${IMPORT_MAP}<body></body>`);
  const result = await define(page);
  assert.deepEqual(result.tags, ['bandeau-bar', 'bandeau-launcher', 'bandeau-user-menu', 'bandeau-login']);
  assert.ok(result.same, 'every call resolves to the same classes');
  assert.ok(result.registered && result.upgraded);
  assert.equal(result.heading, 'Acme Office');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(wasmRequests, ['bandeau_embed_bg.wasm']);
  assert.match(result.src, /^npm:bandeau@[0-9.]+\/index\.js$/, 'the npm entry won, named without a file path');
  assert.deepEqual(errors, []);
  await page.close();
});

test('after the script tag, defineElements() reuses its elements', async () => {
  const { page, wasmRequests, errors } = await open(
    `${IMPORT_MAP}<script type="module" src="/pkg/bandeau.js"></script><body></body>`,
  );
  await page.waitForFunction(() => globalThis.__bandeau?.ready);
  const result = await define(page);
  assert.ok(result.registered && result.upgraded);
  assert.equal(result.heading, 'Acme Office');
  assert.match(result.src, /\/pkg\/bandeau\.js$/, 'the script tag started the module');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(wasmRequests, ['bandeau_embed_bg.wasm']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a script tag after defineElements() does not load a second module', async () => {
  const { page, wasmRequests, errors } = await open(`${IMPORT_MAP}<body></body>`);
  await define(page);
  const defined = await page.evaluate(async () => {
    await import('/pkg/bandeau.js');
    return globalThis.__bandeau.ready;
  });
  assert.equal(defined, true);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(wasmRequests, ['bandeau_embed_bg.wasm']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a wasm that fails to load or to match its hash is refused, and a later call retries', async () => {
  let answer = 'missing';
  const { page, wasmRequests } = await open(`${IMPORT_MAP}<body></body>`, {
    wasm: (body) => {
      if (answer === 'missing') return { status: 404, body: 'gone' };
      if (answer === 'tampered') return { body: Buffer.concat([body, Buffer.from([0])]) };
      return { body };
    },
  });
  const attempt = () => page.evaluate(async () => {
    const { defineElements } = await import('bandeau');
    try {
      await defineElements();
      return { ok: true, global: Boolean(globalThis.__bandeau) };
    } catch (error) {
      return { ok: false, global: Boolean(globalThis.__bandeau), message: String(error) };
    }
  });
  const missing = await attempt();
  assert.equal(missing.ok, false);
  assert.equal(missing.global, false, 'a failed start leaves no global behind for the script tag');
  answer = 'tampered';
  const tampered = await attempt();
  assert.equal(tampered.ok, false, 'integrity refuses a changed wasm');
  assert.equal(await page.evaluate(() => customElements.get('bandeau-bar')), undefined);
  answer = 'good';
  assert.deepEqual(await attempt(), { ok: true, global: true });
  assert.equal(wasmRequests.length, 3);
  await page.close();
});
