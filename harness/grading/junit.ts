import type { TestCase, TestOutcome } from './types.ts';

/** A JUnit testcase plus whether pytest used it to report a module that failed to collect. */
export interface JUnitCase extends TestCase {
  collectionFailure: boolean;
  /** The error text of a failed case (the traceback pytest wrote), for quoting. */
  detail: string | null;
}

const TESTCASE = /<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*"([^"]*)"/g;
const OUTCOME_ELEMENT = /<(failure|error|skipped)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/;

/**
 * The test cases of a pytest JUnit XML report (xunit1 or xunit2), in document order. Small on
 * purpose: pytest's output is regular (attributes in double quotes, the five XML entities and
 * numeric character references), so no XML library is needed.
 */
export function parseJUnitXml(xml: string): JUnitCase[] {
  const cases: JUnitCase[] = [];
  for (const m of xml.matchAll(TESTCASE)) {
    const attributes = parseAttributes(m[1] ?? '');
    const body = m[2] ?? '';
    const element = OUTCOME_ELEMENT.exec(body);
    let outcome: TestOutcome = 'passed';
    let message: string | null = null;
    let detail: string | null = null;
    if (element) {
      outcome = element[1] === 'failure' ? 'failed' : element[1] === 'error' ? 'error' : 'skipped';
      message = parseAttributes(element[2] ?? '').message ?? null;
      detail = element[3] === undefined ? null : decodeEntities(element[3]);
    }
    const time = Number.parseFloat(attributes.time ?? '');
    cases.push({
      classname: attributes.classname ?? '',
      name: attributes.name ?? '',
      outcome,
      message,
      timeSec: Number.isFinite(time) ? time : null,
      collectionFailure: outcome === 'error' && message === 'collection failure',
      detail,
    });
  }
  return cases;
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of text.matchAll(ATTRIBUTE)) attributes[m[1]!] = decodeEntities(m[2]!);
  return attributes;
}

/** Decode the XML entities pytest writes: &lt; &gt; &amp; &quot; &apos; and &#N; / &#xN;. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g,
    (whole, dec?: string, hex?: string, named?: string) => {
      if (dec !== undefined) return String.fromCodePoint(Number(dec));
      if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
      const table: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
      return named !== undefined ? (table[named] ?? whole) : whole;
    },
  );
}
