/** The output corruptions the personas reproduce: a stuttered identifier, a leaked template token. */

/** The token sim-leak leaks (seen from Gemma-family models). */
export const leakedToken = '<unused24>';

/**
 * MoE-style stutter: the identifier with the first letter of its last word doubled
 * (`LRUCache` → `LRUCCache`, `TestClient` → `TestCClient`).
 */
export function stutter(identifier: string): string {
  const lastWord = identifier.search(/[A-Z][a-z]+$/);
  const at = lastWord > 0 ? lastWord : Math.max(0, identifier.length - 1);
  return identifier.slice(0, at + 1) + identifier.slice(at);
}

/**
 * Replaces the first use of `identifier(` inside the test function after the second one, so
 * exactly one test fails with a NameError and the import line stays correct.
 * Returns the code unchanged when there is no such use.
 */
export function withStutterTypo(testCode: string, identifier: string): string {
  const tests = [...testCode.matchAll(/^def test_/gm)].map((m) => m.index);
  const from = tests[Math.min(2, tests.length - 1)] ?? 0;
  const at = testCode.indexOf(`${identifier}(`, from);
  if (at < 0) return testCode;
  return testCode.slice(0, at) + stutter(identifier) + testCode.slice(at + identifier.length);
}
