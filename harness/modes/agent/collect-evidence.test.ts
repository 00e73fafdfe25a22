import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readExchanges } from '../../core/exchange-log.ts';
import { loadAliasTables } from '../../proxy/alias-tables.ts';
import { loadTask } from '../../tasks/load-task.ts';
import type { TaskDefinition } from '../../tasks/types.ts';
import { agentProtocolErrors, classifyAgent } from '../../taxonomy/classify-agent.ts';
import { parseClaudeStream } from './claude-stream.ts';
import type { EvidenceInput } from './collect-evidence.ts';
import { artifactRole, collectAgentEvidence, targetsArtifact, writeTargetOf } from './collect-evidence.ts';
import { toolNameMapper } from './tool-name-mapper.ts';

let lru: TaskDefinition;
let mapToolName: EvidenceInput['mapToolName'];
beforeAll(async () => {
  lru = await loadTask('lru-cache');
  mapToolName = toolNameMapper(await loadAliasTables());
});

/** A recorded run: the proxy's records (trimmed) and Claude Code's stream. */
async function recordedInput(name: string, tests: EvidenceInput['tests']): Promise<EvidenceInput> {
  const dir = new URL('../../../fixtures/claude-code/', import.meta.url);
  const exchanges = await readExchanges(fileURLToPath(new URL(`${name}.exchanges.jsonl`, dir)));
  const stream = parseClaudeStream(await readFile(new URL(`${name}.stream.jsonl`, dir), 'utf8'));
  return {
    task: lru,
    rescue: false,
    exchanges,
    stream,
    workspace: stream.init?.cwd ?? '/nowhere',
    files: [],
    tests,
    testOutput: { model: '', reference: '' },
    corruption: [],
    hookRefusals: [],
    ending: {
      terminalReason: stream.result?.terminalReason ?? null,
      isError: false,
      exitCode: 0,
      result: stream.result?.result ?? '',
    },
    wallMs: 1000,
    timeLimitMs: 600_000,
    mapToolName,
  };
}

const none = { model: { passed: 0, total: 0 }, reference: { passed: 0, total: 14 } };
const all = { model: { passed: 5, total: 5 }, reference: { passed: 14, total: 14 } };

describe('collectAgentEvidence from a recorded sim-write-file run', () => {
  it('keeps each raw call with its mapping and Claude Code’s verbatim refusal', async () => {
    const evidence = collectAgentEvidence(await recordedInput('sim-write-file-lru', none));
    expect(evidence.offeredTools).toEqual(expect.arrayContaining(['Write', 'Bash', 'Edit', 'Read']));
    expect(evidence.offeredTools).not.toContain('write_file');
    const writes = evidence.toolCalls.filter((c) => c.name === 'write_file');
    expect(writes.length).toBeGreaterThanOrEqual(3);
    for (const call of writes) {
      expect(call).toMatchObject({
        offered: false,
        mapsTo: 'Write',
        targetsArtifact: true,
        writeTarget: null,
        rescued: null,
      });
      expect(call.result).toEqual({
        isError: true,
        text: '<tool_use_error>Error: No such tool available: write_file</tool_use_error>',
      });
      expect(call.input).toHaveProperty('path');
    }
    expect(evidence.pytestRuns).toEqual([]);
    expect(evidence.texts.at(-1)?.text).toContain('write_file tool is not available');
    expect(evidence.turns).toHaveLength(evidence.texts.length);
    expect(classifyAgent(evidence).level).toBe(3);
  });
});

