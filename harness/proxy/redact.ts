/** Credentials never reach the exchange log: headers and `metadata.user_id` are masked. */
import { isRecord } from '../core/json.ts';

export const redacted = '[redacted]';

const secretHeaderPattern = /token|key|secret|password|cookie|^authorization$/i;

/** A copy of `headers` with every credential-like value replaced by "[redacted]". */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    safe[name] = secretHeaderPattern.test(name) ? redacted : value;
  }
  return safe;
}

/** The request body with `metadata.user_id` masked; the body itself is not modified. */
export function redactBody(body: unknown): unknown {
  if (!isRecord(body)) return body;
  const metadata = body.metadata;
  if (!isRecord(metadata) || !('user_id' in metadata)) return body;
  return { ...body, metadata: { ...metadata, user_id: redacted } };
}

/**
 * A deep copy of `value` with credential-like keys (`user_id`, `x-api-key`, `authorization`,
 * anything named like a token, key or secret) masked: for rewrite notes, whose before/after may
 * hold a removed `metadata` or header.
 */
export function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (!isRecord(value)) return value;
  const safe: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    safe[key] =
      key === 'user_id' || (secretHeaderPattern.test(key) && typeof item === 'string') ? redacted : redactDeep(item);
  }
  return safe;
}
