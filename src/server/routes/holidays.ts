/**
 * 节假日安排: the working-day calendar's years. Anyone signed in reads them; a county-level
 * administrator or county reviewer enters next year's 放假安排 when the State Council publishes it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../shared/roles.ts';
import { actorOfRequest, requireUser } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { listHolidayYears, putHolidayYear, removeHolidayYear } from '../../alerts/holiday-years.ts';

const EDIT_ROLES: Role[] = ['admin', 'countyReviewer'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const yearParam = z.object({ year: z.coerce.number().int().min(2000, '年份应在2000–2100之间').max(2100, '年份应在2000–2100之间') });
const body = z.object({
  source: z.string().trim().min(2, '请填写依据（如：国务院办公厅关于2027年部分节假日安排的通知）').max(200),
  off: z.array(isoDate).max(60, '放假日最多60天'),
  work: z.array(isoDate).max(20, '调休上班日最多20天'),
});

export default async function holidayRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  const countyEditor = (req: Parameters<typeof requireUser>[0]) => {
    const u = requireUser(req, EDIT_ROLES);
    if (u.org.kind !== 'county') throw new HttpError(403, '节假日安排由县级管理员录入');
    return u;
  };

  r.get('/api/holidays', { schema: { tags: ['预警'], summary: '工作日历的节假日安排（内置与县里录入的），以及已知的最后一年' } }, async (req) => {
    requireUser(req);
    return listHolidayYears(db());
  });

  r.put('/api/holidays/:year', { schema: { tags: ['预警'], summary: '录入或修改某年的放假安排（县级管理员）', params: yearParam, body } }, async (req) => {
    countyEditor(req);
    const error = await putHolidayYear(db(), actorOfRequest(req), { year: req.params.year, ...req.body });
    if (error) throw new HttpError(400, error);
    return listHolidayYears(db());
  });

  r.delete(
    '/api/holidays/:year',
    { schema: { tags: ['预警'], summary: '删除县里录入的某年放假安排（内置年份恢复使用内置安排）', params: yearParam } },
    async (req) => {
      countyEditor(req);
      if (!(await removeHolidayYear(db(), actorOfRequest(req), req.params.year))) throw new HttpError(404, `没有县里录入的${req.params.year}年放假安排`);
      return listHolidayYears(db());
    },
  );
}
