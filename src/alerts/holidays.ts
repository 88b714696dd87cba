/**
 * China's public holidays and 调休 working weekends, 2023–2026, as published each year by the
 * 国务院办公厅 (国办发明电). `off` days are holidays (including the weekend days inside a
 * holiday span); `work` days are weekends that are working days. Later years are entered by a
 * county administrator on the 节假日安排 page (setting `alerts.holidays`); an entered year
 * replaces a built-in one of the same year. Beyond the last known year the working-day
 * calendar counts weekdays only and says so (docs/domain.md, § 工作日).
 */
export interface HolidayYear {
  year: number;
  source: string;
  off: string[];
  work: string[];
}

function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const HOLIDAYS: HolidayYear[] = [
  {
    year: 2023,
    source: '国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）',
    off: [
      ...span('2022-12-31', '2023-01-02'),
      ...span('2023-01-21', '2023-01-27'),
      '2023-04-05',
      ...span('2023-04-29', '2023-05-03'),
      ...span('2023-06-22', '2023-06-24'),
      ...span('2023-09-29', '2023-10-06'),
    ],
    work: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    source: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）',
    off: [
      ...span('2023-12-30', '2024-01-01'),
      ...span('2024-02-10', '2024-02-17'),
      ...span('2024-04-04', '2024-04-06'),
      ...span('2024-05-01', '2024-05-05'),
      ...span('2024-06-08', '2024-06-10'),
      ...span('2024-09-15', '2024-09-17'),
      ...span('2024-10-01', '2024-10-07'),
    ],
    work: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    off: [
      '2025-01-01',
      ...span('2025-01-28', '2025-02-04'),
      ...span('2025-04-04', '2025-04-06'),
      ...span('2025-05-01', '2025-05-05'),
      ...span('2025-05-31', '2025-06-02'),
      ...span('2025-10-01', '2025-10-08'),
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    off: [
      ...span('2026-01-01', '2026-01-03'),
      ...span('2026-02-15', '2026-02-23'),
      ...span('2026-04-04', '2026-04-06'),
      ...span('2026-05-01', '2026-05-05'),
      ...span('2026-06-19', '2026-06-21'),
      ...span('2026-09-25', '2026-09-27'),
      ...span('2026-10-01', '2026-10-07'),
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

/** The built-in years overlaid with the entered ones (an entered year wins), by year. */
export function holidayYears(entered: readonly HolidayYear[] = []): HolidayYear[] {
  const byYear = new Map<number, HolidayYear>(HOLIDAYS.map((h) => [h.year, h]));
  for (const h of entered) byYear.set(h.year, h);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * Why an entered year's arrangement is not acceptable, in Chinese naming the date, or null.
 * Dates lie in the year (a 元旦 span may start in the previous December); 调休 working days
 * are weekends; no date is both off and on.
 */
export function holidayYearError(h: HolidayYear): string | null {
  const first = `${h.year - 1}-12-01`;
  const last = `${h.year}-12-31`;
  if (!h.off.length) return `${h.year}年放假安排至少应有一个放假日`;
  for (const [list, label] of [
    [h.off, '放假日'],
    [h.work, '调休上班日'],
  ] as const) {
    for (const d of list) {
      if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) return `${label}“${d}”不是有效日期`;
      if (d < first || d > last) return `${label}“${d}”不在${h.year}年（元旦假期可从上一年12月开始）`;
    }
  }
  for (const d of h.work) {
    const w = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (w !== 0 && w !== 6) return `调休上班日“${d}”不是周六或周日（平日本来就上班）`;
    if (h.off.includes(d)) return `“${d}”不能既是放假日又是调休上班日`;
  }
  return null;
}
