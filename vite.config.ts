import { defineConfig, type Plugin } from 'vite';
import { minifyHTMLLiterals } from 'minify-literals';

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
 * Lit's `html` and `svg` templates without the indentation of the source: whitespace runs collapse
 * to one space (never to none, so text and inline elements read as written), comments go. A
 * well-kept minifier (minify-literals, on html-minifier-next) that keeps Lit's bindings intact.
 */
function minifyHtmlTemplates(): Plugin {
  return {
    name: 'minify-html-templates',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|svg)`/.test(code)) return undefined;
      const result = await minifyHTMLLiterals(code, {
        fileName: id,
        css: false,
        html: {
          collapseWhitespace: true,
          conservativeCollapse: true,
          removeComments: true,
          caseSensitive: true,
          keepClosingSlash: true,
        },
      });
      return result ? { code: result.code, map: result.map ?? null } : undefined;
    },
  };
}

/**
 * A page loads an element's code through \`ozg-forms.js\`, which imports the element's entry, which
 * imports its chunks, which import theirs: one network round trip per level. This writes, for each
 * element, the list of all its modules into \`ozg-forms.js\` (\`__ozgPreload\`), which asks for them
 * at once with \`<link rel="modulepreload">\` before importing the entry.
 */
function preloadList(elements: string[]): Plugin {
  return {
    name: 'ozg-preload-list',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle)
          .filter((file) => file.type === 'chunk')
          .map((chunk) => [chunk.fileName, chunk]),
      );
      const closure = (fileName: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(fileName)) return seen;
        seen.add(fileName);
        for (const imported of chunks.get(fileName)?.imports ?? []) closure(imported, seen);
        return seen;
      };
      // The entry itself is imported at once anyway; its modules are what the list is for.
      const lists = {
        elements: Object.fromEntries(
          elements.map((tag) => [tag, [...closure(`${tag}.js`)].slice(1)]),
        ),
        // Built-in definitions by name (`einbuergerung`, `einbuergerung.quick-check`). Not their
        // translations (`….tr`): one entry per language and definition would weigh on every page,
        // and the element asks for its language's texts as it starts, alongside the definition.
        definitions: Object.fromEntries(
          [...chunks.values()].flatMap((chunk) => {
            const name = /\/src\/definitions\/generated\/([a-z0-9.-]+)\.[jt]s$/.exec(
              chunk.facadeModuleId ?? '',
            )?.[1];
            return name &&
              name !== 'index' &&
              name !== 'meta' &&
              !/\.[a-z]{2,3}(?:-x-[a-z0-9]+)?$/.test(name)
              ? [[name, [...closure(chunk.fileName)]]]
              : [];
          }),
        ),
      };
      // Each language's texts (the UI's, the validation messages) by language: an element asks
      // for them only once its code runs; the loader asks for them with the code. Not variants
      // such as Leichte Sprache (`de-x-ls`): the loader names a page's language by its first part.
      const languages: Record<string, string[]> = {};
      for (const chunk of chunks.values()) {
        const language = /\/src\/(?:i18n\/generated|core\/messages)\/([a-z]{2,3})\.ts$/.exec(
          chunk.facadeModuleId ?? '',
        )?.[1];
        // By the hash alone: the loader puts `chunks/<language>-` before it.
        const hash =
          language && new RegExp(`^chunks/${language}-(.+)\\.js$`).exec(chunk.fileName)?.[1];
        if (language && !hash)
          throw new Error(`ozg-preload-list: ${chunk.fileName} is no language chunk`);
        if (hash) (languages[language!] ??= []).push(hash);
      }
      Object.assign(lists, { languages });
      const loader = chunks.get('ozg-forms.js');
      if (!loader) throw new Error('ozg-preload-list: no ozg-forms.js in the bundle');
      // Every file is a chunk: written without `chunks/` and `.js` (the loader adds them back).
      const json = JSON.stringify(lists).replace(/"chunks\/([^"]+)\.js"/g, '"$1"');
      if (json.includes('.js"')) throw new Error('ozg-preload-list: a file outside chunks/');
      loader.code = `const __ozgPreload=${json};\n${loader.code}`;
      // One line more at the top: the source map starts one line later.
      const map = bundle['ozg-forms.js.map'];
      if (map?.type === 'asset' && typeof map.source === 'string') {
        const parsed = JSON.parse(map.source) as { mappings: string };
        parsed.mappings = `;${parsed.mappings}`;
        map.source = JSON.stringify(parsed);
      }
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
  plugins: [
    minifyCssTemplates(),
    minifyHtmlTemplates(),
    preloadList(['applicant-form', 'quick-check', 'payment-step', 'document-upload']),
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    // The licences of what the modules bundle (Lit, ajv, …), shipped beside them.
    license: { fileName: 'THIRD-PARTY-LICENSES.md' },
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
        // What the elements need at first render travels as one chunk (Lit, the language, the
        // session, the definition's loader): each chunk of its own costs a request, its gzip
        // overhead, and the names it shares with the others (three chunks of 18.7 KB gzip are
        // 17.8 KB as one). <document-upload> alone needs less of it, but is mostly opened within
        // the form, which has loaded it already.
        codeSplitting: {
          groups: [
            {
              name: 'base',
              test: /\/node_modules\/(@lit\/reactive-element|lit-html\/lit-html|lit-element|@lit\/localize)\/|\/src\/i18n\/(localization|messages|locale-codes)\.ts$|\/src\/elements\/shared\/(language-controller|a11y-controllers|definition-controller|styles|form-styles|draft-sweep|form-events|loader)\.ts$|\/src\/core\/(draft-sweep|locale|digest|pointer|texts|fields|validator|handoff|documents|draft|session|errors|definition-error|messages\/(catalog|validation|index))\.ts$/,
            },
          ],
        },
        // Vite keeps white space in ES library builds (for bundlers that re-bundle them); these
        // files go to citizens' phones as they are, so they are minified completely.
        minify: true,
        comments: { annotation: false, jsdoc: false, legal: false },
      },
    },
  },
});
