import type { Region, RegionNode } from '../queries.ts';

/** Builds the nested tree from a flat list of regions (a region whose parent is not in the list is a root). */
export function buildRegionTree(regions: readonly Region[]): RegionNode[] {
  const nodes = new Map<number, RegionNode>();
  for (const r of regions) nodes.set(r.id, { ...r, children: [] });
  const roots: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Flattens the region tree depth-first, for selects: [{ region, depth }]. */
export function flattenRegionTree(tree: readonly RegionNode[], depth = 0, into: Array<{ region: Region; depth: number }> = []) {
  for (const node of tree) {
    into.push({ region: node, depth });
    flattenRegionTree(node.children, depth + 1, into);
  }
  return into;
}
