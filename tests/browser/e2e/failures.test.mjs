// The navigation failing in each way the preview server can make it fail
// (crates/xtask/src/endpoints.rs): the bar stays and works, the launcher
// shows an error with a retry (or the last good list), the page gets one
// console warning and one bandeau-error, and the page around is untouched.
// examples/navigation/ points its bar at the endpoint named by ?nav=.
// What the page heard comes from examples/shared/event-log.js, what it
// asked for from the engine's proxy (support.mjs's pageLog).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, appNames, launcherButton, panel, isOpen, bandeauWarnings,
  exampleEvents, exampleProblems, settled, sleep, pageLog,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const PAGE = '/examples/navigation/';
const HEADING = 'Die Leiste gegen jeden Navigations-Endpunkt';

const errors = async (page) => (await exampleEvents(page)).filter((e) => e.type === 'bandeau-error');

/** Waits until the page has had `count` bandeau-error events, then a little longer. */
async function awaitErrors(page, count, timeout = 3000) {
  const got = await settled(async () => (await errors(page)).length >= count, true, timeout);
  assert.ok(got, `a bandeau-error within ${timeout} ms`);
  await sleep(500);
}

/** The bar and the page around it are there and usable. */
async function assertIntact(page) {
  const bar = await page.locator('bandeau-bar').boundingBox();
  assert.ok(bar && bar.height > 0 && bar.width > 0, 'the bar is shown');
  assert.equal(await launcherButton(page).isVisible(), true, 'with its launcher button');
  assert.equal(await page.locator('#page-heading').textContent(), HEADING, 'the page is untouched');
  assert.deepEqual((await pageLog(page)).pageErrors, []);
  assert.deepEqual(await exampleProblems(page), []);
}

/** Exactly one warning and one bandeau-error, from the navigation. */
async function assertReportedOnce(page) {
  const events = await errors(page);
  assert.equal(events.length, 1, `one bandeau-error: ${JSON.stringify(events)}`);
  assert.equal(events[0].detail.source, 'navigation');
  assert.equal(events[0].tag, 'bandeau-bar');
  const warnings = await bandeauWarnings(page);
  assert.equal(warnings.length, 1, `one console warning: ${JSON.stringify(warnings)}`);
  const log = await pageLog(page);
  assert.equal(log.console.filter((m) => m.type === 'warning').length, 1, 'and no other warning');
}

async function assertErrorWithRetry(page) {
  const button = launcherButton(page);
  if (!(await isOpen(button, panel(page)))) await button.click();
  const alert = panel(page).getByRole('alert');
  assert.equal(await alert.isVisible(), true, 'the launcher shows an error');
  assert.match(await alert.textContent(), /Die Apps konnten nicht geladen werden/);
  const retry = panel(page).getByRole('button', { name: 'Erneut versuchen' });
  assert.equal(await retry.isVisible(), true, 'with a retry button');
  assert.deepEqual(await appNames(page), [], 'and no apps');
  return retry;
}

for (const [endpoint, what] of [['/nav/500', 'HTTP 500'], ['/nav/garbage', 'a cut-off document'], ['/nav/empty', 'an empty answer']]) {
  test(`${endpoint}: ${what} leaves the bar working, with an error and a retry`, async () => {
    const page = await newPage(browser);
    await openExample(page, `${PAGE}?nav=${endpoint}`, { apps: false });
    await awaitErrors(page, 1);
    await assertIntact(page);
    await assertReportedOnce(page);
    const retry = await assertErrorWithRetry(page);

    // Retry asks again (and fails again, reported again).
    const asked = () => page.requests().filter((r) => new URL(r).pathname === endpoint).length;
    const before = asked();
    await retry.click();
    await awaitErrors(page, 2);
    assert.equal(asked(), before + 1, 'the retry fetched the navigation again');
    assert.equal((await errors(page)).length, 2);
    await assertIntact(page);
    await page.context().close();
  });
}

test('/nav/slow: after 5 s the launcher gives up with an error, and the late answer changes nothing', async () => {
  const page = await newPage(browser);
  // When the request reached the proxy, noted from here while the page loads.
  let asked;
  const watch = setInterval(() => {
    if (page.requests().some((r) => new URL(r).pathname === '/nav/slow')) asked ??= Date.now();
  }, 10);
  try {
    await openExample(page, `${PAGE}?nav=/nav/slow`, { apps: false });
    await page.waitForFunction(() => document.readyState === 'complete');
    await settled(() => asked !== undefined, true);
  } finally {
    clearInterval(watch);
  }
  assert.ok(asked, 'the page asked for /nav/slow');
  // Well before the 5 s timeout: when the error arrives, by the page's clock.
  await page.evaluate(() => {
    document.addEventListener('bandeau-error', () => { window.__firstErrorAt ??= Date.now(); });
  });
  assert.equal((await errors(page)).length, 0, 'no error before the listener');
  await launcherButton(page).click();
  const status = panel(page).getByRole('status');
  assert.equal(await status.isVisible(), true, 'while waiting, the launcher says it is loading');
  assert.equal((await errors(page)).length, 0);

  await awaitErrors(page, 1, 9000);
  const waited = (await page.evaluate(() => window.__firstErrorAt)) - asked;
  assert.ok(waited > 4500 && waited < 7500, `gave up after the 5 s timeout, not at the 8 s answer (${waited} ms)`);
  await assertErrorWithRetry(page);
  // The server answers 8 s after the request; it was abandoned, so nothing changes.
  await sleep(Math.max(0, asked + 8500 - Date.now()));
  await assertReportedOnce(page);
  await assertErrorWithRetry(page);
  await assertIntact(page);
  await page.context().close();
});

test('a failure after a good load keeps the last good list', async () => {
  const page = await newPage(browser);
  await openExample(page, `${PAGE}?nav=/navigation.json`);
  assert.deepEqual((await errors(page)), []);
  await page.goto(`${(await page.url()).split('?')[0]}?nav=/nav/500`);
  assert.equal(await page.waitForFunction(() => globalThis.__bandeau?.ready), true);
  await awaitErrors(page, 1);
  await assertIntact(page);
  await assertReportedOnce(page);
  await launcherButton(page).click();
  assert.equal((await appNames(page)).length, 11, 'the cached apps are shown');
  assert.equal(await panel(page).getByRole('alert').count(), 0, 'and no error in their place');
  await page.context().close();
});
