;; Exact-search kernel: out[r] = dot(matrix row r, query) for r in [0, n), f32x4 SIMD, 8 floats per step.
;; Requires dim % 8 == 0 (CLIP dims 256/512/768/1024 are). Assemble: wat2wasm dot-kernel.wat
;; and paste the base64 of the result into dot-kernel.ts (the build does not need wabt).
(module
  (memory (export "memory") 1)
  (func (export "scores") (param $m i32) (param $n i32) (param $dim i32) (param $q i32) (param $out i32)
    (local $r i32) (local $end i32) (local $qp i32) (local $a v128) (local $b v128)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $a (v128.const f32x4 0 0 0 0))
        (local.set $b (v128.const f32x4 0 0 0 0))
        (local.set $qp (local.get $q))
        (local.set $end (i32.add (local.get $m) (i32.shl (local.get $dim) (i32.const 2))))
        (block $rowdone
          (loop $cols
            (br_if $rowdone (i32.ge_u (local.get $m) (local.get $end)))
            (local.set $a (f32x4.add (local.get $a) (f32x4.mul (v128.load (local.get $m)) (v128.load (local.get $qp)))))
            (local.set $b (f32x4.add (local.get $b) (f32x4.mul (v128.load offset=16 (local.get $m)) (v128.load offset=16 (local.get $qp)))))
            (local.set $m (i32.add (local.get $m) (i32.const 32)))
            (local.set $qp (i32.add (local.get $qp) (i32.const 32)))
            (br $cols)))
        (local.set $a (f32x4.add (local.get $a) (local.get $b)))
        (f32.store (local.get $out)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a)))
            (f32.add (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a)))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))
)
