import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Threads, comments and their revisions; flags and the moderation log; notifications and the email outbox. */
export class Annotations1764300500000 implements MigrationInterface {
  name = 'Annotations1764300500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "comment_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "comment_id" uuid NOT NULL, "body" text NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc0332e55296986d300413ff053" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4eecc11a07ab668994e90b29e2" ON "comment_revisions"  ("comment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "thread_id" uuid NOT NULL, "round_id" uuid NOT NULL, "consultation_id" uuid NOT NULL, "author_id" uuid, "body" text NOT NULL, "state" text NOT NULL DEFAULT 'visible', "official" boolean NOT NULL DEFAULT false, "mention_ids" uuid array NOT NULL DEFAULT '{}', "edited_at" TIMESTAMP WITH TIME ZONE, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "hidden_reason" text, "hidden_by_id" uuid, "hidden_at" TIMESTAMP WITH TIME ZONE, "carried_from_comment_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e6e1a4112a7808c18d0b8eb2c9" ON "comments"  ("round_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_c15f9b73e44e01a5e0f11817f9" ON "comments"  ("thread_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "threads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "round_id" uuid NOT NULL, "target" text NOT NULL, "option_id" uuid, "anchor_start" text, "anchor_end" text, "quote_exact" text, "quote_prefix" text, "quote_suffix" text, "status" text NOT NULL DEFAULT 'open', "author_id" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by_id" uuid, "carried_from_thread_id" uuid, "carried_from_round_id" uuid, "carried_from_round_number" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8a74804c34fc3900502cd27275" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_24bac3dc5cd44b43015e452140" ON "threads"  ("consultation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a672c492919b90ee46d11d058a" ON "threads"  ("round_id", "updated_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "comment_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "comment_id" uuid NOT NULL, "consultation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8cfc54ed41b4270f518003c45e1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1cf48809958eb994dec5c21e0a" ON "comment_flags"  ("consultation_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ab696fee4df8aa3350b30b0316" ON "comment_flags"  ("comment_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "moderation_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "round_id" uuid NOT NULL, "comment_id" uuid NOT NULL, "action" text NOT NULL, "reason" text NOT NULL, "moderator_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d259906fb4d2a5ef718f1f66e35" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bc90da9528231aa75d2a5953f3" ON "moderation_actions"  ("consultation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "email_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "to_address" text NOT NULL, "subject" text NOT NULL, "body_text" text NOT NULL, "notification_id" uuid, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b6fbfc201f705fbf1ac87bd7197" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_069e1c65131f7564b01a179cec" ON "email_outbox"  ("sent_at", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "consultation_id" uuid, "round_id" uuid, "thread_id" uuid, "comment_id" uuid, "text" text NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_310667f935698fcd8cb319113a" ON "notifications"  ("user_id", "created_at") `,
    );
    // Foreign keys the generator does not know about (ids are plain columns in the entities).
    await queryRunner.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_threads_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_threads_consultation" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_threads_option" FOREIGN KEY ("option_id") REFERENCES "options"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_threads_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_threads_carried_from" FOREIGN KEY ("carried_from_thread_id") REFERENCES "threads"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_comments_thread" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_comments_round" FOREIGN KEY ("round_id") REFERENCES "rounds"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_comments_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_revisions" ADD CONSTRAINT "FK_comment_revisions_comment" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_flags" ADD CONSTRAINT "FK_comment_flags_comment" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "comment_flags" ADD CONSTRAINT "FK_comment_flags_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_actions" ADD CONSTRAINT "FK_moderation_actions_comment" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_actions" ADD CONSTRAINT "FK_moderation_actions_consultation" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_outbox" ADD CONSTRAINT "FK_email_outbox_notification" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE SET NULL`,
    );
    // Full-text search over a round's comments ('simple': no language-specific stemming, six UN languages).
    await queryRunner.query(
      `CREATE INDEX "IDX_comments_body_fts" ON "comments" USING GIN (to_tsvector('simple', "body"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_comments_thread_fk" ON "comments" ("thread_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_email_outbox_unsent" ON "email_outbox" ("created_at") WHERE "sent_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_email_outbox_unsent"`);
    await queryRunner.query(`DROP INDEX "IDX_comments_thread_fk"`);
    await queryRunner.query(`DROP INDEX "IDX_comments_body_fts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_310667f935698fcd8cb319113a"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_069e1c65131f7564b01a179cec"`);
    await queryRunner.query(`DROP TABLE "email_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bc90da9528231aa75d2a5953f3"`);
    await queryRunner.query(`DROP TABLE "moderation_actions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ab696fee4df8aa3350b30b0316"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1cf48809958eb994dec5c21e0a"`);
    await queryRunner.query(`DROP TABLE "comment_flags"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a672c492919b90ee46d11d058a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_24bac3dc5cd44b43015e452140"`);
    await queryRunner.query(`DROP TABLE "threads"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c15f9b73e44e01a5e0f11817f9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e6e1a4112a7808c18d0b8eb2c9"`);
    await queryRunner.query(`DROP TABLE "comments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4eecc11a07ab668994e90b29e2"`);
    await queryRunner.query(`DROP TABLE "comment_revisions"`);
  }
}
