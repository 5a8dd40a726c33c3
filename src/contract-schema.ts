import { Ajv, type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import type { ScanResult } from './contract.js';

// The published JSON Schema of the scan result, compiled once. Used by tests, the LLM path and the worker.
// Found from src/ (tsx) and from dist/src/ (compiled) alike.
const schemaUrl = ['../schema/', '../../schema/']
  .map((dir) => new URL(`${dir}scan-result.schema.json`, import.meta.url))
  .find((url) => existsSync(url)) ?? new URL('../schema/scan-result.schema.json', import.meta.url);
export const scanResultSchema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as Record<string, unknown>;

let compiled: ValidateFunction<ScanResult> | null = null;
export function validateScanResult(result: unknown): { ok: boolean; errors: string[] } {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile<ScanResult>(scanResultSchema);
  const ok = compiled(result);
  return { ok, errors: ok ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`) };
}
