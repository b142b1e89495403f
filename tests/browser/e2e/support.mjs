// Shared by the end-to-end tests of the suite chrome: one browser per test
// file, in the engine BANDEAU_ENGINE names (chromium, firefox or webkit;
// ../engine.mjs drives all three through WebDriver), pages of the preview
// server (`cargo xtask test` starts it and passes its address as
// BANDEAU_URL), and helpers that read the chrome the way a person meets it:
// through ::part names, roles and ARIA attributes, never through the
// views' internal class names, so the tests hold for any rendering of the
// same markup contract.
//
// Run by hand against a running `cargo xtask preview`:
//   BANDEAU_ENGINE=firefox BANDEAU_URL=http://127.0.0.1:8787 node --test tests/browser/e2e/
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import { launch as launchEngine } from '../engine.mjs';

export { ENGINE, SUPPORTS } from '../engine.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const tools = process.env.BANDEAU_TOOLS ?? join(repo, 'target', 'tools');
const require = createRequire(join(tools, 'node_modules', '/'));
/** Where axe-core's browser build is, for `page.addScriptTag({ path })`. */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

if (!process.env.BANDEAU_URL) {
  throw new Error(
    'BANDEAU_URL is not set: run these tests with `cargo xtask test`, or start '
      + '`cargo xtask preview` and set BANDEAU_URL to its address',
  );
}
/** The preview server, without a trailing slash. */
export const BASE = process.env.BANDEAU_URL.replace(/\/+$/, '');

/** A page address on the preview server. */
export const url = (path) => new URL(path, `${BASE}/`).href;

/** The browser of this run's engine. */
export const launch = () => launchEngine();

/**
 * A fresh page in a fresh profile (empty localStorage, so no cached
 * navigation). Requests to any other origin (the fixtures' icons on
 * portal.example.org) are refused by the engine's proxy: the tests never
 * touch the network, and an icon that fails shows the app's monogram.
 */
export const newPage = (browser, options = {}) => browser.newPage(options);

/**
 * What the example page heard (examples/shared/event-log.js): console
 * warnings and errors, uncaught errors, dialogs; and every address the
 * page asked for.
 */
export async function pageLog(page) {
  const heard = await page.evaluate(() => window.__bandeauExample ?? null);
  if (!heard) throw new Error(`${await page.url()} has no examples/shared/event-log.js`);
  return {
    console: heard.console,
    pageErrors: heard.problems.filter((p) => p.kind !== 'CSP violation').map((p) => p.text),
    dialogs: heard.dialogs,
    requests: page.requests(),
  };
}

/**
 * Waits until the page has loaded, asked for nothing new for half a
 * second (network idle, engine.mjs) and has its fonts, so icons and text
 * are in before a screenshot or an axe run.
 */
export async function quiet(page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => true));
}

/** Warnings the bundle logged (`bandeau: …`); the example's own log lines start with `[`. */
export const bandeauWarnings = async (page) =>
  (await pageLog(page)).console.filter((m) => m.type === 'warning' && m.text.startsWith('bandeau'));

/**
 * Opens an example page and waits until the elements are defined. With
 * `apps` (the default), also until the launcher inside `host` lists at
 * least one app. WebDriver does not see HTTP statuses, so the address is
 * asked for once from here first.
 */
export async function openExample(page, path, { host = 'bandeau-bar', apps = true } = {}) {
  const response = await fetch(url(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  await page.goto(url(path));
  const ready = await page.waitForFunction(() => globalThis.__bandeau?.ready !== undefined, undefined, { timeout: 10000 })
    .then(() => page.evaluate(() => globalThis.__bandeau?.ready));
  if (ready !== true) throw new Error(`${path}: __bandeau.ready is ${ready}`);
  if (apps) await app(page, host).first().waitFor({ state: 'attached', timeout: 10000 });
  return response;
}

// Locators by part name. The engine's CSS steps pierce open shadow roots,
// so `bandeau-bar [part~="app"]` finds the apps inside the bar's shadow root.
export const part = (page, host, name) => page.locator(`${host} [part~="${name}"]`);
export const app = (page, host) => part(page, host, 'app');
export const launcherButton = (page, host = 'bandeau-bar') => part(page, host, 'launcher-button');
export const panel = (page, host = 'bandeau-bar') => part(page, host, 'panel');
export const search = (page, host = 'bandeau-bar') => part(page, host, 'search');
export const userButton = (page, host = 'bandeau-bar') => part(page, host, 'user-button');
export const userPanel = (page, host = 'bandeau-bar') => part(page, host, 'user-panel');

/**
 * The names of the apps the launcher shows, in order: rendered ones only,
 * whether a view removes the others or hides them.
 */
export const appNames = (page, host = 'bandeau-bar') =>
  part(page, host, 'app').evaluateAll((apps) => apps
    .filter((a) => a.checkVisibility())
    .map((a) => a.querySelector('[part~="app-name"]').textContent.trim()));

/**
 * Polls `read` until it deep-equals `expected` (views may render on the
 * next frame), and returns the last value read, for the caller's assertion.
 */
export async function settled(read, expected, timeout = 2000) {
  const end = Date.now() + timeout;
  let value = await read();
  while (!isDeepStrictEqual(value, expected) && Date.now() < end) {
    await sleep(50);
    value = await read();
  }
  return value;
}

/**
 * What has focus, followed through open shadow roots: the innermost
 * element's tag, part, role, aria-expanded, text, and the host it lives in.
 * An app is named by its `app-name` part, so the accessible extras (“opens
 * in a new tab”) do not get in the way.
 */
export function focused(page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    const hosts = [];
    while (element?.shadowRoot?.activeElement) {
      hosts.push(element.localName);
      element = element.shadowRoot.activeElement;
    }
    if (!element) return null;
    const name = element.querySelector('[part~="app-name"]')?.textContent
      ?? element.textContent;
    return {
      host: hosts.at(-1) ?? null,
      tag: element.localName,
      part: element.getAttribute('part'),
      role: element.getAttribute('role'),
      name: name.trim().replace(/\s+/g, ' '),
    };
  });
}

