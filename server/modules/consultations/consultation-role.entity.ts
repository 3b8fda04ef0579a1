import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ConsultationRole } from '../../../shared/domain.js';

/** A person's role within one consultation: chair, participant or observer. */
@Entity('consultation_roles')
export class ConsultationRoleGrant {
  @PrimaryColumn({ type: 'uuid' })
  consultationId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: ConsultationRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
