// Shared by the tests of the Vite examples, which `cargo xtask test` builds
// from the packed npm package and serves from their dist/ directories
// (crates/xtask/src/examples.rs). Each example's address and the path of
// the wasm Vite emitted come in as BANDEAU_<EXAMPLE>_URL and _WASM.
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tools = process.env.BANDEAU_TOOLS ?? join(here, '..', '..', '..', 'target', 'tools');
const require = createRequire(join(tools, 'node_modules', '/'));
const { chromium } = require('playwright-core');

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

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page that records console messages, page errors and every response.
 * Requests to other origins are aborted: the examples must not need them.
 */
export async function newPage(browser, base) {
  const origin = new URL(base).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route((address) => address.origin !== origin, (route) => route.abort());
  const page = await context.newPage();
  const log = { console: [], pageErrors: [], responses: [], offsite: [] };
  page.on('console', (message) => log.console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => log.pageErrors.push(String(error?.stack ?? error)));
  page.on('response', (response) => log.responses.push({
    path: new URL(response.url()).pathname,
    status: response.status(),
    type: response.headers()['content-type'] ?? '',
  }));
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) log.offsite.push(request.url());
  });
  page.log = log;
  return page;
}

/** Locates a part inside `host`'s shadow root (Playwright's CSS pierces open ones). */
export const part = (page, host, name) => page.locator(`${host} [part~="${name}"]`);

/** The visible app names a launcher lists, in order. */
export const appNames = (page, host) =>
  part(page, host, 'app').evaluateAll((apps) => apps
    .filter((a) => a.checkVisibility())
    .map((a) => a.querySelector('[part~="app-name"]').textContent.trim()));

/** The apps of the example's navigation document, in document order. */
export const SAMPLE_APPS = ['Email', 'Calendar', 'Files', 'Notes'];
