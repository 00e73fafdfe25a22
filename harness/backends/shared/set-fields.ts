/** Setting the harness's own request fields, each change recorded as a `set_field` rewrite. */

import { isRecord } from '../../core/json.ts';
import type { RewriteNote } from '../types.ts';

/**
 * Sets each of `fields` on `body` and returns a note per field whose value changed. An object value
 * is merged over an object the client sent under the same name (`chat_template_kwargs`), so only the
 * harness's keys change.
 */
export function setFields(
  body: Record<string, unknown>,
  fields: Record<string, unknown>,
  reason: string,
): RewriteNote[] {
  const notes: RewriteNote[] = [];
  for (const [field, wanted] of Object.entries(fields)) {
    const before = body[field];
    const value =
      isRecord(before) && isRecord(wanted) && field === 'chat_template_kwargs' ? { ...before, ...wanted } : wanted;
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    body[field] = value;
    notes.push({ kind: 'set_field', before: { field, value: before ?? null }, after: { field, value }, reason });
  }
  return notes;
}
