import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron.ts';

describe('cronProblem', () => {
  it.each(['17 2 * * *', '0 0 * * 0', '*/15 1-5 1,15 JAN-MAR MON-FRI', '30 23 31 12 6', '0 */2 * * *', '5 4 * * sun'])(
    'accepts %s',
    (expression) => {
      expect(cronProblem(expression)).toBeNull();
    },
  );

  it.each([
    ['0 2 * *', /expected 5 fields/],
    ['0 2 * * * *', /expected 5 fields/],
    ['60 2 * * *', /^minute: "60"/],
    ['0 24 * * *', /^hour: "24"/],
    ['0 2 0 * *', /^day of month: "0"/],
    ['0 2 * 13 *', /^month: "13"/],
    ['0 2 * * 7', /^day of week: "7"/],
    ['0 5-1 * * *', /runs backwards/],
    ['*/0 * * * *', /step "0"/],
    ['5/10 * * * *', /a step needs a range/],
    ['@daily', /expected 5 fields/],
    ['0 2 * * MONDAY', /"MONDAY" is not a day of week/],
  ])('rejects %s', (expression, reason) => {
    expect(cronProblem(expression)).toMatch(reason);
  });
});
