export { ClipModule } from './clip.module';
export type { ClipModuleAsyncOptions } from './clip.module';
export { ClipService } from './clip.service';
export { CLIP_OPTIONS } from './clip.options';
export type { ClipOptions } from './clip.options';
export { ClipError, ModelLoadError } from './clip.types';
export type { ClipErrorCode, ClipStats, ImageEmbedding, ModelInfo, TokenizedText } from './clip.types';
export type { ImageInput } from './image-preprocessor';
export { dtypeSuffix, modelFiles } from './model-folder';
