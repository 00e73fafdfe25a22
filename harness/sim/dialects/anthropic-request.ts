/** Anthropic Messages request (`POST /v1/messages`) → SimConversation. */
import { isRecord } from '../../core/json.ts';
import type { SimFlavour, SimMessage, SimToolCall, SimToolResult, SimToolSpec } from '../types.ts';
import { contentText } from './content.ts';
import type { ParseResult } from './parse-result.ts';
import { thinkingOn } from './thinking-switch.ts';

/** Parses a Messages request; `flavour` decides how its thinking switch is read. */
export function parseAnthropicRequest(body: unknown, flavour: SimFlavour = 'ollama'): ParseResult {
  if (!isRecord(body)) return { ok: false, message: 'request body must be a JSON object' };
  if (typeof body.model !== 'string' || body.model === '') return { ok: false, message: 'model: Field required' };
  if (!Array.isArray(body.messages)) return { ok: false, message: 'messages: Field required' };
  if (typeof body.max_tokens !== 'number' || !Number.isFinite(body.max_tokens))
    return { ok: false, message: 'max_tokens: Field required' };

  const messages: SimMessage[] = [];
  for (const [index, raw] of body.messages.entries()) {
    if (!isRecord(raw) || (raw.role !== 'user' && raw.role !== 'assistant' && raw.role !== 'system')) {
      return { ok: false, message: `messages.${index}.role: Input should be 'user' or 'assistant'` };
    }
    messages.push(convertMessage(raw.role, raw.content));
  }

  const tools: SimToolSpec[] = Array.isArray(body.tools)
    ? body.tools.filter(isRecord).map((tool) => ({
        name: typeof tool.name === 'string' ? tool.name : '',
        description: typeof tool.description === 'string' ? tool.description : '',
        parameters: tool.input_schema ?? {},
      }))
    : [];
  return {
    ok: true,
    extra: {},
    conversation: {
      dialect: 'anthropic',
      model: body.model,
      stream: body.stream === true,
      system: contentText(body.system),
      messages,
      tools,
      thinking: thinkingOn(flavour, 'anthropic', body),
      maxTokens: Math.max(0, Math.floor(body.max_tokens)),
      numCtx: null,
      truncate: true,
    },
  };
}

function convertMessage(role: 'user' | 'assistant' | 'system', content: unknown): SimMessage {
  if (role === 'system') return { role: 'system', text: contentText(content) };
  const blocks =
    typeof content === 'string'
      ? [{ type: 'text', text: content }]
      : Array.isArray(content)
        ? content.filter(isRecord)
        : [];
  const texts: string[] = [];
  if (role === 'user') {
    const toolResults: SimToolResult[] = [];
    for (const block of blocks) {
      if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
      if (block.type === 'tool_result') {
        toolResults.push({
          callId: typeof block.tool_use_id === 'string' ? block.tool_use_id : null,
          toolName: null,
          text: contentText(block.content),
          errorFlag: block.is_error === true,
        });
      }
    }
    return { role: 'user', text: texts.join('\n'), toolResults };
  }
  const thinking: string[] = [];
  const toolCalls: SimToolCall[] = [];
  for (const block of blocks) {
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    if (block.type === 'thinking' && typeof block.thinking === 'string') thinking.push(block.thinking);
    if (block.type === 'tool_use' && typeof block.name === 'string') {
      toolCalls.push({
        id: typeof block.id === 'string' ? block.id : null,
        name: block.name,
        input: block.input ?? {},
      });
    }
  }
  return { role: 'assistant', text: texts.join('\n'), thinking: thinking.join('\n'), toolCalls };
}
