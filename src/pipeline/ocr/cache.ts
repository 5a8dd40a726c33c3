import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { paddleModelHashes } from './paddle/models.js';
import { traineddataFile } from './tessdata.js';

// An on-disk cache of OCR results, for benchmarks and tuning runs that read the same images again and again
// (bench:accuracy --ocr-cache DIR). The product never uses it unless asked: a result is keyed by the image's bytes
// and everything that changes what Tesseract returns for them (engine and core versions, the exact language data,
// languages, page segmentation mode, parameters, the scale the pool reads at), so a stale entry is never hit; a
// missing or unreadable entry is simply OCRed again. A Paddle reading is keyed by its own engine (onnxruntime's
// version, the model files' hashes, PADDLE_FORMAT) instead: one engine's result is never returned for the other.

const require = createRequire(import.meta.url);
/** Bump when the stored shape or the way a result is computed around Tesseract changes. */
const FORMAT = 1;
/** Bump when the Paddle engine's own code (detection post-processing, decoding, line building) changes its output. */
const PADDLE_FORMAT = 2;

/** Which OCR engine read an image. */
export type OcrEngineName = 'tesseract' | 'paddle';

export class OcrCache {
  private readonly engine: string;
  private paddleEngine: string | null = null;
  private readonly modelHashes = new Map<string, string>();

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
    this.engine = `tesseract.js@${version('tesseract.js')} core@${version('tesseract.js-core')} format ${FORMAT}`;
  }

  /** The cache key of one OCR call: `what` names the call and every option that shapes its result; `langs` the
   * Tesseract models it read with (none for Paddle, whose one model reads every language). */
  key(image: Buffer, what: Record<string, unknown>, langs: string[], reader: OcrEngineName = 'tesseract'): string {
    const id =
      reader === 'paddle'
        ? { engine: this.paddle(), models: [] as string[] }
        : { engine: this.engine, models: langs.map((lang) => `${lang}:${this.modelHash(lang)}`) };
    return createHash('sha256')
      .update(JSON.stringify({ ...id, ...what }))
      .update(createHash('sha256').update(image).digest())
      .digest('hex');
  }

  get<T>(key: string): T | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(key), 'utf8')) as T;
    } catch {
      return undefined; // absent, or half-written by a process that died: read again
    }
  }

  set(key: string, value: unknown): void {
    const file = this.file(key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(value));
    fs.renameSync(temp, file); // atomic: a concurrent reader sees the whole entry or none
  }

  /** Wraps one OCR call: the stored result when there is one, else the call's result, stored. */
  async through<T>(key: string, call: () => Promise<T>): Promise<T> {
    const hit = this.get<T>(key);
    if (hit !== undefined) return hit;
    const value = await call();
    this.set(key, value);
    return value;
  }

  private paddle(): string {
    this.paddleEngine ??= `paddle onnxruntime-node@${(require('onnxruntime-node/package.json') as { version: string }).version} ${paddleModelHashes()} format ${PADDLE_FORMAT}`;
    return this.paddleEngine;
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** sha256 of a language's traineddata file, once per process: the same version number may ship other data. */
  private modelHash(lang: string): string {
    let hash = this.modelHashes.get(lang);
    if (!hash) {
      hash = createHash('sha256').update(fs.readFileSync(traineddataFile(lang))).digest('hex').slice(0, 16);
      this.modelHashes.set(lang, hash);
    }
    return hash;
  }
}
