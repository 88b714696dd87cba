/** Types of the resolution hook in ./cjs-builds.mjs (a plain module: it runs in Node's loader thread). */
export interface ResolveContext {
  conditions: string[];
  importAttributes: Record<string, string>;
  parentURL?: string;
}
export function resolve<C extends ResolveContext, R>(specifier: string, context: C, next: (specifier: string, context: C) => Promise<R>): Promise<R>;
