/**
 * llama-server's own per-request timing lines from its log: the one place it states its counts and
 * decode rate for /v1/messages (that stream carries no `timings`). Format: llama.cpp
 * tools/server/server-context.cpp `print_timings` (node-llama-cpp 3.22.1), one pair per request:
 *   "slot print_timing: id  3 | task 0 | prompt eval time =      69.11 ms /   313 tokens (    0.22 ms per token,  4529.14 tokens per second)"
 *   "slot print_timing: id  3 | task 0 |        eval time =    2501.48 ms /  2000 tokens (    1.25 ms per token,   799.13 tokens per second)"
 * The prompt count is the tokens processed, not those taken from the prompt cache.
 */

export interface LoggedRequest {
  task: number;
  promptTokensProcessed: number;
  decodeTokens: number;
  decodeMs: number;
  /** The server's own rate: (decodeTokens − 1) / decodeMs in this llama.cpp (the first token is free). */
  decodeTokensPerSecond: number;
}

const timingLine =
  /\| task (\d+) \| +(prompt eval|eval) time = +([\d.]+) ms \/ +(\d+) tokens \( *[\d.]+ ms per token, +([\d.]+) tokens per second\)/;

/** Every request's timing lines in the log, in order. */
export function loggedRequests(log: string): LoggedRequest[] {
  const byTask = new Map<number, Partial<LoggedRequest>>();
  for (const line of log.split('\n')) {
    const match = timingLine.exec(line);
    if (match === null) continue;
    const task = Number(match[1]);
    const entry = byTask.get(task) ?? { task };
    if (match[2] === 'prompt eval') entry.promptTokensProcessed = Number(match[4]);
    else
      Object.assign(entry, {
        decodeMs: Number(match[3]),
        decodeTokens: Number(match[4]),
        decodeTokensPerSecond: Number(match[5]),
      });
    byTask.set(task, entry);
  }
  return [...byTask.values()].filter((e): e is LoggedRequest => e.decodeTokens !== undefined);
}
