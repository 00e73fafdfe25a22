/** Streams built and compared frame by frame in rescue tests. */
import type { ResponseBlock, StopReason, StreamEvent } from '../../core/messages.ts';
import { messageStart } from './fake-upstream.ts';

/** A streamed message: blocks of text or thinking split into the given deltas, then the stop. */
export function streamedMessage(
  blocks: ReadonlyArray<{ type: 'text' | 'thinking'; deltas: readonly string[] }>,
  stopReason: StopReason = 'end_turn',
): StreamEvent[] {
  return [
    messageStart('upstream-model'),
    ...blocks.flatMap(({ type, deltas }, index): StreamEvent[] => [
      {
        type: 'content_block_start',
        index,
        content_block: type === 'text' ? { type, text: '' } : { type, thinking: '' },
      },
      ...deltas.map(
        (piece): StreamEvent => ({
          type: 'content_block_delta',
          index,
          delta: type === 'text' ? { type: 'text_delta', text: piece } : { type: 'thinking_delta', thinking: piece },
        }),
      ),
      { type: 'content_block_stop', index },
    ]),
    { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 9 } },
    { type: 'message_stop' },
  ];
}

/** A tool_use block at `index` with its arguments streamed in `json` pieces. */
export function toolUseBlock(index: number, id: string, name: string, json: readonly string[]): StreamEvent[] {
  return [
    { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } },
    ...json.map(
      (partial_json): StreamEvent => ({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json },
      }),
    ),
    { type: 'content_block_stop', index },
  ];
}

/** Ways to cut `text` into deltas: whole, at every single point, and in runs of 1, 3 and 7 characters. */
export function splits(text: string): string[][] {
  const chars = [...text];
  const runs = (size: number): string[] => {
    const out: string[] = [];
    for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
    return out;
  };
  const atPoints = chars.map((_, i) => [chars.slice(0, i).join(''), chars.slice(i).join('')]);
  return [[text], ...atPoints.slice(1), runs(1), runs(3), runs(7)];
}

/** `events` with consecutive text (or thinking) deltas of one block joined into one delta. */
export function joinDeltas(events: readonly StreamEvent[]): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (const event of events) {
    const last = out.at(-1);
    if (
      event.type === 'content_block_delta' &&
      last?.type === 'content_block_delta' &&
      last.index === event.index &&
      last.delta.type === event.delta.type
    ) {
      if (last.delta.type === 'text_delta' && event.delta.type === 'text_delta') {
        out[out.length - 1] = { ...last, delta: { type: 'text_delta', text: last.delta.text + event.delta.text } };
        continue;
      }
      if (last.delta.type === 'thinking_delta' && event.delta.type === 'thinking_delta') {
        const thinking = last.delta.thinking + event.delta.thinking;
        out[out.length - 1] = { ...last, delta: { type: 'thinking_delta', thinking } };
        continue;
      }
    }
    out.push(event);
  }
  return out;
}

/** The content blocks the events describe, in order (tool inputs parsed). */
export function contentOf(events: readonly StreamEvent[]): ResponseBlock[] {
  const blocks = new Map<number, ResponseBlock & { json?: string }>();
  for (const event of events) {
    if (event.type === 'content_block_start') blocks.set(event.index, { ...event.content_block });
    if (event.type !== 'content_block_delta') continue;
    const block = blocks.get(event.index);
    const delta = event.delta;
    if (block?.type === 'text' && delta.type === 'text_delta') block.text += delta.text;
    if (block?.type === 'thinking' && delta.type === 'thinking_delta') block.thinking += delta.thinking;
    if (block?.type === 'tool_use' && delta.type === 'input_json_delta')
      block.json = (block.json ?? '') + delta.partial_json;
  }
  return [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, { json, ...block }]) =>
      block.type === 'tool_use' && json !== undefined ? { ...block, input: JSON.parse(json) } : block,
    );
}

/** The stop reason of the message the events describe. */
export function stopReasonOf(events: readonly StreamEvent[]): StopReason | null {
  for (const event of events) if (event.type === 'message_delta') return event.delta.stop_reason;
  return null;
}
