// examples/vite-react built by Vite from the packed npm package: the bar
// renders the app's own navigation document, and choosing an app reaches
// the app's typed `onbandeau-navigate` handler, which routes inside the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { example, launch, newPage, open as openSite, pageLog, windowCount, part, appNames, SAMPLE_APPS } from './support.mjs';

const { base, wasm } = example('vite-react');
const HOST = 'bandeau-bar';
let browser;

before(async () => { browser = await launch(); });
after(() => browser?.close());

async function open(page) {
  await openSite(page);
  await part(page, HOST, 'bar').waitFor({ timeout: 10000 });
}

// The app's status line. (The bar has a status of its own in its shadow
// root, for the launcher's search, hidden while the launcher is closed.)
const statusLine = (page) => page.locator('main [role="status"]');
const status = (page) => statusLine(page).textContent();

/** The status line once it says `expected` (React renders on its own schedule), else as it is. */
async function statusOnce(page, expected) {
  await statusLine(page).filter({ hasText: expected }).waitFor({ timeout: 2000 }).catch(() => {});
  return status(page);
}

async function assertClean(page) {
  const { console: messages, pageErrors, offsite } = await pageLog(page);
  assert.deepEqual(pageErrors, [], 'no uncaught errors');
  assert.deepEqual(messages.filter((m) => /^(error|warning):/.test(m)), [], 'no console errors or warnings');
  assert.deepEqual(offsite, [], 'nothing fetched from other origins');
}

test('the bar renders in its shadow root with the apps of the navigation document', async () => {
  const page = await newPage(browser, base);
  await open(page);
  assert.equal(await page.locator(HOST).evaluate((bar) => bar.shadowRoot?.mode), 'open');
  // `app="swp.files"` names the app the page belongs to.
  assert.equal((await part(page, HOST, 'current-app').textContent()).trim(), 'Current app: Files');
  await part(page, HOST, 'launcher-button').click();
  await part(page, HOST, 'panel').waitFor({ state: 'visible' });
  assert.deepEqual(await appNames(page, HOST), SAMPLE_APPS);
  assert.equal(await status(page), 'Choose an app in the launcher.');
  // `import 'bandeau/tokens.css'` reached the page: its text takes the token's colour.
  const colours = await page.evaluate(() => ({
    token: getComputedStyle(document.documentElement).getPropertyValue('--bd-color-text-default').trim(),
    text: getComputedStyle(document.body).color,
  }));
  assert.match(colours.token, /^#[0-9a-f]{6}$/i);
  assert.equal(colours.text, hexToRgb(colours.token));
  await assertClean(page);
  await page.close();
});

function hexToRgb(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

test('the wasm comes from the Vite build\'s hashed assets', async () => {
  const page = await newPage(browser, base);
  await open(page);
  const fetched = (await pageLog(page)).responses.filter((r) => r.path.endsWith('.wasm'));
  assert.deepEqual(fetched, [{ path: wasm, status: 200, type: 'application/wasm' }]);
  await assertClean(page);
  await page.close();
});

test('an app chosen in the launcher goes to the typed handler, which keeps the page', async () => {
  const page = await newPage(browser, base);
  await open(page);
  await part(page, HOST, 'launcher-button').click();
  await part(page, HOST, 'app').filter({ hasText: 'Calendar' }).click();
  assert.equal(await statusOnce(page, 'Navigating to swp.groupware_calendar'), 'Navigating to swp.groupware_calendar');
  assert.equal(await page.url(), `${base}/`);
  assert.equal(await windowCount(page), 1, 'no window was opened');
  await assertClean(page);
  await page.close();
});

test('a pinned app goes to the typed handler too', async () => {
  const page = await newPage(browser, base);
  await open(page);
  await part(page, HOST, 'launcher-button').click();
  await part(page, HOST, 'tile').filter({ hasText: 'Email' }).locator('[part~="pin-button"]').click();
  await page.keyboard.press('Escape');
  await part(page, HOST, 'panel').waitFor({ state: 'hidden' });
  const pinned = part(page, HOST, 'pinned-app');
  assert.deepEqual(await pinned.locator('[part~="app-name"]').allTextContents(), ['Email']);
  await pinned.click();
  assert.equal(await statusOnce(page, 'Navigating to swp.groupware_mail'), 'Navigating to swp.groupware_mail');
  assert.equal(await page.url(), `${base}/`);
  assert.equal(await windowCount(page), 1, 'no window was opened');
  await assertClean(page);
  await page.close();
});
