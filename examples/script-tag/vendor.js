// The vendor app's side of the integration: it listens to the bar's events
// like any DOM events. Nothing here is needed for the bar to work.

const bar = document.querySelector('bandeau-bar');
const OWN_APP = 'swp.files';

// This app routes internally: choosing "Dateien" in the launcher while
// already in Dateien must not reload the page, so the vendor cancels the
// navigation (the event is cancelable) and handles it itself.
bar.addEventListener('bandeau-navigate', (event) => {
  const { identifier, link, target } = event.detail ?? {};
  console.log('[vendor] navigate', identifier, link, target);
  if (identifier === OWN_APP) {
    event.preventDefault();
    console.log('[vendor] stayed in the app (navigation cancelled)');
  }
});

// The vendor may end its own session before the portal's logout URL is
// followed; here it only logs.
bar.addEventListener('bandeau-logout', (event) => {
  console.log('[vendor] logout', event.detail);
});

// Keep the page's language in step with the one chosen in the user menu,
// so the vendor's own text can follow.
bar.addEventListener('bandeau-language-change', (event) => {
  const lang = event.detail?.lang ?? event.detail?.language ?? event.detail;
  console.log('[vendor] language', lang);
  if (typeof lang === 'string' && /^[a-z]{2}(-[A-Za-z]{2})?$/.test(lang)) {
    document.documentElement.lang = lang;
  }
});

bar.addEventListener('bandeau-theme-change', (event) => {
  console.log('[vendor] theme', event.detail);
});

bar.addEventListener('bandeau-error', (event) => {
  // The bar stays usable on errors; a vendor might report them.
  console.log('[vendor] bandeau reported a problem', event.detail);
});

bar.addEventListener('bandeau-ready', () => console.log('[vendor] bar ready'));

document.querySelector('.files-search')?.addEventListener('submit', (event) => {
  event.preventDefault();
  console.log('[vendor] search', new FormData(event.target).get('q'));
});
