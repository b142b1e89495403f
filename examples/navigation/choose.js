// Points the bar at the navigation endpoint named by `?nav=`. Only paths of
// the preview server's navigation stand-in are taken, so the page cannot be
// made to load a document from anywhere else.
const chosen = new URLSearchParams(window.location.search).get('nav');

if (chosen && /^\/(navigation(-large)?\.json|nav\/[a-z0-9-]+)(\?[\w=&-]*)?$/.test(chosen)) {
  document.querySelector('bandeau-bar')?.setAttribute('nav-url', chosen);
  const shown = document.getElementById('chosen-nav');
  if (shown) shown.textContent = chosen;
}
