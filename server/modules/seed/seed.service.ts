import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { emitInOrder } from '../../common/emit-in-order.js';
import { AppConfig } from '../../config/app-config.service.js';
import { hashPassword } from '../auth/passwords.js';
import { ConsultationRoleGrant } from '../consultations/consultation-role.entity.js';
import { Consultation } from '../consultations/consultation.entity.js';
import { ConsultationOption } from '../consultations/option.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Round } from '../rounds/round.entity.js';
import { User } from '../users/user.entity.js';
import {
  DEMO_ACCOUNTS,
  DEMO_CONSULTATION,
  DEMO_DRAFT,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
} from './demo-content.js';

/**
 * Emitted when the demo round exists, so the draft's owner (collaboration) can write its first text, and the
 * annotations and positions modules what people said in the round. `options` are in the consultation's order;
 * `users` are the demo accounts by email, each with its `organisation` (null when it has none).
 */
export class DemoRoundSeeded {
  constructor(
    readonly round: Round,
    readonly options: ConsultationOption[],
    readonly draft: typeof DEMO_DRAFT,
    readonly users: ReadonlyMap<string, User>,
    readonly manager: EntityManager,
  ) {}
}

/**
 * First-start data: the platform administrator from ADMIN_EMAIL / ADMIN_PASSWORD, and the demo consultation
 * on an empty database. Both run under an advisory lock, so two nodes starting together seed once.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('consulta.seed'))`);
      await this.ensureAdmin(tx);
      if (this.config.get('SEED_DEMO')) await this.seedDemo(tx);
    });
  }

  private async ensureAdmin(tx: EntityManager) {
    const email = this.config.get('ADMIN_EMAIL')?.toLowerCase();
    const password = this.config.get('ADMIN_PASSWORD');
    if (!email || !password) return;
    const users = tx.getRepository(User);
    if (await users.existsBy({ platformRole: 'admin' })) return;
    const existing = await users.findOneBy({ email });
    if (existing) {
      await users.update({ id: existing.id }, { platformRole: 'admin' });
    } else {
      await users.save(
        users.create({
          email,
          displayName: 'Administrator',
          passwordHash: await hashPassword(password),
          platformRole: 'admin',
        }),
      );
    }
    this.logger.log(`Platform administrator ${email} is ready`);
  }

  /** Seeds only an empty database: a deployment that has any consultation is never touched. */
  async seedDemo(tx: EntityManager): Promise<void> {
    if ((await tx.getRepository(Consultation).count()) > 0) return;
    const orgs = new Map<string, Organisation>();
    for (const o of DEMO_ORGANISATIONS) {
      orgs.set(o.name, await tx.getRepository(Organisation).save({ ...o, verified: true }));
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users: { user: User; chair: boolean }[] = [];
    for (const a of DEMO_ACCOUNTS) {
      const user = await tx.getRepository(User).save(
        tx.getRepository(User).create({
          email: a.email,
          displayName: a.displayName,
          passwordHash,
          platformRole: a.platformRole ?? 'user',
          organisationId: a.organisation ? orgs.get(a.organisation)!.id : null,
          isFocalPoint: !!a.focalPoint,
          ...(a.personal ?? {}),
        }),
      );
      user.organisation = a.organisation ? orgs.get(a.organisation)! : null;
      users.push({ user, chair: !!a.chair });
    }
    const secretariat = users.find((u) => u.user.platformRole === 'secretariat')!.user;
    const consultation = await tx.getRepository(Consultation).save({
      title: DEMO_CONSULTATION.title,
      question: DEMO_CONSULTATION.question,
      description: DEMO_CONSULTATION.description,
      visibility: 'public',
      participation: 'all_stakeholders',
      createdById: secretariat.id,
    });
    const options = await tx.getRepository(ConsultationOption).save(
      DEMO_CONSULTATION.options.map((o, i) => ({
        ...o,
        consultationId: consultation.id,
        sortOrder: i + 1,
      })),
    );
    for (const { user, chair } of users) {
      if (chair) {
        await tx
          .getRepository(ConsultationRoleGrant)
          .save({ consultationId: consultation.id, userId: user.id, role: 'chair' });
      }
    }
    // Opened the day before, so that what people said in it (seeded by the listeners) comes after it opened.
    const day = 24 * 3600 * 1000;
    const openedAt = new Date(Date.now() - day);
    const round = await tx.getRepository(Round).save({
      consultationId: consultation.id,
      number: 1,
      status: 'open',
      openedAt,
      closesAt: new Date(openedAt.getTime() + 30 * day),
    });
    const byEmail = new Map(users.map(({ user }) => [user.email, user]));
    await emitInOrder(
      this.events,
      'demo.roundSeeded',
      new DemoRoundSeeded(round, options, DEMO_DRAFT, byEmail, tx),
    );
    this.logger.log(
      `Seeded the demo consultation "${consultation.title}" with ${users.length} demo accounts`,
    );
  }
}
