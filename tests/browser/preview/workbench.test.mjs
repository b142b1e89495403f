// The workbench's toolbar, controls, docs and shareable URLs, checked on
// what the canvas then shows: computed styles and texts of the real elements.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPreview, rerender, element, canvas, hostProperty, shownText, problems, url, BASE,
  storyIds, chooseStory,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const partStyle = (page, part, property) => canvas(page).evaluate(([p, name]) => {
  const node = document.querySelector('#stage > *').shadowRoot.querySelector(`[part~="${p}"]`);
  return getComputedStyle(node)[name];
}, [part, property]);

test('switching the theme changes the computed colours of the canvas', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  const light = await partStyle(page, 'bar', 'backgroundColor');
  await rerender(page, () => page.selectOption('#toolbar-theme', 'dark'));
  const dark = await partStyle(page, 'bar', 'backgroundColor');
  assert.notEqual(dark, light);
  assert.equal((await element(page)).attributes['data-theme'], 'dark');
  await rerender(page, () => page.selectOption('#toolbar-theme', 'high-contrast'));
  assert.notEqual(await partStyle(page, 'bar', 'backgroundColor'), dark);
  // `auto` follows the system: the same story, dark because the system is.
  await page.emulateMedia({ colorScheme: 'dark' });
  await rerender(page, () => page.selectOption('#toolbar-theme', 'auto'));
  assert.equal(await partStyle(page, 'bar', 'backgroundColor'), dark);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('switching the language changes the texts, and the direction the layout', async () => {
  const page = await openPreview(browser, '?story=launcher/open');
  const german = await shownText(page);
  await rerender(page, () => page.selectOption('#toolbar-lang', 'en'));
  const english = await shownText(page);
  assert.notEqual(english, german);
  assert.equal((await element(page)).attributes.lang, 'en');
  await rerender(page, () => page.selectOption('#toolbar-lang', 'fr'));
  assert.notEqual(await shownText(page), english);
  await rerender(page, () => page.selectOption('#toolbar-dir', 'rtl'));
  const direction = await canvas(page).evaluate(() => getComputedStyle(document.querySelector('#stage > *')).direction);
  assert.equal(direction, 'rtl');
  await page.context().close();
});

test('the sample brand and a typed primary colour re-colour the element; a bad colour is refused', async () => {
  const page = await openPreview(browser, '?story=launcher/open');
  const accent = () => hostProperty(page, '--bd-color-accent-default');
  const standard = await accent();
  assert.ok(standard, 'the element has an accent colour');

  await rerender(page, () => page.selectOption('#toolbar-brand', 'sample'));
  await canvas(page).waitForFunction(() => document.querySelector('#stage > *').dataset.brand === 'bandeau-runtime');
  const sample = await accent();
  assert.notEqual(sample, standard);

  await rerender(page, () => page.selectOption('#toolbar-brand', 'primary'));
  // A colour only changes the injected brand sheet, not the story.
  await page.fill('#toolbar-primary', '#7a1f5c');
  await page.waitForFunction(() => /7a1f5c/.test(new URL(location.href).searchParams.get('primary')));
  await canvas(page).waitForFunction(
    (old) => getComputedStyle(document.querySelector('#stage > *')).getPropertyValue('--bd-color-accent-default').trim() !== old,
    standard,
  );
  const typed = await accent();
  assert.notEqual(typed, standard);
  assert.notEqual(typed, sample);
  const status = await page.textContent('.brand-status');
  assert.match(status, /passes/);
  assert.doesNotMatch(status, /FAILS/);

  await page.fill('#toolbar-primary', '#ffff00');
  await page.waitForSelector('.brand-refused');
  assert.match(await page.textContent('.brand-refused'), /primary.*4\.5:1/s);
  await canvas(page).waitForFunction(() => !document.getElementById('bandeau-brand-css'));
  assert.equal(await accent(), standard, 'a refused brand keeps the default');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('controls edit the element live, and bad JSON is named instead of applied', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  await rerender(page, () => page.fill('#control-product-name', 'Tabellen'));
  assert.equal((await element(page)).attributes['product-name'], 'Tabellen');
  assert.match(await shownText(page), /Tabellen/);
  assert.match(page.url(), /a\.product-name=Tabellen/);

  const before = await shownText(page);
  await page.fill('#control-navigation', '{"categories": [');
  await page.waitForSelector('#control-navigation[aria-invalid="true"]');
  assert.match(await page.textContent('#navigation-help'), /navigation: not valid JSON/);
  assert.equal(await shownText(page), before);

  const renamed = '{"categories": [{"identifier": "c", "display_name": "Eins", "entries": '
    + '[{"identifier": "x", "display_name": "Zauberwerk", "link": "apps/x/"}]}]}';
  await rerender(page, () => page.fill('#control-navigation', renamed));
  const frame = canvas(page);
  await frame.evaluate(() => document.querySelector('#stage > *').shadowRoot.querySelector('[part~="launcher-button"]').click());
  await frame.waitForFunction(() => document.querySelector('#stage > *').shadowRoot.textContent.includes('Zauberwerk'));
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('a URL round-trips to the same view', async () => {
  const page = await openPreview(browser, '?story=launcher/closed');
  await rerender(page, () => page.click('a[data-story="user-menu/open"]'));
  await rerender(page, () => page.selectOption('#toolbar-theme', 'dark'));
  await rerender(page, () => page.selectOption('#toolbar-lang', 'fr'));
  await rerender(page, () => page.selectOption('#toolbar-dir', 'rtl'));
  await rerender(page, () => page.selectOption('#toolbar-zoom', '200'));
  await page.selectOption('#toolbar-viewport', '768');
  await rerender(page, () => page.fill('#control-logout-url', 'https://portal.example.org/bye'));
  await page.click('[role="tab"][data-tab="events"]');
  const link = page.url();
  const expected = await element(page);

  const again = await openPreview(browser, new URL(link).search);
  assert.equal(again.url(), link);
  assert.deepEqual(await element(again), expected);
  assert.equal(await again.getAttribute('a[aria-current="page"]', 'data-story'), 'user-menu/open');
  for (const [select, value] of [['#toolbar-theme', 'dark'], ['#toolbar-lang', 'fr'], ['#toolbar-dir', 'rtl'],
    ['#toolbar-zoom', '200'], ['#toolbar-viewport', '768']]) {
    assert.equal(await again.$eval(select, (s) => s.value), value, select);
  }
  assert.equal(await again.inputValue('#control-logout-url'), 'https://portal.example.org/bye');
  assert.equal(await again.getAttribute('[role="tab"][data-tab="events"]', 'aria-selected'), 'true');
  assert.equal(await again.isVisible('#tabpanel-events'), true);
  const frame = canvas(again);
  assert.equal(await frame.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await frame.evaluate(() => document.documentElement.style.zoom), '2');
  assert.equal(await again.$eval('.canvas-area iframe', (f) => f.getBoundingClientRect().width), 768);
  await page.context().close();
  await again.context().close();
});

test('the docs tab lists what custom-elements.json says, with usage snippets', async () => {
  const page = await openPreview(browser, '?story=bar/default&tab=docs');
  const manifest = await (await fetch(url('pkg/custom-elements.json'))).json();
  const declaration = manifest.modules.flatMap((m) => m.declarations ?? [])
    .find((d) => d.tagName === 'bandeau-bar');
  assert.ok(declaration, 'custom-elements.json declares bandeau-bar');
  const docs = await page.textContent('.docs');
  for (const attribute of declaration.attributes ?? []) assert.ok(docs.includes(attribute.name), attribute.name);
  for (const event of declaration.events ?? []) assert.ok(docs.includes(event.name), event.name);
  for (const part of declaration.cssParts ?? []) assert.ok(docs.includes(part.name), part.name);
  assert.match(docs, /--bd-bar-background/);
  const snippets = await page.$$eval('.snippet pre', (p) => p.map((n) => n.textContent));
  assert.match(snippets[0], /<script type="module" src="\/pkg\/bandeau.js"><\/script>/);
  assert.match(snippets[0], /<bandeau-bar\n {2}app="files"/);
  assert.match(snippets[1], /import 'bandeau\/bandeau.js';/);
  assert.match(snippets[1], /ref=\{ref\}/);
  await page.context().close();
});

test('the Events panel lists what the element fired, with its detail, and starts afresh per story', async () => {
  const page = await openPreview(browser, '?story=launcher/open&panel=events');
  const frame = canvas(page);
  const app = frame.locator('bandeau-launcher [part~="app"]').first();
  const name = (await app.locator('[part~="app-name"]').textContent()).trim();
  // The story's navigation document, as the controls panel holds it.
  const navigation = JSON.parse(await page.inputValue('#control-navigation'));
  const entry = navigation.categories.flatMap((c) => c.entries).find((e) => e.display_name === name
    || Object.values(e.display_name ?? {}).includes(name));
  assert.ok(entry, `${name} is in the story's navigation`);

  const listed = page.locator('#tabpanel-events li[data-event="bandeau-navigate"]');
  assert.equal(await listed.count(), 0, 'nothing navigated before the click');
  await app.click();
  await listed.first().waitFor();
  assert.equal(await listed.count(), 1);
  const detail = JSON.parse(await listed.locator('code').nth(1).textContent());
  assert.equal(detail.identifier, entry.identifier);
  assert.equal(new URL(detail.link, 'https://x.invalid/').pathname, new URL(entry.link, 'https://x.invalid/').pathname);
  // The canvas cancelled the navigation and still shows the story.
  assert.ok(canvas(page).url().includes('canvas.html'));

  await chooseStory(page, 'launcher/filtered');
  assert.equal(await listed.count(), 0, 'another story starts with an empty list');
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('Copy puts exactly the snippet shown, with the edits, on the clipboard', async () => {
  const page = await openPreview(browser, '?story=bar/default&tab=docs&a.product-name=Tabellen');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE).origin });
  for (const title of ['React', 'Script tag']) {
    const snippet = page.locator('.snippet').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
    const shown = await snippet.locator('pre').textContent();
    assert.match(shown, /Tabellen/, `the ${title} snippet shows the edit`);
    await page.getByRole('button', { name: `Copy the ${title} snippet` }).click();
    await snippet.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown, title);
  }
  await page.context().close();
});

test('the viewport sizes the canvas: the bar fits 320 px without overflow, and 1280 px is 1280 px wide', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  const frame = canvas(page);
  const width = () => frame.evaluate(() => window.innerWidth);
  const full = await width();
  assert.ok(full > 320 && full < 1280, `the full canvas is ${full}px in a 1400px window`);

  await page.selectOption('#toolbar-viewport', '320');
  await frame.waitForFunction(() => window.innerWidth === 320);
  const overflow = await frame.evaluate(() => {
    const host = document.querySelector('#stage > *');
    const out = [];
    if (document.documentElement.scrollWidth > 320) out.push(`the page scrolls to ${document.documentElement.scrollWidth}px`);
    if (host.getBoundingClientRect().width > 320) out.push(`the bar is ${host.getBoundingClientRect().width}px`);
    for (const node of host.shadowRoot.querySelectorAll('*')) {
      if (!node.checkVisibility() || node.localName === 'style') continue;
      const box = node.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left < -0.5 || box.right > 320.5) out.push(`${node.localName}[part="${node.getAttribute('part') ?? ''}"] spans ${box.left}–${box.right}px`);
      if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX === 'visible') {
        out.push(`${node.localName}[part="${node.getAttribute('part') ?? ''}"] overflows its box`);
      }
    }
    return out;
  });
  assert.deepEqual(overflow, []);
  assert.match(page.url(), /viewport=320/);

  await page.selectOption('#toolbar-viewport', '1280');
  await frame.waitForFunction(() => window.innerWidth === 1280);
  const bar = await frame.evaluate(() => document.querySelector('#stage > *').getBoundingClientRect().width);
  assert.equal(bar, 1280, 'the bar spans the 1280px canvas');
  await page.selectOption('#toolbar-viewport', 'full');
  await frame.waitForFunction((w) => window.innerWidth === w, full);
  await page.context().close();
});

