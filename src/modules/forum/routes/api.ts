import { z } from 'zod';
import {
  apiErrorSchema,
  apiQueryRefusals,
  apiRefusals,
  apiSecurity,
  apiWriteRefusals,
  idPathSegment,
  visitorOrApiSecurity,
} from '../../../core/api-docs.ts';
import { invalidInput } from '../../../core/api-validation.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, LoginRequiredError, permit } from '../../../core/errors.ts';
import { parseForm } from '../../../core/forms.ts';
import { createReply } from '../commands/create-reply.ts';
import { createTopic } from '../commands/create-topic.ts';
import { publishNewPost } from '../domain/publish.ts';
import { canModerate, canPost, canReadCategory } from '../policy.ts';
import { findCategoryById, listReadableCategories } from '../queries/categories.ts';
import { findPost, findPostLocation, listPosts } from '../queries/posts.ts';
import { POSTS_PER_PAGE, TOPICS_PER_PAGE, listCategoryTopics } from '../queries/topics.ts';
import { searchCaches } from '../domain/search-caches.ts';
import { runSearch, searchInput } from '../domain/search.ts';
import {
  categoryJsonSchema,
  newTopicJsonBody,
  postJsonSchema,
  replyJsonBody,
  searchPageJsonSchema,
  searchSchema,
  topicListJsonSchema,
  topicPageJsonSchema,
} from '../schemas.ts';
import { categoryJson, postJson, presentPost, presentTopicListItem, resultJson, topicListJson } from '../presenters.ts';
import { createPostingLimiters } from '../domain/posting-limits.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { categoryAccess, forumDeps, loadReadableTopic, postingState, topicAccess, viewerTag } from '../loaders.ts';
import { idParam } from '../../../core/route-params.ts';

type Query = Record<string, string | undefined>;

/** The poster's display name (forumDeps has already refused a visitor). */
function signedInName(request: FastifyRequest): string {
  const { user } = request.ctx;
  if (!user) throw new LoginRequiredError();
  return user.name;
}

const categoryParams = z.object({ categoryId: idPathSegment() });
const topicParams = z.object({ topicId: idPathSegment() });
/** The schema part every forum route shares: its tag, summary and who may call it. */
const doc = (summary: string, security: Array<Record<string, string[]>>) => ({ tags: ['forum'], summary, security });

