/**
 * Test support: one agent-style request in any of the three dialects (the task, Claude Code's
 * environment block, four tools, optional past calls), and its streamed answer read back into one
 * dialect-free shape, so wire tests can run the same expectations per dialect.
 */
import type { SimDialect } from '../types.ts';
import type { PastCall } from './conversations.ts';
import { parseNdjson, parseSse, postJson } from './read-wire.ts';

export const dialects: readonly SimDialect[] = ['ollama', 'anthropic', 'openai'];

const toolNames = ['Bash', 'Edit', 'Read', 'Write'];
const schema = { type: 'object', properties: {} };

export interface WireRequest {
  model: string;
  prompt: string;
  cwd?: string;
  history?: PastCall[];
  /** Tools offered (default the four); [] for a raw request. */
  tools?: string[];
  maxTokens?: number;
  /** A system prompt (Anthropic `system`, else a first system message). */
  system?: string;
  /** Extra top-level fields (thinking switches, truncate, options). */
  extra?: Record<string, unknown>;
}

const paths: Record<SimDialect, string> = {
  ollama: '/api/chat',
  anthropic: '/v1/messages',
  openai: '/v1/chat/completions',
};

function anthropicBody(r: WireRequest, tools: string[]): Record<string, unknown> {
  const messages: unknown[] = [{ role: 'user', content: [{ type: 'text', text: r.prompt }] }];
  if (r.cwd !== undefined)
    messages.push({ role: 'system', content: `# Environment\n - Primary working directory: ${r.cwd}\n` });
  for (const [i, call] of (r.history ?? []).entries()) {
    messages.push({
      role: 'assistant',
      content: [{ type: 'tool_use', id: `toolu_${i}`, name: call.name, input: call.input }],
    });
    const result = {
      type: 'tool_result',
      tool_use_id: `toolu_${i}`,
      content: call.result,
      is_error: call.isError === true,
    };
    messages.push({ role: 'user', content: [result] });
  }
  return {
    model: r.model,
    stream: true,
    ...(r.system === undefined ? {} : { system: r.system }),
    max_tokens: r.maxTokens ?? 32000,
    tools: tools.map((name) => ({ name, description: name, input_schema: schema })),
    messages,
    ...r.extra,
  };
}

function chatMessages(r: WireRequest, dialect: 'ollama' | 'openai'): unknown[] {
  const messages: unknown[] = [];
  if (r.system !== undefined) messages.push({ role: 'system', content: r.system });
  if (r.cwd !== undefined) messages.push({ role: 'system', content: `Primary working directory: ${r.cwd}` });
  messages.push({ role: 'user', content: r.prompt });
  for (const [i, call] of (r.history ?? []).entries()) {
    const fn =
      dialect === 'ollama'
        ? { name: call.name, arguments: call.input }
        : { name: call.name, arguments: JSON.stringify(call.input) };
    messages.push({
      role: 'assistant',
      content: '',
      tool_calls: [{ id: `call_${i}`, type: 'function', function: fn }],
    });
    messages.push(
      dialect === 'ollama'
        ? { role: 'tool', tool_name: call.name, content: call.result }
        : { role: 'tool', tool_call_id: `call_${i}`, content: call.result },
    );
  }
  return messages;
}

/** The request body in `dialect`. */
export function wireBody(dialect: SimDialect, r: WireRequest): Record<string, unknown> {
  const tools = r.tools ?? toolNames;
  if (dialect === 'anthropic') return anthropicBody(r, tools);
  const fnTools = tools.map((name) => ({
    type: 'function',
    function: { name, description: name, parameters: schema },
  }));
  const base = {
    model: r.model,
    stream: true,
    messages: chatMessages(r, dialect),
    ...(tools.length > 0 ? { tools: fnTools } : {}),
  };
  if (dialect === 'ollama') return { ...base, options: { num_predict: r.maxTokens ?? 8192 }, ...r.extra };
  return { ...base, max_tokens: r.maxTokens ?? 8192, ...r.extra };
}

export interface WireCall {
  name: string;
  /** The argument text as sent (Ollama's object re-serialised). */
  arguments: string;
}

/** A streamed answer, dialect-free. */
export interface WireReply {
  status: number;
  raw: string;
  text: string;
  thinking: string;
  calls: WireCall[];
  /** stop_reason / finish_reason / done_reason, or null when none came. */
  stop: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** The stream ended the dialect's way (message_stop, [DONE], done:true). */
  finished: boolean;
  /** Error payloads that arrived inside the stream, as sent. */
  errors: unknown[];
}

