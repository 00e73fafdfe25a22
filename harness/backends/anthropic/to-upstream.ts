/**
 * Anthropic Messages request → the same request for an Anthropic-compatible backend (Ollama ≥ 0.14,
 * LM Studio ≥ 0.4.1, llama-server, vLLM): always streamed, model and max_tokens adjusted, system
 * messages folded (fold-system-messages.ts), configured fields stripped (strip-fields.ts), the
 * server's own thinking switch set (shared/thinking-switch.ts), headers rebuilt
 * (upstream-headers.ts). Every change is returned as a RewriteNote.
 */

import { isRecord } from '../../core/json.ts';
import type { MessagesRequest } from '../../core/messages.ts';
import { foldSystemMessages } from '../shared/fold-system-messages.ts';
import { setFields } from '../shared/set-fields.ts';
import { anthropicThinkingFields } from '../shared/thinking-switch.ts';
import type { DialectSettings, RewriteNote, UpstreamCall } from '../types.ts';
import { stripFields } from './strip-fields.ts';
import { upstreamHeaders } from './upstream-headers.ts';

/** Builds the `/v1/messages` call. */
export function anthropicToUpstream(
  request: MessagesRequest,
  settings: DialectSettings,
  incomingHeaders: Record<string, string>,
): { call: UpstreamCall; rewrites: RewriteNote[] } {
  // A shallow copy: every change below replaces what it changes (strip-fields.ts copies the blocks
  // it strips), so the client's request stays as received at a fraction of a deep clone's cost.
  const body: MessagesRequest = { ...request };
  body.model = settings.modelOverride ?? request.model;
  body.stream = true;
  if (settings.maxTokensCap !== null) body.max_tokens = Math.min(request.max_tokens, settings.maxTokensCap);

  const folded = foldSystemMessages(body.system, body.messages);
  if (folded.system === undefined) delete body.system;
  else body.system = folded.system;
  body.messages = folded.messages;

  const rewrites: RewriteNote[] = [...folded.rewrites];
  // A client that already asks for thinking with a budget keeps its own form under --think.
  const keep = new Set<string>(settings.think && hasThinkingBudget(request.thinking) ? ['thinking'] : []);
  rewrites.push(...stripFields(body, settings.stripFields, keep));
  const server = settings.server ?? 'other';
  const fields = anthropicThinkingFields(server, settings.think, body.max_tokens);
  if (keep.has('thinking')) delete fields.thinking;
  const reason = `thinking ${settings.think ? 'on (--think)' : 'off'} in the switch ${server === 'other' ? 'every server' : server} reads`;
  rewrites.push(...setFields(body, fields, reason));
  const headers = upstreamHeaders(incomingHeaders);
  rewrites.push(...headers.rewrites);

  return { call: { path: '/v1/messages', headers: headers.headers, body: JSON.stringify(body) }, rewrites };
}

function hasThinkingBudget(thinking: unknown): boolean {
  return isRecord(thinking) && thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number';
}
