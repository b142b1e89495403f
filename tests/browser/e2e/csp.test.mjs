// The strict-CSP example (/examples/strict-csp/, served with the policy
// docs/integration.md gives vendors): the chrome starts, renders its apps
// and works without a single CSP violation; and without 'wasm-unsafe-eval'
// it stays out of the way as documented.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launch, newPage, openExample, url, appNames, launcherButton, userButton, part,
  bandeauWarnings, exampleProblems, settled,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const PAGE = '/examples/strict-csp/';
// The complete policy of the strict-CSP example, as the integration guide states it.
const guide = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/integration.md'), 'utf8');
const POLICY = guide.match(/^Content-Security-Policy: (.+)$/m)?.[1];

// Registered by the devtools protocol before any page script; the policy
// does not apply to it.
const WATCH = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`
      + ` (${event.sourceFile}:${event.lineNumber})`);
  }, true);
};

const cspMessages = (page) => page.log.console
  .filter((m) => /Content.Security.Policy/i.test(m.text))
  .map((m) => m.text);

test('the strict-CSP page works with zero violations', async () => {
  assert.ok(POLICY, 'docs/integration.md states the policy');
  const page = await newPage(browser);
  await page.addInitScript(WATCH);
  const response = await openExample(page, PAGE);
  assert.equal(response.headers()['content-security-policy'], POLICY, 'served with the documented policy');

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
  await page.waitForLoadState('networkidle');

  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'securitypolicyviolation events');
  assert.deepEqual(cspMessages(page), [], 'CSP messages in the console');
  assert.deepEqual(await exampleProblems(page), []);
  assert.deepEqual(page.log.pageErrors, []);
  assert.equal(await page.locator('#problem-count').textContent(), '0', 'the page shows 0 problems');

  // The watch sees a violation when there is one.
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'p { color: red }';
    document.head.append(style);
  });
  await settled(() => page.evaluate(() => window.__violations.length), 1);
  assert.equal((await page.evaluate(() => window.__violations)).length, 1, 'an inline style is caught');
  await page.context().close();
});

test('without wasm-unsafe-eval the elements do not start, warn once and leave the page as it is', async () => {
  assert.ok(POLICY?.includes(" 'wasm-unsafe-eval'"));
  const page = await newPage(browser);
  await page.route(url(PAGE), async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': POLICY.replace(" 'wasm-unsafe-eval'", '') };
    await route.fulfill({ response, headers });
  });
  await page.goto(url(PAGE));
  assert.equal(await page.evaluate(() => globalThis.__bandeau?.ready), false, '__bandeau.ready resolves to false');
  assert.equal(await page.evaluate(() => customElements.get('bandeau-bar')), undefined);
  const warnings = bandeauWarnings(page);
  assert.equal(warnings.length, 1, `one console warning: ${JSON.stringify(warnings)}`);
  assert.deepEqual(page.log.pageErrors, []);
  assert.equal(await page.locator('main h1').isVisible(), true, 'the page itself is there');
  await page.context().close();
});
