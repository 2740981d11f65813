import type { PoolClient } from 'pg';
import { many, one } from '../../db/database.ts';
import type { DemoRefs } from '../../db/seed/demo-core.ts';
import { createDraftActivities } from './commands/create-draft-activities.ts';
import { listAgreementAreasForOrganization } from '../agreements/index.ts';
import type { ActivityType } from './queries.ts';
import type { Measure, TargetScope } from './progress.ts';

const COUNTIES = ['ir-gilan-rasht', 'ir-gilan-anzali', 'ir-gilan-lahijan', 'ir-gilan-talesh', 'ir-gilan-astara', 'ir-gilan-fuman'];
const PROGRAM_TITLE = 'برنامه‌های هفتهٔ بسیج کارگری و روز کارگر ۱۴۰۱';

// Our own short restatement of the 14 approved activities, used only when no meeting seed created them.
const FALLBACK_TITLES = [
  'همایش استانی روز کارگر و تجلیل از کارگران و کارفرمایان نمونه و خانواده‌های شهدای کارگر',
  'سرکشی به خانواده‌های شهدای کارگر، کارگران از کار افتاده و کارگران نیازمند',
  'غبارروبی و گل‌افشانی مزار شهدای کارگر',
  'یادوارهٔ ۴۱۸ شهید کارگر استان در مرکز استان و همهٔ شهرستان‌ها',
  'حضور کارگران، کارفرمایان و مدیران واحدهای صنعتی در نماز جمعه',
  'مسابقات فرهنگی و ورزشی کارگران',
  'بازدید از واحدهای صنعتی و تولیدی موفق و مشکل‌دار',
  'نشست‌های رفع موانع تولید، روابط کار و بصیرت‌افزایی',
  'دیدار کارگران با فرماندهان، ائمهٔ جمعه و مدیران استانی و شهرستانی',
  'میزهای خدمت اداری',
  'کمک‌های معیشتی به کارگران نیازمند و آسیب‌دیده',
  'اردوهای کار داوطلبانه در واحدهای صنعتی و تولیدی',
  'گشایش پایگاه‌های تازهٔ تشکل کارگری',
  'دیدار کارگران، کارفرمایان، مدیران صنایع و شورای مشورتی با استاندار',
];

interface ActivityPlan {
  type: ActivityType;
  status: 'planned' | 'in_progress' | 'done';
  from: string;
  to: string;
  /** 'province' only, or the province and each county. */
  where: 'province' | 'all';
  target: { amount: number; unit: string; measure: Measure; scope: TargetScope };
  budget?: number;
  partner?: boolean;
}

