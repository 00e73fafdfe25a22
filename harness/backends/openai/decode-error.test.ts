import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeOpenAiError } from './decode-error.ts';

describe('decodeOpenAiError', () => {
  it('tells the user to restart llama-server with --jinja when tools need it', () => {
    const body = JSON.stringify({
      error: { code: 500, message: 'tools param requires --jinja flag', type: 'server_error' },
    });
    expect(decodeOpenAiError(500, body)).toEqual({
      status: 500,
      type: 'api_error',
      message: 'tools param requires --jinja flag (restart llama-server with --jinja to enable tool calls)',
      category: 'capability',
    });
  });

  it('passes other OpenAI-shaped errors through by status', () => {
    const body = JSON.stringify({
      error: { code: 404, message: 'The model `x` does not exist.', type: 'NotFoundError' },
    });
    expect(decodeOpenAiError(404, body)).toEqual({
      status: 404,
      type: 'not_found_error',
      message: 'The model `x` does not exist.',
      category: 'not_found',
    });
  });

  it('turns llama-server\'s recorded context overflow into Claude Code\'s "prompt is too long" with its numbers', async () => {
    const body = await readFile(
      new URL('../../../fixtures/backends/openai/llama-server-context-overflow.json', import.meta.url),
      'utf8',
    );
    expect(decodeOpenAiError(400, body)).toEqual({
      status: 400,
      type: 'invalid_request_error',
      message:
        "prompt is too long: 628 tokens > 256 maximum (upstream: request (628 tokens) exceeds the available context size (256 tokens), try increasing it) (the server's context window is smaller than the prompt: raise it (llama-server -c, vLLM --max-model-len, LM Studio's context length, Ollama's OLLAMA_CONTEXT_LENGTH).)",
      category: 'prompt_too_long',
    });
  });
});
