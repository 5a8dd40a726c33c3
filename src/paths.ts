import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The package root, found from src/ (run through tsx) and from dist/src/ (compiled) alike: data files (schema,
// fixtures) live beside package.json, not beside the code.
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'odoo-ocr-worker') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('odoo-ocr-worker: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export const PACKAGE_ROOT = findRoot();
export const fromRoot = (...parts: string[]) => path.join(PACKAGE_ROOT, ...parts);
