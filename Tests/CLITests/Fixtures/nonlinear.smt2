; Fermat's cubic case when p0 decides 0: true, but Z3's nonlinear arithmetic cannot settle it, so
; each such outcome query runs to --solver-timeout (10 s by default). Used to test Ctrl-C.
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)
(define-fun flt3 () Bool
  (=> (= (decision p0) 0)
      (forall ((x Int) (y Int) (z Int))
        (=> (and (> x 0) (> y 0) (> z 0)) (not (= (+ (* x x x) (* y y y)) (* z z z)))))))
(assert flt3)
