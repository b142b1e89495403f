// Bandeau's Keycloak login theme (examples/keycloak-theme/) as Keycloak
// would serve it. No Keycloak runs here: `cargo xtask test` (and `preview`)
// renders the theme's template.ftl around stand-ins for Keycloak's page
// templates, for several Keycloak contexts and languages, into /keycloak/
// (crates/xtask/src/keycloak.rs, tests/browser/keycloak/), and serves the
// pages with Keycloak's security headers and the Content-Security-Policy
// docs/integration.md gives operators. /keycloak/pages.json describes them.
// For the tests, a page's first script is the examples' event log
// (examples/shared/event-log.js), which hears CSP violations, errors and
// console errors in every engine; `?csp=` asks the server for the page
// under another policy (crates/xtask/src/endpoints.rs).
//
// The chrome is <bandeau-login>; the tests that look inside it say so in
// their names ("element:") and fail while the bundle does not define it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launch, newPage, url, part, settled, sleep, pageLog, exampleProblems, AXE_PATH, quiet,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const manifest = await (await fetch(url('/keycloak/pages.json'))).json();
const scenario = (slug) => {
  const found = manifest.scenarios.find((s) => s.slug === slug);
  if (!found) throw new Error(`no scenario ${slug} in /keycloak/pages.json`);
  return found;
};

// The operator's policy, as the integration guide's Keycloak section states
// it; Keycloak adds each response's nonce to script-src and style-src.
const guide = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/integration.md'), 'utf8');
const POLICY = guide.match(/^Content-Security-Policy: (frame-src .*'wasm-unsafe-eval'.*)$/m)?.[1];
const KEYCLOAK_DEFAULT = guide.match(/^Content-Security-Policy: (frame-src 'self'; frame-ancestors 'self'; object-src 'none';)$/m)?.[1];
const nonce = `'nonce-${manifest.nonce}'`;
const served = (policy) => policy
  .replace("'wasm-unsafe-eval';", `'wasm-unsafe-eval' ${nonce};`)
  .replace("style-src 'self';", `style-src 'self' ${nonce};`);

/** The CSP violations the page saw (the event log, the page's first script, listens). */
const violations = async (page) => (await exampleProblems(page))
  .filter((p) => p.kind === 'CSP violation')
  .map((p) => p.text);

/** A page whose failed requests `assertClean` looks for. */
const watchedPage = (options) => newPage(browser, options);

/** `address` served under another policy of the server's (`?csp=`, endpoints.rs). */
const withPolicy = (address, name) => `${address}${address.includes('?') ? '&' : '?'}csp=${name}`;

/**
 * What the page asked for that failed: WebDriver sees no statuses, so every
 * address the page's documents fetched (its resource timing entries: the
 * proxy also sees the browser's own requests) is asked for again from here
 * (all are GETs of the preview server's files); another origin's was
 * refused by the proxy.
 */
