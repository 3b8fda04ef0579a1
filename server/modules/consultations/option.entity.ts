import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Consultation } from './consultation.entity.js';

/** One choice of the consultation's question. Retired, never deleted, once positions may refer to it. */
@Entity('options')
export class ConsultationOption {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consultationId: string;

  @ManyToOne(() => Consultation, (c) => c.options, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id' })
  consultation?: Consultation;

  @Column({ type: 'int' })
  sortOrder: number;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
