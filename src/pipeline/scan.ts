import { createHash } from 'node:crypto';
import { stat, readFile } from 'node:fs/promises';
import { type DocType, emptyField, FIELD_NAMES, type FieldName, type LineItem, PAYMENT_FIELD_NAMES, type PayableAmounts, type PaymentCodeResult, type ResultSource, type ScanResult } from '../contract.js';
import { memoryConfidence } from '../memory/calibration.js';
import type { MemoryCall } from '../memory/index.js';
import { ocrEngineOf, type ReadDocument } from './document.js';
import PQueue from 'p-queue';
import { parseEInvoice, unwrapP7m, type EInvoiceResult } from './einvoice/index.js';
import { asDocumentError, DocumentError } from './errors.js';
import { type AssessedConfidence, assessConfidence, type CalibrationTable, reassess } from './confidence/index.js';
import { extractFields, withIssuerFromImages } from './extract/index.js';
import { issuerSettled } from './extract/image-issuer.js';
import type { EngineLookMode } from './extract/engine-look.js';
import { creditNoteAsSizes } from './credit-note-sign.js';
import { dropChosenAlternatives } from './extract/alternatives.js';
import { einvoiceLanguage } from './language.js';
import { checkFileSize, resolveLimits, type Limits } from './limits.js';
import type { LlmClient } from './llm/index.js';
import type { OcrEngineSetting } from './ocr/engines.js';
import { OcrCache } from './ocr/cache.js';
import { OcrPool } from './ocr/pool.js';
import type { OcrEngineName } from './ocr/cache.js';
import { imageLookEngine } from './image-band.js';
import { FIRST_MODEL, LanguageChooser, modelForText } from './ocr/auto-language.js';
import { AUTO_LANGS, parseLangs } from './ocr/tessdata.js';
import { PdfReaders } from './pdf-readers.js';
import { mergePaymentCodes } from './qr/merge.js';
import { readDocument } from './read.js';
import { documentDeadline, untilAborted } from './timeout.js';
import type { OcrPrep } from './image.js';

// The whole pipeline for one file: read (text layer / OCR / embedded XML) → e-invoice or visual extraction → review.
// One Scanner holds the OCR pool; it is shared by the CLI, the worker and the benchmarks.

export interface ScanOptions {
  /** `auto` (default: each scanned page in its own language) or fixed Tesseract models, e.g. "deu+eng". */
  langs?: string | string[];
  /** OCR_ENGINE: tesseract, paddle or auto (./ocr/engines.ts; default DEFAULT_OCR_ENGINE). */
  ocrEngine?: OcrEngineSetting;
  noEmbedded?: boolean;
  ocrWorkers?: number;
  limits?: Partial<Limits>;
  llm?: LlmClient | null;
  preprocess?: boolean;
  /** How images are prepared for OCR, and extra Tesseract parameters: benchmarks comparing settings only. */
  ocrPrep?: OcrPrep;
  ocrParams?: Record<string, string>;
  autoRotate?: boolean;
  /** A field is written (and a key field missing from the writes sends the document to review) when its calibrated
   * confidence is at least this. Default DEFAULT_WRITE_THRESHOLD. */
  writeThreshold?: number;
  /** Calibration table to use instead of the shipped data/calibration.json (benchmarks, refits). */
  calibration?: CalibrationTable;
  /** Keep OCR results in this directory between runs: benchmarks and tuning only (src/pipeline/ocr/cache.ts). */
  ocrCacheDir?: string;
  /** Documents read at once (default: one per OCR worker); each has a PDF reader process while it is read, and its
   * time budget (limits.docTimeoutMs) starts when its turn comes. */
  concurrency?: number;
  /** add `explain` (winner and runner-up per field) to visual-path results */
  explain?: boolean;
  /** IMAGE_LOOK: OCR a text-layer bill's letterhead images when its text names no confident issuer (default true) */
  imageLook?: boolean;
  /** The day a document's dates are judged against (the date look's year window; evidence date-implausible: in the
   * future, or years old). Default: the clock. Benchmarks fix it, so that a corpus's readings and evidence (and the
   * table fitted on them) do not drift with the calendar. */
  now?: Date;
  /** ENGINE_LOOK: under OCR_ENGINE=auto, when a receipt's page is also read by the other engine for its total
   * (./extract/engine-look.ts; default DEFAULT_ENGINE_LOOK) */
  engineLook?: EngineLookMode;
}

/** What buildResult needs of the scanner for the letterhead look: the models for a text, and the engine. */
interface LookSetup {
  lookModels?: (text: string) => string[];
  lookEngine?: OcrEngineName;
}

