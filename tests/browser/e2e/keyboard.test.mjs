// Keyboard and pointer paths of the launcher and the user menu on the served
// example pages, with real key presses and clicks (WAI-ARIA APG menu button,
// layout grid and disclosure patterns). Expectations come from what the page
// shows (the tiles' positions, the menu's items in order), not from the
// views' code, so they hold for any rendering of the same parts and roles.
// They run in every engine (../engine.mjs): the keys are WebDriver key
// presses, so the same paths are checked in Chromium, Firefox and WebKit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, focused, focusIsWithin, isOpen, app, part, appNames,
  launcherButton, panel, search, userButton, userPanel, exampleEvents, sleep, settled,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

const SCRIPT_TAG = '/examples/script-tag/';
const LAUNCHER_ONLY = '/examples/launcher-only/';
// The German fixture (../shared/fixtures/navigation/opendesk-de.json) in
// document order, as the script-tag example's bar shows it.
const APPS_DE = ['E-Mail', 'Kalender', 'Kontakte', 'Aufgaben', 'Dateien', 'Notizen', 'Diagramme',
  'Projekte', 'Wissen', 'Chat', 'Videokonferenz'];

async function page(path = SCRIPT_TAG, host = 'bandeau-bar') {
  const p = await newPage(browser);
  await openExample(p, path, { host });
  return p;
}

async function expectFocus(p, expected, message) {
  const got = await focused(p);
  for (const [key, value] of Object.entries(expected)) {
    assert.equal(got?.[key], value, `${message}: focus is on ${JSON.stringify(got)}`);
  }
}

/**
 * Empties a text field the way a person does, by selecting its text and
 * pressing Backspace, and leaves focus in it. (WebDriver's Element Clear,
 * behind `fill`, blurs the field afterwards, which closes the panel the
 * field is in.)
 */
async function clear(p, field) {
  await field.evaluate((input) => { input.focus(); input.select(); });
  await p.keyboard.press('Backspace');
}

/**
 * A click with the pointer at the middle of the element, as a person
 * clicks. (WebKitWebDriver refuses its Element Click on the launcher's
 * search field in the open panel as "intercepted", though a pointer click
 * at that very place reaches the field.)
 */
