// Vendor bills for the purchase orders of a real Odoo 17 with demo data, as their vendors would send them: the
// buyer's set-up first (what a purchasing department does: confirm the demo RFQs, order more, receive the goods),
// then one PDF bill per confirmed order, with the order number (or the vendor's own reference, or none) and lines.
// Not a test. Run against a fresh copy of tmpl17ps (the set-up is deterministic on it):
//   ODOO_URL=http://127.0.0.1:8073 ODOO_DB=h18a_db node --import tsx scripts/po-bills.ts setup
//   ODOO_URL=http://127.0.0.1:8073 ODOO_DB=h18a_db node --import tsx scripts/po-bills.ts make fixtures/po-bills
// `make` writes <name>.pdf and manifest.json (truth: the order each bill is billed against, the variant, and the
// review codes the order's state calls for). bench/po-match.ts measures the worker on them.
//   … scripts/po-bills.ts setup-real fixtures/po-bills-real   the orders behind three public e-invoices that quote one
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { connectOdoo } from '../src/odoo/index.js';
import type { OdooClient } from '../src/odoo/types.js';

type Row = Record<string, any>;
const env = process.env;

async function admin(): Promise<OdooClient> {
  return connectOdoo({ url: env.ODOO_URL ?? 'http://127.0.0.1:8073', db: env.ODOO_DB!, username: env.ODOO_ADMIN ?? 'admin', password: env.ODOO_ADMIN_PASSWORD ?? 'admin' });
}

/** A small seeded generator, so the set-up and the bills are the same on every fresh copy. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA_ORDERS = 30;

async function receive(odoo: OdooClient, orderId: number, partial: boolean): Promise<void> {
  const [order] = await odoo.read<Row>('purchase.order', [orderId], ['picking_ids']);
  for (const pickingId of order.picking_ids as number[]) {
    const [picking] = await odoo.read<Row>('stock.picking', [pickingId], ['move_ids', 'state']);
    if (picking.state === 'done' || picking.state === 'cancel') continue;
    const moves = await odoo.read<Row>('stock.move', picking.move_ids, ['product_uom_qty']);
    for (const [i, move] of moves.entries()) {
      const qty = partial && i === 0 ? Math.max(1, Math.floor(move.product_uom_qty / 2)) : move.product_uom_qty;
      await odoo.write('stock.move', [move.id], { quantity: qty, picked: true });
    }
    // a partial receipt without backorder: what did not arrive is not expected any more
    await odoo.call('stock.picking', 'button_validate', { ids: [pickingId], context: { skip_backorder: true, picking_ids_not_to_backorder: [pickingId] } });
  }
}

async function setup(): Promise<void> {
  const odoo = await admin();
  const rnd = random(18);
  const drafts = await odoo.searchRead<Row>('purchase.order', [['state', 'in', ['draft', 'sent']]], { fields: ['id'], order: 'id' });
  for (const o of drafts) await odoo.call('purchase.order', 'button_confirm', { ids: [o.id] });
  const vendors = await odoo.searchRead<Row>('res.partner', [['is_company', '=', true], ['vat', '!=', false]], { fields: ['id'], order: 'id' });
  const products = await odoo.searchRead<Row>('product.product', [['purchase_ok', '=', true], ['default_code', '!=', false], ['type', '=', 'product']], { fields: ['id', 'standard_price'], order: 'default_code' });
  for (let i = 0; i < EXTRA_ORDERS; i++) {
    const vendor = vendors[i % vendors.length].id;
    const count = 1 + Math.floor(rnd() * 4);
    const picked = new Set<number>();
    while (picked.size < count) picked.add(products[Math.floor(rnd() * products.length)].id);
    const lines = [...picked].map((product) => [0, 0, {
      product_id: product, product_qty: 1 + Math.floor(rnd() * 20), price_unit: Math.round((20 + rnd() * 880) * 100) / 100,
    }]);
    const vals: Row = { partner_id: vendor, order_line: lines };
    if (i % 3 === 1) vals.partner_ref = `SO-${4100 + i * 7}`;
    const [id] = await odoo.create('purchase.order', [vals]);
    await odoo.call('purchase.order', 'button_confirm', { ids: [id] });
  }
  const confirmed = await odoo.searchRead<Row>('purchase.order', [['state', '=', 'purchase']], { fields: ['id', 'name'], order: 'id' });
  for (const [i, o] of confirmed.entries()) await receive(odoo, o.id, i % 5 === 4);
  console.log(`confirmed ${drafts.length} demo RFQs, ordered ${EXTRA_ORDERS} more, received ${confirmed.length} orders`);
  odoo.close();
}

// ---------------------------------------------------------------------------------------------------------------
// The bills

interface BillLine { code: string | null; description: string; qty: number; price: number }
interface Bill {
  file: string;
  vendor: Row;
  number: string;
  date: string;
  reference: { label: string; value: string } | null;
  lines: BillLine[];
  /** no line table: one summary line with the untaxed total */
  summary: boolean;
  style: 'en' | 'de' | 'it';
  taxRate: number;
}

