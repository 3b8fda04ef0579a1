import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The options a round put to stakeholders, in the order they stood, fixed when the round opened. An option on
 * record here keeps its label and description for good (positions refer to what it said); later rounds may
 * reorder or retire options without touching this round's account.
 */
@Entity('round_options')
export class RoundOption {
  @PrimaryColumn({ type: 'uuid' })
  roundId: string;

  @Index('IDX_round_options_option')
  @PrimaryColumn({ type: 'uuid' })
  optionId: string;

  @Column({ type: 'int' })
  sortOrder: number;
}
