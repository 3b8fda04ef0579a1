import { z } from 'zod';
import { MEMBERSHIPS, REGIONS, STAKEHOLDER_GROUPS } from '../domain.js';

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((e) => e.toLowerCase());

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine(
    (v) => !/[<>]/.test(v) && ![...v].some((ch) => ch.charCodeAt(0) < 32),
    'must not contain control characters or angle brackets',
  );

export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

export const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR');

/** Personal-capacity profile: what counts in tallies when the user speaks for no organisation. */
export const profileSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  stakeholderGroup: z.enum(STAKEHOLDER_GROUPS).nullable().optional(),
  membership: z.enum(MEMBERSHIPS).nullable().optional(),
  country: countrySchema.nullable().optional(),
  region: z.enum(REGIONS).nullable().optional(),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export const registerSchema = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
  stakeholderGroup: z.enum(STAKEHOLDER_GROUPS).optional(),
  membership: z.enum(MEMBERSHIPS).optional(),
  country: countrySchema.optional(),
  region: z.enum(REGIONS).optional(),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.strictObject({
  email: z
    .string({ message: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(254, 'must be at most 254 characters')
    .transform((e) => e.toLowerCase()),
  password: z.string({ message: 'is required' }).min(1, 'is required').max(200, 'is too long'),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const refreshSchema = z.strictObject({ refreshToken: z.string().max(200).optional() });

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** What sign-in, registration and refresh answer. */
export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: number;
  user: MeView;
}

export interface OrganisationView {
  id: string;
  name: string;
  stakeholderGroup: string;
  membership: string;
  country: string;
  region: string;
  verified: boolean;
}

export interface MeView {
  id: string;
  email: string;
  displayName: string;
  platformRole: 'user' | 'secretariat' | 'admin';
  organisation: OrganisationView | null;
  /** Set by the secretariat or the organisation's admin; it counts only once the organisation is verified. */
  isFocalPoint: boolean;
  /** Administers the organisation: sets its focal points. */
  isOrgAdmin: boolean;
  stakeholderGroup: string | null;
  membership: string | null;
  country: string | null;
  region: string | null;
}
