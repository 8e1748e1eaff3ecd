import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { Upload } from 'tus-js-client';
import {
  checkFile,
  DEFAULT_ACCEPT,
  DEFAULT_MAX_SIZE,
  formatSize,
  parseSize,
  SNIFF_BYTES,
  typesText,
  type FileProblem,
} from '../../core/files.js';
import type { UploadedFile } from '../../core/documents.js';
import { LanguageController } from '../shared/language-controller.js';
// The message tables load with the element's language (plural forms: `filesAtMost`).
import '../../i18n/messages.js';
import { messages } from '../../core/messages/validation.js';
import { Announcer } from '../shared/a11y-controllers.js';
import { formStyles } from '../shared/form-styles.js';
import { base, tokens } from '../shared/styles.js';
import {
  UploadChangeEvent,
  UploadCompleteEvent,
  UploadErrorEvent,
  UploadProgressEvent,
  type UploadErrorDetail,
} from './events.js';

type Status = 'preparing' | 'uploading' | 'paused' | 'done' | 'refused' | 'error' | 'reselect';

interface Entry {
  key: number;
  name: string;
  size: number;
  type: string;
  status: Status;
  /** 0…1 */
  progress: number;
  message?: string;
  file?: File;
  upload?: Upload;
  result?: UploadedFile;
  /** The last quarter announced to screen readers (0…4). */
  announced: number;
}

interface Saved {
  done: UploadedFile[];
  /** Uploads interrupted by a reload: resumed when the citizen picks the same file again. */
  open: { name: string; size: number; type: string }[];
}

const RETRY_DELAYS = [0, 1000, 3000, 6000, 12000, 20000];

