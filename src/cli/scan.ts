import type { Command } from 'commander';
import type { ScanResult } from '../contract.js';
import { createScanner, type ScanCall } from '../pipeline/scan.js';
import { openMemoryFile } from './memory.js';
import { createLlmFromEnv } from './llm-env.js';
import { reserveStdout } from './stdout-guard.js';

// `odoo-ocr scan [--json] [--lang eng+ita+...] [--no-embedded] FILE...`: the document engine on files, no Odoo.
export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('read invoices/receipts from disk and print the extracted fields (no Odoo needed)')
    .argument('<files...>', 'PDF, image (JPEG, PNG, WEBP, TIFF, BMP), XML or P7M files')
    .option('--json', 'one JSON object per file (JSON Lines), the documented contract')
    .option('--lang <langs>', 'OCR languages joined by + (eng, ita, spa, deu, fra)', process.env.OCR_LANGS ?? 'eng')
    .option('--no-embedded', 'ignore XML embedded in PDFs (Factur-X/ZUGFeRD): read the visible page instead')
    .option('--workers <n>', 'OCR worker threads (default: one per core)', (v) => parseInt(v, 10))
    .option('--full-text', 'print the whole text of each document in the table view')
    .option('--max-mb <n>', 'largest file accepted, in MB', (v) => parseFloat(v))
    .option('--max-pages <n>', 'most pages accepted', (v) => parseInt(v, 10))
    .option('--max-megapixels <n>', 'largest image accepted, in megapixels', (v) => parseFloat(v))
    .option('--memory <file>', 'a vendor memory file: matched profiles take part in the fields (see `learn`)')
    .option('--company <name>', 'whose vendor memory (profiles never cross companies)', 'default')
    .action(async (files: string[], options) => {
      const print = reserveStdout();
      const call: ScanCall = options.memory ? { memory: await openMemoryFile(options.memory, options.company) } : {};
      const scanner = await createScanner({
        langs: options.lang,
        noEmbedded: options.embedded === false,
        ocrWorkers: options.workers,
        llm: createLlmFromEnv(process.env),
        limits: {
          maxBytes: options.maxMb ? options.maxMb * 1024 * 1024 : undefined,
          maxPages: options.maxPages,
          maxPixels: options.maxMegapixels ? options.maxMegapixels * 1e6 : undefined,
        },
      });
      let failed = 0;
      try {
        // Files are scanned concurrently (the OCR pool bounds the CPU work) but printed in the order given.
        const pending = files.map((file) => scanner.scanFile(file, file, call));
        for (const promise of pending) {
          const result = await promise;
          if (result.error) failed++;
          print(options.json ? JSON.stringify(result) + '\n' : formatResult(result, options.fullText));
        }
      } finally {
        await scanner.close();
      }
      process.exitCode = failed ? 1 : 0;
    });
}

const SHOWN_FIELDS = ['doc_type', 'vendor_name', 'vendor_vat', 'invoice_number', 'date', 'due_date', 'currency',
  'amount_untaxed', 'amount_tax', 'amount_total', 'po_number'] as const;

export function formatResult(result: ScanResult, fullText = false): string {
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
    out.push(`   ${name.padEnd(15)} ${shown.padEnd(34)} ${field.confidence.toFixed(2)}`);
  }
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
