import sharp, { type Sharp } from 'sharp';

// The height of an image's printed characters, in pixels, estimated before OCR: Tesseract is said to read best when
// letters are some 20–40 px tall, and receipts come at every size (a 150 dpi till slip's capitals are ≈10 px, a
// phone photo's 60). It is the median height of the ink's connected components that are shaped like characters, on a
// black-and-white copy (Otsu's threshold). Measured at most ANALYSIS_WIDTH pixels wide: 20–250 ms on a SROIE photo,
// mostly its decode, up to 0.8 s on a 35 MP scan. Used by OcrPrep.textHeight (image.ts), which the study there did not
// ship; kept for the next one.

/** The image is looked at no wider than this: a 12 px letter on a 460 px slip stays 12 px, a photo's are halved. */
const ANALYSIS_WIDTH = 1200;
/** Components of fewer pixels are specks (dust, dots of i and j, commas). */
const MIN_AREA = 6;
/** A character is at most this wide for its height (a run of touching letters, a rule or a box is wider) ... */
const MAX_ASPECT = 3;
/** ... and at most this tall for its width (a vertical rule, a table border is taller). */
const MAX_TALLNESS = 8;
/** Below this many character-shaped components, an image holds too little text to tell. */
const MIN_COMPONENTS = 20;

/** Median character height in the image's own pixels, or null when the image shows too little text to tell. `image`
 * is a PNG/JPEG/... or a sharp pipeline (its operations so far apply) whose output is `width` pixels wide. */
export async function estimateTextHeight(image: Buffer | Sharp, width?: number): Promise<number | null> {
  const input = Buffer.isBuffer(image) ? sharp(image, { limitInputPixels: false }) : image;
  width ??= (await input.clone().metadata()).width ?? 0;
  if (!width) return null;
  const factor = Math.min(1, ANALYSIS_WIDTH / width);
  let pipeline = input.flatten({ background: '#ffffff' }).grayscale();
  if (factor < 1) pipeline = pipeline.resize(Math.round(width * factor), null, { kernel: 'linear' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const heights = componentHeights(data, info.width, info.height, otsuThreshold(data));
  if (heights.length < MIN_COMPONENTS) return null;
  heights.sort((a, b) => a - b);
  return heights[heights.length >> 1] / factor;
}

/** The grey level that best splits the image into ink and paper (Otsu: largest between-class variance). */
export function otsuThreshold(gray: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (const v of gray) histogram[v]++;
  const total = gray.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * histogram[v];
  let below = 0;
  let sumBelow = 0;
  let best = 0;
  let threshold = 127;
  for (let v = 0; v < 256; v++) {
    below += histogram[v];
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    sumBelow += v * histogram[v];
    const meanBelow = sumBelow / below;
    const meanAbove = (sumAll - sumBelow) / above;
    const between = below * above * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

/** Heights of the dark (≤ threshold) 8-connected components that are shaped like characters. */
export function componentHeights(gray: Uint8Array, width: number, height: number, threshold: number): number[] {
  const seen = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const heights: number[] = [];
  for (let start = 0; start < gray.length; start++) {
    if (seen[start] || gray[start] > threshold) continue;
    let top = height, bottom = -1, left = width, right = -1, area = 0, size = 0;
    stack[size++] = start;
    seen[start] = 1;
    while (size) {
      const at = stack[--size];
      const y = (at / width) | 0;
      const x = at - y * width;
      area++;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x < left) left = x;
      if (x > right) right = x;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const next = ny * width + nx;
          if (!seen[next] && gray[next] <= threshold) {
            seen[next] = 1;
            stack[size++] = next;
          }
        }
      }
    }
    const h = bottom - top + 1;
    const w = right - left + 1;
    if (area >= MIN_AREA && h >= 3 && w <= h * MAX_ASPECT && h <= w * MAX_TALLNESS) heights.push(h);
  }
  return heights;
}
