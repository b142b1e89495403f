// Shows what the Bandeau elements tell the page, and counts what went
// wrong, on every example page. Load it before bandeau.js so that nothing
// raised while the elements start is missed.
//
// Browser tests read `window.__bandeauExample`: `events` (every bandeau-*
// event in order) and `problems` (uncaught errors, unhandled rejections and
// CSP violations), so "loading twice raises nothing" and "zero CSP
// violations" are one property each; `console` (what was warned or logged
// as an error, as `{ type, text }`) and `dialogs` (alert, confirm and
// prompt calls, which must never come from a navigation document), because
// WebDriver, which drives the tests in every engine, does not hear them.

const EVENTS = [
  'bandeau-ready',
  'bandeau-navigate',
  'bandeau-logout',
  'bandeau-language-change',
  'bandeau-theme-change',
  'bandeau-error',
];

const state = { events: [], problems: [], console: [], dialogs: [] };
window.__bandeauExample = state;

for (const type of ['warn', 'error']) {
  const original = console[type].bind(console);
  console[type] = (...args) => {
    state.console.push({ type: type === 'warn' ? 'warning' : 'error', text: args.map(String).join(' ') });
    original(...args);
  };
}
for (const type of ['alert', 'confirm', 'prompt']) {
  window[type] = (message) => {
    state.dialogs.push(`${type}: ${message}`);
    return type === 'confirm' ? false : null;
  };
}

function show(listId, text) {
  const list = document.getElementById(listId);
  if (!list) return;
  const item = document.createElement('li');
  // Text only: details may carry strings from a hostile navigation document.
  item.textContent = text;
  list.append(item);
}

function showProblemCount() {
  const count = document.getElementById('problem-count');
  if (!count) return;
  count.textContent = String(state.problems.length);
  count.dataset.count = String(state.problems.length);
}

function describe(detail) {
  if (detail === undefined || detail === null) return '';
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

for (const type of EVENTS) {
  // Events are composed and bubble, so one listener on the document hears
  // every element, in or out of shadow roots.
  document.addEventListener(type, (event) => {
    const tag = event.target && event.target.localName;
    const entry = { type, tag, detail: event.detail };
    state.events.push(entry);
    const line = `${type} from <${tag}> ${describe(event.detail)}`;
    console.info(`[example] ${line}`);
    show('event-log', line);
  });
}

function problem(kind, text) {
  state.problems.push({ kind, text });
  console.warn(`[example] ${kind}: ${text}`);
  show('problem-log', `${kind}: ${text}`);
  showProblemCount();
}

window.addEventListener('error', (event) => problem('error', event.message));
window.addEventListener('unhandledrejection', (event) =>
  problem('unhandled rejection', String(event.reason)),
);
document.addEventListener('securitypolicyviolation', (event) =>
  problem('CSP violation', `${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`),
);

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', showProblemCount);
} else {
  showProblemCount();
}
