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
