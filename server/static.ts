/**
 * Static files of the demo: only from the build and the demo folders, by the raw request path.
 */
import type { ServerResponse } from 'node:http';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { HTML_HEADERS, HttpError, send } from './http.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The folders under the root whose files are served as they are: the build and the demo pages.
 * Nothing else is, and the data directory may not lie in one of them.
 */
export const STATIC_DIRS = ['dist', 'demo'] as const;

/** A path segment a static file may have: no dot segments, no hidden files, nothing encoded. */
const STATIC_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Throws when `dir` is, or is inside, a folder the server serves files from. */
export function assertNotServed(root: string, dir: string, name: string): void {
  for (const served of STATIC_DIRS) {
    const inside = relative(resolve(root, served), resolve(dir));
    if (inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep)))
      throw new Error(`${name} (${dir}) lies inside the served folder ${served}/: choose another`);
  }
}

/**
 * A file of a served folder (`dist/…`, `demo/…`), by the raw request path: anything encoded, a
 * dot segment, a hidden file, a link or anything but a regular file under that folder is 404.
 */
export async function serveFile(res: ServerResponse, root: string, rawPath: string): Promise<void> {
  const [dir, ...segments] = rawPath.split('/').slice(1);
  const notFound = new HttpError(404, 'Not Found');
  if (
    !STATIC_DIRS.includes(dir as (typeof STATIC_DIRS)[number]) ||
    segments.length === 0 ||
    !segments.every((segment) => STATIC_SEGMENT.test(segment))
  )
    throw notFound;
  let content: Buffer;
  let path: string;
  try {
    const base = await realpath(join(root, dir!));
    path = join(base, ...segments);
    // lstat: a symbolic link is not a regular file; realpath: no folder on the way is a link out.
    const [stats, real] = await Promise.all([lstat(path), realpath(path)]);
    if (!stats.isFile() || real !== path || !real.startsWith(base + sep)) throw notFound;
    content = await readFile(path);
  } catch {
    throw notFound;
  }
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  send(
    res,
    200,
    { 'content-type': type, ...(type.startsWith('text/html') ? HTML_HEADERS : {}) },
    content,
  );
}
