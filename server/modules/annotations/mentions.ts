import type { EntityManager } from 'typeorm';
import { invalid } from '../../common/errors.js';
import type { RoundScope } from './round-access.js';

/**
 * The mentioned people, checked: each must be an active account who may read this consultation (anyone on a
 * public one; enrolled people or the secretariat on a restricted one). Unknown ids are a 400, not a silent drop.
 */
export async function checkMentions(
  manager: EntityManager,
  scope: RoundScope,
  ids: string[],
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows: { id: string }[] = await manager.query(
    `SELECT u.id FROM users u
      WHERE u.id = ANY($1::uuid[]) AND u.disabled_at IS NULL
        AND ($2 = 'public' OR u.platform_role = 'secretariat'
             OR EXISTS (SELECT 1 FROM consultation_roles r WHERE r.consultation_id = $3 AND r.user_id = u.id))`,
    [unique, scope.consultation.visibility, scope.consultation.id],
  );
  if (rows.length !== unique.length) {
    throw invalid('mentions: some of the mentioned people do not exist or cannot read this consultation');
  }
  return unique;
}

/** Marks a thread changed (any reply, edit, hide…), so a reconnecting client's `?since=` finds it. */
export async function touchThread(manager: EntityManager, threadId: string) {
  await manager.query(`UPDATE threads SET updated_at = clock_timestamp() WHERE id = $1`, [threadId]);
}
