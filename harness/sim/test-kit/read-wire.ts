/** Test support: read the sim's wire formats back into frames, with arrival times. */

export interface SseFrame {
  event: string | null;
  data: string;
}

/** Splits an SSE body into frames (`event:` and `data:` lines, blank-line separated). */
export function parseSse(text: string): SseFrame[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event: string | null = null;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice('event: '.length);
        if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
      }
      return { event, data: data.join('\n') };
    });
}

/** The JSON of every SSE frame's data, `[DONE]` kept as the string. */
export function sseData(text: string): unknown[] {
  return parseSse(text).map((f) => (f.data === '[DONE]' ? '[DONE]' : (JSON.parse(f.data) as unknown)));
}

/** One JSON value per NDJSON line. */
export function parseNdjson(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface TimedChunk {
  at: number;
  text: string;
}

/** Reads a streamed body, noting when each network read arrived (performance.now). */
export async function readTimed(response: Response): Promise<TimedChunk[]> {
  const chunks: TimedChunk[] = [];
  const decoder = new TextDecoder();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push({ at: performance.now(), text: decoder.decode(value, { stream: true }) });
  }
  return chunks;
}

/** POSTs JSON to the sim. */
export function postJson(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
}
