/** Small JSON helpers for untrusted input (upstream bytes, files, request bodies): checks that do not throw. */

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON.parse that reports failure instead of throwing. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A finite number, or null. */
export function finiteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A number field, or null when absent or not a finite number. */
export function numberField(record: Record<string, unknown>, key: string): number | null {
  return finiteNumber(record[key]);
}

/** A whole number ≥ 0, or null. */
export function wholeNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/** A whole number > 0, or null (a count, a context length). */
export function positiveWholeNumber(value: unknown): number | null {
  const number = wholeNumber(value);
  return number !== null && number > 0 ? number : null;
}

/** A non-empty string, or null. */
export function nonEmptyText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
