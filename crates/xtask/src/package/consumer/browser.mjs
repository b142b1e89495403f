// The package's entry in a browser, served from the tarball's files:
// defineElements() defines working elements from one wasm fetch, and it
// shares the module with the script tag `bandeau.js` whichever comes first.
// The browser is the engine BANDEAU_ENGINE names (chromium, firefox or
// webkit), driven through WebDriver by tests/browser/engine.mjs, whose path
// is BANDEAU_ENGINE_MODULE; `cargo xtask test` runs this once per engine.
// BANDEAU_PACKAGE is the installed package, BANDEAU_TOOLS the directory
// selenium-webdriver is installed in.
//
// The pages come from a server here, on http://bandeau.test (the engine's
// proxy maps that name to it): it counts the wasm requests, can answer them
// with a missing or changed file, starts every page with a script that
// records uncaught errors, which WebDriver does not hear, and ends it with
// one that imports for the tests.
import assert from 'node:assert/strict';
import { test, before, after } from 'node:test';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname } from 'node:path';
import { pathToFileURL } from 'node:url';

const { launch } = await import(pathToFileURL(process.env.BANDEAU_ENGINE_MODULE).href);
const PACKAGE = process.env.BANDEAU_PACKAGE;
const ORIGIN = 'http://bandeau.test';
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.css': 'text/css' };

/** Runs first on every page: what Playwright's `pageerror` used to hear. */
const ERROR_LOG = `<script>
  window.__errors = [];
  addEventListener('error', (event) => window.__errors.push(String(event.message)));
  addEventListener('unhandledrejection', (event) => window.__errors.push(String(event.reason)));
</script>`;

/**
 * Ends every page: the page's own `import()`, for the tests' scripts. A
 * script run through WebDriver imports without the page's import map in
 * Firefox, so `import('bandeau')` must come from a module of the page.
 */
const IMPORTER = '<script type="module">window.__import = (specifier) => import(specifier);</script>';

/**
 * What the server answers: `html` for `/`, the package's files under
 * `/pkg/…`, and for the wasm whatever `wasm(body)` makes of it. It notes
 * the wasm requests and when the last request of any kind came.
 */
const site = {
  html: '',
  wasm: (body) => ({ body }),
  wasmRequests: [],
  open: 0,
  last: 0,
};

const server = createServer(async (request, response) => {
  site.open += 1;
  site.last = Date.now();
  const send = (status, type, body) => {
    // Not cached, so every fetch of the wasm is counted.
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    site.open -= 1;
    site.last = Date.now();
  };
  const url = new URL(request.url, ORIGIN);
  if (url.pathname === '/') return send(200, 'text/html', `${ERROR_LOG}${site.html}${IMPORTER}`);
  const relative = normalize(url.pathname.replace(/^\/pkg\//, ''));
  if (!url.pathname.startsWith('/pkg/') || relative.startsWith('..')) return send(404, 'text/plain', 'not found');
  let body;
  try {
    body = await readFile(join(PACKAGE, relative));
  } catch {
    return send(404, 'text/plain', 'not found');
  }
  const contentType = TYPES[extname(relative)] ?? 'application/octet-stream';
  if (relative.endsWith('.wasm')) {
    site.wasmRequests.push(relative);
    const answer = site.wasm(body);
    return send(answer.status ?? 200, contentType, answer.body);
  }
  return send(200, contentType, body);
});

let browser;
before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launch();
  browser.mapHost('bandeau.test', `http://127.0.0.1:${server.address().port}`);
});
after(async () => {
  await browser?.close();
  server.close();
});

/**
 * A page on ORIGIN whose `/` is `html` and whose `/pkg/…` are the
 * package's files; `wasm(body)` may change what the wasm request gets.
 * Returns the page, the list of wasm requests it makes, and a function
 * that reads the uncaught errors it had.
 */
async function open(html, { wasm = (body) => ({ body }) } = {}) {
  Object.assign(site, { html, wasm, wasmRequests: [] });
  const page = await browser.newPage();
  await page.goto(`${ORIGIN}/`);
  const errors = () => page.evaluate(() => window.__errors);
  return { page, wasmRequests: site.wasmRequests, errors };
}

/** Playwright's `networkidle`: no request open and none for 500 ms. */
async function quiet() {
  while (site.open > 0 || Date.now() - site.last < 500) {
    await new Promise((resolve) => { setTimeout(resolve, 50); });
  }
}

const IMPORT_MAP = '<script type="importmap">{"imports": {"bandeau": "/pkg/index.js"}}</script>';

/** Runs defineElements() in the page; returns what a test needs to know. */
async function define(page) {
  return page.evaluate(async () => {
    const { defineElements, tagNames } = await window.__import('bandeau');
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
  await quiet();
  assert.deepEqual(wasmRequests, ['bandeau_embed_bg.wasm']);
  assert.match(result.src, /^npm:bandeau@[0-9.]+\/index\.js$/, 'the npm entry won, named without a file path');
  assert.deepEqual(await errors(), []);
  await page.close();
});

test('after the script tag, defineElements() reuses its elements', async () => {
  const { page, wasmRequests, errors } = await open(
    `${IMPORT_MAP}<script type="module" src="/pkg/bandeau.js"></script><body></body>`,
  );
  await page.waitForFunction(() => globalThis.__bandeau?.ready, undefined, { timeout: 10000 });
  const result = await define(page);
  assert.ok(result.registered && result.upgraded);
  assert.equal(result.heading, 'Acme Office');
  assert.match(result.src, /\/pkg\/bandeau\.js$/, 'the script tag started the module');
  await quiet();
  assert.deepEqual(wasmRequests, ['bandeau_embed_bg.wasm']);
  assert.deepEqual(await errors(), []);
  await page.close();
});

test('a script tag after defineElements() does not load a second module', async () => {
  const { page, wasmRequests, errors } = await open(`${IMPORT_MAP}<body></body>`);
  await define(page);
  const defined = await page.evaluate(async () => {
    await window.__import('/pkg/bandeau.js');
    return globalThis.__bandeau.ready;
  });
  assert.equal(defined, true);
  await quiet();
  assert.deepEqual(wasmRequests, ['bandeau_embed_bg.wasm']);
  assert.deepEqual(await errors(), []);
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
    const { defineElements } = await window.__import('bandeau');
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
  assert.equal(await page.evaluate(() => customElements.get('bandeau-bar') ?? null), null);
  answer = 'good';
  assert.deepEqual(await attempt(), { ok: true, global: true });
  assert.equal(wasmRequests.length, 3);
  await page.close();
});
