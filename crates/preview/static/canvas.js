// The preview's canvas: renders one story of crates/widgets/src/story.rs with
// the real bundle (pkg/bandeau.js). The preview app calls
// `bandeauCanvas.render(specJson)` on this same-origin frame and waits for the
// promise; a classic script so that it is in place before the bundle runs.
'use strict';
(() => {
  // What the network does for the story's `nav-url`: the canvas stands in for
  // a portal that never answers or cannot be reached, so these states render
  // the same served or from a static export.
  let network = 'online';
  let navUrl = null;
  const pageFetch = window.fetch.bind(window);
  const sameResource = (a, b) => {
    try {
      const x = new URL(a, location.href);
      const y = new URL(b, location.href);
      return x.origin === y.origin && x.pathname === y.pathname;
    } catch {
      return false;
    }
  };
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    if (navUrl !== null && sameResource(url, navUrl)) {
      if (network === 'stalled') return new Promise(() => {});
      if (network === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    }
    return pageFetch(input, init);
  };

  // Links in stories point at made-up apps: say where they would go instead
  // of leaving the canvas.
  const events = [];
  for (const name of ['bandeau-navigate', 'bandeau-logout', 'bandeau-language-change', 'bandeau-theme-change', 'bandeau-error', 'bandeau-ready']) {
    document.addEventListener(name, (event) => {
      events.push({ type: name, detail: JSON.stringify(event.detail ?? null) });
      if (name === 'bandeau-navigate' || name === 'bandeau-logout') event.preventDefault();
    }, true);
  }
  document.addEventListener('click', (event) => {
    const link = event.composedPath().find((n) => n instanceof HTMLAnchorElement);
    if (link && !event.defaultPrevented) event.preventDefault();
  });

  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const settle = async () => { await frame(); await frame(); };
  const until = async (test, what) => {
    for (let i = 0; i < 200; i += 1) {
      const found = test();
      if (found) return found;
      await frame();
    }
    throw new Error(`canvas: ${what} did not appear`);
  };

  let generation = 0;

  async function render(json) {
    const spec = JSON.parse(json);
    const mine = ++generation;
    await customElements.whenDefined(spec.tag);
    if (mine !== generation) return false;

    // Every story starts from what it says an earlier visit left, nothing more.
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('bandeau.')) localStorage.removeItem(key);
    }
    for (const [key, value] of spec.storage) localStorage.setItem(key, value);
    network = spec.network;
    navUrl = spec.attributes.find(([name]) => name === 'nav-url')?.[1] ?? null;

    const root = document.documentElement;
    root.lang = spec.lang;
    root.dir = spec.dir;
    root.dataset.theme = spec.theme;
    root.style.zoom = spec.zoom === 100 ? '' : String(spec.zoom / 100);
    const stage = document.getElementById('stage');
    if (spec.width) {
      stage.style.maxWidth = `${spec.width}px`;
      stage.dataset.width = String(spec.width);
    } else {
      stage.style.maxWidth = '';
      delete stage.dataset.width;
    }

    const element = document.createElement(spec.tag);
    for (const [name, value] of spec.attributes) element.setAttribute(name, value);
    element.setAttribute('lang', spec.lang);
    element.setAttribute('theme', spec.theme);
    if (spec.brand) element.setAttribute('brand', new URL(spec.brand, location.href).href);
    if (spec.dataBrand) element.dataset.brand = spec.dataBrand;
    if (spec.navigation !== null) element.navigation = spec.navigation;
    if (spec.user !== null) element.user = JSON.parse(spec.user);
    events.length = 0;
    stage.replaceChildren(element);
    await settle();

    for (const action of spec.play) {
      if (mine !== generation) return false;
      if (action.open) {
        element.open();
      } else if (typeof action.search === 'string') {
        const input = await until(
          () => element.shadowRoot?.querySelector('[part~="search"]'),
          'the search field',
        );
        input.focus();
        input.value = action.search;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: action.search }));
      }
      await settle();
    }
    return mine === generation;
  }

  // The CSS of live token edits (`bandeau-token-css`) and of a typed brand
  // colour (`bandeau-brand-css`), after every other sheet so that it wins
  // over the elements' own `:host` rules; token edits come last.
  function setStyle(id, css) {
    let style = document.getElementById(id);
    if (css === null) {
      style?.remove();
      return;
    }
    if (!style) {
      style = document.createElement('style');
      style.id = id;
    }
    style.textContent = css;
    document.head.append(style);
    const tokens = document.getElementById('bandeau-token-css');
    if (tokens && id !== 'bandeau-token-css') document.head.append(tokens);
  }

  window.bandeauCanvas = { render, setStyle, events };
})();
