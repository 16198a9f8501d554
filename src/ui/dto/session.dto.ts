import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ description: 'An API key from API_KEYS with the moderator, policy-admin or admin role (ingest keys cannot sign in)', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  apiKey!: string;
}

export class SessionView {
  @ApiProperty({ description: 'The API key name the session acts as', example: 'mod-a' })
  name!: string;

  @ApiProperty({ type: [String], example: ['moderator'] })
  roles!: string[];

  @ApiProperty({ description: 'Send it back in X-CSRF-Token on every state-changing call made with the session cookie' })
  csrf_token!: string;

  @ApiProperty({ format: 'date-time' })
  expires_at!: string;
}
