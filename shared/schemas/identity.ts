import { z } from 'zod';
import {
  CONSULTATION_ROLES,
  type ConsultationRole,
  MEMBERSHIPS,
  PLATFORM_ROLES,
  type PlatformRole,
  REGIONS,
  STAKEHOLDER_GROUPS,
} from '../domain.js';
import { countrySchema, type OrganisationView } from './auth.js';

/** Organisations, their members and focal points; platform and consultation roles. */

export const organisationNameSchema = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(200, 'must be at most 200 characters')
  .refine(
    (v) => !/[<>]/.test(v) && ![...v].some((ch) => ch.charCodeAt(0) < 32),
    'must not contain control characters or angle brackets',
  );

/** Anyone signed in may propose an organisation; it starts unverified. */
export const proposeOrganisationSchema = z.strictObject({
  name: organisationNameSchema,
  stakeholderGroup: z.enum(STAKEHOLDER_GROUPS),
  membership: z.enum(MEMBERSHIPS),
  country: countrySchema,
  region: z.enum(REGIONS),
});
export type ProposeOrganisationInput = z.infer<typeof proposeOrganisationSchema>;

export const verifyOrganisationSchema = z.strictObject({ verified: z.boolean().default(true) });
export type VerifyOrganisationInput = z.infer<typeof verifyOrganisationSchema>;

/** Joining is for oneself only: the body names nobody. */
export const joinOrganisationSchema = z.strictObject({});

/** Set by the secretariat or the organisation's admin. */
export const updateMemberSchema = z
  .strictObject({ focalPoint: z.boolean().optional(), orgAdmin: z.boolean().optional() })
  .refine((v) => v.focalPoint !== undefined || v.orgAdmin !== undefined, 'give focalPoint or orgAdmin');
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

export interface OrganisationMemberView {
  userId: string;
  displayName: string;
  isFocalPoint: boolean;
  isOrgAdmin: boolean;
}

export type { OrganisationView };

/** The admin's changes to an account. */
export const updateUserSchema = z
  .strictObject({ platformRole: z.enum(PLATFORM_ROLES).optional(), disabled: z.boolean().optional() })
  .refine((v) => v.platformRole !== undefined || v.disabled !== undefined, 'give platformRole or disabled');
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const listUsersQuerySchema = z.strictObject({
  q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
});

export interface UserAdminView {
  id: string;
  email: string;
  displayName: string;
  platformRole: PlatformRole;
  disabled: boolean;
  organisationId: string | null;
}

export const consultationRoleSchema = z.strictObject({ role: z.enum(CONSULTATION_ROLES) });
export type ConsultationRoleInput = z.infer<typeof consultationRoleSchema>;

export interface ConsultationRoleView {
  consultationId: string;
  userId: string;
  displayName: string;
  email: string;
  role: ConsultationRole;
}
