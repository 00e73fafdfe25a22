/**
 * What an agent persona reads from the conversation so far: the working directory Claude Code
 * announces, and every tool call it made with the result that came back.
 */
import { isRecord, tryParseJson } from '../../core/json.ts';
import type { SimConversation, SimToolResult } from '../types.ts';

export interface ToolStep {
  name: string;
  input: Record<string, unknown>;
  result: SimToolResult | null;
}

/**
 * The working directory from Claude Code's environment block ("Primary working directory: /x",
 * sent as a system message, or in the system prompt by other versions).
 */
export function workingDir(conversation: SimConversation): string | null {
  const texts = [
    conversation.system,
    ...conversation.messages.filter((m) => m.role !== 'assistant').map((m) => m.text),
  ];
  for (const text of texts) {
    const match = /(?:Primary working directory|Working directory|cwd):\s*(\/[^\s`'"]*)/i.exec(text);
    if (match?.[1] !== undefined) return match[1].replace(/\/+$/, '') || '/';
  }
  return null;
}

/** Tool calls in order, each with its result: matched by call id, else by order (Ollama). */
export function toolHistory(conversation: SimConversation): ToolStep[] {
  const steps: Array<ToolStep & { id: string | null }> = [];
  for (const message of conversation.messages) {
    if (message.role === 'assistant') {
      for (const call of message.toolCalls)
        steps.push({ id: call.id, name: call.name, input: callInput(call.input), result: null });
    }
    if (message.role === 'user') {
      for (const result of message.toolResults) {
        const byId =
          result.callId === null ? undefined : steps.find((s) => s.id === result.callId && s.result === null);
        const target = byId ?? steps.find((s) => s.result === null);
        if (target !== undefined) target.result = result;
      }
    }
  }
  return steps.map(({ name, input, result }) => ({ name, input, result }));
}

/**
 * A call's input as an object. Input that is itself JSON text of an object (arguments the model
 * double-encoded, replayed by Claude Code as the string it got) counts as that object, so the
 * model recognises its own earlier attempt; anything else counts as no arguments.
 */
function callInput(input: unknown): Record<string, unknown> {
  if (isRecord(input)) return input;
  if (typeof input !== 'string') return {};
  const parsed = tryParseJson(input);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : {};
}

/** Claude Code refused the call before running it (unknown tool, schema violation, permission). */
export function wasRefused(result: SimToolResult | null): boolean {
  if (result === null) return false;
  if (/<tool_use_error>/.test(result.text)) return true;
  // The flag also marks a command that ran and failed ("Exit code 1"); that is not a refusal.
  return result.errorFlag === true && !/^\s*Exit code \d+/.test(result.text);
}

/** The result reports a failure of any kind: refused, or a command that exited non-zero. */
export function isFailure(result: SimToolResult | null): boolean {
  if (result === null) return false;
  return wasRefused(result) || result.errorFlag === true || /^\s*(Exit code [1-9]\d*|Error:)/.test(result.text);
}

/** A pytest run whose output shows every test passing. */
export function pytestPassed(result: SimToolResult | null): boolean {
  if (result === null || isFailure(result)) return false;
  return /\b\d+ passed\b/.test(result.text) && !/\b\d+ (failed|errors?)\b/.test(result.text);
}

/** The pytest summary line ("1 failed, 4 passed in 0.03s"), when there is one. */
export function pytestSummary(result: SimToolResult | null): string | null {
  if (result === null) return null;
  const match = /(\d+ (?:failed|passed|errors?)(?:, \d+ (?:failed|passed|errors?|skipped))*)(?: in [\d.]+s)?/.exec(
    result.text,
  );
  return match?.[0] ?? null;
}

/** The file a write-like call targets, whatever the parameter is called. */
export function targetPath(input: Record<string, unknown>): string | null {
  for (const key of ['file_path', 'path', 'filename', 'file']) {
    const value = input[key];
    if (typeof value === 'string') return value;
  }
  return null;
}
