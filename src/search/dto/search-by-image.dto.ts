import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class SearchByImageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'comma-separated: allow,flag,blur,block', example: 'flag,block' })
  @IsOptional()
  @IsString()
  @Matches(/^(allow|flag|blur|block)(,(allow|flag|blur|block))*$/, { message: 'decision must be a comma-separated list of allow, flag, blur, block' })
  decision?: string;

  @ApiPropertyOptional({ description: 'only records where this policy fired' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  policy?: string;
}
