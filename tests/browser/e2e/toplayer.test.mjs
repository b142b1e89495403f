// The open panels above any vendor page. examples/top-layer/ puts the bar
// in a header that clips, transforms and contains, later content above
// the header's stacking context, and the standalone launcher and user
// menu at the far edges of a toolbar that clips too. Each open panel must
// be whole and on top (hit testing reaches it everywhere), anchored under
// its button, inside the viewport (left to right, right to left, on a
// phone), following its button when the page scrolls, and closing and
// moving focus exactly as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, part, launcherButton, panel, userButton, userPanel, isOpen, focused,
  focusIsWithin, settled,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const PAGE = '/examples/top-layer/';

async function open(options) {
  const page = await newPage(browser, options);
  await openExample(page, PAGE);
  await part(page, 'bandeau-launcher', 'app').first().waitFor({ state: 'attached' });
  return page;
}

/** A page's viewport, without its scroll bars. */
const viewport = (page) => page.evaluate(() => ({
  width: document.documentElement.clientWidth,
  height: document.documentElement.clientHeight,
}));

const rect = (locator) => locator.evaluate((element) => {
  const { left, top, right, bottom, width, height } = element.getBoundingClientRect();
  return { left, top, right, bottom, width, height };
});

/**
 * What a person hitting the panel at nine points (near its corners, on
 * its edges' middles and at its centre, 16 px inside, clear of the
 * rounded corners) would hit: `panel` for the panel or anything in it,
 * otherwise the element there, by tag and id or part.
 */
const hits = (locator) => locator.evaluate((target) => {
  const box = target.getBoundingClientRect();
  const xs = [box.left + 16, box.left + box.width / 2, box.right - 16];
  const ys = [box.top + 16, box.top + box.height / 2, box.bottom - 16];
  const result = [];
  for (const y of ys) {
    for (const x of xs) {
      let element = document.elementFromPoint(x, y);
      while (element?.shadowRoot) {
        const inner = element.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === element) break;
        element = inner;
      }
      result.push(target.contains(element)
        ? 'panel'
        : `${element?.localName}${element?.id ? `#${element.id}` : ''}[${element?.getAttribute('part') ?? ''}]`);
    }
  }
  return result;
});

const WHOLE = Array(9).fill('panel');

/** The popups under test: host, the root part, button and panel, and the side the panel keeps to in ltr. */
const POPUPS = [
  { name: 'the bar\'s launcher', host: 'bandeau-bar', root: 'launcher', button: launcherButton, panel, side: 'left' },
  { name: 'the bar\'s user menu', host: 'bandeau-bar', root: 'user-menu', button: userButton, panel: userPanel, side: 'right' },
  { name: 'the launcher at the toolbar\'s right edge', host: 'bandeau-launcher', root: 'launcher', button: launcherButton, panel, side: 'left' },
  { name: 'the user menu at the toolbar\'s left edge', host: 'bandeau-user-menu', root: 'user-menu', button: userButton, panel: userPanel, side: 'right' },
];

/**
 * Checks the open panel against its button: just under it, inside the
 * viewport with room to spare (8 px), and lined up with the button's
 * `side` edge where the viewport allows.
 */
async function assertAnchored(page, popup, side) {
  const anchor = await rect(part(page, popup.host, popup.root));
  const box = await rect(popup.panel(page, popup.host));
  const view = await viewport(page);
  const where = JSON.stringify({ anchor, box, view });
  assert.ok(Math.abs(box.top - (anchor.bottom + 4)) <= 1, `${popup.name}: 4 px under its button: ${where}`);
  assert.ok(box.left >= 7.5 && box.right <= view.width - 7.5, `${popup.name}: inside the viewport: ${where}`);
  assert.ok(box.bottom <= view.height, `${popup.name}: not below the viewport: ${where}`);
  const fits = side === 'left' ? anchor.left + box.width <= view.width - 8 : anchor.right - box.width >= 8;
  if (fits) {
    assert.ok(Math.abs(box[side] - anchor[side]) <= 1, `${popup.name}: lined up on the ${side}: ${where}`);
  } else {
    // Pushed in from the viewport's edge just as far as needed.
    const edge = side === 'left' ? view.width - 8 - box.right : box.left - 8;
    assert.ok(Math.abs(edge) <= 1, `${popup.name}: 8 px from the viewport's edge: ${where}`);
  }
}

for (const popup of POPUPS) {
  test(`${popup.name}: the open panel is whole, on top of the page and under its button`, async () => {
    const page = await open();
    const button = popup.button(page, popup.host);
    const target = popup.panel(page, popup.host);
    await button.click();
    assert.equal(await isOpen(button, target), true);
    assert.deepEqual(await hits(target), WHOLE, 'nothing of the page covers or clips the panel');
    await assertAnchored(page, popup, popup.side);

    // A press on the panel reaches the panel, not the vendor's button
    // painted under it, and keeps it open.
    await page.evaluate(() => {
      window.__coverClicks = 0;
      document.getElementById('cover').addEventListener('click', () => { window.__coverClicks += 1; });
    });
    const box = await rect(target);
    await page.mouse.click(box.left + box.width / 2, box.bottom - 6);
    assert.equal(await page.evaluate(() => window.__coverClicks), 0, 'the vendor\'s button got no click');
    assert.equal(await isOpen(button, target), true, 'a press inside keeps the panel open');

    // A press outside closes it, and that press reaches the page.
    const cover = await rect(page.locator('#cover'));
    // A quarter of the way in from the side the panel is not on: clear of
    // the panel and of the page's scroll bar.
    const away = box.left + box.width / 2 < cover.left + cover.width / 2
      ? cover.right - cover.width / 4 : cover.left + cover.width / 4;
    await page.mouse.click(away, cover.bottom - 20);
    assert.equal(await settled(() => isOpen(button, target), false), false, 'a press outside closes it');
    assert.equal(await page.evaluate(() => window.__coverClicks), 1, 'the press outside reached the page');
    await page.close();
  });
}

