export { ollamaDialect } from './ollama-dialect.ts';
export { ollamaToUpstream } from './to-upstream.ts';
export type { OllamaChatRequest, OllamaMessage, OllamaToolCall } from './to-upstream.ts';
export { decodeOllamaStream } from './decode-stream.ts';
export { decodeOllamaError } from './decode-error.ts';
export { ollamaPreflight } from './preflight.ts';
export { ollamaModelFacts, installedModels, sameModelName } from './model-facts.ts';
