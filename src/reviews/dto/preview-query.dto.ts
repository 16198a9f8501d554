import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToInt } from '../../common/dto-transforms';

/** GET /v1/moderations/{id}/preview */
export class PreviewQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100000,
    description: 'Animations: the frame to preview (0-based, below image.frames; the `frames[].frame` numbers of the record). Absent: the first frame. 400 not_animated for a still image, 404 frame_not_found past the last frame',
    example: 3,
  })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(100000)
  frame?: number;
}
