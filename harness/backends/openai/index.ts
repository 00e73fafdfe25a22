export { decodeOpenAiError } from './decode-error.ts';
export { createOpenAiDecoder, decodeOpenAiStream } from './decode-stream.ts';
export { openAiDialect } from './openai-dialect.ts';
export { openAiPreflight } from './preflight.ts';
export type { OpenAiChatRequest, OpenAiMessage, OpenAiToolCall, OpenAiToolChoice } from './to-upstream.ts';
export { openAiToUpstream, toolChoice } from './to-upstream.ts';
export { ToolCallAssembler } from './tool-call-assembler.ts';
