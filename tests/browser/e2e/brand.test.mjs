// The `brand` attribute: an operator's openDesk colour keys, fetched,
// checked and derived in the browser by the brand module, which only pages
// with a brand download. A brand that fails the checks keeps the default
// and says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, part, exampleEvents, exampleProblems, settled, pageLog,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

/** A custom property as the element's shadow root computes it. */
const token = (page, selector, name) => page.evaluate(([selector, name]) => {
  const host = document.querySelector(selector);
  return getComputedStyle(host.shadowRoot.querySelector('[part~="launcher-button"]'))
    .getPropertyValue(name).trim();
}, [selector, name]);

/** The launcher button's background colour, as painted. */
const buttonBackground = (page, selector) => page.evaluate((selector) => {
  const host = document.querySelector(selector);
  return getComputedStyle(host.shadowRoot.querySelector('[part~="launcher-button"]')).backgroundColor;
}, selector);

const brandErrors = async (page) => (await exampleEvents(page))
  .filter((e) => e.type === 'bandeau-error' && e.detail?.source === 'brand');

test('a brand document re-themes the element at run time', async () => {
  const page = await newPage(browser);
  await openExample(page, '/examples/script-tag/');
  const defaultAccent = await token(page, 'bandeau-bar', '--bd-color-accent-default');
  assert.equal(
    page.requests().filter((r) => r.includes('/brand/')).length, 0,
    'a page without a brand never loads the brand module',
  );
  await page.context().close();

  const branded = await newPage(browser);
  await openExample(branded, '/examples/brand/');
  const accent = await settled(
    () => token(branded, '#branded', '--bd-color-accent-default'),
    '#0b6e4f', 5000,
  );
  assert.equal(accent, '#0b6e4f', 'the brand primary is the accent');
  assert.notEqual(accent, defaultAccent);
  assert.equal(await branded.evaluate(() => document.querySelector('#branded').dataset.brand), 'bandeau-runtime');
  assert.ok(branded.requests().some((r) => r.endsWith('/pkg/brand/bandeau_brand_bg.wasm')), 'the brand module came from beside the bundle');

  // Dark and high contrast: the dark theme gets an adapted accent, high
  // contrast keeps its own.
  await branded.evaluate(() => document.querySelector('#branded').setAttribute('theme', 'dark'));
  const dark = await token(branded, '#branded', '--bd-color-accent-default');
  assert.notEqual(dark, '', 'the dark theme has an accent');
  await branded.evaluate(() => document.querySelector('#branded').setAttribute('theme', 'high-contrast'));
  const contrast = await token(branded, '#branded', '--bd-color-accent-default');
  const plain = await newPage(browser);
  await openExample(plain, '/examples/script-tag/');
  await plain.evaluate(() => document.querySelector('bandeau-bar').setAttribute('theme', 'high-contrast'));
  assert.equal(contrast, await token(plain, 'bandeau-bar', '--bd-color-accent-default'), 'high contrast keeps its own accent');
  await plain.context().close();

  // Removing the attribute goes back to the default brand.
  await branded.evaluate(() => {
    const bar = document.querySelector('#branded');
    bar.setAttribute('theme', 'light');
    bar.removeAttribute('brand');
  });
  assert.equal(await token(branded, '#branded', '--bd-color-accent-default'), defaultAccent);
  assert.deepEqual(await exampleProblems(branded), []);
  await branded.context().close();
});

test('a brand that fails its checks keeps the default and names the key and the ratio', async () => {
  const page = await newPage(browser);
  await openExample(page, '/examples/brand/');
  const errors = await settled(async () => (await brandErrors(page)).length, 1, 5000);
  assert.equal(errors, 1, 'one bandeau-error for the refused brand');
  const [error] = await brandErrors(page);
  assert.equal(error.tag, 'bandeau-launcher');
  assert.match(error.detail.message, /too-light\.json/);
  assert.match(error.detail.message, /primary: .*needs 4\.5:1/);
  assert.match(error.detail.message, /default brand is kept/);
  assert.equal(await page.evaluate(() => document.querySelector('#refused').dataset.brand ?? null), null);
  const refused = await buttonBackground(page, '#refused');
  const reference = await newPage(browser);
  await openExample(reference, '/examples/launcher-only/', { host: 'bandeau-launcher' });
  await reference.evaluate(() => document.querySelector('bandeau-launcher').setAttribute('theme', 'light'));
  assert.equal(refused, await buttonBackground(reference, 'bandeau-launcher'), 'the refused brand painted nothing');
  await reference.context().close();
  await page.context().close();
});

test('unsafe, missing and broken brand documents are reported, and the element keeps working', async () => {
  const page = await newPage(browser);
  await openExample(page, '/examples/brand/');
  // The launcher below has its own (refused) brand, reported whenever it
  // arrives: only the bar's errors count here.
  const barErrors = async () => (await brandErrors(page)).filter((e) => e.tag === 'bandeau-bar');
  for (const [value, pattern] of [
    ['javascript:alert(1)', /not allowed/],
    ['missing.json', /HTTP 404/],
    ['/nav/garbage', /JSON/],
  ]) {
    const before = (await barErrors()).length;
    await page.evaluate((value) => document.querySelector('#branded').setAttribute('brand', value), value);
    const count = await settled(async () => (await barErrors()).length, before + 1, 5000);
    assert.equal(count, before + 1, `${value}: one error`);
    const last = (await barErrors()).at(-1);
    assert.match(last.detail.message, pattern, value);
    assert.equal(await page.evaluate(() => document.querySelector('#branded').dataset.brand ?? null), null, value);
  }
  assert.ok(await part(page, '#branded', 'launcher-button').isVisible(), 'the bar is still there');
  assert.deepEqual((await pageLog(page)).pageErrors, []);
  await page.context().close();
});

test('a brand loads under the strict CSP without a violation', async () => {
  const page = await newPage(browser);
  await openExample(page, '/examples/strict-csp/brand.html');
  const accent = await settled(() => token(page, '#branded', '--bd-color-accent-default'), '#0b6e4f', 5000);
  assert.equal(accent, '#0b6e4f');
  assert.deepEqual(await exampleProblems(page), [], 'no CSP violation, error or rejection');
  await page.context().close();
});
