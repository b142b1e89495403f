// A right-to-left page: the chrome follows the page's `dir` (inherited into
// its shadow roots), mirrors its layout, and the arrow keys follow what
// people see: the left arrow goes to the next app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, openExample, focused, launcherButton, userButton, app } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const left = (locator) => locator.evaluate((el) => el.getBoundingClientRect().left);

test('dir="rtl" mirrors the bar and the arrow keys', async () => {
  const page = await newPage(browser);
  await openExample(page, '/examples/script-tag/');
  assert.ok(await left(launcherButton(page)) < await left(userButton(page)), 'ltr: launcher on the left');

  await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
  assert.ok(await left(launcherButton(page)) > await left(userButton(page)), 'rtl: launcher on the right');

  await launcherButton(page).focus();
  await page.keyboard.press('Enter');
  const first = await focused(page);
  const apps = app(page, 'bandeau-bar');
  const boxes = await apps.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().left));
  assert.ok(boxes[1] < boxes[0], 'the second app is left of the first');
  await page.keyboard.press('ArrowLeft');
  const second = await focused(page);
  assert.notEqual(second?.name, first?.name, 'ArrowLeft moved');
  assert.equal(second?.name, await apps.nth(1).evaluate((a) => a.querySelector('[part~="app-name"]').textContent.trim()),
    'ArrowLeft goes to the next app in reading order');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page))?.name, first?.name, 'ArrowRight goes back');
  await page.context().close();
});
