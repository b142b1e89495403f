// A portal and a vendor app on sibling subdomains, as openDesk deploys them:
// the bundle and navigation.json on portal.bandeau.test, the vendor page on
// files.bandeau.test (both mapped to loopback servers started here, through
// the engine's proxy). Sibling subdomains of one registrable domain are the
// same site, so the portal's SameSite=Lax (or Strict) session cookie goes
// with the launcher's credentialed request; the origins still differ, so CORS
// applies: the headers the portal must send are the ones
// docs/integration.md gives (the first test holds the guide to the headers
// served here). The same page on another site (files.other.test) does not
// get the cookie, and a portal that leaves out a CORS header breaks the
// launcher, or the whole bundle, for its apps.
//
// The portal serves plain HTTP here, so its cookie has no `Secure`; in
// production it is https and `Secure`, which changes nothing about which
// requests are same-site (both ends are https there).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launch, newPage, url, appNames, launcherButton, panel, isOpen, pageLog,
  exampleEvents, exampleProblems, settled, sleep,
} from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const guide = readFileSync(join(repo, 'docs', 'integration.md'), 'utf8');

const PORTAL = 'http://portal.bandeau.test';
const SIBLING = 'http://files.bandeau.test';
const CROSS_SITE = 'http://files.other.test';
const NAV_PATH = '/univention/portal/navigation.json';
const HEADING = 'Dateien';

/**
 * The CORS headers of the guide's section on other origins, as this portal
 * sends them. The guide writes them for https://files.example.org.
 */
const BUNDLE_CORS = { 'access-control-allow-origin': '*' };
const navigationCors = (origin) => ({
  'access-control-allow-origin': origin,
  'access-control-allow-credentials': 'true',
  vary: 'Origin',
});

/**
 * What the portal does; a test changes it before opening its page and
 * `reset()` restores it. `bundleCors`/`wasmCors`: whether the bundle's
 * scripts / its wasm get Access-Control-Allow-Origin; `navigation`: which
 * CORS headers navigation.json gets ('documented', 'no-credentials',
 * 'wildcard').
 */
const DEFAULT_POLICY = { bundleCors: true, wasmCors: true, navigation: 'documented' };
const portal = {
  policy: { ...DEFAULT_POLICY },
  sessions: new Set(),
  /** Every request for navigation.json: method, Origin and Cookie as they arrived. */
  seen: [],
  reset() {
    this.policy = { ...DEFAULT_POLICY };
    this.seen = [];
  },
};
/** The origins the portal's CORS configuration allows (both, so only the cookie differs). */
const ALLOWED = new Set([SIBLING, CROSS_SITE]);

const cookieValue = (header, name) => (header ?? '').split(/;\s*/)
  .map((pair) => pair.split('='))
  .find(([key]) => key === name)?.[1];

