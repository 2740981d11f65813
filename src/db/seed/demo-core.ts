import type { PoolClient } from 'pg';
import { IdRow, oneOrThrow } from '../../core/rows.ts';
import { many } from '../database.ts';
import { hashPassword } from '../../core/passwords.ts';
import type { Role } from '../../core/authorization.ts';
import type { Lang, LocalizedText } from '../../core/i18n.ts';

/** The demo password of every demo account (written in the README; demo data only). */
export const DEMO_PASSWORD = 'unionhall-demo';
export const DEMO_ADMIN_EMAIL = 'admin@demo.unionhall.org';

/** Ids of what the core demo created, for the modules' own demo seeds to build on. */
export interface DemoRefs {
  regions: Record<string, number>;
  organizations: Record<string, number>;
  users: Record<string, number>;
}

type RegionSeed = { code: string; kind: 'country' | 'province' | 'county' | 'district'; name: LocalizedText; parent?: string };

// Gilan and several of its counties; Bắc Giang and several of its districts.
const REGIONS: RegionSeed[] = [
  { code: 'ir', kind: 'country', name: { fa: 'ایران', vi: 'Iran', en: 'Iran' } },
  { code: 'ir-gilan', kind: 'province', parent: 'ir', name: { fa: 'گیلان', vi: 'Gilan', en: 'Gilan' } },
  { code: 'ir-gilan-rasht', kind: 'county', parent: 'ir-gilan', name: { fa: 'رشت', vi: 'Rasht', en: 'Rasht' } },
  { code: 'ir-gilan-anzali', kind: 'county', parent: 'ir-gilan', name: { fa: 'بندر انزلی', vi: 'Bandar-e Anzali', en: 'Bandar Anzali' } },
  { code: 'ir-gilan-lahijan', kind: 'county', parent: 'ir-gilan', name: { fa: 'لاهیجان', vi: 'Lahijan', en: 'Lahijan' } },
  { code: 'ir-gilan-talesh', kind: 'county', parent: 'ir-gilan', name: { fa: 'تالش', vi: 'Talesh', en: 'Talesh' } },
  { code: 'ir-gilan-astara', kind: 'county', parent: 'ir-gilan', name: { fa: 'آستارا', vi: 'Astara', en: 'Astara' } },
  { code: 'ir-gilan-fuman', kind: 'county', parent: 'ir-gilan', name: { fa: 'فومن', vi: 'Fuman', en: 'Fuman' } },
  { code: 'vn', kind: 'country', name: { fa: 'ویتنام', vi: 'Việt Nam', en: 'Vietnam' } },
  { code: 'vn-bac-giang', kind: 'province', parent: 'vn', name: { fa: 'باک‌زیانگ', vi: 'Bắc Giang', en: 'Bac Giang' } },
  {
    code: 'vn-bac-giang-city',
    kind: 'district',
    parent: 'vn-bac-giang',
    name: { fa: 'شهر باک‌زیانگ', vi: 'Thành phố Bắc Giang', en: 'Bac Giang City' },
  },
  { code: 'vn-bac-giang-viet-yen', kind: 'district', parent: 'vn-bac-giang', name: { fa: 'ویت‌ین', vi: 'Việt Yên', en: 'Viet Yen' } },
  { code: 'vn-bac-giang-yen-dung', kind: 'district', parent: 'vn-bac-giang', name: { fa: 'ین‌زونگ', vi: 'Yên Dũng', en: 'Yen Dung' } },
  { code: 'vn-bac-giang-hiep-hoa', kind: 'district', parent: 'vn-bac-giang', name: { fa: 'هیپ‌هوا', vi: 'Hiệp Hòa', en: 'Hiep Hoa' } },
  {
    code: 'vn-bac-giang-lang-giang',
    kind: 'district',
    parent: 'vn-bac-giang',
    name: { fa: 'لانگ‌زیانگ', vi: 'Lạng Giang', en: 'Lang Giang' },
  },
];

type OrganizationSeed = { slug: string; kind: string; region: string; parent?: string; name: LocalizedText; description: LocalizedText };

