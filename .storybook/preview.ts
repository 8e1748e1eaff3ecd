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

const preview: Preview = {
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
