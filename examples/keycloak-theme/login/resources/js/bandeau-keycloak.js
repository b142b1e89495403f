// What keycloak.v2's template.ftl does in inline scripts, as a module of
// this theme, so the page needs no 'unsafe-inline' in its
// Content-Security-Policy. template.ftl passes the values in <meta> tags.
//
// - Dark mode: Keycloak's form (PatternFly) follows the system's colour
//   scheme through a class on <html>, when the realm's dark mode is on.
// - Session checks: Keycloak's authChecker.js (keycloak.v2's resources,
//   next to this file once installed) notices a login finished in another
//   tab. Keycloak versions without it skip this; nothing else depends on it.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';

const darkModeClass = meta('bandeau-kc-dark-mode-class');
if (darkModeClass) {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const follow = () => document.documentElement.classList.toggle(darkModeClass, dark.matches);
  follow();
  dark.addEventListener('change', follow);
}

const pollUrl = meta('bandeau-kc-sso-login-in-other-tabs-url');
const sessionHash = meta('bandeau-kc-auth-session-id-hash');
if (pollUrl || sessionHash) {
  import('./authChecker.js').then(
    ({ startSessionPolling, checkAuthSession }) => {
      if (pollUrl) startSessionPolling(pollUrl);
      if (sessionHash) checkAuthSession(sessionHash);
    },
    () => {},
  );
}
