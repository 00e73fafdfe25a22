/**
 * Claude Code's background requests (session titles, topic detection, quota probes, haiku-class
 * helpers): recognised so they can be answered locally or routed away, and kept out of the
 * model's metrics (recorded with kind "housekeeping").
 */
import type { MessagesRequest } from '../core/messages.ts';
import type { HousekeepingRoute } from './types.ts';

export type HousekeepingKind =
  | 'quota_probe'
  | 'session_title'
  | 'session_name'
  | 'topic_detection'
  | 'tool_summary'
  | 'haiku_model';

// Phrases of the helper prompts, lower case. Seen in Claude Code 2.1.328 (title, kebab-case name,
// tool summary label, quota probe) and in older versions (topic detection, 5-10 word titles).
const promptSignatures: ReadonlyArray<readonly [HousekeepingKind, string]> = [
  ['session_title', 'you are naming a coding session'],
  ['session_title', 'return json with a single "title" field'],
  ['session_title', 'write a 5-10 word title'],
  ['session_title', 'sentence-case title'],
  ['session_name', 'generate a short kebab-case name'],
  ['topic_detection', 'indicates a new conversation topic'],
  ['topic_detection', 'isnewtopic'],
  ['tool_summary', 'summary label describing what these tool calls accomplished'],
];

const haikuModel = /^claude-.*haiku/i;

/** What kind of background request this is, or null for a real turn. */
export function detectHousekeeping(request: MessagesRequest): HousekeepingKind | null {
  if (isQuotaProbe(request)) return 'quota_probe';
  const offersTools = Array.isArray(request.tools) && request.tools.length > 0;
  // Helper prompts never offer tools; a coding turn that merely mentions these phrases does.
  if (!offersTools) {
    const text = promptText(request).toLowerCase();
    for (const [kind, phrase] of promptSignatures) if (text.includes(phrase)) return kind;
  }
  if (typeof request.model === 'string' && haikuModel.test(request.model)) return 'haiku_model';
  return null;
}

/** Where a housekeeping request goes: answered here, or upstream with which model. */
export type HousekeepingTarget = { kind: 'local' } | { kind: 'upstream'; model: string | null };

/**
 * Applies the configured route. A request that offers tools (a haiku-class subagent) cannot be
 * answered locally without breaking the agent, so under `local` it goes to the model under test.
 */
export function housekeepingTarget(
  route: HousekeepingRoute,
  request: MessagesRequest,
  modelUnderTest: string | null,
): HousekeepingTarget {
  switch (route.kind) {
    case 'local':
      return Array.isArray(request.tools) && request.tools.length > 0
        ? { kind: 'upstream', model: modelUnderTest }
        : { kind: 'local' };
    case 'model':
      return { kind: 'upstream', model: modelUnderTest };
    case 'upstream_model':
      return { kind: 'upstream', model: route.model };
  }
}

const localAnswers: Record<HousekeepingKind, string> = {
  quota_probe: 'ok',
  session_title: '{"title":"Coding session"}',
  session_name: '{"name":"coding-session"}',
  topic_detection: '{"isNewTopic":false,"title":null}',
  tool_summary: 'Ran tools',
  haiku_model: 'ok',
};

/** The text of the minimal valid answer the proxy gives itself. */
export function localAnswerText(kind: HousekeepingKind): string {
  return localAnswers[kind];
}

function isQuotaProbe(request: MessagesRequest): boolean {
  if (request.max_tokens !== 1 || !Array.isArray(request.messages) || request.messages.length !== 1) return false;
  const only = request.messages[0];
  const text = only === undefined ? '' : contentText(only.content);
  return /^\s*quota\s*$/i.test(text);
}

/** System prompt plus the first and last message, where helper prompts put their instructions. */
function promptText(request: MessagesRequest): string {
  const parts: string[] = [];
  if (typeof request.system === 'string') parts.push(request.system);
  else if (Array.isArray(request.system))
    for (const block of request.system) parts.push(typeof block?.text === 'string' ? block.text : '');
  const messages = Array.isArray(request.messages) ? request.messages : [];
  const first = messages[0];
  const last = messages.length > 1 ? messages[messages.length - 1] : undefined;
  if (first !== undefined) parts.push(contentText(first.content));
  if (last !== undefined) parts.push(contentText(last.content));
  return parts.join('\n');
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((block: unknown) => (isTextBlock(block) ? block.text : '')).join('\n');
}

function isTextBlock(block: unknown): block is { type: 'text'; text: string } {
  return (
    typeof block === 'object' &&
    block !== null &&
    (block as { type?: unknown }).type === 'text' &&
    typeof (block as { text?: unknown }).text === 'string'
  );
}
