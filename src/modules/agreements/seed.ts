import type { PoolClient } from 'pg';
import type { DemoRefs } from '../../db/seed/demo-core.ts';
import { parseNumberedList } from '../../core/numbered-list.ts';
import { insertAgreement, insertAreas, insertDocument, insertTarget } from './queries.ts';

// The Bắc Giang areas of activity, restated in our own words, numbered as the newspaper lists them.
export const BAC_GIANG_AREAS = [
  '1. Đối thoại định kỳ giữa lãnh đạo hai tổ chức với công nhân lao động',
  '2. Chăm lo, hỗ trợ công nhân lao động khi khó khăn',
  '3. Phát động các phong trào thi đua trong công nhân lao động',
  '4. Biểu dương, tôn vinh công nhân lao động tiêu biểu',
  '5. Đào tạo cán bộ công đoàn, cán bộ đoàn và thanh niên công nhân nòng cốt trong doanh nghiệp',
  '6. Tuyên truyền tới đoàn viên công đoàn và thanh niên công nhân bằng nhiều hình thức phù hợp',
  '7. Nâng cấp trang thông tin điện tử của hai tổ chức và lập tài khoản Facebook của Liên đoàn Lao động tỉnh và Tỉnh đoàn làm diễn đàn cho công nhân, nhất là thanh niên công nhân',
].join('\n');

/**
 * The Bắc Giang coordination program between the provincial labour federation and the provincial youth union,
 * signed on 14 August 2018 for 2018–2022, with its goals, its 7 areas and a few yearly targets.
 */
export async function seedAgreements(tx: PoolClient, refs: DemoRefs): Promise<void> {
  const federation = refs.organizations['bac-giang-labour-federation'];
  const youthUnion = refs.organizations['bac-giang-youth-union'];
  if (!federation || !youthUnion) return;
  const creator = refs.users.bgCoordinator ?? null;
  const id = await insertAgreement(
    tx,
    {
      title: 'Chương trình phối hợp giữa Liên đoàn Lao động tỉnh và Tỉnh Đoàn Bắc Giang giai đoạn 2018–2022',
      signedOn: '2018-08-14',
      periodStart: '2018-01-01',
      periodEnd: '2022-12-31',
      goals:
        'Xây dựng đội ngũ đoàn viên công đoàn, công nhân lao động có tay nghề, năng động; phát huy vai trò xung kích của thanh niên công nhân. ' +
        'Bảo vệ quyền, lợi ích của công nhân lao động, chăm lo và tập hợp công nhân. ' +
        'Xây dựng tổ chức công đoàn, đoàn thanh niên và hội thanh niên vững mạnh trong các doanh nghiệp.',
      status: 'ended',
      parties: [
        { organizationId: federation, signatoryName: 'Nguyễn Thị Hương', signatoryRole: 'Thay mặt Ban Thường vụ Liên đoàn Lao động tỉnh' },
        { organizationId: youthUnion, signatoryName: 'Trần Văn Minh', signatoryRole: 'Thay mặt Ban Thường vụ Tỉnh đoàn' },
      ],
    },
    creator,
  );
  const areaIds = await insertAreas(tx, id, parseNumberedList(BAC_GIANG_AREAS));
  // Illustrative yearly targets for the first areas (the article names the areas, not their figures).
  const targets: Array<[number, number, string, number | null, string]> = [
    [0, 2019, 'Đối thoại với công nhân tại các khu công nghiệp', 4, 'cuộc đối thoại'],
    [0, 2020, 'Đối thoại với công nhân tại các khu công nghiệp', 4, 'cuộc đối thoại'],
    [1, 2019, 'Hỗ trợ công nhân có hoàn cảnh khó khăn', 200, 'suất quà'],
    [4, 2019, 'Bồi dưỡng cán bộ công đoàn và đoàn cơ sở', 150, 'người'],
    [6, 2018, 'Ra mắt tài khoản Facebook của hai tổ chức', null, ''],
  ];
  for (const [index, year, target, amount, unit] of targets) {
    const areaId = areaIds[index];
    if (areaId === undefined) throw new Error(`The seed names area ${index}, which the list does not have`);
    await insertTarget(tx, id, { areaId, year, target, amount, unit });
  }
  // A tiny one-page PDF standing in for the signed scan.
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  if (creator)
    await insertDocument(tx, id, { filename: 'chuong-trinh-phoi-hop-2018-2022.pdf', contentType: 'application/pdf', data: pdf }, creator);
}
