import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsIssuedId } from '../../common/dto-transforms';
import type { Bank } from '../banks.repository';
import { MAX_BANK_NAME_LENGTH } from '../signal-format';

export const BANK_ACTIONS = ['block', 'flag', 'blur'] as const;
export const BANK_MODES = ['enforce', 'shadow'] as const;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// A bank name travels in files and on the command line: no separators, quotes or control characters.
const NAME = /^[^,;"#\p{Cc}]+$/u;

export class BankIdParam {
  @ApiProperty({ description: 'The bank id (UUID)', format: 'uuid' })
  @IsIssuedId()
  id!: string;
}

class BankSettings {
  @ApiPropertyOptional({ description: 'PDQ matches at Hamming distance <= this (of 256 bits)', minimum: 0, maximum: 128, default: 31 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(128)
  distance_threshold?: number;

  @ApiPropertyOptional({ description: 'Uploads whose PDQ quality is below this are not matched by PDQ (flat images collide)', minimum: 0, maximum: 100, default: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  min_quality?: number;

  @ApiPropertyOptional({ enum: BANK_MODES, default: 'enforce', description: 'shadow: matches are recorded as evidence and never change the decision' })
  @IsOptional()
  @IsIn(BANK_MODES)
  mode?: Bank['mode'];

  @ApiPropertyOptional({ default: true, description: 'A disabled bank matches nothing' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ default: false, description: "Also match the 8 rotations and mirrors of the upload's PDQ" })
  @IsOptional()
  @IsBoolean()
  dihedral?: boolean;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -1, maximum: 1, description: 'Match entries stored with an image embedding at cosine >= this; null: no embedding matching. Default for a new bank: BANKS_EMBEDDING_THRESHOLD (0.93, measured with the demo model: docs/hashing.md)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1)
  @Max(1)
  embedding_threshold?: number | null;
}

export class CreateBankDto extends BankSettings {
  @ApiProperty({ description: 'Unique name (used in bank files and the CLI)', maxLength: MAX_BANK_NAME_LENGTH, example: 'known-bad' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BANK_NAME_LENGTH)
  @Matches(NAME, { message: 'name may not hold commas, semicolons, quotes, # or control characters' })
  name!: string;

  @ApiProperty({ enum: BANK_ACTIONS, description: 'What a match does to the decision (the most severe action wins, with the CLIP policies)' })
  @IsIn(BANK_ACTIONS)
  action!: Bank['action'];
}

export class UpdateBankDto extends BankSettings {
  @ApiPropertyOptional({ maxLength: MAX_BANK_NAME_LENGTH })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BANK_NAME_LENGTH)
  @Matches(NAME, { message: 'name may not hold commas, semicolons, quotes, # or control characters' })
  name?: string;

  @ApiPropertyOptional({ enum: BANK_ACTIONS })
  @IsOptional()
  @IsIn(BANK_ACTIONS)
  action?: Bank['action'];
}

export class BankView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: BANK_ACTIONS }) action!: string;
  @ApiProperty() distance_threshold!: number;
  @ApiProperty() min_quality!: number;
  @ApiProperty({ enum: BANK_MODES }) mode!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() dihedral!: boolean;
  @ApiProperty({ type: Number, nullable: true }) embedding_threshold!: number | null;
  @ApiProperty({ description: 'Live entries' }) entries!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class BankListView {
  @ApiProperty({ type: [BankView] }) items!: BankView[];
}

export class BankDeletedView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Entries soft-deleted with the bank' }) entries_deleted!: number;
}