// Workers' Week 1401 ran around Workers' Day (1401/02/11 = 1 May 2022).
const PLANS: ActivityPlan[] = [
  { type: 'ceremony_conference', status: 'done', from: '2022-05-01', to: '2022-05-01', where: 'province', target: { amount: 600, unit: 'شرکت‌کننده', measure: 'participants', scope: 'total' }, budget: 900_000_000, partner: true },
  { type: 'family_visit', status: 'in_progress', from: '2022-04-20', to: '2022-05-05', where: 'all', target: { amount: 140, unit: 'خانوادهٔ دیدارشده', measure: 'families', scope: 'total' } },
  { type: 'commemoration', status: 'done', from: '2022-04-25', to: '2022-04-28', where: 'all', target: { amount: 1, unit: 'مراسم گلباران', measure: 'reports', scope: 'each_region' } },
  { type: 'commemoration', status: 'in_progress', from: '2022-04-26', to: '2022-05-03', where: 'all', target: { amount: 418, unit: 'شهید کارگر گرامی‌داشت‌شده', measure: 'beneficiaries', scope: 'total' } },
  { type: 'other', status: 'done', from: '2022-04-29', to: '2022-04-29', where: 'all', target: { amount: 1200, unit: 'نمازگزار کارگر و کارفرما', measure: 'participants', scope: 'total' } },
  { type: 'contest', status: 'in_progress', from: '2022-04-15', to: '2022-05-08', where: 'all', target: { amount: 350, unit: 'کارگر شرکت‌کننده', measure: 'workers', scope: 'total' } },
  { type: 'site_visit', status: 'in_progress', from: '2022-04-18', to: '2022-05-10', where: 'all', target: { amount: 3, unit: 'بازدید', measure: 'reports', scope: 'each_region' }, partner: true },
  { type: 'meeting', status: 'planned', from: '2022-04-23', to: '2022-05-07', where: 'all', target: { amount: 1, unit: 'نشست', measure: 'reports', scope: 'each_region' }, partner: true },
  { type: 'meeting', status: 'planned', from: '2022-04-24', to: '2022-05-06', where: 'all', target: { amount: 7, unit: 'دیدار', measure: 'reports', scope: 'total' } },
  { type: 'service_desk', status: 'done', from: '2022-04-27', to: '2022-05-02', where: 'all', target: { amount: 700, unit: 'مراجعه‌کنندهٔ پاسخ‌گرفته', measure: 'beneficiaries', scope: 'total' }, partner: true },
  { type: 'livelihood_aid', status: 'in_progress', from: '2022-04-20', to: '2022-05-10', where: 'all', target: { amount: 250, unit: 'بستهٔ معیشتی', measure: 'families', scope: 'total' }, budget: 2_500_000_000 },
  { type: 'volunteer_shift', status: 'planned', from: '2022-05-02', to: '2022-05-09', where: 'all', target: { amount: 180, unit: 'کارگر داوطلب', measure: 'workers', scope: 'total' } },
  { type: 'other', status: 'planned', from: '2022-05-01', to: '2022-05-10', where: 'all', target: { amount: 6, unit: 'پایگاه تازه', measure: 'reports', scope: 'total' } },
  { type: 'meeting', status: 'planned', from: '2022-05-04', to: '2022-05-04', where: 'province', target: { amount: 1, unit: 'دیدار با استاندار', measure: 'reports', scope: 'total' } },
];

type SeedReport = { number: number; county: string; reporter: 'rashtOfficial' | 'lahijanOfficial' | 'gilanCoordinator'; heldOn: string; place: string; workers: number; employers: number; families: number; beneficiaries: number; money: number; notes: string; status: 'approved' | 'submitted' | 'returned'; comment?: string };

