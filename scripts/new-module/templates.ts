import type { ModuleNames } from './names.ts';

/**
 * The files of a new module, in the shape of docs/ARCHITECTURE.md ("The module shape"), as path → text. The text
 * is formatted by Prettier afterwards, so these templates care about what the code says, not its line breaks.
 */
export function moduleFiles(n: ModuleNames, migrationStamp: string): Record<string, string> {
  const dir = `src/modules/${n.kebab}`;
  return {
    [`${dir}/index.ts`]: indexTs(n),
    [`${dir}/routes/pages.ts`]: pagesTs(n),
    [`${dir}/routes/api.ts`]: apiTs(n),
    [`${dir}/loaders.ts`]: loadersTs(n),
    [`${dir}/policy.ts`]: policyTs(n),
    [`${dir}/schemas.ts`]: schemasTs(n),
    [`${dir}/commands/create-${n.kebabOne}.ts`]: commandTs(n),
    [`${dir}/queries.ts`]: queriesTs(n),
    [`${dir}/presenters.ts`]: presentersTs(n),
    [`${dir}/views/${n.kebab}-list-page.tsx`]: listPageTsx(n),
    [`${dir}/views/${n.kebabOne}-form-page.tsx`]: formPageTsx(n),
    [`${dir}/migrations/${migrationStamp}-create-${n.kebab}.sql`]: migrationSql(n),
    [`${dir}/factories.ts`]: factoriesTs(n),
    [`${dir}/seed.ts`]: seedTs(n),
    [`${dir}/routes.test.ts`]: routesTestTs(n),
    [`src/locales/en/${n.kebab}.json`]: localeJson(n, 'en'),
    [`src/locales/fa/${n.kebab}.json`]: localeJson(n, 'fa'),
    [`src/locales/vi/${n.kebab}.json`]: localeJson(n, 'vi'),
    [`docs/modules/${n.kebab}.md`]: docMd(n, migrationStamp),
  };
}

/**
 * How the API route declares itself: `zod-schemas` (path, query and response schemas through core/api-docs.ts, the
 * OpenAPI document generated from them) where that file exists, else `plain` (the style of meetings/routes/api.ts).
 */

const indexTs = (n: ModuleNames) => `import type { FastifyInstance } from 'fastify';
import type { UnionhallModule } from '../module.ts';
import { ${n.camel}Pages } from './routes/pages.ts';
import { ${n.camel}Api } from './routes/api.ts';
import { seed${n.pascal} } from './seed.ts';

// Other modules may use only what this file exports; the factories are exported for their tests.
export { create${n.pascalOne} } from './factories.ts';

/** ${capitalized(n.words)} of an organization: listed by its people, recorded by its coordinators and admins. */
export const ${n.camel}Module: UnionhallModule = {
  name: '${n.kebab}',
  plugin: async (app: FastifyInstance) => {
    await ${n.camel}Pages(app);
    await ${n.camel}Api(app);
  },
  organizationLinks: [{ labelId: '${n.kebab}.organizationLink', path: (slug) => \`/organizations/\${slug}/${n.kebab}\` }],
  seed: seed${n.pascal},
};
`;

