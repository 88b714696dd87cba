/**
 * Shares expensive recomputations between concurrent callers. `run(scope, key, f)` starts `f`
 * when nothing runs for (scope, key); while one runs, callers join the single run queued
 * behind it, which starts when the current one ends. Every caller so gets the result of a run
 * that started after it called (it sees its own write), and N concurrent callers cost at most
 * two runs instead of N. `scope` is an object (a database handle: tests open many).
 */
export class Coalescer<T> {
  private readonly slots = new WeakMap<object, Map<string, { running?: Promise<T>; next?: Promise<T> }>>();

  run(scope: object, key: string, f: () => Promise<T>): Promise<T> {
    let byKey = this.slots.get(scope);
    if (!byKey) this.slots.set(scope, (byKey = new Map()));
    let slot = byKey.get(key);
    if (!slot) byKey.set(key, (slot = {}));
    const s = slot;
    const keys = byKey;
    const start = (): Promise<T> => {
      const p = f().finally(() => {
        if (s.running === p) s.running = undefined;
        if (!s.running && !s.next) keys.delete(key);
      });
      s.running = p;
      return p;
    };
    if (!s.running) return start();
    s.next ??= s.running
      .catch(() => undefined)
      .then(() => {
        s.next = undefined;
        return start();
      });
    return s.next;
  }

  /** Keys with a run in progress or queued (for tests and diagnostics). */
  pending(scope: object): number {
    return this.slots.get(scope)?.size ?? 0;
  }
}