const REPORTS: SeedReport[] = [
  { number: 2, county: 'ir-gilan-rasht', reporter: 'rashtOfficial', heldOn: '2022-04-24', place: 'محلهٔ صنعتی رشت', workers: 6, employers: 0, families: 22, beneficiaries: 22, money: 0, notes: 'دیدار با خانواده‌های شهدای کارگر و کارگران از کار افتاده همراه با اهدای لوح سپاس.', status: 'approved' },
  { number: 2, county: 'ir-gilan-lahijan', reporter: 'lahijanOfficial', heldOn: '2022-04-25', place: 'روستاهای اطراف لاهیجان', workers: 4, employers: 0, families: 11, beneficiaries: 11, money: 0, notes: 'سرکشی به خانواده‌ها با همراهی نمایندهٔ ادارهٔ کار شهرستان.', status: 'approved' },
  { number: 3, county: 'ir-gilan-rasht', reporter: 'rashtOfficial', heldOn: '2022-04-26', place: 'گلزار شهدای رشت', workers: 45, employers: 3, families: 10, beneficiaries: 0, money: 15_000_000, notes: 'غبارروبی و گل‌افشانی مزار شهدای کارگر.', status: 'approved' },
  { number: 3, county: 'ir-gilan-lahijan', reporter: 'lahijanOfficial', heldOn: '2022-04-27', place: 'گلزار شهدای لاهیجان', workers: 30, employers: 2, families: 8, beneficiaries: 0, money: 9_000_000, notes: 'گل‌افشانی با حضور کارگران کارخانهٔ چای.', status: 'approved' },
  { number: 4, county: 'ir-gilan-rasht', reporter: 'rashtOfficial', heldOn: '2022-04-28', place: 'تالار ادارهٔ کار رشت', workers: 220, employers: 15, families: 96, beneficiaries: 96, money: 40_000_000, notes: 'یادوارهٔ شهدای کارگر شهرستان رشت با یاد ۹۶ شهید.', status: 'approved' },
  { number: 4, county: 'ir-gilan-lahijan', reporter: 'lahijanOfficial', heldOn: '2022-04-29', place: 'سالن اجتماعات لاهیجان', workers: 140, employers: 6, families: 41, beneficiaries: 41, money: 22_000_000, notes: 'یادوارهٔ ۴۱ شهید کارگر شهرستان.', status: 'submitted' },
  { number: 6, county: 'ir-gilan-rasht', reporter: 'rashtOfficial', heldOn: '2022-04-30', place: 'ورزشگاه کارگران رشت', workers: 120, employers: 0, families: 0, beneficiaries: 0, money: 30_000_000, notes: 'مسابقات فوتسال و تنیس روی میز میان کارگران کارخانه‌ها.', status: 'approved' },
  { number: 10, county: 'ir-gilan-rasht', reporter: 'rashtOfficial', heldOn: '2022-04-27', place: 'میدان شهرداری رشت', workers: 180, employers: 20, families: 0, beneficiaries: 210, money: 5_000_000, notes: 'میز خدمت بیمه، کار و تعاون؛ پاسخ به پرسش‌های کارگران.', status: 'approved' },
  { number: 10, county: 'ir-gilan-lahijan', reporter: 'lahijanOfficial', heldOn: '2022-04-28', place: 'ادارهٔ کار لاهیجان', workers: 70, employers: 5, families: 0, beneficiaries: 80, money: 0, notes: 'میز خدمت در روز بازار.', status: 'returned', comment: 'شمار مراجعه‌کنندگان را با فهرست حضور تطبیق دهید و عکس پیوست کنید.' },
  { number: 11, county: 'ir-gilan-rasht', reporter: 'rashtOfficial', heldOn: '2022-05-03', place: 'انبار پایگاه کارگری رشت', workers: 0, employers: 0, families: 60, beneficiaries: 60, money: 600_000_000, notes: 'توزیع بستهٔ معیشتی میان کارگران آسیب‌دیده.', status: 'submitted' },
];

/** Creates the Workers' Week 1401 program (lead, partner, province and counties); runs before the meetings seed. */
export async function seedPrograms(tx: PoolClient, refs: DemoRefs): Promise<void> {
  const leadId = refs.organizations['gilan-workers-organization'];
  const partnerId = refs.organizations['gilan-labour-directorate'];
  const coordinatorId = refs.users.gilanCoordinator;
  if (!leadId || !coordinatorId) return;
  const program = await one<{ id: number }>(
    tx,
    `INSERT INTO programs (lead_organization_id, title, description, lang, period_start, period_end, status, is_public, created_by)
     VALUES ($1, $2, $3, 'fa', '2022-04-11', '2022-05-10', 'active', true, $4) RETURNING id`,
    [
      leadId,
      PROGRAM_TITLE,
      'سازمان بسیج کارگری استان و ادارهٔ کل تعاون، کار و رفاه اجتماعی، همراه با دیگر ادارات مرتبط، برنامه‌های هفتهٔ کارگر را در مرکز استان و همهٔ شهرستان‌ها برای قدردانی از کارگران و کارفرمایان اجرا می‌کنند.',
      coordinatorId,
    ],
  );
  if (partnerId) await tx.query(`INSERT INTO program_partners (program_id, organization_id) VALUES ($1, $2)`, [program!.id, partnerId]);
  const regionIds = ['ir-gilan', ...COUNTIES].map((code) => refs.regions[code]).filter((id): id is number => id !== undefined);
  await tx.query(`INSERT INTO program_regions (program_id, region_id) SELECT $1, unnest($2::bigint[])`, [program!.id, regionIds]);
  await seedBacGiangYear(tx, refs);
}

