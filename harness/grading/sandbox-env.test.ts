import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graderEnv, isSecretEnvName } from './sandbox-env.ts';

describe('isSecretEnvName', () => {
  it.each([
    ['ANTHROPIC_API_KEY', true],
    ['ANTHROPIC_AUTH_TOKEN', true],
    ['OPENAI_API_KEY', true],
    ['AWS_ACCESS_KEY_ID', true],
    ['AWS_PROFILE', true],
    ['GITHUB_TOKEN', true],
    ['GH_PAT', true],
    ['HF_TOKEN', true],
    ['NPM_CONFIG_REGISTRY', true],
    ['DB_PASSWORD', true],
    ['MY_SERVICE_SECRET', true],
    ['SSH_AUTH_SOCK', true],
    ['DATABASE_URL', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['API_KEY', true],
    ['PATH', false],
    ['HOME', false],
    ['LANG', false],
    ['KEYBOARD_LAYOUT', false],
    ['PYTHONPATH', false],
    ['TERM', false],
  ])('%s → %s', (name, expected) => {
    expect(isSecretEnvName(name)).toBe(expected);
  });
});

describe('graderEnv', () => {
  const source = {
    PATH: '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    HOME: '/home/user',
    ANTHROPIC_API_KEY: 'sk-ant-secret',
    AWS_SECRET_ACCESS_KEY: 'aws-secret',
    GITHUB_TOKEN: 'ghp_secret',
    EDITOR: 'vim',
    PYTEST_ADDOPTS: '--pdb',
  };

  it('builds the environment from the allowlist only', () => {
    const env = graderEnv('/tmp/work', {}, source);
    expect(Object.keys(env).sort()).toEqual(
      [
        'HOME',
        'LANG',
        'LC_ALL',
        'PATH',
        'PYTHONDONTWRITEBYTECODE',
        'PYTHONIOENCODING',
        'PYTHONPATH',
        'PYTHONUSERBASE',
        'TMPDIR',
      ].sort(),
    );
    expect(Object.values(env).join(' ')).not.toMatch(/secret/);
  });

  it('gives model code a throwaway HOME and TMPDIR under the workdir and the workdir on PYTHONPATH', () => {
    const env = graderEnv('/tmp/work', {}, source);
    expect(env.HOME).toBe(path.join('/tmp/work', '.harness', 'home'));
    expect(env.TMPDIR).toBe(path.join('/tmp/work', '.harness', 'tmp'));
    expect(env.PYTHONPATH).toBe('/tmp/work');
    expect(env.PYTHONDONTWRITEBYTECODE).toBe('1');
    expect(env.PATH).toBe('/usr/bin:/bin');
    expect([env.LANG, env.LC_ALL]).toEqual(['en_US.UTF-8', 'en_US.UTF-8']);
    expect(env.PYTHONUSERBASE).toBe('/home/user/.local');
  });

  it('adds the extra variables last', () => {
    const env = graderEnv('/tmp/work', { GRADER_WORKSPACE: '/tmp/work', PYTHONPATH: '/x' }, source);
    expect(env.GRADER_WORKSPACE).toBe('/tmp/work');
    expect(env.PYTHONPATH).toBe('/x');
  });
});
