import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Checks of the machine (not of the database) behind `luoshi doctor`: each returns one line's
 * verdict. Self-contained on purpose (no report or alert code), so doctor runs even where the
 * application itself cannot start.
 */
export type Level = 'pass' | 'warn' | 'fail';
export interface Finding {
  level: Level;
  title: string;
  detail: string;
}
export const finding = (level: Level, title: string, detail: string): Finding => ({ level, title, detail });

/** End of life of each Node.js major line (https://github.com/nodejs/release#release-schedule). */
export const NODE_EOL: Record<number, string> = { 18: '2025-04-30', 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30' };

export function checkNode(today: string, version = process.versions.node): Finding {
  const major = Number(version.split('.')[0]);
  const eol = NODE_EOL[major];
  const title = 'Node.js 版本';
  if (!eol)
    return major > 24
      ? finding('pass', title, `${version}（比已知的支持表新）`)
      : finding('fail', title, `${version} 不受支持：请使用 Node.js 24 LTS（支持至 ${NODE_EOL[24]}）`);
  if (eol < today)
    return finding('warn', title, `${version}：该版本已于 ${eol} 停止维护，不再有安全更新；请改用离线包自带的 Node.js 24 LTS（支持至 ${NODE_EOL[24]}）`);
  return finding('pass', title, `${version}，官方维护至 ${eol}`);
}

/** A folder the service must write to: can it, and is there room? */
export function checkFolder(title: string, dir: string): Finding {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.luoshi-doctor-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (e) {
    return finding('fail', title, `${dir} 不可写（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）：请检查目录属主和权限（服务账号 luoshi）`);
  }
  const s = fs.statfsSync(dir);
  const free = s.bavail * s.bsize;
  const gb = (free / 1024 ** 3).toFixed(1);
  if (free < 200 * 1024 ** 2) return finding('fail', title, `${dir} 可写，但剩余空间仅 ${gb} GB：数据库和佐证材料将无法写入`);
  if (free < 2 * 1024 ** 3 || s.bavail / s.blocks < 0.05) return finding('warn', title, `${dir} 可写，剩余空间 ${gb} GB，偏少：请扩容或清理`);
  return finding('pass', title, `${dir} 可写，剩余空间 ${gb} GB`);
}

/** The key that encrypts ID numbers: from LUOSHI_SECRET, or a key file only its owner can read. */
export function checkKey(env: NodeJS.ProcessEnv = process.env): Finding {
  const title = '加密密钥';
  if (env.LUOSHI_SECRET) return finding('pass', title, '使用环境变量 LUOSHI_SECRET（请确认环境变量文件仅服务账号可读）');
  const file = path.resolve(env.LUOSHI_KEY_FILE ?? 'data/luoshi.key');
  if (!fs.existsSync(file)) return finding('warn', title, `密钥文件 ${file} 尚不存在：首次保存身份证号等敏感字段时自动生成；生成后请与数据库分开备份`);
  const st = fs.statSync(file);
  const mode = (st.mode & 0o777).toString(8).padStart(3, '0');
  if (st.mode & 0o077) return finding('fail', title, `密钥文件 ${file} 的权限为 ${mode}，其他用户可读：请执行 chmod 600 ${file}`);
  if (typeof process.getuid === 'function' && st.uid !== process.getuid())
    return finding('warn', title, `密钥文件 ${file} 权限 ${mode}，但属主（uid ${st.uid}）不是当前用户：服务账号可能无法读取`);
  return finding('pass', title, `密钥文件 ${file}，权限 ${mode}（仅属主可读写）`);
}

export function checkTimeZone(tz: string, todayText: string): Finding {
  const title = '时区';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return finding('fail', title, `LUOSHI_TZ=${tz} 不是有效的时区名：请设为 Asia/Shanghai`);
  }
  const system = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const note = tz === 'Asia/Shanghai' ? '' : '（一般应为 Asia/Shanghai）';
  return finding(tz === 'Asia/Shanghai' ? 'pass' : 'warn', title, `期限按 ${tz}${note} 计算，今天是 ${todayText}；系统时区 ${system}`);
}