const STYLES = {
  en: { title: 'INVOICE', number: 'Invoice No.', date: 'Invoice Date', due: 'Due Date', head: ['Code', 'Description', 'Quantity', 'Unit Price', 'Amount'], unit: 'Units', untaxed: 'Untaxed Amount', tax: 'Tax', total: 'Total', summary: 'Goods delivered as per your order', vat: 'VAT', decimal: '.' },
  de: { title: 'RECHNUNG', number: 'Rechnungsnummer', date: 'Rechnungsdatum', due: 'Fällig am', head: ['Art.-Nr.', 'Bezeichnung', 'Menge', 'Einzelpreis', 'Betrag'], unit: 'Stk.', untaxed: 'Nettobetrag', tax: 'USt.', total: 'Gesamtbetrag', summary: 'Lieferung gemäß Ihrer Bestellung', vat: 'USt-IdNr.', decimal: ',' },
  it: { title: 'FATTURA', number: 'Fattura n.', date: 'Data', due: 'Scadenza', head: ['Codice', 'Descrizione', 'Quantità', 'Prezzo', 'Importo'], unit: 'pz', untaxed: 'Imponibile', tax: 'IVA', total: 'Totale documento', summary: 'Merce consegnata come da vostro ordine', vat: 'P.IVA', decimal: ',' },
} as const;

function money(n: number, decimal: string): string {
  const [int, cents] = n.toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, decimal === ',' ? '.' : ',');
  return `${grouped}${decimal}${cents}`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

