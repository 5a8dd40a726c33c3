// PaddleOCR's pure parts (src/pipeline/ocr/paddle/): CTC greedy decoding with character positions, words and their
// confidences, the DB detector's probability map turned into boxes, and segments grouped into lines as Tesseract
// gives them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ctcGreedy, toWords } from '../../src/pipeline/ocr/paddle/ctc.js';
import { boxesFromMap, DET_DEFAULTS } from '../../src/pipeline/ocr/paddle/det-boxes.js';
import { segmentsToLines, type Segment } from '../../src/pipeline/ocr/paddle/lines.js';

const DICT = ['A', 'B', '1', '.', ' ']; // classes 1..5; 0 is the blank

/** A [T × 6] probability matrix whose most probable class per step is `classes[t]` with probability `p[t]`. */
function probs(classes: number[], p: number[] = classes.map(() => 0.9)): Float32Array {
  const out = new Float32Array(classes.length * 6);
  classes.forEach((k, t) => {
    for (let j = 0; j < 6; j++) out[t * 6 + j] = (1 - p[t]!) / 5;
    out[t * 6 + k] = p[t]!;
  });
  return out;
}

test('CTC: repeats collapse, a blank between two equal classes keeps both, each character keeps its steps', () => {
  // A A _ A B _ _ 1 1 .
  const chars = ctcGreedy(probs([1, 1, 0, 1, 2, 0, 0, 3, 3, 4], [0.9, 0.8, 0.9, 0.7, 0.6, 0.9, 0.9, 0.95, 0.5, 0.99]), 10, 6, DICT);
  assert.equal(chars.map((c) => c.char).join(''), 'AAB1.');
  assert.deepEqual(chars.map((c) => [c.t0, c.t1]), [[0, 1], [3, 3], [4, 4], [7, 8], [9, 9]]);
  assert.ok(Math.abs(chars[0]!.prob - 0.9) < 1e-6, 'the probability of the first step of the run');
});

test('CTC: a class beyond the dictionary is not a character', () => {
  const chars = ctcGreedy(probs([1, 0, 2]), 3, 6, ['A']);
  assert.equal(chars.map((c) => c.char).join(''), 'A');
});

test('words split at written spaces, and their confidence is the mean of their characters', () => {
  // "AB 1.": classes A B space 1 .
  const chars = ctcGreedy(probs([1, 0, 2, 0, 5, 0, 3, 0, 4], [0.8, 0.9, 0.6, 0.9, 0.9, 0.9, 1, 0.9, 0.5]), 9, 6, DICT);
  const words = toWords(chars);
  assert.deepEqual(words.map((w) => w.text), ['AB', '1.']);
  assert.ok(Math.abs(words[0]!.confidence - 0.7) < 1e-6);
  assert.ok(Math.abs(words[1]!.confidence - 0.75) < 1e-6);
  assert.deepEqual([words[1]!.t0, words[1]!.t1], [6, 8]);
});

test('words also split where the characters leave a gap much wider than their pitch (a space not written)', () => {
  const at = (steps: number[]) => steps.map((t) => ({ char: 'A', prob: 0.9, t0: t, t1: t }));
  // pitch 3, then a gap of 7: two words; a gap of 4 is still one word
  assert.deepEqual(toWords(at([0, 3, 6, 9, 16, 19, 22])).map((w) => w.text), ['AAAA', 'AAA']);
  assert.deepEqual(toWords(at([0, 3, 6, 9, 13, 16, 19])).map((w) => w.text), ['AAAAAAA']);
});

/** A map of `width × height` with the given rectangles at probability p (x1, y1 exclusive). */
function map(width: number, height: number, rects: Array<[number, number, number, number, number]>): Float32Array {
  const m = new Float32Array(width * height);
  for (const [x0, y0, x1, y1, p] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m[y * width + x] = p;
  return m;
}

test('detection: each connected region above the threshold is one box, grown by area × ratio / perimeter', () => {
  const m = map(100, 40, [[10, 10, 40, 16, 0.9], [60, 10, 90, 16, 0.9], [10, 30, 12, 32, 0.9]]);
  const boxes = boxesFromMap(m, 100, 40);
  assert.equal(boxes.length, 2, 'the 2×2 speck is noise');
  const grow = (30 * 6 * DET_DEFAULTS.unclipRatio) / (2 * (30 + 6)); // 3.75
  assert.deepEqual(boxes[0], { x0: 10 - grow, y0: 10 - grow, x1: 40 + grow, y1: 16 + grow });
  assert.ok(boxes[1]!.x0 > 50);
});

test('detection: a region whose mean probability is below the box threshold is dropped; boxes stay inside the map', () => {
  // an L shape at 0.35: its pixels pass the threshold, yet their mean is low
  const weak = map(60, 30, [[0, 0, 40, 4, 0.35], [0, 0, 4, 30, 0.35]]);
  assert.equal(boxesFromMap(weak, 60, 30).length, 0);
  const edge = boxesFromMap(map(60, 30, [[0, 0, 30, 8, 0.95]]), 60, 30);
  assert.equal(edge.length, 1);
  assert.deepEqual([edge[0]!.x0, edge[0]!.y0], [0, 0]);
});

const seg = (text: string, x0: number, x1: number, y0 = 100, y1 = 120, confidence = 0.9): Segment => ({
  words: [{ text, confidence, bbox: { x0, x1, y0, y1 } }], confidence, bbox: { x0, x1, y0, y1 },
});

test('lines: segments of one row join with the gap kept as spaces; rows in reading order', () => {
  const lines = segmentsToLines([seg('12.50', 300, 350, 102, 121), seg('TOTAL', 10, 60), seg('THANK', 10, 60, 150, 170)], { splitColumns: false });
  assert.equal(lines.length, 2);
  assert.match(lines[0]!.text, /^TOTAL {2,}12\.50$/);
  assert.deepEqual(lines[0]!.bbox, { x0: 10, y0: 100, x1: 350, y1: 121 });
  assert.equal(lines[0]!.words!.length, 2);
  assert.equal(lines[1]!.text, 'THANK');
});

test('lines: on a page a gap of many line heights separates columns; on a receipt it does not', () => {
  const row = [seg('Invoice', 10, 80), seg('Date', 600, 640)];
  assert.equal(segmentsToLines(row, { splitColumns: true }).length, 2);
  assert.equal(segmentsToLines(row, { splitColumns: false }).length, 1);
});

test('lines: the confidence is the words\' weighted by their length', () => {
  const [line] = segmentsToLines([seg('AAAA', 0, 40, 0, 10, 1), seg('B', 60, 70, 0, 10, 0.5)], { splitColumns: false });
  assert.ok(Math.abs(line!.confidence - 0.9) < 1e-9);
});
