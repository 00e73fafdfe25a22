/** Checking the cron expressions of a workflow's `schedule` trigger (five POSIX fields, as GitHub reads them). */

interface CronField {
  name: string;
  min: number;
  max: number;
  /** Three-letter names GitHub accepts in place of numbers (JAN = 1, SUN = 0). */
  names?: readonly string[];
}

const cronFields: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function fieldValue(text: string, field: CronField): number | null {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : null;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index < 0 ? null : index + (field.min === 1 ? 1 : 0);
}

function itemProblem(item: string, field: CronField): string | null {
  const match = /^(\*|[^/-]+(?:-[^/-]+)?)(?:\/(\d+))?$/.exec(item);
  if (match === null) return `"${item}" is not a value, range, list or step`;
  const [, range = '', step] = match;
  if (step !== undefined && (Number(step) < 1 || Number(step) > field.max)) return `step "${step}" is out of range`;
  if (range === '*') return null;
  const [from = '', to] = range.split('-');
  const low = fieldValue(from, field);
  if (low === null) return `"${from}" is not a ${field.name} (${field.min}-${field.max})`;
  if (to === undefined) return step === undefined ? null : `a step needs a range or "*", not "${item}"`;
  const high = fieldValue(to, field);
  if (high === null) return `"${to}" is not a ${field.name} (${field.min}-${field.max})`;
  return high < low ? `range "${range}" runs backwards` : null;
}

/** Why `expression` is not a five-field cron schedule GitHub accepts, or null when it is one. */
export function cronProblem(expression: string): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== cronFields.length)
    return `expected 5 fields (minute hour day month weekday), got ${parts.length}`;
  for (const [i, part] of parts.entries()) {
    const field = cronFields[i] as CronField;
    for (const item of part.split(',')) {
      const problem = itemProblem(item, field);
      if (problem !== null) return `${field.name}: ${problem}`;
    }
  }
  return null;
}
