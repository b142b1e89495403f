// Stand-in for Keycloak's passwordVisibility.js (tests only): the button
// beside a password field shows and hides it.
const standIn = (globalThis.__keycloakStandIn ??= { calls: [] });
standIn.calls.push(['passwordVisibility']);

for (const button of document.querySelectorAll('[data-password-toggle]')) {
  button.addEventListener('click', () => {
    const input = document.getElementById(button.getAttribute('aria-controls'));
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    button.setAttribute('aria-label', show ? button.dataset.labelHide : button.dataset.labelShow);
  });
}
