// What the currency rule of the write-back costs between `scan` and Odoo, without an Odoo: an amount is written only
// with its currency, and the write-back takes a currency only when it is read with confidence, confirmed by where
// the document is from, or (not stated) placed in the company's own country (src/writeback/currency.ts). `scan`'s
// write flag on amount_total knows nothing of that, so a total it would write may be held back in Odoo. On a real
// Odoo 17 in a US-dollar company (scripts/real-odoo-check.ts) this was the one loss of the Odoo path besides Odoo's
// shrinking of photos: this counts it over a whole corpus, with the write-back's own rules, for any company country.
//   node --import tsx bench/currency-held.ts DIR [--split tune|holdout|all] [--only FOLDER[,FOLDER]] [--ocr-cache DIR]
//     [--country US] [--currency USD]
// Prints, per folder, the totals the scan writes, how many the write-back would hold for their currency, how many
// would go through in a currency other than the document's (wrong), and each held one with the reason in the note.
import path from 'node:path';
import { selectDocuments } from './accuracy.js';
import { corpusCurrency, type Split } from './corpus.js';
import type { ScanResult } from '../src/contract.js';
import type { OdooClient } from '../src/odoo/types.js';
import { loadEngineConfig } from '../src/config.js';
import { createScanner } from '../src/pipeline/scan.js';
import { WriteDecisions } from '../src/writeback/decisions.js';
import { corroboratedCurrency, shownCurrency, unstatedCurrencyIsOurs } from '../src/writeback/currency.js';

const args = process.argv.slice(2);
const valueOf = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!dir) {
  console.error('usage: bench/currency-held.ts DIR [--split tune|holdout|all] [--only FOLDER,…] [--ocr-cache DIR] [--country US] [--currency USD]');
  process.exit(2);
}
const split = (valueOf('--split') ?? 'tune') as Split | 'all';
const only = valueOf('--only')?.split(',');
const country = (valueOf('--country') ?? 'US').toUpperCase();
const own = (valueOf('--currency') ?? 'USD').toUpperCase();
/** The company's country is all the rule asks of Odoo here. */
const client = { searchRead: async (model: string) => (model === 'res.company' ? [{ country_code: country }] : []) } as unknown as OdooClient;

/** The document's currency as the write-back takes it for an amount (prepare-expense.ts fillExpenseCurrency,
 * prepare-bill.ts fillCurrency without a purchase order): null when held back, with the reason in `d`. */
async function currencyTaken(result: ScanResult, d: WriteDecisions): Promise<string | null> {
  const field = result.fields!.currency;
  const shown = shownCurrency(field, d.threshold);
  const code = d.confident('currency', field) ?? corroboratedCurrency(d, shown, result);
  if (code !== null) return code;
  return (await unstatedCurrencyIsOurs(client, { companyId: null, context: {} }, d, shown, result, own, 'document')) ? own : null;
}

const settings = await loadEngineConfig(process.env);
const scanner = await createScanner({
  ocrEngine: settings.ocrEngine, writeThreshold: settings.writeThreshold, imageLook: settings.imageLook, engineLook: settings.engineLook,
  ocrCacheDir: valueOf('--ocr-cache'), limits: { docTimeoutMs: 900_000 },
});
const { docs } = await selectDocuments(dir, split);
const chosen = docs.filter((doc) => ['receipt', 'invoice', 'credit_note'].includes(String(doc.truth.doc_type))
  && (!only || only.includes(doc.rel.split(path.sep)[0])));
const folders = new Map<string, { written: number; held: number; wrong: number }>();
const held: string[] = [];
try {
  const reads = chosen.map((doc) => scanner.scanFile(doc.file, doc.rel).then((result) => ({ doc, result })));
  for (const read of reads) {
    const { doc, result } = await read;
    const total = result.fields?.amount_total;
    if (!total?.write) continue;
    const folder = doc.rel.split(path.sep)[0];
    const row = folders.get(folder) ?? { written: 0, held: 0, wrong: 0 };
    folders.set(folder, row);
    row.written++;
    const d = new WriteDecisions(settings.writeThreshold, false, {}, 'account.move');
    const taken = await currencyTaken(result, d);
    const want = doc.truth.currency ?? corpusCurrency(doc.rel);
    if (taken === null) {
      row.held++;
      held.push(`${doc.rel}\t${total.value} ${result.fields!.currency.value ?? '-'} ${result.fields!.currency.confidence.toFixed(2)} (document's ${want ?? '?'})\t${d.reasons.join('; ')}`);
    } else if (want && taken !== want) {
      row.wrong++;
      held.push(`${doc.rel}\t${total.value} written in ${taken}, the document's is ${want}`);
    }
  }
} finally {
  await scanner.close();
}
console.log(`company in ${country}, ${own}; ${split}; totals the scan writes, and what the write-back's currency rule does with them`);
console.log(`${'folder'.padEnd(18)} written   held  wrong currency`);
const sum = { written: 0, held: 0, wrong: 0 };
for (const [folder, row] of [...folders].sort()) {
  console.log(`${folder.padEnd(18)} ${String(row.written).padStart(7)} ${String(row.held).padStart(6)} ${String(row.wrong).padStart(6)}`);
  sum.written += row.written;
  sum.held += row.held;
  sum.wrong += row.wrong;
}
console.log(`${'all'.padEnd(18)} ${String(sum.written).padStart(7)} ${String(sum.held).padStart(6)} ${String(sum.wrong).padStart(6)}`);
for (const line of held) console.log(line);
