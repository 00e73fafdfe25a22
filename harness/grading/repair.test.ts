import { describe, expect, it } from 'vitest';
import { findTemplateTokens, stripTemplateTokens } from '../core/template-tokens.ts';
import { findIdentifierTypos, isStutterOf } from './identifier-typos.ts';
import { repairFiles } from './repair.ts';
import type { ExtractedFile } from './types.ts';

const implementation = (cls: string): ExtractedFile => ({
  path: 'lru_cache.py',
  role: 'implementation',
  content: `class ${cls}:\n    """Cache."""\n\n    def get(self, key):\n        return None\n`,
  fromBlock: 0,
});
const testFile = (body: string): ExtractedFile => ({
  path: 'test_lru_cache.py',
  role: 'test',
  content: body,
  fromBlock: 1,
});

describe('isStutterOf', () => {
  it.each([
    ['LRUCCache', 'LRUCache', true],
    ['LRLRCache', 'LRUCache', true],
    ['LRUUCache', 'LRUCache', true],
    ['LLRUCache', 'LRUCache', true],
    ['LRUCacheTest', 'LRUCache', false],
    ['MyLRUCache', 'LRUCache', false],
    ['LRUCache', 'LRUCache', false],
    ['LFUCache', 'LRUCache', false],
    ['LRUCaches', 'LRUCache', false],
    ['LinkedCache', 'LRUCache', false],
    ['LRUCacheCache', 'LRUCache', false],
    ['LRUCachee', 'LRUCache', true],
    ['LRUCached', 'LRUCache', false],
    ['TTLLCache', 'TTLCache', true],
    ['RecentItemms', 'RecentItems', true],
    ['RecentItemsX', 'RecentItems', false],
  ])('%s as a stutter of %s → %s', (candidate, className, expected) => {
    expect(isStutterOf(candidate, className)).toBe(expected);
  });
});

describe('repairFiles', () => {
  it("collapses the stuttered class names of the experiment to the implementation's class name", () => {
    const files = [
      implementation('LRUCache'),
      testFile(
        'from lru_cache import LRUCache\n\ndef test_a():\n    c = LRLRCache(2)\n\ndef test_b():\n    c = LRUCCache(2)\n    d = LRUUCache(3)\n',
      ),
    ];
    const { files: repaired, changes } = repairFiles(files);
    expect(repaired[1]!.content).toBe(
      'from lru_cache import LRUCache\n\ndef test_a():\n    c = LRUCache(2)\n\ndef test_b():\n    c = LRUCache(2)\n    d = LRUCache(3)\n',
    );
    expect(repaired[0]).toBe(files[0]);
    expect(changes).toEqual([
      { file: 'test_lru_cache.py', kind: 'typo', before: 'LRLRCache', after: 'LRUCache', line: 4 },
      { file: 'test_lru_cache.py', kind: 'typo', before: 'LRUCCache', after: 'LRUCache', line: 7 },
      { file: 'test_lru_cache.py', kind: 'typo', before: 'LRUUCache', after: 'LRUCache', line: 8 },
    ]);
  });

  it('generalises from whatever class the implementation defines', () => {
    const files = [
      implementation('BoundedStore'),
      testFile('def test_a():\n    BoundedStorre(1)\n    BBoundedStore(2)\n'),
    ];
    const { files: repaired, changes } = repairFiles(files);
    expect(repaired[1]!.content).toBe('def test_a():\n    BoundedStore(1)\n    BoundedStore(2)\n');
    expect(changes.map((c) => c.before)).toEqual(['BoundedStorre', 'BBoundedStore']);
  });

  it('leaves legitimate names alone: other classes, prefixed/suffixed names, defined aliases', () => {
    const body = [
      'class LRUCacheTest:',
      '    pass',
      'class MyLRUCache(LRUCache):',
      '    pass',
      'LRUUCache = LRUCache  # a deliberate alias',
      'def test_x():',
      '    assert LRUUCache is LRUCache and LFUCache',
      '',
    ].join('\n');
    const files = [implementation('LRUCache'), testFile(body)];
    const { files: repaired, changes } = repairFiles(files);
    expect(changes).toEqual([]);
    expect(repaired[1]!.content).toBe(body);
  });

  it.each([
    ['<unused24>', 'return self.cache<unused24>[key]', 'return self.cache[key]'],
    ['<|im_end|>', 'x = 1<|im_end|>', 'x = 1'],
    ['<|endoftext|>', '<|endoftext|>def f():', 'def f():'],
    ['<end_of_turn>', 'pass<end_of_turn>', 'pass'],
    ['<start_of_turn>', '<start_of_turn>model', 'model'],
    ['<｜end▁of▁sentence｜>', 'y = 2<｜end▁of▁sentence｜>', 'y = 2'],
  ])('strips the leaked template token %s', (token, line, expected) => {
    const files = [implementation('LRUCache'), testFile(`import pytest\n${line}\n`)];
    const { files: repaired, changes } = repairFiles(files);
    expect(repaired[1]!.content).toBe(`import pytest\n${expected}\n`);
    expect(changes).toEqual([{ file: 'test_lru_cache.py', kind: 'template_token', before: token, after: '', line: 2 }]);
  });

  it('strips a token that splits a class name, then sees the name as correct', () => {
    const files = [implementation('LRUCache'), testFile('c = LRU<unused3>Cache(1)\n')];
    const { files: repaired, changes } = repairFiles(files);
    expect(repaired[1]!.content).toBe('c = LRUCache(1)\n');
    expect(changes.map((c) => c.kind)).toEqual(['template_token']);
  });

  it('does not strip ordinary angle-bracket text', () => {
    const text = 'if a <b and c> d: pass\nhtml = "<div>|</div>"\n';
    expect(stripTemplateTokens(text)).toBe(text);
    expect(findTemplateTokens(text)).toEqual([]);
  });
});

describe('findIdentifierTypos', () => {
  it('reports each stuttered name with its line text', () => {
    const typos = findIdentifierTypos([
      implementation('LRUCache'),
      testFile('"""Tests for LRLRCache."""\nx = LRUCCache(1)  # LRUCCache again\n'),
    ]);
    expect(typos).toEqual([
      {
        found: 'LRLRCache',
        expected: 'LRUCache',
        file: 'test_lru_cache.py',
        line: 1,
        text: '"""Tests for LRLRCache."""',
      },
      {
        found: 'LRUCCache',
        expected: 'LRUCache',
        file: 'test_lru_cache.py',
        line: 2,
        text: 'x = LRUCCache(1)  # LRUCCache again',
      },
    ]);
  });

  it('also collapses stutters of a class the files import by name', () => {
    const test = testFile(
      'from fastapi.testclient import TestClient\nfrom app import app\n\nclient = TestCClient(app)\n',
    );
    expect(
      findIdentifierTypos([{ path: 'app.py', role: 'implementation', content: 'app = FastAPI()\n' }, test]),
    ).toEqual([
      {
        found: 'TestCClient',
        expected: 'TestClient',
        file: 'test_lru_cache.py',
        line: 4,
        text: 'client = TestCClient(app)',
      },
    ]);
  });

  it('finds nothing without a class to compare with', () => {
    expect(findIdentifierTypos([testFile('def test_a():\n    LRUCCache(1)\n')])).toEqual([]);
  });
});
