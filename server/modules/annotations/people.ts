import type { EntityManager } from 'typeorm';
import type { StakeholderGroup } from '../../../shared/domain.js';
import type { PersonView } from '../../../shared/schemas/annotations.js';

/**
 * Display names, organisations and stakeholder groups of the given users, in one query. The stakeholder group
 * is the organisation's, or the personal profile's for someone taking part in a personal capacity.
 */
export async function loadPeople(
  manager: EntityManager,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, PersonView>> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id))];
  const people = new Map<string, PersonView>();
  if (unique.length === 0) return people;
  const rows: {
    id: string;
    display_name: string;
    organisation: string | null;
    group: StakeholderGroup | null;
  }[] = await manager.query(
    `SELECT u.id, u.display_name, o.name AS organisation,
            COALESCE(o.stakeholder_group, u.stakeholder_group) AS "group"
       FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id
      WHERE u.id = ANY($1::uuid[])`,
    [unique],
  );
  for (const r of rows) {
    people.set(r.id, {
      id: r.id,
      displayName: r.display_name,
      organisation: r.organisation,
      stakeholderGroup: r.group,
    });
  }
  return people;
}
