;; PDQ index kernel: for each of n 32-byte hashes from $hashes, the Hamming distance to the 32-byte
;; $query; every hash within $max is written to $out as two i32 (index, distance). Stops after $cap
;; hits and returns the number written (the caller resumes after the last index written).
;; Per hash: two 16-byte loads, xor, i8x16.popcnt, lanes summed by pairwise widening adds.
;; Assemble: wat2wasm hamming-kernel.wat and paste the base64 of the result into hamming-kernel.ts
;; (the build does not need wabt).
(module
  (memory (export "memory") 1)
  (func (export "scan") (param $hashes i32) (param $n i32) (param $query i32) (param $max i32) (param $out i32) (param $cap i32) (result i32)
    (local $i i32) (local $found i32) (local $d i32) (local $q0 v128) (local $q1 v128) (local $s v128)
    (local.set $q0 (v128.load (local.get $query)))
    (local.set $q1 (v128.load offset=16 (local.get $query)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s
          (i32x4.extadd_pairwise_i16x8_u
            (i16x8.extadd_pairwise_i8x16_u
              (i8x16.add
                (i8x16.popcnt (v128.xor (v128.load (local.get $hashes)) (local.get $q0)))
                (i8x16.popcnt (v128.xor (v128.load offset=16 (local.get $hashes)) (local.get $q1)))))))
        (local.set $d
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $s)) (i32x4.extract_lane 1 (local.get $s)))
            (i32.add (i32x4.extract_lane 2 (local.get $s)) (i32x4.extract_lane 3 (local.get $s)))))
        (if (i32.le_u (local.get $d) (local.get $max))
          (then
            (i32.store (local.get $out) (local.get $i))
            (i32.store offset=4 (local.get $out) (local.get $d))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))
            (local.set $found (i32.add (local.get $found) (i32.const 1)))
            (br_if $done (i32.ge_u (local.get $found) (local.get $cap)))))
        (local.set $hashes (i32.add (local.get $hashes) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $found))
)
