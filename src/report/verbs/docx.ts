/** The .docx a submission froze, under a file name that says which town, period and version. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../../ledger/principal.ts';
import { NotFound } from '../../util/errors.ts';
import { loadReport, versionRow } from './common.ts';

export async function versionDocx(db: Kysely<Database>, p: Principal, id: number, version: number): Promise<{ bytes: Buffer; filename: string }> {
  const r = await loadReport(db, p, id);
  const v = await versionRow(db, id, version);
  if (!v?.docx) throw new NotFound('该版本没有 Word 文件');
  return { bytes: Buffer.from(v.docx), filename: `${r.row.period}-${r.org.name}-第${version}版.docx` };
}
