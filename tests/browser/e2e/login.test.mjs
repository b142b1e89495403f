// <bandeau-login> on its example pages (examples/login/, the strict-CSP
// variant examples/strict-csp/login.html): the identity provider's form in
// the default slot stays an ordinary form (it posts, the browser validates
// it), the language picker emits its event and follows `locale-url`, the
// chrome looks the same under hostile page CSS, works under a strict
// policy, keeps its focus order, reflows from 320 px, and axe finds
// nothing in three themes at two widths.
//
// In every engine (support.mjs): what a form posted is read from the
// page the echo endpoint answers with, since WebDriver sees no responses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launch, newPage, openExample, part, url, AXE_PATH, pixelDifference, exampleEvents,
  exampleProblems, bandeauWarnings, settled, sleep, pageLog, quiet,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const LOGIN = '/examples/login/';
const HOST = 'bandeau-login';
const open = (page, path = LOGIN) => openExample(page, path, { host: HOST, apps: false });
const option = (page, name) => part(page, HOST, 'language-option').filter({ hasText: name });

/**
 * The fields /login/submit received, from the JSON it answers with, once
 * the page shows it. The endpoint answers 415 in plain text unless the form
 * was posted as application/x-www-form-urlencoded, so reading JSON fields
 * also says that the form posted as a form does. Firefox shows JSON in its
 * viewer, which keeps the text as it came in `JSONView.json`.
 */
async function submitted(page) {
  await page.waitForURL(/\/login\/submit(\?|$)/);
  const text = await page.waitForFunction(() => (window.JSONView?.json ?? document.querySelector('pre') ?? document.body)
    ?.textContent, undefined, { timeout: 5000 });
  return Object.fromEntries(JSON.parse(text).fields);
}

test('the slotted form submits normally and the endpoint receives its fields', async () => {
  const page = await newPage(browser);
  await open(page);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'username',
    'the form\'s autofocus works inside the slot');
  await page.locator('#username').fill('erika.mustermann');
  await page.locator('#password').fill('geheim123');
  await page.locator('#rememberMe').check();
  // The example's log goes with the page: read it before the form leaves.
  assert.deepEqual((await pageLog(page)).pageErrors, []);
  // Enter in a field submits, as in any form (implicit submission).
  await page.locator('#password').focus();
  await page.keyboard.press('Enter');
  const fields = await submitted(page);
  assert.deepEqual(fields, {
    username: 'erika.mustermann',
    password: '(9 characters)',
    rememberMe: 'on',
    credentialId: '',
    login: '',
  }, 'the submit button is the default button, and names itself like Keycloak\'s');
  assert.equal((await page.url()).endsWith('/login/submit'), true);
  await page.context().close();
});

test('native required validation blocks an empty submit', async () => {
  const page = await newPage(browser);
  await open(page);
  const before = await page.url();
  await page.evaluate(() => document.activeElement?.blur());
  await page.locator('#kc-login').click();
  await sleep(300);
  assert.equal(await page.url(), before, 'no navigation');
  assert.deepEqual(page.requests().filter((r) => r.includes('/login/submit')), [], 'nothing was posted');
  const state = await page.evaluate(() => {
    const username = document.getElementById('username');
    return {
      invalid: username.matches(':invalid'),
      message: username.validationMessage,
      focused: document.activeElement?.id,
    };
  });
  assert.equal(state.invalid, true);
  assert.notEqual(state.message, '', 'the browser explains what is missing');
  assert.equal(state.focused, 'username', 'the browser took focus to the first invalid field');

  // With only the username, the password still blocks it.
  await page.locator('#username').fill('erika');
  await page.locator('#kc-login').click();
  await sleep(300);
  assert.equal(await page.url(), before);
  assert.deepEqual(page.requests().filter((r) => r.includes('/login/submit')), [], 'nothing was posted');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
  await page.context().close();
});

/**
 * Records every bandeau-language-change in sessionStorage, where it
 * outlives the navigation the event may start; `seenBy` reads them.
 */
