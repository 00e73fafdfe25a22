/**
 * Test instrument: the real Claude Code CLI through the real proxy to the scripted sim server,
 * all on loopback, ready to run `runAgentOnce` for any persona. Used by the agent end-to-end
 * tests and by record-fixtures.ts; not part of a bench.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchSettings } from '../../../config/types.ts';
import { silentLogger, systemClock } from '../../../core/context.ts';
import { resolveGraderPython } from '../../../grading/python.ts';
import { defaultProxyOptions, proxyDefaults, startProxy } from '../../../proxy/index.ts';
import type { ProxyHandle } from '../../../proxy/types.ts';
import type { SimServer } from '../../../sim/index.ts';
import { startSimServer } from '../../../sim/index.ts';
import { loadTask } from '../../../tasks/load-task.ts';
import type { ClaudeCli, GraderPython, KnownContext, RunContext } from '../../context.ts';
import { resolveClaudeCli } from '../resolve-claude.ts';

export interface AgentKit {
  sim: SimServer;
  proxy: ProxyHandle;
  python: GraderPython;
  claude: ClaudeCli;
  reportDir: string;
  /** A run context for one persona on one task. */
  context(options: {
    model: string;
    taskId: string;
    runId: string;
    rescue?: boolean;
    timeoutSec?: number;
    maxTurns?: number;
    measureFixability?: boolean;
    /** The server context the preflight would have found (null: unknown). */
    serverContext?: KnownContext | null;
  }): Promise<RunContext>;
  close(): Promise<void>;
}

/** Settings as a sim bench would resolve them, with small limits. */
export function kitSettings(overrides: Partial<BenchSettings> = {}): BenchSettings {
  return {
    models: [],
    tasks: [],
    modes: ['agent'],
    backend: 'sim',
    dialect: 'ollama',
    simServer: 'ollama',
    baseUrl: null,
    outDir: '',
    repeat: 1,
    numCtx: 32768,
    maxTokens: 8192,
    temperature: 0,
    think: false,
    limitsGiven: { timeout: true, maxTurns: true },
    timeoutSec: 120,
    maxTurns: 12,
    rescue: false,
    loopLimit: proxyDefaults.loopLimit,
    measureFixability: false,
    python: null,
    claudeVersions: [],
    claudeBin: null,
    resumeDir: null,
    debug: false,
    ...overrides,
  };
}

/**
 * Start sim and proxy (the sim's waits scaled to nothing) and find CLI and Python. The proxy speaks
 * `dialect` to the sim (ollama by default); no preflight runs, so a server the preflight would
 * refuse can be driven to show what happens at run time.
 */
export async function startAgentKit(
  options: {
    reportDir?: string;
    timeScale?: number;
    dialect?: BenchSettings['dialect'];
    simServer?: BenchSettings['simServer'];
    /** The scripted Ollama cuts an oversize prompt whatever the request says (one older than `truncate`). */
    ignoresTruncate?: boolean;
    loopLimit?: number;
  } = {},
): Promise<AgentKit> {
  const dialect = options.dialect ?? 'ollama';
  const reportDir = options.reportDir ?? (await mkdtemp(path.join(tmpdir(), 'agent-kit-')));
  const ownsReportDir = options.reportDir === undefined;
  const [python, claude] = await Promise.all([
    resolveGraderPython({ modules: ['pytest', 'fastapi', 'httpx'] }),
    resolveClaudeCli(null),
  ]);
  const simServer = options.simServer ?? 'ollama';
  const loopLimit = options.loopLimit ?? proxyDefaults.loopLimit;
  const sim = await startSimServer({
    timeScale: options.timeScale ?? 0,
    flavour: simServer,
    ignoresTruncate: options.ignoresTruncate ?? false,
  });
  const proxy = await startProxy(defaultProxyOptions({ dialect, baseUrl: sim.url, pingIntervalMs: 1000, loopLimit }));
  return {
    sim,
    proxy,
    python,
    claude,
    reportDir,
    async context(o) {
      const task = await loadTask(o.taskId);
      return {
        runId: o.runId,
        model: o.model,
        task,
        attempt: 1,
        rescue: o.rescue ?? false,
        serverContext: o.serverContext ?? null,
        settings: kitSettings({
          dialect,
          simServer,
          loopLimit,
          models: [o.model],
          tasks: [o.taskId],
          baseUrl: sim.url,
          outDir: reportDir,
          rescue: o.rescue ?? false,
          timeoutSec: o.timeoutSec ?? 120,
          maxTurns: o.maxTurns ?? 12,
          measureFixability: o.measureFixability ?? false,
        }),
        proxy,
        python,
        runDir: path.join(reportDir, 'runs', o.runId),
        reportDir,
        claude,
        clock: systemClock,
        logger: silentLogger,
      };
    },
    async close() {
      await proxy.close();
      await sim.close();
      if (ownsReportDir) await rm(reportDir, { recursive: true, force: true });
    },
  };
}
