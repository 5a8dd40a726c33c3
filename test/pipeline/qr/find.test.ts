import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FAX_QR_MAX_PIXELS, QrSearch, searchTextPages, textSuggestsCode } from '../../../src/pipeline/qr/find.js';

test("a QR-bill's payment part is a cue in each language; a receipt's heading word alone is none", () => {
  // the payment part's title and its "Account / Payable to" heading, as a QR-bill prints them
  for (const page of ['Ricevuta\nConto / Pagabile a\nSezione pagamento', 'Empfangsschein\nZahlteil\nKonto / Zahlbar an', 'Récépissé\nSection paiement', 'Receipt\nPayment part\nAccount / Payable to']) {
    assert.equal(textSuggestsCode(page), true, page);
  }
  // everyday words of bills and till receipts: no page rendered for a code
  for (const page of ['Totale ricevuta | € 11,96', 'Ricevuta fiscale n. 12', 'Récépissé de dépôt', 'Empfangsschein für Ihre Unterlagen', 'Quittanza']) {
    assert.equal(textSuggestsCode(page), false, page);
  }
});

test("a multi-page PDF's images holding no payment code send no page to render; a payment code's page is found", async () => {
  // a PDF embedding one JPEG large enough to hold a code; what ZXing finds in it is stubbed
  const pdf = Buffer.from('%PDF-1.7\n4 0 obj\n<< /Type /XObject /Subtype /Image /Width 300 /Height 300 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length 3 >>\nstream\nabc\nendstream\nendobj\n', 'latin1');
  const epc = 'BCD\n002\n1\nSCT\n\nExample GmbH\nDE89370400440532013000\nEUR12.50\n\n\nRE 42';
  for (const [text, renders] of [['https://example.com/bill', 0], ['00020126580014br.gov.bcb.pix0136', 0], [epc, 2]] as const) {
    class Stub extends QrSearch {
      override async decode(image: Parameters<QrSearch['decode']>[0]) {
        if (typeof image === 'function') await image();
        return [{ text, bytes: new TextEncoder().encode(text) }];
      }
    }
    let rendered = 0;
    const pages = [{ page: 1, text: 'Invoice 42' }, { page: 2, text: 'Terms' }];
    await searchTextPages(new Stub(), pdf, pages, [], async () => (rendered++, Buffer.from('png')));
    assert.equal(rendered, renders, text);
  }
});

test("a fax image the decoder refuses (a damaged stream) sends its page to render, as the renderer reads what it can", async () => {
  const slip = readFileSync(new URL('../../../fixtures/documents/receipts7/horeto_paul_puteaux_R866460.2760.pdf', import.meta.url));
  const pages = [{ page: 1, text: 'Ticket' }];
  const rendersOf = async (pdf: Buffer) => {
    let rendered = 0;
    await searchTextPages(new QrSearch(), pdf, pages, [], async () => (rendered++, null));
    return rendered;
  };
  assert.equal(await rendersOf(slip), 0); // read from the file's bytes: no page rendered
  // the same file with its fax stream's bits garbled past its first rows (same length: the offsets hold)
  const text = slip.toString('latin1');
  const start = text.indexOf('stream', text.indexOf('/CCITTFaxDecode')) + 'stream\n'.length;
  const damaged = Buffer.from(slip);
  for (let i = start + 400; i < text.indexOf('endstream', start) - 8; i += 97) damaged[i] ^= 0x5a;
  assert.equal(await rendersOf(damaged), 1);
});

test('a fax image is handed to ZXing scaled down to an A4 page at 150 dpi (its time grows with the pixels)', async () => {
  const slip = readFileSync(new URL('../../../fixtures/documents/receipts7/horeto_paul_puteaux_R866460.2760.pdf', import.meta.url));
  const bounds: (number | undefined)[] = [];
  class Spy extends QrSearch {
    override async decode(image: Parameters<QrSearch['decode']>[0], maxPixels?: number) {
      bounds.push(maxPixels);
      return super.decode(image, maxPixels);
    }
  }
  await searchTextPages(new Spy(), slip, [{ page: 1, text: 'Ticket' }], [], async () => null);
  assert.deepEqual(bounds, [FAX_QR_MAX_PIXELS]);
  assert.ok(FAX_QR_MAX_PIXELS < 1846 * 3022); // the slip's 5.6 MP are scaled down
});
