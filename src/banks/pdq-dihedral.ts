/**
 * The 8 rotations and mirrors of an image, applied to its 16x16 PDQ coefficients instead of its pixels.
 * Basis function u of the DCT (u = 1..16, stored at index u - 1) is even about the centre when u is
 * even and odd when u is odd, so mirroring an axis negates the coefficients of odd u along that axis
 * (even stored index), and swapping the axes transposes the matrix.
 */

export const DIHEDRAL_NAMES = ['original', 'rotate90', 'rotate180', 'rotate270', 'flipX', 'flipY', 'flipPlus1', 'flipMinus1'] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

interface Transform {
  /** Swap rows and columns (rotations by 90/270 and the diagonal mirrors). */
  transpose: boolean;
  /** Negate coefficients of odd frequency along the vertical axis (even row index). */
  mirrorRows: boolean;
  /** Negate coefficients of odd frequency along the horizontal axis (even column index). */
  mirrorCols: boolean;
}

// Which axis is mirrored is named in the source image's frame, before any transpose.
const TRANSFORMS: Record<DihedralName, Transform> = {
  original: { transpose: false, mirrorRows: false, mirrorCols: false },
  rotate90: { transpose: true, mirrorRows: false, mirrorCols: true },
  rotate180: { transpose: false, mirrorRows: true, mirrorCols: true },
  rotate270: { transpose: true, mirrorRows: true, mirrorCols: false },
  flipX: { transpose: false, mirrorRows: true, mirrorCols: false },
  flipY: { transpose: false, mirrorRows: false, mirrorCols: true },
  flipPlus1: { transpose: true, mirrorRows: false, mirrorCols: false },
  flipMinus1: { transpose: true, mirrorRows: true, mirrorCols: true },
};

const N = 16;

/** The coefficients the transformed image would have (up to the blur grid's asymmetry). */
export function dihedralCoefficients(coeffs: Float64Array, name: DihedralName): Float64Array {
  const t = TRANSFORMS[name];
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let v = coeffs[i * N + j];
      if (t.mirrorRows && (i & 1) === 0) v = -v;
      if (t.mirrorCols && (j & 1) === 0) v = -v;
      out[t.transpose ? j * N + i : i * N + j] = v;
    }
  }
  return out;
}