async function renderPdf(bill: Bill, company: Row): Promise<Uint8Array> {
  const s = STYLES[bill.style];
  const doc = await PDFDocument.create();
  const page: PDFPage = doc.addPage([595, 842]);
  const font: PDFFont = await doc.embedFont(StandardFonts.Helvetica);
  const bold: PDFFont = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = 800;
  const text = (t: string, x: number, size = 10, f = font) => page.drawText(t, { x, y, size, font: f });
  const right = (t: string, xRight: number, size = 10, f = font) => page.drawText(t, { x: xRight - f.widthOfTextAtSize(t, size), y, size, font: f });
  text(bill.vendor.name, 40, 16, bold); y -= 16;
  text(bill.vendor.street ?? '', 40); y -= 13;
  text(`${bill.vendor.zip ?? ''} ${bill.vendor.city ?? ''}`.trim(), 40); y -= 13;
  text(`${s.vat}: ${bill.vendor.vat}`, 40); y -= 13;
  text(bill.vendor.email ?? '', 40); y -= 30;
  text(company.name, 340); y -= 13;
  text(company.street ?? '', 340); y -= 13;
  text(company.city ?? '', 340); y -= 36;
  text(s.title, 40, 18, bold); y -= 24;
  text(`${s.number}: ${bill.number}`, 40); y -= 14;
  text(`${s.date}: ${bill.date}`, 40); y -= 14;
  if (bill.reference) { text(`${bill.reference.label}: ${bill.reference.value}`, 40); y -= 14; }
  y -= 20;
  const cols = [40, 120, 330, 420, 555];
  text(s.head[0], cols[0], 10, bold); text(s.head[1], cols[1], 10, bold); right(s.head[2], cols[2] + 50, 10, bold); right(s.head[3], cols[3] + 50, 10, bold); right(s.head[4], cols[4], 10, bold);
  y -= 16;
  const lines = bill.summary ? [] : bill.lines;
  for (const l of lines) {
    if (l.code) text(l.code, cols[0]);
    text(l.description, cols[1]);
    right(`${money(l.qty, s.decimal)} ${s.unit}`, cols[2] + 50);
    right(money(l.price, s.decimal), cols[3] + 50);
    right(money(round2(l.qty * l.price), s.decimal), cols[4]);
    y -= 15;
  }
  const untaxed = round2(bill.lines.reduce((sum, l) => sum + round2(l.qty * l.price), 0));
  if (bill.summary) { text(s.summary, cols[1]); right(money(untaxed, s.decimal), cols[4]); y -= 15; }
  const tax = round2(bill.lines.reduce((sum, l) => sum + round2((round2(l.qty * l.price) * bill.taxRate) / 100), 0));
  y -= 10;
  text(s.untaxed, 380); right(`$ ${money(untaxed, s.decimal)}`, cols[4]); y -= 14;
  text(`${s.tax} ${bill.taxRate}%`, 380); right(`$ ${money(tax, s.decimal)}`, cols[4]); y -= 14;
  text(s.total, 380, 11, bold); right(`$ ${money(round2(untaxed + tax), s.decimal)}`, cols[4], 11, bold);
  return doc.save({ useObjectStreams: false });
}

const REFERENCE_LABELS = { en: ['Your order', 'PO Number', 'Purchase Order'], de: ['Ihre Bestellung', 'Bestellnummer'], it: ['Vs. ordine n.', 'Ordine n.'] } as const;

async function make(outDir: string): Promise<void> {
  const odoo = await admin();
  mkdirSync(outDir, { recursive: true });
  const [company] = await odoo.read<Row>('res.company', [1], ['name', 'street', 'city']);
  const orders = await odoo.searchRead<Row>('purchase.order', [['state', 'in', ['purchase', 'done']]], { fields: ['id', 'name', 'partner_id', 'partner_ref'], order: 'id' });
  const manifest: Row[] = [];
  for (const [i, order] of orders.entries()) {
    const [vendor] = await odoo.read<Row>('res.partner', [order.partner_id[0]], ['name', 'street', 'zip', 'city', 'vat', 'email']);
    const poLines = await odoo.searchRead<Row>('purchase.order.line', [['order_id', '=', order.id], ['display_type', '=', false]], {
      fields: ['product_id', 'name', 'product_qty', 'qty_received', 'qty_to_invoice', 'price_unit'], order: 'sequence, id',
    });
    const variant = ['number', 'number', 'vendor_ref', 'no_number', 'price_differs', 'totals_only'][i % 6];
    const style = (['en', 'de', 'it'] as const)[Math.floor(i / 2) % 3];
    // what the vendor bills: what is open to bill (received, or ordered for products billed on order), else ordered
    const received = poLines.some((l) => l.qty_to_invoice > 0);
    const expect: string[] = [];
    const lines: BillLine[] = poLines.map((l, k) => {
      const code = /^\[([^\]]+)\]/.exec(l.product_id[1])?.[1] ?? null;
      const description = l.product_id[1].replace(/^\[[^\]]+\]\s*/, '');
      const qty = received ? l.qty_to_invoice : l.product_qty;
      const price = variant === 'price_differs' && k === 0 ? round2(l.price_unit * 1.04) : l.price_unit;
      return { code, description, qty, price };
    }).filter((l) => l.qty > 0);
    if (variant === 'price_differs') expect.push('po_price_differs');
    if (!received) expect.push(variant === 'totals_only' ? 'po_not_received' : 'po_quantity_exceeds');
    const labels = REFERENCE_LABELS[style];
    const reference = variant === 'no_number' ? null
      : variant === 'vendor_ref' && order.partner_ref ? { label: labels[0], value: order.partner_ref as string }
        : { label: labels[i % labels.length], value: order.name as string };
    const file = `bill-${String(i + 1).padStart(3, '0')}-${order.name}.pdf`;
    const bill: Bill = {
      file, vendor, number: `INV/2026/${String(1000 + i * 13)}`, date: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
      reference, lines, summary: variant === 'totals_only', style, taxRate: 15,
    };
    writeFileSync(path.join(outDir, file), await renderPdf(bill, company));
    manifest.push({ file, truth: { po: order.name, vendor: vendor.name, variant, style, reference: reference?.value ?? null, expect_review: expect } });
  }
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  console.log(`${manifest.length} bills in ${outDir}`);
  odoo.close();
}

