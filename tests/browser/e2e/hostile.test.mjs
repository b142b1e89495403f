// Hostile surroundings. A vendor page with aggressive global CSS
// (examples/hostile/) must neither restyle the chrome nor be restyled by it,
// and a navigation document full of script-injection payloads
// (/nav/hostile) must run nothing and show its names as plain text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, url, pixelDifference, seeThrough, launcherButton, panel, userButton,
  userPanel, app, part, appNames, bandeauWarnings, exampleEvents, exampleProblems, sleep,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const HOSTILE = '/examples/hostile/';
// The same bar with the same attributes on a plain page.
const REFERENCE = '/examples/hostile/reference.html';

/**
 * Screenshots of the bar closed, with the launcher open and with the user
 * menu open (each popup on its own), on one page. `before` runs after load.
 */
async function shots(path, before) {
  const page = await newPage(browser);
  await openExample(page, path);
  if (before) await before(page);
  // Icons fail (other origins are blocked) and fall back to monograms;
  // wait until that has settled so both pages show the same.
  await page.waitForLoadState('networkidle');
  const options = { animations: 'disabled', caret: 'hide', scale: 'css' };
  const bar = page.locator('bandeau-bar');
  const result = { bar: await bar.screenshot(options) };
  await launcherButton(page).click();
  await page.mouse.move(0, 700);
  result.launcher = await panel(page).screenshot(options);
  await page.keyboard.press('Escape');
  await userButton(page).click();
  await page.mouse.move(0, 700);
  result.menu = await userPanel(page).screenshot(options);
  const fontSizes = await page.evaluate(() => {
    const host = document.querySelector('bandeau-bar');
    const size = (part) => getComputedStyle(host.shadowRoot.querySelector(`[part~="${part}"]`)).fontSize;
    return {
      root: getComputedStyle(document.documentElement).fontSize,
      productName: size('product-name'),
      menuItem: size('menu-item'),
    };
  });
  await page.context().close();
  return { ...result, fontSizes };
}

/**
 * The clean page's screenshots, plus a mask per state of the pixels that
 * show the page behind the chrome (the popups' rounded corners): taken a
 * second time over a black page, those pixels change. Only they are left
 * out of the comparison; a hostile page may paint what it likes behind
 * the chrome, but not on it.
 */
async function referenceShots() {
  const light = await shots(REFERENCE);
  const dark = await shots(REFERENCE, (page) => page.addStyleTag({ content: 'html, body { background: #000 !important; }' }));
  const masks = {};
  for (const state of STATES) {
    masks[state] = seeThrough(light[state], dark[state]);
    const shown = masks[state].reduce((n, m) => n + m, 0);
    // Only edges show through; a mask over the whole chrome would make the
    // comparison meaningless.
    assert.ok(shown < masks[state].length / 100, `${state}: ${shown} of ${masks[state].length} pixels show the page`);
  }
  return { ...light, masks };
}

const STATES = ['bar', 'launcher', 'menu'];

function compare(reference, hostile) {
  const differences = {};
  for (const state of STATES) {
    const difference = pixelDifference(reference[state], hostile[state], reference.masks[state]);
    if (difference) differences[state] = difference;
  }
  return differences;
}

let reference;
const cleanShots = async () => { reference ??= await referenceShots(); return reference; };

test('the bar, its launcher and its user menu look the same on the hostile page as on a clean one', async () => {
  const clean = await cleanShots();
  const hostile = await shots(HOSTILE);
  assert.deepEqual(compare(clean, hostile), {}, 'screenshots differ; font sizes (clean, hostile): '
    + `${JSON.stringify(clean.fontSizes)}, ${JSON.stringify(hostile.fontSizes)}`);
});

test('apart from the root font size, the hostile CSS changes no pixel of the chrome', async () => {
  // Tells the rem defect (see the test above) from any other leak: with
  // only the page's root font size put back, every other hostile rule
  // (all: unset on the host, colours, borders, !important everywhere)
  // must leave the chrome exactly as it is.
  const clean = await cleanShots();
  const hostile = await shots(HOSTILE, (page) => page.addStyleTag({ content: 'html { font-size: 16px !important; }' }));
  assert.deepEqual(compare(clean, hostile), {});
});

/** Every computed style of the vendor's own elements, and the page's style sheets. */
function vendorStyles(page) {
  return page.evaluate(() => {
    const probes = ['html', 'body', 'main', 'h1', 'p', '#vendor-probe', '#vendor-button',
      '#vendor-link', '#vendor-item', '#vendor-input', '.example-log', '#log-heading'];
    const styles = {};
    for (const selector of probes) {
      const element = document.querySelector(selector);
      if (!element) continue;
      const computed = getComputedStyle(element);
      const all = {};
      for (const property of computed) all[property] = computed.getPropertyValue(property);
      // Custom properties are not always enumerated; ask for ours by name.
      for (const name of ['--bd-color-text-default', '--bd-color-surface-default', '--bd-bar-background']) {
        all[name] = computed.getPropertyValue(name);
      }
      styles[selector] = all;
    }
    return {
      styles,
      sheets: [...document.styleSheets].map((s) => s.href ?? `<${s.ownerNode?.localName}>`),
      adopted: document.adoptedStyleSheets.length,
    };
  });
}

const GROWS = ['html', 'body', '.example-log'];
const SIZES = ['height', 'block-size', 'perspective-origin', 'transform-origin'];

