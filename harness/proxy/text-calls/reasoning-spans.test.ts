import { describe, expect, it } from 'vitest';
import { findReasoningSpans, stripReasoningSpans } from './reasoning-spans.ts';

describe('findReasoningSpans', () => {
  it.each([
    ['<think>plan</think>answer', [['think', 'closed', '<think>plan</think>']]],
    ['answer<think>still thinking', [['think', 'unclosed', '<think>still thinking']]],
    ['plan</think>answer', [['think', 'orphan_close', 'plan</think>']]],
    // F33: the same reasoning line closed over and over, never opened.
    [
      'I need to investigate this. Let\n me just paste the message.\n</think>'.repeat(2),
      [
        ['think', 'orphan_close', 'I need to investigate this. Let\n me just paste the message.\n</think>'],
        ['think', 'orphan_close', 'I need to investigate this. Let\n me just paste the message.\n</think>'],
      ],
    ],
    ['<thinking>a</thinking>b', [['think', 'closed', '<thinking>a</thinking>']]],
    // Ollama model/parsers/gemma4_test.go
    [
      '<|channel>thought\nI need to check the weather<channel|><|tool_call>call:get_weather{location:<|"|>Paris<|"|>}<tool_call|>',
      [['gemma4-thought', 'closed', '<|channel>thought\nI need to check the weather<channel|>']],
    ],
    ['[THINK]hmm[/THINK]Réponse', [['mistral-think', 'closed', '[THINK]hmm[/THINK]']]],
    [
      '<|START_THINKING|>plan<|END_THINKING|>x',
      [['cohere-thinking', 'closed', '<|START_THINKING|>plan<|END_THINKING|>']],
    ],
    [
      '<|channel|>analysis<|message|>We need X.<|end|><|start|>assistant<|channel|>final<|message|>Four.',
      [
        ['harmony-analysis', 'closed', '<|channel|>analysis<|message|>We need X.<|end|>'],
        ['harmony-header', 'closed', '<|start|>assistant<|channel|>final<|message|>'],
      ],
    ],
    [
      '<|channel|>analysis<|message|>cut off',
      [['harmony-analysis', 'unclosed', '<|channel|>analysis<|message|>cut off']],
    ],
    // A call's header: only `<|start|>assistant` is a marker; the rest is the call's.
    [
      '<|start|>assistant<|channel|>commentary to=functions.x <|constrain|>json<|message|>{}',
      [['harmony-header', 'closed', '<|start|>assistant']],
    ],
    ['if a < b: think()', []],
  ])('finds the spans of %j', (text, spans) => {
    expect(findReasoningSpans(text).map((s) => [s.kind, s.shape, s.verbatim])).toEqual(spans);
  });
});

describe('stripReasoningSpans', () => {
  it('leaves the answer, for code extraction in raw mode', () => {
    const text = '<think>Maybe ```python\nwrong()\n```</think>\n```python\nright()\n```';
    expect(stripReasoningSpans(text).text).toBe('\n```python\nright()\n```');
  });

  it('keeps the text after a harmony header marker', () => {
    expect(stripReasoningSpans('<|start|>assistant<|channel|>final<|message|>Four.').text).toBe('Four.');
  });
});
