/** Things passed in rather than imported, so timing code can be tested with a fake clock. */

/** Monotonic milliseconds (performance.now in production). */
export interface Clock {
  now(): number;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export const systemClock: Clock = { now: () => performance.now() };

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };

/** A logger writing to stderr; debug lines only when asked. */
export function stderrLogger(debug: boolean): Logger {
  return {
    info: (m) => process.stderr.write(`${m}\n`),
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
    debug: (m) => {
      if (debug) process.stderr.write(`debug: ${m}\n`);
    },
  };
}
