// The preview's token tools in Chromium, against the served preview: the
// live token editor (an edit re-themes the real elements in the canvas; a
// broken edit is named and changes nothing), the token pages (swatches per
// theme, the contrast matrix) and the accessibility panel (axe-core in the
// canvas).
//
// Run by hand against a running `cargo xtask preview`:
//   BANDEAU_URL=http://127.0.0.1:8787 node --test tests/browser/preview/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, url, until } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const BAR_FILE = 'tokens/components/bar.tokens.json';
/** bar.background as shipped: an alias, on line 4 of the file. */
const SHIPPED = '"$value": "{color.surface.raised}"';

async function open(page, query) {
  await page.goto(url(`?story=bar/default&${query}`));
  await page.waitForSelector('iframe', { state: 'attached' });
}

function canvas(page) {
  return page.frames().find((f) => f.url().includes('canvas.html'));
}

/** The computed background of the bar inside its shadow root, as the canvas shows it. */
async function barBackground(page) {
  const frame = canvas(page);
  if (!frame) return null;
  return frame.evaluate(() => {
    const bar = document.querySelector('bandeau-bar')?.shadowRoot?.querySelector('[part~="bar"]');
    return bar ? getComputedStyle(bar).backgroundColor : null;
  }).catch(() => null);
}

const editor = (page) => page.locator('.token-editor');

/** Opens `file` in the editor and replaces its text with `edit(text)`. */
async function editFile(page, file, edit) {
  await until(() => editor(page).locator('option').count(), (n) => n > 5, 'the token files listed');
  await editor(page).getByRole('combobox').selectOption(file);
  const area = editor(page).getByRole('textbox');
  await until(() => area.inputValue(), (t) => t.includes('"$type"'), `${file} shown in the editor`);
  const text = await area.inputValue();
  const edited = edit(text);
  assert.notEqual(edited, text, 'the edit changes the file');
  await area.fill(edited);
}

const status = (page) => editor(page).getByRole('status').textContent();
const problems = (page) => editor(page).locator('.token-problems li').allTextContents();

test('editor: a live token edit changes a computed colour in the canvas, at once', async () => {
  const page = await newPage(browser);
  await open(page, 'panel=editor');
  const before = await until(() => barBackground(page), (c) => c !== null, 'the bar in the canvas');
  assert.equal(before, 'rgb(255, 255, 255)', 'the shipped light theme');

  await editFile(page, BAR_FILE, (t) => t.replace(
    SHIPPED,
    '"$value": {"colorSpace": "srgb", "components": [1, 0.8, 0.6]}',
  ));
  await until(() => barBackground(page), (c) => c === 'rgb(255, 204, 153)', 'the edited bar background');
  assert.match(await status(page), /^Compiled: \d+ tokens in 6 permutations/);
  assert.deepEqual(page.log.pageErrors, []);

  await editor(page).getByRole('button', { name: 'Revert all' }).click();
  await until(() => barBackground(page), (c) => c === 'rgb(255, 255, 255)', 'the bar after a revert');
  assert.match(await status(page), /unedited/);
  await page.context().close();
});

test('editor: a broken edit shows an error naming the file, line and token, and the canvas keeps its colours', async () => {
  const page = await newPage(browser);
  await open(page, 'panel=editor');
  await until(() => barBackground(page), (c) => c === 'rgb(255, 255, 255)', 'the bar in the canvas');

  await editFile(page, BAR_FILE, (t) => t.replace(SHIPPED, '"$value": "{color.surface.nope}"'));
  const listed = await until(() => problems(page), (p) => p.length > 0, 'a problem listed');
  assert.ok(
    listed.some((p) => p.startsWith(`${BAR_FILE}:4:`) && p.includes('bar.background: ')
      && p.includes('{color.surface.nope}')),
    listed.join('\n'),
  );
  assert.match(await status(page), /^Not compiled/);
  assert.equal(await barBackground(page), 'rgb(255, 255, 255)', 'the last good tokens stay');

  // Broken JSON is named too, with its place.
  await editFile(page, BAR_FILE, (t) => t.replace('"bar": {', '"bar": {,'));
  const json = await until(() => problems(page), (p) => p.some((l) => l.includes('invalid JSON')), 'a JSON error');
  assert.ok(json.some((l) => l.startsWith(`${BAR_FILE}:2:`)), json.join('\n'));

  // Clicking a problem puts the caret on its place.
  await editor(page).locator('.token-problems li button').first().click();
  const caret = await editor(page).getByRole('textbox').evaluate((a) => a.value.slice(0, a.selectionStart).split('\n').length);
  assert.equal(caret, 2);
  await page.context().close();
});

