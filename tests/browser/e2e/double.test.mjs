// bandeau.js loaded three times (twice the same URL, once under another)
// on /examples/double/: nothing throws, the elements are defined and
// rendered once, the wasm is fetched once, and both elements work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, url, focused, launcherButton, panel, isOpen, app,
  exampleEvents, exampleProblems,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test('loading the bundle twice raises nothing and defines the elements once', async () => {
  const page = await newPage(browser);
  await openExample(page, '/examples/double/');
  await app(page, 'bandeau-launcher').first().waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');

  assert.deepEqual(page.log.pageErrors, [], 'no uncaught error');
  assert.deepEqual(await exampleProblems(page), [], 'no error, rejection or CSP violation');
  const ours = page.log.console.filter((m) => m.type === 'error' && new URL(m.url || url('/')).origin === new URL(url('/')).origin);
  assert.deepEqual(ours, [], 'no console error from the page or the bundle');

  assert.match(await page.evaluate(() => globalThis.__bandeau.src), /\/pkg\/bandeau\.js$/, 'the first copy won');
  const wasm = page.log.requests.filter((r) => r.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the wasm is fetched once: ${JSON.stringify(wasm)}`);

  const ready = (await exampleEvents(page)).filter((e) => e.type === 'bandeau-ready').map((e) => e.tag);
  assert.deepEqual(ready.sort(), ['bandeau-bar', 'bandeau-launcher'], 'one bandeau-ready per element');
  for (const host of ['bandeau-bar', 'bandeau-launcher']) {
    assert.equal(await launcherButton(page, host).count(), 1, `${host} is rendered once`);
  }

  // A further copy, arriving late, changes nothing.
  const defined = await page.evaluate(async (late) => {
    const before = customElements.get('bandeau-bar');
    await import(late);
    return before === customElements.get('bandeau-bar') && await globalThis.__bandeau.ready;
  }, url('/pkg/bandeau.js?v=3'));
  assert.equal(defined, true, 'the definitions stay those of the first copy');
  assert.deepEqual(page.log.pageErrors, []);
  await page.context().close();
});

test('with the bundle loaded twice, both launchers work from the keyboard', async () => {
  const page = await newPage(browser);
  await openExample(page, '/examples/double/');
  await app(page, 'bandeau-launcher').first().waitFor({ state: 'attached' });
  for (const host of ['bandeau-bar', 'bandeau-launcher']) {
    const button = launcherButton(page, host);
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await isOpen(button, panel(page, host)), true, `${host} opens`);
    const now = await focused(page);
    assert.equal(now?.host, host);
    assert.equal(now?.name, 'E-Mail', `${host}: the first app has focus`);
    await page.keyboard.press('Escape');
    assert.equal(await isOpen(button, panel(page, host)), false, `${host} closes`);
  }
  assert.deepEqual(page.log.pageErrors, []);
  await page.context().close();
});
