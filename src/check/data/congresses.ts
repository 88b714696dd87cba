/**
 * National congresses of the Communist Party of China and the plenary sessions of
 * their Central Committees, by opening date. Extend when a new one opens.
 */
export interface Congress {
  n: number;
  opened: string;
  /** Plenary sessions of the n-th Central Committee: index 0 is the 1st (一中全会). */
  plenums: string[];
}

export const CONGRESSES: readonly Congress[] = [
  { n: 15, opened: '1997-09-12', plenums: ['1997-09-19', '1998-02-25', '1998-10-12', '1999-09-19', '2000-10-09', '2001-09-24', '2002-11-05'] },
  { n: 16, opened: '2002-11-08', plenums: ['2002-11-15', '2003-02-24', '2003-10-11', '2004-09-16', '2005-10-08', '2006-10-08', '2007-10-09'] },
  { n: 17, opened: '2007-10-15', plenums: ['2007-10-22', '2008-02-25', '2008-10-09', '2009-09-15', '2010-10-15', '2011-10-15', '2012-11-01'] },
  { n: 18, opened: '2012-11-08', plenums: ['2012-11-15', '2013-02-26', '2013-11-09', '2014-10-20', '2015-10-26', '2016-10-24', '2017-10-11'] },
  { n: 19, opened: '2017-10-18', plenums: ['2017-10-25', '2018-01-18', '2018-02-26', '2019-10-28', '2020-10-26', '2021-11-08', '2022-10-09'] },
  { n: 20, opened: '2022-10-16', plenums: ['2022-10-23', '2023-02-26', '2024-07-15', '2025-10-20'] },
];

/** The congress in office on a date ('YYYY-MM-DD'): the last one opened on or before it. */
export function congressOn(date: string): number | undefined {
  let cur: number | undefined;
  for (const c of CONGRESSES) if (c.opened <= date) cur = c.n;
  return cur;
}

export function plenumDate(n: number, k: number): string | undefined {
  return CONGRESSES.find((c) => c.n === n)?.plenums[k - 1];
}

export function congressOpened(n: number): string | undefined {
  return CONGRESSES.find((c) => c.n === n)?.opened;
}
