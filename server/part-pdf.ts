/**
 * A printable PDF of one party's part of an application (e.g. the employer's "Erklärung zum
 * Beschäftigungsverhältnis"), so the authority can forward it as it does a paper form today: the
 * service, the reference and date, then each of the party's steps as a section of labelled
 * answers, in the form's order and words (German). Made with pdf-lib; the text is set in DejaVu
 * Sans (embedded, subset), which has the letters of the names people bring (Turkish, Polish,
 * Vietnamese, Cyrillic …), and stays extractable.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { getAt } from '../src/core/pointer.js';
import { labelOf } from '../src/core/fields.js';
import { formatAnswer, GERMAN_WORDS, summaryRows, type SummaryRow } from '../src/core/summary.js';
import type { ServedDefinition } from './definitions.js';

const require = createRequire(import.meta.url);
const font = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
let fonts: { regular: Buffer; bold: Buffer } | undefined;

export interface PdfSection {
  title: string;
  rows: Pick<SummaryRow, 'label' | 'value' | 'depth' | 'heading'>[];
}

export interface PdfDocumentSpec {
  title: string;
  /** Lines under the title: the service, the reference, the date. */
  lines: string[];
  sections: PdfSection[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;

/** The lines `text` breaks into within `width` at `size` (words kept whole where they fit). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A word longer than the line (an e-mail address, a long compound) is broken by letters.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Renders `spec` on A4 pages. */
export async function renderPdf(spec: PdfDocumentSpec): Promise<Uint8Array> {
  fonts ??= { regular: font('DejaVuSans.ttf'), bold: font('DejaVuSans-Bold.ttf') };
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(spec.title);
  pdf.setLanguage('de-DE');
  pdf.setProducer('ozg-forms');
  pdf.setCreator('ozg-forms');
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const width = A4.width - 2 * MARGIN;
  const grey = rgb(0.3, 0.3, 0.3);
  let page: PDFPage = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;

  const room = (needed: number) => {
    if (y - needed >= MARGIN) return;
    page = pdf.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN;
  };
  const write = (
    text: string,
    options: { font: PDFFont; size: number; indent?: number; color?: ReturnType<typeof rgb> },
  ) => {
    const indent = options.indent ?? 0;
    for (const line of wrap(text, options.font, options.size, width - indent)) {
      const height = options.size * 1.35;
      room(height);
      y -= height;
      page.drawText(line, {
        x: MARGIN + indent,
        y,
        size: options.size,
        font: options.font,
        color: options.color ?? rgb(0, 0, 0),
      });
    }
  };

  write(spec.title, { font: bold, size: 16 });
  y -= 4;
  for (const line of spec.lines) write(line, { font: regular, size: 10, color: grey });
  for (const section of spec.sections) {
    y -= 14;
    room(40);
    write(section.title, { font: bold, size: 12.5 });
    page.drawLine({
      start: { x: MARGIN, y: y - 3 },
      end: { x: A4.width - MARGIN, y: y - 3 },
      thickness: 0.6,
      color: grey,
    });
    y -= 8;
    for (const row of section.rows) {
      const indent = Math.min(row.depth, 4) * 12;
      if (row.heading) {
        y -= 4;
        write(row.label, { font: bold, size: 10.5, indent });
        continue;
      }
      room(30);
      write(row.label, { font: bold, size: 8.5, indent, color: grey });
      write(row.value, { font: regular, size: 10.5, indent });
      y -= 4;
    }
  }
  return pdf.save();
}

/**
 * The PDF of party `partyId`'s part of an application: its steps as sections, preceded by the
 * first party's answers the definition prints with it (`handOff.printWith`, default what that
 * party was shown, `handOff.shows`).
 */
export async function partPdf(
  served: ServedDefinition,
  partyId: string,
  data: unknown,
  meta: { reference: string; receivedAt: string },
): Promise<Uint8Array> {
  const { definition, model, texts } = served;
  const party = definition.parties?.find((p) => p.id === partyId);
  if (!party) throw new Error(`${definition.id} has no party ${partyId}`);
  const partyIndex = definition.parties!.indexOf(party);
  const sections: PdfSection[] = [];
  const printed = party.handOff?.printWith ?? party.handOff?.shows ?? [];
  const shown = printed.flatMap((pointer) => {
    const value = getAt(data, pointer);
    const field = model.fieldAt(pointer, data);
    return value === undefined || typeof value === 'object' || !field
      ? []
      : [
          {
            label: labelOf(field, texts),
            value: formatAnswer(field, value, texts, GERMAN_WORDS, 'de-DE'),
            depth: 0,
            heading: false,
          },
        ];
  });
  if (shown.length > 0)
    sections.push({
      title: texts.get('/parties/0/title', definition.parties![0]!.title),
      rows: shown,
    });
  definition.steps.forEach((step, i) => {
    if ((step.party ?? definition.parties![0]!.id) !== partyId) return;
    sections.push({
      title: texts.get(`/steps/${i}/title`, step.title),
      rows: summaryRows(model, i, data, texts),
    });
  });
  const received = new Intl.DateTimeFormat('de-DE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(new Date(meta.receivedAt));
  return renderPdf({
    title: texts.get(`/parties/${partyIndex}/title`, party.title),
    lines: [
      texts.get('/title', definition.title),
      `Vorgangsnummer ${meta.reference} · eingegangen am ${received}`,
    ],
    sections,
  });
}