const ORGANIZATIONS: OrganizationSeed[] = [
  {
    slug: 'gilan-workers-organization',
    kind: 'other',
    region: 'ir-gilan',
    name: {
      fa: 'سازمان بسیج کارگران و کارخانجات استان گیلان',
      vi: 'Tổ chức Basij Công nhân và Nhà máy tỉnh Gilan',
      en: 'Gilan Basij Organization of Workers and Factories',
    },
    description: {
      fa: 'تشکل کارگری استان که هر سال با ادارهٔ کل کار، برنامه‌های هفتهٔ کارگر را در سراسر استان برگزار می‌کند.',
      vi: 'Tổ chức của công nhân cấp tỉnh, hằng năm cùng Tổng cục Lao động tổ chức các hoạt động Tuần lễ Người lao động trên toàn tỉnh.',
      en: "The province's labour organization; every year it runs Workers' Week programs across the province with the labour directorate.",
    },
  },
  {
    slug: 'gilan-labour-directorate',
    kind: 'labour_office',
    region: 'ir-gilan',
    name: {
      fa: 'ادارهٔ کل تعاون، کار و رفاه اجتماعی استان گیلان',
      vi: 'Tổng cục Hợp tác, Lao động và Phúc lợi xã hội tỉnh Gilan',
      en: 'Gilan General Directorate of Cooperatives, Labour and Social Welfare',
    },
    description: {
      fa: 'نهاد دولتی امور کار، تعاون و رفاه در استان گیلان.',
      vi: 'Cơ quan nhà nước về lao động, hợp tác xã và phúc lợi của tỉnh Gilan.',
      en: 'The government office for labour, cooperatives and welfare in Gilan province.',
    },
  },
  {
    slug: 'rasht-workers-base',
    kind: 'other',
    region: 'ir-gilan-rasht',
    parent: 'gilan-workers-organization',
    name: { fa: 'پایگاه کارگری شهرستان رشت', vi: 'Cơ sở công nhân huyện Rasht', en: 'Rasht County Workers’ Base' },
    description: {
      fa: 'پایگاه محلی تشکل کارگری در شهرستان رشت.',
      vi: 'Cơ sở địa phương của tổ chức công nhân tại Rasht.',
      en: 'The labour organization’s local base in Rasht county.',
    },
  },
  {
    slug: 'lahijan-workers-base',
    kind: 'other',
    region: 'ir-gilan-lahijan',
    parent: 'gilan-workers-organization',
    name: { fa: 'پایگاه کارگری شهرستان لاهیجان', vi: 'Cơ sở công nhân huyện Lahijan', en: 'Lahijan County Workers’ Base' },
    description: {
      fa: 'پایگاه محلی تشکل کارگری در شهرستان لاهیجان.',
      vi: 'Cơ sở địa phương của tổ chức công nhân tại Lahijan.',
      en: 'The labour organization’s local base in Lahijan county.',
    },
  },
  {
    slug: 'rasht-textile-workers',
    kind: 'enterprise_union',
    region: 'ir-gilan-rasht',
    parent: 'rasht-workers-base',
    name: {
      fa: 'شورای اسلامی کار کارخانهٔ نساجی رشت',
      vi: 'Hội đồng công nhân Nhà máy Dệt Rasht',
      en: 'Rasht Textile Mill Workers’ Council',
    },
    description: {
      fa: 'تشکل کارگران یک کارخانهٔ نساجی در رشت.',
      vi: 'Tổ chức của công nhân một nhà máy dệt ở Rasht.',
      en: 'The workers’ body of a textile mill in Rasht.',
    },
  },
  {
    slug: 'bac-giang-labour-federation',
    kind: 'labour_federation',
    region: 'vn-bac-giang',
    name: { fa: 'فدراسیون کار استان باک‌زیانگ', vi: 'Liên đoàn Lao động tỉnh Bắc Giang', en: 'Bac Giang Provincial Labour Federation' },
    description: {
      fa: 'فدراسیون کار استان که از حقوق کارگران دفاع می‌کند و اتحادیه‌های کارخانه‌ها را گرد هم می‌آورد.',
      vi: 'Liên đoàn Lao động cấp tỉnh, bảo vệ quyền lợi người lao động và tập hợp các công đoàn cơ sở trong doanh nghiệp.',
      en: "The provincial labour federation: it defends workers' rights and brings together the unions of the province's enterprises.",
    },
  },
  {
    slug: 'bac-giang-youth-union',
    kind: 'youth_union',
    region: 'vn-bac-giang',
    name: { fa: 'اتحادیهٔ جوانان استان باک‌زیانگ', vi: 'Tỉnh Đoàn Bắc Giang', en: 'Bac Giang Provincial Youth Union' },
    description: {
      fa: 'اتحادیهٔ جوانان استان که با فدراسیون کار برای کارگران جوان همکاری می‌کند.',
      vi: 'Đoàn Thanh niên cấp tỉnh, phối hợp với Liên đoàn Lao động chăm lo cho công nhân trẻ.',
      en: 'The provincial youth union, which works with the labour federation for young workers.',
    },
  },
  {
    slug: 'viet-yen-garment-union',
    kind: 'enterprise_union',
    region: 'vn-bac-giang-viet-yen',
    parent: 'bac-giang-labour-federation',
    name: { fa: 'اتحادیهٔ کارگران شرکت پوشاک ویت‌ین', vi: 'Công đoàn Công ty May Việt Yên', en: 'Viet Yen Garment Company Union' },
    description: {
      fa: 'اتحادیهٔ پایه در یک کارخانهٔ پوشاک.',
      vi: 'Công đoàn cơ sở tại một nhà máy may.',
      en: 'The grassroots union of a garment factory.',
    },
  },
  {
    slug: 'quang-chau-electronics-union',
    kind: 'enterprise_union',
    region: 'vn-bac-giang-viet-yen',
    parent: 'bac-giang-labour-federation',
    name: {
      fa: 'اتحادیهٔ کارگران شرکت الکترونیک کوانگ‌چائو',
      vi: 'Công đoàn Công ty Điện tử Quang Châu',
      en: 'Quang Chau Electronics Company Union',
    },
    description: {
      fa: 'اتحادیهٔ پایه در یک کارخانهٔ الکترونیک.',
      vi: 'Công đoàn cơ sở tại một nhà máy điện tử.',
      en: 'The grassroots union of an electronics factory.',
    },
  },
];