/** Per document: a vendor memory to consult (and learn into, when what was posted is known). */
export interface ScanCall {
  memory?: MemoryCall;
  /** what the document is known to be from where it was uploaded (worker: a receipt's delivery note, a quotation's
   * customer order): its order and lines are read whatever its title says */
  expect?: DocType | null;
}

export interface Scanner {
  scanFile(path: string, displayName?: string, call?: ScanCall): Promise<ScanResult>;
  scanBuffer(data: Buffer, name: string, call?: ScanCall): Promise<ScanResult>;
  /** True once the OCR pool has loaded its language data. */
  ready(): boolean;
  whenReady(): Promise<void>;
  poolState(): OcrPool['state'];
  readonly limits: Limits;
  close(): Promise<void>;
}

export async function createScanner(opts: ScanOptions = {}): Promise<Scanner> {
  const limits = resolveLimits(opts.limits);
  const cache = opts.ocrCacheDir ? new OcrCache(opts.ocrCacheDir) : undefined;
  const langs = parseLangs(opts.langs);
  const pool = new OcrPool({ langs, engine: opts.ocrEngine, workers: opts.ocrWorkers, cache, params: opts.ocrParams });
  // `auto`: each document chooses its own models (./ocr/auto-language.ts), from its own first page, never from the
  // documents read before it: a document's fields do not depend on the order documents arrive in
  const auto = langs === AUTO_LANGS;
  const concurrency = Math.max(1, opts.concurrency ?? pool.size);
  const pdfReaders = new PdfReaders({ size: concurrency, maxRssMb: limits.pdfMemoryMb });
  const readersWarm = pdfReaders.warm();
  const turns = new PQueue({ concurrency });
  // the letterhead look reads in the text's language (auto) or the fixed models, with Tesseract's alphabet
  const lookSetup: LookSetup = {
    lookModels: (text) => (auto ? [modelForText(text) ?? FIRST_MODEL] : pool.defaultModels),
    lookEngine: imageLookEngine(pool),
  };

  const scanNow = async (data: Buffer, name: string, call: ScanCall = {}): Promise<ScanResult> => {
    const started = performance.now();
    let sha256: string | null = null;
    // The whole document, read and extraction, within its time budget: past it the result is TIMEOUT at once and
    // its remaining work stops (reader killed, queued OCR dropped), so it holds no other document up.
    const deadline = documentDeadline(limits.docTimeoutMs);
    try {
      const work = async () => {
        const doc = await readDocument(data, name, {
          pool,
          languages: auto ? new LanguageChooser() : undefined,
          pdfReaders,
          signal: deadline.signal,
          limits,
          preprocess: opts.preprocess,
          prep: opts.ocrPrep,
          autoRotate: opts.autoRotate,
          embedded: !opts.noEmbedded,
          imageLook: opts.imageLook,
          engineLook: opts.engineLook,
          unwrapP7m,
        });
        sha256 = doc.sha256;
        // a credit note's amounts as the credit's size, for every path (./credit-note-sign.ts: the contract's sign)
        const result = creditNoteAsSizes(await buildResult(doc, name, { ...opts, ...lookSetup }, call));
        result.timings_ms = { ...doc.timings, ...result.timings_ms, total: Math.round(performance.now() - started) };
        return result;
      };
      return await untilAborted(work(), deadline.signal);
    } catch (err) {
      return failure(name, sha256 ?? hashIfSmall(data), asDocumentError(err), started);
    } finally {
      deadline.clear();
    }
  };
  const scanBuffer = async (data: Buffer, name: string, call: ScanCall = {}): Promise<ScanResult> => (await turns.add(() => scanNow(data, name, call)))!;

  return {
    limits,
    scanBuffer,
    async scanFile(path, displayName = path, call = {}) {
      const started = performance.now();
      try {
        const info = await stat(path);
        if (!info.isFile()) throw new DocumentError('UNSUPPORTED_TYPE', 'not a regular file');
        // Checked before reading: a 300 MB upload is refused without loading it.
        checkFileSize(info.size, limits.maxBytes);
        return await scanBuffer(await readFile(path), displayName, call);
      } catch (err) {
        return failure(displayName, null, asDocumentError(err), started);
      }
    },
    ready: () => pool.isReady,
    whenReady: async () => {
      await Promise.all([pool.ready(), readersWarm]);
    },
    poolState: () => pool.state,
    close: async () => {
      await pool.close();
      await pdfReaders.close();
    },
  };
}

