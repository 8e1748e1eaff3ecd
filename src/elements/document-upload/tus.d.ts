// The browser build of tus-js-client, imported by path so every tool resolves the same file.
declare module 'tus-js-client/lib.esm/browser/index.js' {
  export * from 'tus-js-client';
}