async function failedRequests(page) {
  const base = new URL(url('/'));
  const failed = [];
  const asked = await page.evaluate(() => [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ].map((entry) => entry.name));
  for (const address of new Set(asked)) {
    const target = new URL(address);
    if (target.host !== base.host) {
      failed.push(`refused ${address}`);
      continue;
    }
    const response = await fetch(target, { redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status >= 400) failed.push(`${response.status} ${address}`);
  }
  return failed;
}

/**
 * Opens a rendered page and waits for the bundle to start; returns the
 * server's response to the same address (WebDriver sees no headers).
 */
async function open(page, address) {
  const response = await fetch(url(address));
  assert.ok(response.ok, `${address}: HTTP ${response.status}`);
  await page.goto(url(address));
  await page.waitForFunction(() => globalThis.__bandeau?.ready !== undefined, undefined, { timeout: 10000 });
  const ready = await page.evaluate(() => globalThis.__bandeau?.ready);
  assert.equal(ready, true, `${address}: __bandeau.ready`);
  return response;
}

/** Nothing went wrong on the page. */
async function assertClean(page, what) {
  await quiet(page);
  assert.deepEqual(await violations(page), [], `${what}: CSP violations`);
  const log = await pageLog(page);
  assert.deepEqual(log.pageErrors, [], `${what}: page errors`);
  assert.deepEqual(await failedRequests(page), [], `${what}: failed requests`);
  assert.deepEqual(
    log.console.filter((m) => m.type === 'error' || /Content.Security.Policy/i.test(m.text)),
    [],
    `${what}: console errors`,
  );
  // WebDriver hands undefined back as null: the page compares.
  assert.equal(await page.evaluate(() => window.__pwned === undefined), true, `${what}: no injected script ran`);
}

/**
 * The fields the form action received (`[name, value]` pairs), from the
 * JSON the echo endpoint answers with, once the page shows it; Firefox
 * shows JSON in its viewer, which keeps the text in `JSONView.json`.
 * Returns them with the address the form posted to.
 */
async function posted(page) {
  await page.waitForURL(/\/login\/submit(\?|$)/);
  const text = await page.waitForFunction(() => (window.JSONView?.json ?? document.querySelector('pre') ?? document.body)
    ?.textContent, undefined, { timeout: 5000 });
  return { address: await page.url(), fields: JSON.parse(text).fields };
}

/**
 * The element, upgraded: defined by the bundle, with its shadow root and
 * its default slot.
 */
async function upgraded(page) {
  // After a navigation the bundle may still be starting.
  await page.waitForFunction(() => globalThis.__bandeau !== undefined);
  assert.equal(await page.evaluate(() => globalThis.__bandeau.ready), true, '__bandeau.ready');
  const defined = await page.evaluate(() => customElements.get('bandeau-login') !== undefined);
  assert.ok(defined, 'the bundle defines <bandeau-login>');
  await page.waitForFunction(
    () => document.querySelector('bandeau-login')?.shadowRoot?.querySelector('slot:not([name])'),
    null,
    { timeout: 5000 },
  );
  return page.locator('bandeau-login');
}

/** The slot a light-DOM element of the page is shown in: its name, '' for the default one. */
const assignedSlot = (page, selector) => page.evaluate((selector) => {
  let element = document.querySelector(selector);
  while (element && element.parentElement?.localName !== 'bandeau-login') element = element.parentElement;
  const slot = element?.assignedSlot;
  return slot ? slot.name : null;
}, selector);

const languageOptions = (page) => part(page, 'bandeau-login', 'language-option');
const languageOf = (option) => option.evaluate((o) => o.dataset.language ?? o.lang);
/** The language option that is also `css` (Playwright's `and`). */
const languageOption = (page, css) => page.locator(`bandeau-login [part~="language-option"]${css}`);
/** The option for `lang`, however the view marks its language. */
const optionFor = (page, lang) => languageOption(page, `:is([data-language="${lang}"],[lang="${lang}"])`);

/** Every page of every scenario: each language, and the URL without kc_locale. */
const allPages = manifest.scenarios.flatMap((s) => [
  { scenario: s, address: s.url, lang: s.lang },
  ...Object.entries(s.localeUrls).map(([lang, address]) => ({ scenario: s, address, lang })),
]);

test('every rendered page loads under the documented CSP with no violation, error or failed request', async () => {
  assert.ok(POLICY, 'docs/integration.md states the policy for Keycloak');
  assert.ok(allPages.length >= 20, `${allPages.length} pages`);
  for (const { scenario: s, address, lang } of allPages) {
    const page = await watchedPage();
    const { headers } = await open(page, address);
    assert.equal(headers.get('content-security-policy'), served(POLICY), `${address}: the documented policy`);
    assert.equal(headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(await page.locator('html').getAttribute('lang'), lang, address);
    assert.equal(await page.title(), s.texts[lang].title, address);
    // Keycloak's own page scripts ran from the theme's resources: the
    // session checks the theme moved out of inline code, and the
    // password toggle.
    const calls = await settled(
      () => page.evaluate(() => (globalThis.__keycloakStandIn?.calls ?? []).map((c) => c[0]).sort()),
      ['checkAuthSession', 'passwordVisibility', 'startSessionPolling'],
    );
    assert.deepEqual(calls, ['checkAuthSession', 'passwordVisibility', 'startSessionPolling'], address);
    await assertClean(page, address);
    await page.context().close();
  }
});

test("the pages also work under Keycloak's default headers", async () => {
  assert.ok(KEYCLOAK_DEFAULT, "docs/integration.md quotes Keycloak's default policy");
  const page = await watchedPage();
  const address = withPolicy(scenario('login').url, 'keycloak-default');
  const response = await open(page, address);
  assert.equal(response.headers.get('content-security-policy'), KEYCLOAK_DEFAULT);
  await assertClean(page, address);
  await page.context().close();
});

test("without Keycloak's nonce the import map is the one thing the policy blocks", async () => {
  const page = await watchedPage();
  const address = withPolicy(scenario('login').url, 'without-nonce');
  const response = await open(page, address);
  assert.equal(response.headers.get('content-security-policy'), POLICY);
  const count = await settled(async () => (await violations(page)).length, 1);
  assert.equal(count, 1, 'the watch sees a violation when there is one');
  assert.match((await violations(page))[0], /^script-src-elem blocked inline/);
  await page.context().close();
});

test("without 'wasm-unsafe-eval' the chrome stays off and Keycloak's form still works", async () => {
  const page = await newPage(browser);
  const address = withPolicy(scenario('login').url, 'without-wasm');
  const response = await fetch(url(address));
  assert.equal(response.headers.get('content-security-policy'), served(POLICY).replace(" 'wasm-unsafe-eval'", ''));
  await page.goto(url(address));
  await page.waitForFunction(() => globalThis.__bandeau?.ready !== undefined, undefined, { timeout: 10000 });
  assert.equal(await page.evaluate(() => globalThis.__bandeau?.ready), false);
  assert.equal(await page.evaluate(() => customElements.get('bandeau-login') === undefined), true);
  assert.deepEqual((await pageLog(page)).pageErrors, []);
  await page.locator('#username').fill('erika.mustermann');
  await page.locator('#password').fill('geheim');
  await page.locator('#password').focus();
  await page.keyboard.press('Enter');
  assert.deepEqual((await posted(page)).fields.slice(0, 2), [['username', 'erika.mustermann'], ['password', '(6 characters)']]);
  await page.context().close();
});

test("the element's attributes come from Keycloak's context, escaped", async () => {
  const page = await newPage(browser);
  for (const slug of ['login', 'hostile', 'one-language']) {
    const s = scenario(slug);
    await open(page, s.url);
    const login = page.locator('bandeau-login');
    assert.equal(await login.getAttribute('product-name'), s.realm, `${slug}: product-name, as text`);
    assert.equal(await login.getAttribute('lang'), s.lang);
    if (s.languages.length > 1) {
      assert.equal(await login.getAttribute('languages'), s.languages.join(','));
      // One template, which gives Keycloak's URL for every language.
      const template = await login.getAttribute('locale-url');
      assert.match(template, /kc_locale=\{lang\}$/);
      for (const [lang, address] of Object.entries(s.localeUrls)) {
        assert.equal(template.replaceAll('{lang}', lang), address, `${slug}: ${lang}`);
      }
    } else {
      assert.equal(await login.getAttribute('languages'), null, `${slug}: no languages`);
      assert.equal(await login.getAttribute('locale-url'), null);
    }
    for (const [attribute, value] of Object.entries(manifest.links)) {
      assert.equal(await login.getAttribute(attribute), value, `${slug}: ${attribute}`);
    }
    assert.equal(await login.getAttribute('slogan'), s.texts[s.lang].slogan);
    assert.equal(
      await login.getAttribute('logo-url'),
      `${manifest.resourcesPath}/img/logo.svg`,
      'a logo in the theme resources',
    );
    assert.equal(await login.getAttribute('background-url'), null, 'an empty setting leaves it out');
  }
  // What the hostile realm name and typed username try stays text.
  const hostile = scenario('hostile');
  await open(page, hostile.url);
  assert.equal(await page.title(), hostile.texts.en.title);
  assert.equal(await page.locator('#username').inputValue(), hostile.username);
  assert.equal(await page.locator('script:not([src]):not([type="importmap"])').count(), 0, 'no injected script');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no injected image');
  assert.equal(await page.evaluate(() => window.__pwned === undefined), true);
  await page.context().close();
});

test("Keycloak's form keeps its fields and autofill hints, and posts to the form action", async () => {
  const page = await newPage(browser);
  const s = scenario('login');
  await open(page, s.url);
  assert.equal(await page.locator('#username').getAttribute('autocomplete'), 'username');
  assert.equal(await page.locator('#password').getAttribute('autocomplete'), 'current-password');
  await page.locator('#username').fill('erika.mustermann');
  await page.locator('#password').fill('geheim');
  // Keycloak's password toggle (its script, from the theme's resources).
  await page.locator('[data-password-toggle]').click();
  assert.equal(await page.locator('#password').getAttribute('type'), 'text');
  await page.locator('[data-password-toggle]').click();
  await page.locator('#rememberMe').check();
  await page.getByRole('button', { name: s.texts.de.submit, exact: true }).click();
  const response = await posted(page);
  assert.equal(new URL(response.address).pathname + new URL(response.address).search, s.action, 'the form action');
  assert.deepEqual(response.fields, [
    ['username', 'erika.mustermann'],
    ['password', '(6 characters)'],
    ['rememberMe', 'on'],
    ['credentialId', ''],
    ['login', ''],
  ]);

  // The one-time code, sent with Enter; and "try another way".
  const otp = scenario('login-otp');
  await open(page, otp.localeUrls.en);
  assert.equal(await page.locator('#otp').getAttribute('autocomplete'), 'one-time-code');
  assert.equal(await page.locator('#kc-attempted-username').inputValue(), otp.attemptedUsername);
  await page.locator('#otp').fill('123456');
  await page.locator('#otp').focus();
  await page.keyboard.press('Enter');
  // Enter submits with the form's default button, which is sent too.
  assert.deepEqual((await posted(page)).fields, [
    ['selectedCredentialId', '7d3c1a52-otp'],
    ['otp', '123456'],
    ['login', ''],
  ]);
  await open(page, otp.localeUrls.en);
  await page.getByRole('button', { name: 'Try Another Way' }).click();
  assert.deepEqual((await posted(page)).fields, [['tryAnotherWay', 'on']]);
  await page.context().close();
});

test("Keycloak's messages: alerts and notices in the info slot's markup, field errors at the field", async () => {
  const page = await newPage(browser);
  const error = scenario('login-error');
  for (const [lang, address] of Object.entries(error.localeUrls)) {
    await open(page, address);
    const message = page.locator('bandeau-login > [slot="info"]');
    assert.equal(await message.count(), 1, lang);
    assert.equal(await message.getAttribute('role'), 'alert');
    assert.equal((await message.textContent()).trim(), error.texts[lang].message, lang);
  }
  const notice = scenario('login-notice');
  await open(page, notice.localeUrls.en);
  assert.equal(await page.locator('bandeau-login > [slot="info"]').getAttribute('role'), 'status');
  assert.equal((await page.locator('[slot="info"]').textContent()).trim(), notice.texts.en.message);
  // Shown at the field, as keycloak.v2 does: not a second time as a message.
  const field = scenario('login-field-error');
  await open(page, field.localeUrls.de);
  assert.equal(await page.locator('[slot="info"]').count(), 0);
  assert.equal(await page.locator('#username').getAttribute('aria-invalid'), 'true');
  assert.equal(
    (await page.locator('#input-error-username').textContent()).trim(),
    field.texts.de.message,
  );
  await page.context().close();
});

test("element: upgrades around Keycloak's form, which stays in the page in the default slot", async () => {
  const page = await watchedPage();
  const s = scenario('login');
  await open(page, s.url);
  const login = await upgraded(page);
  assert.equal(await login.evaluate((el) => el.shadowRoot !== null), true, 'a shadow root');
  assert.equal((await part(page, 'bandeau-login', 'product-name').textContent()).trim(), s.realm);
  assert.equal((await part(page, 'bandeau-login', 'slogan').textContent()).trim(), s.texts.de.slogan);
  assert.equal(
    await part(page, 'bandeau-login', 'logo').evaluate((img) => new URL(img.src).pathname),
    `${manifest.resourcesPath}/img/logo.svg`,
  );
  // The form is the page's, not copied into the shadow root.
  assert.equal(await page.evaluate(() => document.getElementById('kc-form-login').getRootNode() === document), true);
  assert.equal(await assignedSlot(page, '#kc-form-login'), '', 'in the default slot');
  assert.equal(await page.locator('#username').isVisible(), true, 'and shown');
  // One h1: the element's product name; Keycloak's page title is an h2.
  const headings = await page.evaluate(() => document.querySelectorAll('h1').length
    + document.querySelector('bandeau-login').shadowRoot.querySelectorAll('h1').length);
  assert.equal(headings, 1);
  // The legal links from theme.properties.
  for (const href of Object.values(manifest.links)) {
    assert.equal(await page.locator(`bandeau-login [part~="footer-link"][href="${href}"]`).count(), 1, href);
  }
  await assertClean(page, s.url);
  await page.context().close();
});

test('element: the product name is shown as text, whatever the realm is called', async () => {
  const page = await watchedPage();
  const s = scenario('hostile');
  await open(page, s.url);
  await upgraded(page);
  const name = part(page, 'bandeau-login', 'product-name');
  assert.equal(await name.textContent(), s.realm);
  assert.equal(await name.evaluate((el) => el.children.length), 0, 'no elements made of it');
  await assertClean(page, s.url);
  await page.context().close();
});

test("element: Keycloak's message is shown in the info slot", async () => {
  const page = await newPage(browser);
  const error = scenario('login-error');
  await open(page, error.localeUrls.fr);
  await upgraded(page);
  assert.equal(await assignedSlot(page, '#kc-message'), 'info');
  assert.equal(await page.locator('#kc-message').isVisible(), true);
  assert.equal(
    (await page.getByRole('alert').textContent()).trim(),
    error.texts.fr.message,
  );
  await page.context().close();
});

test("element: the language picker offers the realm's locales and goes to Keycloak's URL for the one chosen", async () => {
  const page = await watchedPage();
  const s = scenario('login-error');
  await open(page, s.url);
  await upgraded(page);
  const options = languageOptions(page);
  assert.deepEqual(await options.evaluateAll((all) => all.map((o) => o.dataset.language ?? o.lang)), s.languages);
  const pressed = languageOption(page, '[aria-pressed="true"]');
  assert.equal(await pressed.count(), 1);
  assert.equal(await languageOf(pressed), 'de', 'the current language');

  await optionFor(page, 'fr').click();
  await page.waitForURL(url(s.localeUrls.fr));
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr', 'Keycloak answered in French');
  assert.equal(await page.title(), s.texts.fr.title);
  await upgraded(page);
  assert.equal(await languageOf(languageOption(page, '[aria-pressed="true"]')), 'fr');
  assert.equal((await page.locator('#kc-message').textContent()).trim(), s.texts.fr.message);

  // And by keyboard, to English.
  await optionFor(page, 'en').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(url(s.localeUrls.en));
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await assertClean(page, 'after two language changes');
  await page.context().close();
});

test('element: a cancelled bandeau-language-change stays on the page', async () => {
  const page = await newPage(browser);
  const s = scenario('login');
  await open(page, s.url);
  await upgraded(page);
  await page.evaluate(() => {
    window.__languageEvents = [];
    document.addEventListener('bandeau-language-change', (event) => {
      window.__languageEvents.push({ language: event.detail.language, cancelable: event.cancelable });
      event.preventDefault();
    });
  });
  const before = await page.url();
  await optionFor(page, 'en').click();
  await sleep(500);
  assert.deepEqual(await page.evaluate(() => window.__languageEvents), [{ language: 'en', cancelable: true }]);
  assert.equal(await page.url(), before, 'no navigation');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  await page.context().close();
});

test('element: a realm with one language shows no language picker', async () => {
  const page = await newPage(browser);
  await open(page, scenario('one-language').url);
  await upgraded(page);
  assert.equal(await languageOptions(page).count(), 0);
  assert.equal(await page.locator('#kc-form-login').isVisible(), true);
  await page.context().close();
});

// WCAG 2.2 A and AA, plus axe's best practices, as for the other pages.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const colorScheme of ['light', 'dark']) {
  test(`element: axe finds nothing on the Keycloak pages, ${colorScheme} system theme, 320 and 1280 px`, async () => {
    for (const width of [320, 1280]) {
      // axe is injected as WebDriver runs scripts, outside the page's policy.
      const page = await newPage(browser, { viewport: { width, height: 800 }, colorScheme });
      for (const [slug, lang] of [['login-error', 'de'], ['login-otp', 'fr'], ['login-field-error', 'en']]) {
        await open(page, scenario(slug).localeUrls[lang]);
        assert.equal(await page.evaluate(() => window.innerWidth), width, 'the engine made the viewport this wide');
        await upgraded(page);
        assert.equal(
          await page.evaluate(() => document.documentElement.classList.contains('pf-v5-theme-dark')),
          colorScheme === 'dark',
          "Keycloak's form follows the system's scheme, as the chrome does (theme=auto)",
        );
        await quiet(page);
        await page.addScriptTag({ path: AXE_PATH });
        const violations = await page.evaluate(async (tags) => {
          const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
        }, TAGS);
        assert.deepEqual(violations, [], `${slug} (${lang}) at ${width} px`);
        const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(scrolls, false, `${slug} at ${width} px: no horizontal scrolling`);
      }
      await page.context().close();
    }
  });
}
