// A TypeScript app without React using the package as installed from its
// tarball, checked with `tsc --strict` by `cargo xtask test`. Every
// `@ts-expect-error` line must fail to compile: if the declarations got
// looser, tsc reports the directive as unused and the check fails.
import { defineElements, tagNames } from 'bandeau';
import type {
  BandeauBarElement,
  BandeauElementClasses,
  BandeauEventMap,
  BandeauNavigateDetail,
  BandeauUser,
  NavigationDocument,
  TagName,
} from 'bandeau';
import { cssVar, values } from 'bandeau/tokens';
import type { TokenPath } from 'bandeau/tokens';

// Tag names and classes.
const tags: readonly TagName[] = tagNames;
const first: 'bandeau-bar' = tagNames[0];
// @ts-expect-error: the list is read-only
tagNames.push('bandeau-bar');

export async function start(): Promise<BandeauBarElement> {
  const classes: BandeauElementClasses = await defineElements();
  // The agreed, looser shape still fits.
  const byTag: Record<TagName, CustomElementConstructor> = await defineElements();
  void byTag;
  return new classes['bandeau-bar']();
}

// The tag-name map types DOM look-ups.
const bar = document.createElement('bandeau-bar');
const typed: BandeauBarElement = bar;
bar.theme = 'dark';
bar.theme = null;
// @ts-expect-error: not a theme
bar.theme = 'purple';
bar.navUrl = 'https://portal.example.org/navigation.json';
bar.productName = null;
// Any BCP 47 tag, like the `lang` of any element.
bar.lang = 'de-AT';
bar.open();
bar.refresh();
const launcher = document.querySelector('bandeau-launcher');
launcher?.toggle();
const login = document.createElement('bandeau-login');
login.slogan = 'Work together';
// @ts-expect-error: the login page has no menu to open
login.open();
// @ts-expect-error: the user menu has no navigation
document.createElement('bandeau-user-menu').navigation = null;

// The navigation document and the user.
const navigation: NavigationDocument = {
  categories: [
    {
      identifier: 'groupware',
      display_name: { de: 'Groupware', en: 'Groupware' },
      entries: [
        {
          identifier: 'mail',
          display_name: 'E-Mail',
          link: '/appsuite/',
          icon_url: null,
          target: 'tab_groupware',
          keywords: { de: ['Post'], en: 'mail, inbox' },
        },
      ],
    },
  ],
};
bar.navigation = navigation;
bar.navigation = JSON.stringify(navigation);
// @ts-expect-error: categories are a list
bar.navigation = { categories: 'none' };
// @ts-expect-error: an entry needs its identifier
bar.navigation = { categories: [{ identifier: 'c', entries: [{ link: '/x/' }] }] };
const user: BandeauUser = { name: 'Ada Lovelace', avatarUrl: '/ada.png' };
bar.user = user;
// @ts-expect-error: a misspelt member
bar.user = { nmae: 'Ada' };

// Events, on the element, the document and the window.
bar.addEventListener('bandeau-navigate', (event) => {
  const link: string = event.detail.link;
  event.preventDefault();
  void link;
});
document.addEventListener('bandeau-error', (event) => {
  const count: number | undefined = event.detail.count;
  // @ts-expect-error: `count` is only there for navigation problems
  const sure: number = event.detail.count;
  void count;
  void sure;
});
window.addEventListener('bandeau-theme-change', (event) => {
  const theme: 'light' | 'dark' | 'auto' | 'high-contrast' = event.detail.theme;
  void theme;
});
document.addEventListener('bandeau-language-change', (event) => {
  // @ts-expect-error: not a language the chrome offers
  const italian: 'it' = event.detail.language;
  void italian;
});
const detail: BandeauNavigateDetail = { identifier: 'mail', link: 'https://x.example/', target: '_self' };
const ready: BandeauEventMap['bandeau-ready']['detail'] = undefined;

// The compiled tokens.
const width: string = values['login.form.width'];
// @ts-expect-error: values are CSS text
const number: number = values['login.form.width'];
const variable: string = cssVar['color.white'];
const path: TokenPath = 'login.form.width';
// @ts-expect-error: no such token
void cssVar['no.such.token'];

export { tags, first, typed, detail, ready, width, number, variable, path };
