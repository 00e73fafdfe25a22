import { describe, expect, it } from 'vitest';
import { scriptSafeJson } from './render-index.ts';

describe('JSON inside a script element', () => {
  it.each([['</script><script>alert(1)</script>'], ['<!-- a comment opener'], ['line\u2028separator\u2029']])(
    'cannot end or confuse the element: %j',
    (text) => {
      const json = scriptSafeJson({ quote: text });
      expect(json).not.toMatch(/[<\u2028\u2029]/);
      expect(JSON.parse(json)).toEqual({ quote: text });
    },
  );
});
