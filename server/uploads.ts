/**
 * Evidence uploads over the tus protocol (resumable), with @tus/server and a file store under the
 * data directory. Every file is checked again here, whatever the browser said: its declared size
 * against the document's limit when the upload is created, and its type by its leading bytes when
 * it is complete. A file that fails is deleted and refused; a file that passes is recorded with its
 * SHA-256, so an application can reference it by id — once.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server as TusServer, type Upload } from '@tus/server';
import { FileStore } from '@tus/file-store';
import {
  DEFAULT_ACCEPT,
  DEFAULT_MAX_SIZE,
  formatSize,
  sniffType,
  SNIFF_BYTES,
  typesText,
} from '../src/core/files.js';
import type { ServedDefinition } from './definitions.js';
import type { Store } from './store.js';

/** The largest file any document may allow (the meta-schema's limit). */
const ABSOLUTE_MAX = 100 * 1024 * 1024;

export interface UploadsOptions {
  directory: string;
  definitions: Map<string, ServedDefinition>;
  store: Store;
  log: (entry: Record<string, unknown>) => void;
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
  const { directory, definitions, store, log } = options;
  const datastore = new FileStore({ directory });

  /** The limits of the document an upload is for (or the defaults for a standalone upload). */
  function rulesFor(metadata: Upload['metadata']) {
    const served = metadata?.definition ? definitions.get(metadata.definition) : undefined;
    const requirement = served?.definition.documents?.find((d) => d.id === metadata?.document);
    if (metadata?.definition && !requirement) return undefined;
    return {
      accept: requirement?.accept ?? DEFAULT_ACCEPT,
      maxSize: requirement?.maxSize ?? DEFAULT_MAX_SIZE,
    };
  }

  const tus = new TusServer({
    path: '/api/uploads',
    datastore,
    relativeLocation: true,
    maxSize: ABSOLUTE_MAX,
    exposedHeaders: ['x-upload-sha256'],
    async onUploadCreate(_req, upload) {
      const metadata = upload.metadata ?? {};
      if (!metadata.filename || !metadata.filetype)
        throw refuse(400, 'Upload-Metadata must name filename and filetype');
      if (upload.size === undefined) throw refuse(400, 'Upload-Length is required');
      const rules = rulesFor(metadata);
      if (!rules) throw refuse(400, 'Unknown definition or document');
      if (upload.size > rules.maxSize) {
        throw refuse(
          413,
          `Die Datei ist ${formatSize(upload.size)} groß. Erlaubt sind höchstens ${formatSize(rules.maxSize)}.`,
        );
      }
      if (!rules.accept.includes(metadata.filetype)) {
        throw refuse(415, `Erlaubt sind nur diese Dateitypen: ${typesText(rules.accept)}.`);
      }
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
        log({ event: 'upload.refused', upload: upload.id, reason: 'type' });
        throw refuse(
          415,
          `Der Inhalt der Datei ist kein ${typesText(rules?.accept ?? DEFAULT_ACCEPT)}-Dokument.`,
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

  return {
    handles: (path: string) => path === '/api/uploads' || path.startsWith('/api/uploads/'),
    handle: (req: IncomingMessage, res: ServerResponse) => tus.handle(req, res),
  };
}
