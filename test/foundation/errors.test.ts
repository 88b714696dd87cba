import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Conflict, Forbidden, Gone, Invalid, NotFound, TooLarge, UnsupportedType } from '../../src/util/errors.ts';
import { errorReply, HttpError } from '../../src/server/errors.ts';
import { EXIT_OF_KIND } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';

describe('domain errors mapped at the edges', () => {
  it('the server maps each kind to its status, with the message and details unchanged', () => {
    const cases: [Error, number][] = [
      [new Invalid('填写有误', [{ field: 'name', label: '姓名', message: '必填' }]), 400],
      [new Forbidden('无权查看'), 403],
      [new NotFound('记录不存在'), 404],
      [new Conflict('记录已删除，请先恢复'), 409],
      [new Gone('内容缺失'), 410],
      [new TooLarge('文件过大'), 413],
      [new UnsupportedType('类型不受支持'), 415],
      [new HttpError(401, '请先登录'), 401],
    ];
    for (const [e, status] of cases)
      expect(errorReply(e)).toEqual({ status, body: { error: e.message, status, ...(e instanceof Invalid ? { details: e.details } : {}) } });
    expect(errorReply(new Error('boom'))).toBeNull();
  });

  it('the CLI exits 2 for wrong or missing input, 1 for a refusal, and prints the Chinese message', async () => {
    expect(EXIT_OF_KIND).toMatchObject({ invalid: 2, notFound: 2, forbidden: 1, conflict: 1 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cli-errors-'));
    const err: string[] = [];
    const spy = [
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
      vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true)),
    ];
    try {
      expect(await main(['export', '--ledger', 'nope', '--out', path.join(dir, 'x.xlsx'), '--db', path.join(dir, 'x.db')])).toBe(2);
      expect(err.join('')).toContain('台账不存在：nope');
    } finally {
      for (const s of spy) s.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