const pagesTs = (n: ModuleNames) => `import type { FastifyInstance } from 'fastify';
import { commandDeps } from '../../../core/commands.ts';
import type { RequestContext } from '../../../core/context.ts';
import { permit } from '../../../core/errors.ts';
import { emptyForm, formValues, parseForm, withError, type FormState } from '../../../core/forms.ts';
import { requireActor } from '../../../core/route-params.ts';
import type { OrganizationSummary } from '../../organizations/index.ts';
import { create${n.pascalOne} } from '../commands/create-${n.kebabOne}.ts';
import { loadOrganization } from '../loaders.ts';
import { canCreate${n.pascalOne} } from '../policy.ts';
import { present${n.pascalOne}, presentOrganization } from '../presenters.ts';
import { list${n.pascal} } from '../queries.ts';
import { ${n.camelOne}FormSchema } from '../schemas.ts';
import { ${n.pascal}ListPage } from '../views/${n.kebab}-list-page.tsx';
import { ${n.pascalOne}FormPage } from '../views/${n.kebabOne}-form-page.tsx';

type Params = { slug: string };

/** The create form, empty or with what was typed and the error beside each field. */
const renderForm = (ctx: RequestContext, organization: OrganizationSummary, form: FormState) =>
  ${n.pascalOne}FormPage({ ctx, organization: presentOrganization(organization, ctx.lang), form });

/** An organization's ${n.words}: the list, and the form that records one (posts, then redirects with a flash). */
export async function ${n.camel}Pages(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  app.get<{ Params: Params }>('/:lang/organizations/:slug/${n.kebab}', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const organization = await loadOrganization(db, actor, request.params.slug);
    const rows = await list${n.pascal}(db, organization.id);
    return reply.render(
      ${n.pascal}ListPage({
        ctx,
        organization: presentOrganization(organization, ctx.lang),
        ${n.camel}: rows.map((row) => present${n.pascalOne}(row, ctx.lang)),
        canCreate: canCreate${n.pascalOne}(actor, organization),
      }),
    );
  });

  app.get<{ Params: Params }>('/:lang/organizations/:slug/${n.kebab}/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const organization = await loadOrganization(db, actor, request.params.slug);
    permit(canCreate${n.pascalOne}(actor, organization));
    return reply.render(renderForm(ctx, organization, emptyForm()));
  });

  app.post<{ Params: Params }>('/:lang/organizations/:slug/${n.kebab}/new', async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const organization = await loadOrganization(db, actor, request.params.slug);
    permit(canCreate${n.pascalOne}(actor, organization));
    const parsed = parseForm(${n.camelOne}FormSchema, request.body, ctx.t);
    if (!parsed.ok) return reply.render(renderForm(ctx, organization, parsed.form), 422);
    const result = await create${n.pascalOne}(commandDeps(request, actor), {
      organizationId: organization.id,
      title: parsed.data.title,
      description: parsed.data.description ?? '',
    });
    if (!result.ok) {
      const form = withError(formValues(request.body), 'title', ctx.t('${n.kebab}.form.duplicateTitle'));
      return reply.render(renderForm(ctx, organization, form), 422);
    }
    return reply.redirectWithFlash(\`/\${ctx.lang}/organizations/\${organization.slug}/${n.kebab}\`, '${n.kebab}.flash.created');
  });
}
`;

