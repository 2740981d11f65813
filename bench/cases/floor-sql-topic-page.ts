import pg from 'pg';
import { percentile, type BenchCase } from '../lib.ts';

// The SQL a topic page needs, without the app: the topic with its category and organization, and the
// page's 20 posts with their authors. Anonymous posts carry no author (as in the forum's own query).
const TOPIC_SQL = `SELECT t.id, t.title, t.status, t.is_locked, t.post_count, t.last_post_number, c.visibility, c.name AS category_name, o.id AS organization_id, o.ancestor_ids
  FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id JOIN organizations o ON o.id = c.organization_id WHERE t.id = $1`;
const POSTS_SQL = `SELECT p.id, p.post_number, p.author_id, u.name AS author_name, p.pseudonym_number, p.body_html, p.is_official_answer, p.is_hidden,
       p.reaction_counts, p.edited_at, p.deleted_at, p.created_at
  FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id
  WHERE p.topic_id = $1 AND p.post_number BETWEEN $2 AND $3 ORDER BY p.post_number`;

/** The floor for the database side of topic_page: its SQL in a loop on N concurrent connections. */
export const benchCase: BenchCase = {
  name: 'floor_sql_topic_page',
  order: 1,
  async run(ctx) {
    const clients = Math.min(ctx.connections, 10);
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: clients });
    const topics = ctx.dataset.busyTopicIds;
    const latencies: number[] = [];
    const deadline = Date.now() + ctx.duration * 1000;
    let n = 0;
    const worker = async () => {
      const client = await pool.connect();
      try {
        while (Date.now() < deadline) {
          const topicId = topics[n++ % topics.length];
          const start = performance.now();
          await client.query(TOPIC_SQL, [topicId]);
          await client.query(POSTS_SQL, [topicId, 1, 20]);
          latencies.push(performance.now() - start);
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: clients }, worker));
    await pool.end();
    return {
      rps: latencies.length / ctx.duration,
      p50_ms: percentile(latencies, 0.5),
      p95_ms: percentile(latencies, 0.95),
      p99_ms: percentile(latencies, 0.99),
      bytes: 0,
      extra: { clients },
    };
  },
};
