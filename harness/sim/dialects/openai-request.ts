/** OpenAI chat completions request (`POST /v1/chat/completions`) → SimConversation. */
import { isRecord } from '../../core/json.ts';
import type { SimFlavour, SimMessage, SimToolSpec } from '../types.ts';
import { contentText, parseArguments, positiveInt } from './content.ts';
import type { ParseResult } from './parse-result.ts';
import { thinkingOn } from './thinking-switch.ts';

export interface OpenAIExtra {
  /** `stream_options.include_usage`: send a usage chunk before `[DONE]`. */
  includeUsage: boolean;
}

/** Parses a chat completions request; `flavour` decides how its thinking switch is read. */
export function parseOpenAIRequest(body: unknown, flavour: SimFlavour = 'ollama'): ParseResult<OpenAIExtra> {
  if (!isRecord(body)) return { ok: false, message: 'request body must be a JSON object' };
  if (typeof body.model !== 'string' || body.model === '')
    return { ok: false, message: "'model' is a required property" };
  if (!Array.isArray(body.messages)) return { ok: false, message: "'messages' is a required property" };

  const messages: SimMessage[] = [];
  for (const [index, raw] of body.messages.entries()) {
    if (!isRecord(raw) || typeof raw.role !== 'string')
      return { ok: false, message: `messages[${index}]: 'role' is a required property` };
    const text = contentText(raw.content);
    switch (raw.role) {
      case 'system':
      case 'developer':
        messages.push({ role: 'system', text });
        break;
      case 'user':
        messages.push({ role: 'user', text, toolResults: [] });
        break;
      case 'assistant':
        messages.push({
          role: 'assistant',
          text,
          thinking: typeof raw.reasoning_content === 'string' ? raw.reasoning_content : '',
          toolCalls: (Array.isArray(raw.tool_calls) ? raw.tool_calls.filter(isRecord) : []).map((call) => {
            const fn = isRecord(call.function) ? call.function : {};
            return {
              id: typeof call.id === 'string' ? call.id : null,
              name: typeof fn.name === 'string' ? fn.name : '',
              input: parseArguments(fn.arguments),
            };
          }),
        });
        break;
      case 'tool': {
        const result = {
          callId: typeof raw.tool_call_id === 'string' ? raw.tool_call_id : null,
          toolName: typeof raw.name === 'string' ? raw.name : null,
          text,
          errorFlag: null,
        };
        // Consecutive tool messages answer one assistant turn: keep them in one user turn.
        const last = messages.at(-1);
        if (last?.role === 'user' && last.text === '' && last.toolResults.length > 0) last.toolResults.push(result);
        else messages.push({ role: 'user', text: '', toolResults: [result] });
        break;
      }
      default:
        return { ok: false, message: `messages[${index}]: unknown role '${raw.role}'` };
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
  return {
    ok: true,
    extra: { includeUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true },
    conversation: {
      dialect: 'openai',
      model: body.model,
      stream: body.stream === true,
      system: '',
      messages,
      tools,
      thinking: thinkingOn(flavour, 'openai', body),
      maxTokens: positiveInt(body.max_completion_tokens) ?? positiveInt(body.max_tokens),
      numCtx: null,
      truncate: true,
    },
  };
}
