// The compiled tokens.css in a real headless Chromium: every theme and brand
// computes the values the compiler resolved for that permutation, in the
// document and inside a shadow root, and a brand derived at run time reaches
// component tokens. Run by `cargo xtask test` (node --test), which builds
// target/tokens first and passes the paths below in the environment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const tools = process.env.BANDEAU_TOOLS;
const tokensDir = process.env.BANDEAU_TOKENS_DIR;
const cli = process.env.BANDEAU_TOKENS_CLI;
const resolver = process.env.BANDEAU_RESOLVER;
const { chromium } = createRequire(join(tools, 'node_modules', '/'))('playwright-core');

const css = readFileSync(join(tokensDir, 'tokens.css'), 'utf8');
const json = (name) => JSON.parse(readFileSync(join(tokensDir, name), 'utf8'));
// The compiler's own resolved value for a colour token, as tokens.css writes it.
const hex = (perm, path) => json(`tokens.${perm}.json`)[path].$value.hex;

let browser;
let page;
before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
});
after(async () => browser?.close());

async function load(htmlAttrs = '') {
  await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' });
  await page.setContent(`<!doctype html><html ${htmlAttrs}><head><style>${css}</style></head><body><p id="p">x</p></body></html>`);
}

const prop = (name, selector = '#p') =>
  page.$eval(selector, (el, n) => getComputedStyle(el).getPropertyValue(n).trim(), name);

test('without attributes the light theme and default brand apply', async () => {
  await load();
  assert.equal(await prop('--bd-color-surface-default'), hex('default.light', 'color.surface.default'));
  assert.equal(await prop('--bd-color-accent-default'), '#571efa');
});

for (const theme of ['dark', 'high-contrast']) {
  test(`data-theme="${theme}" computes the ${theme} permutation`, async () => {
    await load(`data-theme="${theme}"`);
    for (const path of ['color.surface.default', 'color.text.default', 'color.accent.default', 'color.focus.ring']) {
      assert.equal(await prop(`--bd-${path.replaceAll('.', '-')}`), hex(`default.${theme}`, path), path);
    }
  });
}

test('data-theme="auto" follows prefers-color-scheme and prefers-contrast', async () => {
  await load('data-theme="auto"');
  assert.equal(await prop('--bd-color-surface-default'), hex('default.light', 'color.surface.default'));
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await prop('--bd-color-surface-default'), hex('default.dark', 'color.surface.default'));
  await page.emulateMedia({ colorScheme: 'light', contrast: 'more' });
  assert.equal(await prop('--bd-color-accent-default'), hex('default.high-contrast', 'color.accent.default'));
});

test('brand and theme combine: ocean in dark', async () => {
  await load('data-theme="dark" data-brand="ocean"');
  assert.equal(await prop('--bd-color-accent-default'), hex('ocean.dark', 'color.accent.default'));
  assert.notEqual(hex('ocean.dark', 'color.accent.default'), hex('default.dark', 'color.accent.default'));
});

test('component tokens follow the theme (they are var() references)', async () => {
  await load('data-theme="dark"');
  const bar = json('tokens.default.dark.json')['bar.background'].$value.hex;
  assert.equal(await page.$eval('#p', (el) => {
    el.style.background = 'var(--bd-bar-background)';
    return getComputedStyle(el).backgroundColor;
  }), hexToRgb(bar));
});

test('inside a shadow root, :host([data-theme]) themes the element alone', async () => {
  await load();
  const got = await page.evaluate((sheetText) => {
    const host = document.createElement('div');
    host.setAttribute('data-theme', 'dark');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(sheetText);
    root.adoptedStyleSheets = [sheet];
    const inner = document.createElement('span');
    root.append(inner);
    return {
      inner: getComputedStyle(inner).getPropertyValue('--bd-color-surface-default').trim(),
      page: getComputedStyle(document.body).getPropertyValue('--bd-color-surface-default').trim(),
    };
  }, css);
  assert.equal(got.inner, hex('default.dark', 'color.surface.default'));
  assert.equal(got.page, hex('default.light', 'color.surface.default'));
});

test('a brand derived at run time reaches component tokens in light and dark', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bandeau-brand-'));
  const colors = join(dir, 'acme.json');
  writeFileSync(colors, JSON.stringify({ theme: { colors: { primary: '#0b6e99' } } }));
  const brandCss = execFileSync(cli, ['brand', colors, '--name', 'acme', '--tokens', resolver], { encoding: 'utf8' });
  await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' });
  await page.setContent(`<!doctype html><html data-brand="acme"><head><style>${css}\n${brandCss}</style></head><body><p id="p">x</p></body></html>`);
  assert.equal(await prop('--bd-color-accent-default'), '#0b6e99');
  assert.equal(await prop('--bd-launcher-monogram-background'), '#0b6e99');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  const dark = await prop('--bd-color-accent-default');
  assert.notEqual(dark, '#0b6e99', 'dark themes get an adapted, lighter accent');
  assert.equal(await prop('--bd-launcher-monogram-background'), dark);
  // The high-contrast theme keeps its own accessible accent under any brand.
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'high-contrast'));
  assert.equal(await prop('--bd-color-accent-default'), hex('default.high-contrast', 'color.accent.default'));
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'auto'));
  await page.emulateMedia({ colorScheme: 'dark', contrast: 'more' });
  assert.equal(await prop('--bd-color-accent-default'), hex('default.high-contrast', 'color.accent.default'));
});

function hexToRgb(h) {
  const n = (i) => parseInt(h.slice(i, i + 2), 16);
  return `rgb(${n(1)}, ${n(3)}, ${n(5)})`;
}
