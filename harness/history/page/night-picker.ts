/** A <select> of nights (latest first) with regression nights marked. */
import type { NightView } from '../view-model.ts';
import { selectField } from './dom.ts';

/** "2026-04-21 ▼ 2 regressions" for a regression night, the id otherwise. */
export function nightOptionText(night: NightView): string {
  const count = night.regressions.length;
  return count === 0 ? night.id : `${night.id} ▼ ${count} regression${count === 1 ? '' : 's'}`;
}

export function nightPicker(
  nights: readonly NightView[],
  selected: string,
  onPick: (nightId: string) => void,
): HTMLLabelElement {
  const options = [...nights].reverse().map((n) => ({ value: n.id, text: nightOptionText(n) }));
  return selectField('Night', 'night', options, selected, onPick);
}
