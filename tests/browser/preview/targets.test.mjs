// The workbench's app themes page in Chromium: what each of the suite's
// apps (bandeau-tokens' suite targets) receives from the tokens, for the
// toolbar's theme and brand, live as the token editor changes tokens or a
// mapping in tokens/targets/, and each file as a download.
//
// Run by hand against a running `cargo xtask preview`:
//   BANDEAU_URL=http://127.0.0.1:8787 node --test tests/browser/preview/targets.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, url, until } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

/** What each target writes for the default brand, in the page's order. */
const TARGETS = {
  opendesk: ['opendesk-theme.yaml', 'portal.css'],
  cunningham: ['cunningham.ts', 'cunningham.css'],
  element: ['element-config.json'],
  nextcloud: ['nextcloud-theming.sh'],
  openproject: ['openproject.env'],
  ox: ['open-xchange-dynamic-theme.properties'],
  xwiki: ['xwiki-colortheme.sh'],
  keycloak: ['keycloak-patternfly.css'],
};
const OPENDESK_MAPPING = 'tokens/targets/opendesk.json';
const PRIMARY_RULE = /("theme\.colors\.primary":\s*)"\{color\.brand\.primary\}"/;
const VIOLET_FILE = 'tokens/primitives/color.tokens.json';
/** color.violet.500, openDesk's primary, as shipped. */
const VIOLET_500 = /"components": \[0\.3412, 0\.1176, 0\.9804\], "alpha": 1, "hex": "#571efa"/;

async function open(query, options) {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 }, ...options });
  await page.goto(url(`?story=bar/default&tab=targets&${query}`));
  await page.waitForSelector('.target[data-target="ox"]', { timeout: 20_000 });
  return page;
}

const section = (page, target) => page.locator(`.target[data-target="${target}"]`);

/** The value a target's table shows for `key`, or null without such a row. */
const value = (page, target, key) => section(page, target)
  .locator(`.target-keys tr[data-key="${key}"] .target-value`)
  .evaluateAll((cells) => (cells.length ? cells[0].dataset.value : null));

const views = (page) => page.getByRole('tablist', { name: 'Views' });
const editor = (page) => page.locator('.token-editor');

/** Replaces the text of `file` in the token editor (on the canvas tab) with `edit(text)`. */
async function editFile(page, file, edit) {
  await views(page).locator('[data-tab="canvas"]').click();
  await page.getByRole('tablist', { name: 'Panels' }).locator('[data-tab="editor"]').click();
  await until(() => editor(page).locator('option').count(), (n) => n > 5, 'the token files listed');
  await editor(page).getByRole('combobox').selectOption(file);
  const area = editor(page).getByRole('textbox');
  await until(() => area.inputValue(), (t) => t.trim().startsWith('{'), `${file} shown in the editor`);
  const text = await area.inputValue();
  const edited = edit(text);
  assert.notEqual(edited, text, `the edit changes ${file}`);
  await area.fill(edited);
  await views(page).locator('[data-tab="targets"]').click();
}

