// Post-processing of the PP-OCR DB text detector: its output is a probability map (one value per input pixel that
// the pixel lies inside text). Text regions are the connected components of the map above a threshold; each becomes
// a box, kept when the map's mean over the region is high enough, then grown back out ("unclipped"), since the
// detector is trained to mark a shrunk core of each text region. Boxes are axis-aligned: pages reach OCR upright
// (EXIF, orientation check), and a line crop of a slightly skewed line is still read. The score is the mean over the
// region's own pixels (PaddleOCR's "slow" polygon score), not over its axis-aligned box: a slightly tilted receipt
// line fills only part of its box, and scored by the box it was dropped (SROIE tune 010: its date and item lines).

export interface Box { x0: number; y0: number; x1: number; y1: number }

export interface DetOptions {
  /** a pixel is text above this probability (PaddleOCR det_db_thresh) */
  threshold: number;
  /** a region is kept when the map's mean over it is at least this (det_db_box_thresh) */
  boxThreshold: number;
  /** how much a core is grown: by area × ratio / perimeter on every side (det_db_unclip_ratio) */
  unclipRatio: number;
  /** cores whose short side is under this many map pixels are noise */
  minSide: number;
}

/** PaddleOCR's defaults for PP-OCRv4 detection. */
export const DET_DEFAULTS: DetOptions = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minSide: 3 };

/** Text boxes in the map's pixels (x1, y1 exclusive), in reading order of their tops. */
export function boxesFromMap(map: ArrayLike<number>, width: number, height: number, opts: DetOptions = DET_DEFAULTS): Box[] {
  const label = new Int32Array(width * height); // 0: unvisited; -1: background or visited
  const stack: number[] = [];
  const boxes: Box[] = [];
  for (let start = 0; start < width * height; start++) {
    if (label[start] !== 0) continue;
    if (map[start]! <= opts.threshold) {
      label[start] = -1;
      continue;
    }
    // one component, 4-connected, by an explicit stack (a page-wide component must not overflow the call stack)
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    let sum = 0;
    let count = 0;
    label[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      sum += map[i]!;
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      const visit = (j: number) => {
        if (label[j] !== 0) return;
        if (map[j]! > opts.threshold) {
          label[j] = 1;
          stack.push(j);
        } else label[j] = -1;
      };
      if (x > 0) visit(i - 1);
      if (x < width - 1) visit(i + 1);
      if (y > 0) visit(i - width);
      if (y < height - 1) visit(i + width);
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    if (Math.min(w, h) < opts.minSide) continue;
    if (sum / count < opts.boxThreshold) continue;
    const grow = (w * h * opts.unclipRatio) / (2 * (w + h));
    const box = {
      x0: Math.max(0, x0 - grow), y0: Math.max(0, y0 - grow),
      x1: Math.min(width, x1 + 1 + grow), y1: Math.min(height, y1 + 1 + grow),
    };
    if (Math.min(box.x1 - box.x0, box.y1 - box.y0) < opts.minSide + 2) continue;
    boxes.push(box);
  }
  return boxes.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}
