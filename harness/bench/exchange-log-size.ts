/**
 * `pnpm exec tsx harness/bench/exchange-log-size.ts [FILE]`: bytes per turn of an exchange log
 * written one full record per line (before) and with large values stored once (now), for a real
 * recorded run (default: the 4-turn fixture fixtures/claude-code/sim-correct-lru.full.exchanges.jsonl).
 */
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { createExchangeLogEncoder, readExchanges } from '../core/exchange-log.ts';

const file =
  process.argv[2] ??
  fileURLToPath(new URL('../../fixtures/claude-code/sim-correct-lru.full.exchanges.jsonl', import.meta.url));
const records = await readExchanges(file);
const encoder = createExchangeLogEncoder();
const table = new Table({ head: ['exchange', 'kind', 'before (bytes)', 'now (bytes)'] });
let before = 0;
let after = 0;
for (const record of records) {
  const full = Buffer.byteLength(`${JSON.stringify(record)}\n`);
  const stored = Buffer.byteLength(encoder.encode(record));
  before += full;
  after += stored;
  table.push([record.id, record.kind, full.toLocaleString('en'), stored.toLocaleString('en')]);
}
table.push(['total', '', before.toLocaleString('en'), after.toLocaleString('en')]);
process.stdout.write(`${file}\n${table.toString()}\n${(before / after).toFixed(2)}× smaller\n`);
