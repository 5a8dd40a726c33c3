#!/usr/bin/env node
// Runs the TypeScript sources through tsx in a checkout, or the compiled dist/ (`npm run build`) when ODOO_OCR_DIST=1
// or when the sources are absent. Production should run compiled: tsx keeps transformed copies of large modules
// such as pdfjs in memory (≈130-190 MB more RSS, measured).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli.js', import.meta.url);
const source = new URL('../src/cli.ts', import.meta.url);
if (existsSync(compiled) && (process.env.ODOO_OCR_DIST === '1' || !existsSync(source))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
}
