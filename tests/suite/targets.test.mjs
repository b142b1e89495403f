// The suite's apps' theme files, read by what reads them: La Suite's
// Cunningham CLI (pinned) builds its CSS from our cunningham.ts, a YAML
// parser reads opendesk-theme.yaml, sh runs nextcloud-theming.sh against a
// stand-in occ, and element-config.json is held to the shape of Element's
// documented `custom_themes`. Every brand of the resolver is checked: the
// default brand's files at the top of the tokens folder, each other brand's
// in its folder. Run by `cargo xtask test` (node --test), which builds
// target/tokens and installs the tools first, and passes these paths:
//   BANDEAU_TOOLS       target/tools (typescript, @gouvfr-lasuite/cunningham-tokens, yaml)
//   BANDEAU_TOKENS_DIR  target/tokens
//   BANDEAU_RESOLVER    tokens/bandeau.resolver.json
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const tools = process.env.BANDEAU_TOOLS;
const tokensDir = process.env.BANDEAU_TOKENS_DIR;
const resolverPath = process.env.BANDEAU_RESOLVER;
for (const [name, value] of Object.entries({ BANDEAU_TOOLS: tools, BANDEAU_TOKENS_DIR: tokensDir, BANDEAU_RESOLVER: resolverPath })) {
  if (!value) throw new Error(`${name} is not set; run this through cargo xtask test`);
}
const toolsRequire = createRequire(join(tools, 'node_modules', '/'));
const ts = toolsRequire('typescript');
const YAML = toolsRequire('yaml');
// openDesk's `theme.colors` keys (helmfile/environments/default/theme.yaml.gotmpl).
const OPENDESK_COLORS = [
  'primary', 'primary15', 'primary35', 'primary65', 'black', 'white', 'secondaryGreyLight',
  'secondaryBlue', 'secondaryBlueHighcontrast', 'secondaryRed', 'secondaryYellow',
  'secondaryGreen', 'secondaryGrey',
];
const cunninghamCli = join(tools, 'node_modules/@gouvfr-lasuite/cunningham-tokens/dist/bin/Main.js');

// The brands come from the resolver, so a new brand is checked without
// touching this file; the default brand's files are at the top.
const resolver = JSON.parse(readFileSync(resolverPath, 'utf8'));
const brandModifier = resolver.modifiers?.brand;
assert.ok(brandModifier?.contexts, `${resolverPath} has no brand modifier`);
const brands = Object.keys(brandModifier.contexts).map((name) => ({
  name,
  dir: name === brandModifier.default ? tokensDir : join(tokensDir, name),
}));
assert.ok(brands.length >= 2, 'the resolver has a default brand and at least one other');

const work = mkdtempSync(join(tmpdir(), 'bandeau-suite-'));
after(() => rmSync(work, { recursive: true, force: true }));
const scratch = (label) => mkdtempSync(join(work, `${label}-`));

const read = (dir, name) => {
  const path = join(dir, name);
  assert.ok(existsSync(path), `${path} was not written by cargo xtask build`);
  return readFileSync(path, 'utf8');
};

// Every `[path, value]` below `object`; arrays are leaves, as for the
// Cunningham CLI's flattening.
function leaves(object, path = []) {
  return Object.entries(object).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? leaves(value, [...path, key])
      : [[[...path, key], value]]);
}

// Our `cunningham.ts` evaluated: TypeScript's own transpiler turns its
// `export default {…}` into CommonJS, which runs here.
function evaluateCunninghamConfig(source, file) {
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], file);
  const module = { exports: {} };
  new Function('module', 'exports', outputText)(module, module.exports);
  return module.exports.default;
}

// The declarations of each rule of a stylesheet, by selector.
function cssBlocks(css) {
  const blocks = new Map();
  const uncommented = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const [, selector, body] of uncommented.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const declarations = new Map();
    for (const line of body.split('\n')) {
      const match = /^\s*(--[^:\s]+):\s*(.*?);\s*$/.exec(line);
      if (match) declarations.set(match[1], match[2]);
    }
    blocks.set(selector.trim(), declarations);
  }
  return blocks;
}

// What is wrong with `actual` for each leaf of a theme: one line per
// property, naming it.
function mismatches(theme, declarations, nameOf) {
  return leaves(theme).flatMap(([path, value]) => {
    const property = nameOf(path);
    const got = declarations.get(property);
    return got === String(value) ? [] : [`${property}: ours is ${JSON.stringify(String(value))}, the CLI wrote ${got === undefined ? 'nothing' : JSON.stringify(got)}`];
  });
}