const listen = (page) => page.evaluate(() => {
  document.addEventListener('bandeau-language-change', (event) => {
    const seen = JSON.parse(sessionStorage.getItem('seen') ?? '[]');
    seen.push({ ...event.detail, cancelable: event.cancelable, composed: event.composed });
    sessionStorage.setItem('seen', JSON.stringify(seen));
  });
});
const seenBy = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('seen') ?? '[]'));

test('the language picker emits its event and follows the locale URL', async () => {
  const page = await newPage(browser);
  await open(page);
  // Nothing changed the language while the page loaded (the example's
  // log hears every bandeau-* event from before the bundle runs).
  assert.deepEqual((await exampleEvents(page)).filter((e) => e.type === 'bandeau-language-change'), []);
  await listen(page);
  assert.deepEqual(
    await part(page, HOST, 'language-option').evaluateAll((options) => options.map((o) => [
      o.textContent, o.lang, o.getAttribute('aria-pressed')])),
    [['Deutsch', 'de', 'true'], ['English', 'en', 'false'], ['Français', 'fr', 'false']],
  );
  assert.deepEqual((await pageLog(page)).pageErrors, []);
  await option(page, 'English').click();
  await page.waitForURL(/\?kc_locale=en$/);
  assert.deepEqual(await seenBy(page), [{ language: 'en', cancelable: true, composed: true }]);
  // The "identity provider" (locale.js) rendered the page in English.
  await open(page, `${LOGIN}?kc_locale=en`);
  await listen(page);
  assert.equal(await page.locator(HOST).getAttribute('lang'), 'en');
  assert.equal(await settled(() => option(page, 'English').getAttribute('aria-pressed'), 'true'), 'true');
  assert.deepEqual(
    await part(page, HOST, 'footer-link').allTextContents(),
    ['Imprint', 'Privacy', 'Documentation', 'Support', 'Feedback'],
  );
  assert.equal(await part(page, HOST, 'languages').getAttribute('aria-label'), 'Language');

  // A page that handles the change itself cancels it: nothing is followed.
  const before = await page.url();
  await page.evaluate(() => document.addEventListener('bandeau-language-change', (e) => e.preventDefault()));
  await option(page, 'Français').click();
  await sleep(300);
  assert.equal(await page.url(), before);
  assert.deepEqual((await seenBy(page)).at(-1), { language: 'fr', cancelable: true, composed: true });
  assert.equal(await page.locator(HOST).getAttribute('lang'), 'en', 'the element keeps its language');
  // The current language's button asks for nothing.
  const count = (await seenBy(page)).length;
  await option(page, 'English').click();
  await sleep(100);
  assert.equal((await seenBy(page)).length, count);
  assert.deepEqual((await pageLog(page)).pageErrors, []);
  await page.context().close();
});

test('focus goes language → form → footer, at 1280 and at 320 px', async () => {
  for (const width of [1280, 320]) {
    const page = await newPage(browser, { viewport: { width, height: 800 } });
    await open(page);
    assert.equal(await page.evaluate(() => window.innerWidth), width, 'the engine made the viewport this wide');
    // Focus on an element before everything else (not in the tab order
    // itself) starts the sequential focus navigation from the top, as a
    // fresh page would without the form's autofocus. (A click on the
    // background did so in Chromium, not in Firefox, where a click on
    // content in a shadow root leaves the starting point where it was.)
    await page.evaluate(() => {
      const start = document.createElement('span');
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus();
    });
    const order = [];
    for (let i = 0; i < 13; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        const text = element?.textContent.trim();
        return `${element?.getAttribute('part') || element?.id || ''}:${text}`;
      }));
    }
    assert.deepEqual(order, [
      'language-option:Deutsch', 'language-option:English', 'language-option:Français',
      'username:', 'password:', 'rememberMe:', 'kc-login:Anmelden', ':Passwort vergessen?',
      'footer-link:Impressum', 'footer-link:Datenschutz', 'footer-link:Dokumentation',
      'footer-link:Hilfe', 'footer-link:Feedback',
    ], `${width} px`);
    await page.context().close();
  }
});

