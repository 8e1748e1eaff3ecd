import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ApplicantForm } from '../../src/elements/applicant-form/applicant-form.js';
import { DocumentUpload } from '../../src/elements/document-upload/document-upload.js';
import { isElementName, registerComposed } from '../../src/elements/shared/compose.js';

type Data = Record<string, any>;
const root = (el: Element) => el.shadowRoot!;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

/** Another library's element that happens to be called `<document-upload>`. */
class ForeignUpload extends HTMLElement {}
customElements.define('document-upload', ForeignUpload);

let sample: Data;
before(async () => {
  sample = await (
    await fetch(new URL('../fixtures/einbuergerung-sample.json', import.meta.url))
  ).json();
  await import('../../src/elements/applicant-form/define.js');
});

async function toDocuments(tagNames?: Record<string, string>): Promise<ApplicantForm> {
  const el = await fixture<ApplicantForm>(
    html`<applicant-form
      definition="einbuergerung"
      lang="de"
      storage="none"
      endpoint="/api/none"
      upload-endpoint="/api/uploads-none"
      .tagNames=${tagNames ?? {}}
    ></applicant-form>`,
  );
  await waitUntil(() => root(el).querySelector('#step-heading'));
  el.data = structuredClone(sample);
  for (let i = 0; i < 7; i++) el.next();
  await waitUntil(() => root(el).querySelector('#doc-reisepass'), 'no upload element', {
    timeout: 5000,
  });
  return el;
}

describe('<applicant-form> beside other libraries', () => {
  it('registers its own upload element under another name when <document-upload> is taken', async () => {
    const el = await toDocuments();
    const upload = root(el).querySelector('#doc-reisepass')!;
    expect(upload.localName).to.equal('ozg-document-upload');
    expect(upload).to.be.instanceOf(DocumentUpload);
    expect(customElements.get('document-upload')).to.equal(ForeignUpload);
    await waitUntil(() => upload.shadowRoot?.querySelector('label'));
    expect(text(upload.shadowRoot!.querySelector('label'))).to.contain('Reisepass');
    expect(text(root(el).querySelector('#step-heading'))).to.equal('Unterlagen hochladen');
  });

  it('uses the tag name the host chose, and two forms on one page each get theirs', async () => {
    const first = await toDocuments({ 'document-upload': 'city-upload' });
    const second = await toDocuments({ 'document-upload': 'county-upload' });
    expect(root(first).querySelector('#doc-reisepass')!.localName).to.equal('city-upload');
    expect(root(second).querySelector('#doc-reisepass')!.localName).to.equal('county-upload');
    for (const form of [first, second])
      expect(root(form).querySelector('#doc-reisepass')).to.be.instanceOf(DocumentUpload);
    // The required documents are still checked through the renamed elements.
    (root(first).querySelector('.documents button.next') as HTMLButtonElement).click();
    await first.updateComplete;
    expect(root(first).querySelectorAll('.summary li').length).to.be.greaterThan(3);
  });

  it('never renders a tag name that is not a valid custom element name', () => {
    expect(isElementName('city-upload')).to.equal(true);
    for (const bad of ['upload', 'City-upload', 'x-<img>', 'font-face', '-x', 'a b-c'])
      expect(isElementName(bad), bad).to.equal(false);
    class Probe extends HTMLElement {}
    expect(registerComposed('probe-el', Probe, 'x-<img>')).to.equal('ozg-probe-el');
    expect(registerComposed('probe-el', Probe, 'probe-el')).to.equal('probe-el');
    expect(customElements.get('probe-el')!.prototype).to.be.instanceOf(Probe);
  });
});
