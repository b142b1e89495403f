// The workbench needs nothing but its own files: clicking through every
// story, view, panel and brand, every request it makes (the canvas's
// included) goes to its own site and succeeds. `cargo xtask test` runs this
// against the static export on a plain static server too, where a request
// that only our preview server could answer fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, url, BASE, rendered, rerender, storyIds, chooseStory,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Requests a story makes on purpose that may fail, by story id. None today:
 * the stories of an unreachable or stalled portal (`bar/error`,
 * `bar/loading`, `bar/offline-cached`) have the canvas answer their
 * `nav-url` instead of the network, so they behave the same on any host.
 */
const DELIBERATE = {};

test('every request the workbench makes, story after story and tab after tab, succeeds on its own site', async () => {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  const origin = new URL(BASE).origin;
  let where = 'opening the workbench';
  const failed = [];
  const elsewhere = [];
  const seen = new Set();
  const allowed = (address) => (DELIBERATE[where] ?? []).some((pattern) => pattern.test(address));
  // Requests under way, so each step can wait until its own have ended
  // (Playwright's `networkidle` only describes the first page load).
  const pending = new Set();
  const settle = async () => {
    let quietSince = Date.now();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (pending.size > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= 500) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`${where}: requests never ended: ${[...pending].map((r) => r.url()).join(', ')}`);
  };
  page.context().on('requestfinished', (request) => pending.delete(request));
  page.context().on('requestfailed', (request) => pending.delete(request));
  page.context().on('request', (request) => {
    if (!request.url().startsWith('data:')) pending.add(request);
    const address = request.url();
    if (address.startsWith('data:') || address.startsWith('blob:')) return;
    seen.add(new URL(address).pathname);
    if (new URL(address).origin !== origin) elsewhere.push(`${where}: ${address}`);
  });
  page.context().on('response', (response) => {
    if (response.status() >= 400 && !allowed(response.url())) failed.push(`${where}: HTTP ${response.status()} ${response.url()}`);
  });
  page.context().on('requestfailed', (request) => {
    const address = request.url();
    if (new URL(address).origin === origin && !allowed(address)) {
      failed.push(`${where}: ${request.failure()?.errorText} ${address}`);
    }
  });

  await page.goto(url('index.html'));
  await rendered(page, 0);
  const ids = await storyIds(page);
  for (const id of ids) {
    where = id;
    if (id !== ids[0]) await chooseStory(page, id);
    // Let the story settle: icons, a background, a brand document.
    await settle();
  }

  where = 'the sample brand';
  await chooseStory(page, 'launcher/open');
  await rerender(page, () => page.selectOption('#toolbar-brand', 'sample'));
  await settle();

  for (const [list, keys] of [['Panels', ['events', 'editor', 'a11y', 'controls']], ['Views', ['docs', 'tokens', 'targets', 'canvas']]]) {
    for (const key of keys) {
      where = `the ${key} tab`;
      await page.getByRole('tablist', { name: list }).locator(`[data-tab="${key}"]`).click();
      await settle();
    }
  }
  // The token editor's sources and the axe panel's script were fetched.
  await page.locator('.token-editor option:nth-child(6)').waitFor({ state: 'attached' });
  await page.locator('.axe-panel[data-state="done"]').waitFor({ state: 'attached', timeout: 20_000 });
  where = 'the examples link';
  await page.getByRole('link', { name: 'Examples and token files' }).click();
  await settle();

  // What the workbench is made of, all from the site itself.
  for (const path of ['/app/bandeau_preview_bg.wasm', '/canvas.html', '/pkg/bandeau.js', '/vendor/axe.min.js',
    '/token-sources/index.json', '/brands/green.json', '/assets/icons/mail.svg', '/examples.html']) {
    assert.ok(seen.has(path), `${path} was never requested`);
  }
  assert.deepEqual(failed, []);
  assert.deepEqual(elsewhere, [], 'requests to other sites');
  await page.context().close();
});
