import { useEffect, useRef, useState } from 'react';
import type { BandeauBarElement, BandeauNavigateDetail } from 'bandeau';
import navigation from './navigation.json';

export function App() {
  const bar = useRef<BandeauBarElement>(null);
  const [destination, setDestination] = useState<string | null>(null);

  // The navigation document is an object, so it goes in as a property: an
  // attribute could only carry text.
  useEffect(() => {
    if (bar.current) bar.current.navigation = navigation;
  }, []);

  // An app of your own routes internally instead of leaving the page.
  const onNavigate = (event: CustomEvent<BandeauNavigateDetail>) => {
    event.preventDefault();
    setDestination(event.detail.identifier);
  };

  return (
    <>
      <bandeau-bar
        ref={bar}
        lang="en"
        theme="light"
        app="swp.files"
        product-name="openDesk"
        portal-url="https://portal.example.org/"
        user-name="Ada Lovelace"
        user-email="ada@example.org"
        onbandeau-navigate={onNavigate}
      />
      <main>
        <h1>Files</h1>
        <p role="status">
          {destination ? `Navigating to ${destination}` : 'Choose an app in the launcher.'}
        </p>
      </main>
    </>
  );
}
