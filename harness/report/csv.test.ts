import { describe, expect, it } from 'vitest';
import { csvColumns, renderCsv } from './csv.ts';
import { sampleReport, sampleRun } from './test-kit/sample-runs.ts';

/** A small RFC 4180 reader, enough to read back what the writer produced. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('renderCsv', () => {
  const runs = [
    sampleRun({ id: 'raw-1' }),
    sampleRun({
      id: 'agent-1',
      mode: 'agent',
      level: 3,
      claudeCode: '2.1.328',
      fixability: {
        state: 'measured',
        method: 'rescue',
        changes: ['write_file → Write'],
        after: {
          status: 'completed',
          level: 3,
          tests: { model: { passed: 0, total: 0 }, reference: { passed: 1, total: 6 } },
        },
      },
      metrics: { ttftMs: { unavailable: 'not_reported' }, decodeTokensPerSec: 12.5 },
      tests: { model: { passed: 0, total: 0 }, reference: { passed: 1, total: 6 } },
      evidence: [{ kind: 'tool_name_mismatch', quote: 'write_file, "path": x\nsecond line', shows: 'wrong tool' }],
    }),
  ];
  const rows = parseCsv(renderCsv(sampleReport(runs)));
  const header = rows[0] as string[];
  const column = (row: number, name: string): string | undefined => rows[row]?.[header.indexOf(name)];

  it('writes a header and one row per run', () => {
    expect(header).toEqual([...csvColumns]);
    expect(rows).toHaveLength(3);
    for (const name of [
      'model',
      'task',
      'mode',
      'attempt',
      'rescue',
      'status',
      'level',
      'label',
      'fixable',
      'ttft_ms',
      'decode_tps',
      'server_decode_tps',
      'prefill_tps',
      'wall_ms',
      'kind',
      'cause',
      'claude_code',
      'unavailable',
      'input_tokens',
      'output_tokens',
      'model_passed',
      'model_total',
      'ref_passed',
      'ref_total',
    ]) {
      expect(header).toContain(name);
    }
  });

  it.each([
    { row: 1, name: 'id', value: 'raw-1' },
    { row: 1, name: 'level', value: '6' },
    { row: 1, name: 'fixable', value: '' },
    { row: 1, name: 'ttft_ms', value: '270' },
    { row: 2, name: 'mode', value: 'agent' },
    { row: 2, name: 'label', value: 'tool_name_mismatch' },
    { row: 2, name: 'fixable', value: 'false' },
    { row: 2, name: 'rescue', value: 'false' },
    { row: 2, name: 'ttft_ms', value: '' },
    { row: 2, name: 'decode_tps', value: '12.5' },
    { row: 2, name: 'kind', value: 'tool_name' },
    { row: 2, name: 'claude_code', value: '2.1.328' },
    { row: 2, name: 'fixability', value: 'not fixable: still level 3 with rescue (write_file → Write)' },
    { row: 1, name: 'claude_code', value: '' },
    { row: 2, name: 'ref_passed', value: '1' },
    { row: 2, name: 'ref_total', value: '6' },
    { row: 2, name: 'deciding_evidence', value: 'write_file, "path": x\nsecond line' },
    { row: 2, name: 'scripted', value: 'true' },
  ])('row $row has $name = $value', ({ row, name, value }) => {
    expect(column(row, name)).toBe(value);
  });

  it('says why an empty metric is empty', () => {
    expect(column(2, 'unavailable')).toContain('ttftMs: not_reported');
    expect(column(1, 'unavailable')).toContain('ttftToolCallMs: no_tool_call');
  });
});
