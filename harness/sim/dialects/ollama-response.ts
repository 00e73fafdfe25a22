/**
 * Ollama native `/api/chat` responses: NDJSON, one line per token, then a `done:true` line with
 * `done_reason` and the server's durations in nanoseconds. Like Ollama, a tool call is sent whole
 * (arguments as an object) once its last token has been generated; a tool call the budget cut
 * short is never sent.
 */
import { randomBytes } from 'node:crypto';
import type { ServerReport } from '../schedule.ts';
import { msToNs } from '../schedule.ts';
import type { Plan, PlannedBlock, StopKind } from '../types.ts';
import type { DialectAdapter, StreamWriter } from './adapter.ts';

const doneReasons: Record<StopKind, string> = { end: 'stop', max_tokens: 'length', tool_use: 'stop' };

function durations(report: ServerReport): Record<string, number> {
  return {
    total_duration: msToNs(report.totalMs),
    load_duration: msToNs(report.loadMs),
    prompt_eval_count: report.promptTokens,
    prompt_eval_duration: msToNs(report.prefillMs),
    eval_count: report.outputTokens,
    eval_duration: msToNs(report.decodeMs),
  };
}

function toolCall(block: PlannedBlock): Record<string, unknown> {
  return { function: { name: block.name, arguments: block.input } };
}

function line(value: Record<string, unknown>): string {
  return `${JSON.stringify(value)}\n`;
}

export function ollamaAdapter(): DialectAdapter {
  return {
    streamContentType: 'application/x-ndjson',
    makeToolId: () => `call_sim${randomBytes(6).toString('hex')}`,
    stream(plan: Plan, report: ServerReport, model: string): StreamWriter {
      const head = (): Record<string, unknown> => ({ model, created_at: new Date().toISOString() });
      return {
        token(token) {
          const block = plan.blocks[token.block] as PlannedBlock;
          if (block.type === 'text')
            return line({ ...head(), message: { role: 'assistant', content: token.piece }, done: false });
          if (block.type === 'thinking') {
            return line({ ...head(), message: { role: 'assistant', content: '', thinking: token.piece }, done: false });
          }
          if (!token.lastOfBlock || !block.complete) return '';
          return line({
            ...head(),
            message: { role: 'assistant', content: '', tool_calls: [toolCall(block)] },
            done: false,
          });
        },
        finish() {
          return line({
            ...head(),
            message: { role: 'assistant', content: '' },
            done: true,
            done_reason: doneReasons[plan.stop],
            ...durations(report),
          });
        },
        interrupt(interrupt) {
          return line({ error: interrupt.message });
        },
      };
    },
    json(plan, report, model) {
      const text = (type: PlannedBlock['type']): string =>
        plan.blocks
          .filter((b) => b.type === type)
          .map((b) => b.pieces.join(''))
          .join('');
      const message: Record<string, unknown> = { role: 'assistant', content: text('text') };
      const thinking = text('thinking');
      if (thinking !== '') message.thinking = thinking;
      const calls = plan.blocks.filter((b) => b.type === 'tool_call' && b.complete).map(toolCall);
      if (calls.length > 0) message.tool_calls = calls;
      return {
        model,
        created_at: new Date().toISOString(),
        message,
        done: true,
        done_reason: doneReasons[plan.stop],
        ...durations(report),
      };
    },
    failed: (interrupt) => ({ status: interrupt.code, body: { error: interrupt.message } }),
  };
}
