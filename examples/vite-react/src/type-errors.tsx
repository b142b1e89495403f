// Never rendered: `tsc --noEmit` checks this file so that the package's JSX
// types keep rejecting these mistakes. Each `@ts-expect-error` fails the
// check when its line compiles, as it would if the elements were `any`.
// (TypeScript lets any attribute with a dash through, typed or not, so the
// mistakes here are in the attributes it does check.)
export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error `purple` is not one of the themes */}
      <bandeau-bar theme="purple" />
      {/* @ts-expect-error the launcher's navigate detail has no `href` */}
      <bandeau-launcher onbandeau-navigate={(event) => console.log(event.detail.href)} />
      {/* @ts-expect-error a navigation document has `categories`, not `entries` */}
      <bandeau-launcher navigation={{ entries: [] }} />
    </>
  );
}
