// One way to drive the three browser engines the suite's people use —
// Chromium, Firefox ESR and WebKitGTK, all from Debian — for every browser
// test: W3C WebDriver through each engine's own driver (chromedriver,
// geckodriver, WebKitWebDriver), spoken by selenium-webdriver. Playwright
// drives only its own patched Firefox and WebKit, not the ones people run;
// why WebDriver is the runner is in docs/decisions.md.
//
// BANDEAU_ENGINE picks the engine (chromium, the default, firefox or webkit);
// `cargo xtask test` runs each browser suite once per engine. The page API
// below keeps the few Playwright names the tests were written with (goto,
// evaluate, locator, keyboard.press …) so a test reads the same in every
// engine; what WebDriver cannot do (rewriting responses, scripts before the
// page's own) the tests get from the server or the page instead.
//
// Every request a page makes goes through a small proxy here: it serves the
// host names a test maps to loopback servers (sibling origins such as
// portal.<domain> and files.<domain>), records what was asked for, and
// refuses the rest of the internet, so no test touches the network.
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tools = process.env.BANDEAU_TOOLS ?? join(here, '..', '..', 'target', 'tools');
const require = createRequire(join(tools, 'node_modules', '/'));
const { Builder, Key, Origin } = require('selenium-webdriver');

export const ENGINES = ['chromium', 'firefox', 'webkit'];
/** The engine this run drives. */
export const ENGINE = process.env.BANDEAU_ENGINE ?? 'chromium';
if (!ENGINES.includes(ENGINE)) {
  throw new Error(`BANDEAU_ENGINE=${ENGINE}: expected one of ${ENGINES.join(', ')}`);
}

const CHROMEDRIVER = '/usr/bin/chromedriver';
const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
/** Shipped by Debian's libwebkit2gtk-4.1-0 (`dpkg -L libwebkit2gtk-4.1-0`). */
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** `cargo install geckodriver` puts it beside cargo's other tools. */
const GECKODRIVER = process.env.GECKODRIVER
  ?? join(process.env.CARGO_HOME ?? join(process.env.HOME ?? '/root', '.cargo'), 'bin', 'geckodriver');

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** A loopback port nothing listens on now. */
export async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port, child, what) {
  const end = Date.now() + 20000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`${what} did not listen on port ${port} within 20 s`);
}

/**
 * The proxy every page's requests go through. `hosts` maps a host name
 * (`portal.bandeau.test`) to a loopback origin (`http://127.0.0.1:8787`);
 * loopback addresses pass as they are; everything else gets a 502 and is
 * noted in `refused`. `requests` lists every address asked for.
 */
async function startProxy(hosts) {
  const state = { hosts, requests: [], refused: [] };
  const target = (address) => {
    const url = new URL(address);
    if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return url;
    const mapped = state.hosts.get(url.host) ?? state.hosts.get(url.hostname);
    if (!mapped) return null;
    const to = new URL(mapped);
    return new URL(`${url.pathname}${url.search}`, to);
  };
  const server = createServer((incoming, outgoing) => {
    incoming.socket.on('error', () => {});
    state.requests.push(incoming.url);
    let to;
    try { to = target(incoming.url); } catch { to = null; }
    if (!to) {
      state.refused.push(incoming.url);
      outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('refused by the test proxy');
      return;
    }
    // The Host header stays the one the browser sent, so the server sees
    // the site the page believes it talks to.
    if (incoming.headers['proxy-connection']) delete incoming.headers['proxy-connection'];
    const forwarded = httpRequest({
      host: to.hostname,
      port: to.port,
      path: `${to.pathname}${to.search}`,
      method: incoming.method,
      headers: incoming.headers,
    }, (response) => {
      outgoing.writeHead(response.statusCode, response.headers);
      response.on('error', () => outgoing.destroy());
      response.pipe(outgoing);
    });
    incoming.on('error', () => forwarded.destroy());
    outgoing.on('error', () => forwarded.destroy());
    forwarded.on('error', (error) => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
    });
    incoming.pipe(forwarded);
  });
  // Tunnels (https, and WebSockets in Chromium) and plain WebSocket
  // upgrades (WebKitGTK) reach loopback and mapped hosts only, like the rest.
  const tunnel = (address, socket, head, greeting) => {
    let to;
    try { to = target(address); } catch { to = null; }
    if (!to) {
      state.refused.push(address.replace(/\/$/, ''));
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return null;
    }
    const upstream = connect(Number(to.port) || 80, to.hostname, () => {
      if (greeting) socket.write(greeting);
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    return upstream;
  };
  // A tunnel names only a host and port: a refused one is noted in
  // `refused` as `https://host:port`, one that is served in `requests`.
  // Sockets handed over by 'connect' and 'upgrade' come without an error
  // listener: a browser resetting one would throw from nowhere.
  server.on('connect', (incoming, socket, head) => {
    socket.on('error', () => {});
    const address = `https://${incoming.url}/`;
    if (tunnel(address, socket, head, 'HTTP/1.1 200 Connection Established\r\n\r\n')) {
      state.requests.push(address);
    }
  });
  server.on('upgrade', (incoming, socket, head) => {
    socket.on('error', () => {});
    state.requests.push(incoming.url);
    const lines = [`${incoming.method} ${new URL(incoming.url).pathname}${new URL(incoming.url).search} HTTP/1.1`];
    for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
      lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
    }
    tunnel(incoming.url.replace(/^ws/, 'http'), socket, Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), head]), null);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = server.address().port;
  state.close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); });
  return state;
}

