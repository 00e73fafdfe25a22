import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../answers.ts';
import { loadAnswers } from '../answers.ts';
import type { PastCall } from '../test-kit/conversations.ts';
import { conversation, lruPrompt } from '../test-kit/conversations.ts';
import { personaReply, replyBlocks, replyCalls, replyText } from '../test-kit/persona-replies.ts';
import { tokenize } from '../tokens.ts';
import type { SimConversation } from '../types.ts';

let answers: Answers;
beforeAll(async () => {
  answers = await loadAnswers();
});

const cwd = '/ws';
const created = (file: string): string => `File created successfully at: ${file}`;
const passed = '.....                                                [100%]\n5 passed in 0.02s';
const failed = 'Exit code 1\n..F..\n1 failed, 4 passed in 0.03s';
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
const refusal = (text: string): string => `<tool_use_error>InputValidationError: ${text}</tool_use_error>`;

/** A tool call read back out of text the way a rescue would: Qwen3-Coder XML or a Hermes object. */
function parseTextCall(text: string): { name: string; input: Record<string, unknown>; opener: boolean } | null {
  const hermes = /<tool_call>\n(\{[\s\S]*\})\n<\/tool_call>/.exec(text);
  if (hermes?.[1] !== undefined) {
    const call = JSON.parse(hermes[1]) as { name: string; arguments: Record<string, unknown> };
    return { name: call.name, input: call.arguments, opener: true };
  }
  const xml = /(<tool_call>\n)?<function=(\w+)>\n([\s\S]*?)<\/function>\n<\/tool_call>/.exec(text);
  if (xml?.[2] === undefined) return null;
  const input: Record<string, unknown> = {};
  for (const m of (xml[3] ?? '').matchAll(/<parameter=(\w+)>\n([\s\S]*?)\n<\/parameter>\n/g))
    input[m[1] as string] = m[2];
  return { name: xml[2], input, opener: xml[1] !== undefined };
}

/** Plays a rescued run: every text call is taken as made and answered the way Claude Code would. */
function rescuedRun(persona: string): { calls: Array<ReturnType<typeof parseTextCall>>; final: string } {
  const history: PastCall[] = [];
  const calls: Array<ReturnType<typeof parseTextCall>> = [];
  for (let turn = 0; turn < 8; turn += 1) {
    const reply = personaReply(answers, persona, conversation(lruPrompt, { cwd, history }));
    expect(replyCalls(reply)).toEqual([]);
    const call = parseTextCall(replyText(reply));
    if (call === null) return { calls, final: replyText(reply) };
    calls.push(call);
    const file = String(call.input.file_path ?? '');
    history.push({ name: call.name, input: call.input, result: call.name === 'Write' ? created(file) : passed });
  }
  throw new Error('no final answer');
}

describe('personas writing tool calls as text', () => {
  it.each([
    ['sim-qwen-xml', [true, false, true]],
    ['sim-hermes', [true, true, true]],
  ])('%s writes Write, Write, Bash as text and, when each is run, finishes the task', (persona, openers) => {
    const { calls, final } = rescuedRun(persona);
    expect(calls.map((c) => c?.name)).toEqual(['Write', 'Write', 'Bash']);
    expect(calls.map((c) => c?.opener)).toEqual(openers);
    expect(calls[0]?.input).toEqual({ file_path: '/ws/lru_cache.py', content: answers.lru.implementation.content });
    expect(calls[1]?.input).toEqual({ file_path: '/ws/test_lru_cache.py', content: answers.lru.tests.content });
    expect(calls[2]?.input).toMatchObject({ command: 'python3 -m pytest -q' });
    expect(final).toMatch(/^Done\..*5 passed/);
  });

  it('sim-unclosed-think puts the call and everything else in one reasoning block, and no text', () => {
    const blocks = replyBlocks(personaReply(answers, 'sim-unclosed-think', conversation(lruPrompt, { cwd })));
    expect(blocks.map((b) => b.type)).toEqual(['thinking']);
    const call = parseTextCall(blocks[0]?.type === 'thinking' ? blocks[0].text : '');
    expect(call).toMatchObject({ name: 'Write', input: { file_path: '/ws/lru_cache.py' }, opener: true });
    const raw = replyBlocks(
      personaReply(answers, 'sim-unclosed-think', conversation(lruPrompt, { cwd: null, tools: [] })),
    );
    expect(raw.map((b) => b.type)).toEqual(['thinking']);
  });
});

