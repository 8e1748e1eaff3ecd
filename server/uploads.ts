/**
 * Evidence uploads over the tus protocol (resumable), with @tus/server and a file store under the
 * data directory. Every file is checked again here, whatever the browser said: its declared size
 * against the document's limit when the upload is created, and its type by its leading bytes when
 * it is complete. A file that fails is deleted and refused; a file that passes is recorded with its
 * SHA-256, so an application can reference it by id — once.
 *
 * An upload is a capability of the browser session that created it: every request for it must
 * carry the same `x-upload-session` secret (only its hash is stored). Once an application uses it,
 * only the authority reads it (through the inbox) and nobody deletes it. Unfinished uploads expire,
 * and what one client and all clients may have unfinished at once is capped.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENTS, Server as TusServer, type Upload } from '@tus/server';
import { FileStore } from '@tus/file-store';
import {
  DEFAULT_ACCEPT,
  DEFAULT_MAX_SIZE,
  formatSize,
  sniffType,
  SNIFF_BYTES,
  typesText,
} from '../src/core/files.js';
import { outcomesOf } from '../src/core/outcome.js';
import type { ServedDefinition } from './definitions.js';
import type { Store } from './store.js';

/** The largest file any document may allow (the meta-schema's limit). */
const ABSOLUTE_MAX = 100 * 1024 * 1024;

/** The header that carries the browser session's upload secret. */
export const UPLOAD_SESSION_HEADER = 'x-upload-session';
const SESSION_SECRET = /^[A-Za-z0-9_-]{22,128}$/;

export interface UploadLimits {
  /** An unfinished upload is removed this long after it was created (ms; default 24 h). */
  unfinishedTtlMs: number;
  /** A complete upload that no application used is removed this long after (ms; default 7 days). */
  unusedTtlMs: number;
  /** Unfinished uploads one client may have at once (default 20). */
  perClientUploads: number;
  /** Declared bytes of one client's unfinished uploads (default 200 MB). */
  perClientBytes: number;
  /** Declared bytes of all unfinished uploads (default 5 GB). */
  totalBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  unfinishedTtlMs: 24 * 60 * 60 * 1000,
  unusedTtlMs: 7 * 24 * 60 * 60 * 1000,
  perClientUploads: 20,
  perClientBytes: 200 * 1024 * 1024,
  totalBytes: 5 * 1024 * 1024 * 1024,
};

