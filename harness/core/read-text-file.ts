/** Reading a file the user named, with a one-line error that says what to pass instead. */
import { readFile } from 'node:fs/promises';
import { HarnessError } from './errors.ts';

/**
 * The file's text; a missing or unreadable file throws HarnessError USAGE:
 * "Cannot read <what> <file> (ENOENT); <hint>."
 */
export async function readTextFile(file: string, what: string, hint: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new HarnessError('USAGE', `Cannot read ${what} ${file} (${code}); ${hint}.`, { cause: error });
  }
}
