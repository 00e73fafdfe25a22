import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Environment variable names that may hold credentials. Both the grader environment and the
 * agent mode's CLI environment leave these out.
 */
export const secretEnvNamePatterns: readonly RegExp[] = [
  /(?:^|_)(?:API_?)?KEYS?(?:_|$)/i,
  /TOKEN/i,
  /SECRET/i,
  /PASS(?:WORD|WD|PHRASE)?(?:_|$)/i,
  /CREDENTIAL/i,
  /(?:^|_)AUTH(?:_|$)/i,
  /COOKIE/i,
  /SESSION/i,
  /PRIVATE/i,
  /^AWS_/i,
  /^AZURE_/i,
  /^(?:GCP|GCLOUD|GOOGLE)_/i,
  /^ANTHROPIC_/i,
  /^OPENAI_/i,
  /^(?:GH|GITHUB|GITLAB)_/i,
  /^(?:NPM|PNPM|YARN)_/i,
  /^HF_|^HUGGING_?FACE/i,
  /^SSH_/i,
  /^DATABASE_URL$|_DSN$/i,
];

/** True when an environment variable of this name may carry a secret. */
export function isSecretEnvName(name: string): boolean {
  return secretEnvNamePatterns.some((re) => re.test(name));
}

/**
 * The environment model-written code runs with: built from an allowlist (PATH, locale) plus a
 * throwaway HOME and TMPDIR under `workdir` (`.harness/home`, `.harness/tmp`; the caller
 * creates them), PYTHONDONTWRITEBYTECODE=1 and PYTHONPATH=workdir. Never any of the user's
 * secrets. PYTHONUSERBASE keeps `pip install --user` packages importable despite the new HOME.
 * `extra` is added last and wins.
 */
export function graderEnv(
  workdir: string,
  extra: Record<string, string> = {},
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: source.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: source.LANG ?? 'C.UTF-8',
    LC_ALL: source.LC_ALL ?? source.LANG ?? 'C.UTF-8',
    HOME: path.join(workdir, '.harness', 'home'),
    TMPDIR: path.join(workdir, '.harness', 'tmp'),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONPATH: workdir,
    PYTHONUSERBASE: source.PYTHONUSERBASE ?? path.join(source.HOME ?? homedir(), '.local'),
    PYTHONIOENCODING: 'utf-8',
  };
  return { ...env, ...extra };
}
