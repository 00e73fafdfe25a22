/** `pnpm bench sim [--port N]`: the scripted model server on its own port (loopback only). */
import { listPersonas, startSimServer } from '../../sim/server.ts';
import { subcommands } from '../command-table.ts';
import { positiveInt } from '../parse-bench-args.ts';
import { parseCommandArgs } from '../parse-command-args.ts';

export async function runSimCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, subcommands.sim);
  const port = positiveInt('port', values.port, 11435);
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
