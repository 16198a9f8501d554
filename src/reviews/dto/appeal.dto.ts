import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateAppealDto {
  @ApiProperty({ description: "The appellant's reason, shown to the moderator who takes the review item", maxLength: 4000, example: 'This is a kitchen knife in a cooking tutorial.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}
