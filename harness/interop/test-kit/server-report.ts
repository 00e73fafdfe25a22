/**
 * What llama-server itself reported for one tapped request: the answer text, the prompt and output
 * token counts, and its `timings`. Parsed here from the raw bytes with a few lines of code on purpose,
 * not with the harness's decoders, so a decoder bug cannot hide in both sides of a comparison.
 * Shapes: llama.cpp tools/server/server-task.cpp (`usage_json_oaicompat`, `to_json_anthropic*`) and
 * tools/server/server-common.cpp (`server_slot_stats::to_json`), as shipped in node-llama-cpp 3.22.1.
 */

import { finiteNumber, isRecord } from '../../core/json.ts';
import type { TappedExchange } from './wire-tap.ts';

/** llama-server's `timings` object (the fields the tests use). */
export interface LlamaTimings {
  prompt_n: number;
  cache_n: number;
  predicted_n: number;
  predicted_ms: number;
  predicted_per_second: number;
}

export interface ServerReport {
  /** The answer's text (text deltas only), to match the harness's exchange record. */
  text: string;
  /** The whole prompt: OpenAI `prompt_tokens`; Anthropic `input_tokens` + `cache_read_input_tokens`. */
  inputTokens: number | null;
  outputTokens: number | null;
  /** Of the prompt, the tokens taken from the server's prompt cache. */
  cachedInputTokens: number | null;
  /** Only the OpenAI-dialect stream carries them; /v1/messages sends none. */
  timings: LlamaTimings | null;
}

type Json = Record<string, unknown>;

/** The JSON objects of an SSE body (`data:` lines), or the one JSON body of a non-streamed answer. */
export function bodyObjects(body: string): Json[] {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) return [JSON.parse(trimmed) as Json];
  return body
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim())
    .filter((data) => data !== '' && data !== '[DONE]')
    .map((data) => JSON.parse(data) as Json);
}

/** The server's report for a tapped chat request, by its path (/v1/chat/completions or /v1/messages). */
export function serverReportOf(tapped: TappedExchange): ServerReport {
  const objects = bodyObjects(tapped.responseBody);
  return tapped.path.startsWith('/v1/messages') ? anthropicReport(objects) : openAiReport(objects);
}

function openAiReport(objects: Json[]): ServerReport {
  const report: ServerReport = {
    text: '',
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    timings: null,
  };
  for (const object of objects) {
    const choice = Array.isArray(object.choices) && isRecord(object.choices[0]) ? object.choices[0] : null;
    const part = choice === null ? null : isRecord(choice.delta) ? choice.delta : choice.message;
    if (isRecord(part) && typeof part.content === 'string') report.text += part.content;
    if (isRecord(object.usage)) {
      report.inputTokens = finiteNumber(object.usage.prompt_tokens);
      report.outputTokens = finiteNumber(object.usage.completion_tokens);
      const details = object.usage.prompt_tokens_details;
      report.cachedInputTokens = isRecord(details) ? finiteNumber(details.cached_tokens) : null;
    }
    if (isRecord(object.timings)) report.timings = llamaTimings(object.timings);
  }
  return report;
}

/** llama-server's `timings` object, with each field it always sends (server-task.cpp result_timings::to_json). */
function llamaTimings(timings: Json): LlamaTimings | null {
  const [prompt_n, cache_n, predicted_n, predicted_ms, predicted_per_second] = [
    finiteNumber(timings.prompt_n),
    finiteNumber(timings.cache_n),
    finiteNumber(timings.predicted_n),
    finiteNumber(timings.predicted_ms),
    finiteNumber(timings.predicted_per_second),
  ];
  if (prompt_n === null || cache_n === null || predicted_n === null) return null;
  if (predicted_ms === null || predicted_per_second === null) return null;
  return { prompt_n, cache_n, predicted_n, predicted_ms, predicted_per_second };
}

function anthropicReport(objects: Json[]): ServerReport {
  const report: ServerReport = {
    text: '',
    inputTokens: null,
    outputTokens: null,
    cachedInputTokens: null,
    timings: null,
  };
  const promptOf = (usage: Json): number =>
    (finiteNumber(usage.input_tokens) ?? 0) +
    (finiteNumber(usage.cache_read_input_tokens) ?? 0) +
    (finiteNumber(usage.cache_creation_input_tokens) ?? 0);
  for (const object of objects) {
    if (object.type === 'message_start' && isRecord(object.message) && isRecord(object.message.usage)) {
      report.inputTokens = promptOf(object.message.usage);
      report.cachedInputTokens = finiteNumber(object.message.usage.cache_read_input_tokens);
    }
    if (object.type === 'message' && isRecord(object.usage)) {
      report.inputTokens = promptOf(object.usage);
      report.cachedInputTokens = finiteNumber(object.usage.cache_read_input_tokens);
      report.outputTokens = finiteNumber(object.usage.output_tokens);
      for (const block of Array.isArray(object.content) ? object.content : []) {
        if (isRecord(block) && block.type === 'text' && typeof block.text === 'string') report.text += block.text;
      }
    }
    if (object.type === 'content_block_delta' && isRecord(object.delta) && object.delta.type === 'text_delta') {
      report.text += typeof object.delta.text === 'string' ? object.delta.text : '';
    }
    if (object.type === 'message_delta' && isRecord(object.usage))
      report.outputTokens = finiteNumber(object.usage.output_tokens);
  }
  return report;
}
