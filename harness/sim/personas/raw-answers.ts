/** Raw-mode answer texts: markdown with fenced code, prose only, a generic reply, thinking. */
import type { TaskAnswer } from '../answers.ts';
import { leakedToken, withStutterTypo } from './corrupt.ts';
import type { TaskKind } from './task.ts';

type CodeTask = Exclude<TaskKind, 'generic'>;

/** The identifier each task's typo variant stutters on. */
export const typoIdentifier: Record<CodeTask, string> = { lru: 'LRUCache', fastapi: 'TestClient' };

const intro: Record<CodeTask, string> = {
  lru: 'Here is a thread-safe LRU cache built on `collections.OrderedDict`, with a `threading.Lock` around every operation.',
  fastapi:
    'Here is a minimal FastAPI service with a `GET /health` endpoint and a pytest test that calls it through `TestClient`.',
};

const outro: Record<CodeTask, string> = {
  lru: 'Run the tests with `python -m pytest -q`; all five should pass.',
  fastapi: 'Run the tests with `python -m pytest -q`.',
};

export interface CodeAnswerVariant {
  /** One test uses a stuttered identifier (sim-typo). */
  typo?: boolean;
  /** The prose carries a leaked template token (sim-leak). */
  leak?: boolean;
  /** The answer stops right after the test code: no closing fence, no closing prose (sim-unclosed). */
  unclosed?: boolean;
}

/** Markdown answer: a line of prose, the implementation block, then the test block. */
export function codeAnswer(task: CodeTask, answer: TaskAnswer, variant: CodeAnswerVariant = {}): string {
  const tests =
    variant.typo === true ? withStutterTypo(answer.tests.content, typoIdentifier[task]) : answer.tests.content;
  const opening = variant.leak === true ? `${intro[task]}${leakedToken}` : intro[task];
  const parts = [
    `${opening}\n\n`,
    `\`${answer.implementation.name}\`:\n\n`,
    '```python\n',
    answer.implementation.content,
    '```\n\n',
    `\`${answer.tests.name}\`:\n\n`,
    '```python\n',
    tests,
  ];
  if (variant.unclosed !== true) parts.push('```\n\n', `${outro[task]}\n`);
  return parts.join('');
}

const prose: Record<CodeTask, string> = {
  lru:
    'A thread-safe LRU cache keeps its entries in an ordered dictionary so that the least recently used key ' +
    'is always at the front. Reading a key moves it to the back; storing a new key appends it and, when the ' +
    'cache is over capacity, drops the entry at the front. A single lock around each read and write keeps ' +
    'concurrent callers from seeing a half-updated order. For tests, cover a hit, a miss, eviction order, ' +
    'rejection of a non-positive capacity, and many threads writing at once.\n',
  fastapi:
    'A FastAPI health check is a single route that answers GET /health with a small JSON object such as a ' +
    'status of ok. A test can create a test client for the application, call the route, and check both the ' +
    'status code and the body. Running pytest then tells you whether the service starts and answers.\n',
};

/** A prose-only answer: no code at all (sim-prose). */
export function proseAnswer(task: TaskKind): string {
  return task === 'generic' ? genericAnswer() : prose[task];
}

/** The reply to anything that is neither known task. */
export function genericAnswer(): string {
  return (
    'This is a scripted test model from the benchmark harness. It recognises two tasks — a thread-safe ' +
    'LRU cache and a FastAPI /health smoke test — and gives this short reply to anything else.\n'
  );
}

/** sim-timed's fixed reply: 480 characters, so exactly 120 tokens. */
export function timedAnswer(): string {
  const text =
    'Timing probe. This fixed reply exists so that the harness can compare what it measures with what the ' +
    'server scheduled: the first token leaves at a known offset after the request arrives, and every later ' +
    'token follows at a fixed interval. Time to first token, decode rate and the server-reported durations ' +
    'should all match the persona timing table. The reply is padded with this sentence to reach its length. ';
  return text.padEnd(480, '.').slice(0, 480);
}

/** What sim-thinking thinks about when thinking is on: long, and never an answer. */
export function thinkingMonologue(task: TaskKind): string {
  const subject = task === 'lru' ? 'an LRU cache' : task === 'fastapi' ? 'a FastAPI health endpoint' : 'this request';
  const rounds = [
    `The user wants ${subject}. Before writing anything I should be sure about the design.`,
    'Let me consider the data structure first. An ordered mapping gives constant-time moves, but I should double-check the edge cases.',
    'Wait, what about concurrent callers? A lock around each operation is simplest, but is a read-write lock better here? Probably not.',
    'Hmm, and the tests: which behaviours matter most? Hits, misses, eviction, invalid capacity, threads.',
    'Actually, let me reconsider the whole approach once more before committing to it.',
  ];
  return `${Array.from({ length: 3 }, () => rounds.join(' ')).join('\n\n')}\n`;
}