export interface UploadsOptions {
  directory: string;
  definitions: Map<string, ServedDefinition>;
  store: Store;
  log: (entry: Record<string, unknown>) => void;
  /** Origins allowed to upload from other sites (CORS). */
  allowedOrigins: string[];
  limits?: Partial<UploadLimits> | undefined;
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * The client a tus request counts against (its Node request underneath): its address, and for
 * IPv6 its /64 network — one subscriber's line, which hands out addresses freely.
 */
function clientOf(req: Request): string {
  const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  const address = node?.socket.remoteAddress ?? 'unknown';
  if (!address.includes(':') || address.startsWith('::ffff:')) return address;
  const [head = '', tail = ''] = address.split('::');
  const groups = [...head.split(':').filter(Boolean)];
  const rest = tail.split(':').filter(Boolean);
  while (groups.length + rest.length < 8) groups.push('0');
  return [...groups, ...rest].slice(0, 4).join(':') + '::/64';
}

/** A tus error response (what @tus/server sends when a hook throws it). */
function refuse(status: number, body: string): { status_code: number; body: string } {
  return { status_code: status, body };
}

async function head(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

export function createUploads(options: UploadsOptions) {
  const { directory, definitions, store, log, allowedOrigins } = options;
  const limits = { ...DEFAULT_UPLOAD_LIMITS, ...options.limits };
  const datastore = new FileStore({
    directory,
    // Gives every unfinished upload an Upload-Expires header, and answers 410 once it is past.
    expirationPeriodInMilliseconds: limits.unfinishedTtlMs,
  });

  /** Whether `secret` is the session secret of the browser tab that created upload `id`. */
  function owns(id: string, secret: unknown): boolean {
    const grant = store.getUploadGrant(id);
    return (
      !!grant &&
      typeof secret === 'string' &&
      SESSION_SECRET.test(secret) &&
      hashOf(secret) === grant.sessionHash
    );
  }

  /** Refuses a new upload past the limits: 429 for one client, 507 for the server as a whole. */
  function checkLimits(client: string, size: number, now: string): void {
    const mine = store.unfinishedUploads(now, client);
    if (mine.count + 1 > limits.perClientUploads || mine.bytes + size > limits.perClientBytes)
      throw refuse(
        429,
        'Zu viele unfertige Uploads von diesem Gerät. Bitte schließen Sie laufende Uploads ab oder versuchen Sie es später erneut.',
      );
    if (store.unfinishedUploads(now).bytes + size > limits.totalBytes)
      throw refuse(
        507,
        'Der Server kann gerade keine weiteren Dateien annehmen. Bitte versuchen Sie es später erneut.',
      );
  }

  /** The limits of the document an upload is for (or the defaults for a standalone upload). */
  function rulesFor(metadata: Upload['metadata']) {
    const served = metadata?.definition ? definitions.get(metadata.definition) : undefined;
    const requirement = served?.definition.documents?.find((d) => d.id === metadata?.document);
    if (metadata?.definition && !requirement) return undefined;
    return {
      accept: requirement?.accept ?? DEFAULT_ACCEPT,
      maxSize: requirement?.maxSize ?? DEFAULT_MAX_SIZE,
      /**
       * A document brought to the appointment (format 2) is not uploaded — unless the definition
       * also offers a submission, in which every document is uploaded.
       */
      brought:
        requirement?.delivery === 'bring' &&
        !outcomesOf(served!.definition).some((o) => o.type === 'submission'),
    };
  }

  const tus = new TusServer({
    path: '/api/uploads',
    datastore,
    relativeLocation: true,
    maxSize: ABSOLUTE_MAX,
    exposedHeaders: ['x-upload-sha256'],
    allowedHeaders: [UPLOAD_SESSION_HEADER, 'x-csrf-token'],
    allowedOrigins: (origin) => allowedOrigins.includes(origin),
    /** Every request for an existing upload: only its own session, and never once it is submitted. */
    async onIncomingRequest(req, id) {
      if (req.method === 'POST') return;
      // Unknown and not yours look the same: an id alone reveals nothing.
      if (!owns(id, req.headers.get(UPLOAD_SESSION_HEADER)))
        throw refuse(404, 'The file does not exist\n');
      if (store.getUpload(id)?.submissionId)
        throw refuse(
          403,
          'Diese Datei gehört zu einem gesendeten Antrag und kann nicht mehr geändert werden.',
        );
    },
    async onUploadCreate(req, upload) {
      const secret = req.headers.get(UPLOAD_SESSION_HEADER) ?? '';
      if (!SESSION_SECRET.test(secret))
        throw refuse(
          400,
          `${UPLOAD_SESSION_HEADER} must be a random secret of 22 to 128 letters, digits, "-" or "_"`,
        );
      const metadata = upload.metadata ?? {};
      if (!metadata.filename || !metadata.filetype)
        throw refuse(400, 'Upload-Metadata must name filename and filetype');
      if (upload.size === undefined) throw refuse(400, 'Upload-Length is required');
      const rules = rulesFor(metadata);
      if (!rules) throw refuse(400, 'Unknown definition or document');
      if (rules.brought)
        throw refuse(
          400,
          'Diese Unterlage bringen Sie zum Termin mit; sie wird nicht hochgeladen.',
        );
      if (upload.size > rules.maxSize) {
        throw refuse(
          413,
          `Die Datei ist ${formatSize(upload.size, 'de', true)} groß. Erlaubt sind höchstens ${formatSize(rules.maxSize)}.`,
        );
      }
      if (!rules.accept.includes(metadata.filetype)) {
        throw refuse(415, `Erlaubt sind nur diese Dateitypen: ${typesText(rules.accept)}.`);
      }
      const client = clientOf(req);
      const now = Date.now();
      checkLimits(client, upload.size, new Date(now).toISOString());
      store.grantUpload({
        id: upload.id,
        sessionHash: hashOf(secret),
        client,
        size: upload.size,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + limits.unfinishedTtlMs).toISOString(),
      });
      return { metadata };
    },
    async onUploadFinish(_req, upload) {
      const metadata = upload.metadata ?? {};
      const path = join(directory, upload.id);
      const rules = rulesFor(metadata);
      const detected = sniffType(await head(path));
      if (
        !rules ||
        !detected ||
        detected !== metadata.filetype ||
        !rules.accept.includes(detected)
      ) {
        await datastore.remove(upload.id);
        store.forgetUpload(upload.id);
        log({ event: 'upload.refused', upload: upload.id, reason: 'type' });
        throw refuse(
          415,
          `Der Inhalt der Datei ist keine Datei vom Typ ${typesText(rules?.accept ?? DEFAULT_ACCEPT, 'de')}.`,
        );
      }
      const checksum = await sha256(path);
      store.recordUpload({
        id: upload.id,
        name: metadata.filename!.normalize('NFC'),
        type: detected,
        size: upload.size!,
        sha256: checksum,
        definitionId: metadata.definition ?? '',
        documentId: metadata.document ?? '',
        createdAt: new Date().toISOString(),
      });
      log({ event: 'upload.complete', upload: upload.id, size: upload.size });
      return { headers: { 'x-upload-sha256': checksum } };
    },
  });

  // The citizen removed a file before sending: forget it.
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id: string) => store.forgetUpload(id));

  /** Removes expired unfinished uploads and complete ones no application used in time. */
  async function sweep(): Promise<void> {
    const now = Date.now();
    const ids = store.expiredUploads(
      new Date(now).toISOString(),
      new Date(now - limits.unusedTtlMs).toISOString(),
    );
    for (const id of ids) {
      // The record first (only while no application uses it), then the file.
      if (store.forgetUpload(id)) await datastore.remove(id).catch(() => undefined);
    }
    if (ids.length > 0) log({ event: 'upload.expired', count: ids.length });
  }

  return {
    handles: (path: string) => path === '/api/uploads' || path.startsWith('/api/uploads/'),
    handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      // Headers every response carries (tus merges its own over them).
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      // A resumed upload that finds itself complete (the final PATCH's answer was lost) learns
      // its checksum from HEAD.
      const id = /^\/api\/uploads\/([0-9a-f]{32})$/.exec((req.url ?? '').split('?')[0]!)?.[1];
      if (req.method === 'HEAD' && id && owns(id, req.headers[UPLOAD_SESSION_HEADER])) {
        const checksum = store.getUpload(id)?.sha256;
        if (checksum) res.setHeader('x-upload-sha256', checksum);
      }
      return tus.handle(req, res);
    },
    /** Starts removing expired uploads now and then; returns the timer (cleared on close). */
    sweep(): NodeJS.Timeout {
      const every = Math.min(Math.max(limits.unfinishedTtlMs / 4, 100), 10 * 60 * 1000);
      const timer = setInterval(() => {
        sweep().catch((error: Error) =>
          log({ event: 'upload.sweep-error', message: error.message }),
        );
      }, every);
      timer.unref();
      return timer;
    },
    sweepNow: sweep,
    /** Removes the files of uploads whose records are gone (an expired or deleted application's). */
    async removeFiles(ids: string[]): Promise<void> {
      for (const id of ids) await datastore.remove(id).catch(() => undefined);
    },
  };
}