test('it reflows from 320 px to wide screens and at 200 % zoom without scrolling sideways', async () => {
  // 640 CSS px is a 1280 px window at 200 % zoom.
  for (const [width, scale] of [[320, 1], [640, 2], [1280, 1], [1920, 1]]) {
    const page = await newPage(browser, { viewport: { width, height: 720 }, deviceScaleFactor: scale });
    await open(page);
    assert.equal(await page.evaluate(() => window.innerWidth), width, 'the engine made the viewport this wide');
    const layout = await page.evaluate(() => {
      const root = document.querySelector('bandeau-login').shadowRoot;
      const box = (part) => root.querySelector(`[part~="${part}"]`).getBoundingClientRect();
      const card = box('card');
      const footer = box('footer');
      return {
        // Against the width beside a vertical scroll bar, where an engine draws one.
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        card: [card.left, card.right],
        footer: [footer.left, footer.right],
        page: box('page').height,
        window: window.innerHeight,
      };
    });
    assert.equal(layout.overflow, 0, `${width} px: no horizontal scrolling`);
    for (const name of ['card', 'footer']) {
      const [left, right] = layout[name];
      assert.ok(left >= 0 && right <= width, `${width} px: the ${name} (${left}–${right}) fits`);
    }
    assert.ok(layout.page >= layout.window, `${width} px: the login fills the window`);
    await page.context().close();
  }
});

/**
 * A screenshot of the whole chrome (its page part: background, scrim, card,
 * header, footer), with the page's own slotted content hidden on both
 * pages: that content is the page's to style, hostile or not, and its
 * height would move the card.
 */
async function chromeShot(path) {
  const page = await newPage(browser);
  await open(page, path);
  // No scroll bar either: WebKitGTK draws an overlay one over the chrome,
  // as long as the rest of the page is tall.
  await page.addStyleTag({ content: 'bandeau-login > * { display: none !important; } html { overflow: hidden !important; }' });
  await quiet(page);
  await page.mouse.move(0, 0);
  // Nothing is focused, so no caret blinks, and transitions are over; the
  // form's autofocus may have scrolled the page, so back to where it starts
  // (WebDriver takes an element partly in view where it is).
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
  });
  await sleep(500);
  const shot = await part(page, HOST, 'page').screenshot();
  const background = await part(page, HOST, 'background').evaluate((img) => {
    const pageBox = img.closest('[part~="page"]').getBoundingClientRect();
    return {
      filter: getComputedStyle(img).filter,
      fillsThePage: Math.round(img.getBoundingClientRect().width) === Math.round(pageBox.width),
      loaded: img.complete && img.naturalWidth > 0,
    };
  });
  const fontSize = await part(page, HOST, 'product-name').evaluate((h1) => getComputedStyle(h1).fontSize);
  await page.context().close();
  return { shot, background, fontSize };
}

test('hostile page CSS leaves the login chrome pixel-identical', async () => {
  const clean = await chromeShot(`${LOGIN}reference.html`);
  // The comparison means something only if the engine draws the same page
  // the same way twice.
  const again = await chromeShot(`${LOGIN}reference.html`);
  assert.equal(pixelDifference(clean.shot, again.shot), null, 'the same page twice');
  const hostile = await chromeShot(`${LOGIN}hostile.html`);
  assert.equal(pixelDifference(clean.shot, hostile.shot), null,
    `font sizes (clean, hostile): ${clean.fontSize}, ${hostile.fontSize}`);
  assert.deepEqual(hostile.background, { filter: 'none', fillsThePage: true, loaded: true },
    'the page\'s img rules do not reach the background picture');
  assert.deepEqual(clean.background, hostile.background);
});

// The complete policy of the strict-CSP examples, as the integration guide states it.
const guide = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/integration.md'), 'utf8');
const POLICY = guide.match(/^Content-Security-Policy: (.+)$/m)?.[1];

/**
 * The CSP violations the page saw: event-log.js, the page's first script,
 * listens for them. It is a module and runs once the markup is parsed, so
 * what the markup itself would break (inline script or style, event
 * handler attributes) is checked in the HTML instead.
 */
