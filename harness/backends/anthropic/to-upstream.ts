/**
 * Anthropic Messages request → the same request for an Anthropic-compatible backend (Ollama ≥ 0.14,
 * LM Studio ≥ 0.4.1, llama-server, vLLM): always streamed, model and max_tokens adjusted, system
 * messages folded (fold-system-messages.ts), configured fields stripped (strip-fields.ts), headers
 * rebuilt (upstream-headers.ts). Every change is returned as a RewriteNote.
 */
import type { MessagesRequest } from '../../core/messages.ts';
import { foldSystemMessages } from '../shared/fold-system-messages.ts';
import { isRecord } from '../shared/json.ts';
import type { DialectSettings, RewriteNote, UpstreamCall } from '../types.ts';
import { stripFields } from './strip-fields.ts';
import { upstreamHeaders } from './upstream-headers.ts';

const minThinkingBudget = 1024;

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
  const keep = new Set<string>();
  if (settings.think) {
    keep.add('thinking');
    rewrites.push(...enableThinking(body));
  }
  rewrites.push(...stripFields(body, settings.stripFields, keep));
  const headers = upstreamHeaders(incomingHeaders);
  rewrites.push(...headers.rewrites);

  return { call: { path: '/v1/messages', headers: headers.headers, body: JSON.stringify(body) }, rewrites };
}

// Claude Code asks for `{type:"adaptive"}`, which local backends do not know; with --think the
// older `{type:"enabled", budget_tokens}` form is sent instead.
function enableThinking(body: MessagesRequest): RewriteNote[] {
  const before = body.thinking;
  if (isRecord(before) && before.type === 'enabled' && typeof before.budget_tokens === 'number') return [];
  const budget = Math.max(
    1,
    Math.min(Math.max(minThinkingBudget, Math.floor(body.max_tokens / 2)), body.max_tokens - 1),
  );
  body.thinking = { type: 'enabled', budget_tokens: budget };
  return [
    {
      kind: 'strip_field',
      before: { field: 'thinking', value: before ?? null },
      after: { field: 'thinking', value: body.thinking },
      reason: 'thinking requested (--think) in the form local backends understand',
    },
  ];
}
