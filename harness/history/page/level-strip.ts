/**
 * A strip of coloured cells, one per night (agent level, raw level, pass@k). The cells are links
 * to the night's runs; one tab stop per strip, arrow keys move between nights (roving tabindex).
 */
import { h } from './dom.ts';

export interface StripCell {
  nightId: string;
  className: string;
  /** Short text shown when the cells are wide enough ("3", "✓"). */
  text: string;
  /** What a screen reader says and the title shows. */
  label: string;
  href: string | null;
  regressed: boolean;
  changed: boolean;
}

const moves: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => Math.min(n - 1, i + 1),
  ArrowLeft: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/** The strip; `onFocusNight` is called with the night's index when a cell gets focus. */
export function levelStrip(
  title: string,
  key: string,
  cells: readonly StripCell[],
  current: number,
  onFocusNight: (index: number) => void,
): HTMLElement {
  const wide = cells.length <= 60;
  const row = h('div', {
    class: `strip${wide ? ' wide' : ''}`,
    role: 'group',
    'aria-label': `${title}, one cell per night`,
  });
  const elements = cells.map((cell, index) => {
    const classes = ['cell', cell.className, cell.regressed ? 'regressed' : '', cell.changed ? 'changed' : ''];
    const attrs = {
      class: classes.filter((c) => c !== '').join(' '),
      title: cell.label,
      'aria-label': cell.label,
      'data-night': cell.nightId,
      'data-key': `${key}-${cell.nightId}`,
      tabindex: index === current ? '0' : '-1',
      onfocus: () => onFocusNight(index),
    };
    return cell.href === null
      ? h('span', attrs, wide ? cell.text : '')
      : h('a', { ...attrs, href: cell.href }, wide ? cell.text : '');
  });
  row.addEventListener('keydown', (event) => {
    const move = moves[event.key];
    const from = elements.indexOf(document.activeElement as HTMLElement);
    if (move === undefined || from < 0) return;
    event.preventDefault();
    const to = move(from, elements.length);
    elements[from]?.setAttribute('tabindex', '-1');
    elements[to]?.setAttribute('tabindex', '0');
    elements[to]?.focus();
  });
  row.append(...elements);
  return h('div', { class: 'strip-row' }, h('span', { class: 'strip-title' }, title), row);
}