/** Whether focus is inside the element `locator` points at (shadow roots included). */
export function focusIsWithin(locator) {
  return locator.evaluate((target) => {
    let element = document.activeElement;
    while (element) {
      if (element === target || target.contains(element)) return true;
      element = element.shadowRoot?.activeElement ?? null;
    }
    return false;
  });
}

/**
 * Whether a popup is open as a person would judge it: its button says
 * aria-expanded="true" and the panel it controls is rendered.
 */
export async function isOpen(button, panelLocator) {
  const expanded = await button.getAttribute('aria-expanded');
  const visible = await panelLocator.isVisible();
  if ((expanded === 'true') !== visible) {
    throw new Error(`aria-expanded="${expanded}" but the panel is ${visible ? 'shown' : 'hidden'}`);
  }
  return visible;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** Every bandeau-* event the example page logged (examples/shared/event-log.js). */
export const exampleEvents = (page) => page.evaluate(() => window.__bandeauExample.events);
/** Errors, unhandled rejections and CSP violations the example page logged. */
export const exampleProblems = (page) => page.evaluate(() => window.__bandeauExample.problems);

/**
 * Decodes a PNG as the engines write screenshots (8-bit RGB or RGBA,
 * not interlaced) into `{ width, height, data }`, RGBA rows.
 */
export function decodePng(buffer) {
  const signature = '89504e470d0a1a0a';
  if (buffer.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  let offset = 8;
  let header;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        depth: data[8],
        colour: data[9],
        interlace: data[12],
      };
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const channels = { 2: 3, 6: 4 }[header?.colour];
  if (!header || header.depth !== 8 || !channels || header.interlace !== 0) {
    throw new Error(`unsupported PNG: ${JSON.stringify(header)}`);
  }
  const { width, height } = header;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const previous = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x += 1) {
      const a = x >= channels ? out[x - channels] : 0;
      const b = previous[x];
      const c = x >= channels ? previous[x - channels] : 0;
      let predicted;
      switch (filter) {
        case 0: predicted = 0; break;
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`PNG row ${y}: unknown filter ${filter}`);
      }
      out[x] = (line[x] + predicted) & 0xff;
    }
  }
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0, j = 0; i < width * height; i += 1, j += channels) {
    data[i * 4] = rows[j];
    data[i * 4 + 1] = rows[j + 1];
    data[i * 4 + 2] = rows[j + 2];
    data[i * 4 + 3] = channels === 4 ? rows[j + 3] : 255;
  }
  return { width, height, data };
}

/**
 * Which pixels of a screenshot show the page behind an element (rounded
 * corners, translucent edges): those that differ between two screenshots
 * of the same element over two different page backgrounds.
 */
export function seeThrough(overLight, overDark) {
  const a = decodePng(overLight);
  const b = decodePng(overDark);
  if (a.width !== b.width || a.height !== b.height) throw new Error('the two screenshots differ in size');
  const mask = new Uint8Array(a.width * a.height);
  for (let i = 0; i < mask.length; i += 1) {
    mask[i] = a.data.readUInt32BE(i * 4) !== b.data.readUInt32BE(i * 4) ? 1 : 0;
  }
  return mask;
}

/**
 * Compares two screenshots pixel by pixel, leaving out the pixels `ignore`
 * marks (see `seeThrough`). Returns null when they are identical,
 * otherwise what differs: sizes, or how many pixels and the box around them.
 */
export function pixelDifference(pngA, pngB, ignore = null) {
  const a = decodePng(pngA);
  const b = decodePng(pngB);
  if (a.width !== b.width || a.height !== b.height) {
    return `sizes differ: ${a.width}×${a.height} and ${b.width}×${b.height}`;
  }
  let count = 0;
  let box = null;
  for (let y = 0; y < a.height; y += 1) {
    for (let x = 0; x < a.width; x += 1) {
      const i = (y * a.width + x) * 4;
      if (ignore?.[i / 4]) continue;
      if (a.data.readUInt32BE(i) !== b.data.readUInt32BE(i)) {
        count += 1;
        box = box
          ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) }
          : { left: x, top: y, right: x, bottom: y };
      }
    }
  }
  return count === 0
    ? null
    : `${count} of ${a.width * a.height} pixels differ, within x ${box.left}–${box.right}, y ${box.top}–${box.bottom}`;
}
