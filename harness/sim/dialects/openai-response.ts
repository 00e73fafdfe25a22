/**
 * OpenAI chat completions responses, llama-server flavoured: thinking goes out as
 * `delta.reasoning_content`, tool calls as `delta.tool_calls` (id and name with the first argument
 * fragment, the rest of the argument JSON in later chunks), and the final chunk carries a
 * `timings` object next to `finish_reason`.
 */
import { randomBytes } from 'node:crypto';
import type { ServerReport } from '../schedule.ts';
import type { Plan, PlannedBlock, StopKind } from '../types.ts';
import type { DialectAdapter, StreamWriter } from './adapter.ts';
import { llamaError, openaiFailed } from './interrupts.ts';

const finishReasons: Record<StopKind, string> = { end: 'stop', max_tokens: 'length', tool_use: 'tool_calls' };

/** llama-server's `timings`, equal to the schedule. */
export function llamaTimings(report: ServerReport): Record<string, number> {
  return {
    prompt_n: report.promptTokens,
    prompt_ms: report.prefillMs,
    prompt_per_token_ms: report.promptTokens > 0 ? report.prefillMs / report.promptTokens : 0,
    prompt_per_second: report.prefillMs > 0 ? (report.promptTokens * 1000) / report.prefillMs : 0,
    predicted_n: report.outputTokens,
    predicted_ms: report.decodeMs,
    predicted_per_token_ms: report.outputTokens > 0 ? report.decodeMs / report.outputTokens : 0,
    predicted_per_second: report.outputTokens > 0 ? report.tokensPerSec : 0,
  };
}

function usage(report: ServerReport): Record<string, number> {
  return {
    prompt_tokens: report.promptTokens,
    completion_tokens: report.outputTokens,
    total_tokens: report.promptTokens + report.outputTokens,
  };
}

function toolOrdinal(plan: Plan, blockIndex: number): number {
  return plan.blocks.slice(0, blockIndex).filter((b) => b.type === 'tool_call').length;
}

export function openaiAdapter(options: { includeUsage: boolean }): DialectAdapter {
  return {
    streamContentType: 'text/event-stream; charset=utf-8',
    makeToolId: () => `call_sim${randomBytes(9).toString('hex')}`,
    stream(plan: Plan, report: ServerReport, model: string): StreamWriter {
      const id = `chatcmpl-sim${randomBytes(9).toString('hex')}`;
      const created = Math.floor(Date.now() / 1000);
      const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
      let firstOfBlock = -1;
      return {
        token(token, index) {
          const block = plan.blocks[token.block] as PlannedBlock;
          const delta: Record<string, unknown> = index === 0 ? { role: 'assistant' } : {};
          if (block.type === 'text') delta.content = token.piece;
          else if (block.type === 'thinking') delta.reasoning_content = token.piece;
          else {
            const opening = firstOfBlock !== token.block;
            delta.tool_calls = [
              opening
                ? {
                    index: toolOrdinal(plan, token.block),
                    id: block.id,
                    type: 'function',
                    function: { name: block.name, arguments: token.piece },
                  }
                : { index: toolOrdinal(plan, token.block), function: { arguments: token.piece } },
            ];
          }
          firstOfBlock = token.block;
          return chunk([{ index: 0, delta, logprobs: null, finish_reason: null }]);
        },
        finish() {
          let out = chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReasons[plan.stop] }], {
            timings: llamaTimings(report),
          });
          if (options.includeUsage) out += chunk([], { usage: usage(report) });
          return `${out}data: [DONE]\n\n`;
        },
        interrupt(interrupt) {
          if (interrupt.style === 'llama_error_event')
            return `data: ${JSON.stringify({ error: llamaError(interrupt) })}\n\n`;
          if (interrupt.style === 'llama_legacy_error')
            return `error: ${JSON.stringify(llamaError(interrupt))}\n\ndata: [DONE]\n\n`;
          // Ollama's OpenAI layer turns the error line into an empty chunk (no model: the line had none).
          const empty = { id, object: 'chat.completion.chunk', created, model: '', system_fingerprint: 'fp_ollama' };
          return `data: ${JSON.stringify({ ...empty, choices: [{ index: 0, delta: { content: '' }, finish_reason: null }] })}\n\n`;
        },
      };
    },
    json(plan, report, model) {
      const text = (type: PlannedBlock['type']): string =>
        plan.blocks
          .filter((b) => b.type === type)
          .map((b) => b.pieces.join(''))
          .join('');
      const toolCalls = plan.blocks
        .filter((b) => b.type === 'tool_call')
        .map((b) => ({ id: b.id, type: 'function', function: { name: b.name, arguments: b.pieces.join('') } }));
      const content = text('text');
      const reasoning = text('thinking');
      const message: Record<string, unknown> = {
        role: 'assistant',
        content: content === '' && toolCalls.length > 0 ? null : content,
      };
      if (reasoning !== '') message.reasoning_content = reasoning;
      if (toolCalls.length > 0) message.tool_calls = toolCalls;
      return {
        id: `chatcmpl-sim${randomBytes(9).toString('hex')}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasons[plan.stop] }],
        usage: usage(report),
        timings: llamaTimings(report),
      };
    },
    failed: openaiFailed,
  };
}
