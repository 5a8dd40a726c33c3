import { InferenceSession, Tensor } from 'onnxruntime-node';
import sharp from 'sharp';
import type { BBox, TextLine } from '../../document.js';
import { ctcGreedy, toWords } from './ctc.js';
import { boxesFromMap, DET_DEFAULTS } from './det-boxes.js';
import { segmentsToLines, type Segment } from './lines.js';
import { paddleModelFiles, readDictionary } from './models.js';

// PaddleOCR PP-OCRv4 on onnxruntime: the detector finds text segments on the page, the recogniser reads each
// segment's crop (48 px tall) and CTC decoding gives its characters with their x positions. The two sessions are
// loaded once per process and shared by every document; each inference runs on one thread (intra-op 1), and at most
// `concurrency` images are read at once. onnxruntime-node (1.31) runs each inference synchronously on the event loop
// (its `run` only defers to setImmediate): inferences of documents in flight take turns on one core, and the event
// loop is blocked for each one's duration (≈ 10–150 ms for a segment, ≈ 0.5 s for a page's detection).

/** The detector reads the page scaled down to at most this many pixels (A4 at ≈150 dpi): text stays ≥ 15 px tall,
 * and time and memory stay bounded; segments are then cropped from the full-size image for reading. */
export const DET_MAX_PIXELS = 2_200_000;
/** Detector input sides are multiples of this (its down-sampling). */
const DET_STRIDE = 32;
/** The recogniser's input height (PP-OCRv4 rec). */
const REC_HEIGHT = 48;
/** A crop is read at most this wide (a full-width band at 48 px tall); wider ones are squeezed. */
const REC_MAX_WIDTH = 3200;
/** Segments read with a mean probability under this are dropped (PaddleOCR drop_score). */
const DROP_SCORE = 0.5;

/** How an image is read: `page` (columns split), `block` (a receipt: rows kept whole), `line` (the image is one line:
 * no detection, the recogniser reads it whole). */
export type PaddleMode = 'page' | 'block' | 'line';

interface Sessions {
  det: InferenceSession;
  rec: InferenceSession;
  dictionary: string[];
}

/** Where a process's Paddle time goes (milliseconds of inference, counts): read by `bench/ocr.ts --engines`. */
export interface PaddleStats {
  detMs: number;
  detPixels: number;
  recMs: number;
  recCalls: number;
  /** Recogniser input columns read in all (its cost grows with them: the crops' widths at 48 px tall). */
  recColumns: number;
}

interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

export class PaddleEngine {
  private sessions: Promise<Sessions> | null = null;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  readonly stats: PaddleStats = { detMs: 0, detPixels: 0, recMs: 0, recCalls: 0, recColumns: 0 };

  constructor(private readonly concurrency: number) {}

  /** Loads the models (once); a failed load is tried again by the next call. */
  load(): Promise<Sessions> {
    if (!this.sessions) {
      const options: InferenceSession.SessionOptions = {
        intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
        // without the arena, memory taken by the largest page is given back instead of held for the process's life
        enableCpuMemArena: false,
      };
      const files = paddleModelFiles();
      this.sessions = (async () => ({
        det: await InferenceSession.create(files.detection, options),
        rec: await InferenceSession.create(files.recognition, options),
        dictionary: readDictionary(files.dictionary),
      }))();
      this.sessions.catch(() => (this.sessions = null));
    }
    return this.sessions;
  }

  get loaded(): boolean {
    return this.sessions !== null;
  }

