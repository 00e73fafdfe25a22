/**
 * Anthropic Messages responses. Streaming: `message_start`, then per block `content_block_start`,
 * one `content_block_delta` per token (`text_delta`, `thinking_delta`, `input_json_delta`) and
 * `content_block_stop`, then `message_delta` (stop_reason, usage.output_tokens) and `message_stop`.
 */
import { randomBytes } from 'node:crypto';
import type { ServerReport } from '../schedule.ts';
import type { Plan, PlannedBlock, StopKind } from '../types.ts';
import type { DialectAdapter, StreamWriter } from './adapter.ts';
import { anthropicFailed, llamaError } from './interrupts.ts';

const stopReasons: Record<StopKind, string> = { end: 'end_turn', max_tokens: 'max_tokens', tool_use: 'tool_use' };

function sse(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

function startBlock(block: PlannedBlock): Record<string, unknown> {
  if (block.type === 'thinking') return { type: 'thinking', thinking: '' };
  if (block.type === 'text') return { type: 'text', text: '' };
  return { type: 'tool_use', id: block.id, name: block.name, input: {} };
}

function delta(block: PlannedBlock, piece: string): Record<string, unknown> {
  if (block.type === 'thinking') return { type: 'thinking_delta', thinking: piece };
  if (block.type === 'text') return { type: 'text_delta', text: piece };
  return { type: 'input_json_delta', partial_json: piece };
}

function fullBlock(block: PlannedBlock): Record<string, unknown> {
  const text = block.pieces.join('');
  if (block.type === 'thinking') return { type: 'thinking', thinking: text };
  if (block.type === 'text') return { type: 'text', text };
  const input = block.complete ? (JSON.parse(block.argumentsJson) as unknown) : {};
  return { type: 'tool_use', id: block.id, name: block.name, input };
}

function messageShell(id: string, model: string, report: ServerReport): Record<string, unknown> {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: report.promptTokens, output_tokens: 0 },
  };
}

export function anthropicAdapter(): DialectAdapter {
  return {
    streamContentType: 'text/event-stream; charset=utf-8',
    makeToolId: () => `toolu_sim${randomBytes(9).toString('hex')}`,
    stream(plan: Plan, report: ServerReport, model: string): StreamWriter {
      const id = `msg_sim${randomBytes(9).toString('hex')}`;
      let started = false;
      let open = -1;
      const begin = (): string => {
        if (started) return '';
        started = true;
        return sse('message_start', { message: messageShell(id, model, report) });
      };
      return {
        token(token) {
          let out = begin();
          const block = plan.blocks[token.block] as PlannedBlock;
          if (open !== token.block) {
            if (open >= 0) out += sse('content_block_stop', { index: open });
            open = token.block;
            out += sse('content_block_start', { index: open, content_block: startBlock(block) });
          }
          return out + sse('content_block_delta', { index: token.block, delta: delta(block, token.piece) });
        },
        finish() {
          let out = begin();
          if (open >= 0) out += sse('content_block_stop', { index: open });
          out += sse('message_delta', {
            delta: { stop_reason: stopReasons[plan.stop], stop_sequence: null },
            usage: { output_tokens: report.outputTokens },
          });
          return out + sse('message_stop', {});
        },
        interrupt(interrupt) {
          // Ollama's Anthropic layer sends nothing more; llama-server sends its error object as is.
          if (interrupt.style === 'ollama_v1_close') return '';
          return `${begin()}event: error\ndata: ${JSON.stringify(llamaError(interrupt))}\n\n`;
        },
      };
    },
    json(plan, report, model) {
      return {
        ...messageShell(`msg_sim${randomBytes(9).toString('hex')}`, model, report),
        content: plan.blocks.map(fullBlock),
        stop_reason: stopReasons[plan.stop],
        usage: { input_tokens: report.promptTokens, output_tokens: report.outputTokens },
      };
    },
    failed: anthropicFailed,
  };
}
