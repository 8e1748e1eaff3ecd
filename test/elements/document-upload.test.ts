import { expect, fixture, html, waitUntil, oneEvent } from '@open-wc/testing';
import '../../src/elements/document-upload/define.js';
import type { DocumentUpload } from '../../src/elements/document-upload/document-upload.js';
import type { UploadErrorEvent } from '../../src/elements/document-upload/events.js';

const root = (el: Element) => el.shadowRoot!;
const text = (node: Element | null | undefined) =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const pdf = (size: number, name = 'Pass.pdf') =>
  new File([new TextEncoder().encode('%PDF-1.7\n'), new Uint8Array(size - 9)], name, {
    type: 'application/pdf',
  });

async function upload(lang = 'de', extra = ''): Promise<DocumentUpload> {
  const el = await fixture<DocumentUpload>(
    extra === 'required'
      ? html`<form>
          <document-upload
            name="pass"
            lang=${lang}
            label="Reisepass"
            endpoint="/api/never"
            storage="none"
            required
          ></document-upload>
        </form>`
      : html`<document-upload
          lang=${lang}
          label="Reisepass"
          endpoint="/api/never"
          storage="none"
          max-files="2"
          multiple
        ></document-upload>`,
  );
  const element = (
    el.localName === 'form' ? el.querySelector('document-upload') : el
  ) as DocumentUpload;
  await element.updateComplete;
  return element;
}

describe('<document-upload>', () => {
  it('labels its file picker in its own language, not the browser’s', async () => {
    for (const [lang, label] of [
      ['de', 'Dateien auswählen'],
      ['en', 'Choose files'],
      ['tr', 'Dosyaları seçin'],
      ['ar', 'اختيار الملفات'],
    ]) {
      const el = await upload(lang);
      await waitUntil(() => text(root(el).querySelector('[part="pick-button"]')) === label, lang);
      const input = root(el).querySelector('input[type=file]') as HTMLInputElement;
      const pick = root(el).querySelector<HTMLLabelElement>('[part="pick-button"]')!;
      // The picker's button is a label of the (visually hidden, still focusable) file input.
      expect(pick.control).to.equal(input);
      expect(input.classList.contains('visually-hidden')).to.equal(true);
      expect(input.tabIndex).to.equal(0);
      await expect(el).shadowDom.to.be.accessible();
    }
  });

  it('names the document, the accepted types and the limit, linked to the file picker', async () => {
    const el = await upload();
    const input = root(el).querySelector('input[type=file]') as HTMLInputElement;
    expect(text(root(el).querySelector('label'))).to.equal('Reisepass');
    expect(input.getAttribute('aria-describedby')).to.equal('hint');
    expect(text(root(el).querySelector('#hint'))).to.equal(
      'Erlaubt: PDF, JPEG, PNG, höchstens 10 MB je Datei, bis zu 2 Dateien.',
    );
    expect(input.accept).to.equal('application/pdf,image/jpeg,image/png');
    expect(input.multiple).to.equal(true);
    await expect(el).shadowDom.to.be.accessible();
    // It follows a change of language, as the form around it does.
    el.setAttribute('lang', 'en');
    await waitUntil(() => text(root(el).querySelector('#hint')).startsWith('Allowed'));
    expect(text(root(el).querySelector('#hint'))).to.contain('10 MB');
  });

  it('refuses a renamed executable by its bytes, before any request', async () => {
    const el = await upload();
    const before = performance.getEntriesByType('resource').length;
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], 'reisepass.pdf', {
      type: 'application/pdf',
    });
    const refused = oneEvent(el, 'upload-error') as Promise<UploadErrorEvent>;
    void el.addFiles([exe]);
    const { detail } = await refused;
    expect(detail.kind).to.equal('type');
    expect(detail.message).to.equal(
      'Die Datei „reisepass.pdf“ ist keine Datei vom Typ PDF, JPEG oder PNG. Bitte wählen Sie eine andere Datei.',
    );
    await el.updateComplete;
    expect(text(root(el).querySelector('[part="error"]'))).to.contain('keine Datei vom Typ PDF');
    await expect(el).shadowDom.to.be.accessible();
    const requests = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((e) => e.name)
      .filter((n) => n.includes('/api/'));
    expect(requests).to.deep.equal([]);
    expect(el.value).to.deep.equal([]);
  });

  it('takes files dropped on it, and checks them the same way', async () => {
    const el = await upload();
    const zone = root(el).querySelector('[part="dropzone"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(
      new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'scan.pdf', { type: 'application/pdf' }),
    );
    zone.dispatchEvent(
      new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    await el.updateComplete;
    expect(zone.classList.contains('over')).to.equal(true);
    const refused = oneEvent(el, 'upload-error') as Promise<UploadErrorEvent>;
    zone.dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    const { detail } = await refused;
    expect(detail.kind).to.equal('type');
    await el.updateComplete;
    expect(zone.classList.contains('over')).to.equal(false);
    expect(text(root(el).querySelector('.name'))).to.equal('scan.pdf');
  });

  it('says how large the file is and what is allowed, in English too', async () => {
    const el = await upload('en');
    const refused = oneEvent(el, 'upload-error') as Promise<UploadErrorEvent>;
    void el.addFiles([pdf(14 * 1024 * 1024)]);
    const { detail } = await refused;
    expect(detail.kind).to.equal('size');
    expect(detail.message).to.equal('The file is 14 MB. At most 10 MB are allowed.');
  });

  it('is a form control: required and empty is invalid', async () => {
    const el = await upload('de', 'required');
    const form = el.closest('form')!;
    // Form-associated: the form counts it among its controls.
    expect([...form.elements]).to.include(el);
    expect(form.checkValidity()).to.equal(false);
    expect(new FormData(form).get('pass')).to.equal(null);
    expect(text(root(el).querySelector('label'))).to.equal('Reisepass *');
  });
});
