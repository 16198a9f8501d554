import { Module } from '@nestjs/common';
import { DecodePriority } from './decode-priority';
import { ImageCodec } from './image-codec';
import { MediaService } from './media.service';

@Module({ providers: [ImageCodec, MediaService, DecodePriority], exports: [MediaService] })
export class MediaModule {}
