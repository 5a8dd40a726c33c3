import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import type { ScanResult } from './contract.js';
import { fromRoot } from './paths.js';

// The published JSON Schema of the scan result, compiled once. Used by tests, the LLM path and the worker.
export const scanResultSchema = JSON.parse(readFileSync(fromRoot('schema', 'scan-result.schema.json'), 'utf8')) as Record<string, unknown>;

let compiled: ValidateFunction<ScanResult> | null = null;
export function validateScanResult(result: unknown): { ok: boolean; errors: string[] } {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile<ScanResult>(scanResultSchema);
  const ok = compiled(result);
  return { ok, errors: ok ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`) };
}
