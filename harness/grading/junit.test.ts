import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeEntities, parseJUnitXml } from './junit.ts';

const fixture = (name: string) => readFile(new URL(`../../fixtures/grading/junit/${name}`, import.meta.url), 'utf8');

describe('parseJUnitXml on real pytest 7.2 output', () => {
  it('reads every outcome of mixed.xml, collection failures included', async () => {
    const cases = parseJUnitXml(await fixture('mixed.xml'));
    expect(cases.map((c) => [c.classname, c.name, c.outcome, c.collectionFailure])).toEqual([
      ['', 'test_broken_import', 'error', true],
      ['', 'test_truncated', 'error', true],
      ['test_mixed', 'test_passes', 'passed', false],
      ['test_mixed', 'test_fails', 'failed', false],
      ['test_mixed', 'test_errors', 'error', false],
      ['test_mixed', 'test_skipped', 'skipped', false],
      ['test_mixed', 'test_param[1]', 'passed', false],
      ['test_mixed', 'test_param[2]', 'failed', false],
    ]);
  });

  it.each([
    ['test_fails', "AssertionError: values differ\nassert 'a & b' == '<c>'\n  - <c>\n  + a & b"],
    ['test_errors', 'failed on setup with "RuntimeError: fixture exploded"'],
    ['test_skipped', 'not today'],
    ['test_param[2]', 'assert 2 == 1'],
    ['test_passes', null],
  ])('decodes the message of %s', async (name, message) => {
    const found = parseJUnitXml(await fixture('mixed.xml')).find((c) => c.name === name);
    expect(found?.message).toBe(message);
  });

  it('keeps the traceback of a collection failure with its error line', async () => {
    const broken = parseJUnitXml(await fixture('mixed.xml')).find((c) => c.name === 'test_broken_import');
    expect(broken?.detail).toContain("E   ModuleNotFoundError: No module named 'lru_cache'");
    expect(broken?.detail).toContain('in <module>');
  });

  it('reads five self-closing passing cases with their times', async () => {
    const cases = parseJUnitXml(await fixture('lru-correct.xml'));
    expect(cases).toHaveLength(5);
    expect(cases.every((c) => c.outcome === 'passed' && c.message === null && c.classname === 'test_lru_cache')).toBe(
      true,
    );
    expect(cases.every((c) => typeof c.timeSec === 'number' && c.timeSec >= 0)).toBe(true);
  });
});

describe('parseJUnitXml edge cases', () => {
  it.each([
    ['an empty document', '', 0],
    ['a suite with no cases', '<testsuites><testsuite tests="0"></testsuite></testsuites>', 0],
    ['a case with captured output only', '<testcase classname="m" name="t"><system-out>hi</system-out></testcase>', 1],
  ])('handles %s', (_what, xml, count) => {
    const cases = parseJUnitXml(xml);
    expect(cases).toHaveLength(count);
    expect(cases.every((c) => c.outcome === 'passed')).toBe(true);
  });

  it.each([
    ['&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;', `<a> & "b" 'c'`],
    ['line&#10;break', 'line\nbreak'],
    ['&#x3C;hex&#x3e;', '<hex>'],
    ['&unknown; stays', '&unknown; stays'],
  ])('decodes %s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});
