import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderReportSchema, reportSchemaFile } from './write-schema.ts';

describe('report.v2.json', () => {
  it('is exactly what the TypeBox definitions generate (run pnpm schema after changing them)', async () => {
    expect(await readFile(reportSchemaFile, 'utf8')).toBe(renderReportSchema());
  });
});
