// Per-document limits: a worker must survive a 300 MB scan or a 2,000-page PDF without falling over.
export interface Limits {
  maxBytes: number;
  maxPages: number;
  maxPixels: number; // per page, after decoding
  ocrTimeoutMs: number; // per page
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 20 * 1024 * 1024,
  maxPages: 50,
  maxPixels: 50_000_000,
  ocrTimeoutMs: 120_000,
};

export function resolveLimits(overrides?: Partial<Limits>): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) (limits as Record<string, number>)[key] = value;
  }
  return limits;
}
