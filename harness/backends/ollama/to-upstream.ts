/**
 * Anthropic Messages request → Ollama native `POST /api/chat` (NDJSON stream).
 * Ollama's chat messages carry plain strings; tool calls carry arguments as objects; a tool
 * result is a `role:"tool"` message named by `tool_name`. System messages inside `messages` stay
 * where they are (Ollama's Go templates accept them anywhere).
 */
import type { ContentBlock, MessageParam, MessagesRequest, ToolUseBlock } from '../../core/messages.ts';
import { contentText, systemText, toolResultHasImages, toolResultText } from '../shared/content-text.ts';
import type { DialectSettings, RewriteNote, UpstreamCall } from '../types.ts';

export interface OllamaToolCall {
  function: { name: string; arguments: Record<string, unknown> };
}

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  thinking?: string;
  tool_calls?: OllamaToolCall[];
  tool_name?: string;
}

export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  tools?: Array<{
    type: 'function';
    function: { name: string; description?: string; parameters: Record<string, unknown> };
  }>;
  stream: true;
  think: boolean;
  /**
   * Always false: by default (since 0.12.5) Ollama drops messages from the front of a prompt longer
   * than num_ctx — the task first — and the model then answers something else (server/prompt.go
   * chatPrompt). With false it answers 400 instead ("the input length exceeds the context length",
   * or the runner's own overflow), which decode-error.ts turns into `prompt_too_long` with the fix.
   */
  truncate: false;
  options: {
    num_ctx: number;
    num_predict: number;
    temperature?: number;
    top_p?: number;
    top_k?: number;
    stop?: string[];
  };
}

/** Builds the `/api/chat` call. */
export function ollamaToUpstream(
  request: MessagesRequest,
  settings: DialectSettings,
): { call: UpstreamCall; rewrites: RewriteNote[] } {
  const rewrites: RewriteNote[] = [];
  const messages: OllamaMessage[] = [];
  const system = systemText(request.system);
  if (system !== '') messages.push({ role: 'system', content: system });

  const toolNames = new Map<string, string>();
  request.messages.forEach((message, index) => {
    messages.push(...convertMessage(message, index, toolNames, rewrites));
  });

  const body: OllamaChatRequest = {
    model: settings.modelOverride ?? request.model,
    messages,
    stream: true,
    think: settings.think,
    truncate: false,
    options: {
      num_ctx: settings.numCtx,
      num_predict:
        settings.maxTokensCap === null ? request.max_tokens : Math.min(request.max_tokens, settings.maxTokensCap),
    },
  };
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.input_schema,
      },
    }));
  }
  if (request.temperature !== undefined) body.options.temperature = request.temperature;
  if (request.top_p !== undefined) body.options.top_p = request.top_p;
  if (request.top_k !== undefined) body.options.top_k = request.top_k;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0)
    body.options.stop = request.stop_sequences;

  return {
    call: { path: '/api/chat', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    rewrites,
  };
}

function convertMessage(
  message: MessageParam,
  index: number,
  toolNames: Map<string, string>,
  rewrites: RewriteNote[],
): OllamaMessage[] {
  if (typeof message.content === 'string') return [{ role: message.role, content: message.content }];
  if (message.role === 'system') return [{ role: 'system', content: contentText(message.content) }];
  if (message.role === 'assistant') return [convertAssistant(message.content, toolNames)];

  // A user turn: tool results become tool messages, text runs become user messages, in order.
  const out: OllamaMessage[] = [];
  let text: string[] = [];
  const flushText = (): void => {
    if (text.length > 0) out.push({ role: 'user', content: text.join('\n\n') });
    text = [];
  };
  message.content.forEach((block, blockIndex) => {
    if (block.type === 'text') text.push(block.text);
    else if (block.type === 'tool_result') {
      flushText();
      if (toolResultHasImages(block)) rewrites.push(imageNote(`messages[${index}].content[${blockIndex}].content`));
      const name = toolNames.get(block.tool_use_id);
      out.push({ role: 'tool', content: toolResultText(block), ...(name === undefined ? {} : { tool_name: name }) });
    } else if (block.type === 'image') rewrites.push(imageNote(`messages[${index}].content[${blockIndex}]`));
  });
  flushText();
  return out;
}

function convertAssistant(blocks: ContentBlock[], toolNames: Map<string, string>): OllamaMessage {
  const text = blocks.filter((block) => block.type === 'text').map((block) => block.text);
  const thinking = blocks.filter((block) => block.type === 'thinking').map((block) => block.thinking);
  const toolUses = blocks.filter((block): block is ToolUseBlock => block.type === 'tool_use');
  const message: OllamaMessage = { role: 'assistant', content: text.join('\n\n') };
  if (thinking.length > 0) message.thinking = thinking.join('\n\n');
  if (toolUses.length > 0) {
    message.tool_calls = toolUses.map((block) => {
      toolNames.set(block.id, block.name);
      return { function: { name: block.name, arguments: block.input } };
    });
  }
  return message;
}

function imageNote(where: string): RewriteNote {
  return {
    kind: 'strip_field',
    before: { where, type: 'image' },
    after: null,
    reason: 'images are not sent to Ollama by the harness (text-only tasks)',
  };
}
