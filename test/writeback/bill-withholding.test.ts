import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyWriteBack, prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import { computeMoveTotals, move, POLICY, scan, seedDraftBill, seedTaxes, startOdoo, type TestOdoo } from './helpers.js';

// FatturaPA bills with withholding (ritenuta d'acconto), scanned from real files (OCA l10n-italy test files):
// FPR08 states its total before withholding (2283.84, withholding 360.00, pension fund 72.00); 20004 states it after
// (10.20 = 10.00 + 2.20 VAT − 1.15 RT01 − 0.85 RT04).

function target(odoo: TestOdoo): WorkTarget {
  const { moveId, attachmentId } = seedDraftBill(odoo.fake);
  return { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
}

const taxIdsOf = (cmd: unknown) => ((cmd as [number, number, { tax_ids: [[number, number, number[]]] }])[2].tax_ids[0][2]);

describe('withholding on an Odoo without withholding taxes', () => {
  let odoo: TestOdoo;
  let tax22: number;
  before(async () => {
    odoo = await startOdoo(17);
    computeMoveTotals(odoo.fake);
    [tax22] = seedTaxes(odoo.fake, [{ rate: 22 }]);
  });
  after(async () => { await odoo.close(); });

  it('books the total before withholding (the pension fund as its own line) and says whom to pay what', async () => {
    const t = target(odoo);
    const prepared = await prepareWriteBack(odoo.client, t, scan('fatturapa-fpr08-withholding'), POLICY);
    const lines = prepared.write.invoice_line_ids as unknown[];
    assert.deepEqual(lines.map(taxIdsOf), [[tax22], [tax22]]);
    const flag = prepared.review_reasons.find((r) => r.startsWith('withholding tax RT01 20 % 360.00 not booked'));
    assert.ok(flag, prepared.review_reasons.join(' | '));
    assert.match(flag, /no withholding taxes/);
    assert.match(flag, /pay the vendor 1923\.84 and the 360\.00 withheld to the tax authority/);
    assert.equal(prepared.needs_review, true);
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-withh-0001');
    assert.equal(move(odoo.fake, t.resId!).amount_total, 2283.84);
  });

  it('a total stated after withholding is not booked as the invoice total: lines give 12.20, flagged', async () => {
    const t = target(odoo);
    const prepared = await prepareWriteBack(odoo.client, t, scan('fatturapa-20004-withholding-net-total'), POLICY);
    assert.ok(prepared.review_reasons.some((r) => r.startsWith('withholding tax RT01 11.5 % 1.15, RT04 8.5 % 0.85 not booked')), prepared.review_reasons.join(' | '));
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-withh-0002');
    assert.equal(move(odoo.fake, t.resId!).amount_total, 12.2);
  });
});

describe('withholding on an Odoo with the Italian withholding taxes', () => {
  let odoo: TestOdoo;
  let tax22: number;
  let rt01a: number;
  let rt01r: number;
  before(async () => {
    odoo = await startOdoo(17);
    computeMoveTotals(odoo.fake);
    // the fields l10n_it_edi_withholding adds to account.tax
    odoo.fake.defineModel('account.tax', {
      l10n_it_withholding_type: { type: 'selection', string: 'Withholding tax type (Italy)', store: true, selection: [['RT01', 'RT01'], ['RT02', 'RT02'], ['RT04', 'RT04']] },
      l10n_it_withholding_reason: { type: 'selection', string: 'Withholding tax reason (Italy)', store: true, selection: [['A', 'A'], ['R', 'R']] },
    } as never);
    [tax22] = seedTaxes(odoo.fake, [{ rate: 22 }]);
    [rt01a, rt01r] = odoo.fake.seed('account.tax', [
      { name: 'Ritenuta 20% A', amount: -20, amount_type: 'percent', type_tax_use: 'purchase', company_id: 1, sequence: 20, l10n_it_withholding_type: 'RT01', l10n_it_withholding_reason: 'A' },
      { name: 'Ritenuta 11.5% R', amount: -11.5, amount_type: 'percent', type_tax_use: 'purchase', company_id: 1, sequence: 21, l10n_it_withholding_type: 'RT01', l10n_it_withholding_reason: 'R' },
    ]);
  });
  after(async () => { await odoo.close(); });

  it('puts the withholding tax on the lines subject to it (not the pension fund line): the bill totals the amount due', async () => {
    const t = target(odoo);
    const prepared = await prepareWriteBack(odoo.client, t, scan('fatturapa-fpr08-withholding'), POLICY);
    assert.deepEqual((prepared.write.invoice_line_ids as unknown[]).map(taxIdsOf), [[tax22, rt01a], [tax22]]);
    assert.equal(prepared.review_reasons.some((r) => r.includes('withholding')), false, prepared.review_reasons.join(' | '));
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-withh-0003');
    assert.equal(move(odoo.fake, t.resId!).amount_total, 1923.84);
  });

  it('books all of a document\'s withholdings or none: RT04 has no tax here, so the total before withholding, flagged', async () => {
    const t = target(odoo);
    const prepared = await prepareWriteBack(odoo.client, t, scan('fatturapa-20004-withholding-net-total'), POLICY);
    assert.deepEqual((prepared.write.invoice_line_ids as unknown[]).map(taxIdsOf), [[tax22]]);
    assert.ok(prepared.review_reasons.some((r) => /not booked: no purchase withholding tax of the company gives RT04 8.5 % 0.85/.test(r)), prepared.review_reasons.join(' | '));
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-withh-0004');
    assert.equal(move(odoo.fake, t.resId!).amount_total, 12.2);
  });

  it('with both withholding taxes, the bill totals the stated 10.20', async () => {
    const [rt04] = odoo.fake.seed('account.tax', [
      { name: 'ENASARCO 8.5%', amount: -8.5, amount_type: 'percent', type_tax_use: 'purchase', company_id: 1, sequence: 22, l10n_it_withholding_type: 'RT04', l10n_it_withholding_reason: 'R' },
    ]);
    const t = target(odoo);
    const prepared = await prepareWriteBack(odoo.client, t, scan('fatturapa-20004-withholding-net-total'), POLICY);
    assert.deepEqual((prepared.write.invoice_line_ids as unknown[]).map(taxIdsOf), [[tax22, rt01r, rt04]]);
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-withh-0005');
    assert.equal(move(odoo.fake, t.resId!).amount_total, 10.2);
  });
});