type PersonSeed = {
  key: string;
  name: string;
  email: string;
  locale: Lang;
  admin?: boolean;
  roles: Array<[string, Role, string?]>;
};

const PEOPLE: PersonSeed[] = [
  { key: 'admin', name: 'Unionhall Admin', email: DEMO_ADMIN_EMAIL, locale: 'en', admin: true, roles: [] },
  {
    key: 'gilanCoordinator',
    name: 'مریم رضایی',
    email: 'coordinator.gilan@demo.unionhall.org',
    locale: 'fa',
    roles: [
      ['gilan-workers-organization', 'coordinator'],
      ['gilan-workers-organization', 'admin'],
    ],
  },
  {
    key: 'gilanDirector',
    name: 'علی کاظمی',
    email: 'director.gilan@demo.unionhall.org',
    locale: 'fa',
    roles: [
      ['gilan-labour-directorate', 'admin'],
      ['gilan-labour-directorate', 'official'],
    ],
  },
  {
    key: 'rashtOfficial',
    name: 'حسین نوری',
    email: 'official.rasht@demo.unionhall.org',
    locale: 'fa',
    roles: [['gilan-workers-organization', 'official', 'ir-gilan-rasht']],
  },
  {
    key: 'lahijanOfficial',
    name: 'زهرا احمدی',
    email: 'official.lahijan@demo.unionhall.org',
    locale: 'fa',
    roles: [['gilan-workers-organization', 'official', 'ir-gilan-lahijan']],
  },
  {
    key: 'gilanModerator',
    name: 'رضا محمدی',
    email: 'moderator.gilan@demo.unionhall.org',
    locale: 'fa',
    roles: [['gilan-workers-organization', 'moderator']],
  },
  {
    key: 'gilanWelfare',
    name: 'فاطمه حسینی',
    email: 'welfare.gilan@demo.unionhall.org',
    locale: 'fa',
    roles: [['gilan-workers-organization', 'welfare_officer']],
  },
  {
    key: 'gilanWorker',
    name: 'کارگر نمونه',
    email: 'worker.gilan@demo.unionhall.org',
    locale: 'fa',
    roles: [['rasht-textile-workers', 'member']],
  },
  {
    key: 'bgCoordinator',
    name: 'Nguyễn Thị Hương',
    email: 'coordinator.bacgiang@demo.unionhall.org',
    locale: 'vi',
    roles: [
      ['bac-giang-labour-federation', 'coordinator'],
      ['bac-giang-labour-federation', 'admin'],
    ],
  },
  {
    key: 'bgYouthLead',
    name: 'Trần Văn Minh',
    email: 'youth.bacgiang@demo.unionhall.org',
    locale: 'vi',
    roles: [
      ['bac-giang-youth-union', 'admin'],
      ['bac-giang-youth-union', 'coordinator'],
    ],
  },
  {
    key: 'vietYenOfficial',
    name: 'Lê Thị Lan',
    email: 'official.vietyen@demo.unionhall.org',
    locale: 'vi',
    roles: [['bac-giang-labour-federation', 'official', 'vn-bac-giang-viet-yen']],
  },
  {
    key: 'bgModerator',
    name: 'Phạm Quốc Huy',
    email: 'moderator.bacgiang@demo.unionhall.org',
    locale: 'vi',
    roles: [['bac-giang-labour-federation', 'moderator']],
  },
  {
    key: 'bgWelfare',
    name: 'Đỗ Thu Trang',
    email: 'welfare.bacgiang@demo.unionhall.org',
    locale: 'vi',
    roles: [['bac-giang-labour-federation', 'welfare_officer']],
  },
  {
    key: 'bgWorker',
    name: 'Hoàng Văn Nam',
    email: 'worker.bacgiang@demo.unionhall.org',
    locale: 'vi',
    roles: [['viet-yen-garment-union', 'member']],
  },
  {
    key: 'bgYoungWorker',
    name: 'Vũ Thị Mai',
    email: 'youngworker.bacgiang@demo.unionhall.org',
    locale: 'vi',
    roles: [['quang-chau-electronics-union', 'member']],
  },
];

