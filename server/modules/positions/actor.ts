import type { Capacity } from '../../../shared/schemas/positions.js';
import type { Organisation } from '../organisations/organisation.entity.js';
import type { User } from '../users/user.entity.js';

/** Who speaks and how they are classified for the tallies, as of this change. */
export interface Actor {
  key: string;
  capacity: Capacity;
  userId: string | null;
  organisationId: string | null;
  stakeholderGroup: string | null;
  membership: string | null;
  country: string | null;
  region: string | null;
}

/** The organisation, spoken for by one of its focal points. */
export function organisationActor(org: Organisation): Actor {
  return {
    key: `org:${org.id}`,
    capacity: 'organisation',
    userId: null,
    organisationId: org.id,
    stakeholderGroup: org.stakeholderGroup,
    membership: org.membership,
    country: org.country,
    region: org.region,
  };
}

/**
 * The person in their own name. Classified as their organisation when they have one, else by their own
 * profile (the same rule as the principal's membership). `user.organisation` must be loaded.
 */
export function personalActor(user: User): Actor {
  const org = user.organisation;
  return {
    key: `user:${user.id}`,
    capacity: 'personal',
    userId: user.id,
    organisationId: null,
    stakeholderGroup: org?.stakeholderGroup ?? user.stakeholderGroup,
    membership: org?.membership ?? user.membership,
    country: org?.country ?? user.country,
    region: org?.region ?? user.region,
  };
}
