import { Module } from '@nestjs/common';
import { ImageCodec } from './image-codec';
import { MediaService } from './media.service';

@Module({ providers: [ImageCodec, MediaService], exports: [MediaService] })
export class MediaModule {}