/** An X server for WebKitGTK's MiniBrowser, which has no headless mode. */
async function startXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const display = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    child.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}; is xvfb installed (cargo xtask setup)?`)));
  });
  return { display, close: () => child.kill() };
}

/** Chrome DevTools media features for the options a test asks for. */
function mediaFeatures({ colorScheme, reducedMotion, forcedColors, contrast }) {
  const features = [];
  if (colorScheme) features.push({ name: 'prefers-color-scheme', value: colorScheme });
  if (reducedMotion) features.push({ name: 'prefers-reduced-motion', value: reducedMotion });
  if (forcedColors) features.push({ name: 'forced-colors', value: forcedColors });
  if (contrast) features.push({ name: 'prefers-contrast', value: contrast });
  return features;
}

/**
 * The session's capabilities and the driver's environment for `options`:
 * the page's preferences are set the way each engine takes them from the
 * system (flags, preferences, GTK settings), before the first page loads.
 */
function sessionFor(engine, proxy, options, x) {
  const { viewport, locale, colorScheme, reducedMotion, forcedColors, contrast, deviceScaleFactor } = options;
  const proxyAddress = `127.0.0.1:${proxy.port}`;
  if (engine === 'chromium') {
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
      // Chromium's own traffic (network time, updates) would cross the proxy.
      '--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter',
      `--window-size=${viewport.width},${viewport.height}`,
      `--proxy-server=http://${proxyAddress}`, '--proxy-bypass-list=<-loopback>'];
    if (deviceScaleFactor) args.push(`--force-device-scale-factor=${deviceScaleFactor}`);
    if (locale) args.push(`--lang=${locale}`);
    return {
      capabilities: {
        browserName: 'chrome',
        'goog:chromeOptions': { binary: '/usr/bin/chromium', args, prefs: locale ? { 'intl.accept_languages': locale } : {} },
      },
      driver: { path: CHROMEDRIVER, args: (port) => [`--port=${port}`] },
    };
  }
  if (engine === 'firefox') {
    const prefs = {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.no_proxies_on': '',
      'browser.shell.checkDefaultBrowser': false,
      'app.update.disabledForTesting': true,
      'datareporting.policy.dataSubmissionEnabled': false,
    };
    if (locale) prefs['intl.accept_languages'] = locale;
    if (colorScheme) prefs['layout.css.prefers-color-scheme.content-override'] = colorScheme === 'dark' ? 0 : 1;
    if (reducedMotion === 'reduce') prefs['ui.prefersReducedMotion'] = 1;
    if (forcedColors === 'active') prefs['browser.display.document_color_use'] = 2;
    // Firefox's high-contrast switch: it sets prefers-contrast, not forced colours.
    if (contrast === 'more') prefs['ui.useAccessibilityTheme'] = 1;
    if (deviceScaleFactor) prefs['layout.css.devPixelsPerPx'] = String(deviceScaleFactor);
    return {
      capabilities: {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: '/usr/bin/firefox-esr',
          args: ['-headless', `--width=${viewport.width}`, `--height=${viewport.height}`],
          prefs,
        },
      },
      driver: { path: GECKODRIVER, args: (port) => [`--port=${port}`, '--log', 'fatal'] },
    };
  }
  // WebKitGTK takes its preferences from the desktop: dark from the GTK
  // theme, the scale from GDK, the language from the locale (which must be
  // installed; the tests set languages on the elements instead).
  // Skia's CPU painter: under Xvfb the "GPU" is software anyway, and the
  // GPU path antialiases a tile repainted alone differently from one
  // painted in a pass, so screenshots of the same page would differ.
  const env = { DISPLAY: x.display, WEBKIT_SKIA_ENABLE_CPU_RENDERING: '1' };
  if (locale) env.LC_ALL = `${locale.replace('-', '_')}.UTF-8`;
  const theme = contrast === 'more' ? 'HighContrast' : 'Adwaita';
  if (colorScheme === 'dark' || contrast === 'more') env.GTK_THEME = colorScheme === 'dark' ? `${theme}:dark` : theme;
  if (deviceScaleFactor) env.GDK_SCALE = String(Math.round(deviceScaleFactor));
  return {
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      proxy: { proxyType: 'manual', httpProxy: proxyAddress, sslProxy: proxyAddress, noProxy: [] },
    },
    driver: { path: WEBKIT_DRIVER, args: (port) => [`--port=${port}`], env },
  };
}