/** The portal: /login, the bundle under /bandeau/ (from the preview's /pkg/), navigation.json. */
function portalServer() {
  return createServer(async (request, response) => {
    const path = new URL(request.url, PORTAL).pathname;
    const query = new URL(request.url, PORTAL).search;
    try {
      if (path === '/login') {
        const session = randomBytes(16).toString('hex');
        portal.sessions.add(session);
        const sameSite = new URL(request.url, PORTAL).searchParams.get('samesite') ?? 'Lax';
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          // Production: `; Secure` too, on https (see the file's header).
          'set-cookie': `portal_session=${session}; Path=/; HttpOnly; SameSite=${sameSite}`,
        }).end('<!doctype html><html lang="de"><title>Portal</title><p>Angemeldet.</p></html>');
        return;
      }
      if (path.startsWith('/bandeau/')) {
        const upstream = await fetch(url(`/pkg/${path.slice('/bandeau/'.length)}`));
        const headers = { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' };
        const cors = path.endsWith('.wasm') ? portal.policy.wasmCors : portal.policy.bundleCors;
        if (cors) Object.assign(headers, BUNDLE_CORS);
        response.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
        return;
      }
      if (path === NAV_PATH) {
        const { origin, cookie } = request.headers;
        portal.seen.push({ method: request.method, origin, cookie });
        const headers = {};
        if (origin && ALLOWED.has(origin)) {
          const documented = navigationCors(origin);
          if (portal.policy.navigation === 'documented') Object.assign(headers, documented);
          if (portal.policy.navigation === 'no-credentials') {
            headers['access-control-allow-origin'] = origin;
            headers.vary = 'Origin';
          }
          if (portal.policy.navigation === 'wildcard') {
            headers['access-control-allow-origin'] = '*';
            headers['access-control-allow-credentials'] = 'true';
          }
        }
        if (request.method === 'OPTIONS') {
          response.writeHead(204, headers).end();
          return;
        }
        if (!portal.sessions.has(cookieValue(cookie, 'portal_session'))) {
          response.writeHead(401, { ...headers, 'content-type': 'application/json' })
            .end('{"error":"not signed in"}');
          return;
        }
        // The sample document (the shared openDesk fixtures), from the preview.
        const upstream = await fetch(url(`/navigation.json${query}`));
        response.writeHead(upstream.status, { ...headers, 'content-type': 'application/json' })
          .end(await upstream.text());
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
}

/** The vendor's page, as a real one loads Bandeau from the portal. */
const VENDOR_PAGE = `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Dateien – openDesk</title>
  <script type="module" src="/event-log.js"></script>
  <script type="module" src="${PORTAL}/bandeau/bandeau.js"></script>
</head>
<body>
  <bandeau-bar
    nav-url="${PORTAL}${NAV_PATH}"
    base="${PORTAL}"
    portal-url="${PORTAL}/univention/portal/"
    app="swp.files"
    lang="de"
    user-name="Erika Mustermann"
    user-email="erika.mustermann@example.org"
    logout-url="${PORTAL}/univention/logout">
    <form slot="search" role="search" action="#">
      <input id="files-query" name="q" type="search" aria-label="In Dateien suchen" placeholder="In Dateien suchen">
    </form>
    <button slot="actions" type="button" id="upload">Hochladen</button>
  </bandeau-bar>
  <main><h1 id="page-heading">${HEADING}</h1><p>Die Seite des Anbieters.</p></main>
</body>
</html>
`;

/** The vendor app: the page and its own copy of the examples' event log. */
function filesServer() {
  const eventLog = readFileSync(join(repo, 'examples', 'shared', 'event-log.js'));
  return createServer((request, response) => {
    const path = new URL(request.url, SIBLING).pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(VENDOR_PAGE);
    } else if (path === '/event-log.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(eventLog);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
}

async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${server.address().port}`;
}

let browser;
const servers = [];
before(async () => {
  const portalServed = portalServer();
  const filesServed = filesServer();
  servers.push(portalServed, filesServed);
  const [portalAt, filesAt] = [await listen(portalServed), await listen(filesServed)];
  browser = await launch();
  browser.mapHost('portal.bandeau.test', portalAt);
  browser.mapHost('files.bandeau.test', filesAt);
  browser.mapHost('files.other.test', filesAt);
});
after(async () => {
  await browser?.close();
  for (const server of servers) {
    server.closeAllConnections?.();
    await new Promise((resolve) => { server.close(resolve); });
  }
});

/**
 * A fresh profile; signed in to the portal first when `signedIn`, with a
 * session cookie of `sameSite` (Lax, as most portals set it, or Strict).
 */
async function openVendor(origin, { signedIn, sameSite = 'Lax' }) {
  portal.seen = [];
  const page = await newPage(browser);
  if (signedIn) {
    await page.goto(`${PORTAL}/login?samesite=${sameSite}`);
    assert.match(await page.locator('p').textContent(), /Angemeldet/, 'the portal page loaded');
  }
  await page.goto(`${origin}/`);
  return page;
}

/** `__bandeau.ready`, once the bundle has set it (null when it never does within `timeout`). */
async function ready(page, timeout = 10000) {
  const set = await page.waitForFunction(() => globalThis.__bandeau?.ready !== undefined, undefined, { timeout })
    .then(() => true, () => false);
  return set ? page.evaluate(() => globalThis.__bandeau.ready) : null;
}

const errors = async (page) => (await exampleEvents(page)).filter((e) => e.type === 'bandeau-error');

/** Waits for the launcher's answer: apps, or a bandeau-error. */
async function settledNavigation(page) {
  await page.waitForFunction(() => {
    const events = window.__bandeauExample?.events ?? [];
    const bar = document.querySelector('bandeau-bar');
    return events.some((e) => e.type === 'bandeau-error')
      || !!bar?.shadowRoot?.querySelector('[part~="app"]');
  }, undefined, { timeout: 10000 });
}

/** The navigation requests that reached the portal (never a preflight: it is a simple GET). */
function navigationRequests() {
  const preflights = portal.seen.filter((r) => r.method === 'OPTIONS');
  assert.deepEqual(preflights, [], 'no CORS preflight: the launcher sends a simple GET');
  return portal.seen;
}

/** The vendor page is there and usable, whatever the navigation did. */
async function assertPageIntact(page) {
  const bar = await page.locator('bandeau-bar').boundingBox();
  assert.ok(bar.height > 0 && bar.width > 0, 'the bar is shown');
  assert.equal(await launcherButton(page).isVisible(), true, 'with its launcher button');
  assert.equal(await page.locator('#files-query').isVisible(), true, 'the vendor\'s search box is shown');
  assert.equal(await page.locator('#upload').isVisible(), true, 'and its action');
  assert.equal(await page.locator('#page-heading').textContent(), HEADING, 'the page is untouched');
  assert.deepEqual((await pageLog(page)).pageErrors, [], 'no uncaught error');
  assert.deepEqual(await exampleProblems(page), [], 'no error, rejection or CSP violation');
}

/** The launcher shows its error state: an alert with a retry and no apps; one bandeau-error matching `message`. */
async function assertLauncherError(page, message) {
  const events = await settled(async () => (await errors(page)).length, 1, 3000);
  assert.equal(events, 1, 'one bandeau-error');
  const [event] = await errors(page);
  assert.equal(event.detail.source, 'navigation');
  assert.match(event.detail.message, message);
  const button = launcherButton(page);
  if (!(await isOpen(button, panel(page)))) await button.click();
  const alert = panel(page).getByRole('alert');
  assert.equal(await alert.isVisible(), true, 'the launcher shows an error');
  assert.match(await alert.textContent(), /Die Apps konnten nicht geladen werden/);
  assert.equal(await panel(page).getByRole('button', { name: 'Erneut versuchen' }).isVisible(), true, 'with a retry');
  assert.deepEqual(await appNames(page), [], 'and no apps');
}

const APPS_DE = ['E-Mail', 'Kalender', 'Kontakte', 'Aufgaben', 'Dateien', 'Notizen', 'Diagramme',
  'Projekte', 'Wissen', 'Chat', 'Videokonferenz'];

test('the guide documents exactly the CORS headers this portal sends', async () => {
  const example = 'https://files.example.org';
  for (const [name, value] of Object.entries({ ...navigationCors(example) })) {
    const line = `${name.replace(/(^|-)([a-z])/g, (_, dash, c) => dash + c.toUpperCase())}: ${value}`;
    assert.ok(guide.includes(line), `docs/integration.md names \`${line}\` for navigation.json`);
  }
  assert.ok(guide.includes('Access-Control-Allow-Origin: *'), 'and `Access-Control-Allow-Origin: *` for the bundle');
  // The content types the guide asks for are the ones the portal passes on here.
  for (const [file, type] of [['bandeau.js', 'text/javascript'], ['bandeau_embed_bg.wasm', 'application/wasm']]) {
    const served = (await fetch(url(`/pkg/${file}`))).headers.get('content-type');
    assert.match(served, new RegExp(`^${type}\\b`), `${file} is served as ${type}`);
    assert.ok(guide.includes(type), `the guide names ${type}`);
  }
});

for (const sameSite of ['Lax', 'Strict']) {
  test(`signed in to the portal, the page on a sibling subdomain gets the apps: the ${sameSite} cookie goes along`, async () => {
    portal.reset();
    const page = await openVendor(SIBLING, { signedIn: true, sameSite });
    assert.equal(await ready(page), true, 'the bundle loaded cross-origin from the portal');
    await settledNavigation(page);
    await launcherButton(page).click();
    assert.deepEqual(await settled(() => appNames(page), APPS_DE), APPS_DE, 'the launcher lists the person\'s apps');
    assert.deepEqual(await errors(page), [], 'no bandeau-error');

    const seen = navigationRequests();
    assert.equal(seen.length, 1, `one navigation request: ${JSON.stringify(seen)}`);
    assert.equal(seen[0].origin, SIBLING, 'a cross-origin request, from the sibling');
    const session = cookieValue(seen[0].cookie, 'portal_session');
    assert.ok(portal.sessions.has(session), `it carried the portal's session cookie: ${seen[0].cookie}`);
    await assertPageIntact(page);
    await page.close();
  });
}

test('without a portal session the launcher shows its error and the vendor page still works', async () => {
  portal.reset();
  const page = await openVendor(SIBLING, { signedIn: false });
  assert.equal(await ready(page), true);
  await settledNavigation(page);
  const seen = navigationRequests();
  assert.equal(seen.length, 1);
  assert.equal(seen[0].origin, SIBLING);
  assert.equal(seen[0].cookie, undefined, 'no cookie to send');
  // The 401 came through CORS (the error is the portal's answer, not a blocked response).
  await assertLauncherError(page, /answered HTTP 401/);
  await assertPageIntact(page);
  await page.close();
});

test('on another site (files.other.test) the same session cookie is not sent', async () => {
  portal.reset();
  const page = await openVendor(CROSS_SITE, { signedIn: true });
  assert.equal(await ready(page), true, 'the public bundle loads on any site');
  await settledNavigation(page);
  const seen = navigationRequests();
  assert.equal(seen.length, 1);
  assert.equal(seen[0].origin, CROSS_SITE, 'the portal allowed this origin too');
  assert.equal(cookieValue(seen[0].cookie, 'portal_session'), undefined,
    `SameSite=Lax keeps the cookie off a cross-site request: ${seen[0].cookie}`);
  await assertLauncherError(page, /answered HTTP 401/);
  await assertPageIntact(page);
  await page.close();
});

for (const [mode, what] of [
  ['no-credentials', 'without Access-Control-Allow-Credentials'],
  ['wildcard', 'with Access-Control-Allow-Origin: * instead of the origin'],
]) {
  test(`a portal answering navigation.json ${what} breaks the launcher on the sibling`, async () => {
    portal.reset();
    portal.policy.navigation = mode;
    const page = await openVendor(SIBLING, { signedIn: true });
    assert.equal(await ready(page), true);
    await settledNavigation(page);
    const seen = navigationRequests();
    assert.equal(seen.length, 1);
    assert.ok(portal.sessions.has(cookieValue(seen[0].cookie, 'portal_session')),
      'the cookie went along and the portal answered 200: the browser withheld the answer');
    await assertLauncherError(page, /cannot reach/);
    await assertPageIntact(page);
    await page.close();
  });
}

test('a bundle served without Access-Control-Allow-Origin never starts, and the page keeps working', async () => {
  portal.reset();
  portal.policy.bundleCors = false;
  const page = await openVendor(SIBLING, { signedIn: true });
  await page.waitForFunction(() => document.readyState === 'complete');
  const asked = () => page.requests().filter((r) => r.startsWith(`${PORTAL}/bandeau/bandeau.js`));
  assert.ok((await settled(async () => asked().length > 0, true)), 'the page asked for bandeau.js');
  assert.equal(await ready(page, 3000), null, 'the module script never ran (__bandeau is not set)');
  assert.equal(await page.evaluate(() => customElements.get('bandeau-bar') === undefined), true,
    'the element is never defined');
  assert.deepEqual(portal.seen, [], 'and nothing asked for the navigation');
  // The undefined element shows the vendor's own content.
  assert.equal(await page.locator('#files-query').isVisible(), true, 'the vendor\'s search box is shown');
  assert.equal(await page.locator('#page-heading').textContent(), HEADING);
  await page.close();
});

test('a wasm served without Access-Control-Allow-Origin: the elements do not start, with one warning', async () => {
  portal.reset();
  portal.policy.wasmCors = false;
  const page = await openVendor(SIBLING, { signedIn: true });
  assert.equal(await ready(page), false, '__bandeau.ready resolves to false');
  assert.equal(await page.evaluate(() => customElements.get('bandeau-bar') === undefined), true,
    'the element is never defined');
  await sleep(300);
  const warnings = (await pageLog(page)).console.filter((m) => m.text.startsWith('bandeau:'));
  assert.equal(warnings.length, 1, `one console warning: ${JSON.stringify(warnings)}`);
  assert.match(warnings[0].text, /could not start/);
  assert.equal(await page.locator('#files-query').isVisible(), true, 'the vendor\'s search box is shown');
  assert.deepEqual(portal.seen, []);
  await page.close();
});
