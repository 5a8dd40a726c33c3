import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropOverprints, groupIntoLines, type PositionedText } from '../../src/pipeline/pdf.js';

const piece = (str: string, x: number, bottom: number): PositionedText => ({ str, x, top: bottom - 10, bottom, width: str.length * 5, fontHeight: 10 });

test('text drawn two or three times a fraction of a point apart (fake bold) is read once', () => {
  const pieces = [piece('TENNISMEHL GmbH', 50, 100), piece('TENNISMEHL GmbH', 50.3, 100), piece('TENNISMEHL GmbH', 50.6, 100.2), piece('Hundsberg 13', 130, 100)];
  assert.deepEqual(groupIntoLines(dropOverprints(pieces)).map((l) => l.text), ['TENNISMEHL GmbH Hundsberg 13']);
});

test('the same text printed again elsewhere on the page stays (a repeated amount, a column of equal prices)', () => {
  const pieces = [piece('95,00 €', 400, 200), piece('95,00 €', 480, 200), piece('95,00 €', 400, 230)];
  assert.equal(dropOverprints(pieces).length, 3);
});
