// Purchase-order matching of vendor bills on a real Odoo 17 (purchase + stock + demo data, set up by
// scripts/po-bills.ts setup): uploads each bill of DIR (manifest.json, made by scripts/po-bills.ts make) as a person
// does (Vendor Bills > Upload), runs the worker (`odoo-ocr sync --once`) and kills it (SIGKILL) KILLS times at a
// random moment while it holds jobs (reading the document and Odoo, planning, writing), then lets it finish; reads back:
//   - linked right: the bill's lines carry purchase_line_id of its order only (the truth's), and of no other;
//   - review codes the order calls for (price differs, quantities beyond what was received) present;
//   - nothing confirmed: every order's state as before; nothing linked twice: no order line on two bill lines, one
//     bill per uploaded file.
//   ODOO_URL=http://127.0.0.1:8073 ODOO_DB=h18a_db ODOO_USER=ocr-worker ODOO_API_KEY_FILE=/tmp/key \
//     KILLS=3 node --import tsx bench/po-match.ts fixtures/po-bills
// OCR_MODE=addonless runs the worker without the addon's jobs (plain search_read / write; killed a random 0-2 s after
// it wrote its first bill of the run; review codes are then in the chatter, not counted here).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectOdoo } from '../src/odoo/index.js';
import { fromRoot } from '../src/paths.js';

type Row = Record<string, any>;
const env = process.env;
const dir = process.argv[2] ?? 'fixtures/po-bills';
const kills = Number(env.KILLS ?? 3);
const addonless = env.OCR_MODE === 'addonless';
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Array<{ file: string; truth: Row }>;

const admin = await connectOdoo({ url: env.ODOO_URL!, db: env.ODOO_DB!, username: env.ODOO_ADMIN ?? 'admin', password: env.ODOO_ADMIN_PASSWORD ?? 'admin' });
const ordersBefore = new Map((await admin.searchRead<Row>('purchase.order', [], { fields: ['id', 'name', 'state'] })).map((o) => [o.id, o]));
const [journal] = await admin.searchRead<Row>('account.journal', [['type', '=', 'purchase']], { fields: ['id'], limit: 1 });
const uploaded: Array<{ file: string; truth: Row; attachmentId: number; billId: number }> = [];
for (const { file, truth } of manifest) {
  const datas = readFileSync(path.join(dir, file)).toString('base64');
  const [attachmentId] = await admin.create('ir.attachment', [{ name: file, datas, res_model: 'account.journal', res_id: journal.id }]);
  const action = await admin.call<Row>('account.journal', 'create_document_from_attachment', {
    ids: [journal.id], kwargs: { attachment_ids: [attachmentId] }, context: { default_move_type: 'in_invoice' },
  });
  const [row] = await admin.read<Row>('ir.attachment', [attachmentId!], ['res_id']);
  uploaded.push({ file, truth, attachmentId: attachmentId!, billId: (action?.res_id ?? row.res_id) as number });
}
process.stdout.write(`uploaded ${uploaded.length} bills\n`);

const state = mkdtempSync(path.join(os.tmpdir(), 'po-match-'));
const workerEnv = { ...env, STATE_DIR: state, HTTP_PORT: '0', LOG_LEVEL: 'warn', LEASE_SECONDS: '10', RESULT_CACHE: 'false' };
/** One `sync --once` process; with `kill`, SIGKILLed a random 0-2 s after it first holds a job (a job of this run
 * running): while it reads the document and Odoo, plans and writes. */
function runWorker(kill: (() => number) | null): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli.ts'), 'sync', '--once'], { env: workerEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    let done = false;
    let filledAtStart = 0;
    const watch = async () => {
      if (addonless) filledAtStart = await admin.searchCount('account.move', [['id', 'in', uploaded.map((u) => u.billId)], ['invoice_line_ids', '!=', false]]);
      while (kill && !done) {
        // addon: a job of this run leased; addon-less (no jobs): a bill written since this run started
        const running = addonless
          ? (await admin.searchCount('account.move', [['id', 'in', uploaded.map((u) => u.billId)], ['invoice_line_ids', '!=', false]])) > filledAtStart
          : (await admin.searchCount('ocr.job', [['state', '=', 'running'], ['attachment_id', 'in', uploaded.map((u) => u.attachmentId)]])) > 0;
        if (running) {
          await new Promise((r) => setTimeout(r, kill()));
          if (!done) child.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    void watch();
    child.on('exit', (code, signal) => { done = true; resolve(signal ?? String(code)); });
  });
}
let seed = 18;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const started = Date.now();
const retakenBefore = new Set<number>();
for (let k = 0; k < kills; k++) {
  process.stdout.write(`worker run ${k + 1}: ${await runWorker(() => Math.floor(rnd() * 2000))}\n`);
  if (!addonless) for (const j of await admin.searchRead<Row>('ocr.job', [['state', '=', 'running'], ['attachment_id', 'in', uploaded.map((u) => u.attachmentId)]], { fields: ['id'] })) retakenBefore.add(j.id);
  await new Promise((r) => setTimeout(r, 11_000)); // the killed worker's leases run out
}
process.stdout.write(`jobs the killed workers held (read, planned or writing): ${retakenBefore.size}\n`);
for (let round = 0; round < 4; round++) {
  process.stdout.write(`worker run to the end: ${await runWorker(null)}\n`);
  const bills = await admin.read<Row>('account.move', uploaded.map((u) => u.billId), ['invoice_line_ids']);
  if (bills.every((b) => b.invoice_line_ids.length > 0)) break;
  await new Promise((r) => setTimeout(r, 11_000));
}
process.stdout.write(`worker wall time ${Math.round((Date.now() - started) / 1000)} s (with ${kills} kill(s) and lease waits)\n`);

