import { describe, expect, it } from 'vitest';
import { scanWholeText } from './find-text-tool-calls.ts';
import { createTextCallScanner } from './scanner.ts';
import { allSamples, sampleContexts } from './test-kit/samples.ts';
import type { TextCallContext, TextCallScan, TextToolCall } from './types.ts';

const samples = allSamples().map((sample) => [`${sample.file} ${sample.id}`, sample] as const);
const contextFor = await sampleContexts();

/** Feeds `deltas` to a fresh scanner; returns everything it released and every call, joined. */
function stream(deltas: readonly string[], ctx: TextCallContext): { release: string; calls: TextToolCall[] } {
  const scanner = createTextCallScanner(ctx);
  const steps: TextCallScan[] = [...deltas.map((delta) => scanner.push(delta)), scanner.end()];
  return { release: steps.map((s) => s.release).join(''), calls: steps.flatMap((s) => s.calls) };
}

/** Cuts at the given code-unit indexes (sorted, inside the text). */
function cutAt(text: string, cuts: readonly number[]): string[] {
  const bounds = [0, ...cuts, text.length];
  return bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
}

// A small seeded generator, so a failing split can be replayed.
function randomCuts(length: number, seed: number): number[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const count = 1 + Math.floor(next() * Math.min(12, length));
  return [...new Set(Array.from({ length: count }, () => 1 + Math.floor(next() * (length - 1))))].sort((a, b) => a - b);
}

describe('createTextCallScanner', () => {
  it.each(samples)('gives the one-shot result for %s split at every boundary', (_, sample) => {
    const ctx = contextFor(sample);
    const whole = scanWholeText(sample.text, ctx);
    const expected = { release: whole.release, calls: whole.calls };
    for (let cut = 0; cut <= sample.text.length; cut++) {
      expect(stream(cutAt(sample.text, [cut]), ctx), `cut at ${cut}`).toEqual(expected);
    }
  });

  it.each(samples)('gives the one-shot result for %s fed one character at a time', (_, sample) => {
    const ctx = contextFor(sample);
    const whole = scanWholeText(sample.text, ctx);
    expect(stream([...sample.text], ctx)).toEqual({ release: whole.release, calls: whole.calls });
  });

  it.each(samples)('gives the one-shot result for %s under 40 random splits', (_, sample) => {
    const ctx = contextFor(sample);
    const whole = scanWholeText(sample.text, ctx);
    for (let seed = 1; seed <= 40; seed++) {
      const cuts = randomCuts(sample.text.length, seed);
      expect(stream(cutAt(sample.text, cuts), ctx), `cuts ${cuts.join(',')}`).toEqual({
        release: whole.release,
        calls: whole.calls,
      });
    }
  });
});

describe('what the scanner holds back', () => {
  const ctx = contextFor({ id: 'cc', source: '', provenance: '', text: '', calls: [], release: '' });
  const pushAll = (deltas: readonly string[]): string[] => {
    const scanner = createTextCallScanner(ctx);
    return deltas.map((delta) => scanner.push(delta).release);
  };

  it.each([
    // A lone "{" in prose is released as soon as the next characters show it is not JSON.
    [
      ['Use {', 'braces} here'],
      ['Use ', '{braces} here'],
    ],
    // Text before an envelope goes out at once; the envelope waits for its end.
    [
      ['Let me check.<tool_', 'call>{"name": "Read", ', '"arguments": {}}</tool_call>'],
      ['Let me check.', '', ''],
    ],
    // JSON whose first key no call has is released once that key is complete.
    [
      ['{"status', '": "ok", "count": 3}'],
      ['', '{"status": "ok", "count": 3}'],
    ],
    // A bare object naming a tool that is not offered is released once the name is complete
    // (the inner "{" just written may still open something, so it waits).
    [
      ['{"name": "repository_', 'structure", "arguments": {'],
      ['', '{"name": "repository_structure", "arguments": '],
    ],
    // An offered name keeps it held until the object closes.
    [
      ['{"name": "Bash", "arguments": {"command": "ls"', '}}'],
      ['', ''],
    ],
    // A possible opener at the end of a delta is held, then released when it is not one.
    [
      ['see <tool', 'kit> docs'],
      ['see ', '<toolkit> docs'],
    ],
  ])('releases %j as %j', (deltas, releases) => {
    expect(pushAll(deltas)).toEqual(releases);
  });

  it('bounds what it holds: an envelope longer than maxCallChars is passed on as text', () => {
    const scanner = createTextCallScanner({ ...ctx, maxCallChars: 64 });
    const opened = scanner.push('<tool_call>{"name": "Write", "arguments": {"content": "');
    const flooded = scanner.push('x'.repeat(80));
    expect([opened.release, flooded.release.length, flooded.calls]).toEqual(['', 135, []]);
  });

  it('reports a call cut off at the end of the block as incomplete, at end()', () => {
    const scanner = createTextCallScanner(ctx);
    expect(scanner.push('<tool_call>\n{"name": "Bash", "arguments": {"command": "py').calls).toEqual([]);
    expect(scanner.end().calls.map((call) => [call.kind, call.name])).toEqual([['incomplete', 'Bash']]);
  });
});
