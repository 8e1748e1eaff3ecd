/**
 * The translations' report: for each language (or the ones named on the command line), what a
 * citizen would read in German because a translation lacks it, and what a translation gets wrong
 * (placeholders, plural forms, the German legal term beside its translation). Reads only; exits 1
 * when a built-in service's text, a library text or a message is missing or wrong in a language.
 *
 *   node --import tsx scripts/check-translations.ts          every language
 *   node --import tsx scripts/check-translations.ts tr ar    these
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrateDefinition } from '../src/core/migrate.js';
import { textPointers } from '../src/core/text-pointers.js';
import type { Definition } from '../src/core/types.js';

const root = new URL('..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8')) as {
  targetLocales: string[];
};
const wanted = process.argv.slice(2);
const languages = wanted.length > 0 ? wanted : config.targetLocales;

/** The German legal terms and how to find them in a German text. */
const glossary = JSON.parse(readFileSync(join(root, 'locales/glossary/terms.json'), 'utf8')) as {
  terms: Record<string, { match: string }>;
};
const terms = Object.entries(glossary.terms).map(([term, { match }]) => ({
  term,
  pattern: new RegExp(match),
}));
/** Without the Unicode direction isolates a right-to-left text puts around a German term. */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
/** The terms a German text contains that its translation does not name in German. */
function termsWithoutGerman(german: string, translation: string): string[] {
  return terms
    .filter(({ term, pattern }) => pattern.test(german) && !plain(translation).includes(term))
    .map(({ term }) => term);
}

