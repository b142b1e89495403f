// The workbench's toolbar, controls, docs and shareable URLs, checked on
// what the canvas then shows: computed styles and texts of the real elements.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPreview, rerender, element, canvas, hostProperty, shownText, problems, url,
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
  await page.click('.switcher button[data-tab="events"]');
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
  assert.equal(await again.getAttribute('.switcher button[data-tab="events"]', 'aria-pressed'), 'true');
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