const apiTs = (n: ModuleNames) => `import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema, apiRefusals, apiSecurity } from '../../../core/api-docs.ts';
import { invalidInput } from '../../../core/api-validation.ts';
import { commandDeps } from '../../../core/commands.ts';
import { permit } from '../../../core/errors.ts';
import { requireActor } from '../../../core/route-params.ts';
import { create${n.pascalOne} } from '../commands/create-${n.kebabOne}.ts';
import { loadOrganization } from '../loaders.ts';
import { canCreate${n.pascalOne} } from '../policy.ts';
import { present${n.pascalOne} } from '../presenters.ts';
import { find${n.pascalOne}, list${n.pascal} } from '../queries.ts';
import { ${n.camelOne}ApiBodySchema, ${n.camelOne}Json, ${n.camel}ApiQuerySchema } from '../schemas.ts';

const tags = ['${n.kebab}'];

/** The ${n.words}' JSON API under /api/v1, with the pages' loaders, policy and command; documented from these schemas. */
export async function ${n.camel}Api(app: FastifyInstance): Promise<void> {
  const db = app.uh.db;

  const listSchema = {
    tags,
    summary: "An organization's ${n.words} (anyone holding a role in it)",
    security: apiSecurity,
    querystring: ${n.camel}ApiQuerySchema,
    response: { 200: z.object({ ${n.camel}: z.array(${n.camelOne}Json) }), 422: apiErrorSchema, ...apiRefusals },
  };
  // A query string the schema refuses is answered 422 invalid_input before the handler runs (core/api-validation.ts).
  app.get<{ Querystring: z.output<typeof ${n.camel}ApiQuerySchema> }>('/api/v1/${n.kebab}', { schema: listSchema }, async (request) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const organization = await loadOrganization(db, actor, request.query.organization);
    const rows = await list${n.pascal}(db, organization.id);
    return { ${n.camel}: rows.map((row) => present${n.pascalOne}(row, ctx.lang)) };
  });

  const createSchema = {
    tags,
    summary: 'Record a ${n.wordsOne} (coordinators and admins of the organization)',
    security: apiSecurity,
    body: ${n.camelOne}ApiBodySchema,
    response: { 201: z.object({ ${n.camelOne}: ${n.camelOne}Json }), 403: apiErrorSchema, 422: apiErrorSchema, ...apiRefusals },
  };
  // The body is validated by its schema (the form's field rules) before the handler: a refusal is 422 invalid_input.
  app.post<{ Body: z.output<typeof ${n.camelOne}ApiBodySchema> }>('/api/v1/${n.kebab}', { schema: createSchema }, async (request, reply) => {
    const { ctx } = request;
    const actor = requireActor(ctx);
    const body = request.body;
    const organization = await loadOrganization(db, actor, body.organization);
    permit(canCreate${n.pascalOne}(actor, organization));
    const result = await create${n.pascalOne}(commandDeps(request, actor), {
      organizationId: organization.id,
      title: body.title,
      description: body.description ?? '',
    });
    if (!result.ok) return invalidInput(reply, ctx.t, { title: ctx.t('${n.kebab}.form.duplicateTitle') });
    const row = await find${n.pascalOne}(db, organization.id, result.id);
    if (!row) throw new Error(\`${capitalized(n.wordsOne)} \${result.id}, just created, is missing\`);
    return reply.code(201).send({ ${n.camelOne}: present${n.pascalOne}(row, ctx.lang) });
  });
}
`;

const loadersTs = (n: ModuleNames) => `import type { Actor } from '../../core/authorization.ts';
import { authorize } from '../../core/errors.ts';
import type { Queryable } from '../../db/database.ts';
import { findOrganizationBySlug, type OrganizationSummary } from '../organizations/index.ts';
import { canView${n.pascal} } from './policy.ts';

/**
 * The organization whose ${n.words} the actor may see; 404 when it does not exist or they hold no role in it
 * (one answer, so a probe learns nothing about which organizations exist).
 */
export async function loadOrganization(db: Queryable, actor: Actor, slug: string): Promise<OrganizationSummary> {
  const organization = await findOrganizationBySlug(db, slug);
  authorize(organization !== undefined && canView${n.pascal}(actor, organization));
  return organization;
}
`;

const policyTs = (n: ModuleNames) => `import { hasRole, ROLES, type Actor, type OrganizationRef } from '../../core/authorization.ts';

/**
 * Who may do what with ${n.words}. Pure functions, deny by default.
 * - Anyone holding a role in the organization (members included; roles above member reach sub-organizations)
 *   sees its ${n.words}. Platform administrators see all.
 * - Coordinators and admins of the organization record them.
 */

const CREATORS = ['coordinator', 'admin'] as const;

/** Seeing an organization's ${n.words}. */
export function canView${n.pascal}(actor: Actor | null, organization: OrganizationRef): boolean {
  return hasRole(actor, organization, ROLES);
}

/** Recording a new ${n.wordsOne} for the organization. */
export function canCreate${n.pascalOne}(actor: Actor | null, organization: OrganizationRef): boolean {
  return hasRole(actor, organization, CREATORS);
}
`;

const schemasTs = (n: ModuleNames) => `import { z } from 'zod';
import { longText, optional, text } from '../../core/forms.ts';

/** The form that records a ${n.wordsOne}. */
export const ${n.camelOne}FormSchema = z.object({
  /** What it is called; unique within the organization. */
  title: text({ max: 200 }),
  /** Anything the organization's people should know about it. */
  description: optional(longText({ max: 5000 })),
});
export type ${n.pascalOne}Form = z.output<typeof ${n.camelOne}FormSchema>;

/** The API's body: the form's fields and the organization, by its slug. */
export const ${n.camelOne}ApiBodySchema = ${n.camelOne}FormSchema.extend({
  /** The organization's slug, as in its address. */
  organization: text({ max: 200 }),
});

/** A ${n.wordsOne} in the API's answers (present${n.pascalOne}); a key this does not declare never reaches the JSON. */
export const ${n.camelOne}Json = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    /** ISO 8601. */
    createdAt: z.string(),
    /** The date in the request's language and calendar. */
    createdAtText: z.string(),
  })
  .meta({ id: '${n.pascalOne}' });

/** The API's list query: whose ${n.words}. */
export const ${n.camel}ApiQuerySchema = z.object({
  /** The organization's slug. */
  organization: z.string().min(1).max(200),
});
`;

