/**
 * Today's date where the towns are. Servers usually run on UTC, whose date is still yesterday's
 * until 08:00 in China: deadlines, "overdue" and the default period would turn over at 8 in the
 * morning instead of at midnight. The zone is LUOSHI_TZ (an IANA name), Asia/Shanghai by default.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function timeZone(): string {
  return (typeof process !== 'undefined' && process.env?.LUOSHI_TZ) || 'Asia/Shanghai';
}

/**
 * The last answer, by second and zone: a list of fifty records asks for today fifty times (is
 * it overdue?), and Intl formatting costs microseconds each, a few per cent of the server's CPU.
 */
let last = { second: NaN, tz: '', date: '' };

/** 'YYYY-MM-DD' of `now` in the towns' time zone. */
export function today(now: Date = new Date()): string {
  const tz = timeZone();
  const second = Math.floor(now.getTime() / 1000);
  if (second === last.second && tz === last.tz) return last.date;
  let f = formatters.get(tz);
  if (!f) formatters.set(tz, (f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })));
  last = { second, tz, date: f.format(now) };
  return last.date;
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/** 'YYYY-MM-DD HH:mm' of an instant in the towns' time zone (lockout ends, export stamps). */
export function formatDateTime(at: Date): string {
  const tz = timeZone();
  let f = dateTimeFormatters.get(tz);
  if (!f)
    dateTimeFormatters.set(
      tz,
      (f = new Intl.DateTimeFormat('en-CA', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })),
    );
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
