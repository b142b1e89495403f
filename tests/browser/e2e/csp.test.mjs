// The strict-CSP example (/examples/strict-csp/, served with the policy
// docs/integration.md gives vendors): the chrome starts, renders its apps
// and works without a single CSP violation; and without 'wasm-unsafe-eval'
// it stays out of the way as documented.
//
// Violations are the page's own securitypolicyviolation events, which
// examples/shared/event-log.js records from before bandeau.js runs (it is
// the page's first script). The page without 'wasm-unsafe-eval' comes from
// a small server here that forwards everything to the preview server and
// takes that one source out of the page's policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launch, newPage, openExample, url, appNames, launcherButton, userButton, part,
  bandeauWarnings, exampleProblems, settled, pageLog, quiet,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const PAGE = '/examples/strict-csp/';
// The complete policy of the strict-CSP example, as the integration guide states it.
const guide = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/integration.md'), 'utf8');
const POLICY = guide.match(/^Content-Security-Policy: (.+)$/m)?.[1];

/** The CSP violations the page saw (event-log.js's securitypolicyviolation listener). */
const violations = async (page) => (await exampleProblems(page))
  .filter((p) => p.kind === 'CSP violation')
  .map((p) => p.text);

/**
 * A loopback server that forwards every request to the preview server and
 * answers with `policy` as the Content-Security-Policy of `path`.
 */
async function withPolicy(path, policy) {
  const target = new URL(url('/'));
  const server = createServer((incoming, outgoing) => {
    const forwarded = httpRequest({
      host: target.hostname,
      port: target.port,
      path: incoming.url,
      method: incoming.method,
      headers: { ...incoming.headers, host: target.host },
    }, (response) => {
      const headers = { ...response.headers };
      if (new URL(incoming.url, target).pathname === path) headers['content-security-policy'] = policy;
      outgoing.writeHead(response.statusCode, headers);
      response.pipe(outgoing);
    });
    forwarded.on('error', (error) => outgoing.writeHead(502).end(String(error)));
    incoming.pipe(forwarded);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

test('the strict-CSP page works with zero violations', async () => {
  assert.ok(POLICY, 'docs/integration.md states the policy');
  const page = await newPage(browser);
  const response = await openExample(page, PAGE);
  assert.equal(response.headers.get('content-security-policy'), POLICY, 'served with the documented policy');

  // Use it: the launcher, the user menu, a theme and a language (which
  // fetches the navigation again).
  await launcherButton(page).click();
  assert.equal((await appNames(page)).length, 11, 'the bar shows the apps');
  await page.keyboard.press('Escape');
  await userButton(page).click();
  await part(page, 'bandeau-bar', 'theme-option').filter({ hasText: 'Dunkel' }).click();
  assert.equal(await page.locator('bandeau-bar').getAttribute('data-theme'), 'dark');
  if (!(await part(page, 'bandeau-bar', 'user-panel').isVisible())) await userButton(page).click();
  await part(page, 'bandeau-bar', 'language-option').filter({ hasText: 'English' }).click();
  await launcherButton(page).click();
  const english = await settled(() => appNames(page).then((names) => names.includes('Calendar')), true);
  assert.equal(english, true, 'the English navigation arrived');
  await quiet(page);

  assert.deepEqual(await violations(page), [], 'securitypolicyviolation events');
  const log = await pageLog(page);
  assert.deepEqual(log.console.filter((m) => /Content.Security.Policy/i.test(m.text)), [],
    'CSP messages in the console');
  assert.deepEqual(await exampleProblems(page), []);
  assert.deepEqual(log.pageErrors, []);
  assert.equal(await page.locator('#problem-count').textContent(), '0', 'the page shows 0 problems');

  // The watch sees a violation when there is one.
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'p { color: red }';
    document.head.append(style);
  });
  await settled(async () => (await violations(page)).length, 1);
  assert.equal((await violations(page)).length, 1, 'an inline style is caught');
  await page.context().close();
});

test('without wasm-unsafe-eval the elements do not start, warn once and leave the page as it is', async () => {
  assert.ok(POLICY?.includes(" 'wasm-unsafe-eval'"));
  const strict = POLICY.replace(" 'wasm-unsafe-eval'", '');
  const server = await withPolicy(PAGE, strict);
  const page = await newPage(browser);
  try {
    const address = `${server.origin}${PAGE}`;
    assert.equal((await fetch(address)).headers.get('content-security-policy'), strict, 'served without wasm-unsafe-eval');
    await page.goto(address);
    await page.waitForFunction(() => globalThis.__bandeau?.ready !== undefined, undefined, { timeout: 10000 });
    assert.equal(await page.evaluate(() => globalThis.__bandeau?.ready), false, '__bandeau.ready resolves to false');
    assert.equal(await page.evaluate(() => customElements.get('bandeau-bar') ?? null), null);
    const warnings = await bandeauWarnings(page);
    assert.equal(warnings.length, 1, `one console warning: ${JSON.stringify(warnings)}`);
    assert.deepEqual((await pageLog(page)).pageErrors, []);
    assert.equal(await page.locator('main h1').isVisible(), true, 'the page itself is there');
  } finally {
    await page.close();
    await server.close();
  }
});
