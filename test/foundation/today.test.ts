import { afterEach, describe, expect, it } from 'vitest';
import { today } from '../../src/shared/today.ts';

describe("today(): the towns' calendar date, not the server's UTC date", () => {
  const saved = process.env.LUOSHI_TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.LUOSHI_TZ;
    else process.env.LUOSHI_TZ = saved;
  });

  it('turns over at midnight in China (16:00 UTC), by default', () => {
    delete process.env.LUOSHI_TZ;
    expect(today(new Date('2023-12-31T15:59:59Z'))).toBe('2023-12-31');
    expect(today(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
    expect(today(new Date('2024-03-01T07:30:00Z'))).toBe('2024-03-01');
  });

  it('follows LUOSHI_TZ when a county runs elsewhere', () => {
    process.env.LUOSHI_TZ = 'UTC';
    expect(today(new Date('2023-12-31T16:00:00Z'))).toBe('2023-12-31');
  });
});
