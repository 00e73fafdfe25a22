/**
 * The hardware and model facts of report.md: the accelerator as one line, and the model table in
 * the experiment's shape (Model | Architecture | Total / active params | Quantisation | VRAM | Context).
 * "—" where the backend did not say.
 */
import type { Accelerator, ModelFacts, NvidiaGpu } from '../core/facts.ts';
import { mdTable } from './markdown-table.ts';

const none = '—';

/** The accelerator as a table cell: "Apple M3 Pro, 14-core GPU, 36 GiB unified memory". */
export function acceleratorText(accelerator: Accelerator): string {
  switch (accelerator.kind) {
    case 'apple': {
      const cores = accelerator.gpuCores === null ? 'GPU cores unknown' : `${accelerator.gpuCores}-core GPU`;
      const memory =
        accelerator.unifiedMemoryGiB === null
          ? 'unified memory unknown'
          : `${accelerator.unifiedMemoryGiB} GiB unified memory`;
      return `${accelerator.chip}, ${cores}, ${memory}`;
    }
    case 'nvidia':
      return groupGpus(accelerator.gpus).join('; ');
    case 'none':
      return `none found (${accelerator.checked.join('; ') || 'nothing checked'})`;
  }
}

/** The model table, one row per model, and the endpoints each row was read from. */
export function modelFactsTable(models: Readonly<Record<string, ModelFacts>>): string {
  const entries = Object.entries(models);
  if (entries.length === 0) return '';
  const rows = entries.map(([model, facts]) => [
    model,
    architecture(facts),
    parameters(facts),
    facts.quantisation ?? none,
    memory(facts),
    context(facts),
  ]);
  const table = mdTable(['Model', 'Architecture', 'Total / active params', 'Quantisation', 'VRAM', 'Context'], rows);
  const sources = entries.map(([model, facts]) => `${model}: ${facts.sources.join(', ') || 'nothing'}`);
  return `${table}\n\nRead from ${sources.join('; ')}.`;
}

function architecture(facts: ModelFacts): string {
  const name = facts.architecture ?? none;
  if (facts.moe !== null) {
    const used = facts.moe.expertsUsed === null ? '' : `, ${facts.moe.expertsUsed} used per token`;
    return `${name} (MoE, ${facts.moe.experts} experts${used})`;
  }
  return facts.dense === true ? `${name} (dense)` : name;
}

function parameters(facts: ModelFacts): string {
  if (facts.parametersTotal === null && facts.parametersActive === null) return none;
  return `${count(facts.parametersTotal)} / ${count(facts.parametersActive)}`;
}

function memory(facts: ModelFacts): string {
  if (facts.memory === null) return none;
  const { sizeBytes, vramBytes, cpuOffload } = facts.memory;
  if (!cpuOffload) return `${gib(sizeBytes)} GiB, all on the GPU`;
  return `${gib(vramBytes)} of ${gib(sizeBytes)} GiB on the GPU — partial CPU offload`;
}

function context(facts: ModelFacts): string {
  const loaded = facts.contextLoaded === null ? none : facts.contextLoaded.toLocaleString('en-US');
  return facts.contextTrained === null ? loaded : `${loaded} (trained ${facts.contextTrained.toLocaleString('en-US')})`;
}

function groupGpus(gpus: readonly NvidiaGpu[]): string[] {
  const counts = new Map<string, number>();
  for (const gpu of gpus) {
    const memory = gpu.memoryMiB === null ? 'memory unknown' : `${gpu.memoryMiB.toLocaleString('en-US')} MiB`;
    const text = `${gpu.name} (${memory}, driver ${gpu.driver ?? 'unknown'})`;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, n]) => (n > 1 ? `${n} × ${text}` : text));
}

function count(parameters: number | null): string {
  if (parameters === null) return none;
  if (parameters >= 1e9) return `${(parameters / 1e9).toFixed(1)}B`;
  if (parameters >= 1e6) return `${(parameters / 1e6).toFixed(0)}M`;
  return `${(parameters / 1e3).toFixed(0)}K`;
}

function gib(bytes: number): string {
  return (bytes / 1024 ** 3).toFixed(1);
}
