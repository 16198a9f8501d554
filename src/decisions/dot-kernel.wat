;; Decision-engine kernel: out[r] = dot(rows[r], query) for $n rows of $dim f32 each ($dim a multiple
;; of 4), written as f64: the cosines between one L2-normalised image embedding and every distinct
;; prompt vector of a policy set. Each f32 product and sum is taken in f64 after promotion, as the
;; engine's JS loop does (the f32 inputs' products are exact in f64), so only the order of the
;; additions differs from it: two f64x2 partial sums per row, added at the end.
;; Assemble: wat2wasm dot-kernel.wat and paste the base64 of the result into dot-kernel.ts
;; (the build does not need wabt).
(module
  (memory (export "memory") 1)
  (func (export "dots") (param $rows i32) (param $n i32) (param $dim i32) (param $query i32) (param $out i32)
    (local $r i32) (local $i i32) (local $bytes i32) (local $a v128) (local $b v128) (local $lo v128) (local $hi v128)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 2)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $lo (v128.const i64x2 0 0))
        (local.set $hi (v128.const i64x2 0 0))
        (local.set $i (i32.const 0))
        (block $row_done
          (loop $col
            (br_if $row_done (i32.ge_u (local.get $i) (local.get $bytes)))
            (local.set $a (v128.load (i32.add (local.get $rows) (local.get $i))))
            (local.set $b (v128.load (i32.add (local.get $query) (local.get $i))))
            (local.set $lo (f64x2.add (local.get $lo)
              (f64x2.mul (f64x2.promote_low_f32x4 (local.get $a)) (f64x2.promote_low_f32x4 (local.get $b)))))
            (local.set $hi (f64x2.add (local.get $hi)
              (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
                         (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b))))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $col)))
        (local.set $lo (f64x2.add (local.get $lo) (local.get $hi)))
        (f64.store (local.get $out)
          (f64.add (f64x2.extract_lane 0 (local.get $lo)) (f64x2.extract_lane 1 (local.get $lo))))
        (local.set $rows (i32.add (local.get $rows) (local.get $bytes)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))
)
