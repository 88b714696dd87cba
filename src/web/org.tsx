/**
 * The current org: the header's switcher sets it for every page (list filters, new records,
 * the home page). Kept in a context and in localStorage, per user.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ORG_KIND_LABELS, type OrgKind } from '../shared/roles.ts';
import { api } from './api.ts';
import { useAuth } from './auth.tsx';
import type { Org } from './types.ts';

export interface OrgTreeNode {
  value: string;
  title: string;
  kind: OrgKind;
  selectable?: boolean;
  children?: OrgTreeNode[];
}

interface OrgState {
  orgs: Org[];
  byCode: Map<string, Org>;
  loading: boolean;
  error: unknown;
  /** The current org code (falls back to the user's own org). */
  current: string;
  currentOrg: Org | undefined;
  setCurrent(code: string): void;
  tree: OrgTreeNode[];
}

const OrgContext = createContext<OrgState | null>(null);

export function useOrgs() {
  return useQuery({ queryKey: ['orgs'], queryFn: () => api.get<Org[]>('/api/orgs'), staleTime: 10 * 60_000 });
}

/** TreeSelect data from the flat org list; `kinds` limits which nodes may be picked. */
export function orgTree(orgs: Org[], kinds?: readonly OrgKind[]): OrgTreeNode[] {
  const codes = new Set(orgs.map((o) => o.code));
  const nodes = new Map<string, OrgTreeNode>();
  for (const o of orgs) {
    const pickable = !kinds || kinds.includes(o.kind);
    nodes.set(o.code, { value: o.code, title: o.name, kind: o.kind, selectable: pickable });
  }
  const roots: OrgTreeNode[] = [];
  for (const o of orgs) {
    const n = nodes.get(o.code)!;
    const parent = o.parent && codes.has(o.parent) ? nodes.get(o.parent) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  return roots;
}

/** The org and all its descendants, from the flat list. */
export function subtreeOf(orgs: Org[], code: string): Org[] {
  const kids = new Map<string, Org[]>();
  for (const o of orgs) if (o.parent) (kids.get(o.parent) ?? kids.set(o.parent, []).get(o.parent)!).push(o);
  const root = orgs.find((o) => o.code === code);
  const out: Org[] = [];
  const stack = root ? [root] : [];
  while (stack.length) {
    const o = stack.pop()!;
    out.push(o);
    stack.push(...(kids.get(o.code) ?? []));
  }
  return out;
}

export function orgLabel(o: Org | undefined): string {
  return o ? `${o.name}（${ORG_KIND_LABELS[o.kind] ?? o.kind}）` : '';
}

const storageKey = (username: string) => `luoshi.org.${username}`;

export function OrgProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const q = useOrgs();
  const username = me?.username ?? '';
  const [chosen, setChosen] = useState<string | null>(() => (username ? localStorage.getItem(storageKey(username)) : null));

  const orgs = useMemo(() => q.data ?? [], [q.data]);
  const byCode = useMemo(() => new Map(orgs.map((o) => [o.code, o])), [orgs]);
  const tree = useMemo(() => orgTree(orgs), [orgs]);
  const own = me?.org.code ?? '';
  // A stored org outside the user's subtree (another account on this browser) is ignored.
  const current = chosen && (byCode.has(chosen) || orgs.length === 0) ? chosen : own;

  const setCurrent = useCallback(
    (code: string) => {
      setChosen(code);
      if (username) localStorage.setItem(storageKey(username), code);
    },
    [username],
  );

  const value = useMemo<OrgState>(
    () => ({ orgs, byCode, loading: q.isPending, error: q.error, current, currentOrg: byCode.get(current), setCurrent, tree }),
    [orgs, byCode, q.isPending, q.error, current, setCurrent, tree],
  );
  return <OrgContext.Provider value={value}>{children}</OrgContext.Provider>;
}

export function useCurrentOrg(): OrgState {
  const ctx = useContext(OrgContext);
  if (!ctx) throw new Error('useCurrentOrg outside OrgProvider');
  return ctx;
}
