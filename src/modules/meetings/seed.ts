import type { PoolClient } from 'pg';
import type { DemoRefs } from '../../db/seed/demo-core.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import { createDraftActivities, listProgramsForOrganization } from '../programs/index.ts';
import { insertMeeting, approveMinutes, insertResolution, insertTask, markTaskDone } from './queries.ts';

// The Gilan Workers' Week resolutions, restated in our own words as a coordinator would paste them from the minutes.
export const GILAN_APPROVED_ACTIVITIES = [
  '۱ ـ همایش استانی روز کارگر با کارگران، کارفرمایان و مسئولان و قدردانی از کارگران و کارفرمایان نمونه، ایثارگران و خانواده‌های شهدای کارگر',
  '۲ ـ سرکشی به خانواده‌های شهدا، کارگران از کار افتاده و کارگران گرفتار',
  '۳ ـ غبارروبی و گل‌افشانی مزار شهدا',
  '۴ ـ یادوارهٔ ۴۱۸ شهید کارگر استان در مرکز استان و در هر شهرستان',
  '۵ ـ حضور کارگران، کارفرمایان و مدیران واحدهای صنعتی در نماز جمعه',
  '۶ ـ مسابقات فرهنگی و ورزشی کارگران',
  '۷ ـ بازدید از واحدهای صنعتی و تولیدی موفق و واحدهای دچار مشکل',
  '۸ ـ نشست‌های رفع موانع تولید، رابطهٔ کارگر و کارفرما و بصیرت سیاسی',
  '۹ ـ دیدار کارگران با فرماندهان نظامی، ائمهٔ جمعه و مدیران ادارات استان و شهرستان‌ها',
  '۱۰ ـ میزهای خدمت اداری',
  '۱۱ ـ کمک معیشتی به کارگران گرفتار و آسیب‌دیده از مشکلات اقتصادی',
  '۱۲ ـ اردوهای کار داوطلبانه در واحدهای صنعتی و تولیدی',
  '۱۳ ـ گشایش پایگاه‌های تازهٔ تشکل کارگری',
  '۱۴ ـ دیدار کارگران، کارفرمایان، مدیران صنایع و شورای مشورتی با استاندار',
].join(' ');

/**
 * The Gilan coordination meeting of Monday 1401/01/22 (11 April 2022) at the provincial labour directorate, with
 * its attendees, approved minutes and resolutions: the 14 Workers' Week activities approved into the program
 * the programs module seeds (when it exists), and follow-up tasks for county officials.
 */
export async function seedMeetings(tx: PoolClient, refs: DemoRefs): Promise<void> {
  const organizerId = refs.organizations['gilan-workers-organization'];
  const directorateId = refs.organizations['gilan-labour-directorate'];
  const rashtBaseId = refs.organizations['rasht-workers-base'];
  const coordinatorId = refs.users.gilanCoordinator;
  if (!organizerId || !directorateId || !coordinatorId) return;

  const meetingId = await insertMeeting(
    tx,
    {
      organizerId,
      regionId: null,
      title: 'جلسهٔ هماهنگی برنامه‌های هفتهٔ بسیج کارگری و روز کارگر ۱۴۰۱',
      heldOn: '2022-04-11',
      startsAt: '09:00',
      place: 'ادارهٔ کل تعاون، کار و رفاه اجتماعی استان گیلان، رشت',
      agenda: 'هماهنگی برنامه‌های هفتهٔ بسیج کارگری و روز جهانی کارگر در سراسر استان و تقسیم کار میان دستگاه‌ها.',
      minutes:
        'ادارهٔ کل تعاون، کار و رفاه اجتماعی و سازمان بسیج کارگری استان همراه با دیگر ادارات مرتبط با امور کار، برنامه‌های هفتهٔ بسیج کارگری و روز کارگر را در همهٔ استان و گسترده‌تر از سال‌های گذشته برگزار می‌کنند. ' +
        'این برنامه‌ها هر سال برای ایجاد انگیزه و قدردانی از کارگران و کارفرمایان برگزار می‌شود. فهرست فعالیت‌های مصوب در مصوبهٔ ۱ آمده است.',
      attendingIds: [directorateId, ...(rashtBaseId ? [rashtBaseId] : [])],
      attendees: [
        { name: 'رئیس سازمان بسیج کارگران و کارخانجات استان گیلان', role: 'رئیس جلسه', userId: null },
        { name: 'علی کاظمی', role: 'مدیرکل تعاون، کار و رفاه اجتماعی استان', userId: refs.users.gilanDirector ?? null },
        { name: 'مریم رضایی', role: 'هماهنگ‌کنندهٔ سازمان بسیج کارگری استان', userId: coordinatorId },
        { name: 'رؤسای ادارات مرتبط استان', role: 'اعضای جلسه', userId: null },
      ],
    },
    coordinatorId,
  );
  await approveMinutes(tx, meetingId, coordinatorId);

  const programs = await listProgramsForOrganization(tx, organizerId);
  const workersWeek = programs.find((p) => /هفته|Workers|۱۴۰۱|1401/.test(p.title)) ?? programs[0];
  const approvedTitles = parseNumberedList(GILAN_APPROVED_ACTIVITIES);
  const approval = await insertResolution(tx, {
    meetingId,
    kind: workersWeek ? 'activities' : 'decision',
    body: 'برنامه‌های هفتهٔ بسیج کارگری و روز کارگر در سطح استان و همهٔ شهرستان‌ها به شرح چهارده فعالیت زیر تصویب شد.',
    programId: workersWeek?.id ?? null,
    createdBy: coordinatorId,
    items: approvedTitles,
  });
  if (workersWeek) {
    await createDraftActivities(tx, {
      programId: workersWeek.id,
      actorId: coordinatorId,
      titles: approvedTitles,
      resolutionId: approval.id,
    });
  }

  const rashtOfficial = refs.users.rashtOfficial;
  const lahijanOfficial = refs.users.lahijanOfficial;
  if (rashtOfficial) {
    const task = await insertResolution(tx, {
      meetingId,
      kind: 'task',
      body: 'فهرست خانواده‌های شهدای کارگر و کارگران از کار افتادهٔ شهرستان رشت برای برنامهٔ سرکشی تهیه شود.',
      programId: null,
      createdBy: coordinatorId,
    });
    const taskId = await insertTask(tx, {
      meetingId,
      resolutionId: task.id,
      ownerId: rashtOfficial,
      title: 'تهیهٔ فهرست خانواده‌های شهدای کارگر و کارگران از کار افتادهٔ رشت',
      dueOn: '2022-04-20',
    });
    await markTaskDone(tx, taskId);
  }
  if (lahijanOfficial) {
    const task = await insertResolution(tx, {
      meetingId,
      kind: 'task',
      body: 'برنامهٔ یادوارهٔ شهدای کارگر شهرستان لاهیجان تا پایان هفتهٔ کارگر گزارش شود.',
      programId: null,
      createdBy: coordinatorId,
    });
    await insertTask(tx, {
      meetingId,
      resolutionId: task.id,
      ownerId: lahijanOfficial,
      title: 'گزارش برنامهٔ یادوارهٔ شهدای کارگر لاهیجان',
      dueOn: '2022-05-07',
    });
  }
}
