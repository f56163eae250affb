/**
 * Renders a double the way Java's `Double.toString` does, which is what Jackson writes for
 * DOUBLE columns: whole numbers keep `.0` (`100.0`), magnitudes in [1e-3, 1e7) are plain
 * (`0.001`, `1234567.5`), anything else uses computerized scientific notation (`1.0E7`,
 * `1.234E-5`). The digits are the shortest that round-trip (JDK 19+ behaviour, which is also
 * what JavaScript produces); older JDKs occasionally print one more digit for large exponents.
 */
export function javaDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';

  const sign = value < 0 ? '-' : '';
  const { digits, exponent } = shortestDigits(Math.abs(value));
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fraction = digits.slice(exponent + 1) || '0';
      return `${sign}${intPart}.${fraction}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/** Significant digits (no trailing zeros) and the decimal exponent of the first one. */
export function shortestDigits(magnitude: number): { digits: string; exponent: number } {
  const [mantissa, exp] = magnitude.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, exponent: Number(exp) };
}