describe('sim-loop', () => {
  it('writes the implementation, then repeats the identical Read whatever comes back', () => {
    const first = personaReply(answers, 'sim-loop', conversation(lruPrompt, { cwd }));
    expect(replyCalls(first)[0]).toMatchObject({ name: 'Write', input: { file_path: '/ws/lru_cache.py' } });
    const read: PastCall = { name: 'Read', input: { file_path: '/ws/lru_cache.py' }, result: '1\tclass LRUCache:' };
    const unchanged: PastCall = { ...read, result: 'File unchanged since last read.' };
    const seen = [0, 1, 4, 9].map((n) => {
      const history = [implOk, ...Array.from({ length: n }, (_, i) => (i % 2 === 0 ? read : unchanged))];
      return replyBlocks(personaReply(answers, 'sim-loop', conversation(lruPrompt, { cwd, history })));
    });
    for (const blocks of seen)
      expect(blocks).toEqual([{ type: 'tool_call', name: 'Read', input: { file_path: '/ws/lru_cache.py' } }]);
  });
});

describe('sim-string-numbers', () => {
  const run = (result: string): PastCall => ({
    name: 'Bash',
    input: { command: 'python3 -m pytest -q', timeout: 60000 },
    result,
    isError: result.startsWith('Exit'),
  });
  const read: PastCall = {
    name: 'Read',
    input: { file_path: '/ws/lru_cache.py', limit: 50 },
    result: '1\t"""A thread-safe',
  };
  const editRefused: PastCall = {
    name: 'Edit',
    input: {
      file_path: '/ws/lru_cache.py',
      old_string: 'popitem(last=True)',
      new_string: 'popitem(last=False)',
      replace_all: 'False',
    },
    result: refusal(
      'Edit failed due to the following issue:\nThe parameter `replace_all` type is expected as `boolean` but provided as `string`',
    ),
    isError: true,
  };
  const next = (history: PastCall[]) =>
    personaReply(answers, 'sim-string-numbers', conversation(lruPrompt, { cwd, history }));

  it.each<[string, PastCall[], { name: string; input: Record<string, unknown> }]>([
    ['writes a buggy draft first', [], { name: 'Write', input: { file_path: '/ws/lru_cache.py' } }],
    ['runs pytest with the timeout as a string', [implOk, testOk], { name: 'Bash', input: { timeout: '60000' } }],
    [
      'reads the file with offset and limit as strings',
      [implOk, testOk, run(failed)],
      { name: 'Read', input: { offset: '1', limit: '50' } },
    ],
    [
      'sends the fix with replace_all as "False"',
      [implOk, testOk, run(failed), read],
      {
        name: 'Edit',
        input: { old_string: 'popitem(last=True)', new_string: 'popitem(last=False)', replace_all: 'False' },
      },
    ],
    [
      'retries the refused fix unchanged',
      [implOk, testOk, run(failed), read, editRefused],
      { name: 'Edit', input: { replace_all: 'False' } },
    ],
    [
      'reruns pytest once a rescued fix went through',
      [
        implOk,
        testOk,
        run(failed),
        read,
        { ...editRefused, input: { ...editRefused.input, replace_all: false }, result: 'updated', isError: false },
      ],
      { name: 'Bash', input: { timeout: '60000' } },
    ],
  ])('%s', (_what, history, expected) => {
    expect(replyCalls(next(history))[0]).toMatchObject(expected);
  });

  it('writes a draft with the bug the fix removes', () => {
    const draft = String(replyCalls(next([]))[0]?.input.content);
    expect(draft.replace('popitem(last=True)', 'popitem(last=False)')).toBe(answers.lru.implementation.content);
  });

  it('gives up after three refusals, the tests still failing', () => {
    const history = [implOk, testOk, run(failed), read, editRefused, editRefused, editRefused];
    expect(replyCalls(next(history))).toEqual([]);
    expect(replyText(next(history))).toMatch(/refused every time/);
  });
});

/** The conversation with every past call's input replaced by its JSON text, as Claude Code replays a double-encoded call. */
function withStringInputs(c: SimConversation): SimConversation {
  const messages = c.messages.map((m) =>
    m.role === 'assistant'
      ? { ...m, toolCalls: m.toolCalls.map((t) => ({ ...t, input: JSON.stringify(t.input) })) }
      : m,
  );
  return { ...c, messages };
}

