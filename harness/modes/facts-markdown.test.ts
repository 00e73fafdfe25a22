/**
 * From recorded outputs to report.md: server answers (/api/show, /api/ps, /props, /v1/models,
 * /api/v0/models) and host commands (system_profiler, sysctl, nvidia-smi) read by the harness's
 * parsers, written by the report's facts writers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ollamaModelFacts } from '../backends/ollama/ollama-facts.ts';
import { llamaServerModelFacts } from '../backends/shared/llama-server-facts.ts';
import { lmStudioEntry, lmStudioModelFacts } from '../backends/shared/lm-studio-facts.ts';
import { type ListedModel, listedModels } from '../backends/shared/models-list.ts';
import { vllmModelFacts } from '../backends/shared/vllm-facts.ts';
import { factsBody } from '../backends/test-kit/facts-fixtures.ts';
import { acceleratorText, modelFactsTable } from '../report/markdown-facts.ts';
import { type CommandRunner, detectAccelerator } from './accelerator.ts';

function hostStdout(file: string): string {
  const url = new URL(`../../fixtures/host/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { stdout: string }).stdout;
}

function firstListed(server: 'llama-server' | 'vllm', file: string): ListedModel {
  return (listedModels(factsBody(server, file)) as ListedModel[])[0] as ListedModel;
}

describe('report.md facts from recorded outputs', () => {
  it('writes the accelerator line from system_profiler and sysctl on an M3 Pro', async () => {
    const run: CommandRunner = async (command) =>
      command === 'system_profiler'
        ? { ok: true, stdout: hostStdout('system-profiler-m3-pro.json') }
        : { ok: true, stdout: '38654705664\nApple M3 Pro\n' };
    expect(acceleratorText(await detectAccelerator('darwin', run))).toBe(
      'Apple M3 Pro, 14-core GPU, 36 GiB unified memory',
    );
  });

  it('writes the accelerator line from nvidia-smi', async () => {
    const run: CommandRunner = async () => ({ ok: true, stdout: hostStdout('nvidia-smi-two-quadro.json') });
    expect(acceleratorText(await detectAccelerator('linux', run))).toBe(
      '2 × Quadro RTX 4000 (8,192 MiB, driver 535.129.03)',
    );
  });

  it('writes the model table from Ollama, llama-server, vLLM and LM Studio answers', () => {
    const ollama = (file: string): unknown => factsBody('ollama', file);
    const lmStudio = lmStudioEntry(factsBody('lm-studio', 'api-v0-models-loaded-12918.json'), 'google/gemma-3-4b');
    const table = modelFactsTable({
      'qwen3-coder:30b': ollamaModelFacts('qwen3-coder:30b', {
        show: ollama('show-qwen3-coder-30b.json'),
        tags: ollama('tags-qwen3-coder-30b.json'),
        ps: ollama('ps-qwen3-coder-30b.json'),
      }),
      gemma4: ollamaModelFacts('gemma4', {
        show: ollama('show-gemma4.json'),
        tags: ollama('tags-gemma4.json'),
        ps: ollama('ps-gemma4.json'),
      }),
      'Meta-Llama-3.1-8B (llama-server)': llamaServerModelFacts(
        factsBody('llama-server', 'props-readme.json'),
        firstListed('llama-server', 'v1-models-readme.json'),
      ),
      'tiny (llama-server, recorded)': llamaServerModelFacts(
        factsBody('llama-server', 'props-tiny-np4-override.json'),
        firstListed('llama-server', 'v1-models-tiny-np4-override.json'),
      ),
      'Meta-Llama-3-8B (vLLM)': vllmModelFacts(firstListed('vllm', 'v1-models.json')),
      'google/gemma-3-4b': lmStudioModelFacts(lmStudio ?? {}),
    });
    expect(table.split('\n')).toEqual([
      '| Model | Architecture | Total / active params | Quantisation | VRAM | Context |',
      '|---|---|---|---|---|---|',
      '| qwen3-coder:30b | qwen3moe (MoE, 128 experts, 8 used per token) | 30.5B / 3.4B | Q4_K_M | 18.2 GiB, all on the GPU | 4,096 (trained 262,144) |',
      '| gemma4 | gemma4 (dense) | — | Q4_K_M | 5.0 of 6.1 GiB on the GPU — partial CPU offload | 4,096 (trained 131,072) |',
      '| Meta-Llama-3.1-8B (llama-server) | — | 8.0B / — | — | — | 1,024 (trained 131,072) |',
      '| tiny (llama-server, recorded) | — | 513K / — | F16 | — | 4,096 (trained 131,072) |',
      '| Meta-Llama-3-8B (vLLM) | — | — | — | — | 8,192 |',
      '| google/gemma-3-4b | gemma3 | — | Q4_K_M | — | 12,918 (trained 131,072) |',
      '',
      'Read from qwen3-coder:30b: ollama /api/show, ollama /api/tags, ollama /api/ps; gemma4: ollama /api/show, ollama /api/tags, ollama /api/ps; Meta-Llama-3.1-8B (llama-server): llama-server /v1/models, llama-server /props; tiny (llama-server, recorded): llama-server /v1/models, llama-server /props; Meta-Llama-3-8B (vLLM): vllm /v1/models; google/gemma-3-4b: lm-studio /api/v0/models.',
    ]);
  });
});
