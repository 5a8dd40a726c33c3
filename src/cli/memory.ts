import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { FIELD_NAMES } from '../contract.js';
import { JsonFileStore, VendorMemory, type MemoryCall, type Truth } from '../memory/index.js';
import { createScanner } from '../pipeline/scan.js';
import { createLlmFromEnv } from './llm-env.js';
import { formatResult } from './scan.js';
import { reserveStdout } from './stdout-guard.js';

export async function openMemoryFile(file: string, company: string): Promise<MemoryCall> {
  return { memory: new VendorMemory(await JsonFileStore.open(file)), company };
}

/** A TRUTH.json: the scan's field names with the values that were kept (other keys, like `source`, are ignored). */
export async function readTruth(file: string): Promise<Truth> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`truth file ${file} is unreadable or not JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`truth file ${file} must hold a JSON object of field values`);
  const truth: Truth = {};
  for (const name of FIELD_NAMES) {
    const v = (parsed as Record<string, unknown>)[name];
    if (v !== undefined) truth[name] = v;
  }
  return truth;
}

// `odoo-ocr learn FILE --truth TRUTH.json --memory FILE`: records a correction as posting the record would.
export function registerLearnCommand(program: Command): void {
  program
    .command('learn')
    .description('teach the vendor memory what was right on a document, as posting it in Odoo would')
    .argument('<file>', 'the document (PDF, image, XML)')
    .requiredOption('--truth <file>', 'JSON with the right values under the scan\'s field names (like *.truth.json)')
    .requiredOption('--memory <file>', 'the vendor memory file to update (created if missing)')
    .option('--company <name>', 'whose vendor memory (profiles never cross companies)', 'default')
    .option('--lang <langs>', 'OCR languages joined by + (eng, ita, spa, deu, fra)', process.env.OCR_LANGS ?? 'eng')
    .option('--no-embedded', 'ignore XML embedded in PDFs (Factur-X/ZUGFeRD): read the visible page instead')
    .option('--json', 'print the scan result (JSON) instead of the table')
    .action(async (file: string, options) => {
      const print = reserveStdout();
      const truth = await readTruth(options.truth);
      const memory = await openMemoryFile(options.memory, options.company);
      const scanner = await createScanner({ langs: options.lang, noEmbedded: options.embedded === false, llm: await createLlmFromEnv(process.env) });
      try {
        const result = await scanner.scanFile(file, file, { memory: { ...memory, truth } });
        print(options.json ? JSON.stringify(result) + '\n' : formatResult(result));
        if (result.error) process.exitCode = 1;
        else if (!result.memory?.learned) {
          process.stderr.write(`${file}: an e-invoice is read exactly; nothing to learn\n`);
        } else process.stderr.write(`learned into ${options.memory} (profile ${result.memory.profile})\n`);
      } finally {
        await scanner.close();
      }
    });
}
