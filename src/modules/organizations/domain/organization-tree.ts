import { pickLocalized, type Lang, type LocalizedText } from '../../../core/i18n.ts';

/** An organization as a select lists it: its name in the page's language and its depth for indenting. */
export interface OrganizationOption {
  id: number;
  slug: string;
  name: string;
  depth: number;
}

/** Orders organizations for a select: each parent before its children, siblings by name in the language. */
export function orderForSelect(
  rows: ReadonlyArray<{ id: number; slug: string; name: LocalizedText; parentId: number | null }>,
  lang: Lang,
): OrganizationOption[] {
  const byParent = new Map<number | null, Array<(typeof rows)[number]>>();
  for (const row of rows) {
    const list = byParent.get(row.parentId) ?? [];
    list.push(row);
    byParent.set(row.parentId, list);
  }
  const result: OrganizationOption[] = [];
  const visit = (parentId: number | null, depth: number) => {
    const children = (byParent.get(parentId) ?? []).sort((a, b) =>
      pickLocalized(a.name, lang).localeCompare(pickLocalized(b.name, lang), lang),
    );
    for (const child of children) {
      result.push({ id: child.id, slug: child.slug, name: pickLocalized(child.name, lang), depth });
      visit(child.id, depth + 1);
    }
  };
  visit(null, 0);
  return result;
}
