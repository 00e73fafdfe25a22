/** Reading the proxy's answers in tests: raw text, frames, and requests with a body. */

export interface SseFrame {
  event: string;
  data: unknown;
}

/** Splits an SSE body into `event:`/`data:` frames (every frame must have both). */
export function parseSseFrames(text: string): SseFrame[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
      const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
      if (event === undefined || data === undefined)
        throw new Error(`not an event/data frame: ${JSON.stringify(frame)}`);
      return { event, data: JSON.parse(data) as unknown };
    });
}

/** POSTs JSON and returns status, headers and body text. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A minimal Messages request. */
export function messagesRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 256,
    stream: true,
    messages: [{ role: 'user', content: 'Write hello.py' }],
    ...overrides,
  };
}
