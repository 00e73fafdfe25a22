/** Splits a streamed body into lines (Ollama's NDJSON), decoding UTF-8 across chunk boundaries. */
export async function* ndjsonLines(body: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      if (line.trim() !== '') yield line;
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  // A last line without a newline is still a line; if it is cut short, JSON.parse says so.
  if (pending.trim() !== '') yield pending;
}
