import fs from 'node:fs';
import { defineCommand } from '../command.ts';
import { getOrgByCode } from '../../org/service.ts';
import { parseJson } from '../../db/kysely.ts';
import { parsePeriod } from '../../metrics/period.ts';
import { generateReport, type TemplateSource } from '../../report/template/generate.ts';
import { effectiveTemplate } from '../../report/template/store.ts';
import { formatDiagnostic, hasTemplateErrors } from '../../report/template/types.ts';
import { frozenOf } from '../../report/service.ts';
import { PdfConversionError, PdfUnavailableError, REPORT_FORMATS, renderReport, type ReportFormat } from '../../report/render/index.ts';
import type { ReportModel } from '../../report/render/model.ts';

export default defineCommand({
  name: 'report',
  summary: '生成某镇某季度的报告（docx、pdf、html、md、txt、json），数字取自台账',
  usage:
    'luoshi report --org CODE --period 2023Q4 [--format docx|pdf|html|md|txt|json] [--out FILE] [--template FILE] [--date YYYY-MM-DD] [--version N] [--db PATH]\n' +
    '  不给 --out 时把文本输出到标准输出（默认格式 txt）；--template 使用文件中的模板；--version 输出已提交的第 N 版（冻结内容）\n' +
    '  pdf 由 LibreOffice 转换 Word 文件生成（需安装 libreoffice-writer-nogui，或用 LUOSHI_SOFFICE 指定 soffice）',
  options: {
    org: { type: 'string' },
    period: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    template: { type: 'string' },
    date: { type: 'string' },
    version: { type: 'string' },
  },
  async run(ctx) {
    const code = ctx.values.org as string | undefined;
    const period = ctx.values.period as string | undefined;
    const format = (ctx.values.format as string | undefined) ?? 'txt';
    const out = ctx.values.out as string | undefined;
    const date = ctx.values.date as string | undefined;
    if (!code || !period) {
      ctx.err('请指定 --org 和 --period，例如：luoshi report --org QH-DH --period 2023Q4 --format docx --out 报告.docx');
      return 2;
    }
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      ctx.err(`--format 只能是 ${REPORT_FORMATS.join('、')}，而不是“${format}”`);
      return 2;
    }
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      ctx.err('--date 格式应为 YYYY-MM-DD');
      return 2;
    }
    if ((format === 'docx' || format === 'pdf') && !out && process.stdout.isTTY) {
      ctx.err(`${format === 'pdf' ? 'PDF' : 'Word'} 文件请用 --out 指定输出文件，例如 --out 报告.${format}`);
      return 2;
    }
    parsePeriod(period); // a wrong period is a domain input error: exit 2 with its message
    const db = await ctx.openDb();
    const org = await getOrgByCode(db.kysely, code);
    if (!org) {
      ctx.err(`组织不存在：${code}`);
      return 2;
    }
    const saved = await db.kysely
      .selectFrom('reports')
      .select(['id', 'narrative'])
      .where('org_id', '=', org.id)
      .where('period', '=', period)
      .executeTakeFirst();
    let model: ReportModel;
    if (ctx.values.version) {
      const v = Number(ctx.values.version);
      const f = saved && Number.isInteger(v) && v > 0 ? await frozenOf(db.kysely, saved.id, v) : null;
      if (!f) {
        ctx.err(`${org.name}${period} 的报告没有第 ${ctx.values.version} 版`);
        return 2;
      }
      model = f.frozen.model;
    } else {
      let template: TemplateSource;
      if (ctx.values.template) {
        const file = ctx.values.template as string;
        if (!fs.existsSync(file)) {
          ctx.err(`模板文件不存在：${file}`);
          return 2;
        }
        template = { body: fs.readFileSync(file, 'utf8'), id: null, version: null };
      } else {
        const t = await effectiveTemplate(db.kysely, org);
        template = { body: t.body, id: t.id, version: t.version };
      }
      const narrative = saved ? parseJson<Record<string, string>>(saved.narrative) : {};
      const g = await generateReport(db.kysely, org, period, { template, narrative, date, provenance: format === 'json' });
      model = g.model;
      for (const d of model.diagnostics) ctx.err(`${d.severity === 'error' ? '错误' : '提示'} ${formatDiagnostic(d)}`);
      if (hasTemplateErrors(model.diagnostics)) {
        ctx.err('模板有错误，未生成报告。');
        return 1;
      }
    }
    let bytes: Buffer;
    try {
      bytes = await renderReport(model, format as ReportFormat);
    } catch (e) {
      if (e instanceof PdfUnavailableError || e instanceof PdfConversionError) {
        ctx.err(e.message);
        return 1;
      }
      throw e;
    }
    if (out) {
      fs.writeFileSync(out, bytes);
      ctx.err(`已生成 ${out}（${model.title}，${bytes.length} 字节）`);
    } else {
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
      });
      process.stdout.write(bytes);
    }
    return 0;
  },
});
