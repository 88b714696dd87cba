/** A county with relatives, lists that collide with them, filler ID numbers and an SMTP password. */
import type { Db } from '../../src/db/kysely.ts';
import { idFor, load, rec, run, smallCounty } from '../alerts/helpers.ts';
import { putSetting } from '../../src/auth/settings.ts';
import { NOTIFY_KEY, getNotifySettings } from '../../src/alerts/config.ts';
import { decrypt, encrypt, isEncrypted } from '../../src/ledger/secret.ts';
import { parseJson } from '../../src/db/kysely.ts';

export const spouse = idFor('1975-02-03', '321');
export const SMTP_PASS = 'smtp-口令-1';

export function fillerId(i: number): string {
  const d = new Date(Date.UTC(1950, 0, 1) + (i % 20000) * 86_400_000).toISOString().slice(0, 10);
  return idFor(d, String(100 + Math.floor(i / 20000)).slice(-3));
}

export async function rotationCounty(db: Db, filler: number): Promise<void> {
  await smallCounty(db);
  await load(db, [
    rec('relative', 'T', { cadre: '村书记甲', cadrePost: '党支部书记', name: '王芳', relation: '配偶', idNumber: spouse, filedOn: '2023-03-01' }),
    rec('beneficiary', 'T-V1', { name: '王芳', idNumber: spouse, program: '低保', village: 'T-V1', approvedOn: '2023-05-01' }),
  ]);
  for (let i = 0; i < filler; i += 2000) {
    await load(
      db,
      Array.from({ length: Math.min(2000, filler - i) }, (_, k) =>
        rec('beneficiary', k % 2 ? 'T-V2' : 'U-V1', { name: `名单${i + k}`, idNumber: fillerId(i + k), program: '惠农补贴', approvedOn: '2023-04-01' }),
      ),
    );
  }
  await putSetting(db.kysely, NOTIFY_KEY, { smtp: { host: 'smtp.example.gov.cn', from: 'a@example.gov.cn', user: 'a', pass: encrypt(SMTP_PASS) } }, null);
}

/** The relative collision alert by ID number (needs equal blind indexes on both sides). */
export async function collisionFires(db: Db): Promise<boolean> {
  const fs = await run(db, 'relative.undisclosedPowerMatter', '2023-12-31');
  return fs.some((f) => f.severity === 'error' && f.message.includes('身份证号一致'));
}

/** Every ID number decrypts to what was stored, and the SMTP password too. */
export async function everythingDecrypts(db: Db, filler: number): Promise<number> {
  const expected = new Set(Array.from({ length: filler }, (_, i) => fillerId(i)));
  expected.add(spouse);
  let n = 0;
  for (const r of await db.kysely.selectFrom('records').select('data').where('ledger', 'in', ['beneficiary', 'relative']).execute()) {
    const data = parseJson<Record<string, unknown>>(r.data);
    if (!isEncrypted(data.idNumber)) throw new Error('ID number stored in clear');
    if (!expected.has(decrypt(data.idNumber))) throw new Error(`unexpected ID number ${decrypt(data.idNumber)}`);
    n++;
  }
  const pass = (await getNotifySettings(db.kysely)).smtp?.pass;
  if (!isEncrypted(pass) || decrypt(pass) !== SMTP_PASS) throw new Error('SMTP password lost');
  return n;
}
