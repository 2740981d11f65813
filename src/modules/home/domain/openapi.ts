import { modules } from '../../registry.ts';

type Operation = { parameters?: unknown[]; responses?: Record<string, { content?: unknown }> };
type Document = { paths?: Partial<Record<string, Record<string, Operation>>>; components?: { schemas?: Record<string, unknown> } };

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];
const declaresResponse = (operation: Operation | undefined) => Object.values(operation?.responses ?? {}).some((r) => r.content);

/**
 * The document @fastify/swagger generated from the routes' zod schemas, completed, while modules move over, by
 * the hand-written operations of routes that do not declare their response schemas yet.
 */
export function openapiDocument(generated: Document): Document {
  const paths: Partial<Record<string, Record<string, Operation>>> = structuredClone(generated.paths ?? {});
  for (const module of modules) {
    for (const [path, operations] of Object.entries((module.openapiPaths ?? {}) as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (declaresResponse(paths[path]?.[method])) continue;
        const parameters = WRITE_METHODS.includes(method)
          ? [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }]
          : operation.parameters;
        paths[path] = { ...paths[path], [method]: parameters ? { ...operation, parameters } : operation };
      }
    }
  }
  const handWritten = Object.assign({}, ...modules.map((m) => m.openapiSchemas ?? {})) as Record<string, unknown>;
  return { ...generated, components: { ...generated.components, schemas: { ...handWritten, ...generated.components?.schemas } }, paths };
}
