// The custom element classes. Kept in JavaScript because a class that
// extends HTMLElement cannot be written in Rust; everything they do is
// delegated to the Rust `Handle` that `connect` returns.
//
// Each name is defined only if it is still free, so a second copy (or a
// second version) of the bundle on the same page does not throw.

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

// The connected elements of this copy of the bundle, for what the page as a
// whole changes: `<html>`'s `lang` and `data-brand`, and the person's
// choices stored by another tab.
const live = new Set();
let watching = false;
// Counts changes of `<html lang>`: a language chosen in the chrome holds for
// elements connected later only until the page changes its own.
let langChanges = 0;
export const pageLangChanges = () => langChanges;

// `data-brand` on `<html>` is copied to the element, since the shadow
// sheet's `:host` rule declares the default brand's values on the element
// itself, which custom properties inherited from `<html>` cannot beat. A
// brand the page set on the element itself, or the `brand` attribute's
// runtime brand, is not the one last copied, and stays.
function inherit(el) {
  const own = el.getAttribute("data-brand");
  if (own !== null && own !== el._inherited) return;
  const page = document.documentElement.getAttribute("data-brand");
  el._inherited = page;
  if (page === null) el.removeAttribute("data-brand");
  else if (own !== page) el.setAttribute("data-brand", page);
}

// An element takes `<html lang>` when it has no `lang` of its own, or one
// equal to the old `<html lang>` (the page gave it the page's language).
// The same for a theme chosen in another tab: an element whose `theme`
// is the old choice follows, one the page set to something else keeps it.
function follow(el, name, old, value) {
  const own = el.getAttribute(name);
  if (own === null) el._handle?.attribute(name, null);
  else if (own === old) {
    if (value === null) el.removeAttribute(name);
    else el.setAttribute(name, value);
  }
}

function watch() {
  watching = true;
  const html = document.documentElement;
  new MutationObserver((records) => {
    for (const { attributeName, oldValue } of records) {
      if (attributeName === "lang") langChanges += 1;
      for (const el of live) {
        if (attributeName === "lang") follow(el, "lang", oldValue, html.getAttribute("lang"));
        else inherit(el);
      }
    }
  }).observe(html, { attributeFilter: ["lang", "data-brand"], attributeOldValue: true });
  addEventListener("storage", ({ key, oldValue, newValue }) => {
    if (key !== null && !key.startsWith("bandeau.")) return;
    for (const el of live) {
      if (key === "bandeau.theme") follow(el, "theme", oldValue, newValue);
      el._handle?.stored();
    }
  });
}

export function define(name, attributes, connect) {
  if (customElements.get(name)) return false;
  if (!watching) watch();
  class BandeauElement extends HTMLElement {
    static get observedAttributes() {
      return [...attributes, "data-brand"];
    }
    constructor() {
      super();
      this._handle = null;
      this._navigation = undefined;
      this._user = undefined;
      // Properties set before the element was upgraded shadow the class
      // accessors; move them through the accessors.
      for (const key of ["navigation", "user", ...attributes.map(camel)]) {
        if (Object.prototype.hasOwnProperty.call(this, key)) {
          const value = this[key];
          delete this[key];
          this[key] = value;
        }
      }
    }
    connectedCallback() {
      // Connecting dispatches `bandeau-ready`, whose listeners may move the
      // element: only the outer call connects.
      if (this._handle || this._connecting) return;
      inherit(this);
      this._connecting = true;
      this._handle = connect(this);
      this._connecting = false;
      if (!this._handle) return;
      live.add(this);
      if (this._navigation !== undefined) this._handle.navigation(this._navigation);
      if (this._user !== undefined) this._handle.user(this._user);
      if (!this.isConnected) this.disconnectedCallback();
    }
    disconnectedCallback() {
      // A removed element lets go of its view, listeners and requests at
      // once; if it is put back, it connects afresh. The handle itself is
      // freed once no call into it is under way (a listener of one of its
      // events may be what removed the element).
      const handle = this._handle;
      this._handle = null;
      live.delete(this);
      if (!handle) return;
      handle.disconnect();
      queueMicrotask(() => handle.free());
    }
    attributeChangedCallback(attribute, _old, value) {
      if (attribute === "data-brand") {
        if (value === null) inherit(this);
      } else if (this._handle) this._handle.attribute(attribute, value);
    }
    get navigation() {
      return this._navigation;
    }
    set navigation(value) {
      this._navigation = value;
      if (this._handle) this._handle.navigation(value);
    }
    get user() {
      return this._user;
    }
    set user(value) {
      this._user = value;
      if (this._handle) this._handle.user(value);
    }
    open() {
      if (this._handle) this._handle.set_open(true);
    }
    close() {
      if (this._handle) this._handle.set_open(false);
    }
    toggle() {
      if (this._handle) this._handle.toggle();
    }
    refresh() {
      if (this._handle) this._handle.refresh();
    }
  }
  for (const attribute of attributes) {
    Object.defineProperty(BandeauElement.prototype, camel(attribute), {
      get() {
        return this.getAttribute(attribute);
      },
      set(value) {
        if (value === null || value === undefined) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      },
    });
  }
  customElements.define(name, BandeauElement);
  return true;
}

// The brand module (`bandeau-brand`) is loaded by the first element with a
// `brand` attribute, from `pkg/brand/` beside this bundle: pages without a
// brand never download it. This file sits in `pkg/snippets/<crate>/src/`.
// The specifier is a literal relative path, not a `new URL(…)`: browsers
// resolve it against this file as well, and bundlers (Vite, webpack,
// Rollup) then make it a lazy chunk and emit the module's own wasm too.
let brandModule;

export function brandCss(document) {
  brandModule ??= import("../../../brand/bandeau_brand.js").then(
    async (module) => {
      await module.default();
      return module;
    },
  );
  return brandModule.then((module) => module.brandCss(document));
}

// A request's signal: aborted after `ms`, or when the element that made it
// leaves the page (`life`).
export function requestSignal(life, ms) {
  const timeout = AbortSignal.timeout(ms);
  return AbortSignal.any ? AbortSignal.any([life, timeout]) : timeout;
}
