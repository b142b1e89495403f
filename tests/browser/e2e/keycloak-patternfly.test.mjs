// Keycloak's form in Bandeau's colours. The rendered Keycloak pages
// (keycloak.test.mjs says how) load the real PatternFly 5 CSS as keycloak.v2
// does (npm @patternfly/patternfly, its `stylesCommon`), keycloak.v2's
// styles, and then the theme's css/bandeau-patternfly.css: PatternFly 5's
// global custom properties set from the tokens by `bandeau-tokens`
// (target/tokens/keycloak-patternfly.css). These tests read, with
// getComputedStyle, what PatternFly draws: the primary button, a link, a
// field's error text and the focused field's underline must take the
// compiled tokens' values (/tokens/tokens.<brand>.<theme>.json of the same
// build) in light, dark (keycloak.v2's pf-v5-theme-dark class) and high
// contrast, and axe-core must find nothing.
//
// With BANDEAU_SCREENSHOTS=<dir> (off by default) they also write the
// screenshots docs/integration.md shows into <dir>, in Chromium (the
// engine the published pictures come from):
//   BANDEAU_SCREENSHOTS=docs/images BANDEAU_URL=… node --test tests/browser/e2e/keycloak-patternfly.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, newPage, url, AXE_PATH, ENGINE, quiet } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const manifest = await (await fetch(url('/keycloak/pages.json'))).json();
const scenario = (slug) => manifest.scenarios.find((s) => s.slug === slug);

/** The system settings `options` asked the engine for took effect. */
async function assertEmulated(page, { colorScheme, contrast }) {
  const media = await page.evaluate(() => ({
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    more: matchMedia('(prefers-contrast: more)').matches,
  }));
  assert.equal(media.dark, colorScheme === 'dark', `the engine emulates prefers-color-scheme: ${colorScheme}`);
  assert.equal(media.more, contrast === 'more', `the engine emulates prefers-contrast: ${contrast ?? 'no-preference'}`);
}

/** The compiled tokens of one theme of the default brand, by name. */
async function tokens(theme) {
  const response = await fetch(url(`/tokens/tokens.default.${theme}.json`));
  assert.ok(response.ok, `/tokens/tokens.default.${theme}.json: HTTP ${response.status}`);
  return response.json();
}

