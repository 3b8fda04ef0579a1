import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PersonView } from '../../../shared/schemas/annotations.js';
import type { Principal } from '../policy/principal.js';
import { loadPeople } from './people.js';
import { RoundAccess } from './round-access.js';

/** Candidates for an @mention: people enrolled in the consultation and people who already wrote in it. */
@Injectable()
export class MentionablePeople {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: RoundAccess,
  ) {}

  async find(principal: Principal, roundId: string, q: string): Promise<PersonView[]> {
    const scope = await this.access.scope(principal, roundId);
    const rows: { id: string }[] = await this.db.query(
      `SELECT u.id FROM users u
        WHERE u.disabled_at IS NULL AND u.id <> $2
          AND (EXISTS (SELECT 1 FROM consultation_roles r WHERE r.consultation_id = $1 AND r.user_id = u.id)
               OR EXISTS (SELECT 1 FROM comments c WHERE c.consultation_id = $1 AND c.author_id = u.id))
          AND ($3 = '' OR u.display_name ILIKE '%' || $3 || '%')
        ORDER BY u.display_name LIMIT 20`,
      [scope.consultation.id, principal.userId, q.replace(/[%_\\]/g, '\\$&')],
    );
    const people = await loadPeople(
      this.db.manager,
      rows.map((r) => r.id),
    );
    return rows.map((r) => people.get(r.id)!).filter(Boolean);
  }
}
