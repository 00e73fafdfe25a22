import { describe, expect, it } from 'vitest';
import { firstNpmErrorLine, readNpmViewOutput } from './npm-registry.ts';

// Verbatim output of `npm view @anthropic-ai/claude-code@<spec> version --json` (npm 11.19.1),
// stdout then stderr, captured on 2026-11-28.
const refusedStderr = `npm error code ECONNREFUSED
npm error syscall connect
npm error errno ECONNREFUSED
npm error FetchError: request to http://127.0.0.1:9/@anthropic-ai%2fclaude-code failed, reason: connect ECONNREFUSED 127.0.0.1:9
npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)
npm error A complete log of this run can be found in: /root/.npm/_logs/2026-11-28T05_16_37_305Z-debug-0.log`;

describe('readNpmViewOutput', () => {
  it.each([
    ['an exact version', '"2.1.85"\n', '', false, { status: 'found', version: '2.1.85' }],
    ['latest', '"2.1.332"\n', '', false, { status: 'found', version: '2.1.332' }],
    [
      'a range matching several',
      '[\n  "2.1.330",\n  "2.1.331",\n  "2.1.332"\n]\n',
      '',
      false,
      { status: 'found', version: '2.1.332' },
    ],
    [
      'a version the registry does not have',
      '{\n  "error": {\n    "code": "E404",\n    "summary": "No match found for version 9.9.9",\n    "detail": "The requested resource \'@anthropic-ai/claude-code@9.9.9\' could not be found or you do not have permission to access it."\n  }\n}\n',
      'npm error code E404\nnpm error 404 No match found for version 9.9.9\n',
      true,
      { status: 'not_found' },
    ],
    [
      'a registry that refuses the connection',
      '{\n  "error": {\n    "code": "ECONNREFUSED",\n    "summary": "FetchError: request to http://127.0.0.1:9/@anthropic-ai%2fclaude-code failed, reason: connect ECONNREFUSED 127.0.0.1:9",\n    "detail": ""\n  }\n}\n',
      refusedStderr,
      true,
      {
        status: 'unreachable',
        detail:
          'FetchError: request to http://127.0.0.1:9/@anthropic-ai%2fclaude-code failed, reason: connect ECONNREFUSED 127.0.0.1:9',
      },
    ],
    ['an empty answer', '', '', false, { status: 'not_found' }],
  ])('reads %s', (_what, stdout, stderr, failed, answer) => {
    expect(readNpmViewOutput(stdout, stderr, failed)).toEqual(answer);
  });
});

describe('firstNpmErrorLine', () => {
  it.each([
    [
      refusedStderr,
      'FetchError: request to http://127.0.0.1:9/@anthropic-ai%2fclaude-code failed, reason: connect ECONNREFUSED 127.0.0.1:9',
    ],
    [
      'npm error code ETARGET\nnpm error notarget No matching version found for @anthropic-ai/claude-code@9.9.9.\nnpm error notarget In most cases you or one of your dependencies are requesting\n',
      'notarget No matching version found for @anthropic-ai/claude-code@9.9.9.',
    ],
    ['', ''],
  ])('%#', (stderr, line) => {
    expect(firstNpmErrorLine(stderr)).toBe(line);
  });
});
