import { describe, expect, it } from 'vitest';
import { compatOllamaContext, nativeOllamaContext } from './ollama-context.ts';

describe('nativeOllamaContext', () => {
  it.each([
    { numCtx: 32768, trained: 262144, tokens: 32768, fix: 'Pass --num-ctx 32768.' },
    { numCtx: 8192, trained: null, tokens: 8192, fix: 'Pass --num-ctx 32768.' },
    // server/sched.go effectiveContext: num_ctx above the trained length is capped to it.
    { numCtx: 32768, trained: 8192, tokens: 8192, fix: 'Pick a model trained for a longer context.' },
  ])('num_ctx $numCtx on a model trained for $trained gives $tokens', ({ numCtx, trained, tokens, fix }) => {
    expect(nativeOllamaContext(numCtx, trained)).toMatchObject({ kind: 'known', tokens, fix });
  });
});

describe('compatOllamaContext', () => {
  it.each([
    {
      name: "the Modelfile's num_ctx, capped at the trained length",
      args: [2048, 131072, null] as const,
      expected: { kind: 'known', tokens: 2048 },
    },
    {
      name: 'a Modelfile num_ctx above the trained length',
      args: [65536, 8192, null] as const,
      expected: { kind: 'known', tokens: 8192 },
    },
    {
      name: "the server's own setting as /api/ps shows it",
      args: [null, 262144, { sizeBytes: 1, vramBytes: 1, contextLength: 4096 }] as const,
      expected: {
        kind: 'known',
        tokens: 4096,
        fix: 'Restart Ollama with OLLAMA_CONTEXT_LENGTH=32768 ollama serve, or use --backend ollama, which sends num_ctx.',
      },
    },
    { name: 'nothing read yet', args: [null, 262144, null] as const, expected: { kind: 'unknown' } },
  ])('takes $name', ({ args, expected }) => {
    const [modelfile, trained, loaded] = args;
    expect(compatOllamaContext('anthropic', modelfile, trained, loaded)).toMatchObject(expected);
  });
});