/**
 * Completes the 14 activities (drafted by the meetings seed from the meeting's resolution, or here when that seed
 * is absent): type, dates, regions, targets, responsible officials, and execution reports in Rasht and Lahijan.
 * Runs after the meetings seed.
 */
export async function seedProgramActivities(tx: PoolClient, refs: DemoRefs): Promise<void> {
  const leadId = refs.organizations['gilan-workers-organization'];
  const partnerId = refs.organizations['gilan-labour-directorate'];
  const coordinatorId = refs.users.gilanCoordinator;
  if (!leadId || !coordinatorId) return;
  const program = await one<{ id: number }>(tx, `SELECT id FROM programs WHERE lead_organization_id = $1 AND title = $2`, [leadId, PROGRAM_TITLE]);
  if (!program) return;
  let activities = await many<{ id: number; number: number }>(tx, `SELECT id, number FROM program_activities WHERE program_id = $1 ORDER BY number`, [program.id]);
  if (activities.length === 0) {
    await createDraftActivities(tx, { programId: program.id, actorId: coordinatorId, titles: FALLBACK_TITLES });
    activities = await many(tx, `SELECT id, number FROM program_activities WHERE program_id = $1 ORDER BY number`, [program.id]);
  }
  const province = refs.regions['ir-gilan'];
  const counties = COUNTIES.map((c) => refs.regions[c]).filter((id): id is number => id !== undefined);
  for (const activity of activities.slice(0, PLANS.length)) {
    const plan = PLANS[activity.number - 1];
    if (!plan) continue;
    const responsible = plan.where === 'province' ? coordinatorId : (refs.users.rashtOfficial ?? coordinatorId);
    await tx.query(
      `UPDATE program_activities SET type = $2, status = $3, starts_on = $4, ends_on = $5, responsible_user_id = $6, budget = $7,
              budget_currency = CASE WHEN $7::numeric IS NULL THEN NULL ELSE 'IRR' END,
              public_notes = $8, internal_notes = $9 WHERE id = $1`,
      [
        activity.id, plan.type, plan.status, plan.from, plan.to, responsible, plan.budget ?? null,
        plan.where === 'province' ? 'در مرکز استان، رشت.' : 'در مرکز استان و همهٔ شهرستان‌ها.',
        'هماهنگی با ادارهٔ کل کار؛ گزارش هر شهرستان تا یک هفته پس از اجرا.',
      ],
    );
    await tx.query(`DELETE FROM activity_regions WHERE activity_id = $1`, [activity.id]);
    await tx.query(`INSERT INTO activity_regions (activity_id, region_id) SELECT $1, unnest($2::bigint[])`, [activity.id, plan.where === 'province' ? [province] : [province, ...counties]]);
    await tx.query(`INSERT INTO activity_targets (activity_id, position, unit_label, amount, measure, scope) VALUES ($1, 1, $2, $3, $4, $5)`, [
      activity.id, plan.target.unit, plan.target.amount, plan.target.measure, plan.target.scope,
    ]);
    if (plan.partner && partnerId) await tx.query(`INSERT INTO activity_partners (activity_id, organization_id) VALUES ($1, $2)`, [activity.id, partnerId]);
  }
  const byNumber = new Map(activities.map((a) => [a.number, a.id]));
  for (const r of REPORTS) {
    const activityId = byNumber.get(r.number);
    const reporterId = refs.users[r.reporter];
    if (!activityId || !reporterId || !refs.regions[r.county]) continue;
    await tx.query(
      `INSERT INTO activity_reports (activity_id, region_id, reporter_id, held_on, place, workers, employers, families, beneficiaries, money_spent, notes,
              status, reviewer_id, reviewer_comment, reviewed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, CASE WHEN $12 = 'submitted' THEN NULL ELSE $4::date + 2 END, $4::date + 1)`,
      [
        activityId, refs.regions[r.county], reporterId, r.heldOn, r.place, r.workers, r.employers, r.families, r.beneficiaries, r.money, r.notes,
        r.status, r.status === 'submitted' ? null : coordinatorId, r.comment ?? '',
      ],
    );
  }
}

