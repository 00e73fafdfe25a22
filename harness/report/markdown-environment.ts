/** The environment and settings sections of report.md. */
import { acceleratorText, modelFactsTable } from './markdown-facts.ts';
import { mdTable } from './markdown-table.ts';
import type { BenchReport, Environment } from './types.ts';

function hostRows(env: Environment): string[][] {
  return [
    ['Host', env.host],
    ['OS', `${env.os} ${env.arch}`],
    ['CPU', `${env.cpu} (${env.cpuCores} cores)`],
    ['Accelerator', acceleratorText(env.accelerator)],
    ['Memory', `${env.memoryGiB} GiB`],
    ['Node', env.node],
    ['Harness', `${env.harness.version}${env.harness.gitSha === null ? '' : ` (${env.harness.gitSha})`}`],
    [
      'Backend',
      `${env.backend.kind} (${env.backend.dialect} dialect) at ${env.backend.url}, version ${env.backend.version ?? 'unknown'}` +
        (env.backend.scripted ? ' — scripted' : ''),
    ],
    [
      'Claude Code',
      env.claudeCode.length === 0
        ? 'not used'
        : env.claudeCode
            .map(
              (c) =>
                `${c.version} (${c.path})${c.unsupported.length === 0 ? '' : `; ignores ${c.unsupported.join(', ')}`}`,
            )
            .join('; '),
    ],
  ];
}

/** The model table in the experiment's shape; per host when a merged report ran models on several. */
function modelFacts(environments: readonly Environment[]): string {
  const tables = environments
    .filter((env) => Object.keys(env.models).length > 0)
    .map((env) => {
      const table = modelFactsTable(env.models);
      return environments.length > 1 ? `**${env.host}**\n\n${table}` : table;
    });
  return tables.length === 0 ? '' : `\n\n### Models\n\n${tables.join('\n\n')}`;
}

/** "## Environment": one host table, or one row per host for merged reports, plus model facts. */
export function environmentSection(report: BenchReport): string {
  const hosts = report.hosts !== undefined && report.hosts.length > 0 ? report.hosts : [report.environment];
  if (hosts.length === 1) {
    const env = hosts[0] as Environment;
    return `## Environment\n\n${mdTable(['', 'Value'], hostRows(env))}${modelFacts(hosts)}`;
  }
  const rows = hosts.map((env) => {
    const cells = hostRows(env).map(([, value]) => value as string);
    return cells;
  });
  const headers = hostRows(hosts[0] as Environment).map(([name]) => name as string);
  return `## Environment\n\nMerged from ${hosts.length} hosts.\n\n${mdTable(headers, rows)}${modelFacts(hosts)}`;
}

/** "## Settings": the knobs that shape the numbers, and shard conflicts of a merged report. */
export function settingsSection(report: BenchReport): string {
  const s = report.settings;
  const rows = [
    ['Tasks', s.tasks.join(', ')],
    ['Models', s.models.join(', ')],
    ['Modes', s.modes.join(', ')],
    ['Backend', s.backend],
    ['Repeat', String(s.repeat)],
    ['num_ctx', String(s.numCtx)],
    ['max_tokens', String(s.maxTokens)],
    ['temperature', String(s.temperature)],
    ['Rescue', s.rescue ? 'on' : 'off'],
    ['Settings hash', s.settingsHash],
  ];
  let text = `## Settings\n\n${mdTable(['Setting', 'Value'], rows)}`;
  if (s.shards !== undefined && s.shards.length > 0) {
    const shardRows = s.shards.map((shard) => [
      shard.host,
      shard.settingsHash,
      Object.entries(shard.conflicts)
        .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
        .join('; ') || '—',
    ]);
    text += `\n\nShards disagreed on some settings; the values above are the first shard's.\n\n${mdTable(['Shard host', 'Settings hash', 'Own values'], shardRows)}`;
  }
  return text;
}
