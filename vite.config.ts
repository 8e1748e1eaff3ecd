import { defineConfig, type Plugin } from 'vite';

/**
 * Lit's `css` templates are shipped as written; their indentation is bytes on every citizen's
 * phone. This collapses white space in them (templates without `${}` expressions only).
 */
function minifyCssTemplates(): Plugin {
  const minify = (text: string) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};:,>])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return undefined;
      return {
        code: code.replace(/\bcss`([^`$]*)`/g, (_match, body: string) => `css\`${minify(body)}\``),
        map: null,
      };
    },
  };
}

/**
 * Library build: one minified ES module that defines every element (`dist/ozg-forms.js`), one per
 * element (`dist/applicant-form.js`, `dist/quick-check.js`, `dist/payment-step.js`,
 * `dist/document-upload.js`) and the DOM-free core (`dist/core.js`). Locales, definitions
 * and their precompiled validators are split into chunks loaded on demand.
 */
export default defineConfig({
  plugins: [minifyCssTemplates()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    lib: {
      entry: {
        'ozg-forms': 'src/index.ts',
        'applicant-form': 'src/elements/applicant-form/define.ts',
        'quick-check': 'src/elements/quick-check/define.ts',
        'payment-step': 'src/elements/payment-step/define.ts',
        'document-upload': 'src/elements/document-upload/define.ts',
        elements: 'src/elements/index.ts',
        core: 'src/core/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Vite keeps white space in ES library builds (for bundlers that re-bundle them); these
        // files go to citizens' phones as they are, so they are minified completely.
        minify: true,
        comments: { annotation: false, jsdoc: false, legal: false },
      },
    },
  },
});