const violations = async (page) => (await exampleProblems(page))
  .filter((p) => p.kind === 'CSP violation')
  .map((p) => p.text);

test('the strict-CSP login page logs no violation, switching language and signing in', async () => {
  assert.ok(POLICY, 'docs/integration.md states the policy');
  const page = await newPage(browser);
  const STRICT = '/examples/strict-csp/login.html';
  const response = await open(page, STRICT);
  assert.equal(response.headers.get('content-security-policy'), POLICY);
  const html = await (await fetch(url(STRICT))).text();
  assert.deepEqual(
    html.match(/<script(?![^>]*\ssrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:/gi) ?? [],
    [],
    'no inline script, style or handler in the markup',
  );
  // The background may still be on its way: wait for it to load or fail.
  // (page.evaluate, whose promise WebDriver awaits: a locator's evaluate
  // hands a promise back unresolved.)
  await part(page, HOST, 'background').waitFor();
  const loaded = await page.evaluate(() => {
    const img = document.querySelector('bandeau-login').shadowRoot.querySelector('[part~="background"]');
    return img.complete
      ? img.naturalWidth > 0
      : new Promise((resolve) => {
        img.addEventListener('load', () => resolve(img.naturalWidth > 0), { once: true });
        img.addEventListener('error', () => resolve(false), { once: true });
      });
  });
  assert.equal(loaded, true, 'the background image loads under the policy');
  const clean = async (when) => {
    assert.deepEqual(await violations(page), [], `${when}: violations`);
    assert.deepEqual(await exampleProblems(page), [], `${when}: problems`);
    const log = await pageLog(page);
    assert.deepEqual(log.console.filter((m) => /Content.Security.Policy/i.test(m.text)), [], `${when}: console`);
    assert.deepEqual(log.pageErrors, [], `${when}: page errors`);
    assert.deepEqual(await bandeauWarnings(page), [], `${when}: bandeau warnings`);
  };
  await clean('loaded');

  await option(page, 'Français').click();
  await page.waitForURL(/kc_locale=fr$/);
  await open(page, `${STRICT}?kc_locale=fr`);
  assert.equal(await part(page, HOST, 'languages').getAttribute('aria-label'), 'Langue');
  await clean('in French');

  await page.locator('#username').fill('erika');
  await page.locator('#password').fill('pw');
  await clean('filled in');
  await page.locator('#kc-login').click();
  assert.equal((await submitted(page)).username, 'erika');
  await page.context().close();
});

// WCAG 2.2 A and AA, plus axe's best practices.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const theme of ['light', 'dark', 'high-contrast']) {
  for (const width of [320, 1280]) {
    test(`axe: the login page in the ${theme} theme at ${width} px`, async () => {
      const page = await newPage(browser, { viewport: { width, height: 800 } });
      await open(page);
      assert.equal(await page.evaluate(() => window.innerWidth), width, 'the engine made the viewport this wide');
      await page.locator(HOST).evaluate((element, t) => element.setAttribute('theme', t), theme);
      assert.equal(await page.locator(HOST).getAttribute('data-theme'), theme);
      await quiet(page);
      await page.addScriptTag({ path: AXE_PATH });
      const result = await page.evaluate(async (tags) => {
        const results = await window.axe.run(
          { include: [['bandeau-login']] },
          { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'passes'] },
        );
        return {
          inShadow: results.passes.flatMap((r) => r.nodes).filter((n) => Array.isArray(n.target[0])).length,
          violations: results.violations.map((v) => ({
            id: v.id,
            nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
          })),
        };
      }, TAGS);
      assert.ok(result.inShadow > 0, 'axe checked nodes inside the shadow root');
      assert.deepEqual(result.violations, []);
      const events = (await exampleEvents(page)).filter((e) => e.type === 'bandeau-error');
      assert.deepEqual(events, [], 'no bandeau-error');
      await page.context().close();
    });
  }
}

test('the login page is linked from the examples index', async () => {
  const page = await newPage(browser);
  await page.goto(url('/examples/'));
  assert.equal(await page.locator('a[href="login/"]').count(), 1);
  await page.context().close();
});
