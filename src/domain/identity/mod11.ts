/** Modulus-11 check digit used by Norwegian identity numbers and organisation numbers. */
export function mod11(digits: readonly number[], weights: readonly number[]): number | undefined {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i] * weights[i];
  const rest = 11 - (sum % 11);
  if (rest === 11) return 0;
  if (rest === 10) return undefined; // no valid check digit exists for these digits
  return rest;
}

export function toDigits(value: string): number[] | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  return Array.from(value, (c) => c.charCodeAt(0) - 48);
}
