/// <reference types="vite/client" />
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';

// The element's API from the Custom Elements Manifest (`npm run manifest` writes it to the project
// root) fills the controls table. The glob is empty while the file does not exist, so the stories
// work without it: their own argTypes describe the element then.
const manifests = import.meta.glob<{ default: unknown }>('../custom-elements.json', {
  eager: true,
});
const manifest = Object.values(manifests)[0]?.default;
if (manifest) setCustomElementsManifest(manifest);

// Events, CSS shadow parts and slots from the manifest are documentation, not values to edit.
const DOCUMENTATION_ONLY = new Set(['events', 'css shadow parts', 'slots']);

const preview: Preview = {
  argTypesEnhancers: [
    ({ argTypes }) =>
      Object.fromEntries(
        Object.entries(argTypes).map(([name, argType]) => [
          name,
          DOCUMENTATION_ONLY.has(String(argType.table?.category))
            ? { ...argType, control: false as const }
            : argType,
        ]),
      ),
  ],
  parameters: {
    controls: {
      expanded: true,
      matchers: {
        color: /(background|color)$/i,
        date: /Date$/i,
      },
    },
  },
};

export default preview;
