/** The events of `<document-upload>`: typed, bubbling, composed. */
import type { UploadedFile } from '../../core/documents.js';

const init = { bubbles: true, composed: true } as const;

export interface UploadProgressDetail {
  name: string;
  bytesUploaded: number;
  bytesTotal: number;
}

/** Fired while a file uploads (throttled by the upload client). */
export class UploadProgressEvent extends CustomEvent<UploadProgressDetail> {
  constructor(detail: UploadProgressDetail) {
    super('upload-progress', { ...init, detail });
  }
}

/** Fired when a file is uploaded completely and the server's checksum matches. */
export class UploadCompleteEvent extends CustomEvent<{ file: UploadedFile }> {
  constructor(file: UploadedFile) {
    super('upload-complete', { ...init, detail: { file } });
  }
}

export interface UploadErrorDetail {
  name: string;
  /** `size`, `type`, `empty`, `count` (refused before any byte is sent); `server`, `network`, `checksum`. */
  kind: 'size' | 'type' | 'empty' | 'count' | 'server' | 'network' | 'checksum';
  message: string;
}

/** Fired when a file is refused or its upload fails. */
export class UploadErrorEvent extends CustomEvent<UploadErrorDetail> {
  constructor(detail: UploadErrorDetail) {
    super('upload-error', { ...init, detail });
  }
}

/** Fired when the list of uploaded files (the `value`) changes. */
export class UploadChangeEvent extends CustomEvent<{ value: UploadedFile[] }> {
  constructor(value: UploadedFile[]) {
    super('change', { ...init, detail: { value } });
  }
}

/*
 * `change` (UploadChangeEvent) is not listed: the DOM's own map types it as a plain `Event`,
 * which an entry here cannot narrow.
 */
declare global {
  interface GlobalEventHandlersEventMap {
    'upload-progress': UploadProgressEvent;
    'upload-complete': UploadCompleteEvent;
    'upload-error': UploadErrorEvent;
  }
}
