// Stand-in for Keycloak's authChecker.js (tests only): records the calls.
const standIn = (globalThis.__keycloakStandIn ??= { calls: [] });

export function startSessionPolling(url) {
  standIn.calls.push(['startSessionPolling', url]);
}

export function checkAuthSession(hash) {
  standIn.calls.push(['checkAuthSession', hash]);
}
