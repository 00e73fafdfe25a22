import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AgentEvidence, AgentToolCall } from './agent-evidence.ts';
import { agentProtocolErrors, classifyAgent } from './classify-agent.ts';

/** Evidence recorded from real Claude Code runs against the sim personas (record-fixtures.ts). */
function fixture(name: string): AgentEvidence {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/agent/${name}.json`, import.meta.url), 'utf8'),
  ) as AgentEvidence;
}

const failing = { model: { passed: 3, total: 5 }, reference: { passed: 10, total: 14 } };

function call(overrides: Partial<AgentToolCall>): AgentToolCall {
  return {
    turn: 0,
    exchangeId: 'injected',
    id: `toolu_injected_${Math.random()}`,
    name: 'Write',
    input: {},
    offered: true,
    mapsTo: null,
    validation: { kind: 'valid' },
    text: null,
    rescued: null,
    result: null,
    targetsArtifact: false,
    writeTarget: null,
    ...overrides,
  };
}

describe('classifyAgent on recorded runs', () => {
  it.each([
    ['sim-correct-lru', 6, 'success', 'tests'],
    ['sim-correct-fastapi', 6, 'success', 'tests'],
    ['sim-patch-fastapi', 6, 'success', 'tests'],
    ['sim-typo-lru', 5, 'identifier_typo', 'identifier_typo'],
    ['sim-typo-fastapi', 5, 'tests_fail', 'tests'],
    ['sim-leak-lru', 5, 'leaked_tokens', 'leaked_tokens'],
    ['sim-memory-lru', 1, 'off_task', 'no_attempt'],
    ['sim-prose-lru', 1, 'prose_only', 'no_attempt'],
    ['sim-websearch-lru', 2, 'unknown_tool', 'tool_hallucination'],
    ['sim-write-file-lru', 3, 'tool_name', 'tool_name_mismatch'],
    ['sim-filename-lru', 4, 'param_name', 'param_name_mismatch'],
    ['sim-write-file-lru-rescued', 6, 'success', 'tests'],
    ['sim-filename-lru-rescued', 6, 'success', 'tests'],
    ['sim-path-lru', 6, 'success', 'tests'],
    ['sim-escape-lru', 6, 'success', 'tests'],
  ])('labels %s level %i (%s), decided first by %s', (name, level, kind, firstKind) => {
    const result = classifyAgent(fixture(name));
    expect(result.level).toBe(level);
    expect(result.kind).toBe(kind);
    expect(result.deciding[0]?.kind).toBe(firstKind);
  });

  it('quotes the web search claim and Claude Code’s answer for a hallucinated tool', () => {
    const quotes = classifyAgent(fixture('sim-websearch-lru')).deciding.map((e) => e.quote);
    expect(quotes).toEqual(
      expect.arrayContaining([
        expect.stringContaining('web_search'),
        expect.stringContaining('No such tool available: web_search'),
      ]),
    );
  });

  it('names the missing and unexpected keys of a schema violation', () => {
    const deciding = classifyAgent(fixture('sim-filename-lru')).deciding;
    expect(deciding[0]?.shows).toContain('missing file_path; unexpected filename');
    expect(deciding.some((e) => e.kind === 'tool_error' && e.quote.includes('InputValidationError'))).toBe(true);
  });

  it('decides a typo run by the stuttered class name, then the test counts', () => {
    const deciding = classifyAgent(fixture('sim-typo-lru')).deciding;
    expect(deciding[0]).toMatchObject({ kind: 'identifier_typo' });
    expect(deciding[0]?.quote).toContain('LRUCCache');
    expect(deciding.some((e) => e.kind === 'tests')).toBe(true);
  });

  it('shows the leaked template token of a run whose tests pass', () => {
    const deciding = classifyAgent(fixture('sim-leak-lru')).deciding;
    expect(deciding.find((e) => e.kind === 'leaked_tokens')?.quote).toContain('<unused24>');
  });
});

describe('agentProtocolErrors', () => {
  it.each([
    ['sim-path-lru', 'param_name_mismatch', 'claude_code'],
    ['sim-write-file-lru-rescued', 'tool_name_mismatch', 'proxy_rescue'],
    ['sim-filename-lru-rescued', 'param_name_mismatch', 'proxy_rescue'],
    ['sim-write-file-lru', 'tool_name_mismatch', null],
    ['sim-filename-lru', 'param_name_mismatch', null],
    ['sim-websearch-lru', 'tool_hallucination', null],
  ])('records %s as %s repaired by %s', (name, kind, repairedBy) => {
    const errors = agentProtocolErrors(fixture(name));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ kind, repairedBy });
  });

  it('keeps the raw call the model sent, before any repair', () => {
    const [error] = agentProtocolErrors(fixture('sim-path-lru'));
    expect(error?.call.name).toBe('Write');
    expect(Object.keys(error?.call.input as object)).toContain('path');
  });

  it('finds none in a clean run', () => {
    expect(agentProtocolErrors(fixture('sim-correct-lru'))).toEqual([]);
  });
});

describe('classifyAgent on edited recordings', () => {
  it('credits the model when it fixed its own call on a later turn', () => {
    const evidence = fixture('sim-correct-lru');
    const bad = call({
      turn: 0,
      input: { filename: 'lru_cache.py', content: 'x' },
      validation: { kind: 'schema_violation', missing: ['file_path'], unexpected: ['filename'], errors: [] },
      result: { isError: true, text: 'InputValidationError' },
      targetsArtifact: true,
    });
    const edited = { ...evidence, toolCalls: [bad, ...evidence.toolCalls] };
    expect(agentProtocolErrors(edited)[0]?.repairedBy).toBe('model_retry');
    expect(classifyAgent(edited).level).toBe(6);
    // A recovered mistake does not decide a failing run either: the tests do.
    expect(classifyAgent({ ...edited, tests: failing }).level).toBe(5);
  });

  it('lets a stray hallucinated call pass when the task was done with the real tools', () => {
    const evidence = fixture('sim-correct-lru');
    const stray = call({
      turn: 3,
      name: 'web_search',
      offered: false,
      validation: { kind: 'unknown_tool', offeredTools: [] },
      result: { isError: true, text: 'No such tool available: web_search' },
    });
    const edited = { ...evidence, toolCalls: [...evidence.toolCalls, stray] };
    expect(classifyAgent(edited).level).toBe(6);
    expect(classifyAgent({ ...edited, tests: failing }).level).toBe(5);
  });

  it('takes a declared missing capability as hallucination only when nothing was attempted', () => {
    const claim = { turn: 1, exchangeId: 'x', text: 'Sorry, I cannot perform web searches in this environment.' };
    const memory = fixture('sim-memory-lru');
    expect(classifyAgent({ ...memory, texts: [...memory.texts, claim] }).level).toBe(2);
    const typo = fixture('sim-typo-lru');
    expect(classifyAgent({ ...typo, texts: [...typo.texts, claim] }).level).toBe(5);
  });

  it('ranks an unrecovered name mismatch above a parameter mismatch', () => {
    const evidence = fixture('sim-filename-lru');
    const named = call({
      turn: 5,
      name: 'create_file',
      offered: false,
      mapsTo: 'Write',
      validation: { kind: 'unknown_tool', offeredTools: [] },
      result: { isError: true, text: 'No such tool available: create_file' },
      targetsArtifact: true,
    });
    expect(classifyAgent({ ...evidence, toolCalls: [...evidence.toolCalls, named] }).level).toBe(3);
  });

  it('needs both the model tests and the reference tests, and at least one of each', () => {
    const evidence = fixture('sim-correct-lru');
    expect(
      classifyAgent({ ...evidence, tests: { model: { passed: 0, total: 0 }, reference: { passed: 14, total: 14 } } })
        .level,
    ).toBe(5);
    expect(
      classifyAgent({ ...evidence, tests: { model: { passed: 5, total: 5 }, reference: { passed: 13, total: 14 } } })
        .level,
    ).toBe(5);
  });

  it('lists a truncated turn and an unparseable call among level-5 evidence', () => {
    const evidence = fixture('sim-typo-lru');
    const turns = evidence.turns.map((t, i) => (i === 1 ? { ...t, stopReason: 'max_tokens' as const } : t));
    const broken = call({
      turn: 1,
      validation: {
        kind: 'unparseable',
        error: 'Unexpected end of JSON input',
        rawJson: '{"file_path": "a.py", "content": "de',
      },
    });
    const kinds = classifyAgent({ ...evidence, turns, toolCalls: [...evidence.toolCalls, broken] }).deciding.map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['truncation', 'unparseable_tool_input']));
  });
});

describe('classifyAgent on the real failures a scripted model does not show', () => {
  // A run that did nothing else: no files, no tests (what a text-only reply leaves).
  const nothing = (): AgentEvidence => ({
    ...fixture('sim-prose-lru'),
    toolCalls: [],
    texts: [],
    artifactsFound: [],
    workspaceFiles: [],
    tests: { model: { passed: 0, total: 0 }, reference: { passed: 0, total: 0 } },
    testOutput: { model: '', reference: '' },
  });
  const lruWrite = {
    file_path: '/ws/lru_cache.py',
    content: 'from collections import OrderedDict\nclass LRUCache: ...',
  };
  // F07 (verbatim shape, /work/shared/real-world-failures.md): Qwen3-Coder XML without its opener.
  const qwenXml = `<function=Write>\n<parameter=file_path>\n/ws/lru_cache.py\n</parameter>\n<parameter=content>\n${lruWrite.content}\n</parameter>\n</function>\n</tool_call>`;
  const textCall = (overrides: Partial<AgentToolCall>) =>
    call({
      name: 'Write',
      input: lruWrite,
      targetsArtifact: true,
      text: { format: 'qwen3-coder-xml', verbatim: qwenXml, in: 'text' },
      ...overrides,
    });

  it.each([
    {
      name: 'a valid call written as text (Qwen XML, F07)',
      calls: [textCall({})],
      level: 5,
      kind: 'text_tool_call',
    },
    {
      name: 'a valid Hermes call written inside reasoning (F11)',
      calls: [
        textCall({
          text: { format: 'hermes', verbatim: '<tool_call>{"name": "Write", …}</tool_call>', in: 'reasoning' },
        }),
      ],
      level: 5,
      kind: 'text_tool_call',
    },
    {
      name: 'a text call to an unoffered name that maps (write_file)',
      calls: [
        textCall({
          name: 'write_file',
          offered: false,
          mapsTo: 'Write',
          validation: { kind: 'unknown_tool', offeredTools: ['Write'] },
        }),
      ],
      level: 3,
      kind: 'tool_name',
    },
    {
      name: 'a text call to an invented tool (F28 repository_structure)',
      calls: [
        textCall({
          name: 'repository_structure',
          offered: false,
          mapsTo: null,
          targetsArtifact: false,
          validation: { kind: 'unknown_tool', offeredTools: ['Write'] },
        }),
      ],
      level: 2,
      kind: 'unknown_tool',
    },
    {
      name: 'a text call with a wrong parameter name (F02 filename)',
      calls: [
        textCall({
          input: { filename: 'lru_cache.py', content: 'x' },
          validation: { kind: 'schema_violation', missing: ['file_path'], unexpected: ['filename'], errors: [] },
        }),
      ],
      level: 4,
      kind: 'param_name',
    },
    {
      name: 'numbers sent as strings (F13 "limit": "50")',
      calls: [
        call({
          name: 'Edit',
          input: { file_path: '/ws/lru_cache.py', old_string: 'a', new_string: 'b', replace_all: 'False' },
          targetsArtifact: true,
          validation: { kind: 'argument_type', fields: [{ name: 'replace_all', expected: 'boolean', got: 'string' }] },
          result: { isError: true, text: 'InputValidationError: Edit failed due to the following issue:' },
        }),
      ],
      level: 4,
      kind: 'argument_type',
    },
    {
      name: 'a call cut by the output limit (F14)',
      calls: [
        call({
          input: {},
          targetsArtifact: true,
          validation: { kind: 'truncated', rawJson: '{"file_path": "/ws/lru_cache.py", "content": "from coll' },
        }),
      ],
      level: 5,
      kind: 'truncated_tool_call',
    },
  ])('labels $name level $level ($kind), never task comprehension', ({ calls, level, kind }) => {
    const result = classifyAgent({ ...nothing(), toolCalls: calls });
    expect(result).toMatchObject({ level, kind });
  });

  it('quotes the verbatim text of a call written as text, and names its format', () => {
    const result = classifyAgent({ ...nothing(), toolCalls: [textCall({})] });
    expect(result.deciding[0]).toMatchObject({
      kind: 'text_tool_call',
      quote: expect.stringContaining('<function=Write>'),
    });
    expect(result.deciding[0]?.shows).toMatch(/^tool call written as text \(qwen3-coder-xml\)/);
  });

  it('records a text call as a text_tool_call protocol error holding the parsed call', () => {
    const [error] = agentProtocolErrors({ ...nothing(), toolCalls: [textCall({})] });
    expect(error).toMatchObject({ kind: 'text_tool_call', call: { name: 'Write', input: lruWrite }, repairedBy: null });
    expect(error?.text?.verbatim).toBe(qwenXml);
  });

  it('credits the rescue when it turned the text call into a call Claude Code ran', () => {
    const rescued = textCall({
      rescued: { name: 'Write', input: lruWrite },
      result: { isError: false, text: 'File created' },
    });
    expect(agentProtocolErrors({ ...nothing(), toolCalls: [rescued] })[0]?.repairedBy).toBe('proxy_rescue');
  });

  it.each([
    {
      name: 'an empty reply (F18)',
      evidence: {
        emptyTurns: [0],
        turns: [
          {
            turn: 0,
            exchangeId: 'e0',
            stopReason: 'end_turn' as const,
            ttftMs: null,
            decodeTokensPerSec: null,
            outputTokens: 0,
            error: null,
          },
        ],
      },
      kind: 'empty_reply',
      first: 'empty_reply',
    },
    {
      name: 'reasoning that never closes (F11 without a call)',
      evidence: {
        unclosedReasoning: [{ turn: 0, exchangeId: 'e0', text: 'Okay, I need to write an LRU cache. Let me' }],
      },
      kind: 'thinking_only',
      first: 'unclosed_reasoning',
    },
  ])('names $name as its own kind', ({ evidence, kind, first }) => {
    const result = classifyAgent({ ...nothing(), ...evidence });
    expect(result).toMatchObject({ level: 1, kind });
    expect(result.deciding[0]?.kind).toBe(first);
  });

  it('puts a stopped loop first, with the count and the time it saved, keeping the level of what it looped on', () => {
    const looped = {
      ...fixture('sim-typo-lru'),
      loop: {
        what: 'call' as const,
        signature: 'Read {"file_path":"/ws/lru_cache.py"}',
        count: 4,
        stopped: true,
        stoppedAtMs: 38_000,
      },
      timeLimitMs: 600_000,
    };
    const result = classifyAgent(looped);
    expect(result.level).toBe(classifyAgent(fixture('sim-typo-lru')).level);
    expect(result.deciding[0]).toMatchObject({ kind: 'loop', quote: 'Read {"file_path":"/ws/lru_cache.py"}' });
    expect(result.deciding[0]?.shows).toBe(
      'the same tool call 4 times in a row; stopped at 38 s, up to 562 s of the time limit saved',
    );
  });

  it('puts a loop that was only recorded after the evidence of the kind', () => {
    const loop = { what: 'call' as const, signature: 'Write {}', count: 3, stopped: false, stoppedAtMs: null };
    const plain = classifyAgent(fixture('sim-typo-lru'));
    const result = classifyAgent({ ...fixture('sim-typo-lru'), loop });
    expect(result.deciding.slice(0, plain.deciding.length)).toEqual(plain.deciding);
    expect(result.deciding.at(-1)).toMatchObject({ kind: 'loop', shows: 'the same tool call 3 times in a row' });
  });
});
