/**
 * `npx ozg-forms`: what a web team runs on its own definitions.
 *
 *   ozg-forms check definition.json…                  the whole check, problems by JSON pointer
 *   ozg-forms precompile definition.json [out.js]     the validator module for a strict-CSP page
 *
 * `run` returns the exit status: 0 done, 1 a definition has problems or a file cannot be read or
 * written, 2 the command line is wrong.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DefinitionError } from '../core/definition-error.js';
import { check, precompile } from './precompile.js';

export const USAGE = `Usage:
  ozg-forms check <definition.json>...
      Checks each definition as the elements and the reference server do (meta-schema, rules,
      every pattern through the ReDoS analysis) and names each problem by its JSON pointer.
  ozg-forms precompile <definition.json> [<out.js>]
      Checks the definition and writes its validator module (default: <definition>.validator.js).
      Serve it from the page's own origin and name it in the element:
      <applicant-form definition="/forms/x.json" validator="/forms/x.validator.js">
  ozg-forms --help | --version`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Path of the validators' run-time helpers (src/core/runtime.ts, or the built copy). */
  runtime?: string;
  version?: string;
}

const console_: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

function read(file: string, io: Io): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    return undefined;
  }
}

/** The problems of a failed check, one line per JSON pointer, under the file's name. */
function report(file: string, error: unknown, io: Io): void {
  if (error instanceof DefinitionError) {
    io.err(
      `${file}: ${error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`}`,
    );
    for (const p of error.problems) io.err(`  ${p.pointer || '/'}: ${p.message}`);
  } else io.err(`${file}: ${error instanceof Error ? error.message : String(error)}`);
}

export async function run(args: string[], io: Io = console_): Promise<number> {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(io.version ?? 'unknown');
    return 0;
  }
  const options = rest.filter((a) => a.startsWith('-'));
  const files = rest.filter((a) => !a.startsWith('-'));
  if (options.length > 0) {
    io.err(`Unknown option ${options[0]}\n\n${USAGE}`);
    return 2;
  }
  if (command === 'check' && files.length > 0) {
    let status = 0;
    for (const file of files) {
      const json = read(file, io);
      if (json === undefined) {
        status = 1;
        continue;
      }
      try {
        const { definition } = check(json);
        io.out(`${file}: valid ("${definition.id}" ${definition.version})`);
      } catch (error) {
        report(file, error, io);
        status = 1;
      }
    }
    return status;
  }
  if (command === 'precompile' && (files.length === 1 || files.length === 2)) {
    const [input, output] = files as [string, string | undefined];
    const target = output ?? `${input.replace(/\.json$/, '')}.validator.js`;
    const json = read(input, io);
    if (json === undefined) return 1;
    let module: string;
    try {
      module = await precompile(json, ...(io.runtime ? [io.runtime] : []));
    } catch (error) {
      report(input, error, io);
      return 1;
    }
    try {
      writeFileSync(target, module);
    } catch (error) {
      io.err(
        `${target}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
      return 1;
    }
    io.out(`Wrote ${target}`);
    return 0;
  }
  io.err(
    `${command === undefined ? 'No command given.' : command === 'check' || command === 'precompile' ? `Wrong arguments for ${command}.` : `Unknown command ${command}.`}\n\n${USAGE}`,
  );
  return 2;
}
