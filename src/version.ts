import { existsSync, readFileSync } from 'node:fs';

// The package version, found from src/ (tsx) and dist/src/ (compiled) alike.
const packageJson = ['../package.json', '../../package.json']
  .map((p) => new URL(p, import.meta.url))
  .find((url) => existsSync(url) && JSON.parse(readFileSync(url, 'utf8')).name === 'odoo-ocr-worker');

export const VERSION: string = packageJson ? (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version : '0.0.0';
