/** The two synthetic histories: the committed fixture (32 nights × 4 models) and the benchmark's (365 × 20). */
import type { Mode } from '../../core/run.ts';
import type { OutcomeName } from './outcomes.ts';
import type { HistoryPlan, ModelStory } from './synthetic-history.ts';

/** The night the fixture plants its level drop: qwen3-coder:30b, agent, lru-cache, level 6 → 3. */
export const plantedDrop = { night: 24, model: 'qwen3-coder:30b', task: 'lru-cache', mode: 'agent' as Mode, level: 3 };

const claudeCodeChangeNight = 20;

const stories: readonly ModelStory[] = [
  {
    name: 'gemma4:26b',
    decodeTokensPerSec: 52,
    ttftRawMs: 420,
    ttftAgentMs: 3100,
    vramGiB: 17.6,
    outcome: () => 'success',
  },
  {
    name: 'qwen3-coder:30b',
    decodeTokensPerSec: 68,
    ttftRawMs: 350,
    ttftAgentMs: 2600,
    vramGiB: 19.1,
    outcome: (night, task, mode) =>
      night === plantedDrop.night && task === plantedDrop.task && mode === plantedDrop.mode ? 'tool_name' : 'success',
  },
  {
    name: 'qwen3.5:35b-a3b',
    decodeTokensPerSec: 81,
    ttftRawMs: 300,
    ttftAgentMs: 2300,
    vramGiB: 22.4,
    // Starts passing as an agent with the Claude Code release.
    outcome: (night, _task, mode) => (mode === 'agent' && night < claudeCodeChangeNight ? 'param_name' : 'success'),
  },
  {
    name: 'glm-4.7-flash',
    decodeTokensPerSec: 95,
    ttftRawMs: 260,
    ttftAgentMs: 2000,
    vramGiB: 18.3,
    outcome: (night, task, mode, attempt): OutcomeName => {
      if (mode === 'raw') return task === 'lru-cache' ? 'corruption' : 'success';
      return night === 27 && task === 'fastapi-smoke' && attempt === 2 ? 'timeout' : 'tool_name';
    },
  },
];

/** The committed fixture history under fixtures/history/. */
export const fixturePlan: HistoryPlan = {
  seed: 11,
  firstNight: '2026-03-01T02:17:00.000Z',
  nights: 33,
  missing: [6],
  repeat: 3,
  tasks: ['lru-cache', 'fastapi-smoke'],
  models: stories,
  backendUpgradeNight: 10,
  hostChangeNight: 14,
  claudeCodeChangeNight,
  repullNight: 18,
};

/** A year of nights with `modelCount` models (the fixture's four stories, renamed and at other speeds). */
export function yearPlan(modelCount = 20, nights = 365): HistoryPlan {
  const models = Array.from({ length: modelCount }, (_, i): ModelStory => {
    const story = stories[i % stories.length] as ModelStory;
    const scale = 0.6 + (i % 7) * 0.15;
    return { ...story, name: `${story.name}-v${i + 1}`, decodeTokensPerSec: story.decodeTokensPerSec * scale };
  });
  return { ...fixturePlan, seed: 365, nights, missing: [40, 41, 200], models, repullNight: 120 };
}
