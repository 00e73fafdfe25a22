export { decodeOllamaError } from './decode-error.ts';
export { createOllamaDecoder, decodeOllamaStream } from './decode-stream.ts';
export { installedModels, ollamaFingerprint, sameModelName } from './model-facts.ts';
export { ollamaDialect } from './ollama-dialect.ts';
export { loadedOllamaModel, ollamaModelFacts } from './ollama-facts.ts';
export { ollamaPreflight } from './preflight.ts';
export type { OllamaChatRequest, OllamaMessage, OllamaToolCall } from './to-upstream.ts';
export { ollamaToUpstream } from './to-upstream.ts';
