import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Db } from '../db/kysely.ts';
import { AuthError, userFromToken } from '../auth/service.ts';
import { errorReply } from './errors.ts';
import { dbRateLimitStore } from './rate-limit-store.ts';
import { installReadAfterWrite } from './read.ts';
import { refreshKeyState } from '../crypto/state.ts';
import { startLoopMonitor } from '../util/loop-monitor.ts';
import { AlertScheduler } from '../alerts/scheduler.ts';
import { afterWritesSettled } from '../ledger/hooks.ts';
import './guard.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `.ts` from the sources, `.js` in the compiled offline bundle (scripts/bundle-compile.mjs). */
const EXT = path.extname(fileURLToPath(import.meta.url));
export const SESSION_COOKIE = 'luoshi_sid';
export const CSRF_HEADER = 'x-csrf-token';

/** Paths under /api that need no session. */
const PUBLIC = new Set(['/api/health', '/api/auth/login']);

export interface AppOptions {
  db: Db;
  /** Built web app to serve at / (default dist/web when it exists). */
  webDir?: string | null;
  logger?: boolean;
  /** Per-IP login attempts per minute (the per-account lockout is separate). */
  loginRateLimit?: number;
  /** Set when served behind TLS so the cookie is Secure. */
  secureCookie?: boolean;
  /**
   * Which peers may set X-Forwarded-For (Fastify `trustProxy`): default LUOSHI_TRUST_PROXY, else
   * 'loopback' (a reverse proxy on the same host). Trusting everyone would let any client pick
   * its own IP and escape the per-IP login limit.
   */
  trustProxy?: boolean | string;
  /** Swagger UI and the OpenAPI document at /api/docs, for signed-in users; default on unless LUOSHI_API_DOCS=off. */
  apiDocs?: boolean;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  startLoopMonitor(); // the event loop's delay, reported to operators by GET /api/health
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 50 * 1024 * 1024,
    trustProxy: opts.trustProxy ?? process.env.LUOSHI_TRUST_PROXY ?? 'loopback',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.db);
  // The alert center's hooks into the write path, its worker and its daily run (src/alerts/scheduler.ts).
  const alerts = new AlertScheduler(opts.db, app.log);
  app.decorate('alertScheduler', alerts);
  app.addHook('onListen', () => alerts.start());
  app.addHook('onClose', async () => {
    await afterWritesSettled(); // writes committed before the close finish their after-write work (src/ledger/hooks.ts)
    await alerts.stop();
  });
  app.decorateRequest('user', null);

  // Security headers (helmet), computed once: @fastify/helmet builds helmet's middleware anew
  // for every request, a few per cent of the server's CPU under load (docs/security.md, Load).
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: false, // only behind TLS: see the onSend hook below
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  // HSTS belongs to answers that came over TLS (directly, or via a trusted proxy's
  // X-Forwarded-Proto), or to a deployment that declares TLS with LUOSHI_SECURE_COOKIE=1.
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https' || opts.secureCookie) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await app.register(cookie);
  installReadAfterWrite(app); // reads after a write go to the primary (src/server/read.ts)
  // Per session when signed in (a township office shares one public IP), else per IP. Only a
  // session the auth hook below has verified counts: a made-up cookie must not buy a fresh bucket.
  await app.register(rateLimit, {
    global: false,
    // Shared by all processes on PostgreSQL (src/server/rate-limit-store.ts); in memory on SQLite.
    ...(opts.db.dialect === 'postgres' ? { store: dbRateLimitStore(opts.db.kysely) } : {}),
    keyGenerator: (req) => (req.user ? `s:${req.user.sessionId.slice(0, 16)}` : `ip:${req.ip}`),
  });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 10 } });
  await app.register(swagger, {
    openapi: { info: { title: '落实 Luoshi API', version: '0.1.0', description: '全面从严治党工作台账与报告系统接口' } },
    transform: jsonSchemaTransform,
  });
  const apiDocs = opts.apiDocs ?? !/^(off|0|false|no)$/i.test(process.env.LUOSHI_API_DOCS ?? '');
  if (apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' }, staticCSP: true });

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    await refreshKeyState(app.db.kysely);
    const token = req.cookies[SESSION_COOKIE];
    req.user = await userFromToken(app.db.kysely, token);
    const p = req.url.split('?')[0];
    if (PUBLIC.has(p)) return;
    // Switched off, the documentation does not exist for anyone (404 from the not-found handler).
    if (!apiDocs && (p === '/api/docs' || p.startsWith('/api/docs/'))) return;
    if (!req.user) return reply.code(401).send({ error: '请先登录', status: 401 });
    // CSRF: cookie-authenticated writes must echo the session's token in a header.
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers[CSRF_HEADER] !== req.user.csrf) {
      return reply.code(403).send({ error: '请求校验失败（CSRF），请刷新页面后重试', status: 403 });
    }
    // First login with an initial password: only changing it is allowed.
    if (req.user.mustChangePassword && !['/api/me', '/api/auth/password', '/api/auth/logout'].includes(p)) {
      return reply.code(403).send({ error: '首次登录须先修改密码', status: 403, mustChangePassword: true });
    }
  });

  // U+0000 is never meaningful in this app's text, and PostgreSQL refuses it in text and jsonb
  // (a 500 there): refuse it up front in the query, path parameters and JSON body.
  app.addHook('preValidation', async (req, reply) => {
    if (hasNul(req.query) || hasNul(req.params) || hasNul(req.body)) {
      return reply.code(400).send({ error: '请求中含有不可见的空字符（\\u0000），请删除后重试', status: 400 });
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: String(v.instancePath ?? '')
          .replace(/^\//, '')
          .replace(/\//g, '.'),
        message: v.message,
      }));
      return reply.code(400).send({ error: `请求参数不正确：${issues.map((i) => `${i.field || '请求'} ${i.message}`).join('；')}`, status: 400, issues });
    }
    const known = errorReply(err);
    if (known) return reply.code(known.status).send(known.body);
    if (err instanceof AuthError) return reply.code(err.status).send({ error: err.message, status: err.status });
    const e = err as { statusCode?: number; message: string; code?: string };
    if (e.statusCode === 429) return reply.code(429).send({ error: '请求过于频繁，请稍后再试', status: 429 });
    if (e.statusCode && e.statusCode < 500) return reply.code(e.statusCode).send({ error: `请求无效：${e.message}`, status: e.statusCode });
    req.log.error(err);
    return reply.code(500).send({ error: '服务器内部错误，请稍后再试或联系管理员', status: 500 });
  });

  // Routes: every file in ./routes is a plugin; no registry to edit.
  const routesDir = path.join(here, 'routes');
  for (const f of fs
    .readdirSync(routesDir)
    .filter((f) => f.endsWith(EXT) && !f.endsWith('.d.ts'))
    .sort()) {
    const mod = await import(pathToFileURL(path.join(routesDir, f)).href);
    await app.register(mod.default, { ...opts });
  }

  const webDir = opts.webDir === undefined ? path.resolve(here, '../../dist/web') : opts.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      // Unknown assets are a 404 (an old page after a deploy must fail visibly, not get HTML).
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.method !== 'GET')
        return reply.code(404).send({ error: '接口不存在', status: 404 });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) return reply.code(404).send({ error: '接口不存在', status: 404 });
      return reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>落实</title><p>前端尚未构建：请运行 npm run build。</p>');
    });
  }
  return app;
}

function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (!v || typeof v !== 'object' || depth > 20 || Buffer.isBuffer(v)) return false;
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || hasNul(x, depth + 1)) return true;
  return false;
}

/** The headers helmet's middleware sets for these options (they do not depend on the request). */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | string[]) => void (headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as never, res as never, () => undefined);
  return headers;
}
