import { describe, expect, it } from 'vitest';
import { createRepetitionDetector } from './stream-repetition.ts';

// F33 (real-world-failures.md): Qwen3.8-27B FP8 on vLLM, https://github.com/1CatAI/1Cat-vLLM/issues/569
const f33Unit = 'I need to investigate this. Let\n me just paste the message.\n</think>';

/** Feeds `text` in pieces of `size` characters; returns the first repetition found and where. */
function feed(text: string, limit: number, size = 7): { count: number; unit: string; at: number } | null {
  const detector = createRepetitionDetector({ limit });
  for (let at = 0; at < text.length; at += size) {
    const found = detector.push(text.slice(at, at + size));
    if (found !== null) return { ...found, at: at + size };
  }
  return null;
}

const lruCode = [
  'from collections import OrderedDict',
  '',
  'class LRUCache:',
  '    def __init__(self, capacity):',
  '        self.capacity = capacity',
  '        self.items = OrderedDict()',
  '',
  '    def get(self, key):',
  '        if key not in self.items:',
  '            return None',
  '        self.items.move_to_end(key)',
  '        return self.items[key]',
  '',
].join('\n');

describe('createRepetitionDetector', () => {
  it.each([1, 2, 7, 64])(
    'finds the F33 loop (a 3-line unit) in pieces of %i characters, long before 251 repeats',
    (size) => {
      const found = feed(`${f33Unit}\r\n`.repeat(251), 16, size);
      expect(found).toMatchObject({ count: 16 });
      // The unit is found at whatever phase watching began.
      expect(found?.unit.split('\n').sort()).toEqual(
        ['</think>', 'I need to investigate this.', 'Let', 'me just paste the message.'].sort(),
      );
      // 16 repeats after the first 16 × 24 characters, which are not watched.
      expect(found?.at).toBeLessThan(`${f33Unit}\r\n`.length * 17 + 16 * 24);
    },
  );

  it.each([
    ['the same sentence on one line', `${'I will now write the file to disk. '.repeat(40)}`, 16, 16],
    ['the same long line', `${'    cache.put("key", "value")  # again\n'.repeat(40)}`, 16, 16],
    ['a two-line unit', `${'Checking the file again.\nThe file is still there.\n'.repeat(20)}`, 4, 4],
  ])('finds %s', (_label, text, limit, count) => {
    expect(feed(text, limit)).toMatchObject({ count });
  });

  it.each([
    ['closing braces and short lines (units under 24 characters)', `${'}\n'.repeat(40)}${'    pass\n'.repeat(40)}`],
    ['ordinary code', lruCode.repeat(1)],
    ['a long line repeated fewer times than the limit', '    self.assertEqual(cache.get("a"), 1)\n'.repeat(15)],
    ['varied sentences', 'I will read it. I will edit it. I will test it. I will ship it. '.repeat(5)],
  ])('leaves %s alone', (_label, text) => {
    expect(feed(text, 16)).toBeNull();
  });

  it('does not watch the first limit × 24 characters: a short answer costs nothing', () => {
    const detector = createRepetitionDetector({ limit: 4 });
    expect(detector.push('A repeated line, long enough.\n'.repeat(3))).toBeNull();
    expect(detector.push('A repeated line, long enough.\n'.repeat(6))).toMatchObject({ count: 4 });
  });

  it('cuts a line that never ends so the work per chunk stays bounded', () => {
    const detector = createRepetitionDetector({ limit: 3 });
    for (let i = 0; i < 1000; i += 1) expect(detector.push(`${i}`.padStart(50, '-'))).toBeNull();
    expect(detector.push('\nThe same sentence again and again.\n'.repeat(3))).toMatchObject({ count: 3 });
  });
});
