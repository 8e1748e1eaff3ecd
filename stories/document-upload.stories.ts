/**
 * `<document-upload>`: empty, and with files refused before any byte is sent (Storybook has no
 * upload endpoint; uploads and their progress are shown by the demo page and its end-to-end tests).
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, waitFor } from 'storybook/test';
import '../src/elements/document-upload/define.js';
import type { DocumentUpload } from '../src/elements/document-upload/index.js';

interface UploadArgs {
  label: string;
  hint: string;
  maxSize: string;
  maxFiles: number;
  lang: 'de' | 'en';
  onError: (event: Event) => void;
}

const meta = {
  title: 'Elements/document-upload',
  component: 'document-upload',
  render: (args) =>
    html`<document-upload
      endpoint="/api/uploads"
      label=${args.label}
      hint=${args.hint}
      max-size=${args.maxSize}
      max-files=${args.maxFiles}
      ?multiple=${args.maxFiles > 1}
      lang=${args.lang}
      storage="none"
      @upload-error=${args.onError}
    ></document-upload>`,
  args: {
    label: 'Reisepass',
    hint: 'Die Seite mit Ihrem Foto und alle Seiten mit Eintragungen.',
    maxSize: '10MB',
    maxFiles: 6,
    lang: 'de',
    onError: fn(),
  },
  argTypes: {
    maxSize: { name: 'max-size', control: 'text' },
    maxFiles: { name: 'max-files', control: { type: 'number', min: 1, max: 20 } },
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    onError: { table: { disable: true } },
  },
} satisfies Meta<UploadArgs>;

export default meta;
type Story = StoryObj<UploadArgs>;

/** Nothing chosen yet: the picker, the drop zone, the rules. */
export const Empty: Story = {};

/** A renamed executable and a file too large: refused, with the reason in words. */
export const Refused: Story = {
  play: async ({ canvasElement, args }) => {
    const el = canvasElement.querySelector('document-upload') as DocumentUpload;
    await el.addFiles([
      new File([new Uint8Array([0x4d, 0x5a, 0x90, 0])], 'reisepass.pdf', {
        type: 'application/pdf',
      }),
      new File(
        [new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(12 * 1024 * 1024)],
        'scan.pdf',
        {
          type: 'application/pdf',
        },
      ),
    ]);
    await waitFor(() => expect(args.onError).toHaveBeenCalledTimes(2));
  },
};

/** The same in English. */
export const English: Story = { args: { lang: 'en', label: 'Passport', hint: '' } };