const commandTs = (n: ModuleNames) => `import { recordAudit } from '../../../core/audit.ts';
import type { CommandDeps, CommandResult } from '../../../core/commands.ts';
import { transaction } from '../../../db/database.ts';
import { insert${n.pascalOne} } from '../queries.ts';

export interface Create${n.pascalOne}Input {
  organizationId: number;
  title: string;
  description: string;
}

/** The new ${n.wordsOne}'s id, or why none was made. */
export type Create${n.pascalOne}Result = CommandResult<{ id: number }, 'duplicateTitle'>;

/** Records a ${n.wordsOne} of an organization, with its audit entry, in one transaction. */
export async function create${n.pascalOne}(deps: CommandDeps, input: Create${n.pascalOne}Input): Promise<Create${n.pascalOne}Result> {
  return transaction(deps.db, async (tx) => {
    const id = await insert${n.pascalOne}(tx, { ...input, createdBy: deps.actor.userId });
    if (id === null) return { ok: false, reason: 'duplicateTitle' } as const;
    await recordAudit(tx, {
      actorId: deps.actor.userId,
      organizationId: input.organizationId,
      action: '${n.snakeOne}.created',
      subjectType: '${n.snakeOne}',
      subjectId: id,
      details: { title: input.title },
      ip: deps.ip,
    });
    return { ok: true, id } as const;
  });
}
`;

const queriesTs = (n: ModuleNames) => `import { z } from 'zod';
import { many, one, type Queryable } from '../../db/database.ts';
import { IdRow } from '../../core/rows.ts';

/** A ${n.wordsOne} as stored (camelCase, aliased in the SQL); one() and many() parse every row with it (docs/ARCHITECTURE.md, "Rows"). */
const ${n.pascalOne}Row = z.object({
  id: z.number(),
  organizationId: z.number(),
  title: z.string(),
  description: z.string(),
  createdAt: z.date(),
});
export type ${n.pascalOne}Row = z.infer<typeof ${n.pascalOne}Row>;

const ${n.snake.toUpperCase()}_SELECT = \`SELECT id, organization_id AS "organizationId", title, description, created_at AS "createdAt" FROM ${n.snake}\`;

/** An organization's ${n.words}, newest first (at most \`limit\`). */
export function list${n.pascal}(db: Queryable, organizationId: number, limit = 200): Promise<${n.pascalOne}Row[]> {
  return many(db, ${n.pascalOne}Row, \`\${${n.snake.toUpperCase()}_SELECT} WHERE organization_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2\`, [
    organizationId,
    limit,
  ]);
}

/** One ${n.wordsOne} of this organization; undefined when there is none (or it is another organization's). */
export function find${n.pascalOne}(db: Queryable, organizationId: number, id: number): Promise<${n.pascalOne}Row | undefined> {
  return one(db, ${n.pascalOne}Row, \`\${${n.snake.toUpperCase()}_SELECT} WHERE organization_id = $1 AND id = $2\`, [organizationId, id]);
}

/** Inserts a ${n.wordsOne}; null when the organization already has one with this title. */
export async function insert${n.pascalOne}(
  db: Queryable,
  values: { organizationId: number; title: string; description: string; createdBy: number | null },
): Promise<number | null> {
  const row = await one(
    db,
    IdRow,
    \`INSERT INTO ${n.snake} (organization_id, title, description, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (organization_id, title) DO NOTHING RETURNING id\`,
    [values.organizationId, values.title, values.description, values.createdBy],
  );
  return row?.id ?? null;
}
`;

