// Language without a flag: the words of a page tell its language (also when read with the English model, which drops
// accents), the page is read again only when its first reading used another language's model, and workers switch
// models on demand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import sharp from 'sharp';
import { detectLanguage, einvoiceLanguage, scoreLanguages } from '../../src/pipeline/language.js';
import { LanguageChooser, modelForText } from '../../src/pipeline/ocr/auto-language.js';
import { Lanes } from '../../src/pipeline/ocr/lanes.js';
import { OcrPool, type OcrOutput } from '../../src/pipeline/ocr/pool.js';
import { AUTO_LANGS, LangSpecError, parseLangs } from '../../src/pipeline/ocr/tessdata.js';

test('invoice and receipt words tell seven languages, with or without accents', () => {
  assert.equal(detectLanguage('Rechnung für die Lieferung und Leistung, zahlbar bis'), 'de');
  assert.equal(detectLanguage('Summe EUR 15,69 Ruckgeld Bar MwSt Netto Brutto Vielen Dank'), 'de'); // "Rückgeld" read without ü
  assert.equal(detectLanguage('Facture pour la livraison des produits, TVA et total TTC'), 'fr');
  assert.equal(detectLanguage('Fattura per il pagamento della fornitura, IVA e totale'), 'it');
  assert.equal(detectLanguage('Factura simplificada, base imponible, cuota IVA, total efectivo cambio'), 'es');
  assert.equal(detectLanguage('Factuurnummer Factuurdatum Vervaldatum Omschrijving Aantal Totaal BTW bedrag'), 'nl');
  assert.equal(detectLanguage('Nota Fiscal Emissao Vencimento Valor a pagar do cliente CNPJ'), 'pt'); // "Emissão" read without ã
  assert.equal(detectLanguage('TOTAL CASH CHANGE GST SUMMARY THANK YOU PLEASE COME AGAIN'), 'en');
  assert.equal(detectLanguage('12345 67 EUR 9,99'), null);
  const close = scoreLanguages('de la total'); // shared words only: no language stands out
  assert.equal(close.language, null);
});

test('Polish is told apart though no Polish model is bundled, and the page keeps the reading it had', async () => {
  // an invoice read with the English model: Polish letters dropped ("Sprzedaz", "Platnosci")
  const polish = 'FAKTURA VAT Sprzedawca Nabywca Data wystawienia Termin platnosci Sposob zaplaty przelew Razem do zaplaty Slownie';
  assert.equal(detectLanguage(polish), 'pl');
  assert.equal(detectLanguage('Nota Fiscal Emissao Vencimento Valor a pagar do cliente CNPJ'), 'pt', 'Portuguese stays Portuguese');
  const chooser = new LanguageChooser();
  assert.equal(modelForText(polish), null, 'no model to read it again with');
  const kept = await chooser.settle({ output: reading(polish), model: 'eng' }, async () => assert.fail('no second reading'));
  assert.equal(kept.model, 'eng');
});

test("an e-invoice's language: the XML's, else its words without codes, else its seller's country's one language", () => {
  assert.equal(einvoiceLanguage('it', 'Invoice total thank you', 'DE'), 'it', 'the XML says');
  // codes ("DE", "EUR", "C62") are no words: "DE" would count as the Dutch/Spanish/Portuguese "de"
  const codesOnly = 'urn:cen.eu:en16931:2017\nTestprodukt\nC62\nDE\nEUR\nTest company\nteststr\nDE\nDE';
  assert.equal(einvoiceLanguage(null, codesOnly, null), null);
  assert.equal(einvoiceLanguage(null, codesOnly, 'DE'), 'de', "a German seller's words-less invoice");
  assert.equal(einvoiceLanguage(null, codesOnly, 'be'), null, 'Belgium writes three languages: no guess');
  assert.equal(einvoiceLanguage(null, 'Taxes are not applicable\nExonération du versement du PP\nContributions - précompte professionnel', 'BE'), 'fr');
  assert.equal(einvoiceLanguage(null, 'Payment terms: the total of this invoice is due within 30 days, thank you', 'DE'), 'en', 'words before the country');
});

const reading = (text: string): OcrOutput => ({ text, confidence: 0.9, lines: [] });

