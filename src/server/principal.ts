import type { FastifyRequest } from 'fastify';
import type { Principal } from '../ledger/principal.ts';
import { requireUser } from './guard.ts';

export function principalOf(req: FastifyRequest): Principal {
  const u = requireUser(req);
  return { id: u.id, username: u.username, roles: u.roles, org: u.org, ip: req.ip };
}
