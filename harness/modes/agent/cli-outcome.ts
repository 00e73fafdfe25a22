/**
 * How a Claude Code run ended, judged from the final `result` event (`is_error`,
 * `terminal_reason`), the exit code and the proxy's records. Its `subtype` says "success" even
 * for failed runs, so it is not used. Pure.
 */
import type { ExchangeRecord } from '../../core/exchange.ts';
import type { InfraCause } from '../../core/run.ts';
import { causeOfApiError } from '../infra-cause.ts';
import type { ClaudeStream } from './claude-stream.ts';
import { modelExchanges } from './collect-evidence.ts';

export type CliOutcome =
  | { status: 'completed'; terminalReason: string | null }
  | { status: 'timeout'; cause: 'time_limit'; message: string }
  | { status: 'infra_error'; cause: InfraCause; message: string };

/** Endings that are the model's doing: the run is classified. */
export const modelEndings: readonly string[] = ['completed', 'max_turns', 'malformed_tool_use_exhausted'];

export interface CliOutcomeInput {
  process: { timedOut: boolean; exitCode: number | null; signal: string | null; spawnError: string | null };
  stream: ClaudeStream;
  exchanges: readonly ExchangeRecord[];
  timeoutSec: number;
  /** The tail of the CLI's stderr, for quoting. */
  stderr: string;
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ').slice(0, 400);
}

/** Decide completed / timeout / infra_error, quoting the error. */
export function judgeCliOutcome(input: CliOutcomeInput): CliOutcome {
  const { process: proc, stream } = input;
  if (proc.spawnError !== null) {
    return { status: 'infra_error', cause: 'cli_error', message: `Claude Code did not start: ${proc.spawnError}` };
  }
  if (proc.timedOut) {
    return {
      status: 'timeout',
      cause: 'time_limit',
      message: `no result within ${input.timeoutSec} s (--timeout); the Claude Code process tree was killed`,
    };
  }
  const lastModel = modelExchanges(input.exchanges).at(-1);
  // The harness stopped a loop: how the CLI took that is not the model's failure to judge.
  if (lastModel?.loop?.stopped === true || input.exchanges.some((e) => e.loop?.stopped === true)) {
    return { status: 'completed', terminalReason: 'loop_stopped' };
  }
  const backendCause: InfraCause = lastModel?.error ? causeOfApiError(lastModel.error) : 'backend_error';
  const exchangeError = lastModel?.error
    ? `${lastModel.error.status} ${lastModel.error.type}: ${lastModel.error.message}`
    : null;
  const result = stream.result;
  if (result === null) {
    const detail = lastLines([...stream.unparsedLines, input.stderr].join('\n'), 3) || 'no output';
    const how = proc.signal !== null ? `killed by ${proc.signal}` : `exit code ${proc.exitCode ?? 'unknown'}`;
    return {
      status: 'infra_error',
      cause: lastModel?.error ? backendCause : 'cli_error',
      message: `Claude Code ended without a result (${how}): ${exchangeError ?? detail}`,
    };
  }
  const reason = result.terminalReason;
  // Claude Code's own error after the model's output ran past the output limit again and again (it
  // raises the limit and asks the model to resume): the backend answered every turn; the model's
  // output did not fit. Judged by the taxonomy (a call cut by the limit is level 5), not infra.
  if (lastModel?.error == null && /exceeded the \d+ output token maximum/.test(result.result)) {
    return { status: 'completed', terminalReason: 'max_output_tokens' };
  }
  if (reason === 'api_error' || (reason === null && result.isError && stream.apiErrors.length > 0)) {
    const status = result.apiErrorStatus === null ? '' : ` (HTTP ${result.apiErrorStatus})`;
    return {
      status: 'infra_error',
      cause: backendCause,
      message: `the backend failed${status}: ${exchangeError ?? (result.result || stream.apiErrors.at(-1) || 'no detail')}`,
    };
  }
  if (reason === 'prompt_too_long') {
    return {
      status: 'infra_error',
      cause: backendCause === 'output_budget' ? 'output_budget' : 'context_too_small',
      message: `the prompt exceeded the backend's context window: ${exchangeError ?? result.result}. Raise the server's context size (--num-ctx on Ollama's native dialect).`,
    };
  }
  if (result.isError && !modelEndings.includes(reason ?? '')) {
    return {
      status: 'infra_error',
      cause: 'cli_error',
      message: `Claude Code ended with an error (${reason ?? 'no terminal_reason'}, exit code ${proc.exitCode ?? 'unknown'}): ${result.result || result.errors.join('; ')}`,
    };
  }
  return { status: 'completed', terminalReason: reason };
}
