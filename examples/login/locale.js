// Stands in for the identity provider's server side: Keycloak renders the
// page in the locale of its `kc_locale` parameter. <bandeau-login> follows
// `locale-url="?kc_locale={lang}"` when a person picks a language; this
// page then comes back with the parameter, and here it is applied: the
// element's `lang`, the page's, and the form's texts (as text, never HTML).
const TEXTS = {
  de: {
    slogan: 'Souverän zusammenarbeiten',
    title: 'Bei Ihrem Konto anmelden',
    username: 'Benutzername oder E-Mail',
    password: 'Passwort',
    remember: 'Angemeldet bleiben',
    submit: 'Anmelden',
    forgot: 'Passwort vergessen?',
    notice: 'Dies ist ein Beispiel: das Formular sendet an den Vorschau-Server, der die empfangenen Felder zurückgibt.',
  },
  en: {
    slogan: 'Work together, in charge of your data',
    title: 'Sign in to your account',
    username: 'Username or email',
    password: 'Password',
    remember: 'Remember me',
    submit: 'Sign in',
    forgot: 'Forgot password?',
    notice: 'This is an example: the form posts to the preview server, which answers with the fields it received.',
  },
  fr: {
    slogan: 'Travailler ensemble, maître de ses données',
    title: 'Connectez-vous à votre compte',
    username: 'Nom d’utilisateur ou e-mail',
    password: 'Mot de passe',
    remember: 'Rester connecté',
    submit: 'Se connecter',
    forgot: 'Mot de passe oublié ?',
    notice: 'Ceci est un exemple : le formulaire est envoyé au serveur d’aperçu, qui renvoie les champs reçus.',
  },
};

const locale = new URLSearchParams(window.location.search).get('kc_locale');
const texts = Object.hasOwn(TEXTS, locale ?? '') ? TEXTS[locale] : null;
if (texts) {
  document.documentElement.lang = locale;
  for (const login of document.querySelectorAll('bandeau-login')) {
    login.setAttribute('lang', locale);
    if (login.hasAttribute('slogan')) login.setAttribute('slogan', texts.slogan);
  }
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const text = texts[element.dataset.i18n];
    if (text) element.textContent = text;
  }
}
