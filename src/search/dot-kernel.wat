;; Search kernel: out[r] = dot(matrix row r, query) for r in [0, n), exact integer arithmetic.
;; Matrix rows are int8 (dim bytes each), the query is int8 values widened to int16 (dim * 2 bytes),
;; out is int32. Per 16 columns: one load of 16 int8, widened to two i16x8, two i32x4.dot_i16x8_s.
;; Requires dim % 16 == 0 (CLIP dims 256/512/768/1024 are). Assemble: wat2wasm dot-kernel.wat
;; and paste the base64 of the result into dot-kernel.ts (the build does not need wabt).
(module
  (memory (export "memory") 1)
  (func (export "scores") (param $m i32) (param $n i32) (param $dim i32) (param $q i32) (param $out i32)
    (local $r i32) (local $end i32) (local $qp i32) (local $row v128) (local $a v128) (local $b v128)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $a (v128.const i32x4 0 0 0 0))
        (local.set $b (v128.const i32x4 0 0 0 0))
        (local.set $qp (local.get $q))
        (local.set $end (i32.add (local.get $m) (local.get $dim)))
        (block $rowdone
          (loop $cols
            (br_if $rowdone (i32.ge_u (local.get $m) (local.get $end)))
            (local.set $row (v128.load (local.get $m)))
            (local.set $a (i32x4.add (local.get $a)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $row)) (v128.load (local.get $qp)))))
            (local.set $b (i32x4.add (local.get $b)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $row)) (v128.load offset=16 (local.get $qp)))))
            (local.set $m (i32.add (local.get $m) (i32.const 16)))
            (local.set $qp (i32.add (local.get $qp) (i32.const 32)))
            (br $cols)))
        (local.set $a (i32x4.add (local.get $a) (local.get $b)))
        (i32.store (local.get $out)
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $a)) (i32x4.extract_lane 1 (local.get $a)))
            (i32.add (i32x4.extract_lane 2 (local.get $a)) (i32x4.extract_lane 3 (local.get $a)))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))
)
