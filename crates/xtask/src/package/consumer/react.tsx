// A React 19 app using the package's JSX declarations, checked with
// `tsc --strict` by `cargo xtask test` against @types/react. Every
// `@ts-expect-error` line must fail to compile.
import { useRef } from 'react';
import { defineElements } from 'bandeau';
import type { BandeauBarElement, BandeauNavigateDetail } from 'bandeau';

export function App() {
  const bar = useRef<BandeauBarElement>(null);
  const onNavigate = (event: CustomEvent<BandeauNavigateDetail>) => {
    event.preventDefault();
    void defineElements();
    bar.current?.open();
  };
  return (
    <>
      <bandeau-bar
        ref={bar}
        lang="en"
        theme="dark"
        nav-url="/navigation.json"
        app="mail"
        product-name="openDesk"
        class="chrome"
        className="chrome"
        navigation={{ categories: [] }}
        user={{ name: 'Ada Lovelace' }}
        onbandeau-navigate={onNavigate}
      >
        <input slot="search" />
      </bandeau-bar>
      <bandeau-login logo-url="/logo.svg" languages="de,en" onbandeau-language-change={(event) => event.detail.language}>
        <form />
      </bandeau-login>
      {/* @ts-expect-error: not a theme */}
      <bandeau-launcher theme="purple" />
      {/* @ts-expect-error: the handler expects another event's detail */}
      <bandeau-user-menu onbandeau-theme-change={(event: CustomEvent<BandeauNavigateDetail>) => event.detail.link} />
      {/* @ts-expect-error: the login page takes no navigation */}
      <bandeau-login navigation={{ categories: [] }} />
    </>
  );
}