test('editor: pasted DTCG JSON overrides tokens in every theme; Download offers the edited file', async () => {
  const page = await newPage(browser, { acceptDownloads: true });
  await open(page, 'panel=editor');
  await until(() => barBackground(page), (c) => c === 'rgb(255, 255, 255)', 'the bar in the canvas');
  await until(() => editor(page).locator('option').count(), (n) => n > 5, 'the token files listed');
  await editor(page).getByRole('combobox').selectOption('tokens/pasted.tokens.json');
  await editor(page).getByRole('textbox').fill(
    '{"bar": {"background": {"$type": "color", "$value": {"colorSpace": "srgb", "components": [0.8, 1, 0.8]}}}}',
  );
  await until(() => barBackground(page), (c) => c === 'rgb(204, 255, 204)', 'the pasted bar background');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    editor(page).getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'pasted.tokens.json');
  const stream = await download.createReadStream();
  let body = '';
  for await (const chunk of stream) body += chunk;
  assert.match(body, /"components": \[0\.8, 1, 0\.8\]/);
  await page.context().close();
});

/** The value each theme column shows for a colour swatch. */
async function swatch(page, path) {
  return page.locator(`.swatch[data-token="${path}"] .swatch-value`).evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.themeName, r.querySelector('dd').textContent.trim()])));
}

test('token pages: a swatch shows its value in each theme, as compiled', async () => {
  const page = await newPage(browser);
  await open(page, 'tab=tokens');
  await page.waitForSelector('.swatch[data-token="color.surface.default"]');
  const expected = {};
  for (const theme of ['light', 'dark', 'high-contrast']) {
    const compiled = await (await page.request.get(url(`tokens/tokens.default.${theme}.json`))).json();
    expected[theme] = compiled['color.surface.default'].$value.hex;
  }
  assert.equal(new Set(Object.values(expected)).size, 3, 'three different surfaces');
  assert.deepEqual(await swatch(page, 'color.surface.default'), expected);
  // The chip is painted with the value.
  const chip = await page.locator('.swatch[data-token="color.surface.default"] [data-theme-name="dark"] .swatch-chip')
    .evaluate((c) => getComputedStyle(c).backgroundColor);
  assert.equal(chip, 'rgb(22, 22, 26)');

  // The other pages show tokens as what they are.
  const space = page.locator('#token-spacing [data-token="space.16"] .size-bar');
  assert.equal(await space.evaluate((e) => getComputedStyle(e).width), '16px');
  const radius = page.locator('#token-radii [data-token="radius.md"] .radius-box');
  assert.notEqual(await radius.evaluate((e) => getComputedStyle(e).borderTopLeftRadius), '0px');
  const shadow = page.locator('#token-shadows [data-token="shadow.md"] .shadow-card');
  assert.notEqual(await shadow.evaluate((e) => getComputedStyle(e).boxShadow), 'none');
  const heading = page.locator('#token-type [data-token="typography.heading-1"] .type-sample');
  const body = page.locator('#token-type [data-token="typography.body"] .type-sample');
  const size = (l) => l.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(await size(heading) > await size(body), 'a heading is set larger than body text');
  const dot = page.locator('#token-motion [data-token="motion.duration.slow"] .motion-dot');
  assert.match(await dot.evaluate((e) => getComputedStyle(e).transitionDuration), /^0?\.\d+s$|^\d+(\.\d+)?s$/);
  await page.context().close();
});

const cell = (page, pair, permutation) =>
  page.locator(`tr[data-pair="${pair}"] td[data-permutation="${permutation}"]`);