const presentersTs = (n: ModuleNames) => `import { formatDate } from '../../core/dates.ts';
import { pickLocalized, type Lang } from '../../core/i18n.ts';
import type { OrganizationSummary } from '../organizations/index.ts';
import type { ${n.pascalOne}Row } from './queries.ts';

/** A ${n.wordsOne} as pages and the API show it: only the fields named here leave the module. */
export function present${n.pascalOne}(row: ${n.pascalOne}Row, lang: Lang) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    createdAtText: formatDate(row.createdAt, lang),
  };
}
export type ${n.pascalOne}View = ReturnType<typeof present${n.pascalOne}>;

/** The organization as the pages name it, in the viewer's language. */
export function presentOrganization(organization: OrganizationSummary, lang: Lang) {
  return { slug: organization.slug, name: pickLocalized(organization.name, lang) };
}
export type ${n.pascal}OrganizationView = ReturnType<typeof presentOrganization>;
`;

const listPageTsx = (n: ModuleNames) => `import type { RequestContext } from '../../../core/context.ts';
import { Layout, href } from '../../../ui/layout.tsx';
import type { ${n.pascalOne}View, ${n.pascal}OrganizationView } from '../presenters.ts';

/** An organization's ${n.words}, newest first, with a link to record one for those who may. */
export function ${n.pascal}ListPage({
  ctx,
  organization,
  ${n.camel},
  canCreate,
}: {
  ctx: RequestContext;
  organization: ${n.pascal}OrganizationView;
  ${n.camel}: ${n.pascalOne}View[];
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('${n.kebab}.list.title')} noindex>
      <div class="page-header">
        <h1>{t('${n.kebab}.list.title')}</h1>
        {canCreate && (
          <div class="page-header__actions">
            <a class="button" href={href(ctx, \`/organizations/\${organization.slug}/${n.kebab}/new\`)}>
              {t('${n.kebab}.list.new')}
            </a>
          </div>
        )}
      </div>
      <p class="lead">
        <bdi>{organization.name}</bdi>
      </p>
      {${n.camel}.length === 0 ? (
        <p class="muted">{t('${n.kebab}.list.empty')}</p>
      ) : (
        <ul class="list-plain stack">
          {${n.camel}.map((item) => (
            <li class="card">
              <h2 dir="auto">{item.title}</h2>
              <p class="meta">
                <time datetime={item.createdAt}>{item.createdAtText}</time>
              </p>
              {item.description && <p dir="auto">{item.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
`;

const formPageTsx = (n: ModuleNames) => `import type { RequestContext } from '../../../core/context.ts';
import type { FormState } from '../../../core/forms.ts';
import { ErrorSummary, Form, SubmitButton, TextArea, TextField } from '../../../ui/form.tsx';
import { Layout, href } from '../../../ui/layout.tsx';
import type { ${n.pascal}OrganizationView } from '../presenters.ts';

/** Records a new ${n.wordsOne} for an organization; shown again with the values and errors when refused. */
export function ${n.pascalOne}FormPage({
  ctx,
  organization,
  form,
}: {
  ctx: RequestContext;
  organization: ${n.pascal}OrganizationView;
  form: FormState;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('${n.kebab}.form.newTitle')} noindex>
      <h1>{t('${n.kebab}.form.newTitle')}</h1>
      <p class="lead">
        <bdi>{organization.name}</bdi>
      </p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={href(ctx, \`/organizations/\${organization.slug}/${n.kebab}/new\`)}>
        <TextField form={form} name="title" label={t('${n.kebab}.form.title')} maxLength={200} required />
        <TextArea form={form} name="description" label={t('${n.kebab}.form.description')} maxLength={5000} />
        <SubmitButton>{t('${n.kebab}.form.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
`;

const migrationSql = (n: ModuleNames) => `-- ${capitalized(n.words)}: each belongs to one organization; titles are unique within it.
CREATE TABLE ${n.snake} (
  id bigserial PRIMARY KEY,
  organization_id bigint NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, title)
);
CREATE INDEX ${n.snake}_organization_created_idx ON ${n.snake} (organization_id, created_at DESC);
`;