async function clickAt(p, locator) {
  await locator.evaluate((e) => e.scrollIntoView({ block: 'nearest' }));
  const box = await locator.boundingBox();
  await p.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The apps' boxes as laid out now, in document order. */
function tiles(p, host = 'bandeau-bar') {
  return app(p, host).evaluateAll((apps) => apps.filter((a) => a.checkVisibility()).map((a) => {
    const box = a.getBoundingClientRect();
    return {
      name: a.querySelector('[part~="app-name"]').textContent.trim(),
      top: Math.round(box.top),
      centre: box.left + box.width / 2,
    };
  }));
}

/**
 * Where ArrowDown (or ArrowUp) should take focus from tile `from`, read off
 * the layout: the visual row right below (above), and in it the tile in the
 * same column, or the nearest one when that row is shorter. From the last
 * (first) row focus stays. Categories are rows of their own, so a row may
 * be short; the key still moves one row, never past one.
 */
function verticalTarget(layout, from, direction) {
  const here = layout[from];
  const rows = [...new Set(layout.map((t) => t.top))].sort((a, b) => a - b);
  const row = rows[rows.indexOf(here.top) + direction];
  if (row === undefined) return from;
  let best = -1;
  layout.forEach((tile, index) => {
    if (tile.top !== row) return;
    if (best < 0 || Math.abs(tile.centre - here.centre) < Math.abs(layout[best].centre - here.centre)) {
      best = index;
    }
  });
  return best;
}

for (const key of ['Enter', 'Space', 'ArrowDown']) {
  test(`launcher: ${key} on the button opens the panel and focuses the first app`, async () => {
    const p = await page();
    const button = launcherButton(p);
    await button.focus();
    assert.equal(await isOpen(button, panel(p)), false);
    await p.keyboard.press(key);
    assert.equal(await isOpen(button, panel(p)), true, `${key} opens the panel`);
    await expectFocus(p, { part: 'app', name: 'E-Mail' }, `after ${key}`);
    await p.context().close();
  });
}

test('launcher: the button is the first Tab stop of the page and opens with Enter', async () => {
  const p = await page();
  await p.keyboard.press('Tab');
  await expectFocus(p, { host: 'bandeau-bar', part: 'launcher-button' }, 'first Tab');
  await p.keyboard.press('Enter');
  await expectFocus(p, { part: 'app', name: 'E-Mail' }, 'after Enter');
  await p.context().close();
});

test('launcher: ArrowRight and ArrowLeft move by one app in reading order and stop at the ends', async () => {
  const p = await page();
  await launcherButton(p).focus();
  await p.keyboard.press('Enter');
  assert.deepEqual(await appNames(p), APPS_DE);
  for (let i = 1; i < APPS_DE.length; i += 1) {
    await p.keyboard.press('ArrowRight');
    await expectFocus(p, { part: 'app', name: APPS_DE[i] }, `ArrowRight from ${APPS_DE[i - 1]}`);
  }
  await p.keyboard.press('ArrowRight');
  await expectFocus(p, { name: APPS_DE.at(-1) }, 'ArrowRight on the last app');
  for (let i = APPS_DE.length - 2; i >= 0; i -= 1) {
    await p.keyboard.press('ArrowLeft');
    await expectFocus(p, { part: 'app', name: APPS_DE[i] }, `ArrowLeft from ${APPS_DE[i + 1]}`);
  }
  await p.keyboard.press('ArrowLeft');
  await expectFocus(p, { name: APPS_DE[0] }, 'ArrowLeft on the first app');
  await p.context().close();
});

/** The apps' names row by row, for messages. */
const rowsOf = (layout) => Object.values(layout.reduce((rows, tile) => {
  (rows[tile.top] ??= []).push(tile.name);
  return rows;
}, {}));

for (const [key, direction] of [['ArrowDown', 1], ['ArrowUp', -1]]) {
  test(`launcher: ${key} moves one row ${direction > 0 ? 'down' : 'up'} as the grid is laid out`, async () => {
    const p = await page();
    await launcherButton(p).focus();
    await p.keyboard.press('Enter');
    const layout = await tiles(p);
    assert.ok(new Set(layout.map((t) => t.top)).size > 1, 'the apps take several rows');
    const wrong = [];
    for (let from = 0; from < layout.length; from += 1) {
      await app(p, 'bandeau-bar').nth(from).focus();
      await p.keyboard.press(key);
      const expected = layout[verticalTarget(layout, from, direction)].name;
      const got = (await focused(p))?.name;
      if (got !== expected) wrong.push(`${key} from ${layout[from].name}: expected ${expected}, got ${got}`);
    }
    assert.deepEqual(wrong, [], `rows as laid out: ${JSON.stringify(rowsOf(layout))}`);
    await p.context().close();
  });
}

test('launcher: Home and End go to the first and the last app', async () => {
  const p = await page();
  await launcherButton(p).focus();
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowRight');
  await p.keyboard.press('End');
  await expectFocus(p, { part: 'app', name: 'Videokonferenz' }, 'End');
  await p.keyboard.press('Home');
  await expectFocus(p, { part: 'app', name: 'E-Mail' }, 'Home');
  await p.context().close();
});

test('launcher: typing letters focuses the next app whose name starts with them', async () => {
  const p = await page();
  await launcherButton(p).focus();
  await p.keyboard.press('Enter');
  // Letters typed within half a second form one prefix; pause between words.
  const typeAhead = async (text, expected) => {
    await sleep(700);
    await p.keyboard.type(text);
    await expectFocus(p, { part: 'app', name: expected }, `typing "${text}"`);
  };
  await typeAhead('k', 'Kalender');
  await typeAhead('k', 'Kontakte');
  await typeAhead('k', 'Kalender');
  await typeAhead('v', 'Videokonferenz');
  await typeAhead('e', 'E-Mail');
  await typeAhead('dia', 'Diagramme');
  await typeAhead('W', 'Wissen');
  // No app starts with "x": focus stays.
  await typeAhead('x', 'Wissen');
  assert.equal(await isOpen(launcherButton(p), panel(p)), true, 'typing keeps the panel open');
  await p.context().close();
});

test('launcher: Escape closes the panel and returns focus to the button', async () => {
  const p = await page();
  const button = launcherButton(p);
  await button.focus();
  await p.keyboard.press('Enter');
  await p.keyboard.press('ArrowRight');
  await p.keyboard.press('Escape');
  assert.equal(await isOpen(button, panel(p)), false, 'closed');
  await expectFocus(p, { part: 'launcher-button' }, 'after Escape from an app');
  // The same from the search field.
  await button.click();
  await expectFocus(p, { part: 'search' }, 'a click opens with focus in the search field');
  await p.keyboard.press('Escape');
  assert.equal(await isOpen(button, panel(p)), false, 'closed from the search field');
  await expectFocus(p, { part: 'launcher-button' }, 'after Escape from the search field');
  await p.context().close();
});

test('launcher: Tab leaves the panel, which closes behind it', async () => {
  const p = await page();
  const button = launcherButton(p);
  await button.focus();
  await p.keyboard.press('Enter');
  // The grid is one Tab stop (plus, at most, its tile's pin control).
  let presses = 0;
  while (await focusIsWithin(panel(p)) && presses < 3) {
    await p.keyboard.press('Tab');
    presses += 1;
  }
  assert.equal(await focusIsWithin(panel(p)), false, `focus is still in the panel after ${presses} Tabs`);
  assert.equal(await isOpen(button, panel(p)), false, 'the panel closed when focus left it');
  const now = await focused(p);
  assert.notEqual(now?.tag, 'body', 'focus moved on to the next control, not off the page');
  await p.context().close();
});

test('launcher: a click outside closes the panel, a click inside does not', async () => {
  const p = await page();
  const button = launcherButton(p);
  await button.click();
  assert.equal(await isOpen(button, panel(p)), true, 'a click opens');
  await clickAt(p, search(p));
  await part(p, 'bandeau-bar', 'category-name').first().click();
  assert.equal(await isOpen(button, panel(p)), true, 'clicks inside keep it open');
  await p.locator('main h1').click();
  assert.equal(await isOpen(button, panel(p)), false, 'a click on the page closes it');
  // And the button toggles.
  await button.click();
  await button.click();
  assert.equal(await isOpen(button, panel(p)), false, 'a second click on the button closes it');
  await p.context().close();
});

test('launcher: the search filters names and keywords, ignoring case, accents and hyphens', async () => {
  const p = await page();
  await launcherButton(p).click();
  await expectFocus(p, { part: 'search' }, 'after a click on the button');
  const expectApps = async (text, expected, message) => {
    await clear(p, search(p));
    await p.keyboard.type(text);
    assert.deepEqual(await settled(() => appNames(p), expected), expected, `"${text}": ${message ?? ''}`);
  };
  await expectApps('kälender', ['Kalender'], 'accents in the query are ignored');
  await expectApps('KALENDER', ['Kalender'], 'case is ignored');
  await expectApps('email', ['E-Mail'], 'E-Mail is found without its hyphen');
  await expectApps('termine', ['Kalender'], 'keywords are searched');
  await expectApps('wiki', ['Wissen']);
  await expectApps('no', ['Notizen']);
  await p.keyboard.press('ArrowDown');
  await expectFocus(p, { part: 'app', name: 'Notizen' }, 'ArrowDown from the search field');
  await expectApps('zzzz', [], 'nothing matches');
  const status = panel(p).getByRole('status');
  assert.equal(await status.isVisible(), true, 'an empty result says so');
  await expectApps('', APPS_DE, 'clearing the query shows every app again');
  await p.context().close();
});

test('launcher: "buro" finds "Büro" (a navigation given as the navigation property)', async () => {
  const p = await page(LAUNCHER_ONLY, 'bandeau-launcher');
  const host = 'bandeau-launcher';
  await p.locator(host).evaluate((launcher) => {
    launcher.navigation = {
      categories: [{
        identifier: 'office',
        display_name: 'Büro',
        entries: [
          { identifier: 'office.buero', display_name: 'Büro', link: 'https://office.example.org/' },
          { identifier: 'office.buerger', display_name: 'Bürgerportal', link: 'https://buerger.example.org/' },
          { identifier: 'office.strasse', display_name: 'Straßenkarte', link: 'https://maps.example.org/' },
          { identifier: 'office.creche', display_name: 'Crèche', link: 'https://creche.example.org/' },
        ],
      }],
    };
  });
  await part(p, host, 'app-name').filter({ hasText: 'Straßenkarte' }).waitFor({ state: 'attached' });
  await launcherButton(p, host).click();
  const expectApps = async (text, expected, message) => {
    await clear(p, search(p, host));
    await p.keyboard.type(text);
    assert.deepEqual(await settled(() => appNames(p, host), expected), expected, `"${text}": ${message ?? ''}`);
  };
  await expectApps('buro', ['Büro']);
  await expectApps('buero', ['Büro'], 'the German spelling of ü');
  await expectApps('BÜRGER', ['Bürgerportal']);
  await expectApps('strasse', ['Straßenkarte']);
  await expectApps('creche', ['Crèche']);
  await p.keyboard.press('ArrowDown');
  await expectFocus(p, { host, part: 'app', name: 'Crèche' }, 'ArrowDown from the search field');
  await p.context().close();
});

test('launcher: Enter on an app asks the page first, which may keep the person where they are', async () => {
  const p = await page();
  await launcherButton(p).focus();
  await p.keyboard.press('Enter');
  await p.keyboard.type('dat');
  await expectFocus(p, { part: 'app', name: 'Dateien' }, 'type-ahead');
  const before = await p.url();
  // The example's vendor.js cancels bandeau-navigate for its own app.
  await p.keyboard.press('Enter');
  await sleep(300);
  const navigate = (await exampleEvents(p)).filter((e) => e.type === 'bandeau-navigate');
  assert.equal(navigate.length, 1, 'one bandeau-navigate event');
  assert.equal(navigate[0].detail.identifier, 'swp.files');
  assert.equal(navigate[0].detail.link, 'https://files.example.org/apps/files/');
  assert.equal(await p.url(), before, 'the cancelled navigation was not followed');
  await p.context().close();
});

test('launcher only: the standalone element has the same keyboard paths', async () => {
  const host = 'bandeau-launcher';
  const p = await page(LAUNCHER_ONLY, host);
  const button = launcherButton(p, host);
  await button.focus();
  await p.keyboard.press('Space');
  assert.equal(await isOpen(button, panel(p, host)), true);
  await expectFocus(p, { host, part: 'app', name: 'E-Mail' }, 'after Space');
  await p.keyboard.press('End');
  await expectFocus(p, { host, part: 'app', name: 'Videokonferenz' }, 'End');
  await p.keyboard.press('Escape');
  assert.equal(await isOpen(button, panel(p, host)), false);
  await expectFocus(p, { host, part: 'launcher-button' }, 'after Escape');
  await p.context().close();
});

/** The user menu's items in order, as the open panel shows them. */
function menuItems(p, host = 'bandeau-bar') {
  return userPanel(p, host).evaluate((panelElement) => [...panelElement.querySelectorAll('a[href], button')]
    .filter((item) => item.getClientRects().length > 0 && !item.disabled)
    .map((item) => item.textContent.trim().replace(/\s+/g, ' ')));
}

for (const key of ['Enter', 'Space', 'ArrowDown']) {
  test(`user menu: ${key} on the button opens the menu and focuses its first item`, async () => {
    const p = await page();
    const button = userButton(p);
    await button.focus();
    await p.keyboard.press(key);
    assert.equal(await isOpen(button, userPanel(p)), true, `${key} opens the menu`);
    const items = await menuItems(p);
    assert.equal(items[0], 'Profil');
    await expectFocus(p, { name: items[0] }, `after ${key}`);
    assert.equal(await focusIsWithin(userPanel(p)), true);
    await p.context().close();
  });
}

test('user menu: the arrow keys, Home and End move through the items in order', async () => {
  const p = await page();
  await userButton(p).focus();
  await p.keyboard.press('Enter');
  const items = await menuItems(p);
  assert.deepEqual(items, ['Profil', 'Einstellungen', 'Deutsch', 'English', 'Français',
    'Hell', 'Dunkel', 'Automatisch', 'Hoher Kontrast', 'Abmelden']);
  for (let i = 1; i < items.length; i += 1) {
    await p.keyboard.press('ArrowDown');
    await expectFocus(p, { name: items[i] }, `ArrowDown from ${items[i - 1]}`);
  }
  for (let i = items.length - 2; i >= 0; i -= 1) {
    await p.keyboard.press('ArrowUp');
    await expectFocus(p, { name: items[i] }, `ArrowUp from ${items[i + 1]}`);
  }
  await p.keyboard.press('End');
  await expectFocus(p, { name: 'Abmelden' }, 'End');
  await p.keyboard.press('Home');
  await expectFocus(p, { name: 'Profil' }, 'Home');
  await p.context().close();
});

test('user menu: Escape closes it and returns focus to the button', async () => {
  const p = await page();
  const button = userButton(p);
  await button.focus();
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('Escape');
  assert.equal(await isOpen(button, userPanel(p)), false);
  await expectFocus(p, { part: 'user-button' }, 'after Escape');
  await p.context().close();
});

test('user menu: Shift+Tab out of it and a click outside close it', async () => {
  const p = await page();
  const button = userButton(p);
  await button.focus();
  await p.keyboard.press('Enter');
  await p.keyboard.press('Shift+Tab');
  await p.keyboard.press('Shift+Tab');
  assert.equal(await focusIsWithin(userPanel(p)), false, 'focus left the menu');
  assert.equal(await isOpen(button, userPanel(p)), false, 'the menu closed when focus left it');
  await button.click();
  assert.equal(await isOpen(button, userPanel(p)), true, 'a click opens');
  await p.locator('main h1').click();
  assert.equal(await isOpen(button, userPanel(p)), false, 'a click on the page closes it');
  await p.context().close();
});

/**
 * In the page: how many buttons inside `host` (shadow roots included) have
 * the accessible name `name`, computed as assistive technology does for
 * these buttons: aria-labelledby, else aria-label, else their content
 * without what is aria-hidden or not rendered (visually hidden text counts),
 * with images by their alt text.
 */
function countButtonsNamed(host, name) {
  const squeeze = (text) => text.replace(/\s+/g, ' ').trim();
  const content = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    if (node.getAttribute('aria-hidden') === 'true' || getComputedStyle(node).display === 'none'
      || getComputedStyle(node).visibility === 'hidden') return '';
    if (node.localName === 'img') return node.getAttribute('alt') ?? '';
    const own = node.getAttribute('aria-label');
    if (own && node.parentNode) return own;
    return [...node.childNodes].map(content).join('');
  };
  const accessibleName = (element) => {
    const root = element.getRootNode();
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) {
      return squeeze(labelledBy.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' '));
    }
    const label = element.getAttribute('aria-label');
    if (label && squeeze(label)) return squeeze(label);
    return squeeze([...element.childNodes].map(content).join(''));
  };
  const buttons = [];
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      const role = element.getAttribute('role');
      if (role === 'button' || (!role && element.localName === 'button')) buttons.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(host.shadowRoot ?? host);
  return buttons.filter((button) => accessibleName(button) === name).length;
}

