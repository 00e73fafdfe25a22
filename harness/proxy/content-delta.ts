/** What a stream event carries for timing and relaying purposes. */
import type { StreamEvent } from '../core/messages.ts';
import type { DeltaKind } from './turn-timer.ts';

/**
 * `text` for a non-empty text or thinking delta, `tool_args` for a non-empty tool-argument delta,
 * null for anything else (empty deltas, signatures, block and message events).
 */
export function contentDeltaKind(event: StreamEvent): DeltaKind | null {
  if (event.type !== 'content_block_delta') return null;
  const delta = event.delta;
  switch (delta.type) {
    case 'text_delta':
      return delta.text === '' ? null : 'text';
    case 'thinking_delta':
      return delta.thinking === '' ? null : 'text';
    case 'input_json_delta':
      return delta.partial_json === '' ? null : 'tool_args';
    default:
      return null;
  }
}
