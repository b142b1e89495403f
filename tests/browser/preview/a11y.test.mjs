// The workbench's own interface under axe-core (WCAG 2.0 and 2.1, A and
// AA) on each of its main views. The canvas frame is left out: the stories
// in it have their own axe tests (stories.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPreview, canvas, AXE_PATH } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations in the workbench page, frames excluded. */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      iframes: false,
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, TAGS);
}

// What each view needs to have finished before it is judged.
const VIEWS = [
  ['canvas with the bar controls', '?story=bar/default', '#control-product-name'],
  ['canvas with the login controls', '?story=login/two-languages', '#control-languages'],
  ['events panel with an event', '?story=launcher/open&panel=events', '#tabpanel-events li[data-event="bandeau-navigate"]',
    (page) => canvas(page).locator('bandeau-launcher [part~="app"]').first().click()],
  ['token editor', '?story=bar/default&panel=editor', '.token-editor option:nth-child(6)'],
  ['accessibility panel', '?story=bar/default&panel=a11y', '.axe-panel[data-state="done"]'],
  ['docs tab', '?story=user-menu/open&tab=docs', '.docs .snippet'],
  ['tokens tab', '?story=bar/default&tab=tokens', '.contrast-matrix tbody tr'],
  ['app themes tab', '?story=bar/default&tab=targets', '.target[data-target="ox"] .target-keys tbody tr'],
  ['app themes tab, dark, a token brand', '?story=bar/default&tab=targets&theme=dark&brand=context&context=ocean',
    '.target[data-target="openproject"] .target-note'],
  ['a refused primary colour', '?story=bar/default&brand=primary&primary=%23ffff00', '.brand-refused'],
  ['an accepted primary colour', '?story=bar/default&brand=primary&primary=%230b6e4f', '.brand-status li'],
];

for (const [name, query, ready, act] of VIEWS) {
  test(`axe-core finds no violation in the workbench: ${name}`, async () => {
    const page = await openPreview(browser, query);
    await act?.(page);
    await page.waitForSelector(ready, { state: 'attached', timeout: 20_000 });
    assert.deepEqual(await violations(page), []);
    await page.context().close();
  });
}

test('the workbench check can fail: an unlabelled field in the page is reported', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  await page.evaluate(() => document.querySelector('.toolbar').append(document.createElement('select')));
  const found = await violations(page);
  assert.ok(found.some((v) => v.startsWith('select-name')), found.join('\n'));
  await page.context().close();
});
