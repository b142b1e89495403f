// Never imported by the page: `tsc --noEmit` checks this file so that the
// package's types keep rejecting these mistakes. Each `@ts-expect-error`
// fails the check when its line compiles, as it would if the package's
// types had decayed to `any`.
import type { BandeauNavigateDetail, NavigationDocument } from 'bandeau';

export function mistakes(launcher: HTMLElementTagNameMap['bandeau-launcher']): void {
  document.addEventListener('bandeau-navigate', (event) => {
    // @ts-expect-error the detail has `link`, not `href`
    console.log(event.detail.href);
  });

  launcher.addEventListener('bandeau-navigate', (event) => {
    // @ts-expect-error the identifier is a string, not a number
    const identifier: number = event.detail.identifier;
    console.log(identifier);
  });

  // @ts-expect-error a navigation document has `categories`, not `entries`
  const wrong: NavigationDocument = { entries: [] };
  console.log(wrong);

  // @ts-expect-error `identifier`, `link` and `target` are all required
  const partial: BandeauNavigateDetail = { identifier: 'swp.files' };
  console.log(partial);

  // @ts-expect-error the launcher takes no `user`: that is the user menu's
  launcher.user = null;

  // @ts-expect-error `open` takes no arguments
  launcher.open('now');
}