/** Opens `popup` with a click; it must be open, whole, on top and under its button on `side`. */
async function openAnchored(page, popup, side) {
  const button = popup.button(page, popup.host);
  const target = popup.panel(page, popup.host);
  await button.click();
  assert.equal(await isOpen(button, target), true, popup.name);
  assert.deepEqual(await hits(target), WHOLE, `${popup.name}: whole and on top`);
  await assertAnchored(page, popup, side);
  return { button, target };
}

test('right to left, the panels are mirrored: under their buttons, inside the viewport', async () => {
  const page = await open();
  await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
  const mirrored = { left: 'right', right: 'left' };
  for (const popup of POPUPS) {
    const { button, target } = await openAnchored(page, popup, mirrored[popup.side]);
    await page.keyboard.press('Escape');
    assert.equal(await isOpen(button, target), false, `${popup.name}: Escape closes it`);
  }
  await page.close();
});

for (const [width, height] of [[320, 640], [640, 360]]) {
  test(`at ${width}×${height} the panels stay inside the viewport, under their buttons`, async () => {
    const page = await open({ viewport: { width, height } });
    for (const popup of POPUPS) {
      const { target } = await openAnchored(page, popup, popup.side);
      // Whatever the room cuts short can still be reached by scrolling.
      const reachable = await target.evaluate((element) => element.scrollHeight <= element.clientHeight
        || ['auto', 'scroll'].includes(getComputedStyle(element).overflowY));
      assert.ok(reachable, `${popup.name}: a panel taller than the room scrolls`);
      await page.keyboard.press('Escape');
    }
    await page.close();
  });
}

test('an open panel follows its button as the page scrolls and resizes', async () => {
  const page = await open();
  const popup = POPUPS[2];
  const button = popup.button(page, popup.host);
  const target = popup.panel(page, popup.host);
  await button.click();
  const nextFrame = () => page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(resolve));
  }));
  await page.evaluate(() => window.scrollTo(0, 30));
  await nextFrame();
  assert.equal(await page.evaluate(() => window.scrollY), 30, 'the page scrolled');
  await assertAnchored(page, popup, popup.side);
  await page.setViewportSize({ width: 900, height: 700 });
  await nextFrame();
  await assertAnchored(page, popup, popup.side);
  assert.equal(await isOpen(button, target), true, 'scrolling and resizing leave it open');
  await page.close();
});

test('the keyboard works as before: open, move, Escape back to the button, Tab out closes', async () => {
  const page = await open();
  for (const popup of POPUPS.slice(0, 2)) {
    const button = popup.button(page, popup.host);
    const target = popup.panel(page, popup.host);
    await button.evaluate((element) => element.focus());
    await page.keyboard.press('Enter');
    assert.equal(await isOpen(button, target), true, `${popup.name}: Enter opens it`);
    assert.ok(await focusIsWithin(target), `${popup.name}: focus moves into the panel`);
    const first = await focused(page);
    await page.keyboard.press('ArrowDown');
    assert.notDeepEqual(await focused(page), first, `${popup.name}: ArrowDown moves`);
    await page.keyboard.press('Escape');
    assert.equal(await isOpen(button, target), false, `${popup.name}: Escape closes it`);
    assert.equal((await focused(page))?.part, popup.root === 'launcher' ? 'launcher-button' : 'user-button',
      `${popup.name}: focus is back on the button`);
  }
  // Tab from the last of the user menu's items leaves the panel and closes it.
  const button = userButton(page);
  const target = userPanel(page);
  await page.keyboard.press('Enter');
  assert.equal(await isOpen(button, target), true);
  await part(page, 'bandeau-bar', 'logout-button').evaluate((element) => element.focus());
  await page.keyboard.press('Tab');
  assert.equal(await settled(() => isOpen(button, target), false), false, 'Tab out closes the menu');
  assert.equal(await focusIsWithin(target), false);
  await page.close();
});

test('where the Popover API exists, an open panel is in the top layer and a closed one is not', async () => {
  const page = await open();
  const supported = await page.evaluate(() => typeof HTMLElement.prototype.showPopover === 'function');
  if (!supported) {
    // Today's rendering, absolutely under the button, is the fallback.
    await page.close();
    return;
  }
  const inTopLayer = (locator) => locator.evaluate((element) => element.matches(':popover-open'));
  for (const popup of POPUPS) {
    const button = popup.button(page, popup.host);
    const target = popup.panel(page, popup.host);
    assert.equal(await inTopLayer(target), false, `${popup.name}: closed`);
    await button.click();
    assert.equal(await inTopLayer(target), true, `${popup.name}: open`);
    await page.keyboard.press('Escape');
    assert.equal(await inTopLayer(target), false, `${popup.name}: closed again`);
  }
  // The element's own methods go through the same state.
  await page.evaluate(() => document.querySelector('bandeau-launcher').open());
  assert.equal(await inTopLayer(panel(page, 'bandeau-launcher')), true, 'open()');
  await page.evaluate(() => document.querySelector('bandeau-launcher').close());
  assert.equal(await inTopLayer(panel(page, 'bandeau-launcher')), false, 'close()');
  await page.close();
});
