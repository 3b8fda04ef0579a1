import { z } from 'zod';
import {
  PARTICIPATION,
  VISIBILITIES,
  type ConsultationStatus,
  type Participation,
  type RoundStatus,
  type Visibility,
} from '../domain.js';

export interface OptionView {
  id: string;
  label: string;
  description: string;
  sortOrder: number;
  retired: boolean;
}

export interface RoundView {
  id: string;
  consultationId: string;
  number: number;
  status: RoundStatus;
  opensAt: string | null;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  draftDoc: string;
  summaryDoc: string;
  closingDigest: string | null;
}

export interface ConsultationSummaryView {
  id: string;
  title: string;
  question: string;
  visibility: Visibility;
  participation: Participation;
  status: ConsultationStatus;
  currentRound: RoundView | null;
  optionCount: number;
}

export interface ConsultationView extends ConsultationSummaryView {
  description: string;
  hideTalliesUntilClose: boolean;
  rationaleRequired: boolean;
  rationaleMaxLength: number;
  chairsMayTakePositions: boolean;
  /** Counts the changes to the consultation; a settings save names the one it was based on. */
  version: number;
  chairs: ChairView[];
  options: OptionView[];
  rounds: RoundView[];
  /** The viewer's role here, for the client to show the right controls; the server checks again. */
  viewerRole: 'secretariat' | 'chair' | 'participant' | 'observer' | null;
}

// ---- Writing consultations and options (the secretariat console) ----

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
const requiredText = (max: number) => text(max).pipe(z.string().min(1, 'must not be empty'));

export const consultationSettingsSchema = z.strictObject({
  title: requiredText(200),
  question: requiredText(1000),
  description: text(10_000).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  participation: z.enum(PARTICIPATION).optional(),
  hideTalliesUntilClose: z.boolean().optional(),
  rationaleRequired: z.boolean().optional(),
  rationaleMaxLength: z.number().int().min(50).max(20_000).optional(),
  chairsMayTakePositions: z.boolean().optional(),
  /** The complete list of chairs; omitted means "leave the chairs as they are". */
  chairIds: z
    .array(z.uuid({ message: 'must be user ids' }))
    .max(50)
    .optional(),
});

export const optionInputSchema = z.strictObject({
  label: requiredText(300),
  description: text(5000).optional(),
});
export type OptionInput = z.infer<typeof optionInputSchema>;

/**
 * A consultation's own settings, as the console edits them and the server audits them: every key of the schema
 * but the chairs, who are granted as roles. Taken from the schema so that a new setting is not listed again.
 */
export type ConsultationSetting = Exclude<keyof typeof consultationSettingsSchema.shape, 'chairIds'>;
export const CONSULTATION_SETTINGS = Object.keys(consultationSettingsSchema.shape).filter(
  (k): k is ConsultationSetting => k !== 'chairIds',
);

export const createConsultationSchema = consultationSettingsSchema.extend({
  options: z.array(optionInputSchema).max(50).optional(),
});
export type CreateConsultationInput = z.infer<typeof createConsultationSchema>;

export const updateConsultationSchema = consultationSettingsSchema
  .partial()
  .extend({
    /**
     * The version the change was based on (`ConsultationView.version`): when the consultation has changed
     * since, the save is refused (409 `STALE_VERSION`) instead of overwriting what someone else saved. The
     * console always sends it; an API client that leaves it out saves over whatever is there.
     */
    version: z.number({ error: 'must be a version number' }).int('must be a whole number').min(1).optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), 'nothing to change');
export type UpdateConsultationInput = z.infer<typeof updateConsultationSchema>;

export const updateOptionSchema = z
  .strictObject({
    label: requiredText(300).optional(),
    description: text(5000).optional(),
    /** Retire (true) or bring back (false). Options are never deleted once they could be on record. */
    retired: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateOptionInput = z.infer<typeof updateOptionSchema>;

export const reorderOptionsSchema = z.strictObject({
  /** Every option id of the consultation, in the new order. */
  optionIds: z
    .array(z.uuid({ message: 'must be option ids' }))
    .min(1)
    .max(100),
});
export type ReorderOptionsInput = z.infer<typeof reorderOptionsSchema>;

export interface ChairView {
  userId: string;
  displayName: string;
}