const BG_DISTRICTS = ['vn-bac-giang-city', 'vn-bac-giang-viet-yen', 'vn-bac-giang-yen-dung', 'vn-bac-giang-hiep-hoa', 'vn-bac-giang-lang-giang'];

// A year (2019) of the Bắc Giang coordination program, one program per area of activity, in our own words.
const BG_YEAR: Array<{ title: string; activities: Array<{ title: string; type: ActivityType; from: string; to: string; amount: number; unit: string; measure: Measure; scope: TargetScope; done: number }> }> = [
  { title: 'Đối thoại với công nhân năm 2019', activities: [
    { title: 'Đối thoại định kỳ giữa lãnh đạo tỉnh và công nhân khu công nghiệp', type: 'dialogue', from: '2019-05-10', to: '2019-05-10', amount: 300, unit: 'công nhân tham dự', measure: 'workers', scope: 'total', done: 260 },
    { title: 'Đối thoại tại doanh nghiệp về tiền lương và an toàn lao động', type: 'dialogue', from: '2019-09-01', to: '2019-10-31', amount: 2, unit: 'cuộc đối thoại', measure: 'reports', scope: 'each_region', done: 1 },
  ] },
  { title: 'Chăm lo, hỗ trợ công nhân năm 2019', activities: [
    { title: 'Tết Sum vầy: quà cho công nhân khó khăn', type: 'livelihood_aid', from: '2019-01-15', to: '2019-02-01', amount: 500, unit: 'suất quà', measure: 'beneficiaries', scope: 'total', done: 420 },
    { title: 'Thăm hỏi công nhân ốm đau, tai nạn lao động', type: 'family_visit', from: '2019-03-01', to: '2019-12-15', amount: 120, unit: 'gia đình được thăm', measure: 'families', scope: 'total', done: 45 },
  ] },
  { title: 'Phong trào thi đua năm 2019', activities: [
    { title: 'Phát động thi đua lao động giỏi, lao động sáng tạo', type: 'contest', from: '2019-04-01', to: '2019-11-30', amount: 1000, unit: 'công nhân đăng ký', measure: 'workers', scope: 'total', done: 650 },
  ] },
  { title: 'Biểu dương, tôn vinh công nhân năm 2019', activities: [
    { title: 'Tuyên dương công nhân trẻ tiêu biểu nhân Tháng Công nhân', type: 'ceremony_conference', from: '2019-05-01', to: '2019-05-31', amount: 100, unit: 'công nhân được tuyên dương', measure: 'beneficiaries', scope: 'total', done: 100 },
  ] },
  { title: 'Đào tạo cán bộ công đoàn, cán bộ đoàn năm 2019', activities: [
    { title: 'Tập huấn kỹ năng cho cán bộ công đoàn và đoàn cơ sở', type: 'training', from: '2019-06-10', to: '2019-06-14', amount: 200, unit: 'học viên', measure: 'participants', scope: 'total', done: 150 },
  ] },
  { title: 'Tuyên truyền đến đoàn viên và công nhân trẻ năm 2019', activities: [
    { title: 'Sân khấu hóa tuyên truyền pháp luật lao động tại khu nhà trọ', type: 'communication', from: '2019-07-01', to: '2019-08-31', amount: 1, unit: 'buổi', measure: 'reports', scope: 'each_region', done: 1 },
  ] },
  { title: 'Trang thông tin điện tử và Facebook cho công nhân năm 2019', activities: [
    { title: 'Mở và duy trì trang Facebook làm diễn đàn của công nhân trẻ', type: 'communication', from: '2019-02-01', to: '2019-12-31', amount: 5000, unit: 'người theo dõi mới', measure: 'beneficiaries', scope: 'total', done: 2100 },
  ] },
];

