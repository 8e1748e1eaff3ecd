/**
 * Modules are sorted by path. The manifest documents the public API only: private state (`_x`, `#x`) and events that the
 * analyzer infers from `dispatchEvent` calls without a name are left out; the JSDoc `@fires`
 * tags are the source of truth for events.
 */
function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer lists modules in the order its file search returns them, which varies from
      // run to run: sorted, the manifest (and its drift check) is the same every time.
      customElementsManifest.modules.sort((a, b) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
      );
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          const isPublic = (item) =>
            !item.name?.startsWith('_') &&
            !item.name?.startsWith('#') &&
            item.privacy !== 'private';
          if (declaration.attributes)
            declaration.attributes = declaration.attributes.filter((a) =>
              isPublic({ name: a.fieldName ?? a.name }),
            );
          if (declaration.members) declaration.members = declaration.members.filter(isPublic);
          if (declaration.events)
            declaration.events = declaration.events.filter((e) => e.name && e.description);
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [publicApiOnly()],
};