const factoriesTs = (n: ModuleNames) => `import type { Queryable } from '../../db/database.ts';
import { insert${n.pascalOne} } from './queries.ts';

/** What a test may set on a ${n.wordsOne}; everything else gets a plain default. */
export interface ${n.pascalOne}Overrides {
  title?: string;
  description?: string;
  createdBy?: number | null;
}

let counter = 0;

/**
 * A ${n.wordsOne} of this organization, written through the module's own insert (no audit entry: a test's setup, not
 * a recorded act), for any module's tests. Returns its id.
 */
export async function create${n.pascalOne}(db: Queryable, organizationId: number, overrides: ${n.pascalOne}Overrides = {}): Promise<number> {
  counter += 1;
  const id = await insert${n.pascalOne}(db, {
    organizationId,
    title: overrides.title ?? \`${capitalized(n.wordsOne)} \${counter}\`,
    description: overrides.description ?? '',
    createdBy: overrides.createdBy ?? null,
  });
  if (id === null) throw new Error(\`This organization already has a ${n.wordsOne} with that title\`);
  return id;
}
`;

const seedTs = (n: ModuleNames) => `import type { PoolClient } from 'pg';
import type { DemoRefs } from '../../db/seed/demo-core.ts';
import { insert${n.pascalOne} } from './queries.ts';

/** One demo ${n.wordsOne} for the first demo organization, written through the module's own insert. */
export async function seed${n.pascal}(tx: PoolClient, refs: DemoRefs): Promise<void> {
  // at(0), not [0]: undefined when the demo has no organization, whatever noUncheckedIndexedAccess says.
  const organizationId = Object.values(refs.organizations).at(0);
  if (organizationId === undefined) return;
  await insert${n.pascalOne}(tx, { organizationId, title: '${capitalized(n.wordsOne)}', description: '', createdBy: null });
}
`;

