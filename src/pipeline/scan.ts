import { createHash } from 'node:crypto';
import { stat, readFile } from 'node:fs/promises';
import type { ResultSource, ScanResult } from '../contract.js';
import type { ReadDocument } from './document.js';
import { findPdfXmlAttachments, parseEInvoice, unwrapP7m, type EInvoiceResult } from './einvoice/index.js';
import { asDocumentError, DocumentError } from './errors.js';
import { assessConfidence, type CalibrationTable } from './confidence/index.js';
import { extractFields } from './extract/index.js';
import { detectLanguage } from './language.js';
import { resolveLimits, type Limits } from './limits.js';
import type { LlmClient } from './llm/index.js';
import { OcrCache } from './ocr/cache.js';
import { OcrPool } from './ocr/pool.js';
import { LanguageChooser } from './ocr/auto-language.js';
import { AUTO_LANGS, parseLangs } from './ocr/tessdata.js';
import { readDocument } from './read.js';

// The whole pipeline for one file: read (text layer / OCR / embedded XML) → e-invoice or visual extraction → review.
// One Scanner holds the OCR pool; it is shared by the CLI, the worker and the benchmarks.

export interface ScanOptions {
  /** `auto` (default: each scanned page in its own language) or fixed Tesseract models, e.g. "deu+eng". */
  langs?: string | string[];
  noEmbedded?: boolean;
  ocrWorkers?: number;
  limits?: Partial<Limits>;
  llm?: LlmClient | null;
  preprocess?: boolean;
  autoRotate?: boolean;
  /** A field is written (and a key field missing from the writes sends the document to review) when its calibrated
   * confidence is at least this. Default DEFAULT_WRITE_THRESHOLD. */
  writeThreshold?: number;
  /** Calibration table to use instead of the shipped data/calibration.json (benchmarks, refits). */
  calibration?: CalibrationTable;
  /** add `explain` (winner and runner-up per field) to visual-path results */
  explain?: boolean;
  /** Keep OCR results in this directory between runs: benchmarks and tuning only (src/pipeline/ocr/cache.ts). */
  ocrCacheDir?: string;
}

export interface Scanner {
  scanFile(path: string, displayName?: string): Promise<ScanResult>;
  scanBuffer(data: Buffer, name: string): Promise<ScanResult>;
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
  const pool = new OcrPool({ langs, workers: opts.ocrWorkers, cache });
  const languages = langs === AUTO_LANGS ? new LanguageChooser() : undefined;

  const scanBuffer = async (data: Buffer, name: string): Promise<ScanResult> => {
    const started = performance.now();
    let sha256: string | null = null;
    try {
      const doc = await readDocument(data, name, {
        pool,
        languages,
        limits,
        preprocess: opts.preprocess,
        autoRotate: opts.autoRotate,
        embedded: !opts.noEmbedded,
        findPdfXml: findPdfXmlAttachments,
        unwrapP7m,
      });
      sha256 = doc.sha256;
      const result = await buildResult(doc, name, opts);
      result.timings_ms = { ...doc.timings, ...result.timings_ms, total: Math.round(performance.now() - started) };
      return result;
    } catch (err) {
      return failure(name, sha256 ?? hashIfSmall(data), asDocumentError(err), started);
    }
  };

  return {
    limits,
    scanBuffer,
    async scanFile(path, displayName = path) {
      const started = performance.now();
      try {
        const info = await stat(path);
        if (!info.isFile()) throw new DocumentError('UNSUPPORTED_TYPE', 'not a regular file');
        // Checked before reading: a 300 MB upload is refused without loading it.
        if (info.size > limits.maxBytes)
          throw new DocumentError('TOO_LARGE', `file is ${(info.size / 1048576).toFixed(1)} MB, above the limit of ${(limits.maxBytes / 1048576).toFixed(1)} MB`);
        return await scanBuffer(await readFile(path), displayName);
      } catch (err) {
        return failure(displayName, null, asDocumentError(err), started);
      }
    },
    ready: () => pool.isReady,
    whenReady: () => pool.ready(),
    poolState: () => pool.state,
    close: () => pool.close(),
  };
}

async function buildResult(doc: ReadDocument, name: string, opts: ScanOptions): Promise<ScanResult> {
  const einvoice = findEInvoice(doc, opts);
  const policy = { doc, writeThreshold: opts.writeThreshold, table: opts.calibration };
  if (einvoice) {
    const assessed = assessConfidence({ ...policy, fields: einvoice.fields, lines: einvoice.lines, source: einvoice.source });
    return {
      file: name,
      sha256: doc.sha256,
      source: einvoice.source,
      pages: doc.pageCount,
      language: einvoice.language ?? detectLanguage(doc.text), // most XML does not say; its words do
      text: doc.kind === 'pdf' ? doc.text : einvoice.text || doc.text,
      fields: assessed.fields,
      lines: einvoice.lines,
      needs_review: assessed.needs_review,
      review_reasons: assessed.review_reasons,
      timings_ms: { total: 0 },
    };
  }
  const t0 = performance.now();
  const extraction = await extractFields(doc, { llm: opts.llm ?? null });
  const source = visualSource(doc);
  const assessed = assessConfidence({ ...policy, fields: extraction.fields, lines: extraction.lines, source, secondLook: extraction.secondLook, amounts: extraction.explain.evidence });
  return {
    file: name,
    sha256: doc.sha256,
    source,
    pages: doc.pageCount,
    language: extraction.language,
    text: doc.text,
    fields: assessed.fields,
    lines: extraction.lines,
    needs_review: assessed.needs_review,
    review_reasons: assessed.review_reasons,
    ...(opts.explain ? { explain: extraction.explain } : {}),
    timings_ms: { extract: Math.round(performance.now() - t0), total: 0 },
  };
}

/** The first structured invoice found: the XML file itself always counts; XML embedded in a PDF only unless
 * --no-embedded (which exists to measure the visual path on the same PDFs). */
function findEInvoice(doc: ReadDocument, opts: ScanOptions): EInvoiceResult | null {
  for (const xml of doc.xml) {
    if (xml.origin === 'pdf-attachment' && opts.noEmbedded) continue;
    const parsed = parseEInvoice(xml.xml, xml.origin); // throws a CORRUPT_FILE error for a broken XML e-invoice
    if (parsed) return parsed;
  }
  return null;
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
