import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { CLIP_OPTIONS, ClipOptions } from './clip.options';
import { ClipService } from './clip.service';

export interface ClipModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  useFactory: (...args: any[]) => ClipOptions | Promise<ClipOptions>;
  inject?: any[];
}

/** Provides the one ClipService; options come from the app's validated config through CLIP_OPTIONS. */
@Module({})
export class ClipModule {
  static forRoot(factory: () => ClipOptions): DynamicModule {
    return ClipModule.forRootAsync({ useFactory: factory });
  }

  static forRootAsync(options: ClipModuleAsyncOptions): DynamicModule {
    return {
      module: ClipModule,
      global: false,
      imports: options.imports ?? [],
      providers: [{ provide: CLIP_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }, ClipService],
      exports: [ClipService],
    };
  }
}
