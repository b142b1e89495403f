// axe-core over the chrome on the example pages, shadow roots included:
// the bar, the open launcher and the open user menu, in the light, dark
// and high-contrast themes. axe is injected as a file, which the
// strict-CSP page would refuse, so it runs on the pages without a policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, openExample, AXE_PATH, launcherButton, panel, userButton, userPanel, isOpen, quiet,
} from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

// WCAG 2.2 A and AA, plus axe's best practices.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the chrome's elements only (the vendor's page is not ours to judge). */
async function audit(page, hosts) {
  return page.evaluate(async ({ hosts: selectors, tags }) => {
    const results = await window.axe.run(
      { include: selectors.map((s) => [s]) },
      { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'passes'] },
    );
    const inShadow = results.passes.flatMap((r) => r.nodes)
      .filter((n) => Array.isArray(n.target[0])).length;
    return {
      inShadow,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
      })),
    };
  }, { hosts, tags: TAGS });
}

const PAGES = [
  { path: '/examples/script-tag/', hosts: ['bandeau-bar'], launcher: 'bandeau-bar', menu: 'bandeau-bar' },
  {
    path: '/examples/launcher-only/',
    hosts: ['bandeau-launcher', 'bandeau-user-menu'],
    launcher: 'bandeau-launcher',
    menu: 'bandeau-user-menu',
  },
];

for (const { path, hosts, launcher, menu } of PAGES) {
  for (const theme of ['light', 'dark', 'high-contrast']) {
    test(`axe: ${hosts.join(' and ')} on ${path} in the ${theme} theme, closed and open`, async () => {
      const page = await newPage(browser);
      await openExample(page, path, { host: launcher });
      for (const host of hosts) {
        await page.locator(host).evaluate((element, t) => element.setAttribute('theme', t), theme);
        assert.equal(await page.locator(host).getAttribute('data-theme'), theme);
      }
      await quiet(page);
      await page.addScriptTag({ path: AXE_PATH });

      const found = {};
      const closed = await audit(page, hosts);
      assert.ok(closed.inShadow > 0, 'axe checked nodes inside the shadow roots');
      found.closed = closed.violations;

      await launcherButton(page, launcher).click();
      assert.equal(await isOpen(launcherButton(page, launcher), panel(page, launcher)), true);
      await page.mouse.move(0, 0);
      found.launcher = (await audit(page, hosts)).violations;
      await page.keyboard.press('Escape');

      await userButton(page, menu).click();
      assert.equal(await isOpen(userButton(page, menu), userPanel(page, menu)), true);
      await page.mouse.move(0, 0);
      found.menu = (await audit(page, hosts)).violations;

      for (const state of Object.keys(found)) if (found[state].length === 0) delete found[state];
      assert.deepEqual(found, {}, 'axe violations by state');
      await page.context().close();
    });
  }
}