/** In the open menu: Home, then ArrowDown until `name` has focus, then Enter. */
async function choose(p, name) {
  await p.keyboard.press('Home');
  for (let i = 0; i < 12 && (await focused(p))?.name !== name; i += 1) {
    await p.keyboard.press('ArrowDown');
  }
  await expectFocus(p, { name }, `reaching "${name}" with ArrowDown`);
  await p.keyboard.press('Enter');
}

test('user menu: the theme switch sets data-theme on the element and is remembered after a reload', async () => {
  const host = 'bandeau-user-menu';
  const p = await page(LAUNCHER_ONLY, 'bandeau-launcher');
  const menu = p.locator(host);
  assert.equal(await menu.getAttribute('data-theme'), 'light', 'light without a choice');
  await userButton(p, host).focus();
  await p.keyboard.press('Enter');
  await choose(p, 'Dunkel');
  assert.equal(await menu.getAttribute('data-theme'), 'dark');
  const dark = part(p, host, 'theme-option').filter({ hasText: 'Dunkel' });
  assert.equal(await dark.getAttribute('aria-pressed'), 'true');
  const themeEvents = (await exampleEvents(p)).filter((e) => e.type === 'bandeau-theme-change');
  assert.deepEqual(themeEvents.map((e) => e.detail.theme), ['dark']);

  await p.reload();
  // WebKitWebDriver may answer before the page's module scripts ran.
  await p.waitForFunction(() => globalThis.__bandeau?.ready !== undefined, undefined, { timeout: 10000 });
  assert.equal(await p.evaluate(() => globalThis.__bandeau.ready), true, 'the elements start again');
  await userButton(p, host).waitFor({ state: 'attached' });
  assert.equal(await menu.getAttribute('data-theme'), 'dark', 'the choice survives a reload');
  assert.equal(await dark.getAttribute('aria-pressed'), 'true', 'and shows as chosen');

  await userButton(p, host).focus();
  await p.keyboard.press('Enter');
  await choose(p, 'Hoher Kontrast');
  assert.equal(await menu.getAttribute('data-theme'), 'high-contrast');
  await p.context().close();
});

