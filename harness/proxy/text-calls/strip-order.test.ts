import { describe, expect, it } from 'vitest';
import { stripTemplateTokens } from '../../core/template-tokens.ts';
import { scanWholeText } from './find-text-tool-calls.ts';
import { loadSamples, sampleContexts } from './test-kit/samples.ts';

const contextFor = await sampleContexts();
const byId = new Map([...loadSamples('catalog'), ...loadSamples('families')].map((s) => [s.id, s]));

// The envelopes whose markers are template tokens: stripping them first loses the call.
describe('scanning for text calls before stripping template tokens', () => {
  it.each(['F38', 'F19', 'deepseek-v31', 'kimi-k2', 'mistral-v11', 'gemma4-two', 'llama3-python-tag-builtin'])(
    'keeps the calls of %s, which stripping first would lose or change',
    (id) => {
      const sample = byId.get(id)!;
      const ctx = contextFor(sample);
      const scanFirst = scanWholeText(sample.text, ctx);
      const stripFirst = scanWholeText(stripTemplateTokens(sample.text), ctx);
      expect(scanFirst.calls.map((call) => call.kind)).toEqual(sample.calls.map((call) => call.kind));
      expect(stripFirst.calls).not.toEqual(scanFirst.calls);
    },
  );

  it('still strips the tokens left in the released text', () => {
    const sample = byId.get('F19')!;
    const scan = scanWholeText(sample.text, contextFor(sample));
    expect(stripTemplateTokens(scan.release)).toBe(
      'analysisWe need to use the get_weather function. Provide city "Berlin".\n',
    );
  });
});