/** A year of Bắc Giang programs and activities, one program under each of the agreement's areas (areas read through the agreements module). */
async function seedBacGiangYear(tx: PoolClient, refs: DemoRefs): Promise<void> {
  const federationId = refs.organizations['bac-giang-labour-federation'];
  const youthId = refs.organizations['bac-giang-youth-union'];
  const coordinatorId = refs.users.bgCoordinator;
  const reporterId = refs.users.vietYenOfficial;
  if (!federationId || !coordinatorId) return;
  const areas = (await listAgreementAreasForOrganization(tx, federationId)).sort((a, b) => a.number - b.number);
  const province = refs.regions['vn-bac-giang'];
  const districts = BG_DISTRICTS.map((c) => refs.regions[c]).filter((id): id is number => id !== undefined);
  const vietYen = refs.regions['vn-bac-giang-viet-yen'];
  for (const [i, plan] of BG_YEAR.entries()) {
    const area = areas.find((a) => a.number === i + 1);
    if (!area) continue;
    const program = await one<{ id: number }>(
      tx,
      `INSERT INTO programs (lead_organization_id, title, description, lang, period_start, period_end, status, is_public, agreement_area_id, created_by)
       VALUES ($1, $2, $3, 'vi', '2019-01-01', '2019-12-31', 'completed', true, $4, $5) RETURNING id`,
      [federationId, plan.title, `Kế hoạch năm 2019 thực hiện nội dung ${area.number} của chương trình phối hợp giữa Liên đoàn Lao động tỉnh và Tỉnh Đoàn.`, area.id, coordinatorId],
    );
    if (youthId) await tx.query(`INSERT INTO program_partners (program_id, organization_id) VALUES ($1, $2)`, [program!.id, youthId]);
    await tx.query(`INSERT INTO program_regions (program_id, region_id) SELECT $1, unnest($2::bigint[])`, [program!.id, [province, ...districts]]);
    for (const [n, a] of plan.activities.entries()) {
      const regions = a.scope === 'each_region' ? districts : [province];
      const activity = await one<{ id: number }>(
        tx,
        `INSERT INTO program_activities (program_id, number, title, type, status, starts_on, ends_on, responsible_user_id, created_by)
         VALUES ($1, $2, $3, $4, 'done', $5, $6, $7, $7) RETURNING id`,
        [program!.id, n + 1, a.title, a.type, a.from, a.to, coordinatorId],
      );
      await tx.query(`INSERT INTO activity_regions (activity_id, region_id) SELECT $1, unnest($2::bigint[])`, [activity!.id, regions]);
      await tx.query(`INSERT INTO activity_targets (activity_id, unit_label, amount, measure, scope) VALUES ($1, $2, $3, $4, $5)`, [activity!.id, a.unit, a.amount, a.measure, a.scope]);
      // One approved report carrying what was achieved (in Việt Yên for the per-district activities).
      const region = a.scope === 'each_region' ? vietYen : province;
      const value = (m: Measure) => (m === a.measure ? a.done : 0);
      await tx.query(
        `INSERT INTO activity_reports (activity_id, region_id, reporter_id, held_on, place, workers, employers, families, other_participants, beneficiaries,
                money_spent, notes, status, reviewer_id, reviewed_at)
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, 0, $10, 'approved', $11, $4::date + 3)`,
        [
          activity!.id, region, a.scope === 'each_region' && reporterId ? reporterId : coordinatorId, a.to,
          a.scope === 'each_region' ? 'Khu công nghiệp Quang Châu, Việt Yên' : 'Nhà văn hóa lao động tỉnh Bắc Giang',
          value('workers'), value('families'), value('participants'), value('beneficiaries'), 'Báo cáo tổng hợp kết quả thực hiện.', coordinatorId,
        ],
      );
    }
  }
}
