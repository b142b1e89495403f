// The bar where room is short: a 320 px phone and 200 % zoom (640 CSS px),
// with many pinned apps and the vendor's search box. The launcher and the
// user menu stay on screen, the page never scrolls sideways, and a pinned
// app that does not fit scrolls into view when it gets focus. Also forced
// colours (Windows high contrast): the launcher button and the panels'
// edges stay visible (not in WebKit, which has no forced-colours mode).
//
// Firefox's and WebKitGTK's windows do not get narrower than about 500 and
// 450 px; there engine.mjs opens the page in a frame of the width asked for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, launcherButton, userButton, part, panel, userPanel, SUPPORTS,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const PINNED = ['swp.groupware_mail', 'swp.groupware_calendar', 'swp.groupware_contacts', 'swp.groupware_tasks',
  'swp.files', 'swp.notes', 'swp.diagrams', 'swp.projects', 'swp.knowledge'];

async function narrow(width, deviceScaleFactor = 1) {
  const page = await newPage(browser, { viewport: { width, height: 700 }, deviceScaleFactor });
  // The pinned apps are stored before the bar starts: stored on a first
  // visit, then the page opened again.
  await openExample(page, '/examples/script-tag/');
  await page.evaluate((pinned) => localStorage.setItem('bandeau.pinned', pinned.join('\n')), PINNED);
  await openExample(page, '/examples/script-tag/');
  assert.equal(await page.evaluate(() => innerWidth), width, 'the viewport has the width under test');
  await part(page, 'bandeau-bar', 'pinned-app').first().waitFor({ state: 'attached' });
  // Only the bar is under test: the vendor's own page is its business.
  await page.addStyleTag({ content: 'body > :not(bandeau-bar) { display: none !important; }' });
  return page;
}

const box = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, right: r.right, width: r.width };
});

for (const [width, scale, label] of [[320, 1, '320 px'], [640, 2, '200 % zoom (640 CSS px)']]) {
  test(`at ${label} the bar fits: launcher and user menu on screen, no sideways scroll`, async () => {
    const page = await narrow(width, scale);
    const scroll = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: innerWidth }));
    assert.ok(scroll.page <= scroll.view, `the page scrolls sideways: ${JSON.stringify(scroll)}`);
    for (const [name, locator] of [['launcher', launcherButton(page)], ['user menu', userButton(page)]]) {
      const b = await box(locator);
      assert.ok(b.left >= 0 && b.right <= width && b.width > 0, `${name} is on screen: ${JSON.stringify(b)}`);
    }
    const strip = part(page, 'bandeau-bar', 'pinned');
    if (width < 600) {
      // The compact bar leaves pinned apps to the launcher: none is
      // focusable while out of sight.
      assert.equal(await strip.evaluate((nav) => nav.checkVisibility()), false, 'no pinned strip at 320 px');
      await page.context().close();
      return;
    }
    // The last pinned app, off its strip at first, scrolls into view when
    // the keyboard reaches it.
    const pinned = part(page, 'bandeau-bar', 'pinned-app');
    const last = pinned.last();
    await last.focus();
    const b = await box(last);
    const area = await box(strip);
    assert.ok(area.width > 100, `the strip has room: ${JSON.stringify(area)}`);
    assert.ok(b.left >= area.left - 1 && b.right <= area.right + 1,
      `the focused pinned app is visible: ${JSON.stringify({ b, area })}`);
    await page.context().close();
  });
}

test('forced colours keep the launcher button and the panel edges visible', {
  skip: !SUPPORTS.forcedColors && 'WebKit has no forced-colors mode',
}, async () => {
  const page = await newPage(browser, { forcedColors: 'active' });
  await openExample(page, '/examples/script-tag/');
  assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true, 'forced colours are on');
  const dots = await part(page, 'bandeau-bar', 'launcher-button').evaluate(
    (button) => getComputedStyle(button.querySelector('.waffle')).backgroundImage,
  );
  assert.notEqual(dots, 'none', 'the waffle keeps its dots');
  await launcherButton(page).click();
  const edge = (locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth));
  assert.ok(await edge(panel(page)) >= 1, 'the launcher panel has an edge');
  await page.keyboard.press('Escape');
  await userButton(page).click();
  assert.ok(await edge(userPanel(page)) >= 1, 'the user panel has an edge');
  await page.context().close();
});
