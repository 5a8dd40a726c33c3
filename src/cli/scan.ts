import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_WRITE_THRESHOLD } from '../pipeline/confidence/policy.js';
import type { DocType, ScanResult } from '../contract.js';
import { ORDER_DOC_TYPES } from '../pipeline/extract/order.js';
import type { ExplainedCandidate } from '../pipeline/extract/explain.js';
import { DEFAULT_OCR_ENGINE, OCR_ENGINES, type OcrEngineSetting, parseOcrEngine } from '../pipeline/ocr/engines.js';
import { AUTO_LANGS, LangSpecError, parseLangs, prepareLangDir, SUPPORTED_LANGS } from '../pipeline/ocr/tessdata.js';
import { createScanner, type ScanCall } from '../pipeline/scan.js';
import { openMemoryFile } from './memory.js';
import { ConfigError, type EngineSettings, loadEngineConfig } from '../config.js';
import { createLlmClient } from '../pipeline/llm/index.js';
import { reserveStdout } from './stdout-guard.js';
import { amountsHeldOffline } from '../writeback/currency.js';
import { countryCurrency } from '../pipeline/confidence/country-clues.js';

// `odoo-ocr scan [--json] [--lang auto|deu+eng...] [--no-embedded] FILE...`: the document engine on files, no Odoo.
export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('read invoices/receipts from disk and print the extracted fields (no Odoo needed)')
    .argument('<files...>', 'PDF, image (JPEG, PNG, WEBP, TIFF, BMP), XML or P7M files')
    .option('--json', 'one JSON object per file (JSON Lines), the documented contract')
    .option('--lang <langs>', `OCR languages: ${AUTO_LANGS} (each scanned page read with the model of its language), or models joined by + (${SUPPORTED_LANGS.join(', ')})`, process.env.OCR_LANGS ?? AUTO_LANGS)
    .option('--ocr-engine <engine>', `OCR engine: ${OCR_ENGINES.join(', ')} (default OCR_ENGINE, else ${DEFAULT_OCR_ENGINE}; see README, Settings)`, parseEngineOption)
    .option('--no-embedded', 'ignore XML embedded in PDFs (Factur-X/ZUGFeRD): read the visible page instead')
    .option('--workers <n>', 'OCR worker threads (default: one per core)', (v) => parseInt(v, 10))
    .option('--full-text', 'print the whole text of each document in the table view')
    .option('--explain', 'show, per field, the candidate chosen and the runner-up with their scores and rules (adds "explain" to --json)')
    .option('--max-mb <n>', 'largest file accepted, in MB (default MAX_FILE_MB)', (v) => parseFloat(v))
    .option('--max-pages <n>', 'most pages accepted (default MAX_PAGES)', (v) => parseInt(v, 10))
    .option('--max-megapixels <n>', 'largest image accepted, in megapixels (default MAX_PIXELS)', (v) => parseFloat(v))
    .option('--timeout <seconds>', 'time one file may take (default DOC_TIMEOUT_SECONDS, 120)', (v) => parseFloat(v))
    .option('--memory <file>', 'a vendor memory file: matched profiles take part in the fields (see `learn`)')
    .option('--company <name>', 'whose vendor memory (profiles never cross companies)', 'default')
    .option('--expect <type>', 'what the files are known to be (purchase_order, delivery_note): their order number and lines are read whatever the title says (adds "order")', parseExpect)
    .option('--company-country <cc>', "the company's country (ISO code): the amounts' write flags then follow the worker's currency rule (a currency not read with confidence is the company's only on evidence that the document is from there)", parseCountry)
    .option('--company-currency <code>', "with --company-country: the company's currency (ISO code; default the one its country pays in), which an uncertain reading must match, as the record's own currency in the worker", parseCurrencyCode)
    .option('--write-threshold <p>', `write a value when its confidence is at least this (default WRITE_THRESHOLD, else ${DEFAULT_WRITE_THRESHOLD})`, parseThreshold)
    .action(async (files: string[], options) => {
      if (!langSpecUsable('scan', options.lang)) return;
      const company = companyOf(options.companyCountry, options.companyCurrency);
      if (company === false) return;
      const print = reserveStdout();
      const call: ScanCall = options.memory ? { memory: await openMemoryFile(options.memory, options.company) } : {};
      if (options.expect) call.expect = options.expect as DocType;
      // A language that is not installed is said once here; files that need OCR then fail with OCR_FAILED, the
      // others (XML, text-layer PDFs) are still read and every file still gets its JSON line.
      try {
        const langs = parseLangs(options.lang);
        prepareLangDir(langs === AUTO_LANGS ? [...SUPPORTED_LANGS] : langs);
      } catch (err) {
        process.stderr.write(`odoo-ocr scan: ${(err as Error).message}; files that need OCR fail with OCR_FAILED\n`);
      }
      let settings: EngineSettings;
      try {
        settings = await loadEngineConfig(process.env); // the settings table, as every command reads it
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`odoo-ocr scan: ${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      // a flag given wins over the setting
      const { limits } = settings;
      const scanner = await createScanner({
        langs: options.lang,
        ocrEngine: options.ocrEngine ?? settings.ocrEngine,
        noEmbedded: options.embedded === false,
        ocrWorkers: options.workers,
        llm: settings.llm ? createLlmClient(settings.llm) : null,
        writeThreshold: options.writeThreshold ?? settings.writeThreshold,
        explain: options.explain === true,
        imageLook: settings.imageLook,
        engineLook: settings.engineLook,
        limits: {
          maxBytes: options.maxMb ? options.maxMb * 1024 * 1024 : limits.maxBytes,
          maxPages: options.maxPages ?? limits.maxPages,
          maxPixels: options.maxMegapixels ? options.maxMegapixels * 1e6 : limits.maxPixels,
          docTimeoutMs: options.timeout ? options.timeout * 1000 : limits.docTimeoutMs,
          pdfMemoryMb: limits.pdfMemoryMb,
        },
      });
      let failed = 0;
      try {
        // Files are scanned a few at a time (the scanner's turns), each within its own deadline, and printed in the
        // order given: a hostile file delays the next lines by its deadline at most.
        const pending = files.map((file) => scanner.scanFile(file, file, call));
        for (const promise of pending) {
          const result = await promise;
          if (result.error) failed++;
          else if (company) holdAmountsForCurrency(result, options.writeThreshold ?? settings.writeThreshold, company);
          print(options.json ? JSON.stringify(result) + '\n' : formatResult(result, options.fullText, options.explain === true));
        }
      } finally {
        await scanner.close();
      }
      process.exitCode = failed ? 1 : 0;
    });
}

/**
 * A malformed `--lang` / OCR_LANGS ("k!ngon", "auto+eng") is a usage error: one line on stderr and exit code 2
 * before any file is read. A well-formed model that is not installed is not: files that need OCR then fail with
 * OCR_FAILED and the others are still read.
 */
export function langSpecUsable(command: string, spec: string | undefined): boolean {
  try {
    parseLangs(spec);
    return true;
  } catch (err) {
    if (!(err instanceof LangSpecError)) throw err;
    process.stderr.write(`odoo-ocr ${command}: ${err.message}\n`);
    process.exitCode = 2;
    return false;
  }
}

function parseEngineOption(v: string): OcrEngineSetting {
  try {
    return parseOcrEngine(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function parseThreshold(v: string): number {
  const t = Number(v);
  if (!Number.isFinite(t) || t < 0 || t > 1) throw new InvalidArgumentError('a number between 0 and 1');
  return t;
}

const SHOWN_FIELDS = ['doc_type', 'vendor_name', 'vendor_vat', 'invoice_number', 'date', 'due_date', 'currency',
  'amount_untaxed', 'amount_tax', 'amount_total', 'po_number'] as const;

function parseCountry(v: string): string {
  if (!/^[A-Za-z]{2}$/.test(v)) throw new InvalidArgumentError('a two-letter ISO country code');
  return v.toUpperCase();
}

function parseCurrencyCode(v: string): string {
  if (!/^[A-Za-z]{3}$/.test(v)) throw new InvalidArgumentError('a three-letter ISO currency code');
  return v.toUpperCase();
}

/** The company --company-country and --company-currency describe; null when none is given, false (after saying why,
 * exit 2) when they do not make one: the worker always knows the record's currency, so scan needs one too. */
function companyOf(country: string | undefined, currency: string | undefined): { country: string; currency: string } | null | false {
  const fail = (why: string) => {
    process.stderr.write(`odoo-ocr scan: ${why}\n`);
    process.exitCode = 2;
    return false as const;
  };
  if (!country) return currency ? fail('--company-currency needs --company-country') : null;
  const code = currency ?? countryCurrency(country);
  return code ? { country, currency: code } : fail(`${country} pays in more than one currency here: give --company-currency`);
}

const AMOUNT_FIELDS = ['amount_total', 'amount_untaxed', 'amount_tax'] as const;

/** --company-country: the amounts are written only where the worker would write them for that company (the write-back's
 * own rule, writeback/currency.ts amountsHeldOffline); otherwise their write flags turn false and the reasons go to
 * review, as the worker's note would say them. */
export function holdAmountsForCurrency(result: ScanResult, threshold: number, company: { country: string; currency: string | null }): void {
  if (!result.fields) return;
  // a receipt goes to an expense, anything else to a bill (the worker's targets; only the note's wording differs)
  const held = amountsHeldOffline(result, threshold, company, result.fields.doc_type?.value === 'receipt' ? 'expense' : 'bill');
  if (!held.length) return;
  for (const name of AMOUNT_FIELDS) {
    const field = result.fields[name];
    if (field && field.write) field.write = false;
  }
  result.needs_review = true;
  result.review_reasons = [...(result.review_reasons ?? []), ...held.filter((r) => !result.review_reasons?.includes(r))];
}

/** `--expect`: an order-type document kind. */
function parseExpect(value: string): DocType {
  if (!ORDER_DOC_TYPES.has(value as DocType)) throw new InvalidArgumentError(`must be one of ${[...ORDER_DOC_TYPES].join(', ')}`);
  return value as DocType;
}

export function formatResult(result: ScanResult, fullText = false, explain = false): string {
  const out: string[] = [`── ${result.file}`];
  if (result.error) {
    out.push(`   error     ${result.error.code}: ${result.error.message}`, '');
    return out.join('\n') + '\n';
  }
  out.push(`   source    ${result.source}, ${result.pages} page(s), ${result.timings_ms.total} ms${result.language ? `, language ${result.language}` : ''}`);
  for (const name of SHOWN_FIELDS) {
    const field = result.fields?.[name];
    if (!field || field.value === null) continue;
    const shown = typeof field.value === 'number' ? field.value.toFixed(2) : String(field.value);
    const policy = field.write === undefined ? '' : field.write ? '  would write' : '  held back';
    out.push(`   ${name.padEnd(15)} ${shown.padEnd(34)} ${field.confidence.toFixed(2)}${policy}`);
  }
  if (explain) out.push(...formatExplain(result));
  if (result.lines?.length) out.push(`   lines     ${result.lines.length}`);
  if (result.memory) {
    const m = result.memory;
    const used = m.matched_by ? `profile matched by ${m.matched_by} (${m.documents} document(s) learned)` : 'no profile matched';
    out.push(`   memory    ${used}${m.changed.length ? `; changed ${m.changed.join(', ')}` : ''}${m.learned ? '; learned from this document' : ''}`);
  }
  out.push(`   review    ${result.needs_review ? 'yes: ' + (result.review_reasons ?? []).join('; ') : 'no'}`);
  const textLines = (result.text ?? '').split(/\n|\f/).filter((l) => l.trim());
  const shown = fullText ? textLines : textLines.slice(0, 12);
  out.push('   text:', ...shown.map((l) => `   │ ${l}`));
  if (shown.length < textLines.length) out.push(`   │ … ${textLines.length - shown.length} more lines (--full-text)`);
  return out.join('\n') + '\n\n';
}

const shownCandidate = (c: ExplainedCandidate | null): string =>
  c ? `${JSON.stringify(c.value)} score ${c.score.toFixed(2)} (${c.why.join(', ') || 'no rule'})` : '-';

/** `--explain`: per field, what the rules chose and what came second, so a user can see why a value won. */
export function formatExplain(result: ScanResult): string[] {
  if (!result.explain) return ['   explain   (no candidates: the fields come from an e-invoice)'];
  const out = ['   explain   field: chosen | runner-up'];
  for (const name of SHOWN_FIELDS) {
    const ex = result.explain.fields[name];
    if (!ex || (!ex.winner && !ex.runner_up && ex.replaced_by === undefined)) continue;
    out.push(`   ${name.padEnd(15)} ${shownCandidate(ex.winner)}`);
    out.push(`   ${''.padEnd(15)} runner-up ${shownCandidate(ex.runner_up)}`);
    const by = ex.replaced_in === 'other-engine' ? "the other OCR engine's reading" : 'second look / LLM';
    if (ex.replaced_by !== undefined) out.push(`   ${''.padEnd(15)} then replaced by ${JSON.stringify(ex.replaced_by)} (${by})`);
  }
  const ev = result.explain.evidence;
  const flag = (v: unknown): string => (v === null ? 'n/a' : String(v));
  out.push(`   evidence  adds up ${flag(ev.adds_up)}, lines sum to ${flag(ev.lines_sum)}, paid = total ${flag(ev.paid_matches_total)}, total − prepaid = payable ${ev.payable_after_prepaid}`);
  return out;
}