/** The buyer's orders behind public e-invoices (DIR/manifest.json `order`): the vendor (by VAT), its products, the
 * taxes of the rates, the currency active, the order confirmed under the number the bill quotes, and received. */
async function setupReal(dir: string): Promise<void> {
  const odoo = await admin();
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Row[];
  for (const { order } of manifest) {
    const [currency] = await odoo.searchRead<Row>('res.currency', [['name', '=', order.currency], ['active', 'in', [true, false]]], { fields: ['id', 'active'] });
    if (!currency.active) await odoo.write('res.currency', [currency.id], { active: true });
    let [vendor] = await odoo.searchRead<Row>('res.partner', [['vat', '=', order.vat]], { fields: ['id'] });
    vendor ??= { id: (await odoo.create('res.partner', [{ name: order.vendor, vat: order.vat, is_company: true }]))[0] };
    const lines = [];
    for (const l of order.lines as Row[]) {
      let [tax] = await odoo.searchRead<Row>('account.tax', [['type_tax_use', '=', 'purchase'], ['amount', '=', l.tax], ['amount_type', '=', 'percent']], { fields: ['id'] });
      tax ??= { id: (await odoo.create('account.tax', [{ name: `${l.tax}% (purchase)`, amount: l.tax, type_tax_use: 'purchase', amount_type: 'percent' }]))[0] };
      let [product] = await odoo.searchRead<Row>('product.product', [['default_code', '=', l.code]], { fields: ['id'] });
      product ??= { id: (await odoo.create('product.product', [{ name: l.name, default_code: l.code, type: 'consu', purchase_method: 'receive' }]))[0] };
      lines.push([0, 0, { product_id: product.id, name: l.name, product_qty: l.qty, price_unit: l.price, taxes_id: [[6, 0, [tax.id]]] }]);
    }
    const [id] = await odoo.create('purchase.order', [{ name: order.name, partner_id: vendor.id, currency_id: currency.id, order_line: lines }]);
    await odoo.call('purchase.order', 'button_confirm', { ids: [id] });
    await receive(odoo, id!, false);
  }
  console.log(`${manifest.length} orders behind public bills set up`);
  odoo.close();
}

const [command, arg] = process.argv.slice(2);
if (command === 'setup') await setup();
else if (command === 'setup-real') await setupReal(arg ?? 'fixtures/po-bills-real');
else if (command === 'make') await make(arg ?? 'fixtures/po-bills');
else {
  console.error('usage: scripts/po-bills.ts setup | make DIR | setup-real DIR');
  process.exitCode = 2;
}
