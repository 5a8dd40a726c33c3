import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import type { PageText, TextLine } from '../../../src/pipeline/document.js';
import { attachAlternatives, dropChosenAlternatives } from '../../../src/pipeline/extract/alternatives.js';
import type { Explanation } from '../../../src/pipeline/extract/explain.js';

const line = (text: string, x0: number, y0: number, x1: number, y1: number): TextLine => ({ text, confidence: 1, bbox: { x0, y0, x1, y1 } });
const pages: PageText[] = [{
  page: 1, source: 'pdf-text', width: 600, height: 800, rotation: 0, confidence: 1, text: '',
  lines: [line('Rechnungsdatum 03.05.2024', 300, 80, 560, 96), line('Lieferdatum 30.04.2024', 300, 100, 560, 116)],
}];
const noEvidence = { adds_up: null, lines_sum: null, paid_matches_total: null, payable_after_prepaid: false };

describe('attachAlternatives: the other values the rules weighed, with their place', () => {
  it('offers the runner-up with its box, and the rules\' winner a later step replaced', () => {
    const fields = emptyFields();
    fields.date = { value: '2024-05-03', confidence: 0.6 };
    fields.invoice_number = { value: 'RE-9', confidence: 0.8 };
    const explain: Explanation = {
      fields: {
        date: { winner: { value: '2024-05-03', score: 1, why: [] }, runner_up: { value: '2024-04-30', score: 0.7, why: [] } },
        invoice_number: { winner: { value: 'RE-8', score: 1, why: [] }, runner_up: { value: 'RE-9', score: 0.5, why: [] }, replaced_by: 'RE-9' },
        amount_total: { winner: null, runner_up: null },
      },
      evidence: noEvidence,
    };
    attachAlternatives(pages, fields, explain, 'DMY', ',');
    assert.deepEqual(fields.date.alternatives, [{ value: '2024-04-30', page: 1, box: [0.5, 0.125, 0.4333, 0.02] }]);
    assert.deepEqual(fields.invoice_number.alternatives, [{ value: 'RE-8' }], 'not printed as read: no box');
    assert.equal(fields.amount_total.alternatives, undefined);
  });

  it('drops a candidate of the wrong type, and one that became the value later', () => {
    const fields = emptyFields();
    fields.date = { value: '2024-05-03', confidence: 0.6 };
    attachAlternatives(pages, fields, {
      fields: { date: { winner: { value: '2024-05-03', score: 1, why: [] }, runner_up: { value: 'soon', score: 0.7, why: [] } } },
      evidence: noEvidence,
    }, 'DMY', ',');
    assert.equal(fields.date.alternatives, undefined);
    fields.date.alternatives = [{ value: '2024-04-30' }];
    fields.date.value = '2024-04-30';
    dropChosenAlternatives(fields);
    assert.deepEqual(Object.keys(fields.date).sort(), ['confidence', 'value']);
  });
});

describe('attachAlternatives: amounts', () => {
  it('never offers an amount of 0', () => {
    const fields = emptyFields();
    fields.amount_total = { value: 189, confidence: 0.9 };
    attachAlternatives(pages, fields, {
      fields: { amount_total: { winner: { value: 189, score: 2, why: [] }, runner_up: { value: 0, score: 1, why: [] } } },
      evidence: noEvidence,
    }, 'DMY', ',');
    assert.equal(fields.amount_total.alternatives, undefined);
  });
});
