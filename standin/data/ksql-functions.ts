import { shortestDigits } from '../wire/java-double-to-string.js';

/**
 * The few ksqlDB scalar functions the pipeline DDL uses, with ksqlDB's semantics rather than
 * JavaScript's where they differ.
 */

/**
 * `ROUND(DOUBLE, INT)` as ksqlDB's `Round` UDF computes it:
 * `BigDecimal.valueOf(val).setScale(places, val > 0 ? HALF_UP : HALF_DOWN).doubleValue()`.
 * `BigDecimal.valueOf` starts from `Double.toString`, i.e. the shortest decimal that identifies
 * the double, so 2.675 rounds to 2.68 (not 2.67 as binary-exact rounding would give), and ties
 * always go towards +∞ (1.5 → 2, -1.5 → -1), like `Math.round`.
 */
export function ksqlRound(value: number, places: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const { digits, exponent } = shortestDigits(Math.abs(value));
  const keep = exponent + 1 + places; // how many significant digits survive
  if (keep >= digits.length) return value;
  let kept = keep > 0 ? BigInt(digits.slice(0, keep)) : 0n;
  if (keep >= 0) {
    const next = digits[keep]!;
    const rest = digits.slice(keep + 1);
    const awayFromZero = value > 0 ? next >= '5' : next > '5' || (next === '5' && /[1-9]/.test(rest));
    if (awayFromZero) kept += 1n;
  }
  if (kept === 0n) return 0;
  return Number(`${value < 0 ? '-' : ''}${kept}e${-places}`);
}

/**
 * `MASK_KEEP_RIGHT(input, n, upper, lower, digit, other)`: every character but the last `n`
 * replaced by its class's mask; a null mask leaves that class as it is.
 */
export function maskKeepRight(
  input: string | null,
  keep: number,
  upper: string | null = 'X',
  lower: string | null = 'x',
  digit: string | null = 'n',
  other: string | null = '-',
): string | null {
  if (input === null) return null;
  const chars = [...input];
  const cut = Math.max(0, chars.length - keep);
  const masked = chars.slice(0, cut).map((ch) => {
    if (/\p{Lu}/u.test(ch)) return upper ?? ch;
    if (/\p{Ll}/u.test(ch)) return lower ?? ch;
    if (/\p{Nd}/u.test(ch)) return digit ?? ch;
    return other ?? ch;
  });
  return masked.join('') + chars.slice(cut).join('');
}

/** `REGEXP_REPLACE(input, regex, replacement)`: Java's `String.replaceAll`. */
export function regexpReplace(input: string | null, regex: string, replacement: string): string | null {
  if (input === null) return null;
  return input.replace(new RegExp(regex, 'gu'), replacement);
}