const routesTestTs = (n: ModuleNames) => `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { csrfFrom, TestClient } from '../../../test/support/client.ts';
import { createOrganization, createUser, grantRole, signIn, type TestOrganization, type TestUser } from '../../../test/support/factories.ts';
import { create${n.pascalOne} } from './factories.ts';
import { list${n.pascal} } from './queries.ts';

let t: TestApp;
let organization: TestOrganization;
let other: TestOrganization;
let coordinator: TestUser;
let member: TestUser;

async function as(user: TestUser, lang = 'en'): Promise<TestClient> {
  const client = new TestClient(t.app, { 'accept-language': lang });
  await signIn(t.db, client, user.id);
  return client;
}

const pagePath = (slug: string, lang = 'en') => \`/\${lang}/organizations/\${slug}/${n.kebab}\`;

/** Posts JSON to the API with the CSRF token of one of the client's pages (a cookie session needs it). */
async function postJson(client: TestClient, payload: object) {
  const token = csrfFrom((await client.get(pagePath(organization.slug))).body);
  return client.request({
    method: 'POST',
    url: '/api/v1/${n.kebab}',
    payload,
    headers: { 'content-type': 'application/json', 'x-csrf-token': token },
  });
}

/** The audit entries of this action for the organization. */
async function auditEntries(organizationId: number) {
  const { rows } = await t.db.query<{ actor_id: number; subject_id: string }>(
    \`SELECT actor_id, subject_id FROM audit_log WHERE action = '${n.snakeOne}.created' AND organization_id = $1\`,
    [organizationId],
  );
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  organization = await createOrganization(t.db);
  other = await createOrganization(t.db);
  coordinator = await createUser(t.db, { name: 'Coordinator' });
  member = await createUser(t.db, { name: 'Member' });
  await grantRole(t.db, coordinator.id, organization.id, 'coordinator');
  await grantRole(t.db, member.id, organization.id, 'member');
});

afterAll(async () => {
  await t?.close();
});

describe('GET /:lang/organizations/:slug/${n.kebab}', () => {
  it('sends a visitor to log in', async () => {
    const response = await t.app.inject({ url: pagePath(organization.slug) });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/en/login?next=');
  });
  it('answers 404 for an organization the viewer holds no role in, as for one that does not exist', async () => {
    const client = await as(coordinator);
    expect((await client.get(pagePath(other.slug))).statusCode).toBe(404);
    expect((await client.get(pagePath('no-such-organization'))).statusCode).toBe(404);
  });
  it('lists the organization’s ${n.words} to a member, without the link to record one', async () => {
    await create${n.pascalOne}(t.db, organization.id, { title: 'Listed for members' });
    const response = await (await as(member)).get(pagePath(organization.slug));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Listed for members');
    expect(response.body).not.toContain(\`\${pagePath(organization.slug)}/new\`);
  });
});

describe('POST /:lang/organizations/:slug/${n.kebab}/new', () => {
  it('refuses a member with 403 (they see the list but may not record)', async () => {
    const client = await as(member);
    expect((await client.get(\`\${pagePath(organization.slug)}/new\`)).statusCode).toBe(403);
    const response = await client.post(\`\${pagePath(organization.slug)}/new\`, { title: 'Not mine to add' }, { from: pagePath(organization.slug) });
    expect(response.statusCode).toBe(403);
  });
  it('answers 404 in an organization the viewer holds no role in', async () => {
    const client = await as(coordinator);
    const response = await client.post(\`\${pagePath(other.slug)}/new\`, { title: 'Elsewhere' }, { from: pagePath(organization.slug) });
    expect(response.statusCode).toBe(404);
  });
  it('shows the form again with 422, the values kept and the error in the viewer’s language', async () => {
    const client = await as(coordinator, 'fa');
    const url = \`\${pagePath(organization.slug, 'fa')}/new\`;
    const response = await client.post(url, { title: '', description: 'توضیحی که باید بماند' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('توضیحی که باید بماند');
    expect(response.body).toContain('field--invalid');
    expect(response.body).toContain('<html lang="fa"');
  });
  it('stores the ${n.wordsOne} with its audit entry and redirects to the list with a flash message', async () => {
    const client = await as(coordinator);
    const url = \`\${pagePath(organization.slug)}/new\`;
    const response = await client.post(url, { title: 'Recorded through the form', description: 'Details' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(pagePath(organization.slug));
    const stored = (await list${n.pascal}(t.db, organization.id)).find((row) => row.title === 'Recorded through the form');
    expect(stored?.description).toBe('Details');
    expect((await auditEntries(organization.id)).some((e) => e.subject_id === String(stored?.id) && e.actor_id === coordinator.id)).toBe(true);
    const list = await client.get(pagePath(organization.slug));
    expect(list.body).toContain('Recorded through the form');
  });
  it('refuses a second ${n.wordsOne} with the same title with 422', async () => {
    await create${n.pascalOne}(t.db, organization.id, { title: 'Taken title' });
    const client = await as(coordinator);
    const response = await client.post(\`\${pagePath(organization.slug)}/new\`, { title: 'Taken title' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('value="Taken title"');
  });
});

describe('JSON API /api/v1/${n.kebab}', () => {
  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ url: \`/api/v1/${n.kebab}?organization=\${organization.slug}\` })).statusCode).toBe(401);
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/${n.kebab}', payload: { organization: organization.slug, title: 'x' } });
    expect([401, 403]).toContain(post.statusCode);
  });
  it('lists an organization’s ${n.words}, 404 for one the viewer holds no role in, 422 without one', async () => {
    await create${n.pascalOne}(t.db, organization.id, { title: 'Listed by the API' });
    const client = await as(member);
    const list = await client.get(\`/api/v1/${n.kebab}?organization=\${organization.slug}\`);
    expect(list.statusCode).toBe(200);
    expect(list.json().${n.camel}.some((item: { title: string }) => item.title === 'Listed by the API')).toBe(true);
    expect((await client.get(\`/api/v1/${n.kebab}?organization=\${other.slug}\`)).statusCode).toBe(404);
    const missing = await client.get('/api/v1/${n.kebab}');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('invalid_input');
  });
  it('creates a ${n.wordsOne} (201, audited), refusing a member with 403 and bad input with a localized 422', async () => {
    expect((await postJson(await as(member), { organization: organization.slug, title: 'By a member' })).statusCode).toBe(403);
    const bad = await postJson(await as(coordinator, 'vi'), { organization: organization.slug, title: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.title).toBeTruthy();
    const created = await postJson(await as(coordinator), { organization: organization.slug, title: 'Created by the API' });
    expect(created.statusCode).toBe(201);
    const id = created.json().${n.camelOne}.id;
    expect((await list${n.pascal}(t.db, organization.id)).some((row) => row.id === id)).toBe(true);
    expect((await auditEntries(organization.id)).some((e) => e.subject_id === String(id))).toBe(true);
  });
});
`;

