/**
 * The accelerator in the environment fingerprint, for an LLM benchmark the most important
 * hardware fact: the Apple chip, its GPU cores and unified memory (`system_profiler
 * SPDisplaysDataType -json`, `sysctl`), or the NVIDIA GPUs (`nvidia-smi --query-gpu`), or none —
 * said plainly, with what was tried. Commands run through an injected runner, so the parsing is
 * tested on recorded outputs.
 */
import { execFile } from 'node:child_process';
import type { Accelerator, NvidiaGpu } from '../core/facts.ts';
import { isRecord, nonEmptyText } from '../core/json.ts';

/** How a command ended: its stdout, or why it gave none ("not found", "exit 9: …"). */
export type CommandOutcome = { ok: true; stdout: string } | { ok: false; reason: string };

/** Runs one command with arguments; never throws. */
export type CommandRunner = (command: string, args: readonly string[]) => Promise<CommandOutcome>;

const nvidiaSmiArgs = ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits'];

/** The host's accelerator; `platform` is process.platform. */
export async function detectAccelerator(platform: string, run: CommandRunner): Promise<Accelerator> {
  const checked: string[] = [];
  if (platform === 'darwin') {
    const displays = await run('system_profiler', ['SPDisplaysDataType', '-json']);
    const gpu = displays.ok ? appleGpu(displays.stdout) : null;
    if (gpu?.kind === 'apple') {
      const sysctl = await run('sysctl', ['-n', 'hw.memsize', 'machdep.cpu.brand_string']);
      const host = sysctl.ok ? parseSysctl(sysctl.stdout) : { memoryGiB: null, brand: null };
      const chip = gpu.chip ?? host.brand ?? 'Apple silicon';
      return { kind: 'apple', chip, gpuCores: gpu.gpuCores, unifiedMemoryGiB: host.memoryGiB };
    }
    checked.push(`system_profiler: ${displays.ok ? describeNonApple(gpu) : displays.reason}`);
    return { kind: 'none', checked };
  }
  const smi = await run('nvidia-smi', nvidiaSmiArgs);
  const gpus = smi.ok ? parseNvidiaSmi(smi.stdout) : [];
  if (gpus.length > 0) return { kind: 'nvidia', gpus };
  checked.push(`nvidia-smi: ${smi.ok ? 'no GPU listed' : smi.reason}`);
  return { kind: 'none', checked };
}

/** The GPU `system_profiler SPDisplaysDataType -json` shows: Apple's, other ones by name, or unreadable output. */
export function appleGpu(
  json: string,
): { kind: 'apple'; chip: string | null; gpuCores: number | null } | { kind: 'other'; names: string[] } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const items = isRecord(parsed) && Array.isArray(parsed.SPDisplaysDataType) ? parsed.SPDisplaysDataType : null;
  if (items === null) return null;
  const gpus = items.filter(isRecord);
  const name = (gpu: Record<string, unknown>): string | null =>
    nonEmptyText(gpu.sppci_model) ?? (nonEmptyText(gpu._name)?.startsWith('kHW_') ? null : nonEmptyText(gpu._name));
  const apple = gpus.find((gpu) => gpu.spdisplays_vendor === 'sppci_vendor_Apple' || name(gpu)?.startsWith('Apple '));
  if (apple === undefined) return { kind: 'other', names: gpus.map(name).filter((n): n is string => n !== null) };
  const cores = Number.parseInt(String(apple.sppci_cores ?? ''), 10);
  return { kind: 'apple', chip: name(apple), gpuCores: Number.isInteger(cores) && cores > 0 ? cores : null };
}

/** The GPUs in `nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader,nounits`. */
export function parseNvidiaSmi(csv: string): NvidiaGpu[] {
  const gpus: NvidiaGpu[] = [];
  for (const line of csv.split('\n')) {
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length < 3 || fields[0] === '') continue;
    // A name never has the last two columns' shape, but could hold a comma: join what is left.
    const driver = fields.pop() as string;
    const memory = Number(fields.pop());
    gpus.push({
      name: fields.join(', '),
      memoryMiB: Number.isFinite(memory) && memory > 0 ? memory : null,
      driver: /^\d[\w.]*$/.test(driver) ? driver : null,
    });
  }
  return gpus;
}

/** `sysctl -n hw.memsize machdep.cpu.brand_string`: unified memory in GiB and the chip's name. */
export function parseSysctl(stdout: string): { memoryGiB: number | null; brand: string | null } {
  const [memsize, brand] = stdout.split('\n').map((line) => line.trim());
  const bytes = Number(memsize);
  return {
    memoryGiB: Number.isFinite(bytes) && bytes > 0 ? Math.round((bytes / 1024 ** 3) * 10) / 10 : null,
    brand: brand === undefined || brand === '' ? null : brand,
  };
}

/** Runs commands with node's execFile: ENOENT is "not found", a failure is its exit code and first line. */
export const systemCommandRunner: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 15_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) return resolve({ ok: true, stdout });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ ok: false, reason: 'not found' });
      const said = `${stdout}\n${stderr}`.split('\n').find((line) => line.trim() !== '');
      const code = typeof error.code === 'number' ? `exit ${error.code}` : error.killed ? 'timed out' : 'failed';
      resolve({ ok: false, reason: said === undefined ? code : `${code}: ${said.trim()}` });
    });
  });

function describeNonApple(gpu: ReturnType<typeof appleGpu>): string {
  if (gpu === null) return 'output not understood';
  if (gpu.kind === 'apple') return 'Apple GPU';
  return gpu.names.length === 0 ? 'no GPU listed' : `no Apple GPU (${gpu.names.join(', ')})`;
}