describe('sim-double-encoded', () => {
  const ls: PastCall = {
    name: 'Bash',
    input: { command: 'touch lru_cache.py test_lru_cache.py', description: 'Create' },
    result: 'total 0',
  };

  it('creates the files with touch first, then writes, every call double-encoded on anthropic and whole on Ollama', () => {
    for (const dialect of ['anthropic', 'ollama'] as const) {
      for (const [history, expected] of [
        [[], { command: 'touch lru_cache.py test_lru_cache.py' }],
        [[ls], { file_path: '/ws/lru_cache.py' }],
      ] as const) {
        const c = conversation(lruPrompt, { cwd, dialect, history: [...history] });
        const [call] = replyCalls(personaReply(answers, 'sim-double-encoded', c));
        expect(call?.input).toMatchObject(expected);
        if (dialect === 'ollama') expect(call?.argumentsJson).toBeUndefined();
        else expect(JSON.parse(JSON.parse(call?.argumentsJson ?? '""') as string)).toEqual(call?.input);
      }
    }
  });

  it('counts a refused call replayed as a string as its attempt, and gives up after three', () => {
    const refused: PastCall = { ...ls, result: refusal('Bash failed due to the following issues:'), isError: true };
    const replyAfter = (n: number) =>
      personaReply(
        answers,
        'sim-double-encoded',
        withStringInputs(conversation(lruPrompt, { cwd, history: Array(n).fill(refused) })),
      );
    expect(replyText(replyAfter(1))).toMatch(/again/);
    expect(replyCalls(replyAfter(3))).toEqual([]);
    expect(replyText(replyAfter(3))).toMatch(/refused here/);
  });
});

describe('sim-truncated-call', () => {
  it('writes more than the output budget and stops itself at that budget', () => {
    const reply = personaReply(answers, 'sim-truncated-call', conversation(lruPrompt, { cwd, maxTokens: 8192 }));
    if (reply.kind !== 'answer') throw new Error('not an answer');
    expect(reply.cutAfterTokens).toBe(8192);
    const [call] = replyCalls(reply);
    expect(tokenize(JSON.stringify(call?.input)).length).toBeGreaterThan(8192);
    expect(String(call?.input.content).startsWith(answers.lru.implementation.content)).toBe(true);
  });

  it('takes a call replayed as __unparsedToolInput as an attempt and gives up after three', () => {
    const cut: PastCall = {
      name: 'Write',
      input: { __unparsedToolInput: { raw: '{"file_path": "/ws/lru_cache.py", "content": "\\"\\"\\"A', len: 44 } },
      result: refusal('Write was called with input that could not be parsed as JSON.'),
      isError: true,
    };
    const replyAfter = (n: number) =>
      personaReply(
        answers,
        'sim-truncated-call',
        conversation(lruPrompt, { cwd, maxTokens: 4096, history: Array(n).fill(cut) }),
      );
    expect(replyCalls(replyAfter(2))[0]?.name).toBe('Write');
    expect(replyText(replyAfter(3))).toMatch(/cut off/);
  });
});

describe('sim-empty-reply', () => {
  it('says nothing at all on its first turn, in either mode, and works normally after', () => {
    expect(replyBlocks(personaReply(answers, 'sim-empty-reply', conversation(lruPrompt, { cwd })))).toEqual([]);
    expect(
      replyBlocks(personaReply(answers, 'sim-empty-reply', conversation(lruPrompt, { cwd: null, tools: [] }))),
    ).toEqual([]);
    const later = personaReply(answers, 'sim-empty-reply', conversation(lruPrompt, { cwd, history: [implOk] }));
    expect(replyCalls(later)[0]?.input).toMatchObject({ file_path: '/ws/test_lru_cache.py' });
  });
});

describe('server personas', () => {
  it('sim-ctx-4096 answers off-task when its prompt was cut, and does the task when it fitted', () => {
    expect(replyText(personaReply(answers, 'sim-ctx-4096', conversation(lruPrompt, { cwd }), true))).toBe(
      'Hello! How can I help you today?',
    );
    expect(replyCalls(personaReply(answers, 'sim-ctx-4096', conversation(lruPrompt, { cwd })))[0]?.name).toBe('Write');
  });

  it.each([
    ['ollama', { error: 'registry.ollama.ai/library/sim-notools:latest does not support tools' }],
    [
      'anthropic',
      {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'registry.ollama.ai/library/sim-notools:latest does not support tools',
        },
        request_id: expect.stringMatching(/^req_/),
      },
    ],
  ] as const)("sim-notools refuses tools with Ollama's 400 on %s", (dialect, body) => {
    const c = { ...conversation(lruPrompt, { cwd, dialect }), model: 'sim-notools' };
    expect(personaReply(answers, 'sim-notools', c)).toEqual({ kind: 'refuse', status: 400, body });
    expect(replyText(personaReply(answers, 'sim-notools', { ...c, tools: [] }))).toContain('class LRUCache');
  });
});
