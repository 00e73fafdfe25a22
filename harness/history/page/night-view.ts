/** A night's drill-down: every run with its evidence and protocol errors, and the night's report.md. */
import { formatRate, formatSeconds, outcomeClass, outcomeText } from '../view/format.ts';
import type { Route } from '../view/route.ts';
import { groupParam, groupSelected } from '../view/route.ts';
import type { NightView, RunView } from '../view-model.ts';
import type { PageContext } from './context.ts';
import { h } from './dom.ts';
import { nightPicker } from './night-picker.ts';

type NightRoute = Extract<Route, { view: 'night' }>;

function evidenceList(run: RunView): HTMLElement {
  if (run.evidence.length === 0) return h('p', { class: 'empty' }, 'No evidence recorded.');
  const list = h('ol', { class: 'evidence' });
  run.evidence.forEach((e, i) => {
    list.append(
      h(
        'li',
        { class: i === 0 ? 'deciding' : null },
        h(
          'span',
          { class: 'evidence-kind' },
          `${i === 0 ? 'Deciding: ' : ''}${e.kind}${e.source === null ? '' : ` (${e.source})`}`,
        ),
        h('blockquote', {}, e.quote),
        h('span', { class: 'shows' }, `shows ${e.shows}`),
      ),
    );
  });
  return list;
}

function protocolList(run: RunView): HTMLElement | null {
  if (run.protocolErrors.length === 0) return null;
  const list = h('ul', { class: 'protocol-errors' });
  for (const p of run.protocolErrors) {
    list.append(
      h(
        'li',
        {},
        `${p.kind.replace(/_/g, ' ')}: ${p.tool}${p.repairedBy === null ? ', not repaired' : `, repaired by ${p.repairedBy.replace(/_/g, ' ')}`}`,
      ),
    );
  }
  return h('div', {}, h('h5', {}, 'Protocol errors'), list);
}

function runDetails(run: RunView, open: boolean): HTMLDetailsElement {
  const summary = [
    `#${run.attempt}${run.rescue ? ' rescue' : ''}`,
    outcomeText(run),
    `${formatRate(run.decodeTokensPerSec)} tok/s`,
    `TTFT ${formatSeconds(run.ttftMs)}`,
    `ref ${run.referenceTests.passed}/${run.referenceTests.total}`,
  ].join(' · ');
  return h(
    'details',
    { id: `run-${run.id}`, class: `run ${outcomeClass(run)}`, 'data-run-id': run.id, open },
    h('summary', { 'data-key': `run-${run.id}` }, summary),
    run.error === null
      ? null
      : h('p', { class: 'run-error' }, `${run.error.cause.replace(/_/g, ' ')}: ${run.error.message}`),
    run.fixable === null ? null : h('p', { class: 'fixable' }, `Fixable: ${run.fixable}`),
    h('p', { class: 'run-meta' }, `Run ${run.id} · Claude Code ${run.claudeCode ?? '?'}`),
    evidenceList(run),
    protocolList(run),
  );
}

function runsByGroup(runs: readonly RunView[], route: NightRoute): HTMLElement {
  const box = h('div', { class: 'runs' });
  const groups = new Map<string, RunView[]>();
  for (const run of runs) groups.set(groupParam(run), [...(groups.get(groupParam(run)) ?? []), run]);
  for (const [key, members] of groups) {
    const first = members[0] as RunView;
    const selectedGroup = groupSelected(route.group, key);
    const section = h('section', { class: `run-group${selectedGroup ? ' selected' : ''}`, 'data-group': key });
    const release = first.claudeCode === null ? '' : ` · Claude Code ${first.claudeCode}`;
    section.append(h('h4', {}, `${first.model} · ${first.task} · ${first.mode}${release}`));
    for (const run of members) section.append(runDetails(run, selectedGroup || route.run === run.id));
    box.append(section);
  }
  return box;
}

function nightHeader(night: NightView): HTMLElement {
  const facts = h(
    'p',
    { class: 'night-facts' },
    `Started ${night.startedAt.replace('T', ' ').slice(0, 16)} UTC on ${night.hosts.join(', ')}; report schema v${night.schemaVersion}. `,
    h('a', { href: night.reportMd }, `report.md of ${night.id}`),
  );
  if (night.regressions.length === 0) return facts;
  const list = h('ul', { class: 'regressions' });
  for (const r of night.regressions)
    list.append(h('li', {}, `▼ ${r.model} · ${r.task} · ${r.mode}: ${r.reasons.join('; ')}`));
  return h('div', {}, facts, h('h3', {}, 'Regressions against the night before'), list);
}

/** Opens and focuses the run or group the route names once the runs are on the page. */
function reveal(box: HTMLElement, route: NightRoute): void {
  const target =
    (route.run === null ? null : box.querySelector<HTMLElement>(`[data-run-id="${CSS.escape(route.run)}"]`)) ??
    [...box.querySelectorAll<HTMLElement>('[data-group]')]
      .find((section) => groupSelected(route.group, section.dataset.group ?? ''))
      ?.querySelector<HTMLElement>('details') ??
    null;
  if (target === null) return;
  target.scrollIntoView({ block: 'start' });
  target.querySelector('summary')?.focus({ preventScroll: true });
}

/** The drill-down of the route's night (the latest when none is given); runs load from the night's script. */
export function renderNight(ctx: PageContext, route: NightRoute): HTMLElement {
  const { nights } = ctx.data;
  const night = nights.find((n) => n.id === route.night) ?? nights[nights.length - 1];
  if (night === undefined) return h('section', {}, h('h2', {}, 'Nights'), h('p', { class: 'empty' }, 'No nights.'));
  const box = h('div', { class: 'runs-box', 'aria-busy': 'true' }, h('p', {}, 'Loading the runs…'));
  ctx.nightRuns(night.id).then(
    (loaded) => {
      box.replaceChildren(runsByGroup(loaded.runs, route));
      box.setAttribute('aria-busy', 'false');
      reveal(box, route);
    },
    (error: unknown) => box.replaceChildren(h('p', { class: 'run-error' }, `Cannot load the runs: ${String(error)}`)),
  );
  return h(
    'section',
    { 'aria-labelledby': 'night-title' },
    h('h2', { id: 'night-title' }, `Night ${night.id}`),
    h(
      'div',
      { class: 'controls' },
      nightPicker(nights, night.id, (id) =>
        ctx.go({ ...ctx.state, route: { view: 'night', night: id, group: null, run: null } }),
      ),
    ),
    nightHeader(night),
    box,
  );
}
