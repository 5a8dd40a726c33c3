import sharp from 'sharp';
import type { TextLine } from '../document.js';
import { detectLanguage, TESSERACT_MODEL } from '../language.js';
import type { OcrOutput } from './pool.js';
import { SUPPORTED_LANGS } from './tessdata.js';

// `--lang auto` (the default): a scanned page is read with the model of the language it is written in. Reading with
// every bundled model at once costs 2× (deu+eng) to 3.3× (all five) the time of one and reading with the wrong one
// loses umlauts and accents, so a page is read once with a guess, its words tell its language (../language.ts, which
// matches words without accents, so an English reading of a German page still says German), and only when that is
// another language is it read again with that language's model. The guess is the language of the last page read:
// documents arrive in runs of one language (one company, its suppliers), so most pages are read once.
// The reading kept is always one made with the model of the language it was found to be in; the guess only decides
// whether that took one read or two.

export interface ModelReading {
  output: OcrOutput;
  model: string;
}

const INSTALLED = new Set<string>(SUPPORTED_LANGS);

/** Pages at least this tall (pixels) are read in bands; smaller ones whole. */
const MIN_BANDED_HEIGHT = 800;
const BANDS = 4;

interface Band {
  top: number;
  image: Buffer;
}

export class LanguageChooser {
  private guess = 'eng';

  /** The model a page's first reading uses. */
  firstModel(): string {
    return this.guess;
  }

  /** The bundled model of the language `text` is written in; null when its words do not tell. */
  modelFor(text: string): string | null {
    const language = detectLanguage(text);
    const model = language ? TESSERACT_MODEL[language] : null;
    return model && INSTALLED.has(model) ? model : null;
  }

  /** Keeps `first` when it was read in the page's language (or the language is unclear), else reads the page again
   * with the right model. */
  async settle(first: ModelReading, readAgain: (model: string) => Promise<OcrOutput>): Promise<ModelReading> {
    const model = this.modelFor(first.output.text);
    if (!model) return first;
    this.guess = model;
    if (model === first.model) return first;
    return { output: await readAgain(model), model };
  }

  /** Reads a page in its own language (see above); `read` reads an image with one model. */
  async readPage(png: Buffer, read: (image: Buffer, model: string) => Promise<OcrOutput>): Promise<ModelReading> {
    const bands = await cutIntoBands(png);
    if (bands.length < 2) {
      const model = this.guess;
      return this.settle({ output: await read(png, model), model }, (m) => read(png, m));
    }
    let model = this.guess;
    let decided: string | null = null;
    const readings: ModelReading[] = [];
    for (const [i, band] of bands.entries()) {
      readings[i] = { output: await read(band.image, model), model };
      if (decided) continue;
      decided = this.modelFor(readings.map((r) => r.output.text).join('\n'));
      if (decided && decided !== model) {
        model = decided;
        for (let j = 0; j <= i; j++) readings[j] = { output: await read(bands[j].image, model), model };
      }
    }
    if (decided) this.guess = decided;
    return { output: joinBands(bands, readings), model };
  }
}

/** The page cut into about BANDS horizontal bands, each cut at the lightest row near its even position, so that no
 * line of text is cut in two. */
async function cutIntoBands(png: Buffer): Promise<Band[]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  if (height < MIN_BANDED_HEIGHT) return [];
  const ink = (row: number) => {
    let dark = 0;
    for (let x = row * width, end = x + width; x < end; x++) if (data[x] < 128) dark++;
    return dark;
  };
  const cuts = [0];
  for (let k = 1; k < BANDS; k++) {
    const target = Math.round((height * k) / BANDS);
    const span = Math.round(height * 0.06);
    let best = target;
    for (let row = target - span; row <= target + span; row++) if (ink(row) < ink(best)) best = row;
    cuts.push(best);
  }
  cuts.push(height);
  const bands: Band[] = [];
  for (let k = 0; k < BANDS; k++) {
    const top = cuts[k];
    const image = await sharp(png).extract({ left: 0, top, width, height: cuts[k + 1] - top }).png({ compressionLevel: 1 }).toBuffer();
    bands.push({ top, image });
  }
  return bands;
}

/** One page reading from its bands' readings: lines moved to page rows, in reading order. */
function joinBands(bands: Band[], readings: ModelReading[]): OcrOutput {
  const lines: TextLine[] = readings.flatMap((r, i) =>
    r.output.lines.map((line) => ({ ...line, bbox: { ...line.bbox, y0: line.bbox.y0 + bands[i].top, y1: line.bbox.y1 + bands[i].top } })),
  );
  const confidence = lines.length ? lines.reduce((sum, l) => sum + l.confidence, 0) / lines.length : 0;
  return { text: lines.map((l) => l.text).join('\n'), confidence, lines };
}
