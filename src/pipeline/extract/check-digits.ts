// The arithmetic check digits are made of, shared by the tax ids' checks (vat.ts, eu-vat-checks.ts).

/** A run of digits as numbers. */
export const digits = (s: string): number[] => [...s].map(Number);

/** The first `weights.length` digits of `s`, each times its weight, summed. */
export const weighted = (s: string, weights: readonly number[]): number => weights.reduce((sum, w, i) => sum + w * Number(s[i]), 0);

/** Luhn: every second digit from the right doubled (its digits summed), the whole a multiple of 10. */
export function checkLuhn(n: string): boolean {
  let sum = 0;
  [...n].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return /^\d+$/.test(n) && sum % 10 === 0;
}