/** /api/v1/forum (categories, topics, posts, starting topics and replying) and /api/v1/search; the same policies as the pages. */
export async function forumApiRoutes(app: FastifyInstance): Promise<void> {
  const { db, live } = app.uh;
  const limit = createPostingLimiters(app);
  const { found } = searchCaches(app);

  /** The forum's flood limits apply to the API as to the forms (429 past them). */
  async function checkPostingLimits(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    return limit.check(request, reply);
  }

  // A session's CSRF token, for browser clients that call the write endpoints with the session cookie.
  const csrfSchema = {
    ...doc('A CSRF token for this session (send it as x-csrf-token with the session cookie)', visitorOrApiSecurity),
    response: { 200: z.object({ token: z.string() }) },
  };
  app.get('/api/v1/forum/csrf-token', { schema: csrfSchema }, async (request) => ({ token: request.ctx.csrfToken() }));

  const categoriesSchema = {
    ...doc('The categories you may read, optionally of one organization (its slug)', visitorOrApiSecurity),
    querystring: z.object({ org: z.string().optional() }),
    response: { 200: z.object({ categories: z.array(categoryJsonSchema) }), ...apiQueryRefusals },
  };
  app.get('/api/v1/forum/categories', { schema: categoriesSchema }, async (request) => {
    const org = (request.query as Query).org;
    const slug = typeof org === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(org) ? org : null;
    if (org !== undefined && slug === null) return { categories: [] };
    return { categories: (await listReadableCategories(db, request.ctx.actor, slug)).map(categoryJson) };
  });

  const topicsSchema = {
    ...doc('A category’s topics, pinned first then by last post; pass `nextCursor` as `after` for the next page', visitorOrApiSecurity),
    params: categoryParams,
    querystring: z.object({ after: z.string().optional() }),
    response: {
      200: z.object({
        category: z.object({ id: z.number().int(), slug: z.string(), name: z.record(z.string(), z.string()) }),
        topics: z.array(topicListJsonSchema),
        nextCursor: z.string().nullable(),
      }),
      ...apiQueryRefusals,
      ...apiRefusals,
    },
  };
  app.get<{ Params: { categoryId: string } }>('/api/v1/forum/categories/:categoryId/topics', { schema: topicsSchema }, async (request) => {
    const { actor } = request.ctx;
    const category = await findCategoryById(db, idParam(request.params.categoryId), actor);
    authorize(!!category && canReadCategory(actor, categoryAccess(category)));
    const cursor = decodeCursor((request.query as Query).after);
    const rows = await listCategoryTopics(db, category.id, cursor, canModerate(actor, categoryAccess(category).organization));
    const shown = rows.slice(0, TOPICS_PER_PAGE);
    const last = rows.length > TOPICS_PER_PAGE ? shown[shown.length - 1] : null;
    return {
      category: { id: category.id, slug: category.slug, name: category.name },
      topics: shown.map((r) => topicListJson(presentTopicListItem(r))),
      nextCursor: last?.cursorAt ? encodeCursor({ pinned: last.isPinned, at: last.cursorAt, id: last.id }) : null,
    };
  });

  const topicSchema = {
    ...doc('A topic and one page of its posts', visitorOrApiSecurity),
    params: topicParams,
    querystring: z.object({ page: z.string().optional() }),
    response: { 200: topicPageJsonSchema, ...apiQueryRefusals, ...apiRefusals },
  };
  app.get<{ Params: { topicId: string } }>('/api/v1/forum/topics/:topicId', { schema: topicSchema }, async (request) => {
    const topic = await loadReadableTopic(request, request.params.topicId);
    const pageParam = (request.query as Query).page;
    const page = pageParam === undefined ? 1 : /^[0-9]{1,6}$/.test(pageParam) ? Number(pageParam) : 0;
    const pageCount = Math.max(1, Math.ceil(topic.lastPostNumber / POSTS_PER_PAGE));
    authorize(page >= 1 && page <= pageCount);
    const moderator = canModerate(request.ctx.actor, topicAccess(topic).organization);
    const rows = await listPosts(
      db,
      topic.id,
      (page - 1) * POSTS_PER_PAGE + 1,
      page * POSTS_PER_PAGE,
      request.ctx.actor?.userId ?? null,
      viewerTag(request, topic.id),
    );
    return {
      topic: {
        id: topic.id,
        title: topic.title,
        status: topic.status,
        isLocked: topic.isLocked,
        isPinned: topic.isPinned,
        categoryId: topic.categoryId,
        postCount: topic.lastPostNumber,
      },
      page,
      pageCount,
      posts: rows.map((row) => postJson(presentPost(row, { canModerate: moderator }))),
    };
  });

  const postSchema = {
    ...doc('One post', visitorOrApiSecurity),
    params: z.object({ postId: idPathSegment() }),
    response: { 200: z.object({ post: postJsonSchema }), ...apiRefusals },
  };
  app.get<{ Params: { postId: string } }>('/api/v1/forum/posts/:postId', { schema: postSchema }, async (request) => {
    const location = await findPostLocation(db, idParam(request.params.postId));
    authorize(!!location);
    const topic = await loadReadableTopic(request, String(location.topicId));
    const row = await findPost(db, topic.id, location.postNumber, request.ctx.actor?.userId ?? null, viewerTag(request, topic.id));
    authorize(!!row);
    return { post: postJson(presentPost(row, { canModerate: canModerate(request.ctx.actor, topicAccess(topic).organization) })) };
  });

  const newTopicDoc = {
    ...doc('Start a topic (optionally anonymous: your account is never stored with it)', apiSecurity),
    params: categoryParams,
    body: newTopicJsonBody,
    response: { 201: z.object({ topic: z.object({ id: z.number().int(), url: z.string() }) }), 429: apiErrorSchema, ...apiWriteRefusals },
  };
  app.post<{ Params: { categoryId: string }; Body: z.output<typeof newTopicJsonBody> }>(
    '/api/v1/forum/categories/:categoryId/topics',
    { schema: newTopicDoc },
    async (request, reply) => {
      const deps = forumDeps(request);
      const category = await findCategoryById(db, idParam(request.params.categoryId), deps.actor);
      authorize(!!category && canReadCategory(deps.actor, categoryAccess(category)));
      permit(canPost(deps.actor, { category: categoryAccess(category), suspended: category.viewerSuspended }));
      const input = request.body;
      const isNew = await checkPostingLimits(request, reply);
      const result = await createTopic(deps, {
        category,
        authorName: signedInName(request),
        title: input.title,
        body: input.body,
        anonymous: input.anonymous,
        images: [],
        isNewAccount: isNew,
      });
      if (!result.ok) return invalidInput(reply, request.ctx.t, { body: request.ctx.t('forum.errors.tooManyLinks') });
      return reply.code(201).send({ topic: { id: result.topicId, url: `/forum/t/${result.topicId}` } });
    },
  );

  const replyDoc = {
    ...doc('Reply to a topic (optionally anonymous)', apiSecurity),
    params: topicParams,
    body: replyJsonBody,
    response: {
      201: z.object({ post: z.object({ topicId: z.number().int(), postNumber: z.number().int(), url: z.string() }) }),
      429: apiErrorSchema,
      ...apiWriteRefusals,
    },
  };
  app.post<{ Params: { topicId: string }; Body: z.output<typeof replyJsonBody> }>(
    '/api/v1/forum/topics/:topicId/posts',
    { schema: replyDoc },
    async (request, reply) => {
      const deps = forumDeps(request);
      const topic = await loadReadableTopic(request, request.params.topicId);
      permit(canPost(deps.actor, postingState(topic)));
      const input = request.body;
      const isNew = await checkPostingLimits(request, reply);
      const result = await createReply(deps, {
        topic,
        authorName: signedInName(request),
        body: input.body,
        anonymous: input.anonymous,
        quotedPostNumber: input.quote ?? null,
        images: [],
        isNewAccount: isNew,
      });
      if (!result.ok) return invalidInput(reply, request.ctx.t, { body: request.ctx.t('forum.errors.tooManyLinks') });
      await publishNewPost(live, topic.id, result.postNumber);
      return reply
        .code(201)
        .send({ post: { topicId: topic.id, postNumber: result.postNumber, url: `/forum/t/${topic.id}/${result.postNumber}` } });
    },
  );

  const searchDoc = {
    ...doc('Search the posts you may read (query `q`, optional `page`, filters as on the search page)', visitorOrApiSecurity),
    querystring: searchSchema('en'),
    response: { 200: searchPageJsonSchema, ...apiQueryRefusals },
  };
  app.get('/api/v1/search', { schema: searchDoc }, async (request: FastifyRequest, reply: FastifyReply) => {
    const { ctx } = request;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const parsed = parseForm(searchSchema('en'), query, ctx.t);
    if (!parsed.ok) return invalidInput(reply, ctx.t, parsed.form.errors);
    if (!parsed.data.q) return invalidInput(reply, ctx.t, { q: ctx.t('forms.required') });
    const input = searchInput({ ...parsed.data, q: parsed.data.q });
    const outcome = await runSearch(db, ctx.actor, input, undefined, found);
    return {
      query: input.q,
      page: input.page,
      fuzzy: outcome?.fuzzy ?? false,
      results: (outcome?.results ?? []).map(resultJson),
      nextPage: outcome?.more ? input.page + 1 : null,
    };
  });
}