/** Secure cookie and proxy settings: the session must not travel over plain HTTP. */
export function checkTls(env: NodeJS.ProcessEnv = process.env): Finding {
  const title = 'HTTPS 与会话 Cookie';
  const host = env.HOST ?? '127.0.0.1';
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  if (env.LUOSHI_SECURE_COOKIE === '1') {
    return finding(
      'pass',
      title,
      `LUOSHI_SECURE_COOKIE=1（Cookie 仅经 HTTPS 发送）；监听 ${host}${loopback ? '，由反向代理对外提供 HTTPS' : ''}；信任代理 ${env.LUOSHI_TRUST_PROXY ?? 'loopback'}`,
    );
  }
  if (loopback)
    return finding('warn', title, `监听 ${host}，未设置 LUOSHI_SECURE_COOKIE=1：若经 nginx 以 HTTPS 对外提供，请设置它（见 安装说明.md）；仅本机试用可忽略`);
  return finding('warn', title, `监听 ${host}，以明文 HTTP 直接对外且未设置 LUOSHI_SECURE_COOKIE=1：口令和会话可被窃听；请在 nginx 后以 HTTPS 提供服务`);
}

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = path.join(dir || '.', cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

/** LibreOffice converts the official .docx to PDF; the .docx itself needs nothing installed. */
export function checkLibreOffice(): Finding {
  const title = 'LibreOffice（PDF 导出）';
  const candidates = [
    which('soffice'),
    which('libreoffice'),
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
    ...safeGlob('/opt', /^libreoffice/).map((d) => path.join(d, 'program/soffice')),
  ];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (found) return finding('pass', title, `已安装：${found}`);
  return finding('warn', title, '未安装：报告仍可导出 Word（.docx），但不能在服务器上转成 PDF（Debian/UOS/麒麟：apt install libreoffice-writer-nogui）');
}

function safeGlob(dir: string, re: RegExp): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => re.test(n))
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/** The GB/T 9704 fonts (the .docx names them; a PDF made here uses what this machine has). */
const OFFICIAL_FONTS: { role: string; names: RegExp }[] = [
  { role: '仿宋（正文）', names: /仿宋|FangSong/i },
  { role: '方正小标宋（标题）', names: /小标宋|XiaoBiaoSong|FZXBS/i },
  { role: '黑体（一级标题）', names: /黑体|SimHei|\bHei\b/i },
  { role: '楷体（二级标题）', names: /楷体|KaiTi/i },
];
const FALLBACK = /Noto (Serif|Sans) CJK SC|Source Han (Serif|Sans)|思源|WenQuanYi|文泉驿|AR PL/i;

export function checkFonts(list?: string, pdfHere = true): Finding {
  const title = '公文字体';
  let families = list;
  if (families == null) {
    try {
      families = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 10_000 });
    } catch {
      return finding('warn', title, '无法运行 fc-list（fontconfig 未安装）：无法检查中文字体；服务器生成 PDF 时可能缺字');
    }
  }
  const missing = OFFICIAL_FONTS.filter((f) => !f.names.test(families!)).map((f) => f.role);
  if (missing.length === 0) return finding('pass', title, '仿宋、方正小标宋、黑体、楷体均已安装');
  if (FALLBACK.test(families))
    return finding(
      'warn',
      title,
      `缺少 ${missing.join('、')}：服务器生成的 PDF 用替代字体（如 Noto CJK），版式与正式公文略有差异；Word 文档不受影响（在用户电脑上按其字体显示）`,
    );
  return finding(pdfHere ? 'fail' : 'warn', title, `没有任何中文字体：服务器生成的 PDF 会缺字；请安装单位的公文字体，或 fonts-noto-cjk`);
}