test("a page is read again only when its words are in another language than the model used; a document's next page is first read in its language", async () => {
  const chooser = new LanguageChooser();
  assert.equal(await chooser.firstModel(), 'eng');
  const again: string[] = [];
  const readAgain = async (model: string) => (again.push(model), reading(`read with ${model}`));

  const english = await chooser.settle({ output: reading('TOTAL CASH CHANGE THANK YOU'), model: 'eng' }, readAgain);
  assert.equal(english.model, 'eng');
  assert.deepEqual(again, []);

  const german = await chooser.settle({ output: reading('Summe Ruckgeld Bar MwSt Netto Brutto'), model: 'eng' }, readAgain);
  assert.deepEqual(german, { output: reading('read with deu'), model: 'deu' });
  assert.equal(await chooser.firstModel(), 'deu', "the document's next page is first read as German");

  const unclear = await chooser.settle({ output: reading('12,50 3,20'), model: 'deu' }, readAgain);
  assert.equal(unclear.model, 'deu');
  assert.deepEqual(again, ['deu']);
});

test("a document's page is first read in the language a cheap look at it tells, else English; no look once a page told", async () => {
  const chooser = new LanguageChooser();
  const looks: (string | null)[] = [];
  const look = (text: string | null) => async () => (looks.push(text), text);
  assert.equal(await chooser.firstModel(look('Summe Ruckgeld Bar MwSt')), 'deu', 'a look in German words: read in German at once');
  assert.equal(await chooser.firstModel(look('12,50 3,20')), 'eng', 'a look that tells nothing: English first, as before');
  assert.equal(await chooser.firstModel(look(null)), 'eng', 'no look (a page too small to look at)');
  await chooser.settle({ output: reading('Summe Ruckgeld Bar MwSt Netto Brutto'), model: 'deu' }, async () => assert.fail('kept: read in its language'));
  assert.equal(await chooser.firstModel(look('TOTAL CASH CHANGE THANK YOU')), 'deu', "a page told the document's language: no more looks");
  assert.equal(looks.length, 3);
});

test('OCR languages: auto by default, a fixed list, never both', () => {
  assert.equal(parseLangs(undefined), AUTO_LANGS);
  assert.equal(parseLangs('auto'), AUTO_LANGS);
  assert.deepEqual(parseLangs('deu+eng'), ['deu', 'eng']);
  assert.deepEqual(parseLangs(['nld', 'por']), ['nld', 'por']);
  assert.throws(() => parseLangs('auto+deu'), (err: Error) => err instanceof LangSpecError && /stands alone/.test(err.message));
  assert.throws(() => parseLangs('k!ngon'), LangSpecError);
  assert.deepEqual(parseLangs('klingon'), ['klingon'], 'well-formed: whether it is installed is found when it is loaded');
});

test('an idle worker that already has the wanted model is taken first', async () => {
  const lanes = new Lanes<{ name: string; model: string }>(10);
  lanes.add({ name: 'lane', model: 'eng' });
  lanes.add({ name: 'a', model: 'deu' });
  lanes.add({ name: 'b', model: 'eng' });
  const slot = await lanes.acquire(1, { prefers: (s) => s.model === 'deu' });
  assert.equal(slot.name, 'a');
});

test('one worker reads with English, then German, switching its model', async () => {
  const receipt = readFileSync(new URL('../../fixtures/documents/receipts2/softmatic_lidl_07042020_06_01569.jpg', import.meta.url));
  const head = await sharp(receipt).extract({ left: 0, top: 0, width: 900, height: 700 }).png().toBuffer();
  const pool = new OcrPool({ langs: AUTO_LANGS, workers: 1, engine: 'tesseract' }); // Tesseract's models are what is switched
  try {
    const english = await pool.recognize(head, '6', { models: ['eng'] });
    const german = await pool.recognize(head, '6', { models: ['deu'] });
    assert.match(german.text, /[äöüß]/, 'the German model keeps umlauts');
    assert.equal(detectLanguage(english.text + '\n' + german.text), 'de');
    assert.ok((await pool.recognize(head, '6')).text.length > 0, 'a call naming no model uses English');
  } finally {
    await pool.close();
  }
});

test('a multi-page scan: the first page tells the language, the other pages are read in it once', async () => {
  const { readDocument } = await import('../../src/pipeline/read.js');
  const { resolveLimits } = await import('../../src/pipeline/limits.js');
  const calls: string[] = [];
  const fakePool = germanPool('tesseract', calls);
  const tiff = readFileSync(new URL('../../fixtures/engine/receipts-2-pages.tif', import.meta.url));
  const doc = await readDocument(tiff, 'two-pages.tif', { pool: fakePool, languages: new LanguageChooser(), limits: resolveLimits(), qr: false });
  assert.equal(doc.pageCount, 2);
  // page 1 (a till strip: no language look): English first, then German; page 2: German at once
  assert.deepEqual(calls, ['eng', 'deu', 'deu']);
});

