// examples/vite-vanilla built by Vite from the packed npm package: a
// `<bandeau-launcher>` created from TypeScript in the vendor's own header,
// and one typed `bandeau-navigate` listener on the document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { example, launch, newPage, open, pageLog, windowCount, part, appNames, SAMPLE_APPS } from './support.mjs';

const { base, wasm } = example('vite-vanilla');
const HOST = 'header > bandeau-launcher';
let browser;

before(async () => { browser = await launch(); });
after(() => browser?.close());

test('the launcher lists the document\'s apps and hands the choice to the page', async () => {
  const page = await newPage(browser, base);
  await open(page);
  const button = part(page, HOST, 'launcher-button');
  await button.click({ timeout: 10000 });
  await part(page, HOST, 'panel').waitFor({ state: 'visible' });
  assert.deepEqual(await appNames(page, HOST), SAMPLE_APPS);
  assert.equal(await part(page, HOST, 'app').filter({ hasText: 'Files' }).getAttribute('aria-current'), 'page');

  await part(page, HOST, 'app').filter({ hasText: 'Notes' }).click();
  const destination = page.locator('#destination');
  await destination.filter({ hasText: 'Navigating to' }).waitFor({ timeout: 2000 }).catch(() => {});
  assert.equal(await destination.textContent(), 'Navigating to swp.notes');
  assert.equal(await page.url(), `${base}/`);
  assert.equal(await windowCount(page), 1, 'Notes (target _blank) opened no window');

  // The suite chrome's wasm from the build's hashed assets (the brand
  // module's wasm, which this page also loads, is checked below).
  const log = await pageLog(page);
  const fetched = log.responses.filter((r) => r.path.includes('bandeau_embed_bg'));
  assert.deepEqual(fetched, [{ path: wasm, status: 200, type: 'application/wasm' }]);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.console.filter((m) => /^(error|warning):/.test(m)), []);
  assert.deepEqual(log.offsite, []);
  await page.close();
});

test('the brand module works from the Vite build: the launcher takes the brand\'s colour', async () => {
  const page = await newPage(browser, base);
  await open(page);
  const accent = () => page.evaluate(() => {
    const button = document.querySelector('bandeau-launcher')?.shadowRoot?.querySelector('[part~="launcher-button"]');
    return button ? getComputedStyle(button).getPropertyValue('--bd-color-accent-default').trim() : null;
  });
  // public/brand.json's primary colour.
  await page.waitForFunction(() => {
    const button = document.querySelector('bandeau-launcher')?.shadowRoot?.querySelector('[part~="launcher-button"]');
    return button && getComputedStyle(button).getPropertyValue('--bd-color-accent-default').trim() === '#0b6e4f';
  }, null, { timeout: 5000 }).catch(() => {});
  const log = await pageLog(page);
  assert.equal(await accent(), '#0b6e4f', `brand not applied; console: ${JSON.stringify(log.console)}`);
  const failed = log.responses.filter((r) => r.status >= 400);
  assert.deepEqual(failed, [], 'every file the page asked for was in the build');
  const wasmPaths = log.responses.filter((r) => r.path.endsWith('.wasm')).map((r) => r.path);
  assert.ok(wasmPaths.length === 2 && wasmPaths.every((p) => /^\/assets\/[\w-]+-[\w-]{8,}\.wasm$/.test(p)),
    `both wasm modules come from the build's hashed assets: ${wasmPaths}`);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.console.filter((m) => /^(error|warning):/.test(m)), []);
  await page.close();
});