async function buildResult(doc: ReadDocument, name: string, opts: ScanOptions & LookSetup, call: ScanCall): Promise<ScanResult> {
  const notes = [...(doc.notes ?? [])];
  const einvoice = findEInvoice(doc, opts, notes);
  const policy = { doc, writeThreshold: opts.writeThreshold, table: opts.calibration, now: opts.now };
  if (einvoice) {
    const assessed = withPaymentCodes(assessConfidence({ ...policy, fields: einvoice.fields, lines: einvoice.lines, source: einvoice.source, payable: einvoice.payable }), einvoice.lines, einvoice.source, doc, opts, einvoice.payable);
    const review = withNotes(assessed, notes);
    return {
      file: name,
      sha256: doc.sha256,
      source: einvoice.source,
      pages: doc.pageCount,
      language: einvoiceLanguage(einvoice.language, doc.text, einvoice.vendorAddress?.country), // most XML does not say; its words do
      text: doc.kind === 'pdf' ? doc.text : einvoice.text || doc.text,
      fields: assessed.fields,
      lines: einvoice.lines,
      ...(einvoice.order ? { order: einvoice.order } : {}),
      ...review,
      ...(assessed.payment_codes ? { payment_codes: assessed.payment_codes } : {}),
      ...(einvoice.vendorAddress ? { vendor_address: einvoice.vendorAddress } : {}),
      ...(einvoice.payable ? { payable: einvoice.payable } : {}),
      timings_ms: { total: 0 },
    };
  }
  const t0 = performance.now();
  // the day dates are judged against, by the rules and by the vendor memory alike
  const today = opts.now?.toISOString().slice(0, 10);
  let extraction = await extractFields(doc, { llm: opts.llm ?? null, expect: call.expect ?? null, engineLook: opts.engineLook, today });
  const source = visualSource(doc);
  // The vendor's profile takes part in choosing each field, against the rules' own scores (its `learned`
  // candidates). Every field is then calibrated; a value the memory supplied or confirmed keeps the memory's own
  // calibration (src/memory/calibration.ts: the `learned` source), and the write policy is applied to the result.
  const calibrated = (fields: ScanResult['fields'] & object) =>
    assessConfidence({
      ...policy, fields, lines: extraction.lines, source, secondLook: extraction.secondLook, totalReread: extraction.totalReread, engineLook: extraction.engineLook, amountsReading: extraction.amountsReading, agreedReading: extraction.agreedReading, fieldsReading: extraction.fieldsReading, dateReread: extraction.dateReread, amounts: extraction.explain.evidence,
      ranking: extraction.explain.fields, language: extraction.language, vendorAddress: extraction.vendorAddress,
      inferredCurrency: extraction.inferredCurrency,
    });
  // the rules' fields calibrated as they stand, once: the letterhead look's trigger and, when neither the look nor
  // the memory changes them, the result's calibration (the same computation on the same values)
  let rulesCalibrated: AssessedConfidence | null = null;
  const calibratedRules = () => (rulesCalibrated ??= calibrated(structuredClone(extraction.fields)));
  // a text layer that leaves the issuer in doubt: the letterhead's images may name it (extract/image-issuer.ts)
  if (doc.readImageBand && source === 'pdf-text' && opts.imageLook !== false && !issuerSettled(calibratedRules().fields.vendor_name)) {
    const t1 = performance.now();
    const models = opts.lookModels?.(doc.text) ?? [];
    try {
      const looked = (await withIssuerFromImages(doc, extraction, { models, engine: opts.lookEngine ?? 'tesseract' })).extraction;
      if (looked !== extraction) rulesCalibrated = null; // the look took a name or VAT id from the images
      extraction = looked;
    } catch (err) {
      // a look that fails (a page too large to render within the reader's memory, an OCR failure or timeout) leaves
      // the text layer's reading as it was; past the document's deadline the scan stops anyway (untilAborted). A
      // failure that is no document's (a bug) is said, by its kind only, never the document's content
      if (!(err instanceof DocumentError)) console.warn(`[scan] letterhead look failed (${err instanceof Error ? err.name : 'error'}); text layer kept`);
      // the look's work is bounded by pixels (image-band.ts LOOK_MAX_IMAGE_PIXELS); its clock limits (a render step, an
      // OCR call) are a safety net for a loaded machine, and a result they cut says so: the vendor may then differ from
      // the same document's on a quieter machine
      else if (err.code === 'TIMEOUT') {
        doc.timings.image_look_cut = 1;
        console.warn(`[scan] letterhead look stopped by its time limit (${err.message}); text layer kept`);
      }
    }
    doc.timings.image_look = Math.round(performance.now() - t1);
  }
  // what the rules alone had, as a scan without the memory reports it (calibrated): how sure they were matters to
  // the memory too (confirming a sure value and agreeing with an unsure one are right at different rates)
  const alone = call.memory ? calibratedRules() : null;
  const consulted = call.memory ? await call.memory.memory.consult(doc, structuredClone(extraction.fields), { ...call.memory, today: call.memory.today ?? today }, extraction.rows, alone!.fields) : null;
  let assessed = consulted ? calibrated(consulted.fields) : calibratedRules();
  if (consulted && alone && (consulted.info.changed.length || Object.keys(consulted.info.basis ?? {}).length)) {
    for (const name of Object.keys(consulted.info.basis ?? {}) as FieldName[]) {
      assessed.fields[name].confidence = memoryConfidence(alone.fields[name], consulted.fields[name]);
    }
    assessed = reassess(assessed.fields, extraction.lines, source, opts.writeThreshold);
    consulted.info.changed = FIELD_NAMES.filter((n) => alone.fields[n].value !== assessed.fields[n].value || alone.fields[n].confidence !== assessed.fields[n].confidence);
    consulted.info.rules = Object.fromEntries(consulted.info.changed.map((n) => [n, alone.fields[n]]));
  }
  const paid = withPaymentCodes(assessed, extraction.lines, source, doc, opts);
  dropChosenAlternatives(paid.fields);
  const review = withNotes(paid, notes);
  const engine = ocrEngineOf(doc.pages);
  return {
    file: name,
    sha256: doc.sha256,
    source,
    pages: doc.pageCount,
    language: extraction.language ?? extraction.countryLanguage,
    ...(extraction.language ? { language_source: 'words' as const } : extraction.countryLanguage ? { language_source: 'country' as const } : {}),
    ...(engine ? { ocr_engine: engine } : {}),
    text: doc.text,
    fields: paid.fields,
    lines: extraction.lines,
    ...(extraction.order ? { order: extraction.order } : {}),
    ...review,
    ...(paid.payment_codes ? { payment_codes: paid.payment_codes } : {}),
    ...(extraction.vendorAddress ? { vendor_address: extraction.vendorAddress } : {}),
    ...(opts.explain ? { explain: extraction.explain } : {}),
    timings_ms: { extract: Math.round(performance.now() - t0), total: 0 },
    ...(consulted ? { memory: consulted.info } : {}),
  };
}

