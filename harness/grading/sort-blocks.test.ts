import { beforeAll, describe, expect, it } from 'vitest';
import { loadTask } from '../tasks/load-task.ts';
import type { TaskDefinition } from '../tasks/types.ts';
import { extractCodeBlocks } from './extract-code.ts';
import { isTestFileName, sortBlocks } from './sort-blocks.ts';

const fence = '```';
const impl = 'import threading\nfrom collections import OrderedDict\n\nclass LRUCache:\n    pass';
const tests = 'import pytest\nfrom lru_cache import LRUCache\n\ndef test_get():\n    assert LRUCache';

function answer(...parts: string[]): string {
  return parts.join('\n');
}
function block(lang: string, code: string): string {
  return `${fence}${lang}\n${code}\n${fence}`;
}

let lru: TaskDefinition;
let fastapi: TaskDefinition;
beforeAll(async () => {
  lru = await loadTask('lru-cache');
  fastapi = await loadTask('fastapi-smoke');
});

describe('sortBlocks', () => {
  it.each([
    {
      name: 'implementation and tests by content, named after the artifacts',
      text: answer('Code:', block('python', impl), 'Tests:', block('python', tests)),
      files: [
        ['lru_cache.py', 'implementation', 0],
        ['test_lru_cache.py', 'test', 1],
      ],
    },
    {
      name: 'a block matching both patterns as a test',
      text: answer(block('python', `${impl}\n\ndef test_inline():\n    pass`)),
      files: [['test_lru_cache.py', 'test', 0]],
    },
    {
      name: 'a first-line filename comment over the content',
      text: answer(block('python', `# lru_cache_impl.py\n${impl}`), block('', `# file: tests/test_cache.py\n${tests}`)),
      files: [
        ['lru_cache_impl.py', 'implementation', 0],
        ['test_cache.py', 'test', 1],
      ],
    },
    {
      name: 'a filename in the prose line before the fence when it agrees with the content',
      text: answer('Save this as `cache_core.py`:', block('python', impl), '**test_core.py**', block('python', tests)),
      files: [
        ['cache_core.py', 'implementation', 0],
        ['test_core.py', 'test', 1],
      ],
    },
    {
      name: 'a preceding filename that contradicts the content as no hint',
      text: answer('The tests import from `lru_cache.py`:', block('python', tests)),
      files: [['test_lru_cache.py', 'test', 0]],
    },
    {
      name: 'a preceding line naming two files as no hint',
      text: answer('Put this in `lru.py`, tests go in `test_lru.py`:', block('python', impl)),
      files: [['lru_cache.py', 'implementation', 0]],
    },
    {
      name: 'an unclosed final test block',
      text: answer(block('python', impl), `${fence}python\n${tests}\n\ndef test_cut(`),
      files: [
        ['lru_cache.py', 'implementation', 0],
        ['test_lru_cache.py', 'test', 1],
      ],
    },
  ])('places $name', ({ text, files }) => {
    const sorted = sortBlocks(lru, extractCodeBlocks(text));
    expect(sorted.files.map((f) => [f.path, f.role, f.fromBlock])).toEqual(files);
  });

  it('keeps the largest of several implementation blocks and says so in a note', () => {
    const draft = 'from collections import OrderedDict\nclass LRUCache: pass';
    const text = answer(
      block('python', draft),
      block('python', impl),
      block('python', 'from collections import OrderedDict'),
    );
    const sorted = sortBlocks(lru, extractCodeBlocks(text));
    expect(sorted.files).toEqual([
      { path: 'lru_cache.py', role: 'implementation', content: `${impl}\n`, fromBlock: 1 },
    ]);
    expect(sorted.unplaced.map((b) => b.index)).toEqual([0, 2]);
    expect(sorted.notes).toEqual([
      `3 blocks looked like lru_cache.py (blocks 0, 1, 2); kept block 1, the largest (${impl.length} chars)`,
    ]);
  });

  it('leaves other languages and unrecognised code unplaced', () => {
    const text = answer(
      block('bash', 'pytest -q test_lru_cache.py'),
      block('text', 'class FakeCache: OrderedDict'),
      block('python', 'cache = make()\nprint(cache)'),
      block('python', impl),
    );
    const sorted = sortBlocks(lru, extractCodeBlocks(text));
    expect(sorted.files.map((f) => f.path)).toEqual(['lru_cache.py']);
    expect(sorted.unplaced.map((b) => b.index)).toEqual([0, 1, 2]);
  });

  it('ends every file with a newline', () => {
    const sorted = sortBlocks(lru, extractCodeBlocks(block('python', impl)));
    expect(sorted.files[0]!.content.endsWith('OrderedDict\n\nclass LRUCache:\n    pass\n')).toBe(true);
  });

  it("uses each task's own patterns (FastAPI app and TestClient tests)", () => {
    const app =
      'from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/health")\ndef health():\n    return {"status": "ok"}';
    const test =
      'from fastapi.testclient import TestClient\nfrom app import app\n\nclient = TestClient(app)\n\ndef test_health():\n    assert client.get("/health").status_code == 200';
    const sorted = sortBlocks(fastapi, extractCodeBlocks(answer(block('python', test), block('python', app))));
    expect(sorted.files.map((f) => [f.path, f.role, f.fromBlock])).toEqual([
      ['app.py', 'implementation', 1],
      ['test_app.py', 'test', 0],
    ]);
  });
});

describe('isTestFileName', () => {
  it.each([
    ['test_app.py', true],
    ['cache_test.py', true],
    ['sub/test_x.py', true],
    ['testing.py', false],
    ['lru_cache.py', false],
    ['conftest.py', false],
  ])('%s → %s', (name, expected) => {
    expect(isTestFileName(name)).toBe(expected);
  });
});