/** What an engine supports that a test may need to ask about. */
export const SUPPORTS = {
  // WebKit has no forced-colors mode (Safari neither): nothing to emulate.
  forcedColors: ENGINE !== 'webkit',
  reducedMotion: ENGINE !== 'webkit',
};

/**
 * Starts what the engine needs (its proxy, and an X server for WebKitGTK)
 * and returns a browser whose `newPage` opens a fresh session: a new
 * profile, so nothing stored by one page reaches the next.
 */
export async function launch({ engine = ENGINE } = {}) {
  const hosts = new Map();
  const x = engine === 'webkit' ? await startXvfb() : null;
  const pages = new Set();
  const browser = {
    engine,
    /** Serve `host` (a name, or name:port) from the loopback origin `to`. */
    mapHost(host, to) { hosts.set(host, to); },
    async newPage(options = {}) {
      const proxy = await startProxy(hosts);
      const page = await openSession(engine, proxy, x, { viewport: { width: 1280, height: 800 }, ...options })
        .catch(async (error) => { await proxy.close(); throw error; });
      pages.add(page);
      page.onClose = () => pages.delete(page);
      return page;
    },
    /** Playwright's name for the same: every page here has its own context. */
    async newContext(options = {}) {
      let page = null;
      return {
        newPage: async () => { page = await browser.newPage(options); return page; },
        close: async () => page?.close(),
      };
    },
    async close() {
      await Promise.all([...pages].map((page) => page.close()));
      x?.close();
    },
  };
  return browser;
}

