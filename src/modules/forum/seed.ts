import type { PoolClient } from 'pg';
import type { DemoRefs } from '../../db/seed/demo-core.ts';
import type { LocalizedText } from '../../core/i18n.ts';
import { renderPostBody } from './domain/markup.ts';
import type { Visibility } from './policy.ts';
import { insertCategory } from './queries/categories.ts';
import { setFollow } from './queries/people.ts';
import { insertPost } from './queries/posts.ts';
import { insertTopic, setOfficialAnswer, setTopicFlag, takeNextPostNumber } from './queries/topics.ts';

// The demo restates, in its own words, the two stories behind Unionhall: Gilan's coordination of
// Workers' Week (a province-wide conference, visits, aid, contests, service desks) and Bắc Giang's
// federation–youth union program (dialogues with workers, care, training, a forum for young workers).
//
// Anonymous demo posts carry a pseudonym but no seal at all: the seed runs without the anonymity key,
// so these posts are linked to nobody, not even for a platform administrator.

type DemoPost = { by: string | { anonymous: number }; body: string; answer?: boolean };
type DemoTopic = { title: string; posts: DemoPost[]; pinned?: boolean };
type DemoCategory = {
  organization: string;
  slug: string;
  visibility: Visibility;
  name: LocalizedText;
  description: LocalizedText;
  topics: DemoTopic[];
};

