export { anthropicDialect, billingBlockField, defaultStripFields } from './anthropic/index.ts';
export { defaultBaseUrl, dialectFor } from './dialect-for.ts';
export { ollamaDialect } from './ollama/index.ts';
export { openAiDialect } from './openai/index.ts';
export type { DecodeOptions, IdSource } from './shared/index.ts';
export {
  AnthropicStreamBuilder,
  decodeUpstreamError,
  isContextOverflow,
  joinUpstreamUrl,
  randomIds,
} from './shared/index.ts';
export { streamsToolCalls } from './tool-call-streaming.ts';
export type * from './types.ts';