test('every login story speaks German, English and French', async () => {
  const page = await openPreview(browser, '?story=login/with-background&lang=de');
  const ids = (await storyIds(page)).filter((id) => id.startsWith('login/'));
  assert.ok(ids.length >= 2, ids.join(', '));
  // The privacy link's label, in stories that have one.
  const privacy = { de: 'Datenschutz', en: 'Privacy', fr: 'Confidentialité' };
  const links = /^(imprint|privacy|docs|support|feedback)-url$/;
  let translated = 0;
  for (const id of ids) {
    if (!page.url().includes(`story=${encodeURIComponent(id)}`)) await chooseStory(page, id);
    const texts = {};
    for (const lang of ['de', 'en', 'fr']) {
      if (await page.$eval('#toolbar-lang', (s) => s.value) !== lang) {
        await rerender(page, () => page.selectOption('#toolbar-lang', lang));
      }
      const shown = await element(page);
      assert.equal(shown.attributes.lang, lang, id);
      texts[lang] = await shownText(page);
      if ('privacy-url' in shown.attributes) assert.ok(texts[lang].includes(privacy[lang]), `${id}, ${lang}: ${texts[lang]}`);
    }
    // A story with no link (login/minimal) shows only the product's own name.
    if (!Object.keys((await element(page)).attributes).some((a) => links.test(a))) continue;
    translated += 1;
    assert.notEqual(texts.de, texts.en, `${id}: German and English read the same`);
    assert.notEqual(texts.en, texts.fr, `${id}: English and French read the same`);
    assert.notEqual(texts.de, texts.fr, `${id}: German and French read the same`);
  }
  assert.ok(translated >= 3, `${translated} login stories with links`);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test('zoom 200 % draws the canvas content twice as large', async () => {
  const page = await openPreview(browser, '?story=bar/default');
  const button = () => canvas(page).locator('bandeau-bar [part~="launcher-button"]').boundingBox();
  const normal = await button();
  assert.ok(normal.width > 0 && normal.height > 0);
  await rerender(page, () => page.selectOption('#toolbar-zoom', '200'));
  const zoomed = await button();
  assert.ok(Math.abs(zoomed.width / normal.width - 2) < 0.05, `${normal.width}px became ${zoomed.width}px`);
  assert.ok(Math.abs(zoomed.height / normal.height - 2) < 0.05, `${normal.height}px became ${zoomed.height}px`);
  await rerender(page, () => page.selectOption('#toolbar-zoom', '100'));
  assert.ok(Math.abs((await button()).width - normal.width) < 0.5, 'back to 100 %');
  await page.context().close();
});
