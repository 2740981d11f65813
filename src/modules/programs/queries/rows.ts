import type { LocalizedText, Lang } from '../../../core/i18n.ts';
import type { OrganizationRef } from '../../../core/authorization.ts';
import type { ApprovedTotals, Measure, TargetScope } from '../domain/progress.ts';

/** The programs module's rows and the values its columns may hold (checked by the tables' constraints). */

export const ACTIVITY_TYPES = [
  'ceremony_conference',
  'family_visit',
  'commemoration',
  'contest',
  'meeting',
  'site_visit',
  'service_desk',
  'livelihood_aid',
  'volunteer_shift',
  'training',
  'dialogue',
  'communication',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_STATUSES = ['draft', 'planned', 'in_progress', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const PROGRAM_STATUSES = ['draft', 'active', 'completed', 'cancelled'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
export const REPORT_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** An organization as programs show it (read through the organizations module). */
export interface OrganizationBrief extends OrganizationRef {
  slug: string;
  name: LocalizedText;
}

/** A region as programs show it (read through the regions' owner). */
export interface RegionBrief {
  id: number;
  code: string;
  kind: string;
  name: LocalizedText;
  ancestorIds: number[];
}

export interface ProgramRow {
  id: number;
  title: string;
  description: string;
  lang: Lang;
  periodStart: string;
  periodEnd: string;
  agreementAreaId: number | null;
  status: ProgramStatus;
  isPublic: boolean;
  /** Moves whenever anything progress is derived from changes (kept by triggers): the cache key. */
  progressVersion: number;
  lead: OrganizationBrief;
  partners: OrganizationBrief[];
  regions: RegionBrief[];
}

export interface TargetRow {
  id: number;
  unitLabel: string;
  amount: number;
  measure: Measure;
  scope: TargetScope;
}

export interface ActivityRow {
  id: number;
  programId: number;
  number: number;
  title: string;
  description: string;
  type: ActivityType;
  /** The activity's own lead, or the program's when it has none. */
  lead: OrganizationBrief;
  ownLead: boolean;
  partners: OrganizationBrief[];
  regions: RegionBrief[];
  startsOn: string | null;
  endsOn: string | null;
  responsibleUserId: number | null;
  responsibleName: string | null;
  budget: number | null;
  budgetCurrency: string | null;
  status: ActivityStatus;
  resolutionId: number | null;
  publicNotes: string;
  /** Private to the program's staff: presenters decide who sees it. */
  internalNotes: string;
  targets: TargetRow[];
}

/** What a reporter enters in a report: where, when, and the figures progress sums (ApprovedTotals but the count). */
export interface ReportValues extends Omit<ApprovedTotals, 'reports'> {
  regionId: number;
  heldOn: string;
  place: string;
  notes: string;
}

/** A report as read: what its reporter entered (ReportValues) and where it stands. */
export interface ReportRow extends ReportValues {
  id: number;
  activityId: number;
  activityNumber: number;
  activityTitle: string;
  regionName: LocalizedText;
  regionAncestorIds: number[];
  reporterId: number | null;
  reporterName: string | null;
  status: ReportStatus;
  reviewerName: string | null;
  reviewerComment: string;
  reviewedAt: Date | null;
  createdAt: Date;
  fileCount: number;
}
