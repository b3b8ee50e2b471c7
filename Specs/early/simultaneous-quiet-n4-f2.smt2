; Simultaneous consensus whose failure-free runs decide by round F (one round early); n = 4, F = 2, R = F+1. Dwork and Moses: a simultaneous decision in a failure-free run must wait for round F+1.
(set-info :processes 4)
(set-info :faulty 2)
(set-info :rounds 3)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 4)
(set-info :messages 2)
(set-info :round-aware true)
(set-info :early-decision true)
(set-info :expect unrealizable)

; Correct processes decide alike.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
; If every process starts with v, every process that decides decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))
; Every correct process decides (with early decision the spec says so itself).
(define-fun termination () Bool
  (forall ((i Proc)) (=> (correct i) (decided i))))
; Simultaneous agreement: correct processes decide in the same round.
(define-fun simultaneous () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision-round i) (decision-round j)))))
; In failure-free runs, decide by round F.
(define-fun quiet () Bool
  (=> (= faults 0) (forall ((i Proc)) (<= (decision-round i) 2))))

(assert agreement)
(assert validity)
(assert termination)
(assert simultaneous)
(assert quiet)
