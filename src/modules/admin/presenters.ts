import type { RequestContext } from '../../core/context.ts';
import { pickLocalized, type Lang } from '../../core/i18n.ts';
import type { Region } from './queries.ts';

/** Regions as select options, children indented under their parents (input: flattenRegionTree's output). */
export function regionOptions(lang: Lang, flat: Array<{ region: Region; depth: number }>): Array<[string, string]> {
  return flat.map(({ region, depth }) => [String(region.id), `${'\u00a0\u00a0'.repeat(depth)}${depth > 0 ? '– ' : ''}${pickLocalized(region.name, lang)}`]);
}
