// A page's rules on the elements themselves. examples/hostile/locked.html
// aims `*` and the elements' tag names at them, with `!important`:
// transitions and animations of everything, padding, borders, effects,
// transforms, zoom, clipping, height, text. The elements keep only what a
// page may set on them (docs/elements.md, "What a page may set on the
// element"), so each must look exactly as on the clean twin
// (locked-reference.html) as soon as it is painted, must not animate, and
// must still be placed, sized and hidden by the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, openExample, decodePng, launcherButton, panel, isOpen } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const LOCKED = '/examples/hostile/locked.html';
const REFERENCE = '/examples/hostile/locked-reference.html';
const HOSTS = ['bandeau-bar', 'bandeau-launcher', 'bandeau-user-menu', 'bandeau-login'];
const VIEWPORT = { width: 1280, height: 1000 };

/** Resolves after the next two frames: what the page holds now is painted. */
const painted = (page) => page.evaluate(() => new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(resolve));
}));

/** The viewport right after the elements are ready and painted, and each element's box in it. */
async function firstPaint(path) {
  const page = await newPage(browser, { viewport: VIEWPORT });
  await openExample(page, path);
  await painted(page);
  const png = await page.screenshot();
  const boxes = await page.evaluate((hosts) => Object.fromEntries(hosts.map((host) => {
    const { left, top, width, height } = document.querySelector(host).getBoundingClientRect();
    return [host, { left, top, width, height }];
  })), HOSTS);
  await page.close();
  return { image: decodePng(png), boxes };
}

/**
 * Compares the part of two screenshots inside `box` (CSS px, clipped to
 * the viewport; the screenshots may be at a device pixel ratio). Returns
 * null when identical, otherwise what differs.
 */
function regionDifference(a, b, box) {
  const ratio = a.width / VIEWPORT.width;
  const x0 = Math.max(0, Math.round(box.left * ratio));
  const y0 = Math.max(0, Math.round(box.top * ratio));
  const x1 = Math.min(a.width, b.width, Math.round((box.left + box.width) * ratio));
  const y1 = Math.min(a.height, b.height, Math.round((box.top + box.height) * ratio));
  if (x1 <= x0 || y1 <= y0) return `nothing of ${JSON.stringify(box)} is on screen`;
  let count = 0;
  let first = null;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const ia = (y * a.width + x) * 4;
      const ib = (y * b.width + x) * 4;
      if (a.data.readUInt32BE(ia) !== b.data.readUInt32BE(ib)) {
        count += 1;
        first ??= { x, y };
      }
    }
  }
  return count === 0 ? null : `${count} of ${(x1 - x0) * (y1 - y0)} pixels differ, the first at ${JSON.stringify(first)}`;
}

test('rules aimed at the elements change none of their pixels, from the first paint on', async () => {
  const clean = await firstPaint(REFERENCE);
  const locked = await firstPaint(LOCKED);
  const differences = {};
  for (const host of HOSTS) {
    const [a, b] = [clean.boxes[host], locked.boxes[host]];
    const round = (box) => JSON.stringify(Object.values(box).map(Math.round));
    if (round(a) !== round(b)) {
      differences[host] = `boxes differ: ${JSON.stringify(a)} and ${JSON.stringify(b)}`;
      continue;
    }
    const difference = regionDifference(clean.image, locked.image, a);
    if (difference) differences[host] = difference;
  }
  assert.deepEqual(differences, {});
});

test('the elements neither transition nor animate, and the page\'s ::before and ::after stay out', async () => {
  const page = await newPage(browser, { viewport: VIEWPORT });
  await openExample(page, LOCKED);
  const found = await page.evaluate((hosts) => hosts.map((host) => {
    const element = document.querySelector(host);
    const style = getComputedStyle(element);
    return {
      host,
      animations: element.getAnimations().length,
      transition: style.transitionDuration,
      before: getComputedStyle(element, '::before').content,
      after: getComputedStyle(element, '::after').content,
    };
  }), HOSTS);
  assert.deepEqual(found, HOSTS.map((host) => ({
    host, animations: 0, transition: '0s', before: 'none', after: 'none',
  })));
  await page.close();
});

test('the elements still take presses there (pointer-events on the host are the chrome\'s)', async () => {
  const page = await newPage(browser, { viewport: VIEWPORT });
  await openExample(page, LOCKED);
  const button = launcherButton(page);
  const box = await button.evaluate((element) => {
    const { left, top, width, height } = element.getBoundingClientRect();
    return { x: left + width / 2, y: top + height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  assert.equal(await isOpen(button, panel(page)), true, 'a click on the launcher button opens it');
  await page.close();
});

test('the page still places, sizes and hides the elements', async () => {
  const page = await newPage(browser, { viewport: VIEWPORT });
  await openExample(page, LOCKED);
  const placed = await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = `
      bandeau-bar { margin: 7px 11px !important; position: relative !important; inset-inline-start: 5px !important;
        max-width: 900px !important; z-index: 3 !important; }
      bandeau-user-menu { display: none !important; }
      .toolbar { display: grid !important; grid-template-columns: 1fr auto; }
      bandeau-launcher { grid-column: 2 !important; justify-self: end !important; }`;
    document.head.append(style);
    const box = (host) => document.querySelector(host).getBoundingClientRect();
    const bar = getComputedStyle(document.querySelector('bandeau-bar'));
    return {
      bar: { left: box('bandeau-bar').left, top: box('bandeau-bar').top, width: box('bandeau-bar').width },
      barStyle: { marginTop: bar.marginTop, position: bar.position, zIndex: bar.zIndex },
      userMenu: getComputedStyle(document.querySelector('bandeau-user-menu')).display,
      launcherRight: Math.round(box('bandeau-launcher').right),
      toolbarRight: Math.round(document.querySelector('.toolbar').getBoundingClientRect().right),
    };
  });
  assert.deepEqual(placed.barStyle, { marginTop: '7px', position: 'relative', zIndex: '3' });
  assert.deepEqual(placed.bar, { left: 16, top: 7, width: 900 });
  assert.equal(placed.userMenu, 'none');
  assert.equal(placed.launcherRight, placed.toolbarRight);
  await page.close();
});