test('app themes: every target lists its files and its keys, with swatches for colours', async () => {
  const page = await open('');
  const names = await page.locator('.target').evaluateAll((s) => s.map((e) => e.dataset.target));
  // Every target of the compiler, in its order.
  assert.deepEqual(names, Object.keys(TARGETS));
  for (const target of names) {
    const s = section(page, target);
    assert.equal(await s.getAttribute('data-built'), 'true', await s.textContent());
    const files = await s.locator('.target-files li').evaluateAll((l) => l.map((e) => e.dataset.file));
    assert.deepEqual(files, TARGETS[target]);
    for (const file of files) {
      assert.equal(await s.getByRole('button', { name: `Download ${file}` }).count(), 1, file);
    }
    const keys = await s.locator('.target-keys tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.key));
    assert.ok(keys.length > 3, `${target}: ${keys.length} keys`);
    assert.equal(await s.getByRole('heading', { level: 3 }).textContent(), target);
    assert.match(await s.locator('.target-mapping').textContent(), new RegExp(`tokens/targets/${target}\\.json`));
  }
  // Light, default brand: openDesk's own violet, painted in its swatch.
  assert.equal(await value(page, 'opendesk', 'theme.colors.primary'), '#571efa');
  const row = section(page, 'opendesk').locator('tr[data-key="theme.colors.primary"]');
  assert.equal(await row.locator('.target-source').textContent(), '{color.brand.primary}');
  assert.equal(await row.locator('.swatch-chip').evaluate((c) => getComputedStyle(c).backgroundColor), 'rgb(87, 30, 250)');
  assert.equal(await row.locator('.swatch-chip').getAttribute('aria-hidden'), 'true');
  assert.equal(await section(page, 'opendesk').locator('.target-keys').getAttribute('data-variant'), 'light');
  // The mapping's contrast pairs, checked in the variant shown.
  const pairs = section(page, 'opendesk').locator('.target-contrast li');
  assert.ok(await pairs.count() > 3);
  assert.equal(await section(page, 'opendesk').locator('.target-contrast .contrast-fail').count(), 0);
  assert.deepEqual(page.log.pageErrors, []);
  await page.context().close();
});

test('app themes: the toolbar theme picks the variant; a target without it says so', async () => {
  const page = await open('');
  const light = await value(page, 'opendesk', '--color-accent');
  await page.selectOption('#toolbar-theme', 'dark');
  const keys = section(page, 'opendesk').locator('.target-keys');
  await until(() => keys.getAttribute('data-variant'), (v) => v === 'dark', 'the dark variant of opendesk');
  assert.notEqual(await value(page, 'opendesk', '--color-accent'), light);
  // OpenProject is light only: it shows light and says why.
  assert.equal(await section(page, 'openproject').locator('.target-keys').getAttribute('data-variant'), 'light');
  assert.match(await section(page, 'openproject').locator('.target-note').textContent(), /no dark variant/);
  assert.match(page.url(), /theme=dark/);
  await page.context().close();
});

test('app themes: the toolbar brand picks the token brand\'s file set, and the URL keeps it', async () => {
  const page = await open('');
  assert.equal(await value(page, 'opendesk', 'theme.colors.primary'), '#571efa');
  await page.selectOption('#toolbar-brand', 'context:ocean');
  await until(() => value(page, 'opendesk', 'theme.colors.primary'), (v) => v === '#0b6e99', 'the ocean primary');
  assert.deepEqual(
    await section(page, 'opendesk').locator('.target-files li').evaluateAll((l) => l.map((e) => e.dataset.file)),
    ['ocean/opendesk-theme.yaml', 'ocean/portal.css'],
  );
  await page.waitForFunction(() => {
    const q = new URL(location.href).searchParams;
    return q.get('brand') === 'context' && q.get('context') === 'ocean';
  });
  // The same brand on the canvas, through the compiled tokens' data-brand rules.
  await views(page).locator('[data-tab="canvas"]').click();
  const frame = () => page.frames().find((f) => f.url().includes('canvas.html'));
  await until(
    () => frame()?.evaluate(() => document.querySelector('#stage > *')?.dataset.brand ?? null).catch(() => null),
    (b) => b === 'ocean',
    'data-brand on the element',
  );
  // A link opens the same brand.
  const again = await open('brand=context&context=ocean');
  assert.equal(await value(again, 'opendesk', 'theme.colors.primary'), '#0b6e99');
  assert.equal(await again.locator('#toolbar-brand').inputValue(), 'context:ocean');
  await again.context().close();
  await page.context().close();
});

test('app themes: a token edit in the editor shows in every target at once', async () => {
  const page = await open('');
  assert.equal(await value(page, 'opendesk', 'theme.colors.primary'), '#571efa');
  await editFile(page, VIOLET_FILE, (t) => t.replace(VIOLET_500, '"components": [0.2, 0.4, 0.6], "alpha": 1'));
  await until(() => value(page, 'opendesk', 'theme.colors.primary'), (v) => v === '#336699', 'the edited primary');
  const swatch = section(page, 'opendesk').locator('tr[data-key="theme.colors.primary"] .swatch-chip');
  assert.equal(await swatch.evaluate((c) => getComputedStyle(c).backgroundColor), 'rgb(51, 102, 153)');
  for (const target of Object.keys(TARGETS)) {
    assert.equal(await section(page, target).getAttribute('data-built'), 'true', target);
  }
  assert.deepEqual(page.log.pageErrors, []);
  await page.context().close();
});

test('app themes: a broken mapping names its file and key; the other targets still show', async () => {
  const page = await open('');
  await editFile(page, OPENDESK_MAPPING, (t) => t.replace(PRIMARY_RULE, '$1"{color.nope}"'));
  const opendesk = section(page, 'opendesk');
  await until(() => opendesk.getAttribute('data-built'), (b) => b === 'false', 'opendesk not built');
  const problems = await opendesk.locator('.target-problems li').allTextContents();
  assert.ok(
    problems.some((p) => p.startsWith(`${OPENDESK_MAPPING}:`) && p.includes('theme.colors.primary')
      && p.includes('color.nope')),
    problems.join('\n'),
  );
  assert.equal(await opendesk.locator('.target-keys').count(), 0, 'no table for a target that did not build');
  for (const target of Object.keys(TARGETS).filter((t) => t !== 'opendesk')) {
    assert.equal(await section(page, target).getAttribute('data-built'), 'true', target);
    assert.ok(await section(page, target).locator('.target-keys tbody tr').count() > 0, target);
  }
  // Reverting the mapping builds openDesk again.
  await views(page).locator('[data-tab="canvas"]').click();
  await editor(page).getByRole('button', { name: 'Revert all' }).click();
  await views(page).locator('[data-tab="targets"]').click();
  await until(() => opendesk.getAttribute('data-built'), (b) => b === 'true', 'opendesk built again');
  assert.equal(await value(page, 'opendesk', 'theme.colors.primary'), '#571efa');
  await page.context().close();
});

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  let body = '';
  for await (const chunk of await download.createReadStream()) body += chunk;
  return { name: download.suggestedFilename(), body };
}

