; n = 63 processes, 62 crashes (more raw executions than a Double holds), and a property that
; any crash violates: the JSON must still hold the verdict and the counterexample.
(set-info :processes 63)
(set-info :crashes 62)
(set-info :rounds 1)
(set-info :inputs 1)
(set-info :decisions 1)
(define-fun no-crash () Bool (forall ((i Proc)) (correct i)))
(assert no-crash)
