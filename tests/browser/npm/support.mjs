// Shared by the tests of the Vite examples, which `cargo xtask test` builds
// from the packed npm package and serves from their dist/ directories
// (crates/xtask/src/examples/). Each example's address and the path of the
// wasm Vite emitted come in as BANDEAU_<EXAMPLE>_URL and _WASM; the engine
// (chromium, firefox or webkit, driven through WebDriver by ../engine.mjs)
// as BANDEAU_ENGINE, and `cargo xtask test` runs these tests once per engine.
//
// WebDriver hears neither the console nor the responses, so: the pages
// `cargo xtask test` serves start with examples/shared/event-log.js, which
// records console warnings and errors, uncaught errors and unhandled
// rejections in `window.__bandeauExample`; the engine's proxy lists every
// address a page asked for; and each address is asked for again from here
// for its status and content type.
import { get as httpGet } from 'node:http';
import { launch as launchEngine } from '../engine.mjs';

export { ENGINE } from '../engine.mjs';

/** Where `cargo xtask test` serves the example `name`, and its wasm's path there. */
export function example(name) {
  const key = name.toUpperCase().replaceAll('-', '_');
  const base = process.env[`BANDEAU_${key}_URL`];
  const wasm = process.env[`BANDEAU_${key}_WASM`];
  if (!base || !wasm) {
    throw new Error(`BANDEAU_${key}_URL and _WASM are not set: run these tests with \`cargo xtask test\``);
  }
  return { base: base.replace(/\/+$/, ''), wasm };
}

/** The browser of this run's engine. */
export const launch = () => launchEngine();

/**
 * A fresh page (fresh profile, so nothing is cached) for the site at
 * `base`. Requests to other origins are refused by the engine's proxy: the
 * examples must not need them, and `pageLog` lists any that were made.
 */
export async function newPage(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.base = base;
  return page;
}

/**
 * Loads the site's `path` once its HTTP status is known to be 200 (asked
 * from here: WebDriver does not tell a navigation's status).
 */
export async function open(page, path = '/') {
  const address = new URL(path, `${page.base}/`).href;
  const { status } = await head(address);
  if (status !== 200) throw new Error(`${address}: HTTP ${status}`);
  await page.goto(address);
}

/**
 * What the page heard and asked for: `console` (warnings and errors as
 * `warning: …` / `error: …`), `pageErrors` (uncaught errors, unhandled
 * rejections), `responses` (every address of the site it asked for, in
 * order, with the status and content type the server gives it) and
 * `offsite` (addresses of other hosts, which the proxy refused).
 */
export async function pageLog(page) {
  const heard = await page.evaluate(() => window.__bandeauExample ?? null);
  if (!heard) {
    throw new Error(`${await page.url()} has no event log: the pages \`cargo xtask test\` serves start with examples/shared/event-log.js`);
  }
  const site = new URL(page.base);
  const asked = page.requests().map((address) => new URL(address));
  const responses = [];
  for (const address of asked.filter((a) => a.origin === site.origin)) {
    const { status, type } = await head(address);
    responses.push({ path: address.pathname, status, type });
  }
  return {
    console: heard.console.map((m) => `${m.type}: ${m.text}`),
    pageErrors: heard.problems.map((p) => `${p.kind}: ${p.text}`),
    responses,
    // WebKitGTK asks the proxy for a WebSocket (Vite's hot reload) by its
    // ws:// address; one to the site's own host and port is not offsite.
    offsite: asked.filter((a) => a.host !== site.host && !BROWSER_OWN.has(a.host)).map((a) => a.href),
  };
}

/**
 * What Chromium asks for on its own, whatever the page: the network time
 * and the component updater's checks. They are no page's requests (the
 * proxy refuses them like any other origin); a page's request to another
 * host of the same companies (fonts.googleapis.com, say) still counts.
 */
const BROWSER_OWN = new Set(['clients2.google.com', 'update.googleapis.com']);

/** The status and content type of a GET of `address`, on a connection of its own. */
function head(address) {
  return new Promise((resolve, reject) => {
    const request = httpGet(address, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, type: response.headers['content-type'] ?? '' }));
    });
    request.on('error', (error) => reject(new Error(`GET ${address}: ${error.message}`)));
  });
}

/** How many windows the page's session has (a link that opened a tab adds one). */
export const windowCount = async (page) => (await page.session.getAllWindowHandles()).length;

/** Locates a part inside `host`'s shadow root (the engine's CSS steps pierce open ones). */
export const part = (page, host, name) => page.locator(`${host} [part~="${name}"]`);

/** The visible app names a launcher lists, in order. */
export const appNames = (page, host) =>
  part(page, host, 'app').evaluateAll((apps) => apps
    .filter((a) => a.checkVisibility())
    .map((a) => a.querySelector('[part~="app-name"]').textContent.trim()));

/** The apps of the example's navigation document, in document order. */
export const SAMPLE_APPS = ['Email', 'Calendar', 'Files', 'Notes'];
