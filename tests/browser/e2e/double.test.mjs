// bandeau.js loaded three times (twice the same URL, once under another)
// on /examples/double/: nothing throws, the elements are defined and
// rendered once, the wasm is fetched once, and both elements work.
// "Fetched once" is counted twice: the requests that reached the network
// (the engine's proxy) and the page's resource timing entries, which also
// list what a cache answered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, url, focused, launcherButton, panel, isOpen, app,
  exampleEvents, exampleProblems, pageLog, quiet,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test('loading the bundle twice raises nothing and defines the elements once', async () => {
  const page = await newPage(browser);
  await openExample(page, '/examples/double/');
  await app(page, 'bandeau-launcher').first().waitFor({ state: 'attached' });
  await quiet(page);

  const log = await pageLog(page);
  assert.deepEqual(log.pageErrors, [], 'no uncaught error');
  assert.deepEqual(await exampleProblems(page), [], 'no error, rejection or CSP violation');
  // What scripts logged as errors (event-log.js hears the page's console).
  const ours = log.console.filter((m) => m.type === 'error');
  assert.deepEqual(ours, [], 'no console error from the page or the bundle');

  assert.match(await page.evaluate(() => globalThis.__bandeau.src), /\/pkg\/bandeau\.js$/, 'the first copy won');
  const wasm = page.requests().filter((r) => new URL(r).pathname.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the wasm is fetched once: ${JSON.stringify(wasm)}`);
  const timed = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((entry) => entry.name).filter((name) => new URL(name).pathname.endsWith('.wasm')));
  assert.equal(timed.length, 1, `the page fetched the wasm once: ${JSON.stringify(timed)}`);

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
  assert.deepEqual((await pageLog(page)).pageErrors, []);
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
  assert.deepEqual((await pageLog(page)).pageErrors, []);
  await page.context().close();
});