/** Posts the request and reads the answer back. */
export async function wireExchange(url: string, dialect: SimDialect, r: WireRequest): Promise<WireReply> {
  const response = await postJson(`${url}${paths[dialect]}`, wireBody(dialect, r));
  const raw = await response.text();
  const base = { status: response.status, raw };
  if (!(response.headers.get('content-type') ?? '').match(/ndjson|event-stream/)) return { ...base, ...emptyReply() };
  if (dialect === 'anthropic') return { ...base, ...readAnthropic(raw) };
  if (dialect === 'openai') return { ...base, ...readOpenAI(raw) };
  return { ...base, ...readOllama(raw) };
}

type Parsed = Omit<WireReply, 'status' | 'raw'>;

interface AnthropicFrame {
  type: string;
  index: number;
  message?: { usage: { input_tokens: number } } | string;
  content_block?: { type: string; name: string };
  delta?: { text?: string; thinking?: string; partial_json?: string; stop_reason?: string };
  usage?: { output_tokens: number };
}

interface OpenAIChunk {
  error?: unknown;
  timings?: { prompt_n: number; predicted_n: number };
  choices?: Array<{
    delta: {
      content?: string;
      reasoning_content?: string;
      tool_calls?: Array<{ index: number; function: { name?: string; arguments?: string } }>;
    };
    finish_reason: string | null;
  }>;
}

interface OllamaLine {
  error?: string;
  message?: {
    content?: string;
    thinking?: string;
    tool_calls?: Array<{ function: { name: string; arguments: unknown } }>;
  };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
}

function emptyReply(): Parsed {
  return {
    text: '',
    thinking: '',
    calls: [],
    stop: null,
    inputTokens: null,
    outputTokens: null,
    finished: false,
    errors: [],
  };
}

function readAnthropic(raw: string): Parsed {
  const out = emptyReply();
  const calls = new Map<number, WireCall>();
  for (const frame of parseSse(raw)) {
    const data = JSON.parse(frame.data) as AnthropicFrame;
    if (frame.event === 'error') out.errors.push(data);
    if (data.type === 'message_start' && typeof data.message === 'object')
      out.inputTokens = data.message.usage.input_tokens;
    if (data.content_block?.type === 'tool_use')
      calls.set(data.index, { name: data.content_block.name, arguments: '' });
    if (data.type === 'content_block_delta') {
      out.text += data.delta?.text ?? '';
      out.thinking += data.delta?.thinking ?? '';
      const call = calls.get(data.index);
      if (call !== undefined) call.arguments += data.delta?.partial_json ?? '';
    }
    if (data.type === 'message_delta') {
      out.stop = data.delta?.stop_reason ?? null;
      out.outputTokens = data.usage?.output_tokens ?? null;
    }
    if (data.type === 'message_stop') out.finished = true;
  }
  return { ...out, calls: [...calls.values()] };
}

function readOpenAI(raw: string): Parsed {
  const out = emptyReply();
  const calls = new Map<number, WireCall>();
  for (const frame of parseSse(raw)) {
    if (frame.data === '[DONE]') {
      out.finished = true;
      continue;
    }
    if (frame.data === '') continue;
    const data = JSON.parse(frame.data) as OpenAIChunk;
    if (data.error !== undefined) out.errors.push(data.error);
    if (data.timings !== undefined) {
      out.inputTokens = data.timings.prompt_n;
      out.outputTokens = data.timings.predicted_n;
    }
    const choice = data.choices?.[0];
    if (choice === undefined) continue;
    out.text += choice.delta.content ?? '';
    out.thinking += choice.delta.reasoning_content ?? '';
    for (const part of choice.delta.tool_calls ?? []) {
      const call = calls.get(part.index) ?? { name: part.function.name ?? '', arguments: '' };
      call.arguments += part.function.arguments ?? '';
      calls.set(part.index, call);
    }
    if (choice.finish_reason !== null) out.stop = choice.finish_reason;
  }
  return { ...out, calls: [...calls.values()] };
}

function readOllama(raw: string): Parsed {
  const out = emptyReply();
  for (const line of parseNdjson(raw) as OllamaLine[]) {
    if (line.error !== undefined) {
      out.errors.push(line.error);
      continue;
    }
    out.text += line.message?.content ?? '';
    out.thinking += line.message?.thinking ?? '';
    for (const call of line.message?.tool_calls ?? [])
      out.calls.push({ name: call.function.name, arguments: JSON.stringify(call.function.arguments) });
    if (line.done === true) {
      out.finished = true;
      out.stop = line.done_reason ?? null;
      out.inputTokens = line.prompt_eval_count ?? null;
      out.outputTokens = line.eval_count ?? null;
    }
  }
  return out;
}