function session(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

async function sha256(blob: Blob): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined; // not a secure context
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file still on its way, or waiting to be picked again after a reload. */
function isOpen(entry: { status: string }): boolean {
  return ['preparing', 'uploading', 'paused', 'reselect'].includes(entry.status);
}

/**
 * Evidence documents (passport, certificates): chosen with the file picker or dropped, checked in
 * the browser before a byte is sent (size, and type by the file's leading bytes, not its name),
 * large photos downscaled, and uploaded resumably with the tus protocol — with progress, pause,
 * automatic retries, and resumption after a dropped connection or a reload. The value is the list
 * of uploaded files (id, name, type, size, SHA-256) that an application references.
 *
 * @summary Checked, resumable uploads of evidence documents, with progress.
 *
 * @fires upload-progress - `UploadProgressEvent`: `detail: { name, bytesUploaded, bytesTotal }`.
 * @fires upload-complete - `UploadCompleteEvent`: a file is on the server, checksum verified. `detail: { file }`.
 * @fires upload-error - `UploadErrorEvent`: a file was refused or failed. `detail: { name, kind, message }`.
 * @fires change - `UploadChangeEvent`: the uploaded files changed. `detail: { value }`.
 *
 * @csspart base - The wrapper.
 * @csspart label - The document's name.
 * @csspart hint - The hint with the accepted types and the size limit.
 * @csspart dropzone - The area that takes dropped files, around the file picker.
 * @csspart input - The file input (visually hidden; its label `pick-button` opens it).
 * @csspart pick-button - "Datei auswählen": the file picker's button, in the element's language.
 * @csspart files - The list of files.
 * @csspart file - One file.
 * @csspart progress - A file's progress bar.
 * @csspart error - A file's error message.
 * @csspart button - Every button.
 *
 * @cssprop --ozg-color-primary - Buttons and the drop zone's border when a file is dragged over it.
 * @cssprop --ozg-color-danger - Refused files.
 * @cssprop --ozg-color-success - Uploaded files.
 * @cssprop --ozg-color-border - The drop zone's border.
 * @cssprop --ozg-font-family - Font.
 */
export class DocumentUpload extends LitElement {
  /** Marks the library's own element (see `registerComposed`), also under another tag name. */
  static readonly ozg = 'document-upload';

  static formAssociated = true;

  static override styles = [
    tokens,
    base,
    formStyles,
    css`
      .drop {
        border: 2px dashed var(--_border);
        border-radius: var(--_radius);
        padding: 1rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .drop.over {
        border-color: var(--_primary);
        background: color-mix(in srgb, var(--_primary) 8%, transparent);
      }
      .drop:focus-within {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      input[type='file'] {
        font: inherit;
        max-width: 100%;
      }
      .pick {
        display: inline-block;
        padding: 0.5rem 1rem;
        border: 2px solid var(--_primary);
        border-radius: var(--_radius);
        color: var(--_primary);
        background: var(--_background);
        font-weight: 600;
        cursor: pointer;
      }
      input[type='file']:focus-visible {
        outline: none;
      }
      ul.files {
        list-style: none;
        padding: 0;
        margin: 1rem 0 0;
      }
      ul.files > li {
        border-inline-start: 4px solid var(--_border);
        padding: 0.5rem 0 0.5rem 0.75rem;
        margin-bottom: 0.75rem;
      }
      ul.files > li.done {
        border-color: var(--_success);
      }
      ul.files > li.refused,
      ul.files > li.error {
        border-color: var(--_danger);
      }
      .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .size {
        color: var(--_muted);
      }
      progress {
        width: 100%;
        max-width: 20rem;
        height: 0.75rem;
        accent-color: var(--_primary);
        vertical-align: middle;
      }
      .file-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        margin-top: 0.25rem;
      }
      p {
        margin: 0.25rem 0;
      }
    `,
  ];

  static override properties = {
    endpoint: { type: String },
    accept: { type: String },
    maxSize: { type: String, attribute: 'max-size' },
    multiple: { type: Boolean },
    maxFiles: { type: Number, attribute: 'max-files' },
    label: { type: String },
    hint: { type: String },
    required: { type: Boolean },
    name: { type: String },
    definition: { type: String },
    document: { type: String },
    chunkSize: { type: String, attribute: 'chunk-size' },
    maxImageSize: { type: Number, attribute: 'max-image-size' },
    storage: { type: String },
    headers: { attribute: false },
    _entries: { state: true },
    _over: { state: true },
  };

  /** The tus endpoint (`POST` creates an upload). */
  declare endpoint: string | undefined;
  /** Accepted types, comma-separated MIME types (checked by the file's bytes): PDF, JPEG, PNG. */
  declare accept: string;
  /** Largest file, e.g. `10MB`. */
  declare maxSize: string;
  /** Allows several files (up to `max-files`, default 10). */
  declare multiple: boolean;
  declare maxFiles: number | undefined;
  /** The document's name, e.g. "Reisepass". */
  declare label: string | undefined;
  /** A hint under the name. */
  declare hint: string | undefined;
  /** At least one file is needed (form validity). */
  declare required: boolean;
  /** The form field's name. */
  declare name: string | undefined;
  /** The definition and the document the files are for: the server applies that document's limits. */
  declare definition: string | undefined;
  declare document: string | undefined;
  /** Bytes per request, e.g. `1MB` (smaller resumes sooner on weak connections). Default 2 MB. */
  declare chunkSize: string;
  /** Photos whose longer side is larger are downscaled to this many pixels (JPEG); `0`: never. PDFs never. */
  declare maxImageSize: number;
  /** `session` (default): keep the list of uploaded files in this tab across a reload; `none`: keep nothing. */
  declare storage: 'session' | 'none';
  /** Extra request headers (e.g. a CSRF token). */
  declare headers: Record<string, string>;

  declare private _entries: Entry[];
  declare private _over: boolean;
  /** Says what became of each file (a polite live region, shared with the other elements). */
  #announcer = new Announcer(this);

  #internals: ElementInternals;
  #next = 1;
  /** Follows `lang` on the element or the page (sizes are written the language's way). */
  #lang = new LanguageController(this);

  constructor() {
    super();
    this.endpoint = undefined;
    this.accept = DEFAULT_ACCEPT.join(',');
    this.maxSize = '10MB';
    this.multiple = false;
    this.maxFiles = undefined;
    this.label = undefined;
    this.hint = undefined;
    this.required = false;
    this.name = undefined;
    this.definition = undefined;
    this.document = undefined;
    this.chunkSize = '2MB';
    this.maxImageSize = 2400;
    this.storage = 'session';
    this.headers = {};
    this._entries = [];
    this._over = false;
    this.#internals = this.attachInternals();
    // A value set before the element was defined sits on the instance and hides the accessor.
    if (Object.prototype.hasOwnProperty.call(this, 'value')) {
      this.#initialValue = (this as unknown as { value: UploadedFile[] }).value;
      delete (this as unknown as { value?: unknown }).value;
    }
    updateWhenLocaleChanges(this);
  }

  #initialValue: UploadedFile[] | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Leaving the page: uploads stop where they are and resume from there next time.
    for (const entry of this._entries) void entry.upload?.abort();
  }

  /** The uploaded files, in the order they were added. */
  get value(): UploadedFile[] {
    return this._entries.filter((e) => e.result).map((e) => ({ ...e.result! }));
  }

  /** Sets the uploaded files (e.g. from a saved application); uploads under way stay. */
  set value(files: UploadedFile[]) {
    const done = (Array.isArray(files) ? files : []).map((result) =>
      this.#entry({ ...result, status: 'done', progress: 1, result: { ...result } }),
    );
    const current = this._entries.filter((e) => e.status === 'done').map((e) => e.result!.id);
    if (current.join() === done.map((d) => d.result!.id).join()) return;
    this._entries = [...done, ...this._entries.filter((e) => e.status !== 'done')];
    this.#save();
  }

  /** Files still on their way (or waiting to be picked again after a reload). */
  get pending(): number {
    return this._entries.filter(isOpen).length;
  }

  #accepted(): string[] {
    return this.accept
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  }

  #limit(): number {
    return parseSize(this.maxSize) ?? DEFAULT_MAX_SIZE;
  }

  #capacity(): number {
    return this.maxFiles ?? (this.multiple ? 10 : 1);
  }

  #storageKey(): string | undefined {
    if (this.storage === 'none') return undefined;
    return `ozg-forms:uploads:${this.definition ?? ''}:${this.document ?? this.name ?? this.id ?? ''}`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.hasUpdated) {
      this.#restore();
      if (this.#initialValue) this.value = this.#initialValue;
      this.#initialValue = undefined;
    }
    if (changed.has('_entries') || changed.has('required')) this.#syncForm();
  }

  #restore(): void {
    const key = this.#storageKey();
    if (!key) return;
    try {
      const saved = JSON.parse(session()?.getItem(key) ?? 'null') as Saved | null;
      if (!saved) return;
      this._entries = [
        ...saved.done.map((result) =>
          this.#entry({ ...result, status: 'done', progress: 1, result }),
        ),
        ...saved.open.map((open) =>
          this.#entry({
            ...open,
            status: 'reselect' as const,
            message: msg(
              'Bitte wählen Sie diese Datei noch einmal aus: Das Hochladen geht dann an der unterbrochenen Stelle weiter.',
            ),
          }),
        ),
      ];
    } catch {
      session()?.removeItem(key);
    }
  }

  #save(): void {
    const key = this.#storageKey();
    if (!key) return;
    const saved: Saved = {
      done: this.value,
      open: this._entries.filter(isOpen).map((e) => ({ name: e.name, size: e.size, type: e.type })),
    };
    try {
      if (saved.done.length === 0 && saved.open.length === 0) session()?.removeItem(key);
      else session()?.setItem(key, JSON.stringify(saved));
    } catch {
      // storage full or blocked: the uploads go on
    }
  }

  #syncForm(): void {
    const value = this.value;
    this.#internals.setFormValue(value.length > 0 ? JSON.stringify(value) : null);
    if (this.required && value.length === 0) {
      this.#internals.setValidity(
        { valueMissing: true },
        msg('Bitte laden Sie mindestens eine Datei hoch.'),
      );
    } else {
      this.#internals.setValidity({});
    }
  }

  #entry(fields: Partial<Entry> & Pick<Entry, 'name' | 'size' | 'type' | 'status'>): Entry {
    return { key: this.#next++, progress: 0, announced: 0, ...fields };
  }

  #update(entry: Entry, changes: Partial<Entry>): void {
    Object.assign(entry, changes);
    this._entries = [...this._entries];
    this.#save();
  }

  #announce(text: string): void {
    this.#announcer.announce(text);
  }

  #problemText(file: { name: string; size: number }, problem: FileProblem): string {
    switch (problem.kind) {
      case 'size':
        return msg(
          str`Die Datei ist ${formatSize(problem.size, this.#lang.language, true)} groß. Erlaubt sind höchstens ${formatSize(problem.limit, this.#lang.language)}.`,
        );
      case 'empty':
        return msg('Die Datei ist leer.');
      default:
        return msg(
          str`Die Datei „${file.name}“ ist keine Datei vom Typ ${typesText(this.#accepted(), this.#lang.language)}. Bitte wählen Sie eine andere Datei.`,
        );
    }
  }

  #typesText(): string {
    return typesText(this.#accepted());
  }

  #fail(entry: Entry, detail: UploadErrorDetail, status: Status = 'error'): void {
    this.#update(entry, { status, message: detail.message });
    this.#announce(`${entry.name}: ${detail.message}`);
    this.dispatchEvent(new UploadErrorEvent(detail));
  }

  /** Adds files (from the picker or a drop): each is checked, then uploaded. */
  async addFiles(files: Iterable<File>): Promise<void> {
    const list = [...files];
    // What is said about the files is said in the citizen's language, once its texts are in.
    await this.#lang.ready;
    const capacity = this.#capacity();
    for (const file of list) {
      // A file picked again after a reload resumes its interrupted upload.
      const waiting = this._entries.find(
        (e) => e.status === 'reselect' && e.name === file.name && e.size === file.size,
      );
      if (!waiting) {
        const kept = this._entries.filter((e) => e.status !== 'refused' && e.status !== 'error');
        if (capacity === 1 && kept.length > 0) {
          // One file per document: a new one replaces the old.
          for (const old of this._entries) void old.upload?.abort(true);
          this._entries = [];
        } else if (kept.length >= capacity) {
          const message = messages.format(this.#lang.language, 'filesAtMost', { n: capacity }).text;
          this.#announce(message);
          this.dispatchEvent(new UploadErrorEvent({ name: file.name, kind: 'count', message }));
          continue;
        }
      }
      const entry =
        waiting ??
        this.#entry({ name: file.name, size: file.size, type: file.type, status: 'preparing' });
      if (!waiting) this._entries = [...this._entries.filter((e) => e.status !== 'refused'), entry];
      await this.#prepare(entry, file);
    }
  }

  async #prepare(entry: Entry, original: File): Promise<void> {
    this.#update(entry, { status: 'preparing', message: undefined, file: original });
    const head = new Uint8Array(await original.slice(0, SNIFF_BYTES).arrayBuffer());
    let file = original;
    const problem = checkFile(
      { size: original.size, head },
      // A photo too large as taken may still fit once downscaled: the size is checked after that.
      { accept: this.#accepted(), maxSize: Number.MAX_SAFE_INTEGER },
    );
    if (problem) {
      return this.#fail(
        entry,
        {
          name: original.name,
          kind: problem.kind === 'type' ? 'type' : 'empty',
          message: this.#problemText(original, problem),
        },
        'refused',
      );
    }
    if (head[0] === 0xff || head[0] === 0x89) file = await this.#downscale(original);
    if (file.size > this.#limit()) {
      const sizeProblem: FileProblem = { kind: 'size', size: file.size, limit: this.#limit() };
      return this.#fail(
        entry,
        { name: original.name, kind: 'size', message: this.#problemText(original, sizeProblem) },
        'refused',
      );
    }
    this.#update(entry, {
      file,
      name: file.name,
      size: file.size,
      type: file.type || 'application/octet-stream',
    });
    await this.#start(entry);
  }

  /** A photo larger than `max-image-size` pixels on its longer side becomes a smaller JPEG. */
  async #downscale(file: File): Promise<File> {
    const limit = this.maxImageSize;
    if (!(limit > 0) || typeof createImageBitmap !== 'function') return file;
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      return file; // not decodable here: uploaded as it is, the server checks it
    }
    const longer = Math.max(bitmap.width, bitmap.height);
    if (longer <= limit) {
      bitmap.close();
      return file;
    }
    const scale = limit / longer;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', 0.85),
    );
    if (!blob || blob.size >= file.size) return file;
    const name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
    return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified });
  }

  async #start(entry: Entry): Promise<void> {
    const file = entry.file!;
    if (!this.endpoint) {
      return this.#fail(entry, {
        name: entry.name,
        kind: 'server',
        message: msg(
          'Das Hochladen ist hier noch nicht eingerichtet. Bitte wenden Sie sich an die Behörde.',
        ),
      });
    }
    let tus: typeof import('tus-js-client');
    try {
      tus = await import('tus-js-client/lib.esm/browser/index.js');
    } catch {
      return this.#fail(entry, {
        name: entry.name,
        kind: 'network',
        message: msg(
          'Das Hochladen konnte nicht starten: Die Verbindung ist gestört. Bitte versuchen Sie es erneut.',
        ),
      });
    }
    const { SessionUrlStorage, uploadSession } = await import('./session-url-storage.js');
    const local = sha256(file);
    const metadata: Record<string, string> = { filename: entry.name, filetype: file.type };
    if (this.definition) metadata.definition = this.definition;
    if (this.document) metadata.document = this.document;
    const upload = new tus.Upload(file, {
      endpoint: new URL(this.endpoint, document.baseURI).href,
      metadata,
      headers: { ...this.headers, 'x-upload-session': uploadSession() },
      chunkSize: parseSize(this.chunkSize) ?? 2 * 1024 * 1024,
      retryDelays: RETRY_DELAYS,
      urlStorage: new SessionUrlStorage(),
      // By content, not by name and date: the same file picked again after a reload resumes.
      fingerprint: async () => `ozg-forms::${this.endpoint}::${await local}::${file.size}`,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => this.#progress(entry, sent, total),
      onSuccess: (payload) =>
        void this.#done(
          entry,
          local,
          payload.lastResponse.getHeader('x-upload-sha256') ?? undefined,
        ),
      onError: (error) => this.#failed(entry, error),
    });
    this.#update(entry, { upload, status: 'uploading', message: undefined });
    const previous = await upload.findPreviousUploads();
    if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]!);
    upload.start();
  }

  #progress(entry: Entry, sent: number, total: number): void {
    // Progress re-renders but is not saved: a resumed upload asks the server for its offset.
    entry.progress = total > 0 ? sent / total : 0;
    this._entries = [...this._entries];
    const progress = entry.progress;
    // Announced at sensible steps: every quarter, not every chunk.
    const quarter = Math.floor(progress * 4);
    if (quarter > entry.announced && quarter < 4) {
      entry.announced = quarter;
      this.#announce(msg(str`${entry.name}: ${quarter * 25} % hochgeladen`));
    }
    this.dispatchEvent(
      new UploadProgressEvent({ name: entry.name, bytesUploaded: sent, bytesTotal: total }),
    );
  }

  async #done(
    entry: Entry,
    local: Promise<string | undefined>,
    server: string | undefined,
  ): Promise<void> {
    const mine = await local;
    if (!server || (mine && mine !== server)) {
      return this.#fail(entry, {
        name: entry.name,
        kind: 'checksum',
        message: msg(
          'Die Datei ist beim Hochladen beschädigt worden. Bitte laden Sie sie noch einmal hoch.',
        ),
      });
    }
    const url = entry.upload?.url ?? '';
    const result: UploadedFile = {
      id: url.split('/').pop() ?? '',
      name: entry.name,
      type: entry.type,
      size: entry.size,
      sha256: server,
    };
    this.#update(entry, {
      status: 'done',
      progress: 1,
      result,
      upload: undefined,
      file: undefined,
    });
    this.#announce(msg(str`${entry.name} ist hochgeladen.`));
    this.dispatchEvent(new UploadCompleteEvent(result));
    this.dispatchEvent(new UploadChangeEvent(this.value));
  }

  #failed(entry: Entry, error: Error): void {
    const response = (
      error as { originalResponse?: { getStatus(): number; getBody(): string } | null }
    ).originalResponse;
    const status = response?.getStatus() ?? 0;
    const body = response?.getBody() ?? '';
    const refused = status === 413 || status === 415;
    this.#fail(
      entry,
      {
        name: entry.name,
        kind: response ? 'server' : 'network',
        message:
          refused && body && body.length < 300 && !/</.test(body)
            ? body
            : response
              ? msg(
                  'Der Server hat die Datei nicht angenommen. Bitte versuchen Sie es erneut oder wählen Sie eine andere Datei.',
                )
              : msg(
                  'Die Verbindung ist abgebrochen. Das Hochladen geht an der unterbrochenen Stelle weiter, wenn Sie „Erneut versuchen“ wählen.',
                ),
      },
      refused ? 'refused' : 'error',
    );
  }

  #pause(entry: Entry): void {
    void entry.upload?.abort();
    this.#update(entry, { status: 'paused' });
    this.#announce(msg(str`${entry.name}: angehalten`));
  }

  #resume(entry: Entry): void {
    if (entry.upload) {
      this.#update(entry, { status: 'uploading', message: undefined });
      entry.upload.start();
    } else if (entry.file) {
      void this.#start(entry);
    }
  }

  #remove(entry: Entry): void {
    void entry.upload?.abort(true);
    const hadResult = Boolean(entry.result);
    this._entries = this._entries.filter((e) => e !== entry);
    this.#save();
    this.#announce(msg(str`${entry.name} entfernt.`));
    if (hadResult) this.dispatchEvent(new UploadChangeEvent(this.value));
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.focus(),
    );
  }

  #onChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = input.files ? [...input.files] : [];
    input.value = '';
    void this.addFiles(files);
  };

  #onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this._over = false;
    const files = event.dataTransfer?.files;
    if (files && files.length > 0) void this.addFiles(this.multiple ? [...files] : [files[0]!]);
  };

  #statusText(entry: Entry): string {
    switch (entry.status) {
      case 'preparing':
        return msg('Wird geprüft …');
      case 'uploading':
        return msg(str`${Math.floor(entry.progress * 100)} % hochgeladen`);
      case 'paused':
        return msg(str`Angehalten bei ${Math.floor(entry.progress * 100)} %`);
      case 'done':
        return msg('Hochgeladen');
      default:
        return entry.message ?? '';
    }
  }

  override render() {
    const limit = formatSize(this.#limit(), this.#lang.language);
    const capacity = this.#capacity();
    const rules =
      capacity > 1
        ? msg(
            str`Erlaubt: ${this.#typesText()}, höchstens ${limit} je Datei, bis zu ${capacity} Dateien.`,
          )
        : msg(str`Erlaubt: ${this.#typesText()}, höchstens ${limit}.`);
    return html`<div part="base">
      <div class="field">
        <label for="file" part="label"
          >${this.label ?? msg('Datei')}${
            this.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing
          }</label
        >
        <div id="hint" class="hint" part="hint">
          ${this.hint ? html`${this.hint} ` : nothing}${rules}
        </div>
        <div
          class="drop ${this._over ? 'over' : ''}"
          part="dropzone"
          @dragover=${(e: DragEvent) => {
            e.preventDefault();
            this._over = true;
          }}
          @dragleave=${() => (this._over = false)}
          @drop=${this.#onDrop}
        >
          <input
            type="file"
            id="file"
            class="visually-hidden"
            part="input"
            accept=${this.accept}
            ?multiple=${capacity > 1}
            aria-describedby="hint"
            aria-required=${this.required ? 'true' : 'false'}
            @change=${this.#onChange}
          />
          <!-- The browser's own picker button speaks the browser's language ("Choose Files")
               and says "no file chosen" beside files already uploaded: this one speaks the
               element's, and the chosen files are listed below. -->
          <label for="file" class="pick" part="pick-button"
            >${capacity > 1 ? msg('Dateien auswählen') : msg('Datei auswählen')}</label
          >
          <span class="note" aria-hidden="true">${msg('oder hierher ziehen')}</span>
        </div>
      </div>
      ${
        this._entries.length > 0
          ? html`<ul class="files" part="files" aria-label=${msg('Ausgewählte Dateien')}>
              ${this._entries.map((entry) => this.#renderEntry(entry))}
            </ul>`
          : nothing
      }
      ${this.#announcer.render()}
    </div>`;
  }

  #renderEntry(entry: Entry) {
    const percent = Math.floor(entry.progress * 100);
    const button = (label: string, cls: string, action: () => void) =>
      html`<button type="button" class="link ${cls}" part="button" @click=${action}>
        ${label}<span class="visually-hidden">: ${entry.name}</span>
      </button>`;
    const failed =
      entry.status === 'refused' || entry.status === 'error' || entry.status === 'reselect';
    return html`<li class=${entry.status} part="file">
      <span class="name">${entry.name}</span>
      <span class="size">(${formatSize(entry.size, this.#lang.language)})</span>
      ${
        entry.status === 'uploading' || entry.status === 'paused'
          ? html`<div>
              <progress
                part="progress"
                max="100"
                .value=${percent}
                aria-label=${msg(str`Hochladen von ${entry.name}`)}
              ></progress>
            </div>`
          : nothing
      }
      <p class=${failed ? 'error' : 'status'} part=${failed ? 'error' : nothing}>
        ${failed ? html`<span class="visually-hidden">${msg('Fehler:')}</span> ` : nothing}${this.#statusText(entry)}
      </p>
      <div class="file-actions">
        ${entry.status === 'uploading' ? button(msg('Anhalten'), 'pause', () => this.#pause(entry)) : nothing}
        ${entry.status === 'paused' ? button(msg('Fortsetzen'), 'resume', () => this.#resume(entry)) : nothing}
        ${
          entry.status === 'error' && entry.file
            ? button(msg('Erneut versuchen'), 'retry', () => this.#resume(entry))
            : nothing
        }
        ${
          entry.status === 'uploading' || entry.status === 'paused' || entry.status === 'preparing'
            ? button(msg('Abbrechen'), 'cancel', () => this.#remove(entry))
            : button(msg('Entfernen'), 'remove', () => this.#remove(entry))
        }
      </div>
    </li>`;
  }
}