for (const [label, path] of [['hostile', HOSTILE], ['clean', REFERENCE]]) {
  test(`the bundle's CSS does not leak into the ${label} page around the chrome`, async () => {
    const withBundle = await newPage(browser);
    await openExample(withBundle, path);
    await launcherButton(withBundle).click();
    await withBundle.keyboard.press('Escape');
    const styled = await vendorStyles(withBundle);

    const without = await newPage(browser);
    await without.route('**/pkg/**', (route) => route.abort());
    await without.goto(url(path));
    assert.equal(await without.evaluate(() => customElements.get('bandeau-bar')), undefined,
      'the control page runs without the bundle');
    const plain = await vendorStyles(without);

    assert.deepEqual(styled.sheets, plain.sheets, 'the bundle adds no style sheet to the page');
    assert.equal(styled.adopted, 0, 'nor an adopted one');
    const changed = [];
    for (const [selector, properties] of Object.entries(plain.styles)) {
      for (const [property, value] of Object.entries(properties)) {
        // The chrome takes room and the example's event log lists what it
        // reports, so these boxes are taller with the bundle: layout, not style.
        if (GROWS.includes(selector) && SIZES.includes(property)) continue;
        const now = styled.styles[selector]?.[property];
        if (now !== value) changed.push(`${selector} ${property}: ${value} → ${now}`);
      }
    }
    assert.deepEqual(changed, [], 'computed styles of the vendor\'s elements changed');
    await withBundle.context().close();
    await without.context().close();
  });
}

// The payloads of /nav/hostile (crates/xtask/src/endpoints.rs) set
// window.__pwned; any dialog would also mean script ran.
const TRAP = () => {
  window.__pwnedAttempts = 0;
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get: () => undefined,
    set: () => { window.__pwnedAttempts += 1; },
  });
};

test('a navigation full of script-injection payloads runs nothing and shows names as text', async () => {
  const page = await newPage(browser);
  await page.addInitScript(TRAP);
  await openExample(page, '/examples/navigation/?nav=/nav/hostile');
  await page.waitForLoadState('networkidle');

  // Show and touch everything: open the panel, hover and focus every app,
  // hover the categories, wait for failing icons.
  await launcherButton(page).click();
  const apps = app(page, 'bandeau-bar');
  const count = await apps.count();
  assert.ok(count >= 2, `the hostile document still lists apps (${count})`);
  for (let i = 0; i < count; i += 1) {
    await apps.nth(i).hover();
    await apps.nth(i).focus();
  }
  const categories = part(page, 'bandeau-bar', 'category-name');
  for (let i = 0; i < await categories.count(); i += 1) await categories.nth(i).hover();
  await sleep(500);

  assert.deepEqual(page.log.dialogs, [], 'no dialog opened');
  assert.equal(await page.evaluate(() => window.__pwnedAttempts), 0, 'no payload ran');
  assert.deepEqual(page.log.pageErrors, []);

  // Nothing in the shadow DOM carries a script URL or an event handler.
  const unsafe = await page.locator('bandeau-bar').evaluate((host) => {
    const found = [];
    const walk = (root) => {
      for (const element of root.querySelectorAll('*')) {
        for (const { name, value } of element.attributes) {
          const squeezed = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (name.startsWith('on')) found.push(`${element.localName}[${name}]`);
          if (/^(javascript|vbscript|data):/.test(squeezed) || squeezed.startsWith('javascript&colon;')) {
            found.push(`${element.localName}[${name}="${value}"]`);
          }
        }
        if (['script', 'iframe', 'object', 'embed'].includes(element.localName)) found.push(element.localName);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(host.shadowRoot);
    return found;
  });
  assert.deepEqual(unsafe, [], 'script URLs, handlers or script elements in the chrome');

  // The payloads are shown, as text.
  const names = await appNames(page);
  for (const payload of ['<img src=x onerror=window.__pwned=1>', '"><script>window.__pwned=1</script>',
    '&lt;b&gt;fett&lt;/b&gt; &amp; <b>fett</b>']) {
    assert.ok(names.includes(payload), `"${payload}" is shown literally; names: ${JSON.stringify(names)}`);
  }
  const headings = await categories.evaluateAll((h) => h.map((e) => e.textContent.trim()));
  assert.ok(headings.includes('<img src=x onerror=window.__pwned=1>'), `category names: ${JSON.stringify(headings)}`);
  // No element came out of a name: the app names hold text only.
  const elementsInNames = await part(page, 'bandeau-bar', 'app-name')
    .evaluateAll((spans) => spans.reduce((n, s) => n + s.children.length, 0));
  assert.equal(elementsInNames, 0, 'names hold no elements');

  // The dropped links and icons are reported once, as one bandeau-error.
  const errors = (await exampleEvents(page)).filter((e) => e.type === 'bandeau-error');
  assert.equal(errors.length, 1, `one bandeau-error: ${JSON.stringify(errors)}`);
  assert.equal(errors[0].detail.source, 'navigation');
  assert.equal(bandeauWarnings(page).length, 1, 'and one console warning');
  assert.deepEqual(await exampleProblems(page), []);

  // Clicking an app whose link was dropped goes nowhere and runs nothing.
  const before = page.url();
  // A real click (Playwright's click() refuses elements marked aria-disabled).
  const dead = await apps.filter({ hasText: 'JaVaScRiPt' }).boundingBox();
  await page.mouse.click(dead.x + dead.width / 2, dead.y + dead.height / 2);
  await sleep(300);
  assert.equal(page.url(), before);
  assert.equal(await page.evaluate(() => window.__pwnedAttempts), 0);
  assert.equal(page.context().pages().length, 1, 'no window was opened');
  // The trap itself works.
  await page.evaluate(() => { window.__pwned = 1; });
  assert.equal(await page.evaluate(() => window.__pwnedAttempts), 1, 'the trap counts a payload that runs');
  await page.context().close();
});
