import { describe, expect, it } from 'vitest';
import { findTextToolCalls, scanWholeText } from './find-text-tool-calls.ts';
import { findReasoningSpans } from './reasoning-spans.ts';
import { allSamples, type ExpectedCall, sampleContexts } from './test-kit/samples.ts';
import type { TextToolCall } from './types.ts';

const samples = allSamples().map((sample) => [`${sample.file} ${sample.id}`, sample] as const);
const contextFor = await sampleContexts();

// What a fixture states about a call: spans and error texts are checked apart; repairs are
// compared for every read call (none stated means none made).
function stated(call: ExpectedCall): Record<string, unknown> {
  const { kind, format, envelope, name, offeredName } = call;
  const shape: Record<string, unknown> = { kind, format, envelope, name, offeredName };
  if (call.rawName !== undefined) shape.rawName = call.rawName;
  if (kind === 'call') Object.assign(shape, { input: call.input, repairs: call.repairs ?? [] });
  else shape.rawArguments = call.rawArguments;
  return shape;
}

function found(call: TextToolCall, expected: ExpectedCall | undefined): Record<string, unknown> {
  const { kind, format, envelope, name, offeredName } = call;
  const shape: Record<string, unknown> = { kind, format, envelope, name, offeredName };
  if (expected?.rawName !== undefined) shape.rawName = call.rawName;
  if (call.kind === 'call') Object.assign(shape, { input: call.input, repairs: call.repairs });
  else shape.rawArguments = call.rawArguments;
  return shape;
}

describe('findTextToolCalls on the fixtures', () => {
  it.each(samples)('reads %s into the expected calls and released text', (_, sample) => {
    const ctx = contextFor(sample);
    const scan = scanWholeText(sample.text, ctx);
    expect(scan.calls.map((call, i) => found(call, sample.calls[i]))).toEqual(sample.calls.map(stated));
    expect(scan.release).toBe(sample.release);
    expect(findTextToolCalls(sample.text, ctx)).toEqual(scan.calls);
  });

  it.each(samples)('splits %s into released text and verbatim calls that rebuild it', (_, sample) => {
    const scan = scanWholeText(sample.text, contextFor(sample));
    let rebuilt = '';
    for (const piece of scan.pieces) {
      if (piece.type === 'call') {
        expect(piece.call.start).toBe(rebuilt.length);
        expect(piece.call.verbatim).toBe(sample.text.slice(piece.call.start, piece.call.end));
      }
      rebuilt += piece.type === 'text' ? piece.text : piece.call.verbatim;
    }
    expect(rebuilt).toBe(sample.text);
  });

  it.each(samples)('finds the reasoning spans of %s', (_, sample) => {
    const spans = findReasoningSpans(sample.text).map((span) => ({ kind: span.kind, shape: span.shape }));
    expect(spans).toEqual(sample.reasoning ?? []);
  });
});