test('the order documents are scanned in changes neither how they are read nor their fields', async () => {
  const { createScanner } = await import('../../src/pipeline/scan.js');
  // every OCR call, by engine and model, noted against the document being read
  let calls: string[] = [];
  const original = OcrPool.prototype.recognize;
  OcrPool.prototype.recognize = function (this: OcrPool, image, psm, opts = {}) {
    calls.push(`${opts.engine ?? this.engine}:${(opts.models ?? this.defaultModels).join('+')}:${psm}`);
    return original.call(this, image, psm, opts);
  };
  const english = readFileSync(new URL('../../fixtures/engine/receipt.png', import.meta.url));
  const german = readFileSync(new URL('../../fixtures/documents/receipts2/softmatic_lidl_07042020_06_01569.jpg', import.meta.url));
  const scanner = await createScanner({ ocrWorkers: 1, now: new Date('2026-12-01T00:00:00Z') });
  try {
    // English then German, then German then English: each document is read alike either way
    const seen: { name: string; calls: string[]; language: string | null | undefined; fields: unknown }[] = [];
    for (const [name, data] of [['en', english], ['de', german], ['de', german], ['en', english]] as const) {
      calls = [];
      const result = await scanner.scanBuffer(data, name === 'de' ? 'de.jpg' : 'en.png');
      seen.push({ name, calls, language: result.language, fields: result.fields });
    }
    const [en1, de1, de2, en2] = seen;
    assert.equal(de1.language, 'de', JSON.stringify(de1.calls));
    assert.notEqual(en1.language, 'de');
    assert.ok(de1.calls.some((c) => c.startsWith('paddle:')), 'a German till strip is first read as every strip is');
    assert.deepEqual(de2.calls, de1.calls, 'the German receipt after the English one and after itself: the same OCR');
    assert.deepEqual(en2.calls, en1.calls, 'the English receipt first and after the German one: the same OCR');
    assert.deepEqual(de2.fields, de1.fields);
    assert.deepEqual(en2.fields, en1.fields);
  } finally {
    OcrPool.prototype.recognize = original;
    await scanner.close();
  }
});

test("auto: a page's reading by the other engine, the one set aside reused, else read on demand", async () => {
  const { readDocument } = await import('../../src/pipeline/read.js');
  const { resolveLimits } = await import('../../src/pipeline/limits.js');
  const calls: string[] = [];
  const fakePool = germanPool('auto', calls);
  const png = readFileSync(new URL('../../fixtures/engine/receipt.png', import.meta.url));
  const languages = new LanguageChooser();
  // a till strip (no language look), an English guess: Paddle reads, the words say German, Tesseract reads again and
  // that reading is kept
  const first = await readDocument(png, 'receipt.png', { pool: fakePool, languages, limits: resolveLimits(), qr: false });
  assert.deepEqual(calls, ['paddle', 'deu']);
  assert.equal(first.pages[0].ocrEngine, 'tesseract');
  const other = await first.readOtherEngine!(1);
  assert.equal(other?.ocrEngine, 'paddle');
  assert.match(other!.text, /\(paddle\)/);
  assert.deepEqual(calls, ['paddle', 'deu'], "Paddle's first reading is reused, not read again");
  assert.equal(first.otherReadingFree, true, 'and the document says so: a look at it costs no OCR');
  // a German guess (a later page of a German document): Tesseract reads once; Paddle reads only when asked
  calls.length = 0;
  const second = await readDocument(png, 'receipt.png', { pool: fakePool, languages, limits: resolveLimits(), qr: false });
  assert.deepEqual(calls, ['deu']);
  assert.equal(second.otherReadingFree, undefined, 'the other reading would cost an OCR');
  assert.equal((await second.readOtherEngine!(1))?.ocrEngine, 'paddle');
  assert.deepEqual(calls, ['deu', 'paddle']);
  // a page (not a strip): a language look in German words, then Tesseract reads once in German, Paddle only when asked
  const page = await sharp(png).extend({ left: 400, right: 400, background: '#ffffff' }).png().toBuffer();
  calls.length = 0;
  const looked = await readDocument(page, 'page.png', { pool: germanPool('auto', calls), languages: new LanguageChooser(), limits: resolveLimits(), qr: false });
  assert.deepEqual(calls, ['eng', 'deu']);
  assert.equal(looked.pages[0].ocrEngine, 'tesseract');
  assert.equal(looked.otherReadingFree, undefined);
  // a look that tells nothing: read as before, in English first
  calls.length = 0;
  await readDocument(page, 'page.png', { pool: germanPool('auto', calls, { lookUnclear: true }), languages: new LanguageChooser(), limits: resolveLimits(), qr: false });
  assert.deepEqual(calls, ['eng', 'paddle', 'deu']);
  // a look that fails (an engine error): the page is read as without it, the document goes on
  calls.length = 0;
  const failed = await readDocument(page, 'page.png', { pool: germanPool('auto', calls, { lookFails: true }), languages: new LanguageChooser(), limits: resolveLimits(), qr: false });
  assert.deepEqual(calls, ['eng', 'paddle', 'deu']);
  assert.ok(failed.pages[0].text.includes('Summe'));
  // one engine set: no other reading
  const tesseractOnly = { ...fakePool, engine: 'tesseract', recognize: fakePool.recognize, detectOrientation: fakePool.detectOrientation } as unknown as OcrPool;
  const third = await readDocument(png, 'receipt.png', { pool: tesseractOnly, languages, limits: resolveLimits(), qr: false });
  assert.equal(third.readOtherEngine, undefined);  // ENGINE_LOOK=off: none offered either
  const off = await readDocument(png, 'receipt.png', { pool: fakePool, languages, limits: resolveLimits(), qr: false, engineLook: 'off' });
  assert.equal(off.readOtherEngine, undefined);
});

