import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/kysely.ts';
import type { Role } from '../shared/roles.ts';
import type { SessionUser } from '../auth/service.ts';
import { getOrgByCode, type Org } from '../org/service.ts';
import { HttpError } from './errors.ts';
import type { Actor } from '../audit/log.ts';
import { isWithin } from '../access/subtree.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** The signed-in user, or 401; with roles, 403 unless the user has one of them. */
export function requireUser(req: FastifyRequest, roles?: readonly Role[]): SessionUser {
  if (!req.user) throw new HttpError(401, '请先登录');
  if (roles && !req.user.roles.some((r) => roles.includes(r))) throw new HttpError(403, '当前角色无权访问此功能');
  return req.user;
}

export function actorOfRequest(req: FastifyRequest): Actor {
  return { id: req.user?.id ?? null, username: req.user?.username ?? null, ip: req.ip };
}

export function inSubtree(user: SessionUser, org: Pick<Org, 'path'>): boolean {
  return isWithin(org, user.org);
}

/**
 * The org a request works on: `code` when given (it must lie in the user's subtree),
 * else the user's own org.
 */
export async function scopeOrg(req: FastifyRequest, code?: string | null): Promise<Org> {
  const user = requireUser(req);
  if (!code) return user.org;
  const org = await getOrgByCode(req.server.db.kysely, code);
  if (!org) throw new HttpError(404, `组织不存在：${code}`);
  if (!inSubtree(user, org)) throw new HttpError(403, `无权访问该组织：${org.name}`);
  return org;
}