// ---- read back
const lineOrders = new Map<number, string>();
const orderNames = new Map((await admin.searchRead<Row>('purchase.order', [], { fields: ['id', 'name'] })).map((o) => [o.id, o.name as string]));
for (const l of await admin.searchRead<Row>('purchase.order.line', [], { fields: ['id', 'order_id'] })) lineOrders.set(l.id, orderNames.get(l.order_id[0])!);
let retried = 0; let right = 0; let wrong = 0; let unlinked = 0; let reviewExpected = 0; let reviewFound = 0; let falseReview = 0;
const seenLines = new Map<number, number>();
for (const u of uploaded) {
  const lines = await admin.searchRead<Row>('account.move.line', [['move_id', '=', u.billId], ['display_type', '=', 'product']], { fields: ['purchase_line_id'] });
  const orders = new Set(lines.map((l) => (l.purchase_line_id ? lineOrders.get(l.purchase_line_id[0]) : null)).filter(Boolean));
  for (const l of lines) if (l.purchase_line_id) seenLines.set(l.purchase_line_id[0], (seenLines.get(l.purchase_line_id[0]) ?? 0) + 1);
  const [job] = await admin.searchRead<Row>('ocr.job', [['attachment_id', '=', u.attachmentId]], { fields: ['state', 'review_codes', 'attempts'], limit: 1, order: 'id desc' }).catch(() => [] as Row[]);
  if (job && retakenBefore.has(job.id)) retried++;
  const codes = new Set(((job?.review_codes as Row[] | false) || []).map((c) => c.code as string).filter((c) => c.startsWith('po_')));
  const ok = orders.size === 1 && orders.has(u.truth.po);
  if (ok) right++; else if (orders.size) wrong++; else unlinked++;
  for (const code of u.truth.expect_review as string[]) { reviewExpected++; if (codes.has(code)) reviewFound++; }
  const unexpected = [...codes].filter((c) => !(u.truth.expect_review as string[]).includes(c));
  if (unexpected.length) falseReview++;
  process.stdout.write(`${u.file}\t${u.truth.variant}\t${ok ? 'right' : orders.size ? `WRONG ${[...orders].join(',')}` : 'unlinked'}\tjob ${job?.state ?? '-'}\t${[...codes].join(' ')}\n`);
}
const ordersAfter = await admin.searchRead<Row>('purchase.order', [], { fields: ['id', 'name', 'state'] });
const changed = ordersAfter.filter((o) => ordersBefore.get(o.id)?.state !== o.state).map((o) => o.name);
const created = ordersAfter.filter((o) => !ordersBefore.has(o.id)).map((o) => o.name);
const twice = [...seenLines.entries()].filter(([, n]) => n > 1).length;
const billsPerFile = await admin.searchCount('account.move', [['move_type', '=', 'in_invoice'], ['message_main_attachment_id', 'in', uploaded.map((u) => u.attachmentId)]]);
const n = uploaded.length;
process.stdout.write(`\nlinked to the right order  ${right}/${n} (${((100 * right) / n).toFixed(1)} %), wrong ${wrong}, not linked ${unlinked}\n`);
process.stdout.write(`expected review codes found ${reviewFound}/${reviewExpected}; bills with a po_* code not expected ${falseReview}\n`);
process.stdout.write(`orders whose state changed ${changed.length}${changed.length ? ` (${changed.join(', ')})` : ''}; orders created ${created.length}\n`);
process.stdout.write(`order lines on two bill lines ${twice}; bills for ${n} files: ${billsPerFile}; jobs held by a killed worker, finished by the next ${retried}\n`);
admin.close();