const CATEGORIES: DemoCategory[] = [
  {
    organization: 'gilan-workers-organization',
    slug: 'workers-week',
    visibility: 'public',
    name: { fa: 'هفتهٔ کارگر', vi: 'Tuần lễ Người lao động', en: "Workers' Week" },
    description: {
      fa: 'پرسش و پیشنهاد دربارهٔ برنامه‌های هفتهٔ کارگر و روز کارگر در استان.',
      vi: 'Hỏi đáp và góp ý về các hoạt động Tuần lễ và Ngày Người lao động trong tỉnh.',
      en: "Questions and ideas about the province's Workers' Week and Workers' Day programs.",
    },
    topics: [
      {
        title: 'آیا کارگران کارخانه‌های کوچک هم به همایش روز کارگر دعوت می‌شوند؟',
        pinned: true,
        posts: [
          {
            by: 'gilanWorker',
            body: 'شنیده‌ام امسال همایش استانی روز کارگر با حضور کارگران، کارفرمایان و مسئولان برگزار می‌شود. ما در یک کارگاه نساجی کوچک در رشت کار می‌کنیم. ما هم می‌توانیم شرکت کنیم؟',
          },
          { by: { anonymous: 1 }, body: 'همین سؤال را داشتم. پارسال فقط نمایندهٔ کارخانه‌های بزرگ آمده بودند.' },
          {
            by: 'rashtOfficial',
            answer: true,
            body: 'بله. امسال برنامه‌ها گسترده‌تر از سال‌های پیش در کل استان و در هر شهرستان اجرا می‌شود. هر واحد تولیدی، کوچک یا بزرگ، می‌تواند از طریق پایگاه کارگری شهرستان نماینده معرفی کند. در همایش از کارگران و کارفرمایان نمونه هم تقدیر می‌شود.',
          },
        ],
      },
      {
        title: 'Volunteer shifts in the factories: who organises them?',
        posts: [
          {
            by: 'gilanCoordinator',
            body: 'One of the approved activities is a volunteer work shift in industrial and production units. Which county bases want to host one? Reply here with your unit and a date.',
          },
          {
            by: 'lahijanOfficial',
            body: 'Lahijan can host one at a tea-processing unit. We will also visit a unit that is struggling, as the plan asks.',
          },
        ],
      },
    ],
  },
  {
    organization: 'gilan-workers-organization',
    slug: 'welfare-and-aid',
    visibility: 'members',
    name: { fa: 'معیشت و کمک', vi: 'Đời sống và hỗ trợ', en: 'Livelihood and aid' },
    description: {
      fa: 'برای کارگرانی که در تنگنا هستند یا آسیب اقتصادی دیده‌اند. می‌توانید ناشناس بنویسید.',
      vi: 'Dành cho công nhân gặp khó khăn hoặc bị thiệt hại kinh tế. Bạn có thể viết ẩn danh.',
      en: 'For workers in hardship or hit by economic damage. You can post anonymously.',
    },
    topics: [
      {
        title: 'سه ماه است حقوق نگرفته‌ایم؛ کمک معیشتی شامل ما می‌شود؟',
        posts: [
          {
            by: { anonymous: 1 },
            body: 'در کارخانهٔ ما سه ماه است حقوق پرداخت نشده. نمی‌خواهم نامم دیده شود. آیا کمک معیشتی هفتهٔ کارگر شامل کارگرانی مثل ما می‌شود؟',
          },
          { by: { anonymous: 2 }, body: 'ما هم همین وضع را داریم. لطفاً مسئولان پاسخ بدهند.' },
          {
            by: 'gilanCoordinator',
            answer: true,
            body: 'بله. کمک معیشتی برای کارگران در تنگنا و آسیب‌دیدگان اقتصادی جزو برنامه‌های مصوب است. لطفاً به میز خدمت اداری در مرکز شهرستان مراجعه کنید؛ نیازی نیست نامتان را اینجا بنویسید.',
          },
        ],
      },
    ],
  },
  {
    organization: 'gilan-workers-organization',
    slug: 'officials-room',
    visibility: 'officials',
    name: { fa: 'اتاق مسئولان', vi: 'Phòng cán bộ', en: "Officials' room" },
    description: {
      fa: 'هماهنگی میان مسئولان استان و شهرستان‌ها.',
      vi: 'Phối hợp giữa cán bộ tỉnh và các huyện.',
      en: 'Coordination between the province and county officials.',
    },
    topics: [
      {
        title: 'Commemoration of the fallen workers in each county',
        posts: [
          {
            by: 'gilanCoordinator',
            body: 'The plan includes a commemoration of the province’s 418 fallen workers, in the province and in every county. Please confirm a date for your county.',
          },
        ],
      },
    ],
  },
  {
    organization: 'bac-giang-labour-federation',
    slug: 'doi-thoai',
    visibility: 'public',
    name: { fa: 'گفت‌وگو با کارگران', vi: 'Đối thoại với công nhân', en: 'Dialogue with workers' },
    description: {
      fa: 'پرسش‌های خود را از فدراسیون کار بپرسید؛ مسئولان پاسخ رسمی می‌دهند.',
      vi: 'Gửi câu hỏi tới Liên đoàn Lao động; cán bộ sẽ trả lời chính thức.',
      en: 'Ask the labour federation; officials give official answers.',
    },
    topics: [
      {
        title: 'Chương trình phối hợp với Tỉnh Đoàn có gì cho công nhân trẻ?',
        posts: [
          {
            by: 'bgYoungWorker',
            body: 'Em nghe nói Liên đoàn và Tỉnh Đoàn đã ký chương trình phối hợp đến năm 2022. Công nhân trẻ như em được gì từ chương trình này?',
          },
          {
            by: 'vietYenOfficial',
            answer: true,
            body: 'Chương trình có bảy nhóm việc: đối thoại định kỳ với công nhân, chăm lo và hỗ trợ, thi đua, khen thưởng, đào tạo cán bộ công đoàn và đoàn thanh niên cùng công nhân trẻ nòng cốt, tuyên truyền, và mở các kênh trực tuyến như diễn đàn này để các bạn lên tiếng.',
          },
          { by: 'bgYoungWorker', body: 'Cảm ơn chị! Em sẽ đăng ký lớp đào tạo.' },
        ],
      },
      {
        title: 'When is the next dialogue with workers in Viet Yen?',
        posts: [
          { by: 'bgWorker', body: 'The program promises regular dialogues. When is the next one for the garment factories in Viet Yen?' },
        ],
      },
    ],
  },
  {
    organization: 'bac-giang-labour-federation',
    slug: 'cham-lo',
    visibility: 'members',
    name: { fa: 'رسیدگی به کارگران', vi: 'Chăm lo đời sống', en: 'Care and support' },
    description: { fa: 'مسائل زندگی و کار اعضا.', vi: 'Chuyện đời sống và việc làm của đoàn viên.', en: "Members' life and work matters." },
    topics: [
      {
        title: 'Tăng ca liên tục ở xưởng may, có đúng luật không?',
        posts: [
          {
            by: { anonymous: 1 },
            body: 'Xưởng em tăng ca gần như mỗi tối trong tháng này. Em không muốn lộ tên. Như vậy có đúng quy định không?',
          },
          { by: 'bgModerator', body: 'Cảm ơn bạn đã lên tiếng. Công đoàn sẽ đưa việc này vào buổi đối thoại tới với doanh nghiệp.' },
        ],
      },
    ],
  },
  {
    organization: 'bac-giang-youth-union',
    slug: 'cong-nhan-tre',
    visibility: 'public',
    name: { fa: 'کارگران جوان', vi: 'Công nhân trẻ', en: 'Young workers' },
    description: {
      fa: 'جایی برای کارگران جوان تا حرفشان را بزنند و پاسخ بگیرند.',
      vi: 'Nơi công nhân trẻ lên tiếng và được lắng nghe.',
      en: 'A place for young workers to speak and be answered.',
    },
    topics: [
      {
        title: 'Ý tưởng cho hội thi thể thao công nhân trẻ',
        posts: [
          {
            by: 'bgYouthLead',
            body: 'Tỉnh Đoàn muốn tổ chức hội thi thể thao cho công nhân trẻ các khu công nghiệp. Các bạn thích môn gì?',
          },
          { by: 'bgYoungWorker', body: 'Bóng đá mini và kéo co ạ!' },
        ],
      },
    ],
  },
];