/** Creates the regions, organizations and demo people both stories need. */
export async function seedCoreDemo(tx: PoolClient): Promise<DemoRefs> {
  const refs: DemoRefs = { regions: {}, organizations: {}, users: {} };
  for (const r of REGIONS) {
    const parentId = r.parent ? refs.regions[r.parent] : null;
    const row = oneOrThrow(
      await many(
        tx,
        IdRow,
        `INSERT INTO regions (parent_id, kind, code, name, ancestor_ids)
       VALUES ($1, $2, $3, $4, COALESCE((SELECT ancestor_ids || id FROM regions WHERE id = $1), '{}')) RETURNING id`,
        [parentId, r.kind, r.code, JSON.stringify(r.name)],
      ),
      'new region',
    );
    refs.regions[r.code] = row.id;
  }
  for (const o of ORGANIZATIONS) {
    const parentId = o.parent ? refs.organizations[o.parent] : null;
    const row = oneOrThrow(
      await many(
        tx,
        IdRow,
        `INSERT INTO organizations (slug, kind, parent_id, region_id, name, description, ancestor_ids)
       VALUES ($1, $2, $3, $4, $5, $6, COALESCE((SELECT ancestor_ids || id FROM organizations WHERE id = $3), '{}')) RETURNING id`,
        [o.slug, o.kind, parentId, refs.regions[o.region], JSON.stringify(o.name), JSON.stringify(o.description)],
      ),
      'new organization',
    );
    refs.organizations[o.slug] = row.id;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const p of PEOPLE) {
    const row = oneOrThrow(
      await many(
        tx,
        IdRow,
        `INSERT INTO users (name, email, password_hash, locale, is_platform_admin) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [p.name, p.email, passwordHash, p.locale, p.admin ?? false],
      ),
      'new user',
    );
    refs.users[p.key] = row.id;
    for (const [slug, role, region] of p.roles) {
      await tx.query(`INSERT INTO memberships (user_id, organization_id, role, region_id) VALUES ($1, $2, $3, $4)`, [
        row.id,
        refs.organizations[slug],
        role,
        region ? refs.regions[region] : null,
      ]);
    }
  }
  return refs;
}