test('user menu: the language switch changes the texts of the whole bar', async () => {
  const p = await page();
  const bar = p.locator('bandeau-bar');
  // Buttons by their accessible names, what a screen reader announces.
  const buttons = (name) => bar.evaluate(countButtonsNamed, name);
  const names = async () => ({
    apps: await buttons('Apps'),
    applications: await buttons('Applications'),
    de: await buttons('Benutzermenü: Erika Mustermann'),
    en: await buttons('User menu: Erika Mustermann'),
    fr: await buttons('Menu utilisateur: Erika Mustermann'),
  });
  assert.deepEqual(await names(), { apps: 1, applications: 0, de: 1, en: 0, fr: 0 });

  const FR = { apps: 0, applications: 1, de: 0, en: 0, fr: 1 };
  const EN = { apps: 1, applications: 0, de: 0, en: 1, fr: 0 };
  await userButton(p).focus();
  await p.keyboard.press('Enter');
  await choose(p, 'Français');
  assert.equal(await bar.getAttribute('lang'), 'fr');
  assert.deepEqual(await settled(names, FR), FR);
  const panelLabel = () => panel(p).getAttribute('aria-label');
  assert.equal(await settled(panelLabel, 'Toutes les applications'), 'Toutes les applications');

  if (!(await isOpen(userButton(p), userPanel(p)))) {
    await userButton(p).focus();
    await p.keyboard.press('Enter');
  }
  await choose(p, 'English');
  assert.equal(await bar.getAttribute('lang'), 'en');
  assert.deepEqual(await settled(names, EN), EN);
  assert.equal(await settled(panelLabel, 'All apps'), 'All apps');
  // The navigation is fetched again in English.
  await part(p, 'bandeau-bar', 'app-name').filter({ hasText: 'Calendar' }).waitFor({ state: 'attached' });

  const languages = (await exampleEvents(p)).filter((e) => e.type === 'bandeau-language-change');
  assert.deepEqual(languages.map((e) => e.detail.language), ['fr', 'en']);
  await p.context().close();
});
