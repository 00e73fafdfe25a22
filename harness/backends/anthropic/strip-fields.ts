/**
 * Removing request fields strict Anthropic-compatible backends reject or misread. Names in
 * `stripFields` are removed from the top level of the request; `cache_control` and
 * `defer_loading` are also removed wherever they sit (system blocks, message blocks, tool
 * results, tools). The pseudo-field `x-anthropic-billing-header` removes the text block Claude
 * Code puts first in `system` ("x-anthropic-billing-header: cc_version=…; cc_entrypoint=…;"):
 * it differs from task to task and so defeats a backend's prompt-prefix cache.
 */

import { isRecord } from '../../core/json.ts';
import type { MessagesRequest } from '../../core/messages.ts';
import type { RewriteNote } from '../types.ts';

export const billingBlockField = 'x-anthropic-billing-header';

/** The fields removed unless the user configures otherwise. */
export const defaultStripFields: readonly string[] = [
  'cache_control',
  'thinking',
  'context_management',
  'output_config',
  'metadata',
  'defer_loading',
  billingBlockField,
];

const nestedFields: ReadonlySet<string> = new Set(['cache_control', 'defer_loading']);
// The request cannot go upstream without these, whatever the configuration says.
const requiredFields: ReadonlySet<string> = new Set(['model', 'messages', 'max_tokens', 'stream', 'system', 'tools']);

/**
 * Removes the configured fields from `body` (its top level in place; nested blocks are replaced by
 * copies, never modified) and returns one note per kind of removal.
 */
export function stripFields(
  body: MessagesRequest,
  fields: readonly string[],
  keep: ReadonlySet<string> = new Set(),
): RewriteNote[] {
  const notes: RewriteNote[] = [];
  for (const field of fields) {
    if (keep.has(field) || requiredFields.has(field)) continue;
    if (field === billingBlockField) {
      notes.push(...stripBillingBlock(body));
      continue;
    }
    if (Object.hasOwn(body, field)) {
      notes.push({
        kind: 'strip_field',
        before: { field, value: body[field] },
        after: null,
        reason: `"${field}" is removed before the request goes upstream (stripFields)`,
      });
      delete body[field];
    }
    if (nestedFields.has(field)) {
      const locations = stripNested(body, field);
      if (locations.length > 0) {
        notes.push({
          kind: 'strip_field',
          before: { field, locations },
          after: null,
          reason: `"${field}" is removed from blocks and tools (stripFields)`,
        });
      }
    }
  }
  return notes;
}

function stripBillingBlock(body: MessagesRequest): RewriteNote[] {
  if (!Array.isArray(body.system)) return [];
  const notes: RewriteNote[] = [];
  body.system = body.system.filter((block) => {
    const billing = block.type === 'text' && block.text.startsWith(`${billingBlockField}:`);
    if (billing) {
      notes.push({
        kind: 'strip_field',
        before: { field: billingBlockField, value: block.text },
        after: null,
        reason: 'Claude Code billing block in system changes per task and defeats prompt caching',
      });
    }
    return !billing;
  });
  return notes;
}

// Copy-on-write: a block that carries `field` is replaced by a copy without it, so the client's
// request (recorded as received) is never modified and nothing else needs copying.
function stripNested(body: MessagesRequest, field: string): string[] {
  const locations: string[] = [];
  const strip = <T>(value: T, where: string): T => {
    if (!isRecord(value) || !Object.hasOwn(value, field)) return value;
    const { [field]: _removed, ...rest } = value;
    locations.push(where);
    return rest as T;
  };
  if (Array.isArray(body.system)) body.system = body.system.map((block, i) => strip(block, `system[${i}]`));
  body.messages = body.messages.map((message, m) => {
    if (!Array.isArray(message.content)) return message;
    let changed = false;
    const content = message.content.map((block, b) => {
      let next = strip(block, `messages[${m}].content[${b}]`);
      if (next.type === 'tool_result' && Array.isArray(next.content)) {
        const parts = next.content;
        const stripped = parts.map((part, p) => strip(part, `messages[${m}].content[${b}].content[${p}]`));
        if (stripped.some((part, p) => part !== parts[p])) next = { ...next, content: stripped };
      }
      if (next !== block) changed = true;
      return next;
    });
    return changed ? { ...message, content } : message;
  });
  if (body.tools !== undefined) body.tools = body.tools.map((tool, t) => strip(tool, `tools[${t}]`));
  return locations;
}
