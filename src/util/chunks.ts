/** `a` in consecutive slices of at most `n` (for `in (…)` lists and batched writes). */
export const chunks = <T>(a: T[], n: number): T[][] => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));
