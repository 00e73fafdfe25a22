/**
 * Runs that cannot work, refused before they start with one line that names the fix: agent mode
 * with a context too small for Claude Code's first request (the server would cut the prompt, and
 * the run would look like a model that did not understand the task), agent mode on an Ollama model
 * without the `tools` capability (every turn fails with 400 "… does not support tools"), and
 * `--think` on an Ollama model without `thinking` (400 "\"m\" does not support thinking"), and agent
 * mode on a llama-server whose chat template cannot render tools (it drops the tools silently).
 */
import { HarnessError } from '../../core/errors.ts';
import type { ModelFacts } from '../../core/facts.ts';
import type { DialectKind } from '../types.ts';
import { claudeCodeFirstRequestTokens } from './claude-code-context.ts';
import type { PreflightRequest, ServerContext, ServerKind } from './server-context.ts';
import { tokens } from './server-context.ts';

/** Everything preflight found out that the refusals judge. */
export interface RefusalInput {
  model: string;
  server: ServerKind;
  dialect: DialectKind;
  facts: ModelFacts;
  context: ServerContext;
  request: PreflightRequest;
}

/** The one-line reason the bench cannot run as asked, with the fix; null when nothing stands in the way. */
export function preflightRefusal(input: RefusalInput): string | null {
  return contextRefusal(input) ?? toolsRefusal(input) ?? thinkingRefusal(input);
}

/** Throws PREFLIGHT_REFUSED (exit 2) with the refusal's line, if there is one. */
export function refuseUnworkable(input: RefusalInput): void {
  const refusal = preflightRefusal(input);
  if (refusal !== null) throw new HarnessError('PREFLIGHT_REFUSED', refusal);
}

function toolsRefusal({ model, server, facts, request }: RefusalInput): string | null {
  const capabilities = facts.capabilities;
  if (!request.agent || capabilities === null || capabilities.includes('tools')) return null;
  if (server === 'llama-server') {
    return `"${model}" cannot run agent mode: llama-server's chat template cannot render tools (/props chat_template_caps.supports_tools is false), so it would drop Claude Code's tool definitions without a word and the run would look like a model ignoring the task. Start llama-server with --jinja and a template that renders tools (the model's own, or --chat-template-file), or run --mode raw.`;
  }
  if (server !== 'ollama') return null;
  return `"${model}" cannot run agent mode: Ollama lists its capabilities as ${list(capabilities)}, without "tools", so every Claude Code turn would fail with 400: does not support tools. Run it with --mode raw, or pick a model with tool support.`;
}

function contextRefusal({ model, facts, context, request }: RefusalInput): string | null {
  const needed = claudeCodeFirstRequestTokens;
  if (!request.agent || context.kind !== 'known' || context.tokens >= needed) return null;
  const trained = facts.contextTrained;
  const fix =
    trained !== null && trained < needed
      ? `"${model}" was trained for ${tokens(trained)} tokens, so no server setting gives it more; pick a model with a longer context.`
      : context.fix;
  return `Agent mode needs a context of at least ${tokens(needed)} tokens (Claude Code's first request), but "${model}" gets ${tokens(context.tokens)} from ${context.basis}. ${fix} Raw mode (--mode raw) still runs.`;
}

function thinkingRefusal({ model, server, dialect, facts, request }: RefusalInput): string | null {
  const capabilities = facts.capabilities;
  // Only the native dialect sends `think`; Ollama's Anthropic layer drops it for such a model.
  if (!request.think || server !== 'ollama' || dialect !== 'ollama' || capabilities === null) return null;
  if (capabilities.includes('thinking')) return null;
  return `--think needs a model that can think, but Ollama lists the capabilities of "${model}" as ${list(capabilities)}, without "thinking", so every request would fail with 400: "${model}" does not support thinking. Drop --think for this model.`;
}

function list(capabilities: readonly string[]): string {
  return capabilities.length === 0 ? 'none' : capabilities.join(', ');
}
