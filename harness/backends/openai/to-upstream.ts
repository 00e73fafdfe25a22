/**
 * Anthropic Messages request → OpenAI `POST /v1/chat/completions` (SSE), as llama-server, vLLM,
 * LM Studio and Ollama's compatibility layer accept it. System messages inside `messages` are
 * folded first (strict Jinja templates reject a system message that is not first).
 */

import { isRecord } from '../../core/json.ts';
import type { ContentBlock, MessageParam, MessagesRequest, ToolUseBlock } from '../../core/messages.ts';
import { contentText, systemText, toolResultHasImages, toolResultText } from '../shared/content-text.ts';
import { foldSystemMessages } from '../shared/fold-system-messages.ts';
import { openAiThinkingFields } from '../shared/thinking-switch.ts';
import type { DialectSettings, RewriteNote, ServerKind, UpstreamCall } from '../types.ts';

export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAiMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      /** Null only beside tool calls: Ollama rejects a null content without them ("invalid message content type: <nil>"). */
      content: string | null;
      tool_calls?: OpenAiToolCall[];
      /** Earlier thinking, where llama-server and vLLM templates read it. */
      reasoning_content?: string;
      /** Earlier thinking, where Ollama's OpenAI layer reads it (openai/openai.go Message.Reasoning). */
      reasoning?: string;
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export type OpenAiToolChoice = 'auto' | 'required' | 'none' | { type: 'function'; function: { name: string } };

export interface OpenAiChatRequest {
  model: string;
  messages: OpenAiMessage[];
  tools?: Array<{
    type: 'function';
    function: { name: string; description?: string; parameters: Record<string, unknown> };
  }>;
  tool_choice?: OpenAiToolChoice;
  parallel_tool_calls?: boolean;
  max_tokens: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop?: string[];
  stream: true;
  stream_options: { include_usage: true };
  chat_template_kwargs?: { enable_thinking: boolean };
  /** Ollama's and LM Studio's switch ("none" = off), Ollama openai/openai.go thinkFromReasoningEffort. */
  reasoning_effort?: 'none' | 'medium';
}

/** Builds the `/v1/chat/completions` call. */
export function openAiToUpstream(
  request: MessagesRequest,
  settings: DialectSettings,
): { call: UpstreamCall; rewrites: RewriteNote[] } {
  const folded = foldSystemMessages(request.system, request.messages);
  const rewrites: RewriteNote[] = [...folded.rewrites];
  const messages: OpenAiMessage[] = [];
  const system = systemText(folded.system);
  if (system !== '') messages.push({ role: 'system', content: system });
  const server = settings.server ?? 'other';
  for (const [index, message] of folded.messages.entries())
    messages.push(...convertMessage(message, index, rewrites, server));

  const body: OpenAiChatRequest = {
    model: settings.modelOverride ?? request.model,
    messages,
    max_tokens:
      settings.maxTokensCap === null ? request.max_tokens : Math.min(request.max_tokens, settings.maxTokensCap),
    stream: true,
    stream_options: { include_usage: true },
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
  const choice = toolChoice(request.tool_choice);
  if (choice !== null) body.tool_choice = choice;
  if (isRecord(request.tool_choice) && request.tool_choice.disable_parallel_tool_use === true)
    body.parallel_tool_calls = false;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.top_p !== undefined) body.top_p = request.top_p;
  if (request.top_k !== undefined) body.top_k = request.top_k;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) body.stop = request.stop_sequences;
  // The server's own thinking switch, on and off (shared/thinking-switch.ts).
  Object.assign(body, openAiThinkingFields(server, settings.think));

  return {
    call: {
      path: '/v1/chat/completions',
      // Never the client's credentials: local servers need none, and a dummy keeps clients that insist happy.
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: 'Bearer local-harness',
      },
      body: JSON.stringify(body),
    },
    rewrites,
  };
}

/** Anthropic `tool_choice` → OpenAI: auto→auto, any→required, tool→named function, none→none. */
export function toolChoice(choice: unknown): OpenAiToolChoice | null {
  if (!isRecord(choice)) return null;
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return typeof choice.name === 'string' ? { type: 'function', function: { name: choice.name } } : null;
    default:
      return null;
  }
}

function convertMessage(
  message: MessageParam,
  index: number,
  rewrites: RewriteNote[],
  server: ServerKind,
): OpenAiMessage[] {
  if (message.role === 'system') return [{ role: 'system', content: contentText(message.content) }];
  if (typeof message.content === 'string') {
    return message.role === 'assistant'
      ? [{ role: 'assistant', content: message.content }]
      : [{ role: 'user', content: message.content }];
  }
  if (message.role === 'assistant') return [convertAssistant(message.content, server)];

  // A user turn: tool results become tool messages (which must follow the assistant's calls), text runs user messages.
  const out: OpenAiMessage[] = [];
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
      out.push({ role: 'tool', tool_call_id: block.tool_use_id, content: toolResultText(block) });
    } else if (block.type === 'image') rewrites.push(imageNote(`messages[${index}].content[${blockIndex}]`));
  });
  flushText();
  return out;
}

function convertAssistant(blocks: ContentBlock[], server: ServerKind): OpenAiMessage {
  const text = blocks.filter((block) => block.type === 'text').map((block) => block.text);
  const thinking = blocks.filter((block) => block.type === 'thinking').map((block) => block.thinking);
  const toolUses = blocks.filter((block): block is ToolUseBlock => block.type === 'tool_use');
  const content = text.length > 0 ? text.join('\n\n') : toolUses.length > 0 ? null : '';
  const message: OpenAiMessage = { role: 'assistant', content };
  if (thinking.length > 0) Object.assign(message, reasoningFields(server, thinking.join('\n\n')));
  if (toolUses.length > 0) {
    message.tool_calls = toolUses.map((block) => ({
      id: block.id,
      type: 'function',
      function: { name: block.name, arguments: JSON.stringify(block.input) },
    }));
  }
  return message;
}

// Where each server reads earlier thinking back; an unknown server gets both names (each ignores the other).
function reasoningFields(server: ServerKind, thinking: string): { reasoning_content?: string; reasoning?: string } {
  if (server === 'ollama') return { reasoning: thinking };
  if (server === 'llama-server' || server === 'vllm') return { reasoning_content: thinking };
  return { reasoning_content: thinking, reasoning: thinking };
}

function imageNote(where: string): RewriteNote {
  return {
    kind: 'strip_field',
    before: { where, type: 'image' },
    after: null,
    reason: 'images are not sent over the OpenAI dialect by the harness (text-only tasks)',
  };
}
