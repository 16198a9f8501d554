// libvips reads VIPS_BLOCK_UNTRUSTED when it starts (when sharp is first loaded): every loader it
// marks untrusted (SVG, PDF, ImageMagick, Matlab, FITS, ...) is then off, in addition to the explicit
// loader allowlist in image-codec.ts. Imported first by main.ts. An operator's own value wins.
process.env.VIPS_BLOCK_UNTRUSTED ??= '1';
export {};
