/** `pnpm bench sim [--port N]`: the scripted model server on its own port (loopback only). */
import { parseArgs } from 'node:util';
import { HarnessError } from '../../core/errors.ts';
import { listPersonas, startSimServer } from '../../sim/server.ts';
import { positiveInt } from '../parse-bench-args.ts';

export async function runSimCommand(argv: string[]): Promise<number> {
  let port: number;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: { port: { type: 'string' }, debug: { type: 'boolean' } },
    });
    port = positiveInt('port', values.port, 11435);
  } catch (error) {
    if (error instanceof HarnessError) throw error;
    throw new HarnessError('USAGE', (error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const sim = await startSimServer({ port });
  process.stdout.write(`Scripted model server (not a real model) at ${sim.url}\n`);
  process.stdout.write(`Dialects: Ollama /api/chat, Anthropic /v1/messages, OpenAI /v1/chat/completions\n`);
  process.stdout.write(`Personas (use as model names):\n`);
  for (const p of listPersonas())
    process.stdout.write(`  ${p.name.padEnd(16)} ${p.modes.join('+').padEnd(10)} ${p.description}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sim.close();
  return 0;
}
