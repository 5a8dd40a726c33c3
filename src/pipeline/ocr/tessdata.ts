import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

// Tesseract language data comes only from the @tesseract.js-data/* npm packages: nothing is downloaded at run time.
// tesseract.js loads every language of a worker from ONE langPath, but each package holds one language, so we
// gather links to the installed files in one private directory.

const require = createRequire(import.meta.url);
/** The languages this package bundles (npm dependencies), the order of `--help`. */
export const SUPPORTED_LANGS = ['eng', 'deu', 'fra', 'ita', 'spa', 'nld', 'por'] as const;
/** The default: each scanned page is read with the model of the language it is in (./auto-language.ts). */
export const AUTO_LANGS = 'auto';
/** `auto`, or the fixed list of models every page is read with (`--lang deu+eng`, OCR_LANGS). */
export type LangSetting = typeof AUTO_LANGS | string[];

export class MissingLanguageError extends Error {
  constructor(lang: string) {
    super(`OCR language "${lang}" is not installed: add the npm package @tesseract.js-data/${lang}`);
    this.name = 'MissingLanguageError';
  }
}

/** Path of a language's gzipped traineddata: LSTM "best_int" models for text, the legacy model for OSD. */
export function traineddataFile(lang: string): string {
  if (!/^[a-z_]{3,8}$/.test(lang)) throw new MissingLanguageError(lang); // a package name, never a path
  const variant = lang === 'osd' ? '4.0.0' : '4.0.0_best_int';
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  } catch {
    throw new MissingLanguageError(lang);
  }
  const file = path.join(pkgDir, variant, `${lang}.traineddata.gz`);
  if (!fs.existsSync(file)) throw new MissingLanguageError(lang);
  return file;
}

/** A language spec that cannot mean anything ("k!ngon", "auto+eng"): a usage error, unlike a model not installed. */
export class LangSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LangSpecError';
  }
}

/** `auto`, or the models joined by + or commas; throws LangSpecError on a malformed spec. Whether the models are
 * installed is checked when they are loaded (MissingLanguageError). */
export function parseLangs(spec: string | string[] | undefined): LangSetting {
  const list = (Array.isArray(spec) ? spec : (spec ?? AUTO_LANGS).split(/[+,\s]+/)).map((l) => l.trim()).filter(Boolean);
  const unique = [...new Set(list)];
  if (unique.length === 0 || (unique.length === 1 && unique[0] === AUTO_LANGS)) return AUTO_LANGS;
  if (unique.includes(AUTO_LANGS)) throw new LangSpecError(`OCR languages: "${AUTO_LANGS}" stands alone, not with ${unique.filter((l) => l !== AUTO_LANGS).join('+')}`);
  const malformed = unique.find((lang) => !/^[a-z_]{3,8}$/.test(lang));
  if (malformed !== undefined) throw new LangSpecError(`OCR languages: ${JSON.stringify(malformed)} is not a language model name (3 to 8 letters a-z, e.g. ${SUPPORTED_LANGS.join(', ')})`);
  return unique;
}

/** A directory holding <lang>.traineddata.gz for every requested language; returns its path. One directory per
 * installation (its node_modules), so two installs on one machine never repoint each other's links, and a link is
 * replaced by an atomic rename: a worker loading its models never finds one missing (seen: "Error opening data
 * file ./ita.traineddata" when several checkouts shared one directory). */
export function prepareLangDir(langs: string[]): string {
  const install = createHash('sha256').update(path.dirname(require.resolve('tesseract.js/package.json'))).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `odoo-ocr-tessdata-${process.getuid?.() ?? 'u'}-${install}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const lang of langs) {
    const target = traineddataFile(lang);
    const link = path.join(dir, `${lang}.traineddata.gz`);
    let current: string | null = null;
    try {
      current = fs.readlinkSync(link);
    } catch {
      /* absent or not a link */
    }
    if (current === target) continue;
    const temp = `${link}.${process.pid}.tmp`;
    fs.rmSync(temp, { force: true });
    try {
      fs.symlinkSync(target, temp);
    } catch {
      fs.copyFileSync(target, temp); // no symlinks on this file system
    }
    fs.renameSync(temp, link);
  }
  return dir;
}