describe('collectAgentEvidence from a recorded sim-path run', () => {
  it('sees the CLI-repaired `path`, the files written and the pytest run', async () => {
    const evidence = collectAgentEvidence(await recordedInput('sim-path-lru', all));
    const writes = evidence.toolCalls.filter((c) => c.name === 'Write');
    expect(writes.map((c) => c.writeTarget)).toEqual([
      { path: 'lru_cache.py', insideWorkspace: true },
      { path: 'test_lru_cache.py', insideWorkspace: true },
    ]);
    for (const call of writes) {
      expect(call.validation).toMatchObject({ kind: 'schema_violation', unexpected: ['path'] });
      expect(call.result?.isError).toBe(false);
      expect(call.result?.text).toContain('`path` was read as `file_path`');
    }
    expect(evidence.pytestRuns).toEqual([
      expect.objectContaining({
        command: 'python3 -m pytest -q',
        isError: false,
        output: expect.stringMatching(/5 passed/),
      }),
    ]);
    expect(evidence.securityEvents).toEqual([]);
    expect(classifyAgent(evidence).level).toBe(6);
    expect(agentProtocolErrors(evidence).map((e) => e.repairedBy)).toEqual(['claude_code', 'claude_code']);
  });
});

describe('evidence helpers', () => {
  it.each([
    ['Write', { file_path: 'app.py' }, { path: 'app.py', insideWorkspace: true }],
    ['Write', { file_path: '/w/pkg/app.py' }, { path: 'pkg/app.py', insideWorkspace: true }],
    ['Edit', { file_path: '/tmp/x.py' }, { path: '/tmp/x.py', insideWorkspace: false }],
    ['Write', { filename: '../x.py' }, { path: '../x.py', insideWorkspace: false }],
    ['Write', { content: 'no target' }, null],
    ['Bash', { command: 'echo > a.py' }, null],
  ])('writeTargetOf(%s, %j) in /w → %j', (name, input, expected) => {
    expect(writeTargetOf(name, input, '/w')).toEqual(expected);
  });

  it.each([
    ['Write', { file_path: 'lru_cache.py', content: '' }, true],
    ['Write', { file_path: 'cache.py', content: 'from collections import OrderedDict\nclass Cache: pass' }, true],
    ['Bash', { command: 'cat > test_lru_cache.py <<EOF' }, true],
    ['Read', { file_path: 'lru_cache.py' }, false],
    ['Write', { file_path: 'memory/user_profile.md', content: 'preferences' }, false],
  ])('targetsArtifact(%s, %j) → %s', (name, input, expected) => {
    expect(targetsArtifact(name, input, lru.artifacts)).toBe(expected);
  });

  it.each([
    ['lru_cache.py', 'x = 1', 'implementation'],
    ['cache_impl.py', 'from collections import OrderedDict\nclass RecentCache:\n    pass', 'implementation'],
    ['test_recent.py', 'import pytest\n\ndef test_a():\n    pass', 'test'],
    ['notes.md', 'def test_a(): pass', null],
    ['helpers.py', 'VALUE = 1', null],
  ])('artifactRole(%s) → %s', (file, content, role) => {
    expect(artifactRole({ path: file, content }, lru.artifacts)).toBe(role);
  });
});

describe('collectAgentEvidence with a call written as text', () => {
  const textWrite = (rescued: boolean) => ({
    id: 'text_ex-1_0',
    name: 'Write',
    input: { file_path: '/ws/lru_cache.py', content: 'class LRUCache:\n    pass\n' },
    offered: true,
    validation: { kind: 'valid' as const },
    text: { format: 'hermes', verbatim: '<tool_call>{"name": "Write", …}</tool_call>', in: 'text' as const },
    ...(rescued ? { rescued: { name: 'Write', input: { file_path: '/ws/lru_cache.py', content: 'x' } } } : {}),
  });

  it.each([
    [false, null],
    [true, { path: 'lru_cache.py', insideWorkspace: true }],
  ])(
    'keeps its origin, aims at the task, and writes only when the rescue lifted it (rescued %s)',
    async (rescued, target) => {
      const input = await recordedInput('sim-write-file-lru', none);
      const exchanges = input.exchanges.map((e, i) => (i === 0 ? { ...e, toolCalls: [textWrite(rescued)] } : e));
      const evidence = collectAgentEvidence({ ...input, exchanges, workspace: '/ws' });
      const call = evidence.toolCalls.find((c) => c.id === 'text_ex-1_0');
      expect(call).toMatchObject({
        text: { format: 'hermes', in: 'text' },
        targetsArtifact: true,
        writeTarget: target,
      });
    },
  );
});
