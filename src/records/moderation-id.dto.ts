import { ApiProperty } from '@nestjs/swagger';
import { IsIssuedId } from '../common/dto-transforms';

/** The {id} of a moderation record, on every route that names one (jobs, previews, appeals). */
export class ModerationIdParams {
  @ApiProperty({ description: 'The moderation id (from the answer or the 202 of an async submission)', format: 'uuid', example: '5b0c7a55-3f0e-4c55-9d7e-0b7a3f1f2c10' })
  @IsIssuedId()
  id!: string;
}
