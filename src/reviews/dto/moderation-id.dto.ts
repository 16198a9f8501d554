import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ModerationIdParams {
  @ApiProperty({ description: 'A moderation id', format: 'uuid' })
  @IsUUID()
  id!: string;
}