for (const brand of brands) {
  test(`brand ${brand.name}: the Cunningham CLI builds its CSS from our cunningham.ts with our values`, () => {
    const source = read(brand.dir, 'cunningham.ts');
    const ours = evaluateCunninghamConfig(source, join(brand.dir, 'cunningham.ts'));
    assert.ok(ours?.themes?.default, 'cunningham.ts has no default theme');
    assert.ok(ours.themes.dark, 'cunningham.ts has no dark theme');

    const app = scratch(`cunningham-${brand.name}`);
    writeFileSync(join(app, 'cunningham.ts'), source);
    const run = spawnSync(process.execPath, [cunninghamCli, '-g', 'css,ts', '-o', 'out'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 90_000,
    });
    assert.equal(run.status, 0, `the Cunningham CLI failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /Found local config file: .*cunningham\.ts/, 'the CLI did not load our cunningham.ts');

    const blocks = cssBlocks(readFileSync(join(app, 'out', 'cunningham-tokens.css'), 'utf8'));
    const problems = [];
    for (const [theme, values] of Object.entries(ours.themes)) {
      // The CLI writes the default theme on `selector` (`:root`) with
      // lower-cased names, every other theme on its class as spelled.
      const selector = theme === 'default' ? ':root' : `.cunningham-theme--${theme}`;
      const declarations = blocks.get(selector);
      if (!declarations) {
        problems.push(`${selector}: no such rule in cunningham-tokens.css`);
        continue;
      }
      const name = theme === 'default'
        ? (path) => `--c--${path.join('--')}`.toLowerCase()
        : (path) => `--c--${path.join('--')}`;
      problems.push(...mismatches(values, declarations, name).map((line) => `${selector} ${line}`));
    }
    assert.deepEqual(problems, [], `cunningham-tokens.css differs from ${join(brand.dir, 'cunningham.ts')}:\n${problems.join('\n')}`);

    // Our runtime stylesheet (for an app's FRONTEND_CSS_URL) must name the
    // very properties the CLI writes, on the same selectors, with the
    // values the CLI wrote from our configuration.
    const runtime = cssBlocks(read(brand.dir, 'cunningham.css'));
    const drift = [];
    for (const [selector, declarations] of runtime) {
      const cli = blocks.get(selector);
      if (!cli) {
        drift.push(`${selector}: the CLI writes no such rule`);
        continue;
      }
      for (const [property, value] of declarations) {
        if (cli.get(property) !== value) drift.push(`${selector} ${property}: ours is ${value}, the CLI wrote ${cli.get(property) ?? 'nothing'}`);
      }
    }
    assert.equal(runtime.size, Object.keys(ours.themes).length, 'cunningham.css has a rule per theme');
    assert.deepEqual(drift, [], `cunningham.css differs from the CLI's cunningham-tokens.css:\n${drift.join('\n')}`);
  });

  test(`brand ${brand.name}: opendesk-theme.yaml holds every openDesk colour and text`, () => {
    const doc = YAML.parseDocument(read(brand.dir, 'opendesk-theme.yaml'), { uniqueKeys: true, prettyErrors: true });
    assert.deepEqual(doc.errors.map(String), [], 'YAML errors');
    assert.deepEqual(doc.warnings.map(String), [], 'YAML warnings');
    const theme = doc.toJS()?.theme;
    assert.ok(theme?.colors, 'no theme.colors');
    for (const key of OPENDESK_COLORS) {
      const value = theme.colors[key];
      assert.equal(typeof value, 'string', `theme.colors.${key} is ${JSON.stringify(value)}, not a string`);
      assert.match(value, /^#[0-9a-f]{6}$/i, `theme.colors.${key}`);
    }
    for (const key of ['productName', 'slogan']) {
      assert.equal(typeof theme.texts?.[key], 'string', `theme.texts.${key} is not a string`);
      assert.ok(theme.texts[key].length > 0, `theme.texts.${key} is empty`);
    }
  });

  test(`brand ${brand.name}: nextcloud-theming.sh parses and calls occ as the theming app expects`, () => {
    const script = join(brand.dir, 'nextcloud-theming.sh');
    read(brand.dir, 'nextcloud-theming.sh');
    const syntax = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, `bash -n ${script}:\n${syntax.stderr}`);

    // A stand-in occ that records its arguments: unit separator after each,
    // record separator after each call.
    const dir = scratch(`nextcloud-${brand.name}`);
    const occ = join(dir, 'occ');
    const log = join(dir, 'occ.log');
    writeFileSync(occ, '#!/bin/sh\nfor a in "$@"; do printf \'%s\\037\' "$a"; done >>"$OCC_LOG"\nprintf \'\\036\' >>"$OCC_LOG"\n', { mode: 0o755 });
    writeFileSync(log, '');
    const run = spawnSync('sh', [script], { encoding: 'utf8', env: { ...process.env, OCC: occ, OCC_LOG: log } });
    assert.equal(run.status, 0, `sh ${script} failed:\n${run.stdout}\n${run.stderr}`);
    const calls = readFileSync(log, 'utf8').split('\x1e').filter(Boolean).map((call) => call.split('\x1f').slice(0, -1));
    const shown = calls.map((c) => c.join(' ')).join('\n');

    // The value travels in `--value=…` (one word, so a value beginning
    // with `-` is no option) and theming:config's after `--`.
    const background = calls.findIndex((c) => c.slice(0, 3).join(' ') === 'config:app:set theming background_color');
    assert.ok(background >= 0, `no occ config:app:set theming background_color …; calls:\n${shown}`);
    assert.equal(calls[background].length, 4, `background_color takes one --value=…; calls:\n${shown}`);
    assert.match(calls[background][3], /^--value=#[0-9a-f]{6}$/i, 'background_color');
    const theming = calls.map((c, i) => [c, i]).filter(([c]) => c[0] === 'theming:config');
    assert.ok(theming.length > 0, `no occ theming:config calls:\n${shown}`);
    for (const [call, index] of theming) {
      assert.equal(call.length, 4, `occ theming:config takes --, a key and a value: ${call.join(' ')}`);
      assert.equal(call[1], '--', `options end before the key and value: ${call.join(' ')}`);
      assert.ok(index > background, `background_color must be set before ${call.join(' ')}; calls:\n${shown}`);
    }
    const primary = YAML.parse(read(brand.dir, 'opendesk-theme.yaml')).theme.colors.primary;
    assert.deepEqual(
      theming.map(([c]) => c).filter((c) => c[2] === 'primary_color'),
      [['theming:config', '--', 'primary_color', primary]],
      `primary_color must be set once, to opendesk-theme.yaml's primary; calls:\n${shown}`,
    );
  });

  test(`brand ${brand.name}: element-config.json has the shape of Element's custom_themes`, () => {
    const config = JSON.parse(read(brand.dir, 'element-config.json'));
    const themes = config.setting_defaults?.custom_themes;
    assert.ok(Array.isArray(themes) && themes.length > 0, 'setting_defaults.custom_themes is not a non-empty array');
    const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    for (const theme of themes) {
      assert.ok(isObject(theme), 'a custom theme is not an object');
      const label = `custom theme ${JSON.stringify(theme.name)}`;
      assert.equal(typeof theme.name, 'string', `${label}: name`);
      assert.ok(theme.name.length > 0, `${label}: empty name`);
      assert.equal(typeof theme.is_dark, 'boolean', `${label}: is_dark`);
      if (theme.colors !== undefined) {
        assert.ok(isObject(theme.colors), `${label}: colors is not an object`);
        for (const [key, value] of Object.entries(theme.colors)) {
          assert.equal(typeof value, 'string', `${label}: colors.${key} is not a string`);
          assert.match(value, /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i, `${label}: colors.${key}`);
        }
      }
      if (theme.compound !== undefined) {
        assert.ok(isObject(theme.compound), `${label}: compound is not an object`);
        for (const [key, value] of Object.entries(theme.compound)) {
          assert.match(key, /^--cpd-[a-z0-9-]+$/, `${label}: compound key`);
          assert.equal(typeof value, 'string', `${label}: compound ${key}`);
        }
      }
      if (theme.fonts !== undefined) {
        assert.ok(isObject(theme.fonts), `${label}: fonts is not an object`);
        for (const key of ['general', 'monospace']) {
          if (theme.fonts[key] !== undefined) assert.equal(typeof theme.fonts[key], 'string', `${label}: fonts.${key}`);
        }
        if (theme.fonts.faces !== undefined) assert.ok(Array.isArray(theme.fonts.faces), `${label}: fonts.faces is not an array`);
      }
    }
    assert.ok(themes.some((t) => t.is_dark === true), 'no custom theme with is_dark true');
    assert.ok(themes.some((t) => t.is_dark === false), 'no custom theme with is_dark false');
    assert.ok(
      themes.some((t) => config.default_theme === `custom-${t.name}`),
      `default_theme ${JSON.stringify(config.default_theme)} is not custom-<the name of a custom theme>`,
    );
  });
}