/** The units of an XLIFF file: id → source and target (undefined when untranslated). */
function xliffUnits(file: string): Map<string, { source: string; target: string | undefined }> {
  const units = new Map<string, { source: string; target: string | undefined }>();
  const xml = readFileSync(file, 'utf8');
  for (const match of xml.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const body = match[2]!;
    const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1] ?? '';
    const target = /<target(?:\s[^>]*)?>([\s\S]*?)<\/target>/.exec(body)?.[1];
    units.set(match[1]!, { source, target });
  }
  return units;
}
const placeholders = (text: string) => [...text.matchAll(/<x id="(\d+)"/g)].map((m) => m[1]).sort();
const unescape = (xml: string) =>
  xml
    .replace(/<x [^>]*\/>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const definitions = readdirSync(join(root, 'src/definitions'), { withFileTypes: true })
  .filter(
    (d) => d.isDirectory() && existsSync(join(root, 'src/definitions', d.name, 'definition.json')),
  )
  .map((d) => {
    const raw = JSON.parse(
      readFileSync(join(root, 'src/definitions', d.name, 'definition.json'), 'utf8'),
    ) as Definition;
    return migrateDefinition(raw) as Definition;
  });

async function table(file: string): Promise<Record<string, unknown> | undefined> {
  if (!existsSync(file)) return undefined;
  return ((await import(pathToFileURL(file).href)) as { default: Record<string, unknown> }).default;
}

let failed = false;
for (const lang of languages.filter((l) => l.includes('-x-'))) {
  // A variant of German (Leichte Sprache): the quick-checks it is written for, complete; every
  // other text stays German, which is what a reader of the variant reads next best.
  const problems: string[] = [];
  const xlf = join(root, 'locales', `${lang}.xlf`);
  if (existsSync(xlf))
    for (const [id, { source, target }] of xliffUnits(xlf))
      if (target !== undefined && placeholders(source).join() !== placeholders(target).join())
        problems.push(
          `locales/${lang}.xlf ${id}: the placeholders <x id="…"/> differ from the source's`,
        );
  let files = 0;
  for (const definition of definitions) {
    const name = `locales/definitions/${definition.id}.quick-check.${lang}.json`;
    if (!existsSync(join(root, name))) continue;
    files++;
    const texts = JSON.parse(readFileSync(join(root, name), 'utf8')) as Record<string, unknown>;
    const pointers = textPointers(definition).filter((p) => p.startsWith('/quickCheck/'));
    for (const pointer of pointers)
      if (typeof texts[pointer] !== 'string' || (texts[pointer] as string).trim() === '')
        problems.push(`${name} ${pointer}: missing`);
  }
  if (problems.length > 0) failed = true;
  console.log(
    `${lang}: ${files} quick-check(s)${problems.length > 0 ? `, ${problems.length} problem(s)` : ', every text there'}`,
  );
  for (const line of problems) console.log(`  ${line}`);
}
for (const lang of languages.filter((l) => !l.includes('-x-'))) {
  const problems: string[] = [];
  const missing: string[] = [];
  const say = (line: string) => problems.push(line);

  // The library's own texts.
  const xlf = join(root, 'locales', `${lang}.xlf`);
  if (!existsSync(xlf)) say(`locales/${lang}.xlf: no such file (npm run localize:extract)`);
  else
    for (const [id, { source, target }] of xliffUnits(xlf)) {
      if (target === undefined || target.trim() === '') {
        missing.push(`locales/${lang}.xlf ${id}: ${unescape(source).slice(0, 60)}`);
        continue;
      }
      if (placeholders(source).join() !== placeholders(target).join())
        say(`locales/${lang}.xlf ${id}: the placeholders <x id="…"/> differ from the source's`);
      if (lang !== 'en')
        for (const term of termsWithoutGerman(unescape(source), unescape(target)))
          say(`locales/${lang}.xlf ${id}: "${term}" is not named in German beside its translation`);
    }

  // Every built-in definition's texts.
  for (const definition of definitions) {
    const name = `locales/definitions/${definition.id}.${lang}.json`;
    const file = join(root, name);
    if (!existsSync(file)) {
      missing.push(`${name}: no such file`);
      continue;
    }
    const texts = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const pointers = textPointers(definition);
    const known = new Set(pointers);
    for (const pointer of pointers) {
      const text = texts[pointer];
      if (typeof text !== 'string' || text.trim() === '') {
        missing.push(`${name} ${pointer}`);
        continue;
      }
      const german = pointer
        .split('/')
        .slice(1)
        .reduce<unknown>(
          (v, t) => (v as Record<string, unknown>)?.[t.replace(/~1/g, '/').replace(/~0/g, '~')],
          definition,
        ) as string;
      if (lang !== 'en')
        for (const term of termsWithoutGerman(german, text))
          say(`${name} ${pointer}: "${term}" is not named in German beside its translation`);
    }
    for (const key of Object.keys(texts))
      if (!key.startsWith('$') && !known.has(key))
        say(`${name}: ${key} is no text of the definition`);
  }

  // The validation messages and the server's problem messages.
  const pluralCategories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  for (const [name, german] of [
    [`src/core/messages/${lang}.ts`, 'src/core/messages/de.ts'],
    [`server/problem-texts/${lang}.ts`, 'server/problem-texts/de.ts'],
  ] as const) {
    const source = await table(join(root, german));
    const translated = await table(join(root, name));
    if (!source) continue;
    if (!translated) {
      missing.push(`${name}: no such file`);
      continue;
    }
    for (const [id, message] of Object.entries(source)) {
      const mine = translated[id];
      if (mine === undefined) {
        missing.push(`${name} ${id}`);
        continue;
      }
      const forms = typeof mine === 'string' ? { other: mine } : (mine as Record<string, string>);
      const wantedForms = typeof message === 'string' ? ['other'] : pluralCategories;
      for (const form of wantedForms)
        if (typeof message !== 'string' && typeof forms[form] !== 'string')
          say(
            `${name} ${id}: no plural form "${form}" (${lang} has ${pluralCategories.join(', ')})`,
          );
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const germanNames = new Set(
        (typeof message === 'string' ? [message] : Object.values(message as object)).flatMap((t) =>
          names(t as string),
        ),
      );
      for (const text of Object.values(forms))
        for (const placeholder of names(text))
          if (!germanNames.has(placeholder))
            say(`${name} ${id}: {${placeholder}} is no placeholder of the German message`);
    }
  }

  if (missing.length > 0) failed = true;
  if (problems.length > 0) failed = true;
  console.log(
    `${lang}: ${missing.length === 0 ? 'every text translated' : `${missing.length} text(s) would show in German`}${problems.length > 0 ? `, ${problems.length} problem(s)` : ''}`,
  );
  for (const line of [...missing.map((m) => `  missing: ${m}`), ...problems.map((p) => `  ${p}`)])
    console.log(line);
}
process.exit(failed ? 1 : 0);