/** Adds the forum's demo categories, topics and posts (named, anonymous, answered) to the demo organizations. */
export async function seedForum(tx: PoolClient, refs: DemoRefs): Promise<void> {
  for (const c of CATEGORIES) {
    const organizationId = refs.organizations[c.organization];
    if (!organizationId) continue;
    const categoryId = await insertCategory(tx, organizationId, {
      slug: c.slug,
      name: c.name,
      description: c.description,
      visibility: c.visibility,
      position: CATEGORIES.indexOf(c),
    });
    if (!categoryId) continue;
    for (const topic of c.topics) {
      const starter = topic.posts[0]?.by;
      const starterId = typeof starter === 'string' ? (refs.users[starter] ?? null) : null;
      const topicId = await insertTopic(tx, { categoryId, title: topic.title, authorId: starterId, isAnonymous: starterId === null });
      for (const [index, post] of topic.posts.entries()) {
        const number = index === 0 ? 1 : await takeNextPostNumber(tx, topicId);
        const authorId = typeof post.by === 'string' ? (refs.users[post.by] ?? null) : null;
        const { html, linkCount } = renderPostBody(post.body);
        const inserted = await insertPost(tx, {
          topicId,
          postNumber: number,
          authorId,
          seal: null,
          tag: null,
          pseudonymNumber: typeof post.by === 'string' ? null : post.by.anonymous,
          bodySource: post.body,
          bodyHtml: html,
          linkCount,
          quotedPostId: null,
        });
        if (authorId) await setFollow(tx, authorId, { topicId }, true);
        if (post.answer) await setOfficialAnswer(tx, topicId, inserted.id);
      }
      if (topic.pinned) await setTopicFlag(tx, topicId, 'is_pinned', true);
    }
  }
}
