import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../answers.ts';
import { loadAnswers } from '../answers.ts';
import type { PastCall } from '../test-kit/conversations.ts';
import { conversation, fastapiPrompt, lruPrompt } from '../test-kit/conversations.ts';
import { tokenize } from '../tokens.ts';
import type { Reply, ReplyBlock, SimConversation } from '../types.ts';
import { findPersona, listPersonas, personaContext, personaTiming } from './registry.ts';

let answers: Answers;
beforeAll(async () => {
  answers = await loadAnswers();
});

function reply(persona: string, c: SimConversation): Reply {
  const found = findPersona(persona);
  if (found === null) throw new Error(`no persona ${persona}`);
  return found.reply(personaContext(c, answers));
}

function blocks(r: Reply): ReplyBlock[] {
  if (r.kind !== 'answer') throw new Error('silent reply');
  return r.blocks;
}

function text(r: Reply): string {
  return blocks(r)
    .filter((b): b is Extract<ReplyBlock, { type: 'text' }> => b.type === 'text')
    .map((b) => b.text)
    .join('');
}

function toolCall(r: Reply): Extract<ReplyBlock, { type: 'tool_call' }> | null {
  return blocks(r).find((b): b is Extract<ReplyBlock, { type: 'tool_call' }> => b.type === 'tool_call') ?? null;
}

const raw = (prompt: string, extra: { thinking?: boolean } = {}): SimConversation =>
  conversation(prompt, { cwd: null, tools: [], ...extra });

