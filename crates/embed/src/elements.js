// The custom element classes. Kept in JavaScript because a class that
// extends HTMLElement cannot be written in Rust; everything they do is
// delegated to the Rust `Handle` that `connect` returns.
//
// Each name is defined only if it is still free, so a second copy (or a
// second version) of the bundle on the same page does not throw.

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

export function define(name, attributes, connect) {
  if (customElements.get(name)) return false;
  class BandeauElement extends HTMLElement {
    static get observedAttributes() {
      return attributes;
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
      if (this._handle) return;
      this._handle = connect(this);
      if (!this._handle) return;
      if (this._navigation !== undefined) this._handle.navigation(this._navigation);
      if (this._user !== undefined) this._handle.user(this._user);
    }
    disconnectedCallback() {
      // A removed element lets go of its view, listeners and requests; if
      // it is put back, it connects afresh.
      if (this._handle) this._handle.free();
      this._handle = null;
    }
    attributeChangedCallback(attribute, _old, value) {
      if (this._handle) this._handle.attribute(attribute, value);
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
