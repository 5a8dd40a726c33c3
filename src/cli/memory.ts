import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ConfigError, type EngineSettings, loadEngineConfig } from '../config.js';
import { FIELD_NAMES } from '../contract.js';
import { JsonFileStore, VendorMemory, type MemoryCall, type Truth } from '../memory/index.js';
import { DEFAULT_OCR_ENGINE, OCR_ENGINES, type OcrEngineSetting, parseOcrEngine } from '../pipeline/ocr/engines.js';
import { createScanner } from '../pipeline/scan.js';
import { createLlmFromEnv } from './llm-env.js';
import { AUTO_LANGS, SUPPORTED_LANGS } from '../pipeline/ocr/tessdata.js';
import { formatResult, langSpecUsable } from './scan.js';
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
    .option('--lang <langs>', `OCR languages, as for scan: ${AUTO_LANGS} or models joined by + (${SUPPORTED_LANGS.join(', ')})`, process.env.OCR_LANGS ?? AUTO_LANGS)
    .option('--ocr-engine <engine>', `OCR engine, as for scan: ${OCR_ENGINES.join(', ')} (default OCR_ENGINE, else ${DEFAULT_OCR_ENGINE})`)
    .option('--no-embedded', 'ignore XML embedded in PDFs (Factur-X/ZUGFeRD): read the visible page instead')
    .option('--json', 'print the scan result (JSON) instead of the table')
    .action(async (file: string, options) => {
      if (!langSpecUsable('learn', options.lang)) return;
      const print = reserveStdout();
      let truth: Truth;
      try {
        truth = await readTruth(options.truth);
      } catch (err) {
        process.stderr.write(`odoo-ocr learn: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const memory = await openMemoryFile(options.memory, options.company);
      let ocrEngine: OcrEngineSetting;
      try {
        ocrEngine = parseOcrEngine(options.ocrEngine ?? process.env.OCR_ENGINE);
      } catch (err) {
        process.stderr.write(`odoo-ocr learn: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      let settings: EngineSettings;
      try {
        settings = await loadEngineConfig(process.env); // the looks as the worker and scan read them
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        process.stderr.write(`odoo-ocr learn: ${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      const scanner = await createScanner({
        langs: options.lang, ocrEngine, noEmbedded: options.embedded === false, llm: await createLlmFromEnv(process.env),
        imageLook: settings.imageLook, engineLook: settings.engineLook,
      });
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