/** Every string of the module, in the three languages (the Persian and Vietnamese are generic until translated). */
function localeJson(n: ModuleNames, lang: 'en' | 'fa' | 'vi'): string {
  const messages = {
    en: {
      organizationLink: capitalized(n.words),
      list: { title: capitalized(n.words), empty: `No ${n.words} yet.`, new: `New ${n.wordsOne}` },
      form: {
        newTitle: `New ${n.wordsOne}`,
        title: 'Title',
        description: 'Description',
        submit: 'Save',
        duplicateTitle: `This organization already has a ${n.wordsOne} with this title.`,
      },
      flash: { created: `The ${n.wordsOne} was recorded.` },
    },
    fa: {
      organizationLink: 'فهرست',
      list: { title: 'فهرست', empty: 'هنوز موردی ثبت نشده است.', new: 'مورد تازه' },
      form: {
        newTitle: 'ثبت مورد تازه',
        title: 'عنوان',
        description: 'توضیحات',
        submit: 'ذخیره',
        duplicateTitle: 'این تشکل موردی با همین عنوان دارد.',
      },
      flash: { created: 'ثبت شد.' },
    },
    vi: {
      organizationLink: 'Danh sách',
      list: { title: 'Danh sách', empty: 'Chưa có mục nào.', new: 'Mục mới' },
      form: {
        newTitle: 'Thêm mục mới',
        title: 'Tiêu đề',
        description: 'Mô tả',
        submit: 'Lưu',
        duplicateTitle: 'Tổ chức này đã có một mục với tiêu đề này.',
      },
      flash: { created: 'Đã ghi lại.' },
    },
  };
  return JSON.stringify(messages[lang], null, 2) + '\n';
}

const docMd = (n: ModuleNames, migrationStamp: string) => `# ${capitalized(n.words)}

Generated by \`npm run new-module ${n.kebab}\`; replace this page's words with what the module is for.

## What it does
- \`/:lang/organizations/:slug/${n.kebab}\` lists an organization's ${n.words} to anyone holding a role in it (404 to others,
  the same as for an organization that does not exist); coordinators and admins record one at \`…/${n.kebab}/new\`
  (others get 403). A refused form comes back with 422, the values kept and the errors beside the fields.
- \`GET /api/v1/${n.kebab}?organization=<slug>\` and \`POST /api/v1/${n.kebab}\` (\`{ organization, title, description }\`) do
  the same in JSON, through the same loader, policy and command.
- Each new ${n.wordsOne} writes the audit entry \`${n.snakeOne}.created\` in the command's transaction.

## Files
\`index.ts\` (manifest), \`routes/pages.ts\`, \`routes/api.ts\`, \`loaders.ts\`, \`policy.ts\`, \`schemas.ts\`,
\`commands/create-${n.kebabOne}.ts\`, \`queries.ts\`, \`presenters.ts\`, \`views/\`, \`migrations/${migrationStamp}-create-${n.kebab}.sql\`
(the \`${n.snake}\` table, scoped by \`organization_id\`), \`factories.ts\` (\`create${n.pascalOne}(db, organizationId, overrides)\`),
\`seed.ts\`, \`routes.test.ts\`; messages in \`src/locales/{fa,vi,en}/${n.kebab}.json\` (the Persian and Vietnamese start generic:
name the module's things in each language).
`;

function capitalized(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
