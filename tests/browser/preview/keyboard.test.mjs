// The workbench from the keyboard alone, with real key presses: the views
// and panels are WAI-ARIA tabs (one tab stop per list, arrows, Home and End,
// a visible focus ring), and the story list is reached with Tab and opened
// with Enter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPreview, rerender, element, problems } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const LISTS = {
  Views: ['canvas', 'docs', 'tokens', 'targets'],
  Panels: ['controls', 'events', 'editor', 'a11y'],
};

/** What a tab list says and shows: selected and tabbable tabs, shown panels. */
const listState = (page, label) => page.evaluate((name) => {
  const list = [...document.querySelectorAll('[role="tablist"]')].find((l) => l.getAttribute('aria-label') === name);
  const tabs = [...list.querySelectorAll('[role="tab"]')];
  return {
    selected: tabs.filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.dataset.tab),
    tabbable: tabs.filter((t) => t.tabIndex === 0).map((t) => t.dataset.tab),
    shown: tabs.filter((t) => document.getElementById(t.getAttribute('aria-controls')).checkVisibility())
      .map((t) => t.dataset.tab),
  };
}, label);

/** The focused element: its tab key (if a tab), whether it shows a focus ring. */
const focus = (page) => page.evaluate(() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tab: element.getAttribute('role') === 'tab' ? element.dataset.tab : null,
    story: element.dataset.story ?? null,
    tag: element.localName,
    ring: element.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
});

async function press(page, key) {
  await page.keyboard.press(key);
}

test('views and panels are tab lists whose tabs control labelled tab panels', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  for (const [label, keys] of Object.entries(LISTS)) {
    const list = page.getByRole('tablist', { name: label });
    assert.deepEqual(await list.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.dataset.tab)), keys);
    for (const key of keys) {
      const tab = list.locator(`[data-tab="${key}"]`);
      const panel = page.locator(`#${await tab.getAttribute('aria-controls')}`);
      assert.equal(await panel.getAttribute('role'), 'tabpanel', key);
      assert.equal(await panel.getAttribute('aria-labelledby'), await tab.getAttribute('id'), key);
    }
    assert.deepEqual(await listState(page, label), { selected: [keys[0]], tabbable: [keys[0]], shown: [keys[0]] });
  }
  await page.context().close();
});

test('Tab reaches the selected view once; arrows, Home and End move and show, with a visible focus ring', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  // From the toolbar's last field, one Tab lands on the selected tab only.
  await page.focus('#toolbar-zoom');
  await press(page, 'Tab');
  assert.deepEqual(await focus(page), { tab: 'canvas', story: null, tag: 'button', ring: true });

  const moves = [
    ['ArrowRight', 'docs'], ['ArrowRight', 'tokens'], ['ArrowRight', 'targets'], ['ArrowRight', 'canvas'],
    ['ArrowLeft', 'targets'], ['Home', 'canvas'], ['End', 'targets'], ['ArrowLeft', 'tokens'], ['ArrowLeft', 'docs'],
  ];
  for (const [key, expected] of moves) {
    await press(page, key);
    assert.deepEqual(await focus(page), { tab: expected, story: null, tag: 'button', ring: true }, `${key} → ${expected}`);
    assert.deepEqual(await listState(page, 'Views'), { selected: [expected], tabbable: [expected], shown: [expected] });
  }
  assert.match(page.url(), /tab=docs/);
  // Enter and Space on the selected tab change nothing.
  await press(page, 'Enter');
  assert.deepEqual((await listState(page, 'Views')).selected, ['docs']);

  // Tab leaves the list for the panel's content; Shift+Tab comes back to the selected tab.
  await press(page, 'Tab');
  const inside = await focus(page);
  assert.equal(inside.tab, null, 'Tab moved to another tab instead of the panel');
  assert.ok(await page.evaluate(() => document.getElementById('tabpanel-docs').contains(document.activeElement)));
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focus(page)).tab, 'docs');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('the panel tabs move with the arrows and the shown panel follows', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  await page.getByRole('tab', { name: 'Controls' }).focus();
  for (const [key, expected] of [['ArrowRight', 'events'], ['End', 'a11y'], ['ArrowRight', 'controls'],
    ['ArrowLeft', 'a11y'], ['ArrowLeft', 'editor']]) {
    await press(page, key);
    assert.equal((await focus(page)).tab, expected, `${key} → ${expected}`);
    assert.deepEqual(await listState(page, 'Panels'), { selected: [expected], tabbable: [expected], shown: [expected] });
  }
  assert.match(page.url(), /panel=editor/);
  // The views are not touched by the panel keys.
  assert.deepEqual((await listState(page, 'Views')).selected, ['canvas']);
  await page.context().close();
});

test('the story list is reached with Tab, opened with Enter, and marks the current story', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  const current = () => page.$$eval('nav[aria-label="Stories"] [aria-current]',
    (links) => links.map((a) => [a.dataset.story, a.getAttribute('aria-current')]));
  assert.deepEqual(await current(), [['bar/default', 'page']]);

  // The skip link comes first, then the stories in order.
  await press(page, 'Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  const passed = [];
  for (let i = 0; i < 40; i += 1) {
    await press(page, 'Tab');
    const { story, ring } = await focus(page);
    assert.ok(story, `Tab left the story list after ${passed.join(', ')}`);
    assert.ok(ring, `${story} has no visible focus ring`);
    passed.push(story);
    if (story === 'launcher/open') break;
  }
  assert.deepEqual(passed.slice(0, 2), ['bar/default', 'bar/pinned-apps']);
  assert.equal(passed.at(-1), 'launcher/open');

  await rerender(page, () => press(page, 'Enter'));
  assert.equal((await element(page)).tag, 'bandeau-launcher');
  assert.deepEqual(await current(), [['launcher/open', 'page']]);
  assert.match(page.url(), /story=launcher%2Fopen/);
  assert.equal((await focus(page)).story, 'launcher/open', 'focus stays on the chosen story');

  // The skip link takes focus past the list to the workbench.
  await page.focus('.skip-link');
  await press(page, 'Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'workbench');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});
