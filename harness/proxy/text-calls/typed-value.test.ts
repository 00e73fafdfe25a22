import { describe, expect, it } from 'vitest';
import { declaredTypes, typedValue } from './typed-value.ts';
import type { TextCallContext } from './types.ts';

describe('typedValue', () => {
  it.each([
    ['42', [], '42'],
    ['42', ['string'], '42'],
    ['42', ['integer'], 42],
    ['4.5', ['number'], 4.5],
    ['4.5', ['integer'], '4.5'],
    ['TRUE', ['boolean'], true],
    ['null', ['integer', 'null'], null],
    ['[1, 2]', ['array'], [1, 2]],
    ['{"a": 1}', ['object'], { a: 1 }],
    ['{"a": 1}', ['array'], '{"a": 1}'],
    ['hello', ['integer', 'string'], 'hello'],
  ])('reads %j typed %j as %j', (raw, types, value) => {
    expect(typedValue(raw, types)).toEqual(value);
  });
});

describe('declaredTypes', () => {
  const ctx: TextCallContext = {
    offeredTools: ['Read'],
    mapToolName: () => null,
    inputSchemas: {
      Read: {
        type: 'object',
        properties: { limit: { type: 'integer' }, pages: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      },
    },
  };

  it.each([
    ['Read', 'limit', ['integer']],
    ['Read', 'pages', ['string', 'null']],
    ['Read', 'unknown', []],
    [null, 'limit', []],
  ] as const)('reads the types of %s.%s', (tool, param, types) => {
    expect(declaredTypes(ctx, tool, param)).toEqual(types);
  });
});