test('app themes: each file downloads under its name with what the page shows', async () => {
  const page = await open('', { acceptDownloads: true });
  const opendesk = section(page, 'opendesk');
  const css = await downloaded(page, opendesk.getByRole('button', { name: 'Download portal.css' }));
  assert.equal(css.name, 'portal.css');
  const accent = await value(page, 'opendesk', '--color-accent');
  assert.ok(css.body.includes(`--color-accent: ${accent};`), css.body);
  const yaml = await downloaded(page, opendesk.getByRole('button', { name: 'Download opendesk-theme.yaml' }));
  assert.equal(yaml.name, 'opendesk-theme.yaml');
  assert.match(yaml.body, /#571efa/);
  const env = await downloaded(page, section(page, 'openproject').getByRole('button', { name: 'Download openproject.env' }));
  assert.equal(env.name, 'openproject.env');
  assert.match(env.body, /^OPENPROJECT_SEED_DESIGN_/m);
  // A brand's files keep their own names.
  await page.selectOption('#toolbar-brand', 'context:ocean');
  const ocean = opendesk.getByRole('button', { name: 'Download ocean/opendesk-theme.yaml' });
  await ocean.waitFor();
  const branded = await downloaded(page, ocean);
  assert.equal(branded.name, 'opendesk-theme.yaml');
  assert.match(branded.body, /#0b6e99/);
  assert.deepEqual(page.log.pageErrors, []);
  await page.context().close();
});
