import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../core/exchange.ts';
import { modelExchange } from '../test-kit/exchange.ts';
import { parseClaudeStream } from './claude-stream.ts';
import { judgeCliOutcome } from './cli-outcome.ts';

const recorded = async (name: string) =>
  parseClaudeStream(await readFile(new URL(`../../../fixtures/claude-code/${name}`, import.meta.url), 'utf8'));
const ok = { timedOut: false, exitCode: 0, signal: null, spawnError: null };
const resultLine = (fields: Record<string, unknown>) =>
  JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result: '', ...fields });

function failedExchange(message: string): ExchangeRecord {
  return modelExchange({ error: { status: 502, type: 'api_error', message }, stopReason: null });
}

describe('judgeCliOutcome', () => {
  it('treats a completed run full of tool errors as completed (the model is judged later)', async () => {
    const outcome = judgeCliOutcome({
      process: ok,
      stream: await recorded('stream-tool-errors.jsonl'),
      exchanges: [],
      timeoutSec: 60,
      stderr: '',
    });
    expect(outcome).toEqual({ status: 'completed', terminalReason: 'completed' });
  });

  it('treats max turns as the model running out of turns, not an infrastructure error', async () => {
    const outcome = judgeCliOutcome({
      process: { ...ok, exitCode: 1 },
      stream: await recorded('stream-max-turns.jsonl'),
      exchanges: [],
      timeoutSec: 60,
      stderr: '',
    });
    expect(outcome).toEqual({ status: 'completed', terminalReason: 'max_turns' });
  });

  it('labels an api_error ending with subtype "success" an infrastructure error and quotes it', async () => {
    const outcome = judgeCliOutcome({
      process: { ...ok, exitCode: 1 },
      stream: await recorded('stream-api-timeout.jsonl'),
      exchanges: [],
      timeoutSec: 60,
      stderr: '',
    });
    expect(outcome).toMatchObject({
      status: 'infra_error',
      cause: 'backend_error',
      message: expect.stringContaining('Request timed out'),
    });
  });

  it('treats a run whose loop the proxy stopped as completed, though the CLI then ended on the 400', async () => {
    const loop = { what: 'call' as const, count: 4, signature: 'Bash {"command":"ls"}', stopped: true };
    const stopped: ExchangeRecord = { ...failedExchange('unused'), error: null, loop };
    const outcome = judgeCliOutcome({
      process: { ...ok, exitCode: 1 },
      stream: await recorded('stream-api-timeout.jsonl'),
      exchanges: [stopped, failedExchange('The harness stopped this conversation')],
      timeoutSec: 60,
      stderr: '',
    });
    expect(outcome).toEqual({ status: 'completed', terminalReason: 'loop_stopped' });
  });

  it('prefers the proxy record of the failing exchange as the quote', async () => {
    const outcome = judgeCliOutcome({
      process: { ...ok, exitCode: 1 },
      stream: await recorded('stream-api-timeout.jsonl'),
      exchanges: [failedExchange('upstream connection reset')],
      timeoutSec: 60,
      stderr: '',
    });
    expect(outcome).toMatchObject({
      status: 'infra_error',
      message: expect.stringContaining('502 api_error: upstream connection reset'),
    });
  });

  it.each([
    [
      'timed out',
      { ...ok, timedOut: true, exitCode: null, signal: 'SIGTERM' },
      '',
      { status: 'timeout', cause: 'time_limit' },
    ],
    [
      'never started',
      { ...ok, exitCode: null, spawnError: 'spawn claude ENOENT' },
      '',
      { status: 'infra_error', cause: 'cli_error' },
    ],
    [
      'crashed without a result',
      { ...ok, exitCode: null, signal: 'SIGSEGV' },
      '{"type":"system","subtype":"init"}',
      { status: 'infra_error', cause: 'cli_error', message: expect.stringContaining('SIGSEGV') },
    ],
    [
      'prompt too long',
      { ...ok, exitCode: 1 },
      resultLine({ is_error: true, terminal_reason: 'prompt_too_long', result: 'Prompt is too long' }),
      { status: 'infra_error', cause: 'context_too_small' },
    ],
    [
      'an unknown error ending',
      { ...ok, exitCode: 1 },
      resultLine({ is_error: true, terminal_reason: 'something_new' }),
      { status: 'infra_error', cause: 'cli_error' },
    ],
    [
      'malformed tool use exhausted',
      { ...ok, exitCode: 1 },
      resultLine({ is_error: true, terminal_reason: 'malformed_tool_use_exhausted' }),
      { status: 'completed' },
    ],
    ['an empty final answer', ok, resultLine({ terminal_reason: 'completed', result: '' }), { status: 'completed' }],
  ])('judges a run that %s', (_name, proc, streamText, expected) => {
    const outcome = judgeCliOutcome({
      process: proc,
      stream: parseClaudeStream(streamText),
      exchanges: [],
      timeoutSec: 5,
      stderr: 'boom',
    });
    expect(outcome).toMatchObject(expected);
  });

  it('leaves a run whose output kept exceeding the output limit to the taxonomy, when the backend answered every turn', () => {
    const outcome = judgeCliOutcome({
      process: { ...ok, exitCode: 1 },
      stream: parseClaudeStream(
        resultLine({
          is_error: true,
          terminal_reason: 'api_error',
          result:
            "API Error: Claude's response exceeded the 8192 output token maximum. To configure this behavior, set the CLAUDE_CODE_MAX_OUTPUT_TOKENS environment variable.",
        }),
      ),
      exchanges: [],
      timeoutSec: 60,
      stderr: '',
    });
    expect(outcome).toEqual({ status: 'completed', terminalReason: 'max_output_tokens' });
  });
});
