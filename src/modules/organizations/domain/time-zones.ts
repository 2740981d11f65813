import type { Lang } from '../../../core/i18n.ts';

/**
 * The IANA time zones an organization may work in: those this runtime's Intl knows (418 or so), plus UTC and the
 * names the demo and the migration use (ICU lists Ho Chi Minh City under its old name, Asia/Saigon). PostgreSQL knows
 * every one of them, so the reminder job's `AT TIME ZONE` never meets a name it cannot read.
 */
const ZONES: readonly string[] = [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Asia/Tehran', 'Asia/Ho_Chi_Minh'])].sort();
const KNOWN = new Set(ZONES);

/** True for a time zone the organization form accepts. */
export function isTimeZone(value: string): boolean {
  return KNOWN.has(value);
}

const optionsByLang = new Map<Lang, Array<[string, string]>>();

/** The choices of the time zone select: "Asia/Tehran — Iran Standard Time" with the zone's name in the page's language. */
export function timeZoneOptions(lang: Lang): Array<[string, string]> {
  let options = optionsByLang.get(lang);
  if (!options) {
    const now = new Date();
    options = ZONES.map((zone): [string, string] => {
      const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'long' })
        .formatToParts(now)
        .find((p) => p.type === 'timeZoneName');
      return [zone, name ? `${zone} — ${name.value}` : zone];
    });
    optionsByLang.set(lang, options);
  }
  return options;
}
