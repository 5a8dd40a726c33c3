// Rounding to hundredths, in the two senses the code needs (they differ on halves that binary floats cannot hold).

/** Hundredths the plain way (Math.round: a half goes up): confidences, scores, amounts computed from the page. */
export function roundHundredths(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A currency amount to cents as Odoo's float_round rounds it: half away from zero, on the decimal value (1.005 → 1.01). */
export function roundMoney(n: number): number {
  const scaled = Math.abs(n) * 100;
  const rounded = Math.round(scaled + 1e-9) / 100;
  return n < 0 ? -rounded : rounded;
}