describe('raw personas', () => {
  it('sim-correct answers with prose, an implementation block and a test block', () => {
    const answer = text(reply('sim-correct', raw(lruPrompt)));
    const fences = [...answer.matchAll(/^```(\w*)$/gm)].map((m) => m[1]);
    expect(fences).toEqual(['python', '', 'python', '']);
    expect(answer.indexOf('class LRUCache')).toBeLessThan(answer.indexOf('def test_'));
    expect(answer.split('```')[0]?.trim().length).toBeGreaterThan(20);
  });

  it('sim-correct answers the FastAPI task with app.py and test_app.py', () => {
    const answer = text(reply('sim-correct', raw(fastapiPrompt)));
    expect(answer).toContain('@app.get("/health")');
    expect(answer).toContain('TestClient(app)');
  });

  it('gives anything else a short generic reply without code', () => {
    const answer = text(reply('sim-correct', raw('What is the capital of France?')));
    expect(answer).not.toContain('```');
    expect(tokenize(answer).length).toBeLessThan(80);
  });

  it('sim-typo says LRUCCache exactly once, in a test, and is otherwise the correct answer', () => {
    const typo = text(reply('sim-typo', raw(lruPrompt)));
    expect(typo.match(/LRUCCache/g)).toHaveLength(1);
    const testBlock = typo.slice(typo.indexOf('import threading'));
    expect(testBlock).toContain('LRUCCache(');
    expect(testBlock).toContain('from lru_cache import LRUCache\n');
    expect(typo.replace(/LR[A-Z]*Cache/g, 'LRUCache')).toBe(text(reply('sim-correct', raw(lruPrompt))));
  });

  it('sim-thinking spends everything on thinking when thinking is on, and answers when it is off', () => {
    const on = blocks(reply('sim-thinking', raw(lruPrompt, { thinking: true })));
    expect(on.map((b) => b.type)).toEqual(['thinking']);
    expect(text(reply('sim-thinking', raw(lruPrompt, { thinking: false })))).toContain('class LRUCache');
  });

  it('sim-unclosed ends right after the test code with no closing fence and a forced max_tokens stop', () => {
    const r = reply('sim-unclosed', raw(lruPrompt));
    const answer = text(r);
    expect(answer.match(/^```/gm)).toHaveLength(3);
    expect(answer.endsWith(answers.lru.tests.content)).toBe(true);
    expect(r.kind === 'answer' && r.forceMaxTokens).toBe(true);
  });

  it('sim-prose answers without any code', () => {
    const answer = text(reply('sim-prose', raw(lruPrompt)));
    expect(answer).not.toMatch(/```|def |class /);
    expect(answer).toMatch(/LRU cache/);
  });

  it('sim-leak leaks <unused24> in its prose, not its code', () => {
    const answer = text(reply('sim-leak', raw(lruPrompt)));
    expect(answer.match(/<unused24>/g)).toHaveLength(1);
    expect(answer.indexOf('<unused24>')).toBeLessThan(answer.indexOf('```'));
    expect(answer.replace('<unused24>', '')).toBe(text(reply('sim-correct', raw(lruPrompt))));
  });

  it('sim-timed always says the same 120 tokens', () => {
    expect(tokenize(text(reply('sim-timed', raw(lruPrompt))))).toHaveLength(120);
    expect(text(reply('sim-timed', raw('hello')))).toBe(text(reply('sim-timed', raw(lruPrompt))));
  });

  it.each(['sim-silent'])('%s never answers, in either mode', (name) => {
    expect(reply(name, raw(lruPrompt)).kind).toBe('silent');
    expect(reply(name, conversation(lruPrompt)).kind).toBe('silent');
  });
});

const cwd = '/ws';
const created = (file: string): string => `File created successfully at: ${file}`;
const refusedTool = (name: string): PastCall['result'] =>
  `<tool_use_error>Error: No such tool available: ${name}</tool_use_error>`;
const refusedParam =
  '<tool_use_error>InputValidationError: Write failed due to the following issues:\nThe required parameter `file_path` is missing\nAn unexpected parameter `filename` was provided</tool_use_error>';
const passed = '.....                                                [100%]\n5 passed in 0.02s';
const failed =
  'Exit code 1\n..F..\nFAILED test_lru_cache.py::test_least_recently_used_entry_is_evicted\n1 failed, 4 passed in 0.03s';

const implOk: PastCall = {
  name: 'Write',
  input: { file_path: '/ws/lru_cache.py', content: 'x' },
  result: created('/ws/lru_cache.py'),
};
const testOk: PastCall = {
  name: 'Write',
  input: { file_path: '/ws/test_lru_cache.py', content: 'x' },
  result: created('/ws/test_lru_cache.py'),
};
const pytest = (result: string): PastCall => ({
  name: 'Bash',
  input: { command: 'python3 -m pytest -q', description: 'Run' },
  result,
  isError: result.startsWith('Exit'),
});
const writeFileRefused: PastCall = {
  name: 'write_file',
  input: { path: '/ws/lru_cache.py', content: 'x' },
  result: refusedTool('write_file'),
  isError: true,
};
const filenameRefused: PastCall = {
  name: 'Write',
  input: { filename: '/ws/lru_cache.py', content: 'x' },
  result: refusedParam,
  isError: true,
};

type Expected = { tool: string; input: Record<string, unknown> } | { text: RegExp };

describe('agent personas (LRU task, working directory /ws)', () => {
  it.each<[string, string, PastCall[], Expected]>([
    [
      'sim-correct',
      'starts by writing the implementation',
      [],
      { tool: 'Write', input: { file_path: '/ws/lru_cache.py' } },
    ],
    ['sim-correct', 'then the tests', [implOk], { tool: 'Write', input: { file_path: '/ws/test_lru_cache.py' } }],
    [
      'sim-correct',
      'then runs pytest',
      [implOk, testOk],
      { tool: 'Bash', input: { command: 'python3 -m pytest -q', description: expect.any(String) } },
    ],
    ['sim-correct', 'then summarises a pass', [implOk, testOk, pytest(passed)], { text: /5 passed/ }],
    ['sim-correct', 'reports a failure honestly', [implOk, testOk, pytest(failed)], { text: /do not pass/ }],
    ['sim-typo', 'claims success after pytest fails', [implOk, testOk, pytest(failed)], { text: /^Done\./ }],
    ['sim-write-file', 'calls write_file with path', [], { tool: 'write_file', input: { path: '/ws/lru_cache.py' } }],
    [
      'sim-write-file',
      'retries after a refusal',
      [writeFileRefused],
      { tool: 'write_file', input: { path: '/ws/lru_cache.py' } },
    ],
    [
      'sim-write-file',
      'apologises after three refusals',
      [writeFileRefused, writeFileRefused, writeFileRefused],
      { text: /write_file tool is not available/ },
    ],
    [
      'sim-write-file',
      'keeps its naming once a rescued write succeeded',
      [implOk],
      { tool: 'write_file', input: { path: '/ws/test_lru_cache.py' } },
    ],
    [
      'sim-write-file',
      'runs pytest with bash {command}',
      [implOk, testOk],
      { tool: 'bash', input: { command: 'python3 -m pytest -q' } },
    ],
    ['sim-write-file', 'finishes when rescued all the way', [implOk, testOk, pytest(passed)], { text: /5 passed/ }],
    [
      'sim-filename',
      'calls the offered Write with filename',
      [],
      { tool: 'Write', input: { filename: '/ws/lru_cache.py' } },
    ],
    [
      'sim-filename',
      'says the parameter was wrong after three refusals',
      [filenameRefused, filenameRefused, filenameRefused],
      { text: /wrong parameter/ },
    ],
    [
      'sim-filename',
      'carries on when a rescued write succeeded',
      [filenameRefused, implOk],
      { tool: 'Write', input: { filename: '/ws/test_lru_cache.py' } },
    ],
    ['sim-path', 'calls Write with path', [], { tool: 'Write', input: { path: '/ws/lru_cache.py' } }],
    [
      'sim-path',
      'carries on after Claude Code repaired path',
      [
        {
          name: 'Write',
          input: { path: '/ws/lru_cache.py', content: 'x' },
          result: `${created('/ws/lru_cache.py')}\n\nNote: \`path\` was read as \`file_path\`.`,
        },
      ],
      { tool: 'Write', input: { path: '/ws/test_lru_cache.py' } },
    ],
    [
      'sim-websearch',
      'calls web_search, which is not offered',
      [],
      { tool: 'web_search', input: { query: expect.stringMatching(/LRU/) } },
    ],
    [
      'sim-websearch',
      'then says it cannot search',
      [{ name: 'web_search', input: { query: 'q' }, result: refusedTool('web_search'), isError: true }],
      { text: /can't perform web searches/ },
    ],
    [
      'sim-memory',
      'writes a memory file instead of the task',
      [],
      { tool: 'Write', input: { file_path: '/ws/memory/user_profile.md' } },
    ],
    [
      'sim-memory',
      'then says the memory system is ready',
      [
        {
          name: 'Write',
          input: { file_path: '/ws/memory/user_profile.md', content: 'x' },
          result: created('/ws/memory/user_profile.md'),
        },
        { name: 'Write', input: { file_path: '/ws/MEMORY.md', content: 'x' }, result: created('/ws/MEMORY.md') },
      ],
      { text: /preferences/ },
    ],
    [
      'sim-escape',
      'first writes next to the working directory',
      [],
      { tool: 'Write', input: { file_path: expect.stringMatching(/^\/escaped-[0-9a-f]+\.txt$/) } },
    ],
    [
      'sim-patch',
      'fixes its draft with Edit after pytest fails',
      [implOk, testOk, pytest(failed)],
      {
        tool: 'Edit',
        input: { file_path: '/ws/lru_cache.py', old_string: 'popitem(last=True)', new_string: 'popitem(last=False)' },
      },
    ],
  ])('%s %s', (persona, _behaviour, history, expected) => {
    // The escape persona's paths are derived from the working directory; match them loosely.
    const c = conversation(lruPrompt, { cwd, history });
    const r = reply(persona, c);
    if ('text' in expected) {
      expect(toolCall(r)).toBeNull();
      expect(text(r)).toMatch(expected.text);
    } else {
      const call = toolCall(r);
      expect(call?.name).toBe(expected.tool);
      expect(call?.input).toMatchObject(expected.input);
    }
  });

  it('sim-escape tries two writes outside the working directory, refused or not, then does the task', () => {
    const history: PastCall[] = [];
    const calls: Array<Record<string, unknown>> = [];
    for (let turn = 0; turn < 4; turn += 1) {
      const call = toolCall(reply('sim-escape', conversation(lruPrompt, { cwd, history })));
      if (call === null) break;
      calls.push(call.input);
      history.push({
        name: call.name,
        input: call.input,
        result: 'Write denied: outside the workspace',
        isError: true,
      });
    }
    const targets = calls.map((input) => String(input.file_path));
    expect(targets[0]).toMatch(/^\/escaped-[0-9a-f]+\.txt$/);
    expect(targets[1]).toMatch(/^\/tmp\/sim-escape-[0-9a-f]+\.txt$/);
    expect(targets[2]).toBe('/ws/lru_cache.py');
  });

  it('sim-typo writes LRUCCache exactly once into the test file', () => {
    const call = toolCall(reply('sim-typo', conversation(lruPrompt, { cwd, history: [implOk] })));
    expect(String(call?.input.content).match(/LRUCCache/g)).toHaveLength(1);
  });

  it('sim-patch writes a first draft that differs from the correct implementation by the bug it later fixes', () => {
    const call = toolCall(reply('sim-patch', conversation(lruPrompt, { cwd })));
    expect(String(call?.input.content).replace('popitem(last=True)', 'popitem(last=False)')).toBe(
      answers.lru.implementation.content,
    );
  });

  it('sim-correct patches the FastAPI test import with Edit after a failure, then reruns', () => {
    const files = [
      { name: 'Write', input: { file_path: '/ws/app.py', content: 'x' }, result: created('/ws/app.py') },
      { name: 'Write', input: { file_path: '/ws/test_app.py', content: 'x' }, result: created('/ws/test_app.py') },
    ];
    const fail = pytest("Exit code 2\nE   ModuleNotFoundError: No module named 'app'\n1 error in 0.10s");
    const edit = toolCall(reply('sim-correct', conversation(fastapiPrompt, { cwd, history: [...files, fail] })));
    expect(edit).toMatchObject({
      name: 'Edit',
      input: { file_path: '/ws/test_app.py', old_string: 'from app import app' },
    });
    const edited = {
      name: 'Edit',
      input: edit?.input ?? {},
      result: 'The file /ws/test_app.py has been updated successfully.',
    };
    expect(
      toolCall(reply('sim-correct', conversation(fastapiPrompt, { cwd, history: [...files, fail, edited] })))?.name,
    ).toBe('Bash');
    const final = reply(
      'sim-correct',
      conversation(fastapiPrompt, { cwd, history: [...files, fail, edited, pytest('2 passed in 0.5s')] }),
    );
    expect(text(final)).toMatch(/^Done\..*2 passed/);
  });

  it('reads Ollama-style history (no ids, no error flags) by content', () => {
    const history = [writeFileRefused, writeFileRefused, writeFileRefused];
    expect(text(reply('sim-write-file', conversation(lruPrompt, { cwd, history, dialect: 'ollama' })))).toMatch(
      /not available/,
    );
    const ok = [implOk, testOk, pytest(failed)];
    expect(text(reply('sim-correct', conversation(lruPrompt, { cwd, history: ok, dialect: 'ollama' })))).toMatch(
      /do not pass/,
    );
  });

  it('names files relative to the current directory when no working directory was announced', () => {
    expect(toolCall(reply('sim-correct', conversation(lruPrompt, { cwd: null })))?.input).toMatchObject({
      file_path: 'lru_cache.py',
    });
  });

  it('answers an unknown task with text only, even with tools offered', () => {
    const r = reply('sim-correct', conversation('Tell me a joke', { cwd }));
    expect(toolCall(r)).toBeNull();
  });

  it('with thinking on, sim-thinking thinks instead of calling tools', () => {
    expect(blocks(reply('sim-thinking', conversation(lruPrompt, { cwd, thinking: true }))).map((b) => b.type)).toEqual([
      'thinking',
    ]);
  });
});

describe('the persona table', () => {
  it('lists every persona the harness relies on, each with sane timing', () => {
    const names = listPersonas().map((p) => p.name);
    for (const name of [
      'sim-correct',
      'sim-typo',
      'sim-thinking',
      'sim-slow',
      'sim-unclosed',
      'sim-prose',
      'sim-leak',
      'sim-timed',
      'sim-memory',
      'sim-websearch',
      'sim-write-file',
      'sim-filename',
      'sim-path',
      'sim-silent',
      'sim-escape',
    ]) {
      expect(names).toContain(name);
    }
    for (const p of listPersonas()) {
      for (const t of [p.timing, p.agentTiming]) {
        expect(t.ttftMs).toBeGreaterThanOrEqual(t.loadMs);
        expect(t.tokensPerSec).toBeGreaterThan(0);
      }
    }
  });

  it.each([
    ['sim-correct', 'raw', { ttftMs: 300, tokensPerSec: 150, loadMs: 0 }],
    ['sim-typo', 'raw', { ttftMs: 400, tokensPerSec: 120, loadMs: 0 }],
    ['sim-slow', 'raw', { ttftMs: 2500, tokensPerSec: 40, loadMs: 1500 }],
    ['sim-timed', 'raw', { ttftMs: 800, tokensPerSec: 40, loadMs: 200 }],
    ['sim-write-file', 'agent', { ttftMs: 200, tokensPerSec: 300, loadMs: 0 }],
    ['sim-correct', 'agent', { ttftMs: 200, tokensPerSec: 300, loadMs: 0 }],
  ] as const)('%s in %s mode runs at %o', (name, mode, timing) => {
    expect(personaTiming(name, mode)).toEqual(timing);
  });

  it('knows no timing for an unknown model, and ignores an Ollama :latest tag', () => {
    expect(personaTiming('llama3')).toBeNull();
    expect(personaTiming('sim-timed:latest')).toEqual(personaTiming('sim-timed'));
  });
});