/** A colour token as getComputedStyle writes it: rgb(r, g, b). */
function rgb(all, name) {
  const value = all[name]?.$value;
  assert.ok(value?.hex, `${name} is a colour token`);
  assert.equal(value.alpha ?? 1, 1, `${name} is opaque`);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(value.hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

// light and dark: the system's colour scheme, which keycloak.v2's dark
// mode follows (the pf-v5-theme-dark class) as the chrome does with
// theme=auto; high contrast: prefers-contrast: more, on either scheme.
const THEMES = [
  { theme: 'light', options: { colorScheme: 'light' }, dark: false },
  { theme: 'dark', options: { colorScheme: 'dark' }, dark: true },
  { theme: 'high-contrast', options: { colorScheme: 'light', contrast: 'more' }, dark: false },
  { theme: 'high-contrast', options: { colorScheme: 'dark', contrast: 'more' }, dark: true },
];
const label = ({ theme, dark }) => (theme === 'high-contrast' ? `${theme} (${dark ? 'dark' : 'light'} scheme)` : theme);

/** What PatternFly 5 draws for the parts of the form the tokens colour. */
const drawn = (page) => page.evaluate(() => {
  const style = (element, pseudo) => getComputedStyle(element, pseudo ?? null);
  const button = document.getElementById('kc-login');
  const link = document.getElementById('kc-forgot-password');
  const error = document.querySelector('#input-error-username .kc-feedback-text');
  // PatternFly 5 draws a field as a wrapper whose ::after is its underline.
  const password = document.getElementById('password');
  const underline = () => style(password.parentElement, '::after').borderBottomColor;
  const resting = underline();
  password.focus();
  const focused = underline();
  return {
    // Focus is drawn in the window a person types into (engines draw none
    // in a window in the background).
    activeWindow: document.hasFocus(),
    button: style(button).backgroundColor,
    buttonText: style(button).color,
    link: style(link).color,
    error: style(error).color,
    resting,
    focused,
    focusedWidth: style(password.parentElement, '::after').borderBottomWidth,
  };
});

test("the Keycloak pages load PatternFly 5, keycloak.v2's styles and then the theme's PatternFly settings", async () => {
  const page = await newPage(browser);
  await page.goto(url(scenario('login').url));
  const sheets = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')]
    .map((link) => ({ path: new URL(link.href).pathname, rules: link.sheet?.cssRules.length ?? 0 })));
  const common = manifest.resourcesPath.replace(/\/login\/[^/]+$/, '/common/keycloak');
  assert.deepEqual(sheets.map((s) => s.path), [
    `${common}/vendor/patternfly-v5/patternfly.min.css`,
    `${common}/vendor/patternfly-v5/patternfly-addons.css`,
    `${manifest.resourcesPath}/css/styles.css`,
    `${manifest.resourcesPath}/css/bandeau-patternfly.css`,
  ]);
  for (const sheet of sheets) assert.ok(sheet.rules > 0, `${sheet.path} is loaded and has rules`);
  // The theme's sheet sets custom properties and nothing else.
  const selectors = await page.evaluate(() => {
    const sheet = [...document.styleSheets].find((s) => s.href?.endsWith('/bandeau-patternfly.css'));
    const found = [];
    const walk = (rules) => {
      for (const rule of rules) {
        if (rule.cssRules && !rule.style) walk(rule.cssRules);
        else {
          found.push(rule.selectorText);
          for (const property of rule.style) {
            if (!property.startsWith('--')) found.push(`${rule.selectorText} { ${property} }`);
          }
        }
      }
    };
    walk(sheet.cssRules);
    return [...new Set(found)];
  });
  assert.deepEqual(selectors, [':root', ':root.pf-v5-theme-dark', ':root, :root.pf-v5-theme-dark']);
  await page.context().close();
});

for (const mode of THEMES) {
  test(`Keycloak's form takes the tokens' colours through PatternFly 5: ${label(mode)}`, async () => {
    const all = await tokens(mode.theme);
    const page = await newPage(browser, { viewport: { width: 800, height: 800 }, ...mode.options });
    const s = scenario('login-field-error');
    await page.goto(url(s.localeUrls.en));
    await quiet(page);
    await assertEmulated(page, mode.options);
    assert.equal(
      await page.evaluate(() => document.documentElement.classList.contains('pf-v5-theme-dark')),
      mode.dark,
      "keycloak.v2's dark mode class follows the system's scheme",
    );
    const form = await drawn(page);
    const what = label(mode);
    assert.equal(form.activeWindow, true, `${what}: the page is in the active window`);
    assert.equal(form.button, rgb(all, 'color.accent.default'), `${what}: the primary button`);
    assert.equal(form.buttonText, rgb(all, 'color.text.on-accent'), `${what}: the primary button's text`);
    assert.equal(form.link, rgb(all, 'color.text.link'), `${what}: a link`);
    assert.equal(form.error, rgb(all, 'color.danger.default'), `${what}: a field's error text`);
    assert.equal(form.focused, rgb(all, 'color.accent.default'), `${what}: the focused field's underline`);
    assert.notEqual(form.focused, form.resting, `${what}: focus changes the underline`);
    assert.ok(parseFloat(form.focusedWidth) >= 2, `${what}: the focus underline is ${form.focusedWidth} wide`);
    await page.context().close();
  });
}

// WCAG 2.2 A and AA and axe's best practices, as in keycloak.test.mjs,
// which runs them in light and dark; here the high-contrast settings too.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

for (const mode of THEMES) {
  test(`axe finds nothing on Keycloak's form in PatternFly 5 with the tokens: ${label(mode)}`, async () => {
    // axe is injected as WebDriver runs scripts, outside the page's policy.
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 }, ...mode.options });
    for (const slug of ['login', 'login-field-error', 'login-error', 'login-otp']) {
      await page.goto(url(scenario(slug).localeUrls.en));
      await page.waitForFunction(() => document.querySelector('bandeau-login')?.shadowRoot?.querySelector('slot:not([name])'));
      await quiet(page);
      await assertEmulated(page, mode.options);
      await page.addScriptTag({ path: AXE_PATH });
      const violations = await page.evaluate(async (tags) => {
        const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
      }, TAGS);
      assert.deepEqual(violations, [], `${slug}, ${label(mode)}`);
    }
    await page.context().close();
  });
}

const SHOTS = process.env.BANDEAU_SCREENSHOTS;

test('screenshots of the login pages for docs/integration.md (with BANDEAU_SCREENSHOTS)', {
  skip: (!SHOTS && 'BANDEAU_SCREENSHOTS is not set') || (ENGINE !== 'chromium' && 'the pictures are taken in Chromium'),
}, async () => {
  const dir = resolve(SHOTS);
  mkdirSync(dir, { recursive: true });
  for (const [file, slug, colorScheme] of [
    ['keycloak-login-light.png', 'login', 'light'],
    ['keycloak-login-dark.png', 'login', 'dark'],
    ['keycloak-login-error-light.png', 'login-field-error', 'light'],
  ]) {
    const page = await newPage(browser, { viewport: { width: 640, height: 760 }, colorScheme });
    await page.goto(url(scenario(slug).localeUrls.en));
    await page.waitForFunction(() => document.querySelector('bandeau-login')?.shadowRoot?.querySelector('slot:not([name])'));
    await quiet(page);
    // The caret blinks; the page stays put otherwise.
    await page.locator('#username').evaluate((input) => input.blur());
    writeFileSync(join(dir, file), await page.screenshot());
    await page.context().close();
  }
});
