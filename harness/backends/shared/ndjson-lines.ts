/** Splits a streamed body into lines (Ollama's NDJSON), decoding UTF-8 across chunk boundaries. */
import type { FrameSplitter } from './framed-decoder.ts';

/** A push-driven line splitter for one body; blank lines are skipped, a last unterminated line is kept. */
export function createNdjsonSplitter(): FrameSplitter<string> {
  const decoder = new TextDecoder();
  let pending = '';
  const take = (): string[] => {
    const lines: string[] = [];
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      if (line.trim() !== '') lines.push(line);
      newline = pending.indexOf('\n');
    }
    return lines;
  };
  return {
    feed(chunk) {
      pending += decoder.decode(chunk, { stream: true });
      return take();
    },
    end() {
      pending += decoder.decode();
      const lines = take();
      // A last line without a newline is still a line; if it is cut short, JSON.parse says so.
      if (pending.trim() !== '') lines.push(pending);
      pending = '';
      return lines;
    },
  };
}

/** The lines of a whole body, as an async iterable. */
export async function* ndjsonLines(body: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  const splitter = createNdjsonSplitter();
  for await (const chunk of body) yield* splitter.feed(chunk);
  yield* splitter.end();
}
