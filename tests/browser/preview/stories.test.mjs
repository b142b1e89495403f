// Every story of crates/widgets/src/story.rs, rendered by the real bundle
// in the workbench's canvas: no console errors, and no axe-core violation in
// the light, dark and high-contrast themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPreview, storyIds, chooseStory, element, canvas, problems, rerender, AXE_PATH,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the sidebar lists the stories the issue asks for, grouped by element', async () => {
  const page = await openPreview(browser);
  const ids = await storyIds(page);
  for (const id of ['bar/default', 'bar/pinned-apps', 'bar/long-names', 'bar/narrow', 'bar/loading',
    'bar/error', 'bar/offline-cached', 'launcher/open', 'launcher/filtered', 'launcher/no-result',
    'launcher/240-apps', 'launcher/broken-icons', 'user-menu/signed-in', 'login/with-background',
    'login/without-background']) {
    assert.ok(ids.includes(id), `${id} is missing from ${ids.join(', ')}`);
  }
  const groups = await page.$$eval('nav[aria-label="Stories"] section h2', (h) => h.map((n) => n.textContent));
  assert.deepEqual(groups, ['bandeau-bar', 'bandeau-launcher', 'bandeau-user-menu', 'bandeau-login']);
  await page.context().close();
});

test('every story renders its element with no console error', async () => {
  const page = await openPreview(browser);
  const ids = await storyIds(page);
  assert.ok(ids.length >= 20, `only ${ids.length} stories`);
  for (const id of ids) {
    if (id !== ids[0]) await chooseStory(page, id);
    const shown = await element(page);
    assert.equal(shown.tag, `bandeau-${id.split('/')[0]}`, id);
    assert.ok(shown.shadow > 0, `${id}: the element rendered nothing`);
    assert.match(page.url(), new RegExp(`story=${encodeURIComponent(id)}`), id);
    assert.deepEqual(problems(page), [], `${id} logged errors`);
  }
  await page.context().close();
});

test('stories show the states they are named after', async () => {
  const page = await openPreview(browser, '?story=launcher/240-apps');
  const frame = () => canvas(page);
  // Filtered-out apps stay in the DOM, hidden.
  const count = (selector) => frame().evaluate(
    (s) => [...document.querySelector('#stage > *').shadowRoot.querySelectorAll(s)]
      .filter((n) => n.checkVisibility()).length,
    selector,
  );
  assert.equal(await count('[part~="app"]'), 240);
  await chooseStory(page, 'launcher/no-result');
  assert.equal(await count('[part~="app"]'), 0);
  const typed = await frame().evaluate(() => document.querySelector('#stage > *').shadowRoot.querySelector('[part~="search"]').value);
  assert.equal(typed, 'Tabellenkalkulation');
  await chooseStory(page, 'launcher/filtered');
  const filtered = await count('[part~="app"]');
  assert.ok(filtered > 0 && filtered < 7, `${filtered} apps match "da"`);
  await chooseStory(page, 'bar/narrow');
  const width = await frame().evaluate(() => document.querySelector('#stage > *').getBoundingClientRect().width);
  assert.ok(width <= 320, `the narrow bar is ${width}px wide`);
  // The loading and error states differ from a ready bar: the launcher is not listing apps.
  for (const id of ['bar/loading', 'bar/error']) {
    await chooseStory(page, id);
    await page.waitForTimeout(300);
    const busy = await frame().evaluate(() => {
      const root = document.querySelector('#stage > *').shadowRoot;
      return [...root.querySelectorAll('[part~="app"]')].filter((n) => n.checkVisibility()).length;
    });
    assert.equal(busy, 0, `${id} lists apps`);
  }
  await page.context().close();
});

for (const theme of ['light', 'dark', 'high-contrast']) {
  test(`axe-core finds no violation in any story, ${theme} theme`, async () => {
    const page = await openPreview(browser, `?theme=${theme}`);
    const ids = await storyIds(page);
    const found = [];
    for (const id of ids) {
      if (id !== ids[0]) await chooseStory(page, id);
      const frame = canvas(page);
      assert.equal((await element(page)).attributes.theme, theme);
      if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ path: AXE_PATH });
      const violations = await frame.evaluate(async () => {
        // The story's element, not the canvas page around it.
        const result = await window.axe.run(document.getElementById('stage'), { resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      for (const v of violations) found.push(`${id}: ${v}`);
    }
    assert.deepEqual(found, []);
    assert.deepEqual(problems(page), []);
    await page.context().close();
  });
}

test('a story re-renders when the same story is chosen after an edit is reset', async () => {
  const page = await openPreview(browser, '?story=bar/default&a.product-name=Tabellen');
  assert.equal((await element(page)).attributes['product-name'], 'Tabellen');
  await rerender(page, () => page.click('button:has-text("Reset the story")'));
  assert.equal((await element(page)).attributes['product-name'], 'openDesk');
  await page.context().close();
});
