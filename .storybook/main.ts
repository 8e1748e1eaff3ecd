import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    options: {
      builder: {
        // Not the project's vite.config.ts (the library build): an empty config of our own.
        viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
      },
    },
  },
  stories: ['../stories/**/*.stories.ts'],
  // Controls, actions, viewport and backgrounds are part of `storybook` itself; the docs addon
  // (@storybook/addon-docs) is not installed, so there are no autodocs pages.
  addons: [],
  core: {
    disableTelemetry: true, // no internet here except the npm registry
    disableWhatsNewNotifications: true,
  },
  viteFinal: (config) => ({
    ...config,
    build: {
      ...config.build,
      // Lit and the element use ES2022 class features (private fields), as in the library build.
      target: 'es2022',
      // The on-demand definition compiler (ajv) and Storybook's own bundles are large by nature.
      chunkSizeWarningLimit: 2000,
    },
  }),
};

export default config;
