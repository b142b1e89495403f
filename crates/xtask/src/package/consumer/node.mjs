// The package's entries in Node, as a server-side render or a test runner
// imports them: resolved through `exports`, importing has no effect, and
// defineElements() says plainly that it needs a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

test('importing bandeau defines nothing and changes no global', async () => {
  const before = Object.keys(globalThis).sort();
  const bandeau = await import('bandeau');
  assert.deepEqual(Object.keys(globalThis).sort(), before);
  assert.equal(globalThis.__bandeau, undefined);
  assert.deepEqual(Object.keys(bandeau).sort(), ['defineElements', 'tagNames']);
  assert.deepEqual(bandeau.tagNames, ['bandeau-bar', 'bandeau-launcher', 'bandeau-user-menu', 'bandeau-login']);
  await assert.rejects(bandeau.defineElements(), /needs a browser: customElements is undefined/);
  // A failed call does not stick: the next one tries again.
  await assert.rejects(bandeau.defineElements(), /needs a browser/);
  assert.equal(globalThis.__bandeau, undefined);
});

test('the token module, stylesheet and manifest resolve through exports', async () => {
  const tokens = await import('bandeau/tokens');
  assert.equal(tokens.cssVar['login.form.width'], 'var(--bd-login-form-width)');
  assert.match(tokens.values['color.white'], /^#fff(fff)?$/);
  const require = createRequire(import.meta.url);
  const css = await readFile(require.resolve('bandeau/tokens.css'), 'utf8');
  assert.match(css, /--bd-login-form-width:/);
  const manifest = JSON.parse(await readFile(require.resolve('bandeau/custom-elements.json'), 'utf8'));
  const tags = manifest.modules.flatMap((m) => m.declarations).map((d) => d.tagName).filter(Boolean);
  assert.deepEqual(tags, ['bandeau-bar', 'bandeau-launcher', 'bandeau-user-menu', 'bandeau-login']);
  const pkg = JSON.parse(await readFile(require.resolve('bandeau/package.json'), 'utf8'));
  assert.equal(pkg.customElements, 'custom-elements.json');
});

test('the suite apps\' theme files resolve through exports, each brand in its folder', async () => {
  const require = createRequire(import.meta.url);
  const yaml = await readFile(require.resolve('bandeau/themes/opendesk-theme.yaml'), 'utf8');
  assert.match(yaml, /^theme:$/m);
  const element = JSON.parse(await readFile(require.resolve('bandeau/themes/ocean/element-config.json'), 'utf8'));
  assert.ok(Array.isArray(element.setting_defaults.custom_themes));
  assert.match(await readFile(require.resolve('bandeau/themes/cunningham.ts'), 'utf8'), /^export default \{/m);
});
