/** Ollama native chat request (`POST /api/chat`) → SimConversation. */
import { isRecord } from '../../core/json.ts';
import type { SimMessage, SimToolSpec } from '../types.ts';
import { parseArguments, positiveInt } from './content.ts';
import type { ParseResult } from './parse-result.ts';
import { thinkingOn } from './thinking-switch.ts';

export interface OllamaExtra {
  /** No messages: Ollama only loads the model and answers `done_reason: "load"`. */
  loadOnly: boolean;
}

export function parseOllamaRequest(body: unknown): ParseResult<OllamaExtra> {
  if (!isRecord(body)) return { ok: false, message: 'invalid request body: expected a JSON object' };
  if (typeof body.model !== 'string' || body.model === '') return { ok: false, message: 'model is required' };
  if (body.messages !== undefined && !Array.isArray(body.messages))
    return { ok: false, message: 'messages must be an array' };
  const rawMessages = Array.isArray(body.messages) ? body.messages : [];

  const messages: SimMessage[] = [];
  for (const [index, raw] of rawMessages.entries()) {
    if (!isRecord(raw) || typeof raw.role !== 'string')
      return { ok: false, message: `messages[${index}]: role is required` };
    const text = typeof raw.content === 'string' ? raw.content : '';
    switch (raw.role) {
      case 'system':
        messages.push({ role: 'system', text });
        break;
      case 'user':
        messages.push({ role: 'user', text, toolResults: [] });
        break;
      case 'assistant':
        messages.push({
          role: 'assistant',
          text,
          thinking: typeof raw.thinking === 'string' ? raw.thinking : '',
          toolCalls: (Array.isArray(raw.tool_calls) ? raw.tool_calls.filter(isRecord) : []).map((call) => {
            const fn = isRecord(call.function) ? call.function : {};
            return { id: null, name: typeof fn.name === 'string' ? fn.name : '', input: parseArguments(fn.arguments) };
          }),
        });
        break;
      case 'tool': {
        // Ollama's tool messages carry no error flag and no call id: only content and tool_name.
        const result = {
          callId: null,
          toolName: typeof raw.tool_name === 'string' ? raw.tool_name : null,
          text,
          errorFlag: null,
        };
        const last = messages.at(-1);
        if (last?.role === 'user' && last.text === '' && last.toolResults.length > 0) last.toolResults.push(result);
        else messages.push({ role: 'user', text: '', toolResults: [result] });
        break;
      }
      default:
        return { ok: false, message: `invalid role: ${raw.role}` };
    }
  }

  const tools: SimToolSpec[] = (Array.isArray(body.tools) ? body.tools.filter(isRecord) : []).map((tool) => {
    const fn = isRecord(tool.function) ? tool.function : {};
    return {
      name: typeof fn.name === 'string' ? fn.name : '',
      description: typeof fn.description === 'string' ? fn.description : '',
      parameters: fn.parameters ?? {},
    };
  });
  const options = isRecord(body.options) ? body.options : {};

  return {
    ok: true,
    extra: { loadOnly: rawMessages.length === 0 },
    conversation: {
      dialect: 'ollama',
      model: body.model,
      stream: body.stream !== false,
      system: '',
      messages,
      tools,
      thinking: thinkingOn('ollama', 'ollama', body),
      // num_predict ≤ 0 means "no limit" (-1) or "fill the context" (-2).
      maxTokens: positiveInt(options.num_predict),
      numCtx: positiveInt(options.num_ctx),
      truncate: body.truncate !== false,
    },
  };
}