test('token pages: the contrast matrix shows every ratio and marks a failure an edit introduces', async () => {
  const page = await newPage(browser);
  await open(page, 'tab=tokens');
  await page.waitForSelector('.contrast-matrix tbody tr');
  const summary = page.locator('.contrast-summary');
  assert.equal(await summary.getAttribute('data-failures'), '0');
  const ratios = await page.locator('.contrast-matrix td[data-ratio] .contrast-ratio').allTextContents();
  assert.ok(ratios.length > 20, `${ratios.length} cells`);
  for (const r of ratios) assert.match(r, /^\d+\.\d\d:1$/);
  const light = cell(page, 'bar.text on bar.background', 'default.light');
  assert.equal(await light.getAttribute('class'), 'contrast-pass');

  // A near-black bar under near-black text.
  await page.locator('[data-tab="canvas"]').click();
  await page.locator('[data-tab="editor"]').click();
  await editFile(page, BAR_FILE, (t) => t.replace(
    SHIPPED,
    '"$value": {"colorSpace": "srgb", "components": [0.15, 0.15, 0.15]}',
  ));
  await until(() => status(page), (s) => s.startsWith('Compiled'), 'the edit compiled');
  await page.locator('[data-tab="tokens"]').click();
  await until(() => light.getAttribute('class'), (c) => c === 'contrast-fail', 'the failing cell marked');
  assert.ok(Number(await light.getAttribute('data-ratio')) < 4.5);
  assert.match(await light.textContent(), /fails, needs 4.5:1/);
  assert.ok(Number(await summary.getAttribute('data-failures')) >= 1);
  // Dark text on the edited bar fails; the dark theme's light text passes.
  assert.equal(await cell(page, 'bar.text on bar.background', 'default.dark').getAttribute('class'), 'contrast-pass');
  // The lint says the same in the editor, at the foreground token.
  await page.locator('[data-tab="canvas"]').click();
  const listed = await problems(page);
  assert.ok(listed.some((p) => p.includes('bar.text: contrast') && p.includes('bar.background')), listed.join('\n'));
  await page.context().close();
});

async function axeState(page) {
  const panel = page.locator('.axe-panel');
  return { state: await panel.getAttribute('data-state'), count: await panel.getAttribute('data-count') };
}

test('accessibility: axe finds nothing in the shipped canvas, and lists a contrast violation an edit introduces', async () => {
  const page = await newPage(browser);
  await open(page, 'panel=a11y');
  await until(() => barBackground(page), (c) => c === 'rgb(255, 255, 255)', 'the bar in the canvas');
  const clean = await until(() => axeState(page), (s) => s.state === 'done' || s.state === 'failed', 'axe finished');
  const shown = await page.locator('.axe-panel').textContent();
  assert.deepEqual(clean, { state: 'done', count: '0' }, shown);
  // axe was loaded from the site, into the canvas.
  assert.ok(page.log.requests.some((r) => r.endsWith('/vendor/axe.min.js')));

  await page.locator('[data-tab="editor"]').click();
  await editFile(page, BAR_FILE, (t) => t.replace(
    SHIPPED,
    '"$value": {"colorSpace": "srgb", "components": [0.15, 0.15, 0.15]}',
  ));
  await until(() => barBackground(page), (c) => c === 'rgb(38, 38, 38)', 'the dark bar');
  await page.locator('[data-tab="a11y"]').click();
  await until(
    () => page.locator('.axe-violation[data-rule="color-contrast"]').count(),
    (n) => n === 1,
    'the contrast violation listed',
  );
  const targets = await page.locator('.axe-violation[data-rule="color-contrast"] .axe-target').allTextContents();
  assert.ok(targets.length > 0 && targets.every((t) => t.startsWith('bandeau-bar >>> ')), targets.join('\n'));
  const html = await page.locator('.axe-violation[data-rule="color-contrast"] .axe-html').first().textContent();
  assert.match(html, /^</, 'the offending element is shown as markup');

  // Reverting empties the list again.
  await page.locator('[data-tab="editor"]').click();
  await editor(page).getByRole('button', { name: 'Revert all' }).click();
  await page.locator('[data-tab="a11y"]').click();
  await until(() => axeState(page), (s) => s.state === 'done' && s.count === '0', 'no violations after the revert');
  await page.context().close();
});
