/**
 * GET /api/health: up or down for anyone (a load balancer's probe); for the operators
 * (系统管理员, 安全管理员) also how the server is doing: the event loop's delay (a long
 * synchronous query or loop shows there first), the background alert jobs, memory.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../shared/roles.ts';
import { loopDelay } from '../util/loop-monitor.ts';
import { alertJobStatus } from '../alerts/background.ts';

const OPERATORS: readonly Role[] = ['admin', 'securityAdmin'];

export function healthBody(app: FastifyInstance, req: FastifyRequest): Record<string, unknown> {
  if (!req.user?.roles.some((r) => OPERATORS.includes(r))) return { ok: true };
  const mem = process.memoryUsage();
  return {
    ok: true,
    db: app.db.dialect,
    uptimeSeconds: Math.round(process.uptime()),
    eventLoopDelayMs: loopDelay(),
    alertJobs: alertJobStatus(app.db),
    memoryMb: { rss: Math.round(mem.rss / 2 ** 20), heapUsed: Math.round(mem.heapUsed / 2 ** 20) },
  };
}
