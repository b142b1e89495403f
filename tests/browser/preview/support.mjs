// Shared by the preview's browser tests: the workbench (crates/preview) as a
// designer uses it, served by `cargo xtask preview` or exported with
// `--export` (`cargo xtask test` runs every file against both and passes the
// address as BANDEAU_URL). Stories are read from the app's sidebar, which
// lists the Rust stories of crates/widgets/src/story.rs, so a new story is
// tested without touching these files.
//
// The workbench is a designers' tool, so these tests drive it with
// Playwright in Chromium only (docs/decisions.md, "One WebDriver runner");
// the chrome's own tests run in three engines through ../engine.mjs.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tools = process.env.BANDEAU_TOOLS ?? join(here, '..', '..', '..', 'target', 'tools');
const require = createRequire(join(tools, 'node_modules', '/'));
const { chromium } = require('playwright-core');
/** Where axe-core's browser build is, for `page.addScriptTag({ path })`. */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

if (!process.env.BANDEAU_URL) {
  throw new Error('BANDEAU_URL is not set: run these tests with `cargo xtask test`');
}
/** The served or exported workbench, without a trailing slash. */
export const BASE = process.env.BANDEAU_URL.replace(/\/+$/, '');
const ORIGIN = new URL(BASE).origin;
/** A page address on that site. */
export const url = (path) => new URL(path, `${BASE}/`).href;

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh context (empty storage) and a page in it that records what the
 * page reports (`page.log`); requests to any other origin are aborted, so
 * nothing reaches the network.
 */
export async function newPage(browser, { viewport = { width: 1280, height: 800 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  await context.route((address) => address.origin !== ORIGIN, (route) => route.abort());
  const page = await context.newPage();
  const log = { console: [], pageErrors: [], requests: [] };
  page.on('console', (message) => log.console.push({
    type: message.type(),
    text: message.text(),
    url: message.location()?.url ?? '',
  }));
  page.on('pageerror', (error) => log.pageErrors.push(String(error?.stack ?? error)));
  page.on('request', (request) => log.requests.push(request.url()));
  page.log = log;
  return page;
}

/** How many stories finished rendering in the canvas so far. */
export const renders = (page) =>
  page.evaluate(() => Number(document.querySelector('.canvas-area')?.dataset.rendered ?? 0));

/** Waits until the canvas finished a render after `before` of them. */
export async function rendered(page, before) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('.canvas-area')?.dataset.rendered ?? 0) > n,
    before,
    { timeout: 20_000 },
  );
}

/** Opens the workbench at `query` (e.g. `?story=bar/default`) once the first story shows. */
export async function openPreview(browser, query = '', options = {}) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 }, ...options });
  await page.goto(url(`index.html${query}`));
  await rendered(page, 0);
  return page;
}

/** The canvas frame. */
export const canvas = (page) => page.frames().find((f) => f.url().includes('canvas.html'));

/** Does something that re-renders the story and waits for that render. */
export async function rerender(page, action) {
  const before = await renders(page);
  await action();
  await rendered(page, before);
}

/** Every story id in sidebar order. */
export const storyIds = (page) =>
  page.$$eval('nav[aria-label="Stories"] a[data-story]', (links) => links.map((a) => a.dataset.story));

export async function chooseStory(page, id) {
  await rerender(page, () => page.click(`nav[aria-label="Stories"] a[data-story="${id}"]`));
}

/** The story's element in the canvas, as the page sees it. */
export const element = (page) => canvas(page).evaluate(() => {
  const host = document.querySelector('#stage > *');
  return {
    tag: host.localName,
    attributes: Object.fromEntries([...host.attributes].map((a) => [a.name, a.value])),
    shadow: host.shadowRoot?.childElementCount ?? 0,
  };
});

/** A custom property as it resolves on the element (where its shadow tree reads it). */
export const hostProperty = (page, name) => canvas(page).evaluate(
  (property) => getComputedStyle(document.querySelector('#stage > *')).getPropertyValue(property).trim(),
  name,
);

/** The text a person meets in the element: text, labels and placeholders. */
export const shownText = (page) => canvas(page).evaluate(() => {
  const root = document.querySelector('#stage > *').shadowRoot;
  const labels = [...root.querySelectorAll('[aria-label], [placeholder], [title]')]
    .map((n) => `${n.getAttribute('aria-label') ?? ''}|${n.getAttribute('placeholder') ?? ''}|${n.getAttribute('title') ?? ''}`);
  return `${root.textContent.replace(/\s+/g, ' ')} ${labels.join(' ')}`;
});

/** Console errors and page errors the page (and its canvas) reported. */
export const problems = (page) => [
  ...page.log.console.filter((m) => m.type === 'error').map((m) => `${m.text} (${m.url})`),
  ...page.log.pageErrors,
];

/** Polls `read` until `ok` holds for its value; fails with the last value. */
export async function until(read, ok, what, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > end) assert.fail(`${what}: still ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