async function openSession(engine, proxy, x, options) {
  const { capabilities, driver } = sessionFor(engine, proxy, options, x);
  const port = await freePort();
  const child = spawn(driver.path, driver.args(port), {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...driver.env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  child.on('error', () => {});
  try {
    await waitForPort(port, child, driver.path);
  } catch (error) {
    child.kill();
    throw new Error(`${error.message}\n${stderr}`);
  }
  let session;
  for (let attempt = 1; ; attempt += 1) {
    try {
      session = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
      break;
    } catch (error) {
      if (attempt === 3) {
        child.kill();
        throw new Error(`${engine}: no session: ${error.message}\n${stderr}`);
      }
      await sleep(500);
    }
  }
  const page = new Page(engine, session, child, proxy, options);
  await session.manage().setTimeouts({ script: 30000, pageLoad: 30000 });
  await page.setViewportSize(options.viewport);
  if (engine === 'webkit') {
    // Xvfb has no window manager: keyboard focus goes to the window under
    // the pointer, which sits at the screen's centre. A window elsewhere
    // never has focus, and :focus would never match in it.
    const window = session.manage().window();
    const { width, height } = await window.getRect();
    const [screenWidth, screenHeight] = await page.evaluate(() => [screen.width, screen.height]);
    await window.setRect({
      x: Math.max(0, Math.floor((screenWidth - width) / 2)),
      y: Math.max(0, Math.floor((screenHeight - height) / 2)),
    });
  }
  const features = mediaFeatures(options);
  if (engine === 'chromium' && features.length) {
    await session.sendDevToolsCommand('Emulation.setEmulatedMedia', { features });
  }
  return page;
}

/** Playwright's key names to WebDriver's. */
function keyOf(name) {
  const named = {
    Enter: Key.ENTER, Escape: Key.ESCAPE, Tab: Key.TAB, Space: Key.SPACE, ' ': Key.SPACE,
    ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
    Home: Key.HOME, End: Key.END, PageUp: Key.PAGE_UP, PageDown: Key.PAGE_DOWN,
    Backspace: Key.BACK_SPACE, Delete: Key.DELETE, Shift: Key.SHIFT, Control: Key.CONTROL,
    Alt: Key.ALT, Meta: Key.META, F6: Key.F6,
  };
  if (name in named) return named[name];
  if ([...name].length === 1) return name;
  throw new Error(`unknown key ${name}`);
}

/** Serialises `fn` for executeScript, with its single argument as Playwright passes it. */
const call = (fn) => `return (${fn}).apply(null, arguments)`;

// The deep query runs in the page: a selector's descendant steps reach into
// open shadow roots, as Playwright's CSS engine does, so `bandeau-bar
// [part~="app"]` finds the apps inside the bar's shadow root.
const DEEP_QUERY = function deepQuery(scopes, selector) {
  // Split into descendant steps: whitespace outside brackets, quotes and
  // parentheses, and not beside a combinator (`a > b` is one step).
  const steps = [];
  let depth = 0; let quote = null; let current = ''; let gap = false;
  for (const c of selector.trim()) {
    if (quote) { current += c; if (c === quote) quote = null; continue; }
    if (depth === 0 && /\s/.test(c)) { gap = true; continue; }
    if (depth === 0 && /[>+~]/.test(c)) { current += c; gap = false; continue; }
    if (gap && current && !/[>+~]$/.test(current)) { steps.push(current); current = ''; }
    gap = false;
    if (c === '"' || c === "'") quote = c;
    if (c === '[' || c === '(') depth += 1;
    if (c === ']' || c === ')') depth -= 1;
    current += c;
  }
  if (current) steps.push(current);
  const all = (root, acc) => {
    for (const element of root.querySelectorAll('*')) {
      acc.push(element);
      if (element.shadowRoot) all(element.shadowRoot, acc);
    }
    return acc;
  };
  let found = scopes;
  for (const step of steps) {
    const next = new Set();
    for (const scope of found) {
      const roots = scope.shadowRoot ? [scope, scope.shadowRoot] : [scope];
      for (const root of roots) {
        for (const element of all(root, [])) {
          if (element.matches(step)) next.add(element);
        }
      }
    }
    found = [...next];
  }
  return found;
};

/** Finds the elements a locator describes, in the page. */
const RESOLVE = function resolve(chain) {
  let found = [document];
  for (const step of chain.steps) {
    if (step.css !== undefined) {
      found = deepQuery(found, step.css);
    } else if (step.hasText !== undefined) {
      found = found.filter((e) => e.textContent.replace(/\s+/g, ' ').includes(step.hasText));
    } else if (step.role !== undefined) {
      const implicit = {
        button: 'button,input[type=button],input[type=submit],summary',
        link: 'a[href]', checkbox: 'input[type=checkbox]', radio: 'input[type=radio]',
        textbox: 'input:not([type]),input[type=text],input[type=email],input[type=password],textarea',
        searchbox: 'input[type=search]', heading: 'h1,h2,h3,h4,h5,h6', list: 'ul,ol', listitem: 'li',
      }[step.role];
      // Text a person can perceive: not what is aria-hidden or not rendered.
      const text = (node) => {
        if (node.nodeType === Node.TEXT_NODE) return node.data;
        if (node.nodeType !== Node.ELEMENT_NODE) return '';
        if (node.getAttribute('aria-hidden') === 'true' || !node.checkVisibility()) return '';
        return node.getAttribute('aria-label') ?? [...node.childNodes].map(text).join('');
      };
      const name = (e) => (e.getAttribute('aria-label') ?? (text(e) || e.value || '')).replace(/\s+/g, ' ').trim();
      found = deepQuery(found, '*').filter((e) => {
        const role = e.getAttribute('role');
        if (role ? role !== step.role : !(implicit && e.matches(implicit))) return false;
        if (step.name === undefined) return true;
        return step.exact ? name(e) === step.name : name(e).toLowerCase().includes(step.name.toLowerCase());
      });
    } else if (step.nth !== undefined) {
      const index = step.nth < 0 ? found.length + step.nth : step.nth;
      found = found[index] ? [found[index]] : [];
    }
  }
  return found;
};

export class Locator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  locator(css) { return new Locator(this.page, [...this.steps, { css }]); }
  first() { return new Locator(this.page, [...this.steps, { nth: 0 }]); }
  last() { return new Locator(this.page, [...this.steps, { nth: -1 }]); }
  nth(index) { return new Locator(this.page, [...this.steps, { nth: index }]); }
  filter({ hasText }) { return new Locator(this.page, [...this.steps, { hasText }]); }
  /** By role and a name read from aria-label or text: a finder, not an accessibility tree. */
  getByRole(role, { name, exact = false } = {}) {
    return new Locator(this.page, [...this.steps, { role, name, exact }]);
  }

  /** The elements now, as WebDriver references. */
  async all() {
    return this.run('return found;');
  }

  /**
   * Runs `body` in the page with `found` (the elements now), `fn` and `arg`
   * in scope: finding and using the elements in one script means no
   * reference crosses the wire and none goes stale in between.
   */
  async run(body, fn, arg) {
    return this.page.session.executeScript(
      `const deepQuery = ${DEEP_QUERY}; const resolve = ${RESOLVE};
       const found = resolve(arguments[0]); const fn = ${fn ?? 'null'}; const arg = arguments[1];
       ${body}`,
      { steps: this.steps },
      arg,
    );
  }

  async count() { return this.run('return found.length;'); }

  /** The one element, waiting for it to be attached. */
  async element(timeout = 5000) {
    const end = Date.now() + timeout;
    for (;;) {
      const element = await this.run('return found[0] ?? null;');
      if (element) return element;
      if (Date.now() > end) throw new Error(`no element for ${this} within ${timeout} ms`);
      await sleep(50);
    }
  }

  toString() {
    return this.steps.map((step) => Object.entries(step).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')).join(' » ');
  }

  /** `fn(element, arg)` in the page, once the element is attached. */
  async evaluate(fn, arg, { timeout = 5000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const [ok, value] = await this.run(
        'return found[0] ? Promise.resolve(fn(found[0], arg)).then((v) => [true, v]) : [false];', fn, arg,
      );
      if (ok) return value;
      if (Date.now() > end) throw new Error(`no element for ${this} within ${timeout} ms`);
      await sleep(50);
    }
  }

  /** `fn(elements, arg)` in the page, with whatever is there now. */
  async evaluateAll(fn, arg) {
    return this.run('return fn(found, arg);', fn, arg);
  }

  async click(options = {}) {
    const element = await this.element(options.timeout);
    await element.click();
  }

  async hover() {
    const element = await this.element();
    await this.page.session.executeScript(call((e) => e.scrollIntoView({ block: 'nearest' })), element);
    await this.page.session.actions({ async: true }).move({ origin: element, duration: 0 }).perform();
  }

  async focus() { await this.evaluate((e) => e.focus()); }
  /**
   * Replaces the field's text as a person does: select it all, then type
   * (WebDriver's clear() would take focus away, closing a popup).
   */
  async fill(value) {
    const element = await this.element();
    await this.page.session.executeScript(call((e) => { e.focus(); e.select(); }), element);
    if (value === '') await this.page.keyboard.press('Backspace');
    else await this.page.keyboard.type(value);
  }

  async check() { if (!(await this.evaluate((e) => e.checked))) await this.click(); }
  async getAttribute(name) { return this.evaluate((e, n) => e.getAttribute(n), name); }
  async textContent() { return this.evaluate((e) => e.textContent); }
  async innerText() { return this.evaluate((e) => e.innerText); }
  async inputValue() { return this.evaluate((e) => e.value); }
  async allTextContents() { return this.evaluateAll((es) => es.map((e) => e.textContent)); }
  async isVisible() {
    return this.run('return !!found[0] && found[0].checkVisibility();');
  }

  async boundingBox() {
    return this.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
  }

  async screenshot() {
    return Buffer.from(await (await this.element()).takeScreenshot(), 'base64');
  }

  /** Waits for `state`: attached (the default), detached, visible or hidden. */
  async waitFor({ state = 'attached', timeout = 5000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const [attached, visible] = await this.run('return [!!found[0], !!found[0] && found[0].checkVisibility()];');
      const done = { attached, detached: !attached, visible, hidden: !visible }[state];
      if (done) return;
      if (Date.now() > end) throw new Error(`${this} not ${state} within ${timeout} ms`);
      await sleep(50);
    }
  }
}

export class Page {
  constructor(engine, session, driverProcess, proxy, options) {
    this.engine = engine;
    this.session = session;
    this.driverProcess = driverProcess;
    this.proxy = proxy;
    this.options = options;
    const page = this;
    this.keyboard = {
      /** One key or a chord such as `Shift+Tab`. */
      async press(chord) {
        const keys = chord === '+' ? ['+'] : chord.split('+').map(keyOf);
        const actions = session.actions({ async: true });
        for (const key of keys) actions.keyDown(key);
        for (const key of [...keys].reverse()) actions.keyUp(key);
        await actions.perform();
      },
      async type(text) {
        const actions = session.actions({ async: true });
        for (const c of text) actions.keyDown(c).keyUp(c);
        await actions.perform();
      },
    };
    this.mouse = {
      async click(x, y) {
        await session.actions({ async: true })
          .move({ origin: Origin.VIEWPORT, x: Math.round(x), y: Math.round(y), duration: 0 })
          .press().release().perform();
      },
      async move(x, y) {
        await session.actions({ async: true })
          .move({ origin: Origin.VIEWPORT, x: Math.round(x), y: Math.round(y), duration: 0 }).perform();
      },
    };
    this.closed = false;
    this.context = () => ({ close: () => page.close() });
  }

  /**
   * Loads `address` and waits for its load event (WebDriver's page load
   * strategy). Where the window cannot be as narrow as the viewport asked
   * for, the page opens in a frame of that size at the top left of a blank
   * page of the same origin (so storage is not partitioned), and every
   * later call speaks to the frame, whose viewport it is.
   */
  async goto(address) {
    if (!this.framed) {
      await this.session.get(address);
      // WebKitWebDriver may return while the new document still loads.
      await this.waitForLoadState('load');
      return;
    }
    await this.session.switchTo().defaultContent();
    await this.session.get(new URL('/.bandeau-test-frame', address).href);
    await this.session.executeAsyncScript(`
      const [address, width, height, done] = arguments;
      document.documentElement.replaceChildren(document.createElement('body'));
      document.body.style.cssText = 'margin: 0; overflow: hidden';
      const frame = document.createElement('iframe');
      frame.title = 'page under test';
      frame.style.cssText = \`display: block; border: 0; margin: 0; width: \${width}px; height: \${height}px\`;
      frame.addEventListener('load', () => done(), { once: true });
      frame.src = address;
      document.body.append(frame);
    `, address, this.framed.width, this.framed.height);
    await this.session.switchTo().frame(0);
    await this.waitForLoadState('load');
  }

  /** Reloads and waits for the load event (WebKitWebDriver may return before). */
  async reload() {
    if (this.framed) await this.evaluate(() => location.reload());
    else await this.session.navigate().refresh();
    await sleep(50);
    await this.waitForLoadState('load');
  }

  async url() {
    return this.framed ? this.evaluate(() => location.href) : this.session.getCurrentUrl();
  }
  /** Every address this page asked for, in order (through its proxy). */
  requests() { return [...this.proxy.requests]; }

  /**
   * `load`: the document has loaded. `networkidle`: and for half a second
   * the page has asked for nothing the proxy serves (the browsers' own
   * background requests to the internet are refused and do not count).
   */
  async waitForLoadState(state = 'load', { timeout = 10000 } = {}) {
    const end = Date.now() + timeout;
    await this.waitForFunction(() => document.readyState === 'complete', undefined, { timeout });
    if (state !== 'networkidle') return;
    const served = () => this.proxy.requests.length - this.proxy.refused.length;
    let seen = served();
    let since = Date.now();
    while (Date.now() - since < 500) {
      if (Date.now() > end) throw new Error(`the page kept loading for ${timeout} ms`);
      await sleep(50);
      if (served() !== seen) { seen = served(); since = Date.now(); }
    }
  }
  async title() { return this.session.getTitle(); }

  /**
   * `fn(arg)` in the page. WebDriver returns `undefined` as null, and
   * elements as references usable in later calls.
   */
  async evaluate(fn, arg) {
    return this.session.executeScript(typeof fn === 'string' ? `return ${fn}` : call(fn), arg);
  }

  /** Polls `fn` in the page until it returns something truthy, and returns that. */
  async waitForFunction(fn, arg, { timeout = 5000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > end) throw new Error(`${String(fn).slice(0, 80)} still false after ${timeout} ms`);
      await sleep(50);
    }
  }

  /** Waits until the address matches `pattern` (a string or a RegExp). */
  async waitForURL(pattern, { timeout = 10000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const current = await this.url();
      if (typeof pattern === 'string' ? current === pattern : pattern.test(current)) {
        await this.waitForFunction(() => document.readyState === 'complete', undefined, { timeout });
        return;
      }
      if (Date.now() > end) throw new Error(`the address is ${current}, not ${pattern}, after ${timeout} ms`);
      await sleep(50);
    }
  }

  locator(css) { return new Locator(this, [{ css }]); }
  getByRole(role, options) { return new Locator(this, []).getByRole(role, options); }

  /**
   * Adds page CSS as a constructed style sheet: it applies under a strict
   * CSP too, where a <style> element would be refused.
   */
  async addStyleTag({ content }) {
    await this.evaluate((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }, content);
  }

  /** Runs a script file in the page (axe-core's browser build, for one). */
  async addScriptTag({ path }) {
    await this.session.executeScript(readFileSync(path, 'utf8'));
  }

  /** The viewport as a PNG. */
  async screenshot() {
    return Buffer.from(await this.session.takeScreenshot(), 'base64');
  }

  /**
   * Sizes the window so that the page's viewport is `width`×`height`:
   * headless Firefox keeps windows at least 500 px wide and MiniBrowser
   * about 450, so below that the next `goto` opens the page in a frame of
   * that size (see goto).
   */
  async setViewportSize({ width, height }) {
    const window = this.session.manage().window();
    let rect = await window.getRect();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [innerWidth, innerHeight] = await this.evaluate(() => [innerWidth, innerHeight]);
      if (innerWidth === width && innerHeight === height) break;
      rect = { ...rect, width: rect.width + width - innerWidth, height: rect.height + height - innerHeight };
      await window.setRect({ width: rect.width, height: rect.height });
      rect = await window.getRect();
    }
    const [reachedWidth, reachedHeight] = await this.evaluate(() => [innerWidth, innerHeight]);
    this.framed = reachedWidth > width || reachedHeight > height ? { width, height } : null;
    this.viewport = { width, height };
    return this.viewport;
  }

  viewportSize() { return this.viewport; }

  async close() {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.();
    try { await this.session.quit(); } catch { /* already gone */ }
    this.driverProcess.kill();
    await this.proxy.close();
  }
}
