/**
 * The report as PDF: the GB/T 9704 .docx converted by LibreOffice (`soffice --headless
 * --convert-to pdf`), found at run time. Conversions run in a child process, one at a time
 * (a per-process LibreOffice profile is then never shared), with a timeout that kills the
 * whole process group. Where LibreOffice is missing, PdfUnavailableError says in Chinese
 * what to install. See docs/docx.md ("PDF").
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TITLE_FONT, fontconfigXml } from './pdf-fonts.ts';

export class PdfUnavailableError extends Error {
  readonly status = 503;
}

/** LibreOffice is there but the conversion failed or timed out (message in Chinese). */
export class PdfConversionError extends Error {
  readonly status = 500;
}

export const PDF_UNAVAILABLE_MESSAGE =
  '服务器未安装 LibreOffice，无法生成 PDF；请管理员安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk），' +
  '或设置环境变量 LUOSHI_SOFFICE 指向 soffice 程序。Word 文件可照常下载。';

/** Where LibreOffice usually lives when it is not on PATH. */
const COMMON_LOCATIONS = [
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/usr/local/bin/soffice',
  '/snap/bin/libreoffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The soffice program: LUOSHI_SOFFICE, else soffice or libreoffice on PATH, else a common
 * location (/opt/libreoffice*\/program too); null when none is there. Looked up on every call,
 * so installing LibreOffice needs no restart.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.LUOSHI_SOFFICE?.trim();
  if (given) return executable(given) ? given : null;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) if (executable(path.join(dir, name))) return path.join(dir, name);
  }
  const opt = fs.existsSync('/opt')
    ? fs
        .readdirSync('/opt')
        .filter((d) => /^libreoffice/i.test(d))
        .map((d) => `/opt/${d}/program/soffice`)
    : [];
  return [...COMMON_LOCATIONS, ...opt].find(executable) ?? null;
}

export interface PdfOptions {
  /** kill LibreOffice after this many ms (default 120 s: the first run creates its profile) */
  timeoutMs?: number;
  /** soffice to use instead of findSoffice() (tests) */
  soffice?: string;
}

/** Whether fontconfig knows a family (false where fc-list is missing). */
function fontInstalled(family: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('fc-list', [`:family=${family}`, 'family'], { timeout: 10_000 }, (err, stdout) => resolve(!err && stdout.trim().length > 0));
  });
}

let queue: Promise<unknown> = Promise.resolve();
let workDir: Promise<string> | null = null;

/** A per-process directory holding the LibreOffice profile and the font fallbacks. */
function processDir(): Promise<string> {
  workDir ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `luoshi-pdf-${process.pid}-`));
    await writeFile(path.join(dir, 'fonts.conf'), fontconfigXml({ titleFontInstalled: await fontInstalled(TITLE_FONT) }));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  })();
  return workDir;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const timer = setTimeout(() => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
      reject(new PdfConversionError(`PDF 生成超时（${Math.round(timeoutMs / 1000)} 秒），已终止`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new PdfConversionError(`无法启动 LibreOffice（${cmd}）：${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PdfConversionError(`PDF 生成失败：LibreOffice 退出码 ${code}${stderr ? `：${stderr.trim().slice(0, 300)}` : ''}`));
    });
  });
}

async function convert(docx: Buffer, soffice: string, timeoutMs: number): Promise<Buffer> {
  const dir = await processDir();
  const job = await mkdtemp(path.join(dir, 'job-'));
  try {
    const input = path.join(job, 'report.docx');
    await writeFile(input, docx);
    await mkdir(path.join(dir, 'profile'), { recursive: true });
    const env = { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf'), HOME: process.env.HOME ?? dir };
    const args = [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
      '--convert-to',
      'pdf',
      '--outdir',
      job,
      input,
    ];
    await run(soffice, args, env, timeoutMs);
    const out = path.join(job, 'report.pdf');
    if (!fs.existsSync(out)) throw new PdfConversionError('PDF 生成失败：LibreOffice 未输出 PDF 文件');
    return await readFile(out);
  } finally {
    await rm(job, { recursive: true, force: true });
  }
}

/** Converts a .docx to PDF with LibreOffice; queued, never blocks the event loop. */
export function docxToPdf(docx: Buffer, opts: PdfOptions = {}): Promise<Buffer> {
  const soffice = opts.soffice ?? findSoffice();
  if (!soffice) {
    const given = process.env.LUOSHI_SOFFICE?.trim();
    const message = given
      ? PDF_UNAVAILABLE_MESSAGE.replace('无法生成 PDF；', `无法生成 PDF（LUOSHI_SOFFICE 指向的“${given}”不存在或不可执行）；`)
      : PDF_UNAVAILABLE_MESSAGE;
    return Promise.reject(new PdfUnavailableError(message));
  }
  const result = queue.then(() => convert(docx, soffice, opts.timeoutMs ?? 120_000));
  queue = result.catch(() => undefined);
  return result;
}
