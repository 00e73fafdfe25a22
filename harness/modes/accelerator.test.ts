import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { Accelerator } from '../core/facts.ts';
import { appleGpu, type CommandOutcome, type CommandRunner, detectAccelerator, parseNvidiaSmi } from './accelerator.ts';

const validAccelerator = new Ajv({ strict: false }).compile(Accelerator);

/** The stdout a host fixture recorded. */
function recorded(file: string): string {
  const url = new URL(`../../fixtures/host/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { stdout: string }).stdout;
}

/** A runner that answers each command from a table; anything else is not installed. */
function runner(answers: Record<string, CommandOutcome>): CommandRunner {
  return async (command) => answers[command] ?? { ok: false, reason: 'not found' };
}

const sysctl: CommandOutcome = { ok: true, stdout: '38654705664\nApple M3 Pro\n' };

interface Case {
  name: string;
  platform: string;
  answers: Record<string, CommandOutcome>;
  expected: Accelerator;
}

describe('detectAccelerator', () => {
  it.each<Case>([
    {
      name: 'an Apple M3 Pro: chip, GPU cores and unified memory',
      platform: 'darwin',
      answers: { system_profiler: { ok: true, stdout: recorded('system-profiler-m3-pro.json') }, sysctl },
      expected: { kind: 'apple', chip: 'Apple M3 Pro', gpuCores: 14, unifiedMemoryGiB: 36 },
    },
    {
      name: 'an Intel Mac: no Apple GPU, said plainly with what was found',
      platform: 'darwin',
      answers: { system_profiler: { ok: true, stdout: recorded('system-profiler-intel-iris.json') } },
      expected: { kind: 'none', checked: ['system_profiler: no Apple GPU (Intel Iris Graphics 6100)'] },
    },
    {
      name: 'one NVIDIA GPU',
      platform: 'linux',
      answers: { 'nvidia-smi': { ok: true, stdout: recorded('nvidia-smi-rtx-2080.json') } },
      expected: { kind: 'nvidia', gpus: [{ name: 'GeForce RTX 2080', memoryMiB: 7979, driver: '440.64' }] },
    },
    {
      name: 'two NVIDIA GPUs',
      platform: 'linux',
      answers: { 'nvidia-smi': { ok: true, stdout: recorded('nvidia-smi-two-quadro.json') } },
      expected: {
        kind: 'nvidia',
        gpus: [
          { name: 'Quadro RTX 4000', memoryMiB: 8192, driver: '535.129.03' },
          { name: 'Quadro RTX 4000', memoryMiB: 8192, driver: '535.129.03' },
        ],
      },
    },
    {
      name: 'a Linux host without nvidia-smi',
      platform: 'linux',
      answers: {},
      expected: { kind: 'none', checked: ['nvidia-smi: not found'] },
    },
    {
      name: 'nvidia-smi without a working driver',
      platform: 'linux',
      answers: {
        'nvidia-smi': {
          ok: false,
          reason: "exit 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
        },
      },
      expected: {
        kind: 'none',
        checked: ["nvidia-smi: exit 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."],
      },
    },
  ] satisfies Array<{
    name: string;
    platform: string;
    answers: Record<string, CommandOutcome>;
    expected: Accelerator;
  }>)('reads $name', async ({ platform, answers, expected }) => {
    const accelerator = await detectAccelerator(platform, runner(answers));
    expect(accelerator).toEqual(expected);
    expect(validAccelerator(accelerator)).toBe(true);
  });

  it('names the chip from sysctl when system_profiler gives only its kHW_ item name', async () => {
    const displays = JSON.stringify({
      SPDisplaysDataType: [{ _name: 'kHW_AppleM1Item', spdisplays_vendor: 'sppci_vendor_Apple' }],
    });
    const accelerator = await detectAccelerator(
      'darwin',
      runner({
        system_profiler: { ok: true, stdout: displays },
        sysctl: { ok: true, stdout: '17179869184\nApple M1\n' },
      }),
    );
    expect(accelerator).toEqual({ kind: 'apple', chip: 'Apple M1', gpuCores: null, unifiedMemoryGiB: 16 });
  });
});

describe('appleGpu', () => {
  it.each(['', 'not json', '{}', '{"SPDisplaysDataType": 3}'])('gives null for unreadable output %j', (stdout) => {
    expect(appleGpu(stdout)).toBeNull();
  });
});

describe('parseNvidiaSmi', () => {
  it('keeps a GPU whose memory.total reads [N/A], with memory null', () => {
    expect(parseNvidiaSmi('Example GPU, [N/A], 550.54.14\n')).toEqual([
      { name: 'Example GPU', memoryMiB: null, driver: '550.54.14' },
    ]);
  });
});