test("auto: the other engine's OCR of a page is aborted when it times out or its caller is done, not left running", async () => {
  const { readDocument } = await import('../../src/pipeline/read.js');
  const { resolveLimits } = await import('../../src/pipeline/limits.js');
  const signals: AbortSignal[] = [];
  const lines = ['Summe EUR 15,69', 'Vielen Dank', 'Kasse 3'].map((text, i) => ({ text, confidence: 0.9, bbox: { x0: 10, y0: 10 + 30 * i, x1: 300, y1: 30 + 30 * i } }));
  const fakePool = {
    defaultModels: ['eng'],
    engine: 'auto',
    recognize(_image: Buffer, _psm: string, opts: { engine?: string; signal?: AbortSignal } = {}): Promise<OcrOutput> {
      if ((opts.engine ?? 'paddle') === 'paddle') return Promise.resolve({ text: lines.map((l) => l.text).join('\n'), confidence: 0.9, lines });
      signals.push(opts.signal!);
      // the other engine never answers; like the pool's queue, it leaves when its signal aborts
      return new Promise((_, reject) => opts.signal!.addEventListener('abort', () => reject(opts.signal!.reason), { once: true }));
    },
    async detectOrientation() {
      return null;
    },
  } as unknown as OcrPool;
  const png = readFileSync(new URL('../../fixtures/engine/receipt.png', import.meta.url));
  const doc = await readDocument(png, 'receipt.png', { pool: fakePool, limits: resolveLimits({ ocrTimeoutMs: 30 }), qr: false });
  const alive = setInterval(() => {}, 1000); // the OCR timer is unref'd: keep the test's event loop up until it fires
  await assert.rejects(doc.readOtherEngine!(1), /longer than/).finally(() => clearInterval(alive));
  assert.equal(signals.length, 1);
  assert.ok(signals[0].aborted, 'the timed-out call is aborted (a queued job leaves the queue)');
  const done = new AbortController();
  const pending = doc.readOtherEngine!(1, done.signal);
  done.abort();
  assert.ok(signals[1].aborted, "the caller's being done aborts the call");
  await assert.rejects(pending);
});

/** A pool that reads every page as the same German till slip and notes each call: the model under Tesseract, `paddle`
 * for Paddle's (under `auto`, a call naming no engine is Paddle's, and each line says which engine read it). */
function germanPool(engine: 'tesseract' | 'auto', calls: string[], options: { lookUnclear?: boolean; lookFails?: boolean } = {}): OcrPool {
  const german = ['Summe EUR 15,69', 'Ruckgeld Bar', 'MwSt Netto Brutto', 'Vielen Dank', 'Kasse 3'];
  return {
    defaultModels: ['eng'],
    engine,
    async recognize(_image: Buffer, _psm: string, opts: { models?: string[]; engine?: string } = {}): Promise<OcrOutput> {
      const by = engine === 'auto' ? (opts.engine ?? 'paddle') : null;
      calls.push(by === 'paddle' ? 'paddle' : (opts.models ?? ['eng']).join('+'));
      // under `auto`, Tesseract in English is the language look (read.ts): it may tell nothing
      if (options.lookUnclear && by === 'tesseract' && (opts.models ?? []).join() === 'eng') return { text: '12,50', confidence: 0.9, lines: [] };
      if (options.lookFails && by === 'tesseract' && (opts.models ?? []).join() === 'eng') throw new Error('the engine crashed');
      const lines = german.map((text, i) => ({ text: by ? `${text} (${by})` : text, confidence: 0.9, bbox: { x0: 10, y0: 10 + 30 * i, x1: 300, y1: 30 + 30 * i } }));
      return { text: lines.map((l) => l.text).join('\n'), confidence: 0.9, lines };
    },
    async detectOrientation() {
      return null;
    },
  } as unknown as OcrPool;
}
