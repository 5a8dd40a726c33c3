import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import type { LlmClient, LlmFields } from '../../../src/pipeline/llm/index.js';
import { LLM_CONFIDENCE_CAP, mergeLlmFields, supportedByText } from '../../../src/pipeline/extract/llm-merge.js';
import { docFromLines } from './helpers.js';

const TEXT = 'ACME GmbH\nRechnung Nr. 4711 vom 05.03.2018\nGesamtbetrag 1.234,50 EUR';

test('support check: amounts in any locale, dates in any form, strings on letters and digits', () => {
  assert.equal(supportedByText('amount_total', 1234.5, TEXT), true);
  assert.equal(supportedByText('amount_total', 999, TEXT), false);
  assert.equal(supportedByText('date', '2018-03-05', TEXT), true);
  assert.equal(supportedByText('date', '2018-05-03', TEXT), false);
  assert.equal(supportedByText('invoice_number', '4711', TEXT), true);
  assert.equal(supportedByText('vendor_name', 'Acme GmbH', TEXT), true);
  assert.equal(supportedByText('vendor_name', 'Globex Corp', TEXT), false);
});

test('LLM values fill gaps, are capped, and unsupported ones never replace rules', () => {
  const rules = emptyFields();
  rules.invoice_number = { value: '4711', confidence: 0.9 };
  rules.amount_total = { value: 1234.5, confidence: 0.4 };
  const llm: LlmFields = {
    vendor_name: { value: 'ACME GmbH', confidence: 1 },
    invoice_number: { value: '9999', confidence: 1 }, // not in the text: dropped
    amount_total: { value: 1234.5, confidence: 0.9 }, // agrees: rules' confidence rises
    date: { value: '2018-03-05', confidence: 0.99 },
    po_number: { value: 'PO-1', confidence: 0.9 }, // not in the text, rules had nothing: kept, low confidence
  };
  const merged = mergeLlmFields(rules, llm, TEXT);
  assert.deepEqual(merged.vendor_name, { value: 'ACME GmbH', confidence: LLM_CONFIDENCE_CAP });
  assert.equal(merged.invoice_number.value, '4711');
  assert.equal(merged.amount_total.value, 1234.5);
  assert.ok(merged.amount_total.confidence > 0.4);
  assert.equal(merged.date.value, '2018-03-05');
  assert.equal(merged.po_number.value, 'PO-1');
  assert.ok(merged.po_number.confidence < 0.4);
});

test('ill-typed values from the model are ignored', () => {
  const merged = mergeLlmFields(emptyFields(), { date: { value: 'yesterday' }, currency: { value: 'euro' } } as unknown as LlmFields, TEXT);
  assert.equal(merged.date.value, null);
  assert.equal(merged.currency.value, null);
});

function fakeClient(mode: 'fallback' | 'always', answer: LlmFields | null): LlmClient & { calls: number } {
  return { mode, calls: 0, async extract() { this.calls++; return answer; } };
}

test('fallback mode asks the model only when the rules result needs review; a failed model changes nothing', async () => {
  const complete = docFromLines(['ACME GmbH', 'Rechnung Nr. 4711 vom 05.03.2018', 'Nettobetrag  |  100,00', 'USt. Gesamt  |  19,00', 'Gesamtbetrag  |  119,00']);
  const fallback = fakeClient('fallback', { po_number: { value: 'X' } });
  const ok = await extractFields(complete, { llm: fallback });
  assert.equal(ok.needs_review, false);
  assert.equal(fallback.calls, 0);

  const sparse = docFromLines(['lorem ipsum dolor', 'Gesamtbetrag 119,00']);
  const failing = fakeClient('fallback', null);
  const withFail = await extractFields(sparse, { llm: failing });
  const without = await extractFields(sparse);
  assert.equal(failing.calls, 1);
  assert.deepEqual(withFail.fields, without.fields);

  const always = fakeClient('always', { vendor_name: { value: 'lorem ipsum dolor', confidence: 0.9 } });
  const helped = await extractFields(sparse, { llm: always });
  assert.equal(always.calls, 1);
  assert.equal(helped.fields.vendor_name.value, 'lorem ipsum dolor');
  assert.ok(helped.fields.vendor_name.confidence <= LLM_CONFIDENCE_CAP);
});
