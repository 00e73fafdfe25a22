import { describe, expect, it } from 'vitest';
import { expectEvent as e } from '../test-kit/event-factories.ts';
import { sequentialIds } from '../test-kit/sequential-ids.ts';
import { AnthropicStreamBuilder } from './anthropic-stream-builder.ts';

function builder(): AnthropicStreamBuilder {
  return new AnthropicStreamBuilder({ model: 'm', ids: sequentialIds() });
}

describe('AnthropicStreamBuilder', () => {
  it('opens and closes blocks as the content type changes, numbering them from 0', () => {
    const b = builder();
    const events = [
      ...b.thinking('hmm'),
      ...b.thinking(' ok'),
      ...b.text('Hi'),
      ...b.toolStart('toolu_a', 'Read'),
      ...b.toolArgs('{"file_path":'),
      ...b.toolArgs('"/a"}'),
      ...b.toolStart('toolu_b', 'Bash'),
      ...b.toolArgs('{}'),
      ...b.finish('tool_use', { inputTokens: 10, outputTokens: 7 }),
    ];
    expect(events).toEqual([
      e.messageStart('msg_1', 'm'),
      e.thinkingStart(0),
      e.thinking(0, 'hmm'),
      e.thinking(0, ' ok'),
      e.stop(0),
      e.textStart(1),
      e.text(1, 'Hi'),
      e.stop(1),
      e.toolStart(2, 'toolu_a', 'Read'),
      e.args(2, '{"file_path":'),
      e.args(2, '"/a"}'),
      e.stop(2),
      e.toolStart(3, 'toolu_b', 'Bash'),
      e.args(3, '{}'),
      e.stop(3),
      e.messageDelta('tool_use', { output_tokens: 7, input_tokens: 10 }),
      e.messageStop(),
    ]);
  });

  it('emits message_start once even when asked again', () => {
    const b = builder();
    expect([...b.start(5), ...b.start(6), ...b.text('x')]).toEqual([
      e.messageStart('msg_1', 'm', 5),
      e.textStart(0),
      e.text(0, 'x'),
    ]);
  });

  it('skips empty pieces instead of opening empty blocks', () => {
    const b = builder();
    expect([...b.text(''), ...b.thinking(''), ...b.finish('end_turn')]).toEqual([
      e.messageStart('msg_1', 'm'),
      e.messageDelta('end_turn', { output_tokens: 0 }),
      e.messageStop(),
    ]);
  });

  it('emits nothing after an error ended the stream', () => {
    const b = builder();
    const events = [
      ...b.text('a'),
      ...b.fail({ type: 'api_error', message: 'boom', category: 'server' }),
      ...b.text('b'),
      ...b.finish('end_turn'),
    ];
    expect(events).toEqual([
      e.messageStart('msg_1', 'm'),
      e.textStart(0),
      e.text(0, 'a'),
      e.error('api_error', 'boom', 'server'),
    ]);
    expect(b.ended).toBe(true);
  });

  it('ignores tool arguments when no tool block is open', () => {
    const b = builder();
    expect([...b.text('a'), ...b.toolArgs('{}')]).toEqual([
      e.messageStart('msg_1', 'm'),
      e.textStart(0),
      e.text(0, 'a'),
    ]);
  });
});