/** QR hook: every result has the payment fields; payment codes found on the pages fill and check the fields
 * (qr/merge.ts): values from a valid code are exact (confidence 1), so the write policy is applied again. */
function withPaymentCodes(
  assessed: AssessedConfidence, lines: LineItem[], source: ResultSource, doc: ReadDocument, opts: ScanOptions,
  payable?: PayableAmounts | null,
): AssessedConfidence & { payment_codes?: PaymentCodeResult[] } {
  for (const name of PAYMENT_FIELD_NAMES) assessed.fields[name] ??= emptyField();
  if (!doc.qrCodes?.length) return assessed;
  const merged = mergePaymentCodes(assessed.fields, doc.qrCodes);
  if (!merged.payment_codes.length) return assessed;
  const review = reassess(assessed.fields, lines, source, opts.writeThreshold, payable);
  const reasons = [...review.review_reasons, ...merged.review_reasons];
  return { fields: review.fields, needs_review: reasons.length > 0, review_reasons: reasons, payment_codes: merged.payment_codes };
}

/** The first structured invoice found: the XML file itself always counts; XML embedded in a PDF only unless
 * --no-embedded (which exists to measure the visual path on the same PDFs). A broken XML file is CORRUPT_FILE; a
 * broken XML inside a PDF is noted and the PDF's pages are read instead (they are the invoice too). */
function findEInvoice(doc: ReadDocument, opts: ScanOptions, notes: string[]): EInvoiceResult | null {
  for (const xml of doc.xml) {
    if (xml.origin === 'pdf-attachment' && opts.noEmbedded) continue;
    try {
      const parsed = parseEInvoice(xml.xml, xml.origin);
      if (parsed) return parsed;
    } catch (err) {
      if (xml.origin !== 'pdf-attachment') throw err;
      notes.push(`embedded e-invoice ${xml.name} cannot be read (${(err as Error).message.slice(0, 160)}): fields read from the pages`);
    }
  }
  return null;
}

/** Notes on how the document was read are review reasons: a person should look. */
function withNotes(review: { needs_review: boolean; review_reasons: string[] }, notes: string[]) {
  return notes.length ? { needs_review: true, review_reasons: [...notes, ...review.review_reasons] } : { needs_review: review.needs_review, review_reasons: review.review_reasons };
}

function visualSource(doc: ReadDocument): ResultSource {
  const sources = new Set(doc.pages.map((p) => p.source));
  if (sources.size > 1) return 'mixed';
  return sources.has('ocr') ? 'ocr' : 'pdf-text';
}

function failure(name: string, sha256: string | null, err: DocumentError, started: number): ScanResult {
  return {
    file: name,
    sha256,
    pages: 0,
    timings_ms: { total: Math.round(performance.now() - started) },
    error: { code: err.code, message: err.message },
  };
}

function hashIfSmall(data: Buffer): string | null {
  return data.length ? createHash('sha256').update(data).digest('hex') : null;
}