  /** Reads an image (PNG/JPEG…): lines with words, in the image's pixels. */
  async read(image: Buffer, mode: PaddleMode, signal?: AbortSignal): Promise<{ lines: TextLine[] }> {
    const sessions = await this.load();
    await this.acquire(signal);
    try {
      const grey = await toGrey(image);
      if (mode === 'line') {
        const segment = await readSegment(sessions, grey, { x0: 0, y0: 0, x1: grey.width, y1: grey.height }, this.stats);
        return { lines: segment ? segmentsToLines([segment], { splitColumns: false }) : [] };
      }
      const boxes = await detect(sessions.det, grey, this.stats);
      const segments: Segment[] = [];
      for (const box of boxes) {
        signal?.throwIfAborted();
        const segment = await readSegment(sessions, grey, box, this.stats);
        if (segment && segment.confidence >= DROP_SCORE) segments.push(segment);
      }
      return { lines: segmentsToLines(segments, { splitColumns: mode === 'page' }) };
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    const sessions = await this.sessions?.catch(() => null);
    this.sessions = null;
    await sessions?.det.release();
    await sessions?.rec.release();
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const take = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(take);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(take);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

async function toGrey(image: Buffer): Promise<Grey> {
  const { data, info } = await sharp(image).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Text segments of the image, in its pixels. */
async function detect(det: InferenceSession, grey: Grey, stats: PaddleStats): Promise<BBox[]> {
  const fit = Math.min(1, Math.sqrt(DET_MAX_PIXELS / (grey.width * grey.height)));
  const width = Math.max(DET_STRIDE, Math.round((grey.width * fit) / DET_STRIDE) * DET_STRIDE);
  const height = Math.max(DET_STRIDE, Math.round((grey.height * fit) / DET_STRIDE) * DET_STRIDE);
  const scaled = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .toColourspace('b-w') // one channel out, as in (sharp would hand back three)
    .raw()
    .toBuffer();
  // ImageNet normalisation per channel (PaddleOCR's det preprocessing; the grey value in all three channels)
  const mean = [0.485, 0.456, 0.406];
  const std = [0.229, 0.224, 0.225];
  const input = new Float32Array(3 * width * height);
  for (let c = 0; c < 3; c++) {
    const offset = c * width * height;
    for (let i = 0; i < width * height; i++) input[offset + i] = (scaled[i]! / 255 - mean[c]!) / std[c]!;
  }
  const started = performance.now();
  const output = await det.run({ [det.inputNames[0]!]: new Tensor('float32', input, [1, 3, height, width]) });
  stats.detMs += performance.now() - started;
  stats.detPixels += width * height;
  const map = output[det.outputNames[0]!]!;
  const boxes = boxesFromMap(map.data as Float32Array, width, height, DET_DEFAULTS);
  const sx = grey.width / width;
  const sy = grey.height / height;
  return boxes.map((b) => ({
    x0: Math.max(0, Math.floor(b.x0 * sx)), y0: Math.max(0, Math.floor(b.y0 * sy)),
    x1: Math.min(grey.width, Math.ceil(b.x1 * sx)), y1: Math.min(grey.height, Math.ceil(b.y1 * sy)),
  }));
}

/** Reads one segment's crop: its words with boxes (in the image's pixels) and confidences. Null when nothing is read. */
async function readSegment(sessions: Sessions, grey: Grey, box: BBox, stats: PaddleStats): Promise<Segment | null> {
  const cropWidth = box.x1 - box.x0;
  const cropHeight = box.y1 - box.y0;
  if (cropWidth < 2 || cropHeight < 2) return null;
  const width = Math.max(8, Math.min(REC_MAX_WIDTH, Math.ceil((REC_HEIGHT * cropWidth) / cropHeight)));
  const pixels = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .extract({ left: box.x0, top: box.y0, width: cropWidth, height: cropHeight })
    .resize(width, REC_HEIGHT, { fit: 'fill', kernel: 'lanczos3' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const input = new Float32Array(3 * width * REC_HEIGHT);
  const plane = width * REC_HEIGHT;
  for (let i = 0; i < plane; i++) {
    const v = pixels[i]! / 127.5 - 1; // (x / 255 − 0.5) / 0.5
    input[i] = v;
    input[plane + i] = v;
    input[2 * plane + i] = v;
  }
  const rec = sessions.rec;
  const started = performance.now();
  const output = await rec.run({ [rec.inputNames[0]!]: new Tensor('float32', input, [1, 3, REC_HEIGHT, width]) });
  stats.recMs += performance.now() - started;
  stats.recCalls++;
  stats.recColumns += width;
  const probs = output[rec.outputNames[0]!]!;
  const [, steps, classes] = probs.dims as [number, number, number];
  const chars = ctcGreedy(probs.data as Float32Array, steps, classes, sessions.dictionary);
  if (!chars.length) return null;
  const stepWidth = cropWidth / steps; // crop pixels per time step
  const words = toWords(chars).map((w) => ({
    text: w.text,
    confidence: w.confidence,
    bbox: { x0: box.x0 + w.t0 * stepWidth, x1: box.x0 + (w.t1 + 1) * stepWidth, y0: box.y0, y1: box.y1 },
  }));
  if (!words.length) return null;
  const confidence = chars.reduce((sum, c) => sum + c.prob, 0) / chars.length;
  return { words, confidence, bbox: box };
}
